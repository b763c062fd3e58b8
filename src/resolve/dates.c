/* Event dates from the event's own clause: the date expressions of a sentence are found once,
 * then each event takes the one attached to its trigger's clause in the tree, else the one
 * nearest its trigger, else the document date. */
#include "annalist/resolve.h"
#include "resolve/internal.h"

#include <ctype.h>
#include <stdlib.h>

typedef struct span {
    int first, last;   /* tokens, inclusive */
    char ref[11];      /* the story's reference date where the span stands ("" none) */
} span;

/* Words that may open a date expression; anything else is skipped without calling the parser
 * (digits and capitalised words are always tried). */
static const char *const openers[] = {
    "in", "early", "mid", "late", "earlier", "later", "last", "past", "next", "this",
    "yesterday", "today", "tonight", "tomorrow", "the", "a", "an", "one", "two", "three", "four",
    "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "sunday", "monday",
    "tuesday", "wednesday", "thursday", "friday", "saturday", NULL};

static int may_open(const ann_token *t)
{
    unsigned char c = (unsigned char)(t->form ? t->form[0] : 0);
    if (!c) return 0;
    if (isdigit(c) || isupper(c)) return 1;
    return ann_rs_in(t->form, openers);
}

/* The last token of s whose end lies within [start, start+len]. */
static int last_token_within(const ann_sentence *s, int first, uint32_t limit)
{
    int last = -1;
    for (int j = first; j < s->ntok && s->tok[j].end <= limit; j++) last = j;
    return last;
}

/* The date expressions of s. ref is the story's reference date so far (the latest day-precise
 * date told), which "two days later" counts from; each span keeps the one before it, and ref
 * moves on past s. */
static int find_spans(const ann_doc *d, const ann_sentence *s, span *out, int max, char ref[11])
{
    int n = 0;
    for (int i = 0; i < s->ntok && n < max; i++) {
        if (!may_open(&s->tok[i])) continue;
        ann_date dt;
        /* The tense only changes which date, never whether or how far an expression matches. */
        if (ann_resolve_date_expr_ref(d->text + s->tok[i].start, d->date, ref[0] ? ref : NULL,
                                      ANN_TENSE_UNKNOWN, &dt) != 1)
            continue;
        int last = last_token_within(s, i, s->tok[i].start + (uint32_t)dt.len);
        if (last < i) continue;
        out[n].first = i, out[n].last = last;
        memcpy(out[n].ref, ref, 11);
        if (!strcmp(dt.precision, ANN_PREC_DAY)) memcpy(ref, dt.iso, 11);
        n++;
        i = last;
    }
    return n;
}

/* Clause boundaries: a date attached above one of these belongs to another clause. xcomp is
 * not one: "agreed on Tuesday to cooperate" dates the cooperation too. */
static int clause_rel(const ann_token *t)
{
    return !t->deprel || ann_rs_rel(t, "root") || ann_rs_rel(t, "ccomp") || ann_rs_rel(t, "advcl") ||
           ann_rs_rel(t, "acl") || ann_rs_rel(t, "parataxis") || ann_rs_rel(t, "csubj") ||
           ann_rs_rel(t, "conj");
}

#define MAXPATH 64

/* The trigger and its ancestors up to its clause head. */
static int clause_path(const ann_sentence *s, int t, int *path)
{
    int n = 0;
    while (t >= 0 && n < MAXPATH) {
        path[n++] = t;
        if (clause_rel(&s->tok[t])) break;
        t = ann_rs_head(s, t);
    }
    return n;
}

static int in_path(const int *path, int n, int t)
{
    for (int i = 0; i < n; i++)
        if (path[i] == t) return 1;
    return 0;
}

static const char *const future_aux[] = {"will", "shall", "'ll", "wo", NULL};
static const char *const past_aux[] = {"had", "has", "have", "did", "was", "were", "'d", NULL};

/* Verbs whose complement lies ahead: "plans to visit", "is due to meet", "set to sign". */
static const char *const future_lemmas[] = {"plan", "schedule", "intend", "due", "set", "expect",
                                            "prepare", NULL};

/* Tense of the clause from its auxiliaries and verb tags. */
static int clause_tense(const ann_sentence *s, const int *path, int n)
{
    int past = 0;
    for (int i = 1; i < n; i++)
        if (ann_rs_rel(&s->tok[path[i - 1]], "xcomp") && ann_rs_in(ann_rs_lemma(&s->tok[path[i]]), future_lemmas))
            return ANN_TENSE_FUTURE;
    for (int i = 0; i < n; i++) {
        /* "are to travel": be + to-infinitive is a plan. */
        int be = 0, to = 0;
        for (int k = 0; k < s->ntok; k++) {
            if (ann_rs_head(s, k) != path[i]) continue;
            if (ann_rs_rel(&s->tok[k], "aux") && !strcasecmp(ann_rs_lemma(&s->tok[k]), "be")) be = 1;
            if (ann_rs_rel(&s->tok[k], "mark") && ann_rs_is(&s->tok[k], "to")) to = 1;
        }
        if (be && to) return ANN_TENSE_FUTURE;
    }
    for (int k = 0; k < s->ntok; k++) {
        const ann_token *t = &s->tok[k];
        int h = ann_rs_head(s, k);
        int on_path = in_path(path, n, k);
        if (h >= 0 && in_path(path, n, h) && (ann_rs_rel(t, "aux"))) {
            if (ann_rs_in(t->form, future_aux)) return ANN_TENSE_FUTURE;
            if (ann_rs_in(t->form, past_aux)) past = 1;
            /* "going to launch": a future even without will */
            if (ann_rs_is(t, "going")) return ANN_TENSE_FUTURE;
        }
        if (on_path && ((t->xpos && (!strcmp(t->xpos, "VBD") || !strcmp(t->xpos, "VBN"))) ||
                        (t->feats && strstr(t->feats, "Tense=Past"))))
            past = 1;
    }
    return past ? ANN_TENSE_PAST : ANN_TENSE_UNKNOWN;
}

/* 1 when some token of the span hangs from a token of the path. */
static int attached(const ann_sentence *s, const span *sp, const int *path, int n)
{
    for (int j = sp->first; j <= sp->last; j++) {
        int h = ann_rs_head(s, j);
        if (h >= sp->first && h <= sp->last) continue;
        if (h >= 0 && in_path(path, n, h)) return 1;
    }
    return 0;
}

static int dist(const span *sp, int t)
{
    if (t < sp->first) return sp->first - t;
    if (t > sp->last) return t - sp->last;
    return 0;
}

#define MAXSPANS 16

/* Reading order of events: by sentence, ties by index (qsort is not stable). */
static int by_sentence(const void *pa, const void *pb, void *events)
{
    int a = *(const int *)pa, b = *(const int *)pb;
    const ann_event *x = (const ann_event *)events + a, *y = (const ann_event *)events + b;
    if (x->sent != y->sent) return x->sent < y->sent ? -1 : 1;
    return a < b ? -1 : a > b;
}

int ann_resolve_dates(ann_doc *d, ann_err *err)
{
    ann_date probe;
    if (d->date && ann_resolve_date_expr("today", d->date, ANN_TENSE_PAST, &probe) != 1) {
        ann_err_set(err, 1, "%s: document %s: date '%s' is not YYYY-MM-DD; fix the record's date",
                    d->origin ? d->origin : "input", d->id ? d->id : "?", d->date);
        return -1;
    }
    span spans[MAXSPANS];
    int nspans = 0, spans_of = -1;
    /* Events in reading order, so the reference date ("two days later") sweeps forward once
     * through the sentences up to each event's. */
    int *order = ann_xmalloc((size_t)(d->nevent ? d->nevent : 1) * sizeof *order);
    for (int e = 0; e < d->nevent; e++) order[e] = e;
    qsort_r(order, (size_t)d->nevent, sizeof *order, by_sentence, d->event);
    char ref[11] = "";
    for (int o = 0; o < d->nevent; o++) {
        ann_event *ev = &d->event[order[o]];
        if (d->date) memcpy(ev->date, d->date, 10), ev->date[10] = 0;
        else ev->date[0] = 0;
        ev->date_precision = ANN_PREC_DOCUMENT;
        ev->date_text = NULL;
        if (ev->sent < 0 || ev->sent >= d->nsent) continue;
        const ann_sentence *s = &d->sent[ev->sent];
        if (spans_of != ev->sent) {
            /* the sentences between the last event's and this one's move the reference on */
            for (int si = spans_of + 1; si < ev->sent; si++) find_spans(d, &d->sent[si], spans, MAXSPANS, ref);
            nspans = find_spans(d, s, spans, MAXSPANS, ref);
            spans_of = ev->sent;
        }
        if (!nspans) continue;
        int t = ev->trigger_end > ev->trigger_start ? ann_rs_token_at(s, ev->trigger_start) : -1;
        int path[MAXPATH], npath = 0;
        int parsed = t >= 0 && s->tok[t].head >= 0;
        if (parsed) npath = clause_path(s, t, path);
        int best = -1, bestd = 1 << 30;
        for (int k = 0; parsed && k < nspans; k++)
            if (attached(s, &spans[k], path, npath) && dist(&spans[k], t) < bestd)
                best = k, bestd = dist(&spans[k], t);
        for (int k = 0; best < 0 && k < nspans; k++) {
            int dd = t >= 0 ? dist(&spans[k], t) : k;
            if (dd < bestd) best = k, bestd = dd;
        }
        /* Every span has at least one hit (found above), so best >= 0 here. */
        int tense = parsed ? clause_tense(s, path, npath) : ANN_TENSE_UNKNOWN;
        const ann_token *a = &s->tok[spans[best].first], *z = &s->tok[spans[best].last];
        ann_date dt;
        if (ann_resolve_date_expr_ref(d->text + a->start, d->date, spans[best].ref[0] ? spans[best].ref : NULL,
                                      tense, &dt) != 1)
            continue;
        memcpy(ev->date, dt.iso, sizeof ev->date);
        ev->date_precision = dt.precision;
        ev->date_text = ann_arena_strndup(&d->arena, d->text + a->start, z->end - a->start);
    }
    free(order);
    return 0;
}

/* Resolution over coded events: who the claim is attributed to, which denial answers which
 * claim, and which events are the same event told twice. Also the "claims and denials" table.
 *
 * Attribution: from the trigger up the tree, the first reporting structure wins: a reporting
 * verb ("said", "claimed", "emphasized" ...) whose clausal complement holds the trigger (its
 * subject's code; "The statement" without an owner takes the source of the last three
 * sentences), a claim noun ("Iran's claim that ...", "reports that ...": the event is
 * hedged), or "according to X" hanging from the trigger's ancestors. A claim whose content
 * carries may/might/reportedly is itself hedged.
 * Claims <-> denials: a denial (016, or a 12x rejection whose object is "the allegations",
 * "the reports" ...) answers the best earlier event by score: an accusation or criticism (11x)
 * +3, hedged +1, attributed +1, the denier's country among the claim sentence's actors +2
 * (the claimant's own country never denies its own claim); ties go to the latest, a score
 * below 2 links nothing. A reassurance (03x "reassured", "assured") from the denier's country
 * to the claimant answers the claim too.
 * Duplicates: same source, target (at least one of them coded), code and negation with
 * compatible dates (equal, or either only the document date): the first keeps evidence from
 * both, the later is flagged. */
#include "annalist/resolve.h"
#include "resolve/internal.h"

#include <stdlib.h>

static const char *const reporting_verbs[] = {
    "say", "said", "claim", "allege", "state", "announce", "report", "emphasize", "emphasise",
    "stress", "insist", "assert", "add", "note", "warn", "tell", "confirm", "suggest", "argue",
    "maintain", "declare", "write", "underscore", "underline", "highlight", "explain", "indicate",
    "accuse", "charge", "contend", "acknowledge", "admit", "reiterate", "believe", "think", NULL};
static const char *const claim_nouns[] = {
    "claim", "claims", "allegation", "allegations", "accusation", "accusations", "report",
    "reports", "assertion", "assertions", "suggestion", "suggestions", "charge", "charges",
    "concern", "concerns", "rumor", "rumors", "rumour", "rumours", "suspicion", "suspicions", NULL};
static const char *const statement_nouns[] = {
    "statement", "readout", "communique", "communiqué", "release", "report", "announcement",
    "declaration", "letter", "spokesman", "spokeswoman", "spokesperson", "office", NULL};
static const char *const answered_nouns[] = {
    "claim", "claims", "allegation", "allegations", "accusation", "accusations", "report",
    "reports", "charge", "charges", "suggestion", "suggestions", "assertion", "assertions",
    "rumor", "rumors", "rumour", "rumours", "story", "stories", "speculation", NULL};
static const char *const assure_lemmas[] = {
    "reassure", "reassured", "assure", "assured", "guarantee", "guaranteed", "pledge", "pledged",
    "promise", "promised", NULL};

/* Mentions by sentence (counting sort), so lookups stay linear in the sentence's mentions. */
typedef struct mindex {
    int *start;   /* start[si] .. start[si+1]-1 index idx */
    int *idx;
} mindex;

static void mindex_build(mindex *mi, const ann_doc *d)
{
    mi->start = ann_xcalloc((size_t)d->nsent + 2, sizeof *mi->start);
    mi->idx = ann_xmalloc((size_t)(d->nment ? d->nment : 1) * sizeof *mi->idx);
    for (int m = 0; m < d->nment; m++)
        if (d->ment[m].sent >= 0 && d->ment[m].sent < d->nsent) mi->start[d->ment[m].sent + 2]++;
    for (int si = 0; si < d->nsent; si++) mi->start[si + 2] += mi->start[si + 1];
    for (int m = 0; m < d->nment; m++)
        if (d->ment[m].sent >= 0 && d->ment[m].sent < d->nsent) mi->idx[mi->start[d->ment[m].sent + 1]++] = m;
}

static void mindex_free(mindex *mi)
{
    free(mi->start);
    free(mi->idx);
}

/* The code of a mention of sentence si covering token k (its head preferred); NULL if none. */
static const char *code_at(const ann_doc *d, const mindex *mi, int si, int k)
{
    const char *any = NULL;
    for (int j = mi->start[si]; j < mi->start[si + 1]; j++) {
        const ann_mention *mm = &d->ment[mi->idx[j]];
        if (!mm->code || k < mm->first || k > mm->last) continue;
        if (mm->head == k) return mm->code;
        if (!any) any = mm->code;
    }
    return any;
}

/* The code for the phrase headed by k: the head itself, or a possessor ("Iran's claim"). */
static const char *phrase_code(const ann_doc *d, const mindex *mi, int si, int k)
{
    const char *c = code_at(d, mi, si, k);
    if (c) return c;
    const ann_sentence *s = &d->sent[si];
    for (int j = 0; j < s->ntok; j++)
        if (ann_rs_head(s, j) == k && (ann_rs_rel(&s->tok[j], "nmod") || ann_rs_rel(&s->tok[j], "amod") ||
                                       ann_rs_rel(&s->tok[j], "compound")))
            if ((c = code_at(d, mi, si, j))) return c;
    return NULL;
}

static int child_with(const ann_sentence *s, int h, const char *rel)
{
    for (int j = 0; j < s->ntok; j++)
        if (ann_rs_head(s, j) == h && ann_rs_rel(&s->tok[j], rel)) return j;
    return -1;
}

static const char *sentence_source(const ann_doc *d, const mindex *mi, int si);

/* The source the last few sentences before si named ("The statement ..." refers back to it):
 * an attributed event, else a reporting structure. Looked up only when needed. */
static const char *last_source(const ann_doc *d, const mindex *mi, int si)
{
    for (int k = si - 1; k >= 0 && k >= si - 3; k--) {
        for (int e = d->nevent - 1; e >= 0; e--)
            if (d->event[e].sent == k && d->event[e].attributed_to) return d->event[e].attributed_to;
        const char *c = sentence_source(d, mi, k);
        if (c) return c;
    }
    return NULL;
}

/* Attribution of the event whose trigger is t in sentence si; sets *hedge for claim nouns. */
static const char *attribution(const ann_doc *d, const mindex *mi, int si, int t, int *hedge)
{
    const ann_sentence *s = &d->sent[si];
    int c = t;
    for (int guard = 0; c >= 0 && guard < s->ntok; guard++) {
        int a = ann_rs_head(s, c);
        if (a < 0) break;
        const ann_token *ct = &s->tok[c], *at = &s->tok[a];
        int clausal = ann_rs_rel(ct, "ccomp") || ann_rs_rel(ct, "parataxis") || ann_rs_rel(ct, "acl") ||
                      ann_rs_rel(ct, "xcomp");
        if (clausal && ann_rs_in(ann_rs_lemma(at), reporting_verbs) && !ann_rs_upos(at, "NOUN")) {
            int subj = child_with(s, a, "nsubj");
            if (subj >= 0) {
                const char *code = phrase_code(d, mi, si, subj);
                if (code) return code;
                if (ann_rs_in(ann_rs_lemma(&s->tok[subj]), statement_nouns) && (code = last_source(d, mi, si)))
                    return code;
            }
        }
        if (clausal && ann_rs_in(at->form, claim_nouns)) {
            /* What a claim or report says is hedged whether or not it names its owner. */
            *hedge = 1;
            const char *code = phrase_code(d, mi, si, a);
            if (code) return code;
        }
        c = a;
    }
    /* "according to X" hanging from the trigger or one of its ancestors. */
    for (int k = 0; k + 1 < s->ntok; k++) {
        if (!ann_rs_is(&s->tok[k], "according") || !ann_rs_is(&s->tok[k + 1], "to")) continue;
        int x = ann_rs_head(s, k);
        if (x < 0 || x == k) continue;
        int h = ann_rs_head(s, x);
        if (!(h < 0 || ann_rs_dominates(s, h, t))) continue;
        const char *code = phrase_code(d, mi, si, x);
        if (code) return code;
        if (ann_rs_in(ann_rs_lemma(&s->tok[x]), statement_nouns) && (code = last_source(d, mi, si))) return code;
    }
    return NULL;
}

/* A source named by a reporting structure of sentence si even when it holds no event. */
static const char *sentence_source(const ann_doc *d, const mindex *mi, int si)
{
    const ann_sentence *s = &d->sent[si];
    for (int k = 0; k + 1 < s->ntok; k++)
        if (ann_rs_is(&s->tok[k], "according") && ann_rs_is(&s->tok[k + 1], "to")) {
            int x = ann_rs_head(s, k);
            const char *c = x >= 0 && x != k ? phrase_code(d, mi, si, x) : NULL;
            if (c) return c;
        }
    for (int k = 0; k < s->ntok; k++) {
        if (!ann_rs_in(ann_rs_lemma(&s->tok[k]), reporting_verbs) || child_with(s, k, "ccomp") < 0) continue;
        int subj = child_with(s, k, "nsubj");
        const char *c = subj >= 0 ? phrase_code(d, mi, si, subj) : NULL;
        if (c) return c;
    }
    return NULL;
}

static int trigger_tok(const ann_doc *d, const ann_event *e)
{
    if (e->sent < 0 || e->sent >= d->nsent || e->trigger_end <= e->trigger_start) return -1;
    return ann_rs_token_at(&d->sent[e->sent], e->trigger_start);
}

static const char *const hedge_aux[] = {"may", "might", "could", NULL};
static const char *const hedge_adv[] = {"reportedly", "allegedly", "possibly", "perhaps", "apparently",
                                        "purportedly", NULL};
static const char *const claim_verbs[] = {"claim", "allege", "suggest", "accuse", "charge", NULL};

/* "Iran's claim that Israel may have used ...": a claim whose content is itself uncertain is
 * a hedged accusation. True when a clausal complement of t carries a hedging modal/adverb. */
static int hedged_content(const ann_sentence *s, int t)
{
    if (!ann_rs_in(s->tok[t].form, claim_nouns) && !ann_rs_in(ann_rs_lemma(&s->tok[t]), claim_verbs)) return 0;
    for (int c = 0; c < s->ntok; c++) {
        if (ann_rs_head(s, c) != t || !(ann_rs_rel(&s->tok[c], "acl") || ann_rs_rel(&s->tok[c], "ccomp")))
            continue;
        for (int k = 0; k < s->ntok; k++) {
            if (ann_rs_head(s, k) != c) continue;
            const ann_token *x = &s->tok[k];
            if ((ann_rs_rel(x, "aux") && ann_rs_in(x->form, hedge_aux)) ||
                (ann_rs_rel(x, "advmod") && ann_rs_in(x->form, hedge_adv)))
                return 1;
        }
    }
    return 0;
}

static void attribute(ann_doc *d, const mindex *mi)
{
    /* In reading order, so "The statement" can lean on sources attributed just before. */
    for (int e = 0; e < d->nevent; e++) {
        ann_event *ev = &d->event[e];
        int t = trigger_tok(d, ev), hedge = 0;
        if (t >= 0 && d->sent[ev->sent].tok[t].head >= 0 && hedged_content(&d->sent[ev->sent], t)) ev->hedged = 1;
        if (ev->attributed_to) continue;
        const char *c = t >= 0 && d->sent[ev->sent].tok[t].head >= 0 ? attribution(d, mi, ev->sent, t, &hedge) : NULL;
        if (c) ev->attributed_to = ann_arena_strdup(&d->arena, c);
        if (hedge) ev->hedged = 1;
    }
}

static int same_str(const char *a, const char *b)
{
    return a == b || (a && b && !strcmp(a, b));
}

static void add_evidence(ann_event *e, int sent)
{
    for (int i = 0; i < e->nevidence; i++)
        if (e->evidence[i] == sent) return;
    e->evidence = ann_xrealloc(e->evidence, (size_t)(e->nevidence + 1) * sizeof *e->evidence);
    int i = e->nevidence++;
    /* Keep sentence indices sorted. */
    while (i > 0 && e->evidence[i - 1] > sent) e->evidence[i] = e->evidence[i - 1], i--;
    e->evidence[i] = sent;
}

static int is_doc_date(const ann_event *e)
{
    return !e->date_precision || !strcmp(e->date_precision, ANN_PREC_DOCUMENT);
}

static void merge_duplicates(ann_doc *d)
{
    for (int j = 1; j < d->nevent; j++) {
        ann_event *b = &d->event[j];
        for (int i = 0; i < j; i++) {
            ann_event *a = &d->event[i];
            if (a->duplicate || strcmp(a->code, b->code) || a->negated != b->negated ||
                !same_str(a->source.code, b->source.code) || !same_str(a->target.code, b->target.code))
                continue;
            if (!is_doc_date(a) && !is_doc_date(b) && strcmp(a->date, b->date)) continue;
            /* Two actorless events share nothing that makes them one. */
            if (!a->source.code && !a->target.code) continue;
            b->duplicate = 1;
            add_evidence(a, b->sent);
            if (is_doc_date(a) && !is_doc_date(b)) {
                memcpy(a->date, b->date, sizeof a->date);
                a->date_precision = b->date_precision;
                a->date_text = b->date_text;
            }
            if (!a->attributed_to) a->attributed_to = b->attributed_to;
            break;
        }
    }
}

static int country_is(const char *code, const char *cc)
{
    return code && cc && strlen(code) >= 3 && !strncmp(code, cc, 3);
}

/* The object noun of a denial/rejection trigger names what is answered. */
static int answers_noun(const ann_doc *d, const ann_event *e)
{
    int t = trigger_tok(d, e);
    if (t < 0) return 0;
    const ann_sentence *s = &d->sent[e->sent];
    for (int j = 0; j < s->ntok; j++)
        if (ann_rs_head(s, j) == t && (ann_rs_rel(&s->tok[j], "obj") || ann_rs_rel(&s->tok[j], "obl") ||
                                       ann_rs_rel(&s->tok[j], "nsubj")) &&
            ann_rs_in(s->tok[j].form, answered_nouns))
            return 1;
    return 0;
}

static int before(const ann_doc *d, const ann_event *a, const ann_event *b)
{
    (void)d;
    return a->sent < b->sent || (a->sent == b->sent && a->trigger_start < b->trigger_start);
}

/* The denier's country named among the actors of the claim's sentence, not as the claimant. */
static int involves(const ann_doc *d, const mindex *mi, const ann_event *claim, const char *cc)
{
    if (country_is(claim->target.code, cc)) return 1;
    if (claim->sent < 0 || claim->sent >= d->nsent) return 0;
    for (int j = mi->start[claim->sent]; j < mi->start[claim->sent + 1]; j++)
        if (country_is(d->ment[mi->idx[j]].code, cc)) return 1;
    return 0;
}

static int is_claim_code(const ann_event *e) { return !strncmp(e->code, "11", 2); }
static int is_denial(const ann_event *e) { return !strncmp(e->code, "016", 3); }

static void link_claims(ann_doc *d, const mindex *mi)
{
    for (int j = 0; j < d->nevent; j++) {
        ann_event *den = &d->event[j];
        if (den->duplicate || den->negated) continue;
        if (!is_denial(den) && !(!strncmp(den->code, "12", 2) && answers_noun(d, den))) continue;
        const char *cc = den->source.code;
        int best = -1, bests = 2;
        for (int i = 0; i < d->nevent; i++) {
            const ann_event *c = &d->event[i];
            if (i == j || c->duplicate || !before(d, c, den) || is_denial(c) || c->answers >= 0) continue;
            if (cc && country_is(c->source.code, cc)) continue;
            int score = 3 * is_claim_code(c) + (c->hedged ? 1 : 0) + (c->attributed_to ? 1 : 0) +
                        (cc && involves(d, mi, c, cc) ? 2 : 0);
            if (score >= bests) best = i, bests = score;  /* >=: ties go to the latest */
        }
        den->answers = best;
    }
    /* Reassurances addressed to a claimant whose claim the reassurer's country denied. */
    for (int j = 0; j < d->nevent; j++) {
        ann_event *r = &d->event[j];
        if (r->duplicate || r->answers >= 0 || strncmp(r->code, "03", 2) || !r->trigger_text) continue;
        int t = trigger_tok(d, r);
        const char *lem = t >= 0 ? ann_rs_lemma(&d->sent[r->sent].tok[t]) : r->trigger_text;
        if (!ann_rs_in(lem, assure_lemmas) && !ann_rs_in(r->trigger_text, assure_lemmas)) continue;
        for (int k = 0; k < d->nevent; k++) {
            const ann_event *den = &d->event[k];
            if (den->answers < 0 || !is_denial(den)) continue;
            const ann_event *c = &d->event[den->answers];
            if (country_is(r->source.code, den->source.code) && country_is(r->target.code, c->source.code)) {
                r->answers = den->answers;
                break;
            }
        }
    }
}

int ann_resolve_events(ann_doc *d, const ann_resolve_opts *opts, ann_err *err)
{
    (void)err;
    for (int i = 0; i < d->nevent; i++) {
        ann_event *e = &d->event[i];
        free(e->evidence);
        e->evidence = NULL;
        e->nevidence = 0;
        e->duplicate = 0;
        e->answers = -1;
        add_evidence(e, e->sent);
    }
    mindex mi;
    mindex_build(&mi, d);
    attribute(d, &mi);
    if (!(opts && opts->keep_duplicates)) merge_duplicates(d);
    link_claims(d, &mi);
    mindex_free(&mi);
    return 0;
}

int ann_resolve_output_index(const ann_doc *d, int i)
{
    if (i < 0 || i >= d->nevent || d->event[i].duplicate) return -1;
    int n = 0;
    for (int k = 0; k < i; k++) n += !d->event[k].duplicate;
    return n;
}

int ann_resolve_claim_pairs(const ann_doc *d, ann_claim_pair *out, int max)
{
    int n = 0;
    for (int j = 0; j < d->nevent; j++) {
        if (d->event[j].answers < 0 || d->event[j].duplicate) continue;
        if (n < max) out[n].claim = d->event[j].answers, out[n].answer = j;
        n++;
    }
    return n;
}

static void side(ann_buf *b, const ann_actor_ref *r)
{
    ann_buf_puts(b, r->code ? r->code : "?");
    if (r->text) ann_buf_printf(b, " (%s)", r->text);
}

static void event_line(ann_buf *b, const char *label, const ann_event *e, int idx)
{
    ann_buf_printf(b, "  %-9s #%d  ", label, idx);
    side(b, &e->source);
    if (e->target.code || e->target.text) {
        ann_buf_puts(b, " -> ");
        side(b, &e->target);
    }
    ann_buf_printf(b, "  %s \"%s\"  sentence %d  %s", e->code, e->trigger_text ? e->trigger_text : "",
                   e->sent, e->date[0] ? e->date : "undated");
    if (e->date_precision && strcmp(e->date_precision, ANN_PREC_DOCUMENT))
        ann_buf_printf(b, " (%s)", e->date_precision);
    if (e->hedged) ann_buf_puts(b, "  hedged");
    if (e->attributed_to) ann_buf_printf(b, "  according to %s", e->attributed_to);
    ann_buf_putc(b, '\n');
}

void ann_resolve_claims_table(ann_buf *out, const ann_doc *d)
{
    int any = 0;
    for (int c = 0; c < d->nevent; c++) {
        int first = 1;
        for (int j = 0; j < d->nevent; j++) {
            const ann_event *e = &d->event[j];
            if (e->answers != c || e->duplicate) continue;
            if (!any) ann_buf_printf(out, "claims and denials (%s)\n", d->id ? d->id : "document");
            any = 1;
            if (first) event_line(out, "claim", &d->event[c], c);
            first = 0;
            event_line(out, is_denial(e) ? "denied" : !strncmp(e->code, "12", 2) ? "rejected" : "answered",
                       e, j);
        }
    }
}

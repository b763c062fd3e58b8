/* Coreference of actors within one document: pronouns, definite descriptions and short names
 * take the code of an earlier coded mention, so the event coder sees "he" as AZEGOV.
 *
 * The algorithm (deterministic, one pass in reading order):
 *  1. Every coded mention becomes an antecedent with a kind (person: a title noun such as
 *     "President" in or just before it, or a multi-word proper name with a sector code;
 *     country: a three-letter country code; organisation: anything else, "it"-able when it
 *     has a country code, an organisation word or a name), a number (plural head noun, or
 *     conjoined mentions "Iran and Israel" forming a group), its titles and, for a person,
 *     its surname (the last proper noun that is no title).
 *  2. Tokens outside coded mentions are tried as anaphors, in order:
 *     - short name: a proper noun equal to an earlier person's surname ("Aliyev");
 *     - definite description: the/both [two] [modifiers] NOUN, where NOUN is a title ("the
 *       president", "the foreign minister": the latest person whose titles include it and
 *       every modifier), a government word ("the ministry", "the government": the latest
 *       country + GOV), a country word ("the country"; "the neighbouring country": the latest
 *       country not named in the sentence), or a plural ("the two leaders", "both
 *       countries": the two latest distinct persons or countries);
 *     - pronoun: he/she/his/him/her want a singular person, not past an uncoded proper name
 *       subject or possessor ("Gloria's eczema ... her skin": private persons are not in the
 *       actor dictionaries); it/its a singular country or
 *       "it"-able organisation, "it" only as a subject (as an object it is nearly always a
 *       thing), never pleonastic, copular or passive ("it is clear", "it is estimated"), and
 *       not past an uncoded definite noun subject ("the festival ... its"); they/them/their
 *       a group or a plural antecedent, not past an uncoded plural noun subject or object
 *       ("participants ... they" are people, not the countries named before).
 *  3. Candidates are searched backwards within a window (WINDOW sentences, IT_WINDOW for
 *     "it", THEY_WINDOW for "they"; names the whole document): first the same sentence,
 *     latest first (an object pronoun never takes its own verb's subject), then earlier
 *     sentences, newest first, where within a sentence a subject beats a non-subject
 *     (centering: the subject is what the sentence is about), then the latest.
 *  4. A resolved anaphor is added to d->ment (entry "coref:<rule>", resolved_from = its
 *     words) and becomes itself an antecedent carrying its referent's kind, titles and
 *     surname, so chains (Aliyev ... he ... the president) follow the latest.
 * Demonyms and capitals ("Tehran") are the actor dictionary's job: they arrive coded. */
#include "annalist/resolve.h"
#include "resolve/internal.h"

#include <ctype.h>
#include <stdlib.h>

enum { K_PERSON = 1, K_COUNTRY = 2, K_ORG = 4 };

/* How far back anaphors look, in sentences; short names look everywhere. Beyond that an
 * anaphor is far likelier to refer to something uncoded (people, things) than to an actor:
 * "it" looks back IT_WINDOW sentences, "they" THEY_WINDOW, the rest WINDOW. */
#define WINDOW 8
#define IT_WINDOW 1
#define THEY_WINDOW 1

#define MAXCTX 8

typedef struct ante {
    const char *code;
    int kind, plural;
    int thing;              /* may be "it": a country, or an organisation by name or word */
    int sent, pos;          /* sentence, head token */
    int subj;               /* the mention is a subject */
    int group;              /* >0: id shared by conjoined mentions */
    const char *surname;    /* persons */
    const char *ctx[MAXCTX];/* lower-case-comparable words of the mention and the words before */
    int nctx;
} ante;

static const char *const titles[] = {
    "president", "minister", "leader", "leaders", "premier", "king", "queen", "chancellor",
    "spokesman", "spokeswoman", "spokesperson", "ambassador", "general", "commander", "governor",
    "secretary", "chief", "ayatollah", "emir", "sultan", "prince", "envoy", "mayor", "senator",
    "prosecutor", "speaker", "presidents", "ministers", "diplomat", "justice", "judge",
    "sheikh", "pope", "bishop", "colonel", "captain", "lieutenant", "admiral", "marshal", "mr",
    "mrs", "ms", "dr", NULL};
static const char *const org_nouns[] = {
    "ministry", "government", "presidency", "administration", "regime", "cabinet", "office",
    "army", "military", "parliament", "council", "agency", "embassy", "authorities", "police",
    "corps", "guard", "forces", "party", "court", "assembly", "committee", "organization",
    "organisation", "union", "movement", "group", "bank", "company", "state", "department",
    "school", "university", "firm", "newspaper", "network", "church", "alliance", "coalition",
    "federation", "institute", "commission", "board", "senate", "congress", "navy", NULL};
/* Organisation words that, after "the", name a government already in the story. Generic
 * ones ("the office", "the state", "the party") are left alone: too often not an actor. */
static const char *const gov_nouns[] = {"ministry", "government", "presidency", "administration",
                                        "regime", "cabinet", "embassy", "military", "army", NULL};
static const char *const country_nouns[] = {"country", "nation", "neighbor", "neighbour",
                                            "republic", NULL};
static const char *const country_plurals[] = {"countries", "nations", "neighbors", "neighbours",
                                              "sides", "states", NULL};
static const char *const leader_plurals[] = {"leaders", "presidents", "ministers", "heads", NULL};

static const char *const pron_person[] = {"he", "him", "his", "himself", "she", "her", "hers",
                                          "herself", NULL};
static const char *const pron_thing[] = {"it", "its", "itself", NULL};
static const char *const pron_plural[] = {"they", "them", "their", "theirs", "themselves", NULL};

static int is_subject(const ann_token *t) { return ann_rs_rel(t, "nsubj"); }

static int is_propn(const ann_token *t)
{
    if (t->upos) return !strcmp(t->upos, "PROPN");
    return t->form && isupper((unsigned char)t->form[0]);
}

static int tok_plural(const ann_token *t)
{
    if (t->feats && strstr(t->feats, "Number=Plur")) return 1;
    return t->xpos && (!strcmp(t->xpos, "NNS") || !strcmp(t->xpos, "NNPS"));
}

/* CAMEO's three-letter sector codes: a code starting with one of these names no country. */
static const char *const sectors[] = {
    "GOV", "MIL", "REB", "OPP", "PTY", "COP", "JUD", "SPY", "IGO", "MED", "EDU", "BUS", "CRM",
    "CVL", "ELI", "HLH", "HRI", "LAB", "LEG", "NGO", "NGM", "REF", "REL", "MOD", "RAD", "UAF",
    "AGR", "ENV", "IMG", "INS", "UNK", "SEP", "MNC", "DEV", "ATH", "SET", "IMH", "INT", NULL};

static int is_sector(const char *code3)
{
    for (int i = 0; sectors[i]; i++)
        if (!strncmp(code3, sectors[i], 3)) return 1;
    return 0;
}

static int has_country_prefix(const char *code)
{
    return code && strlen(code) >= 3 && isupper((unsigned char)code[0]) &&
           isupper((unsigned char)code[1]) && isupper((unsigned char)code[2]) && !is_sector(code);
}

typedef struct state {
    ann_doc *d;
    ante *a;
    int na, cap;
    int groups;
    int resolved;
    int *named, nnamed, capnamed;   /* antecedents with a surname, in order */
    unsigned char *cov;     /* 1 for tokens inside coded mentions, all sentences (off[si] + k) */
    int *off;
    /* new mentions, appended to d->ment at the end so d->ment is never reallocated under us */
    ann_mention *add;
    int nadd, capadd;
} state;

static ante *push_ante(state *st)
{
    if (st->na == st->cap) {
        st->cap = st->cap ? st->cap * 2 : 32;
        st->a = ann_xrealloc(st->a, (size_t)st->cap * sizeof *st->a);
    }
    ante *a = &st->a[st->na++];
    memset(a, 0, sizeof *a);
    return a;
}

/* An antecedent for a coded mention of sentence si over tokens [first, last]. */
static void add_antecedent(state *st, int si, int first, int last, int head, const char *code,
                           int inherit_kind, int plural_hint);

static void note_name(state *st)
{
    if (st->nnamed == st->capnamed) {
        st->capnamed = st->capnamed ? st->capnamed * 2 : 16;
        st->named = ann_xrealloc(st->named, (size_t)st->capnamed * sizeof *st->named);
    }
    st->named[st->nnamed++] = st->na - 1;
}

/* A resolved anaphor becomes an antecedent carrying what is known of its referent (kind,
 * titles, surname), so "Aliyev ... he ... the president" stays one chain. */
static void add_resolved(state *st, int si, int first, int last, int head, const char *code, int from)
{
    ante src = st->a[from];
    add_antecedent(st, si, first, last, head, code, src.kind, src.plural);
    ante *a = &st->a[st->na - 1];
    a->thing = src.thing;
    if (!a->surname && src.surname && a->kind == K_PERSON) {
        a->surname = src.surname;
        note_name(st);
    }
    for (int i = 0; i < src.nctx && a->nctx < MAXCTX; i++) a->ctx[a->nctx++] = src.ctx[i];
}

static void add_antecedent(state *st, int si, int first, int last, int head, const char *code,
                           int inherit_kind, int plural_hint)
{
    const ann_sentence *s = &st->d->sent[si];
    ante *a = push_ante(st);
    a->code = code;
    a->sent = si;
    a->pos = head;
    a->subj = head >= 0 && is_subject(&s->tok[head]);
    int c0 = first;
    /* Titles just before the mention ("Iranian President [Masoud Pezeshkian]"), up to three
     * contiguous words that are not punctuation. */
    for (int k = 0; k < 3 && c0 > 0; k++) {
        const ann_token *p = &s->tok[c0 - 1];
        if (!p->form || !isalpha((unsigned char)p->form[0])) break;
        if (!ann_rs_in(p->form, titles) && !(p->upos && (!strcmp(p->upos, "PROPN") || !strcmp(p->upos, "ADJ"))) &&
            !isupper((unsigned char)p->form[0]))
            break;
        c0--;
    }
    int titled = 0, orgword = 0, nprop = 0;
    for (int k = c0; k <= last; k++) {
        const ann_token *t = &s->tok[k];
        if (a->nctx < MAXCTX) a->ctx[a->nctx++] = t->form;
        /* A title is a noun: "general" the adjective is none. */
        if (ann_rs_in(t->form, titles) && (!t->upos || !strcmp(t->upos, "NOUN") || !strcmp(t->upos, "PROPN")))
            titled = 1;
        if (k >= first && ann_rs_in(t->form, org_nouns)) orgword = 1;
        if (k >= first && is_propn(t)) {
            nprop++;
            if (!ann_rs_in(t->form, titles)) a->surname = t->form;
        }
    }
    if (inherit_kind) a->kind = inherit_kind;
    else if (titled && !orgword) a->kind = K_PERSON;
    else if (!orgword && nprop >= 2 && code && strlen(code) > 3) a->kind = K_PERSON;
    else if (code && strlen(code) == 3 && has_country_prefix(code)) a->kind = K_COUNTRY;
    else a->kind = K_ORG;
    /* "A teacher" (EDU) is an actor but no "it"; Iran, "the presidency" (IRNGOV), "the army"
     * are. */
    a->thing = a->kind == K_COUNTRY ||
               (a->kind == K_ORG && (orgword || has_country_prefix(code) || nprop > 0));
    if (a->kind != K_PERSON) a->surname = NULL;
    if (a->surname) note_name(st);
    a->plural = plural_hint || (a->kind != K_PERSON && head >= 0 && tok_plural(&s->tok[head]));
    /* Conjoined mentions ("Iran and Israel") form a group for "they"/"both countries". */
    if (head >= 0 && ann_rs_rel(&s->tok[head], "conj")) {
        int h = ann_rs_head(s, head);
        for (int k = st->na - 2; k >= 0 && st->a[k].sent == si; k--)
            if (st->a[k].pos == h) {
                if (!st->a[k].group) st->a[k].group = ++st->groups;
                a->group = st->a[k].group;
                break;
            }
    }
}

/* Records a resolved anaphor; returns the code as stored in the document's arena. */
static const char *emit(state *st, int si, int first, int last, int head, const char *code,
                        const char *rule, ann_mention *in_place)
{
    ann_doc *d = st->d;
    const ann_sentence *s = &d->sent[si];
    uint32_t start = s->tok[first].start, end = s->tok[last].end;
    char *words = ann_arena_strndup(&d->arena, d->text + start, end - start);
    char *entry = ann_arena_printf(&d->arena, "coref:%s", rule);
    char *c = ann_arena_strdup(&d->arena, code);
    /* Now coded: no longer an uncoded competitor for the blockers. */
    for (int k = first; k <= last; k++) st->cov[st->off[si] + k] = 1;
    if (in_place) {
        in_place->code = c;
        in_place->entry = entry;
        in_place->resolved_from = words;
    } else {
        if (st->nadd == st->capadd) {
            st->capadd = st->capadd ? st->capadd * 2 : 16;
            st->add = ann_xrealloc(st->add, (size_t)st->capadd * sizeof *st->add);
        }
        ann_mention *m = &st->add[st->nadd++];
        memset(m, 0, sizeof *m);
        m->sent = si, m->first = first, m->last = last, m->head = head;
        m->start = start, m->end = end;
        m->code = c, m->entry = entry, m->resolved_from = words;
    }
    st->resolved++;
    return c;
}

/* ---- candidate search ---- */

typedef struct want {
    int kinds;          /* K_* mask */
    int plural;         /* -1 any, 0 singular, 1 plural */
    const char *title;  /* a title the person must carry */
    const char *mods[4];/* modifiers the person's context must contain */
    int nmods;
    const char *avoid;  /* an object pronoun never takes its own verb's subject: its code */
    int window;         /* sentences to look back */
    int thing;          /* "it": only antecedents that can be "it" */
} want;

static int ctx_has(const ante *a, const char *w)
{
    for (int i = 0; i < a->nctx; i++)
        if (a->ctx[i] && !strcasecmp(a->ctx[i], w)) return 1;
    return 0;
}

static int fits(const state *st, const ante *a, const want *w, int si)
{
    if (!a->code || !(a->kind & w->kinds)) return 0;
    if (w->plural == 0 && a->plural) return 0;
    if (w->plural == 1 && !a->plural && !a->group) return 0;
    if (w->title) {
        /* "the president" also matches a "President ..." antecedent; plural titles compare
         * by their singular stem ("leaders" -> any titled person). */
        if (!ctx_has(a, w->title)) return 0;
    }
    for (int i = 0; i < w->nmods; i++)
        if (!ctx_has(a, w->mods[i])) return 0;
    if (w->avoid && !strcmp(a->code, w->avoid)) return 0;
    if (w->thing && !a->thing) return 0;
    return 1;
}

/* Index of the best antecedent for w at sentence si, token pos; -1 when none. */
static int search(const state *st, const want *w, int si, int pos)
{
    int oldest = si - w->window;
    int cur = -1;
    for (int k = st->na - 1; k >= 0; k--) {
        const ante *a = &st->a[k];
        if (a->sent == si && a->pos < pos && fits(st, a, w, si)) return k;
        if (a->sent < si) { cur = k; break; }
    }
    /* Earlier sentences: newest first, a subject beats the latest within the sentence. */
    for (int k = cur; k >= 0 && st->a[k].sent >= oldest;) {
        int s0 = st->a[k].sent, latest = -1, subj = -1;
        for (; k >= 0 && st->a[k].sent == s0; k--) {
            if (!fits(st, &st->a[k], w, si)) continue;
            if (latest < 0) latest = k;
            if (subj < 0 && st->a[k].subj) subj = k;
        }
        if (subj >= 0) return subj;
        if (latest >= 0) return latest;
    }
    return -1;
}

/* Up to two distinct codes of kind `kinds` (a group first, else the latest two), newest first.
 * prefix3: compare country prefixes (countries named through their governments too). */
static int search_pair(const state *st, int kinds, int si, int pos, const char *out[2], int prefix3)
{
    int n = 0;
    for (int k = st->na - 1; k >= 0 && n < 2 && st->a[k].sent >= si - WINDOW; k--) {
        const ante *a = &st->a[k];
        if (!a->code || (a->sent == si && a->pos >= pos)) continue;
        if (!(a->kind & kinds) && !(prefix3 && has_country_prefix(a->code))) continue;
        if (prefix3 && !has_country_prefix(a->code)) continue;
        int dup = 0;
        for (int i = 0; i < n; i++)
            if (prefix3 ? !strncmp(out[i], a->code, 3) : !strcmp(out[i], a->code)) dup = 1;
        if (!dup) out[n++] = a->code;
    }
    return n;
}

/* An uncoded plural noun that is a subject or object between an antecedent at (as, ap) and a
 * plural pronoun at (si, pos) is the likelier referent of "they": no actor then. */
static int plural_blocker(const state *st, int as, int ap, int si, int pos)
{
    for (int s0 = as; s0 <= si; s0++) {
        const ann_sentence *s = &st->d->sent[s0];
        for (int k = s0 == as ? ap + 1 : 0; k < (s0 == si ? pos : s->ntok); k++) {
            const ann_token *t = &s->tok[k];
            if (st->cov[st->off[s0] + k] || !t->upos || strcmp(t->upos, "NOUN") || !tok_plural(t)) continue;
            if (ann_rs_rel(t, "nsubj") || ann_rs_rel(t, "obj")) return 1;
        }
    }
    return 0;
}

/* An uncoded definite singular noun subject between an antecedent and "it" is the likelier
 * referent ("the festival ... its"); an indefinite one ("a neighbouring country may have
 * attacked its territory") is not, being new to the story. */
static int it_blocker(const state *st, int as, int ap, int si, int pos)
{
    for (int s0 = as; s0 <= si; s0++) {
        const ann_sentence *s = &st->d->sent[s0];
        for (int k = s0 == as ? ap + 1 : 0; k < (s0 == si ? pos : s->ntok); k++) {
            const ann_token *t = &s->tok[k];
            if (st->cov[st->off[s0] + k] || !t->upos || strcmp(t->upos, "NOUN") || tok_plural(t)) continue;
            if (!ann_rs_rel(t, "nsubj")) continue;
            int indefinite = 0;
            for (int j = 0; j < k; j++)
                if (ann_rs_head(s, j) == k && ann_rs_rel(&s->tok[j], "det") &&
                    (ann_rs_is(&s->tok[j], "a") || ann_rs_is(&s->tok[j], "an")))
                    indefinite = 1;
            if (!indefinite) return 1;
        }
    }
    return 0;
}

/* An uncoded proper name as a subject or possessor between a person antecedent and he/she
 * ("... Gloria's eczema ... her skin") is far likelier the referent: private persons are not
 * in the actor dictionaries. (Objects and obliques are left alone: mostly places.) */
static int person_blocker(const state *st, int as, int ap, int si, int pos)
{
    for (int s0 = as; s0 <= si; s0++) {
        const ann_sentence *s = &st->d->sent[s0];
        for (int k = s0 == as ? ap + 1 : 0; k < (s0 == si ? pos : s->ntok); k++) {
            const ann_token *t = &s->tok[k];
            if (st->cov[st->off[s0] + k] || !t->upos || strcmp(t->upos, "PROPN") || !t->deprel) continue;
            if (ann_rs_rel(t, "nsubj") || (t->deprel && !strcmp(t->deprel, "nmod:poss"))) return 1;
        }
    }
    return 0;
}

/* The latest group of two or more conjoined mentions before (si, pos) within THEY_WINDOW;
 * fills codes. */
static int search_group(const state *st, int si, int pos, const char *out[4])
{
    for (int k = st->na - 1; k >= 0 && st->a[k].sent >= si - THEY_WINDOW; k--) {
        const ante *a = &st->a[k];
        if (a->sent == si && a->pos >= pos) continue;
        if (!a->group) continue;
        if (plural_blocker(st, a->sent, a->pos, si, pos)) return 0;
        int n = 0;
        for (int j = 0; j < st->na && n < 4; j++)
            if (st->a[j].group == a->group && st->a[j].code) out[n++] = st->a[j].code;
        return n;
    }
    return 0;
}

/* ---- anaphors ---- */

static int word_in_mentions(const int *cover, int k) { return cover[k] >= 0; }

/* Definite descriptions starting at i; returns the last token used or -1. Fills w or pair. */
typedef struct desc {
    int last, head;
    int kind;           /* 'T' title, 'O' organisation, 'C' country, 'P' plural persons, 'Q' plural countries */
    const char *mods[4];
    int nmods;
    int neighbouring;
} desc;

static int description(const ann_sentence *s, const int *cover, int i, desc *ds)
{
    const ann_token *t0 = &s->tok[i];
    int both = ann_rs_is(t0, "both");
    if (!ann_rs_is(t0, "the") && !both) return 0;
    memset(ds, 0, sizeof *ds);
    int j = i + 1, two = both;
    if (j < s->ntok && ann_rs_is(&s->tok[j], "two")) two = 1, j++;
    for (; j < s->ntok && j < i + 5; j++) {
        const ann_token *t = &s->tok[j];
        if (word_in_mentions(cover, j) || !t->form || !isalpha((unsigned char)t->form[0])) return 0;
        const char *w = t->form;
        int kind = 0;
        if (two && ann_rs_in(w, leader_plurals)) kind = 'P';
        else if (two && ann_rs_in(w, country_plurals)) kind = 'Q';
        else if (!two && ann_rs_in(w, titles) && !ann_rs_in(w, leader_plurals)) kind = 'T';
        else if (!two && ann_rs_in(w, gov_nouns)) kind = 'O';
        else if (!two && ann_rs_in(w, country_nouns)) kind = 'C';
        if (kind) {
            /* "the president of Iran", "the Iranian president Masoud ...": the name or country
             * that follows is coded by the actor stage; this is not an anaphor. */
            if (j + 1 < s->ntok && (word_in_mentions(cover, j + 1) || ann_rs_is(&s->tok[j + 1], "of") ||
                                    is_propn(&s->tok[j + 1])))
                return 0;
            /* A title noun used as a modifier ("the minister's office") is still the person;
             * an organisation noun after a title ("the president's office") is not handled. */
            ds->last = j, ds->head = j, ds->kind = kind;
            return 1;
        }
        /* Modifiers: adjectives and nouns before the head ("foreign", "neighbouring"). */
        if (t->upos && strcmp(t->upos, "ADJ") && strcmp(t->upos, "NOUN") && strcmp(t->upos, "VERB") &&
            strcmp(t->upos, "PROPN"))
            return 0;
        if (!strcasecmp(w, "neighbouring") || !strcasecmp(w, "neighboring")) ds->neighbouring = 1;
        else if (ds->nmods < 4) ds->mods[ds->nmods++] = w;
    }
    return 0;
}

static void set_want(want *w, int kinds, int plural)
{
    memset(w, 0, sizeof *w);
    w->kinds = kinds;
    w->plural = plural;
    w->window = WINDOW;
}

/* Codes already named in sentence si before pos (for "the neighbouring country"). */
static int named_here(const state *st, int si, int pos, const char *code)
{
    for (int k = st->na - 1; k >= 0 && st->a[k].sent == si; k--)
        if (st->a[k].pos < pos && st->a[k].code && !strncmp(st->a[k].code, code, 3)) return 1;
    return 0;
}

/* "it is clear", "it's the best reading": the subject of a copula or of "be" is nearly always
 * pleonastic or a thing, and rarely an actor. */
static int copular_it(const ann_sentence *s, int i)
{
    int h = ann_rs_head(s, i);
    if (h < 0) return 0;
    /* "it is estimated that ..." */
    if (s->tok[i].deprel && !strcmp(s->tok[i].deprel, "nsubj:pass")) return 1;
    if (!strcasecmp(ann_rs_lemma(&s->tok[h]), "be")) return 1;
    for (int k = 0; k < s->ntok; k++)
        if (ann_rs_head(s, k) == h && ann_rs_rel(&s->tok[k], "cop")) return 1;
    return 0;
}

/* Tries an anaphor at token i of sentence si; returns the last token it used, or -1. */
static int try_anaphor(state *st, int si, int i, const int *cover, ann_mention *in_place)
{
    const ann_sentence *s = &st->d->sent[si];
    const ann_token *t = &s->tok[i];
    want w;
    desc ds;
    if (!t->form) return -1;
    /* Names are PROPN, descriptions start with a DET, pronouns are PRON (or DET): nothing
     * else can start an anaphor, and most tokens leave here. */
    if (t->upos && ((t->upos[0] != 'P' && t->upos[0] != 'D') ||
                    (strcmp(t->upos, "PROPN") && strcmp(t->upos, "DET") && strcmp(t->upos, "PRON"))))
        return -1;

    /* Short names. */
    if (is_propn(t) && isupper((unsigned char)t->form[0]) && !ann_rs_in(t->form, titles)) {
        set_want(&w, K_PERSON, -1);
        int k = -1;
        for (int n = st->nnamed - 1; n >= 0 && k < 0; n--) {
            const ante *a = &st->a[st->named[n]];
            if (!(a->sent == si && a->pos >= i) && a->code && !strcmp(a->surname, t->form)) k = st->named[n];
        }
        if (k >= 0) {
            int first = i;
            if (!in_place && i > 0 && !word_in_mentions(cover, i - 1) &&
                ann_rs_in(s->tok[i - 1].form, titles))
                first = i - 1;
            const char *c = emit(st, si, first, i, i, st->a[k].code, "name", in_place);
            add_resolved(st, si, first, i, i, c, k);
            return i;
        }
    }

    if (description(s, cover, i, &ds)) {
        const char *pair[2];
        if (ds.kind == 'P' || ds.kind == 'Q') {
            int n = search_pair(st, ds.kind == 'P' ? K_PERSON : K_COUNTRY, si, i, pair, ds.kind == 'Q');
            if (n < 2) return -1;
            for (int m = 0; m < 2; m++) {
                char cc[4];
                const char *code = pair[m];
                if (ds.kind == 'Q') {
                    memcpy(cc, code, 3), cc[3] = 0;
                    code = cc;
                }
                const char *c = emit(st, si, i, ds.last, ds.head, code, "group", NULL);
                add_antecedent(st, si, i, ds.last, ds.head, c, ds.kind == 'P' ? K_PERSON : K_COUNTRY, 1);
            }
            st->a[st->na - 1].group = st->a[st->na - 2].group = ++st->groups;
            return ds.last;
        }
        int k = -1;
        const char *code = NULL;
        char buf[8];
        if (ds.kind == 'T') {
            set_want(&w, K_PERSON, 0);
            w.title = s->tok[ds.head].form;
            for (int m = 0; m < ds.nmods; m++) w.mods[w.nmods++] = ds.mods[m];
            k = search(st, &w, si, i);
            if (k >= 0) code = st->a[k].code;
        } else {
            /* "the ministry": the government of the latest country named; "the country": that
             * country ("the neighbouring country": one not named in this sentence). */
            for (int m = st->na - 1; m >= 0 && st->a[m].sent >= si - WINDOW; m--) {
                const ante *a = &st->a[m];
                if (a->sent == si && a->pos >= i) continue;
                if (!has_country_prefix(a->code)) continue;
                if (ds.neighbouring && named_here(st, si, i, a->code)) continue;
                memcpy(buf, a->code, 3);
                memcpy(buf + 3, ds.kind == 'O' ? "GOV" : "", ds.kind == 'O' ? 4 : 1);
                code = buf;
                break;
            }
        }
        if (!code) return -1;
        const char *c = emit(st, si, i, ds.last, ds.head, code, "description", in_place);
        if (ds.kind == 'T') add_resolved(st, si, i, ds.last, ds.head, c, k);
        else add_antecedent(st, si, i, ds.last, ds.head, c, ds.kind == 'O' ? K_ORG : K_COUNTRY, 0);
        return ds.last;
    }

    if (t->upos && strcmp(t->upos, "PRON") && strcmp(t->upos, "DET")) return -1;
    int plural = 0;
    if (ann_rs_in(t->form, pron_person)) set_want(&w, K_PERSON, 0);
    else if (ann_rs_in(t->form, pron_thing)) {
        if (ann_rs_rel(t, "expl") || copular_it(s, i)) return -1;
        /* "it" as an object or oblique is nearly always a thing ("assemble the robot and test
         * it"); as a subject ("North Korea stated it would attack") or "its" it is an actor. */
        if (t->deprel && ann_rs_is(t, "it") && !ann_rs_rel(t, "nsubj")) return -1;
        set_want(&w, K_COUNTRY | K_ORG, 0);
        w.window = IT_WINDOW;
        w.thing = 1;
    } else if (ann_rs_in(t->form, pron_plural)) {
        plural = 1;
    } else
        return -1;
    if (!plural && (ann_rs_rel(t, "obj") || ann_rs_rel(t, "iobj"))) {
        int verb = ann_rs_head(s, i);
        for (int k = st->na - 1; k >= 0 && st->a[k].sent == si; k--)
            if (st->a[k].subj && ann_rs_head(s, st->a[k].pos) == verb) w.avoid = st->a[k].code;
    }
    if (plural) {
        const char *codes[4];
        int n = search_group(st, si, i, codes);
        if (n < 2) {
            set_want(&w, K_COUNTRY | K_ORG, 1);
            w.window = THEY_WINDOW;
            int k = search(st, &w, si, i);
            if (k < 0 || plural_blocker(st, st->a[k].sent, st->a[k].pos, si, i)) return -1;
            codes[0] = st->a[k].code;
            n = 1;
        }
        int g = n > 1 ? ++st->groups : 0;
        for (int m = 0; m < n; m++) {
            const char *c = emit(st, si, i, i, i, codes[m], "pronoun", n == 1 ? in_place : NULL);
            add_antecedent(st, si, i, i, i, c, K_ORG, 1);
            st->a[st->na - 1].group = g;
        }
        return i;
    }
    int k = search(st, &w, si, i);
    if (k < 0 || (w.thing && it_blocker(st, st->a[k].sent, st->a[k].pos, si, i)) ||
        (!w.thing && person_blocker(st, st->a[k].sent, st->a[k].pos, si, i)))
        return -1;
    const char *c = emit(st, si, i, i, i, st->a[k].code, "pronoun", in_place);
    add_resolved(st, si, i, i, i, c, k);
    return i;
}

static int cmp_mention(const void *pa, const void *pb)
{
    const ann_mention *a = pa, *b = pb;
    if (a->sent != b->sent) return a->sent < b->sent ? -1 : 1;
    if (a->first != b->first) return a->first < b->first ? -1 : 1;
    if (a->last != b->last) return a->last < b->last ? -1 : 1;
    /* Equal spans (a group's members) keep their order: compare positions in memory is not
     * stable across qsort, so fall back to the start offset and then the code. */
    if (a->start != b->start) return a->start < b->start ? -1 : 1;
    if (!a->code || !b->code) return a->code ? 1 : b->code ? -1 : 0;
    return strcmp(a->code, b->code);
}

/* Mentions in reading order (sentence, first token), ties by index: qsort is not stable. */
static int cmp_order(const void *pa, const void *pb, void *ment)
{
    int a = *(const int *)pa, b = *(const int *)pb;
    const ann_mention *x = (const ann_mention *)ment + a, *y = (const ann_mention *)ment + b;
    if (x->sent != y->sent) return x->sent < y->sent ? -1 : 1;
    if (x->first != y->first) return x->first < y->first ? -1 : 1;
    return a < b ? -1 : a > b;
}

int ann_resolve_coref(ann_doc *d, ann_err *err)
{
    state st;
    memset(&st, 0, sizeof st);
    st.d = d;
    int maxtok = 1;
    for (int si = 0; si < d->nsent; si++)
        if (d->sent[si].ntok > maxtok) maxtok = d->sent[si].ntok;
    int *cover = ann_xmalloc((size_t)maxtok * sizeof *cover);
    st.off = ann_xmalloc(((size_t)d->nsent + 1) * sizeof *st.off);
    st.off[0] = 0;
    for (int si = 0; si < d->nsent; si++) st.off[si + 1] = st.off[si] + d->sent[si].ntok;
    st.cov = ann_xcalloc((size_t)st.off[d->nsent] + 1, 1);
    for (int k = 0; k < d->nment; k++) {
        const ann_mention *m = &d->ment[k];
        if (!m->code || m->sent < 0 || m->sent >= d->nsent) continue;
        for (int j = m->first; j <= m->last; j++)
            if (j >= 0 && j < d->sent[m->sent].ntok) st.cov[st.off[m->sent] + j] = 1;
    }
    int mi = 0;   /* mentions are read in order of (sent, first) below */
    int nment = d->nment;
    int *order = ann_xmalloc((size_t)(nment ? nment : 1) * sizeof *order);
    for (int k = 0; k < nment; k++) order[k] = k;
    qsort_r(order, (size_t)nment, sizeof *order, cmp_order, d->ment);
    for (int si = 0; si < d->nsent; si++) {
        const ann_sentence *s = &d->sent[si];
        for (int k = 0; k < s->ntok; k++) cover[k] = -1;
        while (mi < nment && d->ment[order[mi]].sent < si) mi++;
        int m0 = mi;
        while (mi < nment && d->ment[order[mi]].sent == si) {
            const ann_mention *m = &d->ment[order[mi]];
            for (int k = m->first; k <= m->last && k < s->ntok; k++)
                if (k >= 0 && m->code) cover[k] = order[mi];
            mi++;
        }
        /* Nothing to refer to yet and nothing named here: no anaphor can resolve. */
        if (st.na == 0 && m0 == mi) continue;
        int mj = m0, skip = -1;
        for (int i = 0; i < s->ntok; i++) {
            /* Coded mentions starting here become antecedents; an uncoded one is tried as an
             * anaphor over its own words and filled in place. */
            while (mj < mi && d->ment[order[mj]].first <= i) {
                ann_mention *m = &d->ment[order[mj++]];
                if (m->first != i || m->last < m->first || m->last >= s->ntok) continue;
                if (m->code) {
                    int h = m->head >= m->first && m->head <= m->last ? m->head : m->last;
                    add_antecedent(&st, si, m->first, m->last, h, m->code, 0, 0);
                    if (m->last > skip) skip = m->last;
                } else if (try_anaphor(&st, si, i, cover, m) >= 0 ||
                           (m->head > i && m->head <= m->last && try_anaphor(&st, si, m->head, cover, m) >= 0)) {
                    if (m->last > skip) skip = m->last;
                }
            }
            if (i <= skip || cover[i] >= 0) continue;
            int last = try_anaphor(&st, si, i, cover, NULL);
            if (last > i) i = last;
        }
    }
    for (int k = 0; k < st.nadd; k++) *ann_doc_add_mention(d) = st.add[k];
    if (st.nadd) qsort(d->ment, (size_t)d->nment, sizeof *d->ment, cmp_mention);
    free(st.add);
    free(st.a);
    free(st.cov);
    free(st.off);
    free(st.named);
    free(cover);
    free(order);
    (void)err;
    return st.resolved;
}

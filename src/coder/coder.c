/* The tree matcher: for each verb the dictionary knows, match its patterns against the words of
 * its clause (the verb's subtree minus other clauses), then take source and target actors from
 * the dependency tree (subject, object, prepositional phrases, passive agent, control). */
#include "coder_int.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAXTOK 1000    /* longer "sentences" are segmentation failures and are not coded */
#define MAXACT 8

typedef struct sctx {
    const ann_coder *c;
    ann_doc *d;
    int si;
    const ann_sentence *s;
    int n;
    int head[MAXTOK];          /* 0-based head, -1 = root */
    int mtok[MAXTOK];          /* mention index covering the token, -1 */
    char *up[MAXTOK], *ulem[MAXTOK];
    int steps;
    /* pattern match state */
    int src_m, tgt_m;
    unsigned char used[MAXTOK]; /* words the chosen pattern consumed: not actors of the event */
    int use_mask;
    int no_ccomp_target;       /* object_of: the complement's subject is not a target */
    int bare_statement;        /* object_of: only an object that names an actor is one (010) */
    int nonforce;              /* the event is no use of force (roots 01-17) */
    int skip_loc;              /* actors_in: the place of the verb's object ("signed an agreement
                                  in Washington") is not who the act is done to */
    int force;                 /* the event is force (18-20) or protest (14): its place is its
                                  target failing all else */
    char place[4];             /* the country of the sentence's first named place ("in Istanbul"), or "" */
    /* per verb token: its events [evfirst, evlast), and whether a pattern (not just the
     * verb's default) decided the code */
    int evfirst[MAXTOK], evlast[MAXTOK];
    unsigned char haspat[MAXTOK];
    char vcode[MAXTOK][8];     /* the verb's code, even when it made no event (no target) */
    char vword[MAXTOK][32];    /* the dictionary word the verb matched (PETRARCH) */
    const int *sm;             /* the sentence's mentions */
    int nsm;
    int vsubj[MAXTOK];         /* its first subject mention, -1 */
    int vsubjn[MAXTOK], vsubjm[MAXTOK][4]; /* all its subject mentions (conjoined), up to 4 */
    unsigned char loccase[MAXTOK]; /* the token has a locative case word ("in", "at", "near") */
} sctx;

static int is_rel(const char *dep, const char *want)
{
    if (!dep) return 0;
    size_t n = strlen(want);
    return !strncmp(dep, want, n) && (dep[n] == 0 || dep[n] == ':');
}

static int child_with(const sctx *x, int v, const char *dep, int from)
{
    for (int i = from; i < x->n; i++)
        if (x->head[i] == v && is_rel(x->s->tok[i].deprel, dep)) return i;
    return -1;
}

static int infinitive_mark(const sctx *x, int w);
static int lookup_token(const ann_coder *c, const sctx *x, int v);
static int root_of(const char *code) { return code[0] && code[1] ? (code[0] - '0') * 10 + (code[1] - '0') : -1; }
static int is_objrel(const sctx *x, int v, int t);
static int is_obl(const char *dep);
static int case_of(const sctx *x, int t, const char *want);
static int inner_of(const sctx *x, int o);

/* ---- pattern matching ------------------------------------------------------------------ */

static int word_match(const pelem *e, const sctx *x, int t)
{
    if (t + e->nw > x->n) return 0;
    for (int k = 0; k < e->nw; k++) {
        const char *w = e->w[k];
        const char *f = x->up[t + k], *l = x->ulem[t + k];
        if (!strcmp(w, f) || !strcmp(w, l)) continue;
        return 0;
    }
    return e->nw;
}

/* Number of tokens an element matches at list position p (tokens list[p..]), 0 = no match. */
static int elem_at(const pelem *e, const sctx *x, const int *list, int nl, int p, int depth)
{
    if (p >= nl || depth > 4) return 0;
    if (e->kind == PE_WORD) {
        int t = list[p];
        int k = word_match(e, x, t);
        if (!k) return 0;
        if (e->pp && x->s->tok[t].deprel && (is_rel(x->s->tok[t].deprel, "mark") ||
                                             (x->s->tok[t].upos && !strcmp(x->s->tok[t].upos, "PART"))))
            return 0;
        /* consecutive in the list too */
        for (int j = 1; j < k; j++)
            if (p + j >= nl || list[p + j] != t + j) return 0;
        return k;
    }
    if (e->kind == PE_SYN) {
        const psyn *s = &x->c->syn[e->syn];
        for (int i = 0; i < s->nw; i++) {
            int k = elem_at(&s->w[i], x, list, nl, p, depth + 1);
            if (k) return k;
        }
    }
    return 0;
}

static int match_seq(sctx *x, const pelem *e, int ne, const int *list, int nl, int p, int contiguous)
{
    if (++x->steps > 4000) return 0;
    if (ne == 0) return 1;
    switch (e->kind) {
    /* TABARI's {} marks a phrase; over a tree the words need only keep their order (a
     * contiguous match, mode 1, is kept for markers that must follow at once). */
    case PE_GROUP_ON: return match_seq(x, e + 1, ne - 1, list, nl, p, 0);
    case PE_GROUP_OFF: return match_seq(x, e + 1, ne - 1, list, nl, p, 0);
    case PE_SKIP: {
        /* ^ skips one noun phrase: the next token, or the whole actor mention it starts */
        if (p >= nl) return 0;
        int r = p + 1, m = x->mtok[list[p]];
        while (m >= 0 && r < nl && x->mtok[list[r]] == m) r++;
        return match_seq(x, e + 1, ne - 1, list, nl, r, contiguous == 1 ? 0 : contiguous);
    }
    case PE_SRC:
    case PE_TGT:
        for (int q = p; q < nl; q++) {
            int m = x->mtok[list[q]];
            if (m < 0 || !x->d->ment[m].code) continue;
            int save = e->kind == PE_SRC ? x->src_m : x->tgt_m;
            if (e->kind == PE_SRC) x->src_m = m; else x->tgt_m = m;
            int r = q + 1;
            while (r < nl && x->mtok[list[r]] == m) r++;
            if (match_seq(x, e + 1, ne - 1, list, nl, r, contiguous == 2 ? 1 : contiguous)) return 1;
            if (e->kind == PE_SRC) x->src_m = save; else x->tgt_m = save;
            if (contiguous == 1) break;
        }
        return 0;
    default:
        for (int q = p; q < nl; q++) {
            int k = elem_at(e, x, list, nl, q, 0);
            if (k) {
                for (int j = 0; j < k; j++) x->used[list[q + j]]++;
                if (match_seq(x, e + 1, ne - 1, list, nl, q + k, contiguous == 2 ? 1 : contiguous)) return 1;
                for (int j = 0; j < k; j++) x->used[list[q + j]]--;
            }
            if (contiguous == 1) break;
        }
        return 0;
    }
}

/* ---- the clause of a verb ------------------------------------------------------------ */

static int clause_boundary(const char *dep)
{
    return is_rel(dep, "conj") || is_rel(dep, "parataxis") || is_rel(dep, "ccomp") ||
           is_rel(dep, "advcl") || is_rel(dep, "punct") || is_rel(dep, "acl") ||
           is_rel(dep, "csubj") || is_rel(dep, "cc") || is_rel(dep, "discourse");
}

/* Tokens of v's clause in sentence order: v's subtree, not entering other clauses. */
static int clause_tokens(const sctx *x, int v, int *out)
{
    int n = 0;
    for (int i = 0; i < x->n; i++) {
        if (i == v) continue;
        int t = i, ok = 0;
        for (int guard = 0; guard < x->n && t >= 0; guard++) {
            int h = x->head[t];
            if (h == v) { ok = !clause_boundary(x->s->tok[t].deprel); break; }
            if (h < 0) break;
            if (x->s->tok[t].upos && !strcmp(x->s->tok[t].upos, "VERB") && clause_boundary(x->s->tok[t].deprel)) break;
            t = h;
        }
        if (ok) out[n++] = i;
    }
    return n;
}

/* ---- actors from the tree ------------------------------------------------------------ */

typedef struct actset { int m[MAXACT]; int n; } actset;

static void act_add(actset *a, int m)
{
    if (m < 0) return;
    for (int i = 0; i < a->n; i++) if (a->m[i] == m) return;
    if (a->n < MAXACT) a->m[a->n++] = m;
}

static int coded(const sctx *x, int m) { return m >= 0 && x->d->ment[m].code; }

/* A mention the chosen pattern used as one of its words ("conducted military exercises":
 * "military" belongs to the event, it is not its target). */
static int pattern_word(const sctx *x, int m)
{
    if (!x->use_mask || m < 0) return 0;
    const ann_mention *mm = &x->d->ment[m];
    for (int t = mm->first; t <= mm->last && t < x->n; t++)
        if (!x->used[t]) return 0;
    return 1;
}

/* A sector code without a country ("MIL" from "military support"). */
static int bare_sector(const char *code)
{
    static const char sectors[] =
        " AGR BUS COP CRM CVL DEV EDU ELI ENV GOV HLH HRI INS JUD LAB LEG MED MIL MOD OPP PTY RAD REB REF"
        " REL SEP SPY UAF NGO ";
    if (!code || strlen(code) != 3) return 0;
    char key[6] = {' ', code[0], code[1], code[2], ' ', 0};
    return strstr(sectors, key) != NULL;
}

/* "government-held", "rebel-controlled", "army-backed": the word before a hyphen and a
 * participle describes the thing, however the parser labels it. */
static int hyphen_modifier(const sctx *x, int i)
{
    static const char *const w[] = {"HELD", "CONTROLLED", "RUN", "LED", "BACKED", "BASED", "LINKED", "ALLIED",
                                    "OCCUPIED", "RULED", "DOMINATED", "OWNED", "FUNDED", "SPONSORED", "AFFILIATED",
                                    "ALIGNED", "FRIENDLY", NULL};
    const char *glued = strrchr(x->up[i], '-'); /* one token: "GOVERNMENT-HELD" */
    const char *after = glued && glued[1] ? glued + 1 : i + 2 < x->n && !strcmp(x->up[i + 1], "-") ? x->up[i + 2] : NULL;
    for (int k = 0; after && w[k]; k++)
        if (!strcmp(after, w[k])) return 1;
    return 0;
}

/* The actors a nominal at t stands for: the mention covering it, else the nearest mention in
 * its phrase (compound, amod, nmod ...), plus those of its conjuncts. */
static void actors_in(const sctx *x, int t, actset *a, int depth, int skip)
{
    if (t < 0 || depth > 6) return;
    int m = x->mtok[t];
    if (coded(x, m) && !pattern_word(x, m)) {
        act_add(a, m);
        /* a plural anaphor ("the two leaders") is one mention per member over the same words */
        for (int k = 0; k < x->nsm; k++) {
            const ann_mention *o = &x->d->ment[x->sm[k]], *mm = &x->d->ment[m];
            if (x->sm[k] != m && o->code && o->first == mm->first && o->last == mm->last) act_add(a, x->sm[k]);
        }
        /* "US and British activists": a modifier coordinated with the mention's own words is
         * an actor of its own */
        for (int i = 0; i < x->n; i++) {
            int mi = x->mtok[i];
            if (x->head[i] != t || mi == m || !coded(x, mi) || !(is_rel(x->s->tok[i].deprel, "compound") || is_rel(x->s->tok[i].deprel, "amod")))
                continue;
            for (int k = x->d->ment[m].first; k <= x->d->ment[m].last && k < x->n; k++)
                if (k >= 0 && x->head[k] == i && is_rel(x->s->tok[k].deprel, "conj")) { act_add(a, mi); break; }
        }
    } else {
        /* "his Egyptian counterpart Badr Abdelatty": a named apposition says who */
        int before = a->n;
        for (int i = 0; i < x->n && a->n == before && x->c->own_format; i++)
            if (x->head[i] == t && i != skip && is_rel(x->s->tok[i].deprel, "appos") && coded(x, x->mtok[i]) &&
                !pattern_word(x, x->mtok[i]))
                actors_in(x, i, a, depth + 1, skip);
        if (a->n > before) return;
        /* breadth-first over the phrase, skipping clauses and conjuncts */
        int queue[MAXTOK], qh = 0, qt = 0, found = -1, poss = -1;
        queue[qt++] = t;
        while (qh < qt && found < 0) {
            int u = queue[qh++];
            for (int i = 0; i < x->n && found < 0; i++) {
                if (x->head[i] != u || i == skip) continue;
                const char *dep = x->s->tok[i].deprel;
                /* a participle inside the phrase belongs to it ("an attack targeting X");
                 * relative and other clauses do not */
                const char *f = x->s->tok[i].feats;
                int participle = is_rel(dep, "acl") && !is_rel(dep, "acl:relcl") && f &&
                                 (strstr(f, "VerbForm=Ger") || strstr(f, "VerbForm=Part"));
                if (!participle && (is_rel(dep, "conj") || is_rel(dep, "acl") || is_rel(dep, "advcl") ||
                                    is_rel(dep, "ccomp") || is_rel(dep, "parataxis") || is_rel(dep, "punct") ||
                                    is_rel(dep, "appos")))
                    continue;
                /* "offered military support to Lebanon": a bare sector adjective describes
                 * the thing, it is not the actor */
                const char *hu = x->s->tok[u].upos ? x->s->tok[u].upos : "";
                if ((is_rel(dep, "amod") || (strcmp(hu, "NOUN") && strcmp(hu, "PROPN")) || hyphen_modifier(x, i)) &&
                    coded(x, x->mtok[i]) && bare_sector(x->d->ment[x->mtok[i]].code))
                    continue; /* ... nor does "government-held" make the government the target */
                if (x->skip_loc && u == t && x->loccase[i] && coded(x, x->mtok[i]) && (is_obl(dep) || is_rel(dep, "nmod")))
                    continue;
                if (x->c->own_format && case_of(x, i, "ACCORD")) continue; /* "according to X": a source of the news */
                /* "his Omani counterpart", "eased its sanctions on Syria": a possessive
                 * pronoun (usually the subject again) names the actor only failing anyone
                 * else in the phrase */
                if (is_rel(dep, "nmod:poss") && x->s->tok[i].upos && !strcmp(x->s->tok[i].upos, "PRON")) {
                    if (poss < 0 && coded(x, x->mtok[i])) poss = i;
                    continue;
                }
                if (coded(x, x->mtok[i]) && !pattern_word(x, x->mtok[i])) found = i;
                else if (qt < MAXTOK) queue[qt++] = i;
            }
        }
        if (found < 0) found = poss;
        /* the mention found, with its own conjuncts ("ties with X, Y and Z") */
        if (found >= 0) actors_in(x, found, a, depth + 1, skip);
    }
    int nconj = 0;
    for (int i = 0; i < x->n; i++)
        if (x->head[i] == t && is_rel(x->s->tok[i].deprel, "conj")) { actors_in(x, i, a, depth + 1, skip); nconj++; }
    /* "Mordor, the awful Arnor, and Gondor": in a list, an apposition is one more item */
    if (nconj)
        for (int i = 0; i < x->n; i++)
            if (x->head[i] == t && is_rel(x->s->tok[i].deprel, "appos")) actors_in(x, i, a, depth + 1, skip);
    /* "a senior official, X" : the apposition names the actor when the head did not */
    if (a->n == 0)
        for (int i = 0; i < x->n; i++)
            if (x->head[i] == t && is_rel(x->s->tok[i].deprel, "appos")) actors_in(x, i, a, depth + 1, skip);
}

static void actors_at(const sctx *x, int t, actset *a, int depth) { actors_in(x, t, a, depth, -1); }

static int is_passive(const sctx *x, int v)
{
    int subj = 0;
    for (int i = 0; i < x->n; i++) {
        if (x->head[i] != v) continue;
        const char *dep = x->s->tok[i].deprel;
        if (!strcmp(dep, "aux:pass") || !strcmp(dep, "auxpass")) return 1;
        if (!strcmp(dep, "nsubj:pass") || !strcmp(dep, "nsubjpass")) subj = 1;
        if (subj && is_obl(dep) && case_of(x, i, "BY")) return 1;
    }
    /* "The French president called for a ceasefire" taken for a passive subject: a main
     * clause with no passive auxiliary and no by-agent is active */
    if (subj && x->c->own_format && x->head[v] < 0) {
        for (int i = 0; i < x->n; i++)
            if (x->head[i] == v && is_obl(x->s->tok[i].deprel) && case_of(x, i, "BY")) return 1;
        return 0;
    }
    return subj;
}

static int case_of(const sctx *x, int t, const char *want)
{
    for (int i = 0; i < x->n; i++)
        if (x->head[i] == t && is_rel(x->s->tok[i].deprel, "case") && !strcmp(x->ulem[i], want))
            return 1;
    return 0;
}

static int is_obl(const char *dep)
{
    return is_rel(dep, "obl") || (is_rel(dep, "nmod") && !is_rel(dep, "nmod:poss") &&
                                  !is_rel(dep, "nmod:tmod") && !is_rel(dep, "nmod:npmod"));
}

/* A noun phrase naming an act the rules know: "shelling", or as a parser may hang it, "tank"
 * with the participle "shelling". */
static int event_phrase(const sctx *x, int i)
{
    if (lookup_token(x->c, x, i) >= 0) return 1;
    for (int k = i + 1; k < x->n && k <= i + 3; k++) {
        const char *xp = x->s->tok[k].xpos;
        if (x->head[k] == i && is_rel(x->s->tok[k].deprel, "acl") && xp && !strcmp(xp, "VBG") &&
            lookup_token(x->c, x, k) >= 0)
            return 1;
    }
    return 0;
}

/* Logical subject of v (source in the active voice). */
static void subject_of(const sctx *x, int v, actset *a, int depth)
{
    if (v < 0 || depth > 5) return;
    int passive = is_passive(x, v);
    if (passive) {
        for (int i = 0; i < x->n; i++)
            if (x->head[i] == v && (is_rel(x->s->tok[i].deprel, "obl") || is_rel(x->s->tok[i].deprel, "nmod")) &&
                (case_of(x, i, "BY") || strstr(x->s->tok[i].deprel, "agent")))
                actors_at(x, i, a, 0);
        /* "released yesterday by Putin" with "by Putin" hung on "yesterday": a by-phrase on
         * the verb's bare time word is the verb's agent */
        for (int i = 0; i < x->n && !a->n; i++) {
            const char *dep = x->s->tok[i].deprel;
            if (x->head[i] != v || !(is_rel(dep, "obl:tmod") || is_rel(dep, "obl:unmarked") ||
                                     is_rel(dep, "obl:npmod") || is_rel(dep, "nmod:tmod")))
                continue;
            for (int k = i + 1; k < x->n && !a->n; k++)
                if (x->head[k] == i && is_rel(x->s->tok[k].deprel, "nmod") && case_of(x, k, "BY")) actors_at(x, k, a, 0);
        }
        /* no agent: where it came from ("a rocket was fired at Israel from Gaza") */
        for (int i = 0; i < x->n && !a->n; i++)
            if (x->head[i] == v && is_obl(x->s->tok[i].deprel) && case_of(x, i, "FROM")) actors_at(x, i, a, 0);
        /* "killed in an Israeli air strike", "wounded in shelling by government forces": the
         * event noun's own actor did it */
        for (int i = 0; i < x->n && !a->n; i++)
            if (x->head[i] == v && is_obl(x->s->tok[i].deprel) && (case_of(x, i, "IN") || case_of(x, i, "DURING")) &&
                x->c->own_format && x->s->tok[i].upos && !strcmp(x->s->tok[i].upos, "NOUN") && event_phrase(x, i))
                actors_at(x, i, a, 0);
        return;
    }
    int sj = child_with(x, v, "nsubj", 0);
    if (sj < 0) sj = child_with(x, v, "csubj", 0);
    if (sj >= 0) {
        const char *f = x->s->tok[sj].feats;
        if (f && strstr(f, "PronType=Rel") && x->head[v] >= 0) { actors_at(x, x->head[v], a, 0); return; }
        actors_at(x, sj, a, 0);
        /* a list's last item hung on the verb as a second subject ("The US, Russia, and
         * Switzerland met"): a frequent parser slip */
        if (x->c->own_format) {
            int more = 0;
            for (int i = child_with(x, v, "nsubj", sj + 1); i >= 0; i = child_with(x, v, "nsubj", i + 1))
                if (!strstr(x->s->tok[i].deprel, "pass")) { actors_at(x, i, a, 0); more = 1; }
            /* ... and its middle items then hang on the first as appositions */
            for (int i = sj + 1; more && i < v; i++)
                if (x->head[i] == sj && is_rel(x->s->tok[i].deprel, "appos")) actors_at(x, i, a, 0);
        }
        /* "Obama said he would ...": a personal pronoun subject of a complement clause is,
         * failing anything better, the governing clause's subject */
        if (!a->n && x->s->tok[sj].upos && !strcmp(x->s->tok[sj].upos, "PRON") && x->head[v] >= 0 &&
            (is_rel(x->s->tok[v].deprel, "ccomp") || is_rel(x->s->tok[v].deprel, "conj")))
            subject_of(x, x->head[v], a, depth + 1);
        return;
    }
    const char *dep = x->s->tok[v].deprel;
    int h = x->head[v];
    if (h < 0) return;
    if (is_rel(dep, "xcomp")) {
        /* raising from a passive ("X is scheduled to attend") */
        if (is_passive(x, h)) {
            int ps = child_with(x, h, "nsubj", 0);
            if (ps < 0) ps = child_with(x, h, "nsubjpass", 0);
            if (ps >= 0) { actors_at(x, ps, a, 0); if (a->n) return; }
        }
        /* object control ("pressed X to investigate") when the governor has an object */
        int ob = child_with(x, h, "obj", 0);
        if (ob < 0) ob = child_with(x, h, "dobj", 0);
        if (ob >= 0 && ob < v) { actors_at(x, ob, a, 0); if (a->n) return; }
        subject_of(x, h, a, depth + 1);
    } else if (is_rel(dep, "conj") || is_rel(dep, "advcl")) {
        subject_of(x, h, a, depth + 1);
    } else if (is_rel(dep, "acl")) {
        /* "used Azerbaijani airspace to launch attacks": who launches is who used it */
        if (!is_rel(dep, "acl:relcl") && infinitive_mark(x, v) && x->head[h] >= 0 && is_objrel(x, x->head[h], h)) {
            subject_of(x, x->head[h], a, depth + 1);
            if (a->n) return;
        }
        /* the noun's own actors, not those inside this very clause */
        actors_in(x, h, a, 0, v);
    }
}

/* Prepositions that can introduce a target ("talks with X", "strikes on X"); with our own
 * patterns, time and circumstance ("during a conversation between ...", "after", "in") cannot.
 * PETRARCH's dictionaries expect any phrase to do. */
static int target_case(const sctx *x, int t)
{
    if (!x->c->own_format) return 1;
    /* "according to Amnesty": a source of the news, not a party */
    if (case_of(x, t, "ACCORD") || case_of(x, t, "ACCORDING")) return 0;
    static const char *const ok[] = {"AGAINST", "WITH", "ON", "TO", "AT", "TOWARD", "TOWARDS", "INTO",
                                     "UPON", "OVER", "FOR", "FROM", "OF", "ABOUT", "BETWEEN", NULL};
    for (int k = 0; ok[k]; k++)
        if (case_of(x, t, ok[k])) {
            /* a statement is not addressed to where something comes from ("said the step had
             * support from Moscow") */
            if (x->no_ccomp_target && (!strcmp(ok[k], "FROM") || !strcmp(ok[k], "INTO"))) continue;
            return 1;
        }
    return 0;
}

static int weapon_word(const sctx *x, int t)
{
    static const char *const w[] = {"MISSILE", "ROCKET", "DRONE", "SHELL", "BOMB", "WARPLANE", "JET", "TANK",
                                    "ARTILLERY", "WEAPON", "MUNITION", "GRENADE", "MORTAR", "PROJECTILE", "WARHEAD",
                                    "TORPEDO", "AIRCRAFT", "HELICOPTER", "WARSHIP", NULL};
    for (int k = 0; w[k]; k++)
        if (!strcmp(x->ulem[t], w[k])) return 1;
    return 0;
}

/* Target of v: the passive subject, the object, then prepositional phrases. */
static void object_of(const sctx *x, int v, actset *a)
{
    if (is_passive(x, v)) {
        int sj = child_with(x, v, "nsubj", 0);
        if (sj < 0) sj = child_with(x, v, "nsubjpass", 0);
        if (sj >= 0) actors_at(x, sj, a, 0);
        /* a passive without a subject of its own inside a clause ("... were released by
         * Putin" hung on "imprisoned", "left after being freed"): the governing clause's
         * subject is the one it shares */
        const char *dep = x->s->tok[v].deprel;
        int h = x->head[v];
        if (sj < 0 && h >= 0 && (is_rel(dep, "advcl") || is_rel(dep, "conj"))) {
            int hs = child_with(x, h, "nsubj", 0);
            if (hs < 0) hs = child_with(x, h, "nsubjpass", 0);
            if (hs >= 0 && hs < v) actors_at(x, hs, a, 0);
        }
        if (a->n) return;
    }
    static const char *const objs[] = {"obj", "dobj", "iobj"};
    int weapon = -1;
    for (int k = 0; k < 3 && !a->n; k++) {
        int o = child_with(x, v, objs[k], 0);
        /* "launched drones at Kyiv", "fired missiles into Israel": the weapon is how, the
         * phrase says at whom; the weapon is the target only when nothing else is ("shot
         * down drones") */
        if (o >= 0 && x->c->own_format && weapon_word(x, inner_of(x, o))) {
            weapon = o;
            continue;
        }
        /* a statement's object is its addressee only when it names one ("told Iran"), not
         * by anyone inside it ("said such a step had support from Moscow") */
        ((sctx *)x)->skip_loc = x->nonforce; /* (a search mode of actors_in, reset at once) */
        if (o >= 0 && (!x->bare_statement || coded(x, x->mtok[o]))) actors_at(x, o, a, 0);
        ((sctx *)x)->skip_loc = 0;
    }
    if (a->n) return;
    for (int i = 0; i < x->n && !a->n; i++)
        if (x->head[i] == v && is_obl(x->s->tok[i].deprel) && !case_of(x, i, "BY") && target_case(x, i))
            actors_at(x, i, a, 0);
    if (a->n) return;
    /* "restore ties with Gondor": the object's own prepositional phrase ("a wave of strikes
     * on Iran": of the noun a quantity counts) */
    int o = child_with(x, v, "obj", 0);
    if (o < 0) o = child_with(x, v, "dobj", 0);
    for (int pass = 0, oo = o; o >= 0 && pass < 2 && !a->n; pass++, oo = inner_of(x, o)) {
        if (pass && oo == o) break;
        for (int i = 0; i < x->n && !a->n; i++)
            if (x->head[i] == oo && is_obl(x->s->tok[i].deprel) && target_case(x, i) && (!pass || !case_of(x, i, "OF")))
                actors_at(x, i, a, 0);
    }
    if (a->n) return;
    /* "spoke by phone with X", "held talks in Doha with X": a phrase hung on the verb's own
     * circumstance */
    for (int i = 0; x->c->own_format && i < x->n && !a->n; i++) {
        if (x->head[i] != v || !is_obl(x->s->tok[i].deprel) || coded(x, x->mtok[i])) continue;
        for (int k = i + 1; k < x->n && !a->n; k++)
            if (x->head[k] == i && is_rel(x->s->tok[k].deprel, "nmod") &&
                (case_of(x, k, "WITH") || case_of(x, k, "TO") || case_of(x, k, "AGAINST")))
                actors_at(x, k, a, 0);
    }
    if (a->n) return;
    /* "detonated a bomb near a police station", "struck in Gaza": where force was used */
    const char *vx = x->s->tok[v].xpos;
    int active = x->force && !is_passive(x, v) &&
                 (child_with(x, v, "nsubj", 0) >= 0 || is_rel(x->s->tok[v].deprel, "xcomp") ||
                  (is_rel(x->s->tok[v].deprel, "acl") && vx && (!strcmp(vx, "VBD") || !strcmp(vx, "VBG"))));
    for (int i = 0; active && i < x->n && !a->n; i++)
        if (x->head[i] == v && is_obl(x->s->tok[i].deprel) && x->loccase[i]) actors_at(x, i, a, 0);
    if (a->n) return;
    if (weapon >= 0) actors_at(x, weapon, a, 0);
    if (a->n) return;
    int xc = child_with(x, v, "xcomp", 0);
    if (xc >= 0) object_of(x, xc, a);
    if (a->n) return;
    /* "X believes Y can cope": the subject of the complement clause (not for a statement:
     * "X said that Y ..." is not addressed to Y) */
    int cc = x->no_ccomp_target ? -1 : child_with(x, v, "ccomp", 0);
    if (cc >= 0) {
        int sj = child_with(x, cc, "nsubj", 0);
        if (sj >= 0) actors_at(x, sj, a, 0);
    }
}

/* "may have used", "reportedly", "allegedly": the event stays, marked hedged. */
static int hedged(const sctx *x, int v)
{
    for (int guard = 0; v >= 0 && guard < 3; guard++) {
        for (int i = 0; i < x->n; i++) {
            if (x->head[i] != v) continue;
            const char *l = x->ulem[i], *dep = x->s->tok[i].deprel;
            if (is_rel(dep, "aux") && (!strcmp(l, "MAY") || !strcmp(l, "MIGHT") || !strcmp(l, "COULD")))
                return 1;
            if (is_rel(dep, "advmod") && (!strcmp(l, "REPORTEDLY") || !strcmp(l, "ALLEGEDLY") ||
                                          !strcmp(l, "APPARENTLY") || !strcmp(l, "PURPORTEDLY")))
                return 1;
        }
        /* a hedge on the governing verb covers its complement ("may have used X to launch") */
        if (!is_rel(x->s->tok[v].deprel, "xcomp") && !is_rel(x->s->tok[v].deprel, "advcl") &&
            !is_rel(x->s->tok[v].deprel, "acl"))
            break;
        v = x->head[v];
    }
    return 0;
}

static int is_not(const sctx *x, int i)
{
    return !strcmp(x->ulem[i], "NOT") || !strcmp(x->ulem[i], "NEVER") || !strcmp(x->ulem[i], "N'T");
}

static int negated(const sctx *x, int v)
{
    for (int i = 0; i < x->n; i++) {
        int h = x->head[i];
        if (h != v && (h < 0 || x->head[h] != v || h > v)) continue;
        const char *dep = x->s->tok[i].deprel;
        if (h == v && is_rel(dep, "neg")) return 1;
        if (!is_rel(dep, "advmod") && !is_rel(dep, "neg")) continue;
        /* "would not in any way allow": a "not" hung on a phrase before the verb */
        if (is_not(x, i) && (h == v || i < v)) return 1;
    }
    return 0;
}

/* ---- events ------------------------------------------------------------------------------ */

static void set_ref(sctx *x, ann_actor_ref *r, int m)
{
    ann_doc *d = x->d;
    if (m < 0) return;
    const ann_mention *mm = &d->ment[m];
    r->code = mm->code;
    r->start = mm->start;
    r->end = mm->end;
    r->text = ann_arena_strndup(&d->arena, d->text + mm->start, mm->end - mm->start);
    r->entry = mm->entry;
    r->resolved_from = mm->resolved_from;
}

/* "Police arrested dozens of opposition supporters in Istanbul": an actor known only by its
 * sector belongs, as a CAMEO coder reads it, to the country where the event took place. */
static void place_country(sctx *x, ann_actor_ref *r, int m)
{
    if (!x->c->own_format || !x->place[0] || !bare_sector(r->code)) return;
    /* ... unless said to be from elsewhere ("foreign aid workers") */
    const ann_mention *mm = &x->d->ment[m];
    for (int t = 0; t < x->n; t++) {
        int h = x->head[t];
        if ((t >= mm->first && t <= mm->last) || (h >= mm->first && h <= mm->last))
            if (!strcmp(x->ulem[t], "FOREIGN") || !strcmp(x->ulem[t], "INTERNATIONAL") || !strcmp(x->ulem[t], "OVERSEAS"))
                return;
    }
    r->code = ann_arena_printf(&x->d->arena, "%s%s", x->place, r->code);
}

/* "Cuba released 553 prisoners", "Tunisian authorities banned the opposition party": people
 * known only by their sector, with no place named, are, as a CAMEO coder reads it, the acting
 * state's own (CUBCVL, TUNOPP). Not armed groups (their allegiance is not the state's) nor
 * an organisation or a state that is no country; not refugees; not the victims of force nor
 * the deported. */
static void own_people(sctx *x, ann_event *e)
{
    static const char *const people[] = {"CVL", "MED", "OPP", "PTY", "EDU", "REL", "LAB", "ELI", "HRI", "AGR", "BUS", NULL};
    static const char *const nat[] = {"IGO", "NGO", "IMG", "MNC", "UAF", "INS", "SPY", NULL};
    const char *tc = e->target.code, *sc = e->source.code;
    if (!x->c->own_format || !tc || !sc || !bare_sector(tc) || bare_sector(sc) || strlen(sc) < 3) return;
    /* (force is as often across a border: "villagers were killed in Israeli shelling") */
    if (root_of(e->code) >= 18) return;
    /* (nor those deported or expelled: "deported 500 migrants" are most often foreigners) */
    if (!strncmp(e->code, "174", 3) || !strncmp(e->code, "201", 3)) return;
    int ok = 0;
    for (int k = 0; people[k]; k++) ok |= !strcmp(tc, people[k]);
    for (int k = 0; nat[k]; k++)
        if (!strncmp(sc, nat[k], 3)) ok = 0;
    for (int k = 0; k < 3; k++)
        if (sc[k] < 'A' || sc[k] > 'Z') ok = 0;
    if (ok) e->target.code = ann_arena_printf(&x->d->arena, "%.3s%s", sc, tc);
}

/* Gives e the code and what the CAMEO table says of it (root, Goldstein, quad, PLOVER). */
static void recode(sctx *x, ann_event *e, const char *code)
{
    snprintf(e->code, sizeof e->code, "%s", code);
    snprintf(e->root, sizeof e->root, "%.2s", code);
    const ann_cameo_info *ci = x->c->ncameo ? ann_cameo_lookup(x->c, code) : NULL;
    if (ci) {
        e->goldstein = ci->goldstein;
        e->quad_class = ci->quad_class;
        e->plover_type = ci->plover_type;
        e->plover_mode = ci->plover_mode;
        e->plover_context = ci->plover_context;
    }
}

static void add_event(sctx *x, int v, int sm, int tm, const char *code, const char *pattern, int neg)
{
    ann_doc *d = x->d;
    const char *sc = d->ment[sm].code, *tc = tm >= 0 ? d->ment[tm].code : NULL;
    if (!sc || (tc && !strcmp(sc, tc))) return;
    /* the same event twice in one sentence (two verbs, two paths) is one event */
    for (int i = d->nevent - 1; i >= 0 && d->event[i].sent == x->si; i--) {
        ann_event *o = &d->event[i];
        if (!strcmp(o->code, code) && o->source.code && !strcmp(o->source.code, sc) &&
            ((!tc && !o->target.code) || (tc && o->target.code && !strcmp(o->target.code, tc))))
            return;
    }
    ann_event *e = ann_doc_add_event(d);
    e->sent = x->si;
    set_ref(x, &e->source, sm);
    set_ref(x, &e->target, tm);
    place_country(x, &e->source, sm);
    if (tm >= 0) place_country(x, &e->target, tm);
    recode(x, e, code);
    if (tm >= 0) own_people(x, e);
    e->negated = (uint8_t)neg;
    e->hedged = (uint8_t)hedged(x, v);
    const ann_token *t = &x->s->tok[v];
    e->trigger_start = t->start;
    e->trigger_end = t->end;
    e->trigger_text = t->form;
    e->pattern = (char *)pattern;
}

/* CAMEO's reject family mirrors the cooperation roots: refusing to meet is 125, to cooperate
 * materially 121, to give aid 122, to yield 124. Negated statements and negated conflict
 * are no event at all. */
static const char *negated_code(const char *code)
{
    if (!code[0] || !code[1]) return "";
    switch ((code[0] - '0') * 10 + (code[1] - '0')) {
    case 2: case 3: case 5: return "120";
    case 4: return "125";
    case 6: return "121";
    case 7: return "122";
    case 8: return "124";
    default: return "";
    }
}

static int one_sided_ok(const sctx *x, int v, const char *code)
{
    if (!strcmp(code, "010")) return 0;
    if (x->s->tok[v].upos && !strcmp(x->s->tok[v].upos, "NOUN")) return 0;
    if (x->c->own_format && is_passive(x, v)) return 0; /* "widely considered" is no one's act */
    /* pessimism, optimism, sympathy and agreement are toward someone; a denial, a claim of
     * responsibility, a refusal to comment or a policy under consideration are news alone */
    if (!strncmp(code, "012", 3) || !strncmp(code, "013", 3) || !strncmp(code, "018", 3) || !strncmp(code, "019", 3))
        return 0;
    int r = (code[0] - '0') * 10 + (code[1] - '0');
    if (r == 1 || r == 14 || r == 15 || r == 8 || r == 12) return 1;
    if (!x->c->own_format) return 0;
    /* an appeal, a promise or a demand made to no one in particular is news too ("called for
     * calm" 0256, "appealed for international aid" 023, "promised to release the journalist"
     * 0353, "called for an investigation" 101): CAMEO codes the act, its target unknown */
    if ((r == 2 || r == 3 || r == 10) && strcmp(code, "030") && strcmp(code, "020") && strcmp(code, "100")) return 1;
    /* "Iran seized a foreign oil tanker": a confiscation whose owner is not named */
    if (!strncmp(code, "1711", 4)) return 1;
    /* "fired two ballistic missiles into the sea": a missile launch is the news */
    if (r == 19 && (!strcmp(x->ulem[v], "FIRE") || !strcmp(x->ulem[v], "LAUNCH")))
        for (int i = 0; i < x->n; i++)
            if (x->head[i] == v && is_objrel(x, v, i) && weapon_word(x, inner_of(x, i)) &&
                (!strcmp(x->ulem[inner_of(x, i)], "MISSILE") || !strcmp(x->ulem[inner_of(x, i)], "ROCKET")))
                return 1;
    return 0;
}

/* "The US said that Iraq had attacked themselves": force told by a speaker before it, done by
 * another, is the speaker's accusation (reported_force: 112 USA>IRQ) even with no target. */
static int reported_other(const sctx *x, int v, const char *code, int sm)
{
    int h = x->head[v];
    if (!x->c->own_format || root_of(code) < 18 || h < 0 || h > v || !is_rel(x->s->tok[v].deprel, "ccomp") ||
        (root_of(x->vcode[h]) != 1 && root_of(x->vcode[h]) != 11) || x->vsubj[h] < 0)
        return 0;
    const char *spk = x->d->ment[x->vsubj[h]].code, *sc = x->d->ment[sm].code;
    return spk && sc && strncmp(spk, sc, 3) && !bare_sector(sc);
}

/* An administrative sanction, or its easing, with no one named acted on ("the junta lifted
 * the curfew in the capital", "extended the state of emergency"): a government imposes it on
 * its own country (CAMEO 172x, 081x). */
static int own_country_target(const sctx *x, int v, const char *code, int sm)
{
    const char *sc = x->d->ment[sm].code;
    if (!x->c->own_format || !sc || strlen(sc) < 3 || bare_sector(sc)) return 0;
    /* (and an execution with no one named: "Iran executed a man convicted of spying") */
    if (strncmp(code, "172", 3) && strncmp(code, "081", 3) &&
        !(!strcmp(code, "1823") && (!strcmp(x->ulem[v], "EXECUTE") || !strcmp(x->ulem[v], "HANG"))))
        return 0;
    static const char *const nat[] = {"IGO", "NGO", "IMG", "MNC", "UAF", "INS", NULL};
    for (int k = 0; nat[k]; k++)
        if (!strncmp(sc, nat[k], 3)) return 0;
    return 1;
}

/* Events from a coded trigger: one per source/target pair; "X and Y agreed" (no target) and
 * reciprocal rules go both ways. */
static void emit(sctx *x, int v, const char *code, const char *rcode, const char *pattern,
                 actset *subj, actset *obj, int recip, int neg)
{
    const ann_coder *c = x->c;
    if (subj->n == 0) return;
    /* conjoined actors with no one else acted on act together when the act is a joint one
     * ("X and Y met", "agreed", "cooperate", "fought"); not statements ("X and Y said"), nor
     * by-agents of a passive ("financed by X and by Y") */
    int r = root_of(code[0] ? code : rcode);
    if ((obj->n == 0 && subj->n >= 2 && !(c->own_format && (is_passive(x, v) || r < 3 || (r > 6 && r != 19)))) ||
        recip) {
        actset all = *subj;
        /* "Moscow and Kyiv exchanged prisoners": between parties named together, the people
         * acted on (a bare sector) are what is exchanged, not a party */
        for (int j = 0; j < obj->n; j++)
            if (!(c->own_format && subj->n >= 2 && bare_sector(x->d->ment[obj->m[j]].code))) act_add(&all, obj->m[j]);
        if (all.n >= 2) {
            for (int i = 0; i < all.n; i++)
                for (int j = 0; j < all.n; j++)
                    if (i != j && code[0] && (i < subj->n || j < subj->n))
                        add_event(x, v, all.m[i], all.m[j], code, pattern, neg);
            return;
        }
    }
    for (int i = 0; i < subj->n; i++) {
        if (obj->n == 0) {
            /* PETRARCH's dyadic convention: an event needs a target. Ours keeps one-sided
             * events where the act itself is the news: denials and claims ("Azerbaijan
             * denied"), protests, shows of force; not a bare statement, and not an event
             * noun without its target. */
            /* ... by someone known: a bare sector acting on no one ("a protester demolished
             * the building") says too little to be an event */
            if (code[0] && !c->require_target && !neg && own_country_target(x, v, code, subj->m[i])) {
                int n0 = x->d->nevent;
                add_event(x, v, subj->m[i], -1, code, pattern, neg);
                if (x->d->nevent > n0) {
                    ann_event *e = &x->d->event[x->d->nevent - 1];
                    e->target = e->source;
                    e->target.code = ann_arena_strndup(&x->d->arena, e->source.code, 3);
                    e->target.entry = "coder:own-country";
                    e->target.resolved_from = e->source.text;
                }
            } else if (code[0] && !c->require_target && !neg && reported_other(x, v, code, subj->m[i])) {
                add_event(x, v, subj->m[i], -1, code, pattern, neg);
            } else if (code[0] && !c->require_target && one_sided_ok(x, v, code) &&
                       !(c->own_format && bare_sector(x->d->ment[subj->m[i]].code)))
                add_event(x, v, subj->m[i], -1, code, pattern, neg);
            continue;
        }
        for (int j = 0; j < obj->n; j++) {
            if (code[0]) add_event(x, v, subj->m[i], obj->m[j], code, pattern, neg);
            if (rcode[0]) add_event(x, v, obj->m[j], subj->m[i], rcode, pattern, neg);
        }
    }
}

/* ---- our own patterns -------------------------------------------------------------------- */

/* FORM is a regular plural of WORD (both upper case): a lemmatizer's slip ("exercises" ->
 * "exercis") must not hide a noun the rules name. */
static int plural_of(const char *word, const char *form)
{
    size_t lw = strlen(word), lf = strlen(form);
    if (lf == lw + 1) return form[lw] == 'S' && !strncmp(word, form, lw);
    if (lf == lw + 2 && !strncmp(word, form, lw) && !strcmp(form + lw, "ES")) return 1;
    return lw > 1 && word[lw - 1] == 'Y' && lf == lw + 2 && !strncmp(word, form, lw - 1) && !strcmp(form + lw - 1, "IES");
}

static int in_set(const sctx *x, int set, int t)
{
    if (set < 0) return 1;
    const oset *s = &x->c->oset[set];
    for (int i = 0; i < s->nw; i++)
        if (!strcmp(s->w[i], x->ulem[t]) || !strcmp(s->w[i], x->up[t]) || plural_of(s->w[i], x->up[t]))
            return 1;
    return 0;
}

static int is_objrel(const sctx *x, int v, int t)
{
    const char *dep = x->s->tok[t].deprel;
    if (is_rel(dep, "obj") || is_rel(dep, "dobj")) return 1;
    return is_passive(x, v) && (!strcmp(dep, "nsubj:pass") || !strcmp(dep, "nsubjpass"));
}

/* Prepositional phrases of v, and of v's object ("launched strikes on Iran"). */
/* "on Friday", "at night": a time, not a phrase a pattern asks for ("fired ... on Friday") */
static int time_word(const sctx *x, int t)
{
    static const char *const w[] = {"MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY",
                                    "DAY", "NIGHT", "MORNING", "EVENING", "AFTERNOON", "WEEKEND", "WEEK", "MONTH",
                                    "YEAR", "OCCASION", "JANUARY", "FEBRUARY", "MARCH", "APRIL", "MAY", "JUNE", "JULY",
                                    "AUGUST", "SEPTEMBER", "OCTOBER", "NOVEMBER", "DECEMBER", "TIME", "ANNIVERSARY", NULL};
    for (int k = 0; w[k]; k++)
        if (!strcmp(x->ulem[t], w[k])) return 1;
    return 0;
}

static int prep_child(const sctx *x, int v, const char *prep, int set, int *from)
{
    for (int pass = 0; pass < 2; pass++) {
        for (int i = 0; i < x->n; i++) {
            int h = x->head[i];
            if (pass == 0 ? h != v : (h < 0 || x->head[h] != v || !is_objrel(x, v, h))) continue;
            if (!is_obl(x->s->tok[i].deprel) && !is_rel(x->s->tok[i].deprel, "obl")) continue;
            if (strcmp(prep, "*") && !case_of(x, i, prep)) continue;
            if (!in_set(x, set, i) || (set < 0 && x->c->own_format && time_word(x, i))) continue;
            if (from) *from = h;
            return i;
        }
    }
    return -1;
}

/* "a wave of air strikes", "a barrage of missiles", "a series of raids": a quantity noun as
 * object lets the noun it counts stand for it. Returns that noun, or o itself. */
static int inner_of(const sctx *x, int o)
{
    static const char *const q[] = {"WAVE", "SERIES", "BARRAGE", "ROUND", "VOLLEY", "SALVO", "SPATE", "STRING",
                                    "FLURRY", "HAIL", "SURGE", "WAVES", NULL};
    int hit = 0;
    for (int k = 0; q[k] && !hit; k++) hit = !strcmp(x->ulem[o], q[k]);
    if (!hit) return o;
    for (int i = o + 1; i < x->n; i++)
        if (x->head[i] == o && is_rel(x->s->tok[i].deprel, "nmod") && case_of(x, i, "OF")) return i;
    return o;
}

static int cond_ok(const sctx *x, int v, const ocond *oc)
{
    for (int i = 0; i < x->n; i++) {
        if (x->head[i] != v) continue;
        const char *dep = x->s->tok[i].deprel;
        switch (oc->kind) {
        case OC_OBJ:
            /* the object ("warned Hamas" parsed as iobj too), or a modifier or title of it
             * ("military aid", "received Lebanese President Joseph Aoun") */
            if (is_objrel(x, v, i) || is_rel(dep, "iobj")) {
                for (int o = i, pass = 0; pass < 2; pass++, o = inner_of(x, i)) {
                    if (pass && o == i) break;
                    if (in_set(x, oc->set, o)) return 1;
                    for (int k = 0; k < x->n; k++) {
                        if (x->head[k] != o || !(is_rel(x->s->tok[k].deprel, "compound") || is_rel(x->s->tok[k].deprel, "amod") ||
                                                 is_rel(x->s->tok[k].deprel, "nmod:desc")))
                            continue;
                        if (in_set(x, oc->set, k)) return 1;
                        /* a title on a name's first part ("Prime Minister Anwar Ibrahim") */
                        for (int j = 0; j < x->n; j++)
                            if (x->head[j] == k && is_rel(x->s->tok[j].deprel, "nmod:desc") && in_set(x, oc->set, j)) return 1;
                    }
                }
            }
            break;
        case OC_XCOMP:
            if ((is_rel(dep, "xcomp") || is_rel(dep, "ccomp")) && in_set(x, oc->set, i)) return 1;
            /* "ordered residents to leave": an object's infinitive a parser hangs as advcl */
            if (x->c->own_format && is_rel(dep, "advcl") && infinitive_mark(x, i) && in_set(x, oc->set, i) &&
                (child_with(x, v, "obj", 0) >= 0 || child_with(x, v, "dobj", 0) >= 0))
                return 1;
            /* "called the strikes a violation": a predicate noun a parser hangs on the object */
            if (is_objrel(x, v, i) && x->c->own_format)
                for (int k = i + 1; k < x->n; k++)
                    if (x->head[k] == i && (is_rel(x->s->tok[k].deprel, "nmod:unmarked") || is_rel(x->s->tok[k].deprel, "xcomp")) &&
                        in_set(x, oc->set, k))
                        return 1;
            break;
        case OC_PRT:
            if (is_rel(dep, "compound") && in_set(x, oc->set, i)) return 1;
            break;
        case OC_SUBJ:
            /* the logical subject: in the passive, the by-agent */
            if (is_passive(x, v) ? ((is_rel(dep, "obl") || is_rel(dep, "nmod")) && (case_of(x, i, "BY") || strstr(dep, "agent")))
                                 : (is_rel(dep, "nsubj") && !strstr(dep, "pass")))
                if (in_set(x, oc->set, i)) return 1;
            break;
        case OC_MOD:
            if ((is_rel(dep, "amod") || is_rel(dep, "compound") || is_rel(dep, "advmod") || is_rel(dep, "nmod")) &&
                in_set(x, oc->set, i))
                return 1;
            /* "test-fired", the word before the hyphen split off, however it is attached */
            if (i == v - 2 && x->s->tok[v - 1].form && !strcmp(x->s->tok[v - 1].form, "-") && in_set(x, oc->set, i))
                return 1;
            /* a verb's object carries the modifier: "launched an aerial campaign" */
            if (is_objrel(x, v, i))
                for (int k = 0; k < x->n; k++)
                    if (x->head[k] == i && (is_rel(x->s->tok[k].deprel, "amod") || is_rel(x->s->tok[k].deprel, "compound")) &&
                        in_set(x, oc->set, k))
                        return 1;
            break;
        }
    }
    if (oc->kind == OC_PREP) return prep_child(x, v, oc->prep, oc->set, NULL) >= 0;
    /* a noun rule's subj: the verb the noun is subject of ("a ceasefire came into effect") */
    if (oc->kind == OC_SUBJ && x->head[v] >= 0) return in_set(x, oc->set, x->head[v]);
    return 0;
}

/* The actors a noun trigger relates: possessor/modifier as source ("Israeli strikes"),
 * "between X and Y" both ways, "by X" as source, on/against/with/to/at as target. */
static void noun_actors(sctx *x, int v, actset *subj, actset *obj, int *recip)
{
    for (int i = 0; i < x->n; i++) {
        if (x->head[i] != v) continue;
        const char *dep = x->s->tok[i].deprel;
        if (is_rel(dep, "nmod:poss") || is_rel(dep, "amod") || is_rel(dep, "compound")) {
            actors_at(x, i, subj, 0);
        } else if (is_obl(dep) || is_rel(dep, "nmod")) {
            if (case_of(x, i, "BETWEEN") || case_of(x, i, "AMONG")) { actors_at(x, i, subj, 0); *recip = 1; }
            else if (case_of(x, i, "BY") || case_of(x, i, "FROM")) actors_at(x, i, subj, 0);
            else if (case_of(x, i, "ON") || case_of(x, i, "AGAINST") || case_of(x, i, "WITH") ||
                     case_of(x, i, "TO") || case_of(x, i, "AT") || case_of(x, i, "INTO") || case_of(x, i, "OF"))
                actors_at(x, i, obj, 0);
        }
    }
    /* "Iran's claim that Israel used ...": the accused is the clause's subject */
    if (!obj->n)
        for (int i = 0; i < x->n && !obj->n; i++)
            if (x->head[i] == v && (is_rel(x->s->tok[i].deprel, "acl") || is_rel(x->s->tok[i].deprel, "ccomp"))) {
                int sj = child_with(x, i, "nsubj", 0);
                if (sj >= 0) actors_at(x, sj, obj, 0);
            }
    /* "Israel launched a campaign": the governing verb's subject */
    if (!subj->n && x->head[v] >= 0 && is_objrel(x, x->head[v], v)) subject_of(x, x->head[v], subj, 0);
    /* "Macron is on a three-day visit to India": the noun's own subject */
    if (!subj->n && x->c->own_format) {
        int sj = child_with(x, v, "nsubj", 0);
        if (sj >= 0) actors_at(x, sj, subj, 0);
    }
    if (*recip && obj->n && subj->n == 1) { /* "talks with X": both ways */ }
}

/* A misparsed clause ("According to the office, President P. pressed ..." with the subject
 * hung elsewhere): TABARI's rule, the nearest coded actor before the verb, outside its own
 * phrases. */
/* A mention that names where ("in Doha", "at the border"), not who. */
static int locative_mention(const sctx *x, int m)
{
    const ann_mention *mm = &x->d->ment[m];
    for (int t = mm->first; t <= mm->last && t < x->n; t++)
        if (t >= 0 && x->loccase[t]) return 1;
    return 0;
}

static void nearest_actor_before(const sctx *x, int v, actset *subj)
{
    for (int t = v - 1; t >= 0 && !subj->n; t--) {
        if (!coded(x, x->mtok[t]) || locative_mention(x, x->mtok[t])) continue;
        int u = t, under = 0;
        for (int g = 0; g < x->n && u >= 0; g++, u = x->head[u])
            if (u == v) { under = 1; break; }
        if (!under) actors_at(x, t, subj, 0);
    }
}

/* "Japan condemned the launch", "Russia denounced the strikes": a reaction to an event noun
 * that names no actor of its own ("the", "this", "these" ...) is to the latest event of that
 * kind told in the last five sentences, and whoever did it is acted on. The noun phrase
 * becomes a mention coded as that actor (entry "coref:event", resolved from its words, added
 * after the document's others), so the event shows where its target came from. */
static void event_noun_target(sctx *x, int v, actset *obj)
{
    ann_doc *d = x->d;
    int o = child_with(x, v, "obj", 0);
    if (o < 0) o = child_with(x, v, "dobj", 0);
    if (o < 0 || x->mtok[o] >= 0) return;
    static const struct { const char *w; int lo, hi; } kinds[] = {
        {"ATTACK", 18, 20}, {"STRIKE", 18, 20}, {"AIRSTRIKE", 18, 20}, {"BOMBING", 18, 20}, {"SHELLING", 18, 20},
        {"RAID", 17, 20}, {"ASSAULT", 18, 20}, {"OFFENSIVE", 18, 20}, {"INVASION", 18, 20}, {"INCURSION", 18, 20},
        {"KILLING", 18, 20}, {"MASSACRE", 18, 20}, {"SHOOTING", 18, 20}, {"AMBUSH", 18, 20}, {"BOMBARDMENT", 18, 20},
        {"LAUNCH", 13, 20}, {"TEST", 13, 20}, {"ARREST", 17, 17}, {"DETENTION", 17, 17}, {"CRACKDOWN", 17, 18},
        {"EXECUTION", 17, 18}, {"SANCTION", 16, 16}, {"SEIZURE", 17, 17},
    };
    int lo = -1, hi = -1;
    for (size_t k = 0; k < sizeof kinds / sizeof *kinds && lo < 0; k++)
        if (!strcmp(x->ulem[o], kinds[k].w)) lo = kinds[k].lo, hi = kinds[k].hi;
    if (lo < 0) return;
    int first = o, definite = 0;
    for (int i = 0; i < o; i++) {
        if (x->head[i] != o) continue;
        const char *dep = x->s->tok[i].deprel;
        if (x->mtok[i] >= 0 || is_rel(dep, "nmod:poss")) return;  /* "Israel's attack": named already */
        if (is_rel(dep, "det") && (!strcmp(x->ulem[i], "THE") || !strcmp(x->ulem[i], "THIS") ||
                                   !strcmp(x->ulem[i], "THESE") || !strcmp(x->ulem[i], "THOSE") ||
                                   !strcmp(x->ulem[i], "THAT")))
            definite = 1;
        if (is_rel(dep, "det") || is_rel(dep, "amod") || is_rel(dep, "compound")) first = i < first ? i : first;
    }
    for (int i = o + 1; i < x->n; i++)
        if (x->head[i] == o && x->mtok[i] >= 0) return;           /* "the attack on Gaza" */
    if (!definite) return;
    const ann_event *e = NULL;
    for (int i = d->nevent - 1; i >= 0 && !e; i--) {
        const ann_event *c = &d->event[i];
        if (c->sent < x->si - 5) break;
        int r = c->code[0] ? root_of(c->code) : -1;
        if (c->source.code && !c->negated && r >= lo && r <= hi) e = c;
    }
    if (!e) return;
    const ann_sentence *s = x->s;
    ann_mention *m = ann_doc_add_mention(d);
    m->sent = x->si;
    m->first = first;
    m->last = o;
    m->head = o;
    m->start = s->tok[first].start;
    m->end = s->tok[o].end;
    m->code = ann_arena_strdup(&d->arena, e->source.code);
    m->entry = "coref:event";
    m->resolved_from = ann_arena_strndup(&d->arena, d->text + m->start, m->end - m->start);
    act_add(obj, d->nment - 1);
}

/* "ruled out" (the lemmatizer may leave "rul") */
static int rule_out(const sctx *x, int v)
{
    if (strcmp(x->ulem[v], "RULE") && strcmp(x->ulem[v], "RUL")) return 0;
    for (int i = 0; i < x->n; i++)
        if (x->head[i] == v && is_rel(x->s->tok[i].deprel, "compound:prt") && !strcmp(x->ulem[i], "OUT")) return 1;
    return 0;
}

static void own_code(sctx *x, int v, int first)
{
    const ann_coder *c = x->c;
    int noun = x->s->tok[v].upos && !strcmp(x->s->tok[v].upos, "NOUN");
    const orule *best = NULL;
    int best_score = -1;
    for (int vi = first; vi >= 0; vi = ann_coder_find_verb(c, NULL, vi)) {
        const orule *r = &c->orl[c->verb[vi].blk];
        if (r->noun != noun) continue;
        /* the rule with most conditions wins; between as many, one naming its words beats one
         * with a wildcard ("push for a ceasefire" 107 over "push for anything" 100) */
        int score = 2 * r->nc;
        for (int k = 0; k < r->nc; k++) score += r->c[k].set >= 0;
        if (best && score <= best_score) continue;
        int ok = 1;
        for (int k = 0; k < r->nc && ok; k++) ok = cond_ok(x, v, &r->c[k]);
        if (ok) best = r, best_score = score;
    }
    if (!best) return;
    const char *code = best->code, *rcode = best->rcode;
    x->haspat[v] = best->nc > 0;
    snprintf(x->vcode[v], sizeof x->vcode[v], "%s", code);
    actset subj = {.n = 0}, obj = {.n = 0};
    int recip = best->recip;
    if (noun) noun_actors(x, v, &subj, &obj, &recip);
    else subject_of(x, v, &subj, 0);
    if (!noun && !subj.n && !is_passive(x, v)) nearest_actor_before(x, v, &subj);
    x->vsubj[v] = subj.n ? subj.m[0] : -1;
    x->vsubjn[v] = subj.n < 4 ? subj.n : 4;
    for (int i = 0; i < x->vsubjn[v]; i++) x->vsubjm[v][i] = subj.m[i];
    /* "would never permit attacks": a noun under a negated verb is negated too */
    int neg = negated(x, v) || (noun && x->head[v] >= 0 && negated(x, x->head[v]));
    /* "ruled out talks" refuses them (125); "has not ruled out military action" keeps the
     * option open, the rule's intention or threat (036, 138) */
    if (!noun && rule_out(x, v) && root_of(code) != 12) {
        int prt = 1;
        if (prt && neg) neg = 0;
        else if (prt) {
            code = root_of(code) == 13 ? "" : !strcmp(code, "036") ? "125" : negated_code(code);
            rcode = "";
            recip = 0;
            if (!code[0]) return;
        }
    }
    if (neg) {
        /* a refusal is one-sided even where the event would have been mutual */
        code = negated_code(code);
        rcode = "";
        recip = 0;
        if (!code[0]) return;
    }
    /* (cooperation and relations only: "condemned the coup in Niger" is about Niger) */
    x->nonforce = ((root_of(code) >= 3 && root_of(code) <= 8) || root_of(code) == 16) && !best->target_prep;
    x->force = root_of(code) >= 18 || root_of(code) == 14; /* (a protest is against where it is held) */
    if (!noun) {
        int from = -1;
        int pc = best->target_prep ? prep_child(x, v, best->target_prep, -1, &from) : -1;
        if (pc >= 0) actors_at(x, pc, &obj, 0);
        else {
            x->no_ccomp_target = root_of(code) == 1;
            /* (a bare statement, not a reaction: "welcomed Syria's decision" is toward Syria) */
            x->bare_statement = !strcmp(code, "010");
            object_of(x, v, &obj);
            x->no_ccomp_target = x->bare_statement = 0;
        }
        /* a phrase already taken as the source is not also the target ("fired from Gaza") */
        int keep = 0;
        for (int j = 0; j < obj.n; j++) {
            int dup = 0;
            for (int k = 0; k < subj.n; k++)
                dup |= obj.m[j] == subj.m[k] || (x->c->own_format && x->d->ment[obj.m[j]].code && x->d->ment[subj.m[k]].code &&
                                                 !strcmp(x->d->ment[obj.m[j]].code, x->d->ment[subj.m[k]].code));
            if (!dup) obj.m[keep++] = obj.m[j];
        }
        obj.n = keep;
        /* "reiterated its support for the Palestinian people": the object was only the
         * subject again ("its"); a phrase on the verb names the other party */
        if (!obj.n && x->c->own_format)
            for (int i = 0; i < x->n && !obj.n; i++)
                if (x->head[i] == v && is_obl(x->s->tok[i].deprel) && !case_of(x, i, "BY") && target_case(x, i) &&
                    !x->loccase[i]) {
                    actors_at(x, i, &obj, 0);
                    for (int j = 0; j < obj.n; j++)
                        for (int k = 0; k < subj.n; k++)
                            if (obj.m[j] == subj.m[k]) obj.n = 0;
                }
        /* "called for closer cooperation with Africa": what is asked for is asked of the party
         * it is to be done with */
        if (!obj.n && x->c->own_format && (root_of(code) == 2 || root_of(code) == 10))
            for (int i = 0; i < x->n; i++)
                if (x->head[i] == v && is_obl(x->s->tok[i].deprel) && case_of(x, i, "FOR"))
                    for (int k = 0; k < x->n; k++)
                        if (x->head[k] == i && is_rel(x->s->tok[k].deprel, "nmod") && case_of(x, k, "WITH"))
                            actors_at(x, k, &obj, 0);
        /* "discussed Ukraine with Trump": what is discussed is the topic, the party is who it
         * is discussed with (none named: no partner, unless the subjects are several) */
        if (x->c->own_format && (!strcmp(x->ulem[v], "DISCUSS") || !strcmp(x->ulem[v], "DEBATE"))) {
            obj.n = 0;
            for (int i = 0; i < x->n; i++) {
                int h = x->head[i];
                if (case_of(x, i, "WITH") && ((h == v && is_obl(x->s->tok[i].deprel)) ||
                                              (h >= 0 && x->head[h] == v && is_objrel(x, v, h) && is_rel(x->s->tok[i].deprel, "nmod"))))
                    actors_at(x, i, &obj, 0);
            }
        }
        /* "Israel said a rocket was fired at it": a personal pronoun acted on in a reported
         * clause is, failing anything better, the speaker */
        if (!obj.n && is_rel(x->s->tok[v].deprel, "ccomp") && x->head[v] >= 0) {
            for (int i = 0; i < x->n && !obj.n; i++) {
                const char *f = x->s->tok[i].feats, *dp = x->s->tok[i].deprel;
                if (x->head[i] != v || !x->s->tok[i].upos || strcmp(x->s->tok[i].upos, "PRON") || !f ||
                    !strstr(f, "PronType=Prs") || strstr(f, "Reflex=Yes") || is_rel(dp, "nsubj") ||
                    !(is_objrel(x, v, i) || is_obl(dp)))
                    continue;
                subject_of(x, x->head[v], &obj, 1);
            }
        }
        if (!obj.n && x->c->own_format && (root_of(code) == 11 || root_of(code) == 12)) event_noun_target(x, v, &obj);
        /* "launched a campaign targeting Iranian facilities": the object's participle */
        for (int o = 0; o < x->n && !obj.n; o++) {
            if (x->head[o] != v || !is_objrel(x, v, o)) continue;
            for (int a = 0; a < x->n && !obj.n; a++)
                if (x->head[a] == o && is_rel(x->s->tok[a].deprel, "acl")) {
                    int oo = child_with(x, a, "obj", 0);
                    if (oo < 0) oo = child_with(x, a, "dobj", 0);
                    if (oo >= 0) actors_at(x, oo, &obj, 0);
                }
        }
    }
    x->nonforce = x->force = 0;
    if (!noun && best->source_prep) {
        /* "received assurances from X", "faces pressure from X": X acts on the subject */
        int from = -1, pc = prep_child(x, v, best->source_prep, -1, &from);
        actset s2 = {.n = 0};
        if (pc >= 0) actors_at(x, pc, &s2, 0);
        if (!s2.n) return;
        obj = subj;
        subj = s2;
    }
    /* "Russia mobilized 300,000 reservists": a show of force acts with its own forces, it is
     * not done to them (a bare sector object is no target) */
    if (!noun && root_of(code) == 15 && x->c->own_format) {
        int keep = 0;
        for (int j = 0; j < obj.n; j++)
            if (!bare_sector(x->d->ment[obj.m[j]].code)) obj.m[keep++] = obj.m[j];
        obj.n = keep;
    }
    /* "Putin and Trump discussed Ukraine by telephone": between parties named together, the
     * object of a mutual act is what they act on; only a "with" phrase adds a party */
    if (!noun && recip && subj.n >= 2 && x->c->own_format && (child_with(x, v, "obj", 0) >= 0 || child_with(x, v, "dobj", 0) >= 0)) {
        obj.n = 0;
        for (int i = 0; i < x->n; i++)
            if (x->head[i] == v && is_obl(x->s->tok[i].deprel) && case_of(x, i, "WITH")) actors_at(x, i, &obj, 0);
    }
    /* "Ukraine and Russia blamed each other": the parties named together act on one another */
    if (!noun && x->c->own_format && subj.n >= 2)
        for (int i = 0; i < x->n; i++)
            if (x->head[i] == v && is_objrel(x, v, i) && i + 1 < x->n &&
                ((!strcmp(x->ulem[i], "EACH") && !strcmp(x->ulem[i + 1], "OTHER")) ||
                 (!strcmp(x->ulem[i], "ONE") && !strcmp(x->ulem[i + 1], "ANOTHER")))) {
                recip = 1;
                obj.n = 0;
            }
    /* "X wants Y to go home": an intention of the subject's own is not one toward whoever
     * it wants to act (the complement, when coded, tells the event) */
    if (!noun && root_of(code) == 3 && !best->nc && child_with(x, v, "xcomp", 0) >= 0 &&
        (child_with(x, v, "obj", 0) >= 0 || child_with(x, v, "dobj", 0) >= 0))
        obj.n = 0;
    /* "released the civilians": what is released and is an actor is people (0841), not
     * property (0842) */
    if (!noun && x->c->own_format && !strcmp(code, "084") && obj.n &&
        (!strcmp(x->ulem[v], "RELEASE") || !strcmp(x->ulem[v], "FREE")))
        code = "0841";
    /* "press+xcomp=@INVESTIGATE#101 (cameo.txt:121)": trigger lemma, conditions, code, rule */
    const char *bar = strchr(best->text, '\t');
    char *pattern = ann_arena_printf(&x->d->arena, "%s%.*s#%s (%s)", x->s->tok[v].lemma ? x->s->tok[v].lemma : x->s->tok[v].form,
                                     (int)(bar - best->text), best->text, best->code, bar + 1);
    emit(x, v, code, rcode, pattern, &subj, &obj, recip, neg);
}

static void code_verb(sctx *x, int v, int vi)
{
    const ann_coder *c = x->c;
    if (c->own_format) { own_code(x, v, vi); return; }
    const pverb *pv = &c->verb[vi];
    const pblock *b = &c->blk[pv->blk];
    int list[MAXTOK];
    int nl = clause_tokens(x, v, list);
    int npre = 0;
    while (npre < nl && list[npre] < v) npre++;
    /* In the passive the subject is the logical object: "evidence was presented" matches
     * "* EVIDENCE" as "presented evidence" would. */
    if (is_passive(x, v)) {
        int moved[MAXTOK], nm = 0, keep = 0;
        for (int i = 0; i < npre; i++) {
            int t = list[i], under = 0;
            for (int g = 0, u = t; g < x->n && u >= 0; g++, u = x->head[u])
                if (x->head[u] == v) { under = !strcmp(x->s->tok[u].deprel, "nsubj:pass") || !strcmp(x->s->tok[u].deprel, "nsubjpass"); break; }
            if (under) moved[nm++] = t;
            else list[keep++] = t;
        }
        if (nm) {
            int post[MAXTOK], np = 0;
            for (int i = npre; i < nl; i++) post[np++] = list[i];
            npre = keep;
            memcpy(list + npre, moved, (size_t)nm * sizeof *moved);
            memcpy(list + npre + nm, post, (size_t)np * sizeof *post);
        }
    }
    actset subj = {.n = 0}, obj = {.n = 0};
    subject_of(x, v, &subj, 0);
    const prule *best = NULL;
    int best_src = -1, best_tgt = -1;
    for (int r = 0; r < b->nrule; r++) {
        const prule *ru = &b->rule[r];
        /* equally specific patterns: the later one wins (a dictionary entry written again
         * replaces the earlier one) */
        if (best && ru->spec < best->spec) continue;
        if (ru->compound && subj.n < 2) continue;
        x->src_m = x->tgt_m = -1;
        x->steps = 0;
        memset(x->used, 0, (size_t)x->n);
        if (!match_seq(x, ru->post, ru->npost, list + npre, nl - npre, 0, 0)) continue;
        if (ru->npre && !match_seq(x, ru->pre, ru->npre, list, npre, 0, 0)) continue;
        best = ru;
        best_src = x->src_m;
        best_tgt = x->tgt_m;
    }
    /* the words of the chosen pattern, for pattern_word() */
    memset(x->used, 0, (size_t)x->n);
    if (best) {
        x->steps = 0;
        match_seq(x, best->post, best->npost, list + npre, nl - npre, 0, 0);
        if (best->npre) match_seq(x, best->pre, best->npre, list, npre, 0, 0);
    }
    const char *code = best ? best->code : (pv->code[0] || pv->rcode[0] ? pv->code : b->code);
    const char *rcode = best ? best->rcode : (pv->code[0] || pv->rcode[0] ? pv->rcode : b->rcode);
    if (!code[0] && !rcode[0]) return;
    const char *pattern = best ? best->text : ann_arena_printf(&x->d->arena, "%s: *", b->name);
    x->haspat[v] = best != NULL;
    snprintf(x->vcode[v], sizeof x->vcode[v], "%s", code[0] ? code : rcode);
    snprintf(x->vword[v], sizeof x->vword[v], "%s", pv->base ? pv->base : pv->word);
    x->vsubj[v] = subj.n ? subj.m[0] : -1;
    x->vsubjn[v] = subj.n < 4 ? subj.n : 4;
    for (int i = 0; i < x->vsubjn[v]; i++) x->vsubjm[v][i] = subj.m[i];
    int neg = negated(x, v);
    if (neg) {
        /* "did not attack" is not an attack; "would not provide support" is a refusal */
        code = negated_code(code);
        rcode = "";
        snprintf(x->vcode[v], sizeof x->vcode[v], "%s", code);
        if (!code[0]) return;
    }
    if (best_src >= 0) { subj.n = 0; act_add(&subj, best_src); }
    if (best_tgt >= 0) { obj.n = 0; act_add(&obj, best_tgt); }
    else {
        x->use_mask = 1;
        object_of(x, v, &obj);
        x->use_mask = 0;
        /* "released civilians": when nothing else is there, the pattern's word is the target */
        if (!obj.n) object_of(x, v, &obj);
    }
    emit(x, v, code, rcode, pattern, &subj, &obj, 0, neg);
}

static char *upper_dup(ann_doc *d, const char *s)
{
    if (!s) return "";
    size_t n = strlen(s);
    char *u = ann_arena_alloc(&d->arena, n + 1);
    for (size_t i = 0; i < n; i++) u[i] = (char)toupper((unsigned char)s[i]);
    return u;
}

static int find_entry(const ann_coder *c, const sctx *x, const char *word, int v)
{
    int fallback = -1;
    for (int vi = ann_coder_find_verb(c, word, -1); vi >= 0; vi = ann_coder_find_verb(c, word, vi)) {
        const pverb *pv = &c->verb[vi];
        if (!pv->pre && !pv->post) { if (fallback < 0) fallback = vi; continue; }
        /* multiword verb: required words right after / before the verb (particles) */
        int ok = 1;
        if (pv->post) {
            char buf[128];
            snprintf(buf, sizeof buf, "%s", pv->post);
            int t = v + 1;
            char *sv, *w = strtok_r(buf, " ", &sv);
            while (w && ok) {
                /* allow one intervening token ("take careful note") */
                if (t < x->n && (!strcmp(x->up[t], w) || !strcmp(x->ulem[t], w))) t++;
                else if (t + 1 < x->n && (!strcmp(x->up[t + 1], w) || !strcmp(x->ulem[t + 1], w))) t += 2;
                else ok = 0;
                w = strtok_r(NULL, " ", &sv);
            }
        }
        if (ok && pv->pre) {
            const char *w = strrchr(pv->pre, ' ');
            w = w ? w + 1 : pv->pre;
            ok = v > 0 && (!strcmp(x->up[v - 1], w) || !strcmp(x->ulem[v - 1], w));
        }
        if (ok) return vi;
    }
    return fallback;
}

static void drop_events(sctx *x, int v)
{
    for (int i = x->evfirst[v]; i < x->evlast[v]; i++) x->d->event[i].code[0] = 0;
}

/* A folded clause takes the clauses inside it along ("for helping militants join a group"). */
static void drop_clause(sctx *x, int w)
{
    for (int t = 0; t < x->n; t++) {
        int u = t;
        for (int g = 0; g < x->n && u >= 0 && u != w; g++) u = x->head[u];
        if (u == w) drop_events(x, t);
    }
}

static int has_events(const sctx *x, int v)
{
    for (int i = x->evfirst[v]; i < x->evlast[v]; i++) if (x->d->event[i].code[0]) return 1;
    return 0;
}



/* One verb inside another's complement tells one event, not two:
 *  - "X agreed to restore ties", "X sought to deepen a partnership": when the governing verb
 *    is coded only by its default and expresses intent (03), the complement's event stands,
 *    as the corresponding intent code where CAMEO has one (06 -> 031, 07 -> 033);
 *  - when a pattern of the governing verb matched ("wants to attack" -> 138), or the governing
 *    verb acts on someone ("pressured X to help"), the governing verb's event stands;
 *  - reported speech (ccomp under a statement): the reported event stands, attributed to
 *    the speaker; with a PETRARCH dictionary, its transformations apply instead: a speaker
 *    reporting force used by another accuses them (112), by itself claims it (015). */
static int infinitive_mark(const sctx *x, int w)
{
    for (int i = 0; i < w; i++)
        if (x->head[i] == w && is_rel(x->s->tok[i].deprel, "mark") && !strcmp(x->ulem[i], "TO")) return 1;
    return 0;
}

/* "... to help", "... by promoting", "..., killing eight people": an adverbial clause that
 * says how, what for or with what result. */
static int infinitive_purpose(const sctx *x, int w)
{
    if (!is_rel(x->s->tok[w].deprel, "advcl")) return 0;
    const char *f = x->s->tok[w].feats;
    /* PETRARCH's convention (its gold follows it); our own patterns keep such clauses as
     * events of their own ("denied the allegations, assuring Pezeshkian that ...") */
    if (!x->c->own_format && f && strstr(f, "VerbForm=Ger")) {
        int marked = 0;
        for (int i = 0; i < w; i++)
            if (x->head[i] == w && is_rel(x->s->tok[i].deprel, "mark")) marked = 1;
        if (!marked) return 1;
    }
    for (int i = 0; i < w; i++)
        if (x->head[i] == w && (is_rel(x->s->tok[i].deprel, "mark") || is_rel(x->s->tok[i].deprel, "case")) &&
            (!strcmp(x->ulem[i], "TO") || !strcmp(x->ulem[i], "BY") || !strcmp(x->ulem[i], "FOR")))
            return 1;
    return 0;
}

/* w has the subordinator (mark or case) m ("of deporting", "for attacking") */
static int mark_of(const sctx *x, int w, const char *m)
{
    for (int i = 0; i < w; i++)
        if (x->head[i] == w && (is_rel(x->s->tok[i].deprel, "mark") || is_rel(x->s->tok[i].deprel, "case")) && !strcmp(x->ulem[i], m))
            return 1;
    return 0;
}

/* An unmarked participle clause after its verb ("..., killing eight people"). */
static int result_participle(const sctx *x, int w)
{
    const char *f = x->s->tok[w].feats, *xp = x->s->tok[w].xpos;
    int ing = (f && (strstr(f, "VerbForm=Ger") || (strstr(f, "VerbForm=Part") && strstr(f, "Tense=Pres")))) ||
              (xp && !strcmp(xp, "VBG"));
    if (!ing || w < x->head[w]) return 0;
    for (int i = 0; i < w; i++)
        if (x->head[i] == w && is_rel(x->s->tok[i].deprel, "mark")) return 0;
    return 1;
}

/* The clause's target mention: the target of its first event, or -1. */
static int clause_target(const sctx *x, int w)
{
    for (int i = x->evfirst[w]; i < x->evlast[w]; i++) {
        const ann_event *e = &x->d->event[i];
        if (!e->code[0] || !e->target.code) continue;
        for (int k = 0; k < x->nsm; k++) {
            const ann_mention *m = &x->d->ment[x->sm[k]];
            if (m->start == e->target.start && m->end == e->target.end && m->code) return x->sm[k];
        }
    }
    return -1;
}

/* PETRARCH transformations (read from the verb file): "X said Y attacked Z" -> X accuses Y. */
static int apply_transformation(sctx *x, int h, int w)
{
    const ann_coder *c = x->c;
    if (c->own_format || !c->ntrans || !x->vword[h][0] || !x->vcode[w][0] || x->vsubj[h] < 0) return 0;
    const char *dep = x->s->tok[w].deprel;
    if (!is_rel(dep, "ccomp") && !is_rel(dep, "xcomp")) return 0;
    const ann_mention *a = &x->d->ment[x->vsubj[h]];
    int bsrc = x->vsubj[w];
    int self = bsrc < 0 || (x->d->ment[bsrc].code && !strcmp(x->d->ment[bsrc].code, a->code));
    for (int i = 0; i < c->ntrans; i++) {
        const ptrans *t = &c->trans[i];
        if (strcmp(t->upper, x->vword[h])) continue;
        if (t->who != !self) continue;
        const char *lc = x->vcode[w];
        if (!strcmp(t->lclass, "ATTACK")) { if (root_of(lc) < 18) continue; }
        else if (strcmp(t->lclass, "Q") && strcmp(t->lclass, x->vword[w])) continue;
        int b = self ? clause_target(x, w) : bsrc;
        if (b < 0) continue;
        const char *code = !strcmp(t->code, "Q") ? lc : t->code;
        drop_events(x, h);
        drop_clause(x, w); /* the clause and the clauses inside it are told by the result */
        char *pattern = ann_arena_printf(&x->d->arena, "~ %s(%s) %s = %s", self ? "a b " : "b . ", t->lclass, t->upper, t->code);
        for (int k = 0; k < x->vsubjn[h]; k++) add_event(x, h, x->vsubjm[h][k], b, code, pattern, 0);
        if (!x->vsubjn[h]) add_event(x, h, x->vsubj[h], b, code, pattern, 0);
        x->vcode[w][0] = 0; /* the clause is told by the transformed event */
        return 1;
    }
    return 0;
}

/* The sentence mention whose span is the event's actor, or -1. */
static int ment_of(const sctx *x, const ann_actor_ref *r)
{
    if (!r->code) return -1;
    for (int k = 0; k < x->nsm; k++) {
        const ann_mention *m = &x->d->ment[x->sm[k]];
        if (m->start == r->start && m->end == r->end && m->code) return x->sm[k];
    }
    return -1;
}

/* The convention of CAMEO coders (PETRARCH, Phoenix): a statement or claim that force was
 * used (18-20) is coded as what the speaker does, not as the reported fight: "X said Y
 * attacked Z" is X accusing Y (112); "X said it had attacked Z" claims the act (015). Only a
 * preceding speaker's complement (ccomp); a trailing attribution (", medics said") is a
 * parataxis and the reported event stands. */
static int reported_force(sctx *x, int h, int w)
{
    enum { MAXR = 8 };
    int src[MAXR], tgt[MAXR], self[MAXR], nr = 0;
    const char *spk = x->d->ment[x->vsubj[h]].code;
    if (!spk || w < h) return 0; /* "X attacked Y, officials said": attribution, not accusation */
    for (int i = x->evfirst[w]; i < x->evlast[w] && nr < MAXR; i++) {
        const ann_event *e = &x->d->event[i];
        if (!e->code[0] || root_of(e->code) < 18) continue;
        src[nr] = ment_of(x, &e->source);
        tgt[nr] = ment_of(x, &e->target);
        self[nr] = 0;
        for (int k = 0; k < x->vsubjn[h]; k++)
            if (e->source.code && x->d->ment[x->vsubjm[h][k]].code && !strcmp(e->source.code, x->d->ment[x->vsubjm[h][k]].code))
                self[nr] = 1;
        if (e->source.code && !strcmp(e->source.code, spk)) self[nr] = 1;
        /* "X said its forces killed ...": the speaker's own, however the actor was coded */
        if (src[nr] >= 0 && x->c->own_format)
            for (int t = x->d->ment[src[nr]].first; t <= x->d->ment[src[nr]].last && t < x->n; t++)
                for (int k = 0; t >= 0 && k < x->n; k++)
                    if (x->head[k] == t && is_rel(x->s->tok[k].deprel, "nmod:poss") && x->s->tok[k].feats &&
                        strstr(x->s->tok[k].feats, "PronType=Prs") && strstr(x->s->tok[k].feats, "Poss=Yes"))
                        self[nr] = 1;
        if (self[nr] ? tgt[nr] >= 0 : src[nr] >= 0) nr++;
    }
    if (!nr) return 0;
    drop_events(x, h);
    drop_clause(x, w);
    for (int r = 0; r < nr; r++) {
        const char *code = self[r] ? "015" : "112";
        const char *pattern = self[r] ? "reported own force: a claim (015)" : "reported force by another: an accusation (112)";
        if (self[r] && src[r] >= 0) { /* "X and Y said they attacked Z": each claims its own */
            add_event(x, h, src[r], tgt[r], code, pattern, 0);
            continue;
        }
        int b = self[r] ? tgt[r] : src[r];
        for (int k = 0; k < x->vsubjn[h]; k++) add_event(x, h, x->vsubjm[h][k], b, code, pattern, 0);
        if (!x->vsubjn[h]) add_event(x, h, x->vsubj[h], b, code, pattern, 0);
    }
    return 1;
}

/* An appeal (02) or demand (10) whose complement names what is asked: CAMEO's sub-codes
 * mirror the cooperation roots (aid 023/103, meeting 026/108, yielding 025/105, material
 * cooperation 021, diplomatic cooperation 022/102). NULL when nothing more specific applies. */
static const char *asked_code(const char *upper, const char *lower)
{
    if (!upper[0] || !upper[1] || !lower[0] || !lower[1]) return NULL;
    int u = root_of(upper), l = root_of(lower);
    if (strlen(upper) > 3 || (upper[2] && upper[2] != '0')) return NULL; /* already specific */
    if (u == 2) {
        switch (l) {
        case 4: return "026";
        case 5: return "022";
        case 6: return "021";
        case 7: return "023";
        case 8: return "025";
        }
    } else if (u == 10) {
        switch (l) {
        case 4: return "108";
        case 5: return "102";
        case 7: return "103";
        case 8: return "105";
        case 9: return "101";
        }
    }
    return NULL;
}

/* A threat (13) whose complement names the act threatened: CAMEO's threat sub-codes ("threatened
 * to cut ties" 1313, "to impose sanctions" 1312, "to occupy" 1382, "to use nuclear weapons"
 * 1385). NULL when the complement is no such act. */
static const char *threat_code(const char *act)
{
    static const struct { const char *act, *threat; } map[] = {
        {"161", "1313"}, {"162", "1311"}, {"163", "1312"}, {"164", "134"}, {"165", "135"}, {"166", "136"},
        {"1721", "1321"}, {"1722", "1322"}, {"1723", "1323"}, {"1724", "1324"}, {"172", "132"},
        {"175", "137"}, {"191", "1381"}, {"192", "1382"}, {"2042", "1385"}, {"2041", "1385"}, {"204", "1385"},
        {"20", "1383"}, {"18", "1383"}, {"19", "1384"}, {"14", "133"},
    };
    for (size_t i = 0; i < sizeof map / sizeof *map; i++)
        if (!strncmp(act, map[i].act, strlen(map[i].act))) return map[i].threat;
    return NULL;
}

/* An intention (03) to do what a cooperation root names: CAMEO's intent sub-codes ("offered to
 * mediate" 039, "plans to visit" 036, "pledged to withdraw" 0356, "vowed to recognize" 032). */
static const char *intent_code(const char *act)
{
    static const struct { const char *act, *intent; } map[] = {
        {"045", "039"}, {"04", "036"}, {"05", "032"},
        {"081", "0351"}, {"082", "0352"}, {"083", "034"}, {"084", "0353"}, {"085", "0354"}, {"086", "0355"},
        {"087", "0356"}, {"08", "035"},
    };
    for (size_t i = 0; i < sizeof map / sizeof *map; i++)
        if (!strncmp(act, map[i].act, strlen(map[i].act))) return map[i].intent;
    return NULL;
}

/* What a future act of material cooperation, aid or yielding is before it is done: CAMEO's
 * intent sub-code ("will provide military aid" 0332, "will share intelligence" 0314, "ready to
 * release" 0353); with ALL, a meeting or diplomatic act too ("said he would meet" 036). */
static const char *future_intent(const char *code, int all, char buf[8])
{
    int r = root_of(code);
    if (r == 6 || r == 7) {
        char k = code[2] && code[2] != '0' && !(r == 7 && code[2] == '5') ? code[2] : 0;
        snprintf(buf, 8, "03%c%c", r == 6 ? '1' : '3', k);
        return buf;
    }
    if (r == 8 || (all && (r == 4 || r == 5))) return intent_code(code);
    return NULL;
}

static int has_aux(const sctx *x, int v, const char *lemma)
{
    for (int i = 0; i < x->n; i++)
        if (x->head[i] == v && is_rel(x->s->tok[i].deprel, "aux") && !strcmp(x->ulem[i], lemma)) return 1;
    return 0;
}

/* "will provide aid", "will give $2 billion in assistance": what is given is a pledge (an aid
 * noun, or an amount "in aid"), not goods already on their way ("will supply arms" 072) */
static int pledged_aid(const sctx *x, int v)
{
    static const char *const w[] = {"AID", "ASSISTANCE", "HELP", "RELIEF", "SUPPORT", "LOAN", "FUNDING", "GRANT", NULL};
    for (int o = 0; o < x->n; o++) {
        if (x->head[o] != v || !is_objrel(x, v, o)) continue;
        for (int t = 0; t < x->n; t++)
            if (t == o || (x->head[t] == o && is_rel(x->s->tok[t].deprel, "nmod") && case_of(x, t, "IN")))
                for (int k = 0; w[k]; k++)
                    if (!strcmp(x->ulem[t], w[k]) || plural_of(w[k], x->up[t])) return 1;
    }
    return 0;
}

/* "France will provide military aid", "Hamas said it was ready to release all hostages",
 * "Trump said he would meet Putin": a commitment not yet carried out is an intention (03).
 * A visit, talks or sanctions announced for next week stay the act (CAMEO codes scheduled
 * meetings and measures as such), and so does a delivery of named goods ("will supply arms
 * to Israel" 072, PETRARCH's gold); a reported "would" makes a meeting an intention too. */
static void future_intents(sctx *x)
{
    ann_doc *d = x->d;
    for (int w = 0; w < x->n; w++) {
        if (!has_events(x, w) || !x->s->tok[w].upos || strcmp(x->s->tok[w].upos, "VERB")) continue;
        int h = x->head[w], mode = 0;
        if (has_aux(x, w, "WILL") || has_aux(x, w, "SHALL")) mode = 1;
        if (has_aux(x, w, "WOULD") && is_rel(x->s->tok[w].deprel, "ccomp")) mode = 2;
        if (h >= 0 && is_rel(x->s->tok[w].deprel, "xcomp") && x->s->tok[h].upos && !strcmp(x->s->tok[h].upos, "ADJ") &&
            (!strcmp(x->ulem[h], "READY") || !strcmp(x->ulem[h], "PREPARED") || !strcmp(x->ulem[h], "WILLING") ||
             !strcmp(x->ulem[h], "EAGER") || !strcmp(x->ulem[h], "DETERMINED")))
            mode = 3;
        if (!mode) continue;
        /* "not ready to release the hostages": a refusal (124), as "refused to release" */
        int refuse = mode == 3 && negated(x, h);
        for (int i = x->evfirst[w]; i < x->evlast[w]; i++) {
            ann_event *e = &d->event[i];
            if (!e->code[0] || e->negated) continue;
            if (refuse) {
                const char *nc = negated_code(e->code);
                if (nc[0]) {
                    recode(x, e, nc);
                    e->negated = 1;
                } else
                    e->code[0] = 0;
                continue;
            }
            if (mode == 1 && root_of(e->code) == 7 && !pledged_aid(x, w)) continue;
            char ib[8];
            const char *ic = future_intent(e->code, mode >= 2, ib);
            if (ic) recode(x, e, ic);
            /* "ready to attack", "will strike back": a threat of force, as "wants to attack" */
            else if (root_of(e->code) >= 18) recode(x, e, "138");
        }
    }
}

static void combine_nested(sctx *x, int first_event)
{
    ann_doc *d = x->d;
    for (int w = 0; w < x->n; w++) {
        if (!has_events(x, w) && !x->vcode[w][0]) continue;
        const char *dep = x->s->tok[w].deprel;
        int h = x->head[w];
        /* "ruled out sending troops": what is ruled out is not done; "has not ruled out
         * sending troops" keeps it open, a threat (or an intention, for cooperation) */
        if (x->c->own_format && h >= 0 && has_events(x, w) && rule_out(x, h) &&
            (is_rel(dep, "xcomp") || is_rel(dep, "ccomp") || is_rel(dep, "advcl"))) {
            if (!negated(x, h)) {
                drop_events(x, w);
                continue;
            }
            for (int i = x->evfirst[w]; i < x->evlast[w]; i++) {
                ann_event *e = &d->event[i];
                if (!e->code[0] || e->negated) continue;
                int r = root_of(e->code);
                /* (troops sent somewhere may be a threat or a protection: no reading) */
                char ib[8];
                const char *nc = r >= 13 ? (r == 15 ? NULL : threat_code(e->code)) : future_intent(e->code, 1, ib);
                if (nc) recode(x, e, nc);
                else drop_clause(x, w);
            }
            drop_events(x, h);
            continue;
        }
        if (h >= 0 && is_rel(dep, "acl") && !x->vcode[h][0] && x->head[h] >= 0 && has_events(x, x->head[h]) &&
            x->s->tok[h].upos && !strcmp(x->s->tok[h].upos, "NOUN") && infinitive_mark(x, w)) {
            drop_events(x, w);
            continue;
        }
        /* "killed a commander in an airstrike", the phrase hung on the object: the verb's
         * attack is of the noun's kind, told once */
        if (x->c->own_format && h >= 0 && !x->vcode[h][0] && x->head[h] >= 0 && is_objrel(x, x->head[h], h) &&
            x->s->tok[w].upos && !strcmp(x->s->tok[w].upos, "NOUN") && is_rel(dep, "nmod") &&
            (case_of(x, w, "IN") || case_of(x, w, "DURING") || case_of(x, w, "WITH")) && root_of(x->vcode[w]) >= 18) {
            int g = x->head[h];
            const char *gc = x->vcode[g];
            if (root_of(gc) >= 18 && has_events(x, g)) {
                if (strlen(gc) == 3 && gc[2] == '0')
                    for (int i = x->evfirst[g]; i < x->evlast[g]; i++)
                        if (d->event[i].code[0]) recode(x, &d->event[i], x->vcode[w]);
                drop_events(x, w);
                continue;
            }
        }
        /* "accused Egypt of backing rebels", the clause hung on the accused: what the
         * accusation is about, not an event of its own */
        if (x->c->own_format && h >= 0 && x->head[h] >= 0 && is_rel(dep, "acl") && is_objrel(x, x->head[h], h) &&
            root_of(x->vcode[x->head[h]]) == 11 && has_events(x, x->head[h]) && (mark_of(x, w, "OF") || mark_of(x, w, "FOR"))) {
            drop_clause(x, w);
            continue;
        }
        /* "expressed its readiness to mediate": an intention told by a noun */
        if (x->c->own_format && h >= 0 && has_events(x, w) && is_rel(dep, "acl") && infinitive_mark(x, w) &&
            (!strcmp(x->ulem[h], "READINESS") || !strcmp(x->ulem[h], "WILLINGNESS") || !strcmp(x->ulem[h], "INTENTION") ||
             !strcmp(x->ulem[h], "COMMITMENT") || !strcmp(x->ulem[h], "DETERMINATION") || !strcmp(x->ulem[h], "PLAN") ||
             !strcmp(x->ulem[h], "DESIRE") || !strcmp(x->ulem[h], "PLEDGE") || !strcmp(x->ulem[h], "PROMISE"))) {
            for (int i = x->evfirst[w]; i < x->evlast[w]; i++) {
                ann_event *e = &d->event[i];
                const char *ic = e->code[0] ? intent_code(e->code) : NULL;
                if (ic) recode(x, e, ic);
                else if (e->code[0] && root_of(e->code) >= 18) recode(x, e, "138");
            }
            continue;
        }
        /* "denied that it had violated the resolutions", "dismissed reports that it had seized
         * hostages": what is denied is the speaker's denial (016), not an event told */
        if (x->c->own_format && has_events(x, w) && h >= 0 && (is_rel(dep, "ccomp") || is_rel(dep, "acl"))) {
            int g = is_rel(dep, "ccomp") ? h : x->head[h];
            if (g >= 0 && !strncmp(x->vcode[g], "016", 3) && has_events(x, g) &&
                (g == h || is_objrel(x, g, h))) {
                drop_clause(x, w);
                continue;
            }
        }
        if (h < 0 || !x->vcode[h][0]) continue;
        if (!has_events(x, w)) {
            /* a coded clause without events of its own still folds what is inside it */
            if (!apply_transformation(x, h, w) && infinitive_purpose(x, w)) drop_clause(x, w);
            /* ... and still says what an appeal, demand or threat is about ("called on X and
             * Y to return to negotiations" 026, "threatened to use nuclear weapons" 1385) */
            const char *dw = x->s->tok[w].deprel, *hc = x->vcode[h];
            /* "hit by a Russian missile attack", "the strike killed seven officers": the
             * attack noun says what kind of force the verb's event is */
            if (x->c->own_format && x->s->tok[w].upos && !strcmp(x->s->tok[w].upos, "NOUN") && root_of(x->vcode[w]) >= 18 &&
                root_of(hc) >= 18 && has_events(x, h) && strlen(hc) == 3 && hc[2] == '0' &&
                (is_rel(dw, "nsubj") || (is_obl(dw) && case_of(x, w, "BY"))))
                for (int i = x->evfirst[h]; i < x->evlast[h]; i++)
                    if (d->event[i].code[0]) recode(x, &d->event[i], x->vcode[w]);
            if (x->c->own_format && !x->haspat[h] && has_events(x, h) &&
                (is_rel(dw, "xcomp") || is_rel(dw, "ccomp") || infinitive_mark(x, w))) {
                const char *nc = root_of(hc) == 13 ? threat_code(x->vcode[w]) : asked_code(hc, x->vcode[w]);
                for (int i = x->evfirst[h]; nc && i < x->evlast[h]; i++)
                    if (d->event[i].code[0]) recode(x, &d->event[i], nc);
            }
            continue;
        }
        const char *hcode = x->vcode[h];
        if (apply_transformation(x, h, w)) continue;
        if (x->s->tok[w].upos && !strcmp(x->s->tok[w].upos, "NOUN")) {
            /* "launched strikes": the verb tells the event the noun names */
            if (has_events(x, h) && is_objrel(x, h, w)) drop_events(x, w);
            /* "Israeli airstrikes on Gaza killed 40 people": the noun's attack is the killing */
            else if (x->c->own_format && is_rel(dep, "nsubj") && root_of(x->vcode[w]) >= 18 && root_of(hcode) >= 18)
                drop_events(x, h);
            /* "killed a commander in an airstrike on Beirut": one attack, of the noun's kind */
            else if (x->c->own_format && is_obl(dep) && (case_of(x, w, "IN") || case_of(x, w, "DURING") || case_of(x, w, "WITH")) &&
                     root_of(x->vcode[w]) >= 18 && root_of(hcode) >= 18 && has_events(x, h)) {
                if (strlen(hcode) == 3 && hcode[2] == '0')
                    for (int i = x->evfirst[h]; i < x->evlast[h]; i++)
                        if (d->event[i].code[0]) recode(x, &d->event[i], x->vcode[w]);
                drop_events(x, w);
            }
            continue;
        }
        if (x->c->own_format && root_of(hcode) == 11 && has_events(x, h) && (is_rel(dep, "advcl") || is_rel(dep, "acl")) &&
            (mark_of(x, w, "OF") || mark_of(x, w, "FOR"))) {
            /* "accused Russia of deporting children": the accusation tells what it is about */
            drop_clause(x, w);
            continue;
        }
        if (x->c->own_format && is_rel(dep, "advcl") && root_of(hcode) >= 18 && root_of(x->vcode[w]) >= 18 &&
            has_events(x, h) && result_participle(x, w)) {
            /* "bombarded the city, killing eight people": one attack, told once */
            drop_clause(x, w);
            continue;
        }
        if (is_rel(dep, "xcomp") || infinitive_purpose(x, w)) {
            /* (parsers often hang "asked X to help" as advcl rather than xcomp) */
            const char *ask = (is_rel(dep, "xcomp") || infinitive_mark(x, w)) && !x->haspat[h]
                                  ? asked_code(hcode, x->vcode[w]) : NULL;
            if (ask) {
                /* "asked Obama to help Iran": an appeal for aid (023), "urged X to meet" 026 */
                for (int i = x->evfirst[h]; i < x->evlast[h]; i++)
                    if (d->event[i].code[0]) recode(x, &d->event[i], ask);
                drop_clause(x, w);
            } else if (!is_rel(dep, "xcomp")) {
                drop_clause(x, w);
            } else if ((!x->haspat[h] || !strcmp(hcode, "030")) && (root_of(hcode) == 3 ||
                                         /* "agreed to lift sanctions": a commitment to the act */
                                         (root_of(hcode) == 5 && child_with(x, h, "obj", 0) < 0 &&
                                          child_with(x, h, "dobj", 0) < 0))) {
                drop_events(x, h);
                for (int i = x->evfirst[w]; i < x->evlast[w]; i++) {
                    ann_event *e = &d->event[i];
                    if (!e->code[0]) continue;
                    int r = root_of(e->code);
                    char buf[8];
                    int own = 0; /* the governing subject's own act, not another's it wants */
                    for (int k = 0; k < x->vsubjn[h]; k++)
                        if (e->source.code && x->d->ment[x->vsubjm[h][k]].code &&
                            !strcmp(e->source.code, x->d->ment[x->vsubjm[h][k]].code))
                            own = 1;
                    /* (an agreement to do it is a commitment: the act itself, "agreed to lift
                     * the sanctions" 085) */
                    const char *ic = x->c->own_format && own && strcmp(x->ulem[h], "AGREE") ? intent_code(e->code) : NULL;
                    if (r >= 18 && own && (!strcmp(x->ulem[h], "TRY") || !strcmp(x->ulem[h], "ATTEMPT"))) {
                        /* "tried to kill": the attempt is the act, an attempted assassination 185 */
                        if (!strncmp(e->code, "186", 3)) recode(x, e, "185");
                    } else if (r >= 18 && own) {
                        /* "wants to attack", "plans to invade": a threat of force */
                        recode(x, e, "138");
                    } else if (ic) {
                        recode(x, e, ic);
                    } else if (r == 6 || r == 7) {
                        size_t n = strlen(e->code);
                        snprintf(buf, sizeof buf, "03%c%c", r == 6 ? '1' : '3', n > 3 ? e->code[2] : 0);
                        if (n == 3 && r == 7 && e->code[2] != '0') buf[3] = e->code[2], buf[4] = 0;
                        recode(x, e, buf);
                    }
                }
            } else if (x->c->own_format && root_of(hcode) == 13 && !x->haspat[h] && has_events(x, h) &&
                       threat_code(x->vcode[w])) {
                /* "threatened to cut ties", "to use nuclear weapons": the threat's sub-code */
                const char *tc = threat_code(x->vcode[w]);
                for (int i = x->evfirst[h]; i < x->evlast[h]; i++)
                    if (d->event[i].code[0]) recode(x, &d->event[i], tc);
                drop_clause(x, w);
            } else if (has_events(x, h)) {
                drop_events(x, w);
            }
        } else if (x->c->own_format && is_rel(dep, "ccomp") && (root_of(hcode) == 2 || root_of(hcode) == 10) &&
                   has_events(x, h)) {
            /* "demanded that X withdraw": what is asked is the appeal's or demand's content */
            const char *ask = !x->haspat[h] ? asked_code(hcode, x->vcode[w]) : NULL;
            if (ask)
                for (int i = x->evfirst[h]; i < x->evlast[h]; i++)
                    if (d->event[i].code[0]) recode(x, &d->event[i], ask);
            drop_clause(x, w);
        } else if (x->c->own_format && is_rel(dep, "ccomp") && root_of(hcode) == 3 && has_events(x, h)) {
            /* "assured Pezeshkian that Azerbaijan would not allow ...", "pledged that it would
             * withdraw": what is promised is the promise's content, not an act told (CAMEO's
             * intent sub-code where it has one: 0356) */
            const char *ic = !x->haspat[h] && x->vcode[w][0] ? intent_code(x->vcode[w]) : NULL;
            /* a promise not to do it ("would not allow its skies to be used") is no intent to
             * do it: the assurance stays as it is */
            for (int i = x->evfirst[w]; ic && i < x->evlast[w]; i++)
                if (d->event[i].code[0] && d->event[i].negated) ic = NULL;
            if (negated(x, w)) ic = NULL;
            if (ic)
                for (int i = x->evfirst[h]; i < x->evlast[h]; i++)
                    if (d->event[i].code[0]) recode(x, &d->event[i], ic);
            drop_clause(x, w);
        } else if (is_rel(dep, "ccomp") && (root_of(hcode) == 1 || root_of(hcode) == 11) && x->vsubj[h] >= 0 &&
                   reported_force(x, h, w)) {
            continue;
        } else if (is_rel(dep, "ccomp") && root_of(hcode) == 1 && x->vsubj[h] >= 0) {
            const ann_mention *sp = &d->ment[x->vsubj[h]];
            for (int i = x->evfirst[w]; i < x->evlast[w]; i++) {
                ann_event *e = &d->event[i];
                if (!e->code[0]) continue;
                e->attributed_to = sp->code;
            }
            drop_events(x, h);
        }
    }
    if (x->c->own_format) {
        future_intents(x);
        /* "a trip aimed at pushing for a ceasefire", "measures designed to curb protests": what
         * something is for is not yet done */
        for (int w = 0; w < x->n; w++) {
            int h = x->head[w];
            if (h < 0 || !has_events(x, w) || !(is_rel(x->s->tok[w].deprel, "advcl") || is_rel(x->s->tok[w].deprel, "xcomp")))
                continue;
            if ((!strcmp(x->ulem[h], "AIM") || !strcmp(x->ulem[h], "DESIGN") || !strcmp(x->ulem[h], "INTEND")) &&
                (is_rel(x->s->tok[h].deprel, "acl") || is_passive(x, h)) && !has_events(x, h))
                drop_events(x, w);
        }
    }
    int k = first_event;
    for (int i = first_event; i < d->nevent; i++)
        if (d->event[i].code[0]) d->event[k++] = d->event[i];
    d->nevent = k;
}

/* TABARI dictionaries list base forms and irregular forms; regular inflections are derived.
 * Candidate base forms of an upper-case word form, most literal first. */
static int base_forms(const char *f, char out[][64])
{
    int n = 0;
    size_t L = strlen(f);
    if (L >= 60) return 0;
#define ADD(len, suffix) do { if (n < 8) { snprintf(out[n], 64, "%.*s%s", (int)(len), f, suffix); n++; } } while (0)
    ADD(L, "");
    if (L > 3 && f[L - 1] == 'S') {
        if (L > 4 && !strcmp(f + L - 3, "IES")) ADD(L - 3, "Y");
        else if (L > 4 && f[L - 2] == 'E' && strchr("SXZHO", f[L - 3])) ADD(L - 2, "");
        if (f[L - 2] != 'S') ADD(L - 1, "");
    }
    if (L > 4 && !strcmp(f + L - 2, "ED")) {
        if (!strcmp(f + L - 3, "IED")) ADD(L - 3, "Y");
        ADD(L - 1, "");            /* agreed -> agree, closed -> close */
        ADD(L - 2, "");            /* attacked -> attack */
        if (f[L - 3] == f[L - 4]) ADD(L - 3, ""); /* stopped -> stop */
    }
    if (L > 5 && !strcmp(f + L - 3, "ING")) {
        ADD(L - 3, "");
        ADD(L - 3, "E");           /* closing -> close */
        if (f[L - 4] == f[L - 5]) ADD(L - 4, "");
    }
#undef ADD
    return n;
}

static int lookup_token(const ann_coder *c, const sctx *x, int v)
{
    int vi = -1;
    if (!c->own_format) {
        char cand[8][64];
        int n = base_forms(x->up[v], cand);
        for (int i = 0; i < n && vi < 0; i++) vi = find_entry(c, x, cand[i], v);
        return vi;
    }
    vi = find_entry(c, x, x->ulem[v], v);
    if (vi < 0) {
        /* a lemmatizer's slip ("jailed" -> "jaile"): the regular inflections of the form */
        char cand[8][64];
        int n = base_forms(x->up[v], cand);
        for (int i = 0; i < n && vi < 0; i++) vi = find_entry(c, x, cand[i], v);
    }
    return vi;
}

/* "GAZA CITY, Palestinian Territories: Four children ...", "LYON: Interpol said": a dateline
 * says where the story was filed, its places are no participants however the parser hangs
 * them on the sentence. The last token of the dateline, -1 when there is none. */
static int dateline_end(const sctx *x)
{
    const char *f = x->s->tok[0].form;
    int letters = 0;
    for (const char *p = f; *p; p++) {
        if (islower((unsigned char)*p)) return -1;
        letters += isupper((unsigned char)*p) != 0;
    }
    if (letters < 3) return -1;
    for (int i = 1; i < x->n && i <= 8; i++) {
        const ann_token *t = &x->s->tok[i];
        if (t->upos && (!strcmp(t->upos, "VERB") || !strcmp(t->upos, "AUX"))) return -1;
        if (!strcmp(t->form, ":") || !strcmp(t->form, "--") || !strcmp(t->form, "\xe2\x80\x94") ||
            !strcmp(t->form, "\xe2\x80\x93") || (!strcmp(t->form, "-") && i + 1 < x->n))
            return i + 1 < x->n ? i : -1;
    }
    return -1;
}

/* "announced asset freezes and bans on travel": a present-tense "-s" verb with no subject,
 * joined by "and" to a past-tense verb right after that verb's noun object, is the plural
 * noun of a list the tagger took for a verb. */
static int plural_noun_as_verb(const sctx *x, int v)
{
    const ann_token *t = &x->s->tok[v];
    int h = x->head[v];
    if (!t->xpos || strcmp(t->xpos, "VBZ") || !is_rel(t->deprel, "conj") || h < 0 || v < 2) return 0;
    const char *hx = x->s->tok[h].xpos;
    if (!hx || (strcmp(hx, "VBD") && strcmp(hx, "VBN"))) return 0;
    if (child_with(x, v, "nsubj", 0) >= 0 || strcmp(x->ulem[v - 1], "AND")) return 0;
    int o = v - 2; /* the word before "and": the governor's object or inside it */
    while (o >= 0 && x->head[o] != h && x->head[o] >= 0 && x->head[o] < v) o = x->head[o];
    return o >= 0 && x->head[o] == h && is_rel(x->s->tok[o].deprel, "obj") && x->s->tok[o].upos &&
           !strcmp(x->s->tok[o].upos, "NOUN");
}

/* "the militant group that has seized parts of Iraq": a relative clause in the perfect says
 * what a participant is known for, background to the news, not an event of the story. */
static int perfect_relative(const sctx *x, int v)
{
    if (!is_rel(x->s->tok[v].deprel, "acl:relcl")) return 0;
    for (int i = 0; i < v; i++)
        if (x->head[i] == v && is_rel(x->s->tok[i].deprel, "aux") && !strcmp(x->ulem[i], "HAVE")) return 1;
    return 0;
}

int ann_coder_code(const ann_coder *c, ann_doc *d, ann_err *err)
{
    sctx *x = ann_xcalloc(1, sizeof *x);
    x->c = c;
    x->d = d;
    /* mentions by sentence (coreference appends its mentions after the tagger's) */
    int *soff = ann_xcalloc((size_t)d->nsent + 2, sizeof *soff);
    int *sm = ann_xmalloc((size_t)(d->nment ? d->nment : 1) * sizeof *sm);
    for (int m = 0; m < d->nment; m++)
        if (d->ment[m].sent >= 0 && d->ment[m].sent < d->nsent) soff[d->ment[m].sent + 1]++;
    for (int si = 0; si < d->nsent; si++) soff[si + 1] += soff[si];
    {
        int *fill = ann_xcalloc((size_t)d->nsent + 1, sizeof *fill);
        for (int m = 0; m < d->nment; m++) {
            int si = d->ment[m].sent;
            if (si >= 0 && si < d->nsent) sm[soff[si] + fill[si]++] = m;
        }
        free(fill);
    }
    for (int si = 0; si < d->nsent; si++) {
        const ann_sentence *s = &d->sent[si];
        if (s->ntok > MAXTOK || s->ntok == 0) continue;
        x->si = si;
        x->s = s;
        x->n = s->ntok;
        for (int i = 0; i < x->n; i++) {
            x->head[i] = s->tok[i].head - 1;
            if (x->head[i] >= x->n) x->head[i] = -1;
            x->mtok[i] = -1;
            x->up[i] = upper_dup(d, s->tok[i].form);
            x->ulem[i] = s->tok[i].lemma ? upper_dup(d, s->tok[i].lemma) : x->up[i];
        }
        memset(x->loccase, 0, sizeof x->loccase);
        for (int i = 0; i < x->n; i++) {
            static const char *const loc[] = {"IN", "AT", "NEAR", "INSIDE", "OUTSIDE", "ACROSS", "THROUGHOUT"};
            if (x->head[i] < 0 || !is_rel(s->tok[i].deprel, "case")) continue;
            for (size_t k = 0; k < sizeof loc / sizeof *loc; k++)
                if (!strcmp(x->ulem[i], loc[k])) x->loccase[x->head[i]] = 1;
        }
        x->sm = sm + soff[si];
        x->nsm = soff[si + 1] - soff[si];
        for (int k = 0; k < x->nsm; k++) {
            int m = x->sm[k];
            for (int t = d->ment[m].first; t <= d->ment[m].last && t < x->n; t++)
                if (t >= 0 && (x->mtok[t] < 0 || (!d->ment[x->mtok[t]].code && d->ment[m].code))) x->mtok[t] = m;
        }
        for (int t = dateline_end(x); t >= 0; t--) x->mtok[t] = -1;
        x->place[0] = 0;
        for (int t = 0; t < x->n && !x->place[0]; t++) {
            int m = x->mtok[t];
            const char *pc = m >= 0 ? d->ment[m].code : NULL;
            if (!pc || !x->loccase[t] || strlen(pc) < 3 || bare_sector(pc) || !strncmp(pc, "IGO", 3) ||
                !strncmp(pc, "NGO", 3) || !strncmp(pc, "IMG", 3) || !isupper((unsigned char)pc[0]))
                continue;
            memcpy(x->place, pc, 3);
            x->place[3] = 0;
        }
        int first_event = d->nevent;
        for (int v = 0; v < x->n; v++) {
            x->evfirst[v] = x->evlast[v] = 0;
            x->haspat[v] = 0;
            x->vcode[v][0] = 0;
            x->vword[v][0] = 0;
            x->vsubj[v] = -1;
            x->vsubjn[v] = 0;
        }
        for (int v = 0; v < x->n; v++) {
            const ann_token *t = &s->tok[v];
            if (!t->upos || (strcmp(t->upos, "VERB") && !(c->own_format && !strcmp(t->upos, "NOUN")))) continue;
            if (t->head < 0) continue;
            if (c->own_format && (perfect_relative(x, v) || plural_noun_as_verb(x, v))) continue;
            int vi = lookup_token(c, x, v);
            x->evfirst[v] = x->evlast[v] = d->nevent;
            x->haspat[v] = 0;
            if (vi < 0) continue;
            code_verb(x, v, vi);
            x->evlast[v] = d->nevent;
        }
        combine_nested(x, first_event);
        /* A bare statement counts only when nothing else in the sentence was coded. */
        int other = 0;
        for (int i = first_event; i < d->nevent; i++) if (strcmp(d->event[i].code, "010")) other = 1;
        if (other) {
            int k = first_event;
            for (int i = first_event; i < d->nevent; i++)
                if (strcmp(d->event[i].code, "010")) d->event[k++] = d->event[i];
            d->nevent = k;
        }
    }
    free(x);
    free(soff);
    free(sm);
    (void)err;
    return 0;
}

/* Training the tagger, lemmatizer and parser from CoNLL-U treebanks, and scoring against gold.
 * Everything is deterministic for a seed: shuffles use our own generator, sorts are total. */
#include "nlp/nlp_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

uint32_t nlp_suffix_key(int tag, const char *s, size_t k);

/* ---- scoring ---- */

static int same(const char *a, const char *b)
{
    if (!a || !*a) a = "_";
    if (!b || !*b) b = "_";
    return !strcmp(a, b);
}

static int same_rel(const char *a, const char *b)
{
    if (!a || !b) return 0;
    size_t na = strcspn(a, ":"), nb = strcspn(b, ":");
    return na == nb && !strncmp(a, b, na);
}

int ann_parse_score_sentence(ann_parse_score *sc, const ann_sentence *g, const ann_sentence *s)
{
    if (g->ntok != s->ntok) return -1;
    sc->sentences++;
    for (int i = 0; i < g->ntok; i++) {
        const ann_token *a = &g->tok[i], *b = &s->tok[i];
        sc->tokens++;
        sc->upos += same(a->upos, b->upos);
        sc->xpos += same(a->xpos, b->xpos);
        sc->lemma += same(a->lemma, b->lemma);
        if (a->head == b->head && a->head >= 0) {
            sc->uas++;
            sc->las += same_rel(a->deprel, b->deprel);
        }
    }
    return 0;
}

/* ---- treebank in memory ---- */

typedef struct tsent {
    int n;
    const char **form, **lemma, **feats;
    int *tag;         /* gold joint tag, -1 when not in the tag set */
    int *head, *lab;  /* 1-based arrays [0..n]; lab -1 when unknown */
    int tree_ok;      /* heads form a single-rooted tree over known labels */
    const ann_sentence *src;
} tsent;

typedef struct tbank {
    ann_doc **docs;
    int ndocs, capdocs;
    tsent *s;
    int n, cap;
} tbank;

typedef struct strmap {   /* string -> id */
    char **str;
    int n, cap;
} strmap;

static int strmap_get(strmap *m, const char *s, int add)
{
    for (int i = 0; i < m->n; i++)
        if (!strcmp(m->str[i], s)) return i;
    if (!add) return -1;
    if (m->n == m->cap) {
        m->cap = m->cap ? m->cap * 2 : 64;
        m->str = ann_xrealloc(m->str, sizeof *m->str * (size_t)m->cap);
    }
    m->str[m->n] = ann_xstrdup(s);
    return m->n++;
}

static void strmap_free(strmap *m)
{
    for (int i = 0; i < m->n; i++) free(m->str[i]);
    free(m->str);
}

static int load_bank(tbank *tb, const char *const *files, int nfiles, int max_sent, ann_err *err)
{
    for (int fi = 0; fi < nfiles; fi++) {
        ann_reader *r = ann_reader_open(files[fi], ANN_FMT_CONLLU, (size_t)1 << 30, err);
        if (!r) return -1;
        ann_doc *d;
        int rc;
        while ((rc = ann_reader_next(r, &d, err)) != 0) {
            if (rc < 0) {
                fprintf(stderr, "annalist: train: %s (record skipped)\n", err->msg);
                continue;
            }
            if (tb->ndocs == tb->capdocs) {
                tb->capdocs = tb->capdocs ? tb->capdocs * 2 : 256;
                tb->docs = ann_xrealloc(tb->docs, sizeof *tb->docs * (size_t)tb->capdocs);
            }
            tb->docs[tb->ndocs++] = d;
            for (int si = 0; si < d->nsent; si++) {
                if (max_sent && tb->n >= max_sent) break;
                const ann_sentence *s = &d->sent[si];
                if (!s->ntok) continue;
                if (tb->n == tb->cap) {
                    tb->cap = tb->cap ? tb->cap * 2 : 1024;
                    tb->s = ann_xrealloc(tb->s, sizeof *tb->s * (size_t)tb->cap);
                }
                tsent *t = &tb->s[tb->n++];
                memset(t, 0, sizeof *t);
                t->n = s->ntok;
                t->src = s;
            }
        }
        ann_reader_close(r);
        ann_err_clear(err);
    }
    return 0;
}

static void bank_free(tbank *tb)
{
    for (int i = 0; i < tb->n; i++) {
        free(tb->s[i].form);
        free(tb->s[i].tag);
    }
    for (int i = 0; i < tb->ndocs; i++) ann_doc_free(tb->docs[i]);
    free(tb->docs);
    free(tb->s);
}

static int is_tree(int n, const int *head)
{
    int roots = 0;
    for (int i = 1; i <= n; i++) {
        if (head[i] < 0 || head[i] > n || head[i] == i) return 0;
        roots += head[i] == 0;
        int k = i, steps = 0;
        while (k != 0 && steps++ <= n) k = head[k];
        if (k != 0) return 0;
    }
    return roots == 1;
}

/* Fills the per-sentence arrays, mapping tags and labels through the given maps. */
static void bank_index(tbank *tb, strmap *tags, strmap *labels, int add)
{
    char key[512];
    for (int si = 0; si < tb->n; si++) {
        tsent *t = &tb->s[si];
        int n = t->n;
        t->form = ann_xmalloc(sizeof(char *) * (size_t)n * 3);
        t->lemma = t->form + n;
        t->feats = t->form + 2 * n;
        t->tag = ann_xmalloc(sizeof(int) * (size_t)(n + 1) * 3);
        t->head = t->tag + n + 1;
        t->lab = t->tag + 2 * (n + 1);
        t->head[0] = -1;
        t->lab[0] = -1;
        int ok = 1;
        for (int i = 0; i < n; i++) {
            const ann_token *k = &t->src->tok[i];
            t->form[i] = k->form ? k->form : "_";
            t->lemma[i] = k->lemma ? k->lemma : "_";
            t->feats[i] = k->feats ? k->feats : "_";
            snprintf(key, sizeof key, "%s\t%s", k->upos ? k->upos : "_", k->xpos ? k->xpos : "_");
            t->tag[i] = strmap_get(tags, key, add && tags->n < NLP_MAX_CLASSES - 2);
            t->head[i + 1] = k->head;
            char rel[128];
            snprintf(rel, sizeof rel, "%s", k->deprel ? k->deprel : "_");
            t->lab[i + 1] = k->deprel ? strmap_get(labels, rel, add && labels->n < 120) : -1;
            if (t->lab[i + 1] < 0) ok = 0;
        }
        t->tree_ok = ok && is_tree(n, t->head);
    }
}

/* ---- deterministic random numbers (xorshift64*) ---- */

static uint64_t rng_next(uint64_t *s)
{
    *s ^= *s >> 12;
    *s ^= *s << 25;
    *s ^= *s >> 27;
    return *s * 2685821657736338717ULL;
}

static void shuffle(int *a, int n, uint64_t *rng)
{
    for (int i = n - 1; i > 0; i--) {
        int j = (int)(rng_next(rng) % (uint64_t)(i + 1));
        int x = a[i];
        a[i] = a[j];
        a[j] = x;
    }
}

/* ---- lexical resources ---- */

typedef struct lexrow { const char *form, *lemma; int tag; } lexrow;

static int cmp_lexrow(const void *a, const void *b)
{
    const lexrow *x = a, *y = b;
    int c = strcmp(x->form, y->form);
    if (c) return c;
    if (x->tag != y->tag) return x->tag - y->tag;
    return strcmp(x->lemma, y->lemma);
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/* From sorted (key32 << 32 | val) pairs: the most frequent val per key, when count >= min and
 * its share >= share. */
static nlp_kv *majority(uint64_t *p, size_t n, int min, double share, uint32_t *out_n)
{
    qsort(p, n, sizeof *p, cmp_u64);
    nlp_kv *kv = ann_xmalloc(sizeof *kv * (n + 1));
    uint32_t k = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        uint32_t key = (uint32_t)(p[i] >> 32);
        uint32_t best = 0;
        size_t bestc = 0, tot = 0;
        while (j < n && (uint32_t)(p[j] >> 32) == key) {
            size_t r = j;
            while (r < n && p[r] == p[j]) r++;
            if (r - j > bestc) bestc = r - j, best = (uint32_t)p[j];
            tot += r - j;
            j = r;
        }
        if ((int)tot >= min && (double)bestc >= share * (double)tot) kv[k++] = (nlp_kv){key, best};
        i = j;
    }
    *out_n = k;
    return kv;
}

static char lower_c(char c) { return c >= 'A' && c <= 'Z' ? (char)(c + 32) : c; }

/* The rule turning form into lemma: keep a prefix of the form (lowercased or not), append. */
/* prefer_lower decides when the form has no capitals (both readings fit): the tag's majority
 * among forms that do tell ("Facsimile"/NN -> lowercase, "E17"/NNP -> as is). */
static void derive_rule(const char *form, const char *lemma, int prefer_lower, int *lower, int *strip,
                        const char **add)
{
    size_t n = strlen(form);
    char low[256];
    if (n >= sizeof low) n = sizeof low - 1;
    for (size_t i = 0; i < n; i++) low[i] = lower_c(form[i]);
    low[n] = 0;
    size_t p1 = 0, p2 = 0;
    while (p1 < n && form[p1] == lemma[p1]) p1++;
    while (p2 < n && low[p2] == lemma[p2]) p2++;
    *lower = p2 > p1 ? 1 : p1 > p2 ? 0 : prefer_lower;
    size_t p = *lower ? p2 : p1;
    *strip = (int)(n - p);
    *add = lemma + p;
}

typedef struct trainer {
    const ann_train_opts *o;
    ann_model m;
    strmap tags, labels;
    ann_arena arena;
    tbank train, dev;
    uint64_t rng;
    double t0;
    /* Most-frequent-tag maps built without one fold of the training sentences each: a training
     * sentence's words are looked up in the map that never saw it, so the tagger learns how far
     * to trust the feature on words as new as those it will meet. */
    int *fold;
    nlp_kv *mftf[4];
    uint32_t nmftf[4];
    nlp_kv *mft_all;
    uint32_t nmft_all;
} trainer;

static void use_fold_mft(trainer *T, int si)
{
    T->m.mft = T->mftf[T->fold[si]];
    T->m.nmft = T->nmftf[T->fold[si]];
}

static void use_full_mft(trainer *T)
{
    T->m.mft = T->mft_all;
    T->m.nmft = T->nmft_all;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void build_lexical(trainer *T)
{
    ann_model *m = &T->m;
    tbank *tb = &T->train;
    size_t ntok = 0;
    for (int i = 0; i < tb->n; i++) ntok += (size_t)tb->s[i].n;
    lexrow *rows = ann_xmalloc(sizeof *rows * (ntok + 1));
    uint64_t *pairs = ann_xmalloc(sizeof *pairs * (ntok + 1));
    uint64_t *pairs2 = ann_xmalloc(sizeof *pairs2 * (ntok + 1));
    size_t k = 0;
    for (int i = 0; i < tb->n; i++) {
        const tsent *t = &tb->s[i];
        for (int j = 0; j < t->n; j++) {
            if (t->tag[j] < 0) continue;
            rows[k] = (lexrow){t->form[j], t->lemma[j], t->tag[j]};
            pairs[k] = (uint64_t)nlp_word_id(t->form[j]) << 32 | (uint32_t)t->tag[j];
            pairs2[k] = (uint64_t)nlp_str_hash(t->form[j], strlen(t->form[j])) << 32 | (uint32_t)t->tag[j];
            k++;
        }
    }
    /* Folds by content, so that a sentence given twice (weighting) falls in one fold. */
    T->fold = ann_xmalloc(sizeof(int) * (size_t)(tb->n + 1));
    for (int i = 0; i < tb->n; i++) {
        uint32_t h = 17;
        for (int j = 0; j < tb->s[i].n; j++) h = nlp_mix(h, nlp_word_id(tb->s[i].form[j]));
        T->fold[i] = (int)(nlp_fin(h) % 4u);
    }
    uint64_t *fp = ann_xmalloc(sizeof *fp * (ntok + 1));
    for (int f = 0; f < 4; f++) {
        size_t q = 0, z = 0;
        for (int i = 0; i < tb->n; i++)
            for (int j = 0; j < tb->s[i].n; j++) {
                if (tb->s[i].tag[j] < 0) continue;
                if (T->fold[i] != f) fp[q++] = pairs[z];
                z++;
            }
        T->mftf[f] = majority(fp, q, 1, 0.0, &T->nmftf[f]);
    }
    free(fp);
    m->mft = majority(pairs, k, 1, 0.0, &m->nmft);
    T->mft_all = m->mft;
    T->nmft_all = m->nmft;
    m->tagdict = majority(pairs2, k, 20, 0.995, &m->ntagdict);
    free(pairs);
    free(pairs2);

    /* Lexicon: the most frequent lemma per (form, tag); FEATS likewise (second pass). */
    qsort(rows, k, sizeof *rows, cmp_lexrow);
    m->lex = ann_xmalloc(sizeof *m->lex * (k + 1));
    m->nlex = 0;
    for (size_t i = 0; i < k;) {
        size_t j = i, best = i, bestc = 0;
        while (j < k && !strcmp(rows[j].form, rows[i].form) && rows[j].tag == rows[i].tag) {
            size_t r = j;
            while (r < k && !cmp_lexrow(&rows[r], &rows[j])) r++;
            if (r - j > bestc) bestc = r - j, best = j;
            j = r;
        }
        m->lex[m->nlex++] = (nlp_lex){rows[i].form, rows[best].lemma, "_", (uint8_t)rows[i].tag};
        i = j;
    }
    free(rows);
    nlp_model_index_lex(m);
    /* FEATS: most frequent per (form, tag), and per tag for unseen words. */
    {
        lexrow *fr = ann_xmalloc(sizeof *fr * (k + 1));
        size_t q = 0;
        for (int i = 0; i < tb->n; i++) {
            const tsent *t = &tb->s[i];
            for (int j = 0; j < t->n; j++)
                if (t->tag[j] >= 0) fr[q++] = (lexrow){t->form[j], t->feats[j], t->tag[j]};
        }
        qsort(fr, q, sizeof *fr, cmp_lexrow);
        for (size_t i = 0; i < q;) {
            size_t j = i, best = i, bestc = 0;
            while (j < q && !strcmp(fr[j].form, fr[i].form) && fr[j].tag == fr[i].tag) {
                size_t r = j;
                while (r < q && !cmp_lexrow(&fr[r], &fr[j])) r++;
                if (r - j > bestc) bestc = r - j, best = j;
                j = r;
            }
            nlp_lex *e = (nlp_lex *)nlp_lex_find(m, fr[i].form, fr[i].tag);
            if (e) e->feats = fr[best].lemma;
            i = j;
        }
        /* Per tag: most frequent FEATS among rare words (what unseen words look like). */
        for (int tg = 0; tg < m->ntag; tg++) m->tag_feats[tg] = "_";
        lexrow *pt = ann_xmalloc(sizeof *pt * (m->nlex + 1));
        size_t np = 0;
        for (uint32_t i = 0; i < m->nlex; i++) pt[np++] = (lexrow){"", m->lex[i].feats, m->lex[i].tag};
        qsort(pt, np, sizeof *pt, cmp_lexrow);
        for (size_t i = 0; i < np;) {
            size_t j = i, best = i, bestc = 0;
            while (j < np && pt[j].tag == pt[i].tag) {
                size_t r = j;
                while (r < np && !cmp_lexrow(&pt[r], &pt[j])) r++;
                if (r - j > bestc) bestc = r - j, best = j;
                j = r;
            }
            m->tag_feats[pt[i].tag] = pt[best].lemma;
            i = j;
        }
        free(pt);
        free(fr);
    }

    /* Lemma rules, learnt from lexicon types: per (tag, suffix of length 0..5) the most
     * frequent rule. Rule ids are interned by their text. */
    strmap rules = {0};
    uint64_t *rp = ann_xmalloc(sizeof *rp * ((size_t)m->nlex * 6 + 1));
    size_t nr = 0;
    char low[256], rk[300];
    int *votes = ann_xcalloc((size_t)m->ntag + 1, sizeof *votes);
    for (uint32_t i = 0; i < m->nlex; i++) {
        int lower, strip;
        const char *add;
        if (strlen(m->lex[i].form) >= sizeof low) continue;
        derive_rule(m->lex[i].form, m->lex[i].lemma, -1, &lower, &strip, &add);
        if (lower >= 0) votes[m->lex[i].tag] += lower ? 1 : -1;
    }
    for (uint32_t i = 0; i < m->nlex; i++) {
        const nlp_lex *e = &m->lex[i];
        size_t n = strlen(e->form);
        if (n >= sizeof low || strlen(e->lemma) > 200) continue;
        int lower, strip;
        const char *add;
        derive_rule(e->form, e->lemma, votes[e->tag] > 0, &lower, &strip, &add);
        if (strip > 255) continue;
        snprintf(rk, sizeof rk, "%d\t%d\t%s", lower, strip, add);
        int rid = strmap_get(&rules, rk, 1);
        for (size_t j = 0; j <= n; j++) low[j] = lower_c(e->form[j]);
        for (size_t kk = 0; kk <= 5 && kk <= n; kk++)
            rp[nr++] = (uint64_t)nlp_suffix_key(e->tag, low + n - kk, kk) << 32 | (uint32_t)rid;
    }
    m->suf = majority(rp, nr, 1, 0.0, &m->nsuf);
    free(rp);
    free(votes);
    m->nrule = (uint32_t)rules.n;
    m->rule = ann_xmalloc(sizeof *m->rule * (m->nrule + 1));
    for (int i = 0; i < rules.n; i++) {
        int lower = 0, strip = 0, off = 0;
        sscanf(rules.str[i], "%d\t%d\t%n", &lower, &strip, &off);
        m->rule[i] = (nlp_rule){(uint8_t)lower, (uint8_t)strip, ann_arena_strdup(&T->arena, rules.str[i] + off)};
    }
    strmap_free(&rules);
}

/* ---- tagger ---- */

static void tag_with_percep(const ann_model *m, const nlp_percep *p, const tsent *t, uint8_t *out,
                            nlp_tokinfo *ti)
{
    uint32_t f[NLP_TAG_NFEAT];
    float sc[NLP_MAX_CLASSES + 1];
    nlp_tok_info(m, t->form, t->n, ti);
    for (int i = 0; i < t->n; i++) {
        uint32_t sure = nlp_kv_find(m->tagdict, m->ntagdict, ti[i].word, NLP_NONE);
        if (sure != NLP_NONE) {
            out[i] = (uint8_t)sure;
            continue;
        }
        int nf = nlp_tagger_features(ti, t->n, i, out, NULL, f);
        memset(sc, 0, sizeof(float) * (size_t)m->ntag);
        nlp_percep_score(p, f, nf, sc);
        int best = 0;
        for (int c = 1; c < m->ntag; c++)
            if (sc[c] > sc[best]) best = c;
        out[i] = (uint8_t)best;
    }
}

/* Trains a tagger on the sentences idx[0..n); returns its perceptron (caller exports). */
static void train_tagger(trainer *T, const int *idx, int n, int epochs, nlp_percep *p, int select,
                         nlp_table *best_out, uint8_t *const *right)
{
    /* The table being trained is best_out: dev scoring puts each epoch's snapshot there. */
    ann_model *m = &T->m;
    nlp_percep_init(p, m->ntag);
    int *order = ann_xmalloc(sizeof(int) * (size_t)(n + 1));
    memcpy(order, idx, sizeof(int) * (size_t)n);
    nlp_tokinfo *ti = ann_xmalloc(sizeof *ti * 1024);
    uint8_t tags[1024];
    uint32_t f[NLP_TAG_NFEAT];
    float sc[NLP_MAX_CLASSES + 1];
    double best_acc = -1;
    memset(best_out, 0, sizeof *best_out);
    for (int ep = 0; ep < epochs; ep++) {
        shuffle(order, n, &T->rng);
        long tot = 0, cor = 0;
        for (int oi = 0; oi < n; oi++) {
            const tsent *t = &T->train.s[order[oi]];
            if (t->n > 1000) continue;
            use_fold_mft(T, order[oi]);
            nlp_tok_info(m, t->form, t->n, ti);
            use_full_mft(T);
            for (int i = 0; i < t->n; i++) {
                int gold = t->tag[i];
                uint32_t sure = nlp_kv_find(m->tagdict, m->ntagdict, ti[i].word, NLP_NONE);
                if (sure != NLP_NONE || gold < 0) {
                    tags[i] = (uint8_t)(sure != NLP_NONE ? sure : 0);
                    continue;
                }
                int nf = nlp_tagger_features(ti, t->n, i, tags, right ? right[order[oi]] : NULL, f);
                memset(sc, 0, sizeof(float) * (size_t)m->ntag);
                nlp_percep_score(p, f, nf, sc);
                int guess = 0;
                for (int c = 1; c < m->ntag; c++)
                    if (sc[c] > sc[guess]) guess = c;
                nlp_percep_update(p, f, nf, gold, guess);
                nlp_percep_tick(p);
                tags[i] = (uint8_t)guess;
                tot++;
                cor += guess == gold;
            }
        }
        if (!select) continue;
        nlp_table tb;
        nlp_percep_export(p, &tb);
        if (T->o->prune > 0) nlp_table_prune(&tb, (float)T->o->prune * 0.5f);
        nlp_table saved = *best_out;
        *best_out = tb;
        long dt = 0, dc = 0;
        for (int si = 0; si < T->dev.n; si++) {
            const tsent *t = &T->dev.s[si];
            if (t->n > 1000) continue;
            nlp_tag_sentence(m, t->form, t->n, tags);
            for (int i = 0; i < t->n; i++) dc += tags[i] == t->tag[i], dt++;
        }
        *best_out = saved;
        double acc = dt ? 100.0 * (double)dc / (double)dt : 100.0 * (double)(ep + 1);
        if (T->o->verbose)
            fprintf(stderr, "  tagger%s epoch %d: train %.2f%%, dev tags %.2f%%, %u features (%.0fs)\n", right ? " (2nd pass)" : "",
                    ep + 1, tot ? 100.0 * (double)cor / (double)tot : 0.0, dt ? acc : 0.0, tb.nfeat, now() - T->t0);
        if (acc > best_acc || !T->dev.n) {
            best_acc = acc;
            nlp_table_free(best_out);
            free(best_out->keys);
            free(best_out->cnt);
            free(best_out->cls);
            free(best_out->w);
            *best_out = tb;
        } else {
            nlp_table_free(&tb);
            free(tb.keys);
            free(tb.cnt);
            free(tb.cls);
            free(tb.w);
        }
    }
    free(ti);
    free(order);
}

static void table_release(nlp_table *t)
{
    nlp_table_free(t);
    free(t->keys);
    free(t->cnt);
    free(t->cls);
    free(t->w);
    memset(t, 0, sizeof *t);
}

/* ---- parser ---- */

static void sent_arrays(const tsent *t, const uint8_t *tags, uint32_t *word, uint8_t *tag)
{
    word[0] = 0xfffffff4u;
    tag[0] = 254;
    for (int i = 0; i < t->n; i++) {
        word[i + 1] = nlp_word_id(t->form[i]);
        tag[i + 1] = tags[i];
    }
}

static void parse_train_sentence(trainer *T, nlp_percep *p, const tsent *t, const uint32_t *word,
                                 const uint8_t *tag, const int *gh, int explore, long *tot, long *cor)
{
    const ann_model *m = &T->m;
    nlp_state s;
    nlp_state_init(&s, t->n);
    uint32_t f[NLP_PARSE_NFEAT];
    float sc[NLP_MAX_CLASSES + 1];
    const int *gl = t->lab;
    int nt = m->ntrans, root = m->root_label;
    while (!nlp_state_final(&s)) {
        int nf = nlp_parser_features(&s, word, tag, m->coarse, f);
        memset(sc, 0, sizeof(float) * (size_t)nt);
        nlp_percep_score(p, f, nf, sc);
        int pred = -1, gold = -1, predc = 0, goldc = 1 << 30;
        for (int tr = 0; tr < nt; tr++) {
            if (!nlp_trans_valid(&s, tr, root)) continue;
            int c = nlp_trans_cost(&s, tr, gh, gl);
            if (pred < 0 || sc[tr] > sc[pred]) pred = tr, predc = c;
            if (c < goldc || (c == goldc && sc[tr] > sc[gold])) gold = tr, goldc = c;
        }
        (*tot)++;
        if (predc > goldc) nlp_percep_update(p, f, nf, gold, pred);
        else (*cor)++;
        nlp_percep_tick(p);
        int next = predc <= goldc ? pred : (explore && (rng_next(&T->rng) % 10) != 0 ? pred : gold);
        nlp_trans_apply(&s, next);
    }
    nlp_state_free(&s);
}

typedef struct devscore { long tok, upos, lemma, uas, las; } devscore;

static void eval_dev(trainer *T, devscore *ds)
{
    memset(ds, 0, sizeof *ds);
    const ann_model *m = &T->m;
    uint8_t tags[1024], tg[1025];
    uint32_t word[1025];
    int head[1025], lab[1025];
    char lb[512];
    for (int si = 0; si < T->dev.n; si++) {
        const tsent *t = &T->dev.s[si];
        if (t->n > 1000) continue;
        nlp_tag_sentence(m, t->form, t->n, tags);
        sent_arrays(t, tags, word, tg);
        if (m->parser.nfeat) nlp_parse_sentence(m, t->n, word, tg, head, lab);
        for (int i = 0; i < t->n; i++) {
            const ann_token *g = &t->src->tok[i];
            ds->tok++;
            ds->upos += !strcmp(m->upos[tags[i]], g->upos ? g->upos : "_");
            ds->lemma += !strcmp(nlp_lemma(m, t->form[i], tags[i], lb, sizeof lb), t->lemma[i]);
            if (m->parser.nfeat && head[i + 1] == t->head[i + 1]) {
                ds->uas++;
                ds->las += same_rel(m->label[lab[i + 1]], g->deprel);
            }
        }
    }
}

static double pct(long a, long b) { return b ? 100.0 * (double)a / (double)b : 0.0; }

int ann_nlp_train(const ann_train_opts *o, ann_err *err)
{
    trainer T;
    memset(&T, 0, sizeof T);
    T.o = o;
    T.rng = (uint64_t)o->seed * 0x9E3779B97F4A7C15ULL + 0x1234567ULL;
    T.t0 = now();
    int tag_epochs = o->tag_epochs > 0 ? o->tag_epochs : 10;
    int parse_epochs = o->parse_epochs > 0 ? o->parse_epochs : o->parse_epochs < 0 ? 0 : 12;
    int folds = o->jackknife > 0 ? o->jackknife : 4;
    int rc = -1;
    if (o->ntrain < 1) {
        ann_err_set(err, 2, "train: no training file given (--train FILE.conllu)");
        return -1;
    }
    if (load_bank(&T.train, o->train, o->ntrain, o->max_sentences, err) < 0) goto out;
    if (load_bank(&T.dev, o->dev, o->ndev, 0, err) < 0) goto out;
    if (T.train.n == 0) {
        ann_err_set(err, 1, "train: no sentences in the training files");
        goto out;
    }
    bank_index(&T.train, &T.tags, &T.labels, 1);
    strmap_get(&T.labels, "root", 1);
    bank_index(&T.dev, &T.tags, &T.labels, 0);
    ann_model *m = &T.m;
    m->ntag = T.tags.n;
    m->upos = ann_xcalloc((size_t)m->ntag + 1, sizeof *m->upos);
    m->xpos = ann_xcalloc((size_t)m->ntag + 1, sizeof *m->xpos);
    m->tag_feats = ann_xcalloc((size_t)m->ntag + 1, sizeof *m->tag_feats);
    for (int i = 0; i < m->ntag; i++) {
        char *tab = strchr(T.tags.str[i], '\t');
        m->upos[i] = ann_arena_strndup(&T.arena, T.tags.str[i], (size_t)(tab - T.tags.str[i]));
        m->xpos[i] = ann_arena_strdup(&T.arena, tab + 1);
    }
    m->nlabel = T.labels.n;
    m->label = ann_xcalloc((size_t)m->nlabel + 1, sizeof *m->label);
    for (int i = 0; i < m->nlabel; i++) m->label[i] = T.labels.str[i];
    m->root_label = strmap_get(&T.labels, "root", 0);
    m->ntrans = 1 + 2 * m->nlabel;
    nlp_model_coarse(m);
    if (m->ntrans > NLP_MAX_CLASSES) {
        ann_err_set(err, 1, "train: %d dependency labels, at most %d are supported", m->nlabel,
                    (NLP_MAX_CLASSES - 1) / 2);
        goto out;
    }
    long ntok = 0;
    for (int i = 0; i < T.train.n; i++) ntok += T.train.s[i].n;
    if (o->verbose)
        fprintf(stderr, "train: %d sentences, %ld tokens, %d tags, %d labels; dev: %d sentences\n",
                T.train.n, ntok, m->ntag, m->nlabel, T.dev.n);
    build_lexical(&T);
    if (o->verbose)
        fprintf(stderr, "  lexicon %u entries, %u lemma rules, %u tag-dictionary words\n", m->nlex, m->nrule,
                m->ntagdict);

    /* Tagger on all training data, epoch chosen on dev. */
    int *all = ann_xmalloc(sizeof(int) * (size_t)(T.train.n + 1));
    for (int i = 0; i < T.train.n; i++) all[i] = i;
    nlp_percep p;
    train_tagger(&T, all, T.train.n, tag_epochs, &p, 1, &m->tagger, NULL);
    nlp_percep_free(&p);

    /* Predicted tags for parser training: jackknifed so the parser sees realistic errors. */
    uint8_t **ptag = ann_xcalloc((size_t)T.train.n, sizeof *ptag);
    nlp_tokinfo *ti = ann_xmalloc(sizeof *ti * 1024);
    for (int i = 0; i < T.train.n; i++) {
        const tsent *t = &T.train.s[i];
        ptag[i] = ann_xmalloc((size_t)t->n + 1);
        for (int j = 0; j < t->n; j++) ptag[i][j] = (uint8_t)(t->tag[j] < 0 ? 0 : t->tag[j]);
    }
    if (folds > 1) {
        int *part = ann_xmalloc(sizeof(int) * (size_t)(T.train.n + 1));
        for (int fo = 0; fo < folds; fo++) {
            int np = 0;
            for (int i = 0; i < T.train.n; i++)
                if (i % folds != fo) part[np++] = i;
            nlp_table dummy;
            train_tagger(&T, part, np, tag_epochs > 5 ? 5 : tag_epochs, &p, 0, &dummy, NULL);
            for (int i = fo; i < T.train.n; i += folds)
                if (T.train.s[i].n <= 1000) {
                    use_fold_mft(&T, i);
                    tag_with_percep(m, &p, &T.train.s[i], ptag[i], ti);
                    use_full_mft(&T);
                }
            nlp_percep_free(&p);
            if (o->verbose) fprintf(stderr, "  jackknife fold %d/%d tagged (%.0fs)\n", fo + 1, folds, now() - T.t0);
        }
        free(part);
    }
    free(ti);
    /* Second tagging pass, trained on the jackknifed first-pass tags it will see at run time. */
    if (folds > 1) {
        train_tagger(&T, all, T.train.n, tag_epochs, &p, 1, &m->tagger2, ptag);
        nlp_percep_free(&p);
    }
    if (!m->tagger2.nfeat) m->tagger2.nclass = m->ntag;   /* empty: one pass only */

    /* Parser. */
    nlp_percep_init(&p, m->ntrans);
    double best_las = -1;
    nlp_table best = {0};
    uint32_t *word = ann_xmalloc(sizeof *word * 1026);
    uint8_t *tg = ann_xmalloc(1026);
    int *gh = ann_xmalloc(sizeof(int) * 1026);
    int used = 0, lifted = 0;
    for (int ep = 0; ep < parse_epochs; ep++) {
        shuffle(all, T.train.n, &T.rng);
        long tot = 0, cor = 0;
        for (int oi = 0; oi < T.train.n; oi++) {
            const tsent *t = &T.train.s[all[oi]];
            if (!t->tree_ok || t->n > 1000) continue;
            memcpy(gh, t->head, sizeof(int) * (size_t)(t->n + 1));
            int lifts = nlp_projectivize(t->n, gh);
            if (ep == 0) used++, lifted += lifts > 0;
            sent_arrays(t, ptag[all[oi]], word, tg);
            parse_train_sentence(&T, &p, t, word, tg, gh, ep >= 1, &tot, &cor);
        }
        nlp_table tb;
        nlp_percep_export(&p, &tb);
        if (o->prune > 0) nlp_table_prune(&tb, (float)o->prune);
        m->parser = tb;
        devscore ds;
        eval_dev(&T, &ds);
        double las = T.dev.n ? pct(ds.las, ds.tok) : ep;
        if (o->verbose)
            fprintf(stderr, "  parser epoch %d: train moves %.2f%%, dev UAS %.2f LAS %.2f, %u features (%.0fs)\n",
                    ep + 1, pct(cor, tot), pct(ds.uas, ds.tok), pct(ds.las, ds.tok), tb.nfeat, now() - T.t0);
        if (ep == 0 && o->verbose)
            fprintf(stderr, "  (%d training trees, %d made projective by lifting)\n", used, lifted);
        if (las > best_las) {
            best_las = las;
            table_release(&best);
            best = tb;
        } else {
            table_release(&tb);
        }
        m->parser = best;
    }
    nlp_percep_free(&p);
    free(word);
    free(tg);
    free(gh);
    for (int i = 0; i < T.train.n; i++) free(ptag[i]);
    free(ptag);
    free(all);
    m->parser = best;
    if (!m->parser.nfeat) m->parser.nclass = m->ntrans;   /* no parser trained */
    if (T.dev.n && o->verbose) {
        devscore ds;
        eval_dev(&T, &ds);
        fprintf(stderr, "chosen model on dev: UPOS %.2f lemma %.2f UAS %.2f LAS %.2f\n", pct(ds.upos, ds.tok),
                pct(ds.lemma, ds.tok), pct(ds.uas, ds.tok), pct(ds.las, ds.tok));
    }
    if (nlp_model_save(m, o->out, err) < 0) goto out;
    if (o->verbose) fprintf(stderr, "wrote %s (%.0fs)\n", o->out, now() - T.t0);
    rc = 0;
out:
    table_release(&T.m.tagger);
    table_release(&T.m.tagger2);
    table_release(&T.m.parser);
    free(T.m.upos);
    free(T.m.xpos);
    free(T.m.tag_feats);
    free(T.m.label);
    free(T.m.lex);
    free(T.m.lex_slot);
    free(T.m.mft);
    for (int f = 0; f < 4; f++) free(T.mftf[f]);
    free(T.fold);
    free(T.m.tagdict);
    free(T.m.suf);
    free(T.m.rule);
    strmap_free(&T.tags);
    strmap_free(&T.labels);
    bank_free(&T.train);
    bank_free(&T.dev);
    ann_arena_free(&T.arena);
    return rc;
}

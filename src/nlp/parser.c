/* The dependency parser: greedy arc-hybrid transitions (root at the stack bottom, attached last
 * so every sentence gets exactly one root), labelled moves scored by an averaged perceptron over
 * Zhang & Nivre (2011)-style features, and Goldberg & Nivre's (2013) dynamic-oracle costs. */
#include "nlp/nlp_internal.h"

#include <stdlib.h>
#include <string.h>

void nlp_state_init(nlp_state *s, int n)
{
    size_t k = (size_t)n + 2;
    s->n = n;
    int *mem = ann_xmalloc(sizeof(int) * k * 9);
    s->stack = mem;
    s->head = mem + k;
    s->lab = mem + 2 * k;
    s->l1 = mem + 3 * k;
    s->l2 = mem + 4 * k;
    s->r1 = mem + 5 * k;
    s->r2 = mem + 6 * k;
    s->nl = mem + 7 * k;
    s->nr = mem + 8 * k;
    for (size_t i = 0; i < k; i++) {
        s->head[i] = s->lab[i] = s->l1[i] = s->l2[i] = s->r1[i] = s->r2[i] = -1;
        s->nl[i] = s->nr[i] = 0;
    }
    s->lset = ann_xcalloc(k * 2, sizeof(uint64_t));
    s->rset = s->lset + k;
    s->stack[0] = 0;
    s->sp = 1;
    s->b = 1;
}

void nlp_state_free(nlp_state *s)
{
    free(s->stack);
    free(s->lset);
}

int nlp_state_final(const nlp_state *s) { return s->b > s->n && s->sp == 1; }

int nlp_trans_valid(const nlp_state *s, int t, int root_label)
{
    if (t == NLP_SHIFT) return s->b <= s->n;
    int l = (t - 1) / 2;
    if (t & 1) /* LEFT: b0 takes s0 */
        return s->sp >= 2 && s->b <= s->n && l != root_label;
    /* RIGHT: s1 takes s0; the root takes its one dependent only at the very end. */
    if (s->sp < 2) return 0;
    if (s->stack[s->sp - 2] == 0) return s->b > s->n && s->sp == 2 && l == root_label;
    return l != root_label;
}

static void attach(nlp_state *s, int h, int d, int l)
{
    s->head[d] = h;
    s->lab[d] = l;
    if (d < h) { /* arc-hybrid adds left dependents right to left */
        s->l2[h] = s->l1[h];
        s->l1[h] = d;
        s->nl[h]++;
        s->lset[h] |= 1ull << (l & 63);
    } else {     /* and right dependents left to right */
        s->r2[h] = s->r1[h];
        s->r1[h] = d;
        s->nr[h]++;
        s->rset[h] |= 1ull << (l & 63);
    }
}

void nlp_trans_apply(nlp_state *s, int t)
{
    if (t == NLP_SHIFT) {
        s->stack[s->sp++] = s->b++;
        return;
    }
    int l = (t - 1) / 2;
    int s0 = s->stack[--s->sp];
    if (t & 1) attach(s, s->b, s0, l);
    else attach(s, s->stack[s->sp - 1], s0, l);
}

int nlp_trans_cost(const nlp_state *s, int t, const int *gh, const int *gl)
{
    int c = 0, n = s->n;
    if (t == NLP_SHIFT) {
        int b = s->b, s0 = s->stack[s->sp - 1];
        for (int i = 0; i < s->sp; i++) {
            int k = s->stack[i];
            if (k != s0 && gh[b] == k) c++;
            if (k && gh[k] == b) c++;
        }
        return c;
    }
    int l = (t - 1) / 2;
    int s0 = s->stack[s->sp - 1];
    for (int d = s->b; d <= n; d++) c += gh[d] == s0;
    if (t & 1) {
        if (s->sp >= 2 && gh[s0] == s->stack[s->sp - 2]) c++;
        if (gh[s0] > s->b) c++;
        if (gh[s0] == s->b && gl[s0] != l) c++;
    } else {
        int s1 = s->stack[s->sp - 2];
        if (gh[s0] >= s->b) c++;
        if (gh[s0] == s1 && gl[s0] != l) c++;
    }
    return c;
}

/* ---- features ---- */

#define NOW 0xfffffff3u   /* no word at this position */
#define NOT 255u          /* no tag / label */

int nlp_parser_features(const nlp_state *s, const uint32_t *word, const uint8_t *tag, const uint8_t *coarse,
                        uint32_t *f)
{
    int sp = s->sp, n = s->n;
    int s0 = sp >= 1 ? s->stack[sp - 1] : -1;
    int s1 = sp >= 2 ? s->stack[sp - 2] : -1;
    int s2 = sp >= 3 ? s->stack[sp - 3] : -1;
    int b0 = s->b <= n ? s->b : -1;
    int b1 = s->b + 1 <= n ? s->b + 1 : -1;
    int b2 = s->b + 2 <= n ? s->b + 2 : -1;
#define W(x) ((x) < 0 ? NOW : word[x])
#define P(x) ((x) < 0 ? NOT : (uint32_t)tag[x])
#define L(x) ((x) < 0 ? NOT : (uint32_t)s->lab[x])
#define C(a, x) ((x) < 0 ? -1 : s->a[x])
    int s0l1 = C(l1, s0), s0l2 = C(l2, s0), s0r1 = C(r1, s0), s0r2 = C(r2, s0);
    int s1l1 = C(l1, s1), s1r1 = C(r1, s1), s1r2 = C(r2, s1);
    int b0l1 = C(l1, b0), b0l2 = C(l2, b0);
    uint32_t s0w = W(s0), s0p = P(s0), s1w = W(s1), s1p = P(s1), s2w = W(s2), s2p = P(s2);
    uint32_t b0w = W(b0), b0p = P(b0), b1w = W(b1), b1p = P(b1), b2w = W(b2), b2p = P(b2);
    uint32_t d = 0, d1 = 0;
    if (s0 >= 0 && b0 >= 0) {
        int x = b0 - s0;
        d = x < 5 ? (uint32_t)x : x < 10 ? 5u : 6u;
    }
    if (s0 >= 0 && s1 >= 0) {
        int x = s0 - s1;
        d1 = x < 5 ? (uint32_t)x : x < 10 ? 5u : 6u;
    }
    uint32_t s0vl = s0 >= 0 ? (uint32_t)s->nl[s0] : 99, s0vr = s0 >= 0 ? (uint32_t)s->nr[s0] : 99;
    uint32_t b0vl = b0 >= 0 ? (uint32_t)s->nl[b0] : 99;
    uint32_t s1vl = s1 >= 0 ? (uint32_t)s->nl[s1] : 99, s1vr = s1 >= 0 ? (uint32_t)s->nr[s1] : 99;
    uint64_t s0sl = s0 >= 0 ? s->lset[s0] : 1, s0sr = s0 >= 0 ? s->rset[s0] : 1;
    uint64_t b0sl = b0 >= 0 ? s->lset[b0] : 1;
    uint32_t s0sl32 = (uint32_t)(s0sl ^ (s0sl >> 32)), s0sr32 = (uint32_t)(s0sr ^ (s0sr >> 32));
    uint32_t b0sl32 = (uint32_t)(b0sl ^ (b0sl >> 32));
    uint32_t s0wp = nlp_mix(s0w, s0p), b0wp = nlp_mix(b0w, b0p), s1wp = nlp_mix(s1w, s1p);
    int k = 0;
    uint32_t t = 100;
    /* single positions */
    f[k++] = nlp_f1(t++, s0w); f[k++] = nlp_f1(t++, s0p); f[k++] = nlp_f1(t++, s0wp);
    f[k++] = nlp_f1(t++, s1w); f[k++] = nlp_f1(t++, s1p); f[k++] = nlp_f1(t++, s1wp);
    f[k++] = nlp_f1(t++, s2w); f[k++] = nlp_f1(t++, s2p);
    f[k++] = nlp_f1(t++, b0w); f[k++] = nlp_f1(t++, b0p); f[k++] = nlp_f1(t++, b0wp);
    f[k++] = nlp_f1(t++, b1w); f[k++] = nlp_f1(t++, b1p); f[k++] = nlp_f2(t++, b1w, b1p);
    f[k++] = nlp_f1(t++, b2w); f[k++] = nlp_f1(t++, b2p);
    /* children */
    f[k++] = nlp_f1(t++, W(s0l1)); f[k++] = nlp_f1(t++, P(s0l1)); f[k++] = nlp_f1(t++, L(s0l1));
    f[k++] = nlp_f1(t++, W(s0r1)); f[k++] = nlp_f1(t++, P(s0r1)); f[k++] = nlp_f1(t++, L(s0r1));
    f[k++] = nlp_f1(t++, W(b0l1)); f[k++] = nlp_f1(t++, P(b0l1)); f[k++] = nlp_f1(t++, L(b0l1));
    f[k++] = nlp_f1(t++, P(s0l2)); f[k++] = nlp_f1(t++, L(s0l2));
    f[k++] = nlp_f1(t++, P(s0r2)); f[k++] = nlp_f1(t++, L(s0r2));
    f[k++] = nlp_f1(t++, P(b0l2)); f[k++] = nlp_f1(t++, L(b0l2));
    f[k++] = nlp_f1(t++, P(s1l1)); f[k++] = nlp_f1(t++, L(s1l1));
    f[k++] = nlp_f1(t++, P(s1r1)); f[k++] = nlp_f1(t++, L(s1r1));
    f[k++] = nlp_f1(t++, W(s1r1)); f[k++] = nlp_f1(t++, W(s1l1));
    /* pairs */
    f[k++] = nlp_f2(t++, s0wp, b0wp); f[k++] = nlp_f2(t++, s0wp, b0w); f[k++] = nlp_f2(t++, s0w, b0wp);
    f[k++] = nlp_f2(t++, s0wp, b0p); f[k++] = nlp_f2(t++, s0p, b0wp); f[k++] = nlp_f2(t++, s0w, b0w);
    f[k++] = nlp_f2(t++, s0p, b0p); f[k++] = nlp_f2(t++, b0p, b1p);
    f[k++] = nlp_f2(t++, s1p, s0p); f[k++] = nlp_f2(t++, s1w, s0w); f[k++] = nlp_f2(t++, s1wp, s0p);
    f[k++] = nlp_f2(t++, s1p, s0wp); f[k++] = nlp_f2(t++, s1wp, s0wp);
    f[k++] = nlp_f2(t++, s1w, b0w); f[k++] = nlp_f2(t++, s1p, b0p); f[k++] = nlp_f2(t++, s1wp, b0wp);
    /* triples */
    f[k++] = nlp_f3(t++, b0p, b1p, b2p); f[k++] = nlp_f3(t++, s0p, b0p, b1p);
    f[k++] = nlp_f3(t++, s1p, s0p, b0p); f[k++] = nlp_f3(t++, s0p, P(s0l1), b0p);
    f[k++] = nlp_f3(t++, s0p, P(s0r1), b0p); f[k++] = nlp_f3(t++, s0p, b0p, P(b0l1));
    f[k++] = nlp_f3(t++, s1p, s0p, P(s0l1)); f[k++] = nlp_f3(t++, s1p, P(s1r1), s0p);
    f[k++] = nlp_f3(t++, s2p, s1p, s0p); f[k++] = nlp_f3(t++, s0p, P(s0l1), P(s0l2));
    f[k++] = nlp_f3(t++, s0p, P(s0r1), P(s0r2)); f[k++] = nlp_f3(t++, b0p, P(b0l1), P(b0l2));
    f[k++] = nlp_f3(t++, s1p, P(s1l1), s0p); f[k++] = nlp_f3(t++, s1p, P(s1r1), P(s1r2));
    f[k++] = nlp_f3(t++, s1p, s0p, b1p); f[k++] = nlp_f3(t++, s1w, s0p, b0p);
    f[k++] = nlp_f3(t++, s1p, s0w, b0p); f[k++] = nlp_f3(t++, s1p, s0p, b0w);
    f[k++] = nlp_f3(t++, s0p, L(s0l1), b0p); f[k++] = nlp_f3(t++, s0p, L(s0r1), b0p);
    f[k++] = nlp_f3(t++, s1p, L(s1r1), s0p);
    /* distance */
    f[k++] = nlp_f2(t++, s0w, d); f[k++] = nlp_f2(t++, s0p, d); f[k++] = nlp_f2(t++, b0w, d);
    f[k++] = nlp_f2(t++, b0p, d); f[k++] = nlp_f3(t++, s0w, b0w, d); f[k++] = nlp_f3(t++, s0p, b0p, d);
    f[k++] = nlp_f3(t++, s1p, s0p, d1); f[k++] = nlp_f3(t++, s1w, s0w, d1);
    /* valency */
    f[k++] = nlp_f2(t++, s0w, s0vr); f[k++] = nlp_f2(t++, s0p, s0vr); f[k++] = nlp_f2(t++, s0w, s0vl);
    f[k++] = nlp_f2(t++, s0p, s0vl); f[k++] = nlp_f2(t++, b0w, b0vl); f[k++] = nlp_f2(t++, b0p, b0vl);
    f[k++] = nlp_f2(t++, s1p, s1vr); f[k++] = nlp_f2(t++, s1p, s1vl);
    /* label sets */
    f[k++] = nlp_f2(t++, s0w, s0sr32); f[k++] = nlp_f2(t++, s0p, s0sr32); f[k++] = nlp_f2(t++, s0w, s0sl32);
    f[k++] = nlp_f2(t++, s0p, s0sl32); f[k++] = nlp_f2(t++, b0w, b0sl32); f[k++] = nlp_f2(t++, b0p, b0sl32);
    /* coarse tags */
#define U(x) ((x) < 0 ? NOT : (uint32_t)coarse[tag[x]])
    uint32_t s0u = U(s0), s1u = U(s1), b0u = U(b0), b1u = U(b1), s2u = U(s2);
    f[k++] = nlp_f2(t++, s0u, b0u); f[k++] = nlp_f3(t++, s1u, s0u, b0u); f[k++] = nlp_f3(t++, s0u, b0u, b1u);
    f[k++] = nlp_f2(t++, s0w, b0u); f[k++] = nlp_f2(t++, s0u, b0w); f[k++] = nlp_f3(t++, s2u, s1u, s0u);
    f[k++] = nlp_f3(t++, s0u, U(s0l1), b0u); f[k++] = nlp_f3(t++, s0u, U(s0r1), b0u);
    f[k++] = nlp_f3(t++, s0u, b0u, d); f[k++] = nlp_f3(t++, s1u, s0u, d1);
#undef U
#undef W
#undef P
#undef L
#undef C
    return k;
}

void nlp_parse_sentence(const ann_model *m, int n, const uint32_t *word, const uint8_t *tag, int *head,
                        int *lab)
{
    nlp_state s;
    nlp_state_init(&s, n);
    uint32_t f[NLP_PARSE_NFEAT];
    int32_t sc[NLP_MAX_CLASSES + 1];
    while (!nlp_state_final(&s)) {
        /* Forced moves need no scoring: the first SHIFT, and the root taking the last word. */
        if (s.sp == 1) {
            nlp_trans_apply(&s, NLP_SHIFT);
            continue;
        }
        if (s.sp == 2 && s.b > n) {
            nlp_trans_apply(&s, nlp_right(m->root_label));
            continue;
        }
        int nf = nlp_parser_features(&s, word, tag, m->coarse, f);
        memset(sc, 0, sizeof sc);
        nlp_table_score(&m->parser, f, nf, sc);
        int best = -1;
        int can_shift = nlp_trans_valid(&s, NLP_SHIFT, m->root_label);
        int can_left = s.sp >= 2 && s.b <= n;
        int can_right = s.sp >= 2;
        int right_root_only = s.sp >= 2 && s.stack[s.sp - 2] == 0;
        if (right_root_only && !(s.b > n && s.sp == 2)) can_right = 0;
        if (can_shift) best = NLP_SHIFT;
        for (int l = 0; l < m->nlabel; l++) {
            if (l == m->root_label) continue;
            if (can_left && (best < 0 || sc[nlp_left(l)] > sc[best])) best = nlp_left(l);
            if (can_right && !right_root_only && (best < 0 || sc[nlp_right(l)] > sc[best])) best = nlp_right(l);
        }
        if (can_right && right_root_only) best = nlp_right(m->root_label);
        nlp_trans_apply(&s, best);
    }
    for (int i = 1; i <= n; i++) {
        head[i] = s.head[i];
        lab[i] = s.lab[i];
    }
    nlp_state_free(&s);
}

/* ---- projectivization by lifting ---- */

static int dominates(const int *head, int n, int h, int k)
{
    for (int steps = 0; k > 0 && steps <= n; steps++) {
        if (k == h) return 1;
        k = head[k];
    }
    return h == 0;
}

int nlp_projectivize(int n, int *head)
{
    int lifts = 0;
    for (;;) {
        int best = -1, bestlen = 1 << 30;
        for (int d = 1; d <= n; d++) {
            int h = head[d];
            int a = h < d ? h : d, z = h < d ? d : h;
            if (z - a >= bestlen) continue;
            for (int k = a + 1; k < z; k++)
                if (!dominates(head, n, h, k)) {
                    best = d;
                    bestlen = z - a;
                    break;
                }
        }
        if (best < 0 || head[best] == 0 || lifts > 4 * n) return lifts;
        head[best] = head[head[best]];
        lifts++;
    }
}

/* ---- the public entry point ---- */

int ann_nlp_parse(const ann_model *m, ann_doc *d, ann_err *err)
{
    for (int si = 0; si < d->nsent; si++) {
        ann_sentence *s = &d->sent[si];
        int n = s->ntok;
        if (!n) continue;
        uint32_t *word = ann_xmalloc(sizeof *word * (size_t)(n + 1));
        uint8_t *tag = ann_xmalloc((size_t)n + 1);
        int *head = ann_xmalloc(sizeof *head * (size_t)(n + 1) * 2);
        int *lab = head + n + 1;
        word[0] = 0xfffffff4u;
        tag[0] = 254;
        for (int i = 0; i < n; i++) {
            const ann_token *t = &s->tok[i];
            word[i + 1] = nlp_word_id(t->form ? t->form : "");
            /* Tags come from this model's tag set; an unknown pair (CoNLL-U input tagged by
             * something else) counts as "no tag". */
            int id = 253;
            for (int k = 0; k < m->ntag; k++)
                if (t->upos == m->upos[k] && t->xpos == m->xpos[k]) { id = k; break; }
            if (id == 253 && t->upos && t->xpos)
                for (int k = 0; k < m->ntag; k++)
                    if (!strcmp(t->upos, m->upos[k]) && !strcmp(t->xpos, m->xpos[k])) { id = k; break; }
            tag[i + 1] = (uint8_t)id;
        }
        nlp_parse_sentence(m, n, word, tag, head, lab);
        for (int i = 0; i < n; i++) {
            s->tok[i].head = head[i + 1];
            /* A damaged model (whose checksum was forged) can yield label ids outside its
             * label set; such an arc gets the generic "dep" rather than a wild read. */
            int l = lab[i + 1];
            s->tok[i].deprel = l >= 0 && l < m->nlabel ? m->label[l] : "dep";
            s->tok[i].deps = NULL;
        }
        free(word);
        free(tag);
        free(head);
    }
    (void)err;
    return 0;
}

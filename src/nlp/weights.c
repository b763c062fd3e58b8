/* Weight tables for the tagger and parser: the averaged perceptron used in training, and the
 * compact quantized sparse table the shipped model holds. */
#include "nlp/nlp_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

/* Zeroed memory for the big scoring tables, on 2 MB boundaries and with transparent huge pages
 * asked for: lookups are random, and with 4 KB pages nearly each one would miss the TLB. */
static void *big_alloc(size_t n)
{
    void *p = NULL;
    size_t align = (size_t)2 << 20;
    if (n < align || posix_memalign(&p, align, (n + align - 1) / align * align) != 0) return ann_xcalloc(1, n);
#ifdef MADV_HUGEPAGE
    madvise(p, (n + align - 1) / align * align, MADV_HUGEPAGE);   /* before the pages are touched */
#endif
    memset(p, 0, n);
    return p;
}

uint32_t nlp_str_hash(const char *s, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 16777619u;
    }
    return nlp_fin(h);
}

/* ---- runtime table ---- */

void nlp_table_index(nlp_table *t)
{
    t->ent = big_alloc(sizeof *t->ent * (t->nent + 1));
    for (uint32_t i = 0; i < t->nent; i++) t->ent[i] = (uint32_t)(uint16_t)t->w[i] | (uint32_t)t->cls[i] << 16;
    uint32_t size = 1024;
    while (size < t->nfeat + t->nfeat / 2) size <<= 1;
    t->mask = size - 1;
    t->slot = big_alloc(sizeof *t->slot * size);
    t->ncp = (t->nclass + 15) & ~15;
    uint32_t ndense = 0;
    for (uint32_t i = 0; i < t->nfeat; i++) ndense += t->cnt[i] * 4 >= t->nclass || t->cnt[i] >= NLP_DENSE;
    t->dense = big_alloc(((size_t)ndense * (size_t)t->ncp + 1) * sizeof *t->dense);
    uint32_t off = 0, d = 0;
    for (uint32_t i = 0; i < t->nfeat; i++) {
        uint32_t h = t->keys[i] & t->mask;
        while (t->slot[h].key) h = (h + 1) & t->mask;
        if (t->cnt[i] * 4 >= t->nclass || t->cnt[i] >= NLP_DENSE) {
            int16_t *row = t->dense + (size_t)d * (size_t)t->ncp;
            for (uint32_t a = off; a < off + t->cnt[i]; a++) row[t->cls[a]] = t->w[a];
            t->slot[h] = (struct nlp_slot){t->keys[i], d << 6 | NLP_DENSE};
            d++;
        } else {
            t->slot[h] = (struct nlp_slot){t->keys[i], off << 6 | t->cnt[i]};
        }
        off += t->cnt[i];
    }
}

/* Three passes so the memory loads of all features are in flight at once: prefetch the slots,
 * find them (prefetching their entries), then add. */
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
__attribute__((target_clones("avx2", "default")))   /* wider adds of dense rows where available */
#endif
void nlp_table_score(const nlp_table *t, const uint32_t *f, int n, int32_t *scores)
{
    const struct nlp_slot *found[NLP_TABLE_MAXF];
    if (n > NLP_TABLE_MAXF) n = NLP_TABLE_MAXF;
    for (int k = 0; k < n; k++) __builtin_prefetch(&t->slot[f[k] & t->mask]);
    int nf = 0;
    for (int k = 0; k < n; k++) {
        uint32_t key = f[k], h = key & t->mask;
        const struct nlp_slot *s;
        while ((s = &t->slot[h])->key) {
            if (s->key == key) {
                uint32_t o = s->val >> 6;
                __builtin_prefetch((s->val & 63) == NLP_DENSE ? (const void *)&t->dense[(size_t)o * (size_t)t->ncp]
                                                             : &t->ent[o]);
                found[nf++] = s;
                break;
            }
            h = (h + 1) & t->mask;
        }
    }
    int ncp = t->ncp;
    for (int k = 0; k < nf; k++) {
        uint32_t o = found[k]->val >> 6, nc = found[k]->val & 63;
        if (nc == NLP_DENSE) {
            const int16_t *r = t->dense + (size_t)o * (size_t)ncp;
            for (int c = 0; c < ncp; c += 16)
                for (int j = 0; j < 16; j++) scores[c + j] += r[c + j];
            continue;
        }
        const uint32_t *e = t->ent + o, *z = e + nc;
        for (; e < z; e++) scores[*e >> 16] += (int16_t)(uint16_t)*e;
    }
}

void nlp_table_free(nlp_table *t)
{
    free(t->ent);
    free(t->slot);
    free(t->dense);
    t->dense = NULL;
    /* keys/cnt/cls/w belong to whoever filled them (export or load). */
    t->ent = NULL;
    t->slot = NULL;
}

/* ---- training perceptron ---- */

void nlp_percep_init(nlp_percep *p, int nclass)
{
    memset(p, 0, sizeof *p);
    p->nclass = nclass;
    p->cap = 1u << 16;
    p->mask = (1u << 17) - 1;
    p->slot = ann_xcalloc(p->mask + 1, sizeof *p->slot);
    p->feat = ann_xmalloc(sizeof *p->feat * p->cap);
    p->c = 1;
}

void nlp_percep_free(nlp_percep *p)
{
    for (uint32_t i = 0; i < p->nfeat; i++) free(p->feat[i].e);
    free(p->feat);
    free(p->slot);
    memset(p, 0, sizeof *p);
}

static nlp_pfeat *pfind(const nlp_percep *p, uint32_t key)
{
    uint32_t h = key & p->mask, s;
    while ((s = p->slot[h])) {
        if (p->feat[s - 1].key == key) return &p->feat[s - 1];
        h = (h + 1) & p->mask;
    }
    return NULL;
}

static void pgrow(nlp_percep *p)
{
    uint32_t size = (p->mask + 1) * 2;
    free(p->slot);
    p->mask = size - 1;
    p->slot = ann_xcalloc(size, sizeof *p->slot);
    for (uint32_t i = 0; i < p->nfeat; i++) {
        uint32_t h = p->feat[i].key & p->mask;
        while (p->slot[h]) h = (h + 1) & p->mask;
        p->slot[h] = i + 1;
    }
}

static nlp_pfeat *padd(nlp_percep *p, uint32_t key)
{
    nlp_pfeat *f = pfind(p, key);
    if (f) return f;
    if ((p->nfeat + 1) * 2 > p->mask + 1) pgrow(p);
    if (p->nfeat == p->cap) {
        p->cap *= 2;
        p->feat = ann_xrealloc(p->feat, sizeof *p->feat * p->cap);
    }
    uint32_t h = key & p->mask;
    while (p->slot[h]) h = (h + 1) & p->mask;
    p->slot[h] = p->nfeat + 1;
    f = &p->feat[p->nfeat++];
    memset(f, 0, sizeof *f);
    f->key = key;
    return f;
}

void nlp_percep_score(const nlp_percep *p, const uint32_t *f, int n, float *scores)
{
    /* Staged like nlp_table_score: slots, then rows, then their entries, all prefetched. */
    uint32_t idx[NLP_TABLE_MAXF];
    if (n > NLP_TABLE_MAXF) n = NLP_TABLE_MAXF;
    for (int k = 0; k < n; k++) __builtin_prefetch(&p->slot[f[k] & p->mask]);
    int m = 0;
    for (int k = 0; k < n; k++) {
        uint32_t h = f[k] & p->mask, s;
        while ((s = p->slot[h])) {
            if (p->feat[s - 1].key == f[k]) {
                idx[m++] = s - 1;
                break;
            }
            h = (h + 1) & p->mask;
        }
    }
    for (int k = 0; k < m; k++) __builtin_prefetch(p->feat[idx[k]].e);
    for (int k = 0; k < m; k++) {
        const nlp_pfeat *pf = &p->feat[idx[k]];
        for (uint32_t i = 0; i < pf->n; i++) scores[pf->e[i].cls] += pf->e[i].w;
    }
}

static void bump(nlp_percep *p, nlp_pfeat *pf, uint32_t cls, float d)
{
    for (uint32_t i = 0; i < pf->n; i++)
        if (pf->e[i].cls == cls) {
            pf->e[i].w += d;
            pf->e[i].wa += p->c * d;
            return;
        }
    if (pf->n == pf->cap) {
        pf->cap = pf->cap ? pf->cap * 2 : 2;
        pf->e = ann_xrealloc(pf->e, sizeof *pf->e * pf->cap);
    }
    pf->e[pf->n++] = (nlp_pent){cls, d, p->c * d};
}

void nlp_percep_update(nlp_percep *p, const uint32_t *f, int n, int truth, int guess)
{
    if (truth == guess) return;
    for (int k = 0; k < n; k++) {
        nlp_pfeat *pf = padd(p, f[k]);
        bump(p, pf, (uint32_t)truth, 1.0f);
        bump(p, pf, (uint32_t)guess, -1.0f);
    }
}

void nlp_percep_tick(nlp_percep *p) { p->c += 1; }

static int cmp64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/* Averaged weight (Daume's trick): w - wa / c. */
static float avg(const nlp_percep *p, const nlp_pent *e) { return (float)(e->w - e->wa / p->c); }

void nlp_percep_export(const nlp_percep *p, nlp_table *t)
{
    memset(t, 0, sizeof *t);
    t->nclass = p->nclass;
    /* Scale so that the 99.99th percentile of |w| fits int16 with room; outliers clip. */
    size_t ntot = 0;
    for (uint32_t i = 0; i < p->nfeat; i++) ntot += p->feat[i].n;
    float *abs_w = ann_xmalloc(sizeof(float) * (ntot + 1));
    size_t k = 0;
    for (uint32_t i = 0; i < p->nfeat; i++)
        for (uint32_t j = 0; j < p->feat[i].n; j++) abs_w[k++] = fabsf(avg(p, &p->feat[i].e[j]));
    float maxw = 0;
    for (size_t i = 0; i < k; i++)
        if (abs_w[i] > maxw) maxw = abs_w[i];
    free(abs_w);
    if (maxw <= 0) maxw = 1;
    t->scale = maxw / 32000.0f;
    t->keys = ann_xmalloc(sizeof *t->keys * (p->nfeat + 1));
    t->cnt = ann_xmalloc(p->nfeat + 1);
    t->cls = ann_xmalloc(ntot + 1);
    t->w = ann_xmalloc(sizeof *t->w * (ntot + 1));
    /* Features in key order: deterministic files and better compression. */
    uint32_t *ord = ann_xmalloc(sizeof *ord * (p->nfeat + 1));
    for (uint32_t i = 0; i < p->nfeat; i++) ord[i] = i;
    uint64_t *pairs = ann_xmalloc(sizeof *pairs * (p->nfeat + 1));
    for (uint32_t i = 0; i < p->nfeat; i++) pairs[i] = ((uint64_t)p->feat[i].key << 32) | i;
    qsort(pairs, p->nfeat, sizeof *pairs, cmp64);
    for (uint32_t i = 0; i < p->nfeat; i++) ord[i] = (uint32_t)pairs[i];
    free(pairs);
    uint32_t nf = 0, ne = 0;
    for (uint32_t oi = 0; oi < p->nfeat; oi++) {
        const nlp_pfeat *pf = &p->feat[ord[oi]];
        uint32_t here = 0;
        /* Entries in class order. */
        int16_t q[NLP_MAX_CLASSES + 1];
        uint8_t has[NLP_MAX_CLASSES + 1];
        memset(has, 0, sizeof has);
        for (uint32_t j = 0; j < pf->n; j++) {
            float v = avg(p, &pf->e[j]) / t->scale;
            long r = lrintf(v);
            if (r > 32767) r = 32767;
            if (r < -32767) r = -32767;
            if (r == 0) continue;
            q[pf->e[j].cls] = (int16_t)r;
            has[pf->e[j].cls] = 1;
        }
        for (int c = 0; c < p->nclass; c++)
            if (has[c]) {
                t->cls[ne] = (uint8_t)c;
                t->w[ne] = q[c];
                ne++;
                here++;
            }
        if (!here) continue;
        t->keys[nf] = pf->key;
        t->cnt[nf] = (uint8_t)here;
        nf++;
    }
    free(ord);
    t->nfeat = nf;
    t->nent = ne;
    nlp_table_index(t);
}


void nlp_table_prune(nlp_table *t, float min_abs)
{
    float lim = min_abs / t->scale;
    uint32_t nf = 0, ne = 0, a = 0;
    for (uint32_t i = 0; i < t->nfeat; i++) {
        uint32_t here = 0;
        for (uint32_t e = a + t->cnt[i]; a < e; a++)
            if (abs(t->w[a]) >= lim) {
                t->cls[ne] = t->cls[a];
                t->w[ne] = t->w[a];
                ne++;
                here++;
            }
        if (!here) continue;
        t->keys[nf] = t->keys[i];
        t->cnt[nf] = (uint8_t)here;
        nf++;
    }
    t->nfeat = nf;
    t->nent = ne;
    nlp_table_free(t);
    nlp_table_index(t);
}

/* The model file: writing, checked loading, and the lookups (lexicon, sorted maps) over it.
 *
 * Format (all integers little-endian):
 *   header, 40 bytes:
 *     0  magic   "ANNLPMDL"
 *     8  u32     format version (NLP_MODEL_VERSION)
 *     12 u32     reserved, 0
 *     16 u64     payload length (uncompressed)
 *     24 u64     compressed length (the file is exactly 40 + this)
 *     32 u64     checksum: 64-bit FNV-1a (ann_hash64, seed 0) of the compressed bytes
 *   payload, one zstd frame (with zstd's own content checksum), holding in order:
 *     tag set     u32 n; n x (str upos, str xpos, str most frequent FEATS)
 *     labels      u32 n; n x str; u32 id of "root"
 *     tagger      table (below)      tagger2 table (second pass)      parser  table
 *     lexicon     u32 n; n x (str form, u8 tag, str lemma, str feats)
 *     mft         u32 n; n x (u32 lowercase-word hash, u32 tag)   sorted by hash
 *     tag dict    u32 n; n x (u32 form hash, u32 tag)             sorted by hash
 *     rules       u32 n; n x (u8 lowercase?, u8 bytes to strip, str to append)
 *     suffixes    u32 n; n x (u32 hash(tag, suffix), u32 rule)    sorted by hash
 *   str = u32 length, bytes, NUL.
 *   table = u32 classes, f32 scale, u32 features, u32 entries, u32 keys[features],
 *           u8 counts[features], u8 class[entries], i16 weight[entries]
 *           (a feature's entries follow its predecessors' in key order). */
#include "nlp/nlp_internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zstd.h>

#define NLP_MODEL_VERSION 1u
#define NLP_HEADER 40
static const char magic[8] = {'A', 'N', 'N', 'L', 'P', 'M', 'D', 'L'};
#define MODEL_FILE "en_ud.annm"

char *ann_model_default_path(void) { return ann_data_path("models/" MODEL_FILE); }

/* ---- writing ---- */

static void put_u32(ann_buf *b, uint32_t v)
{
    unsigned char c[4] = {(unsigned char)v, (unsigned char)(v >> 8), (unsigned char)(v >> 16),
                          (unsigned char)(v >> 24)};
    ann_buf_add(b, (const char *)c, 4);
}
static void put_u64(ann_buf *b, uint64_t v)
{
    put_u32(b, (uint32_t)v);
    put_u32(b, (uint32_t)(v >> 32));
}
static void put_str(ann_buf *b, const char *s)
{
    if (!s) s = "";
    size_t n = strlen(s);
    put_u32(b, (uint32_t)n);
    ann_buf_add(b, s, n + 1);
}
static void put_table(ann_buf *b, const nlp_table *t)
{
    put_u32(b, (uint32_t)t->nclass);
    uint32_t sc;
    memcpy(&sc, &t->scale, 4);
    put_u32(b, sc);
    put_u32(b, t->nfeat);
    put_u32(b, t->nent);
    for (uint32_t i = 0; i < t->nfeat; i++) put_u32(b, t->keys[i]);
    if (t->nfeat) ann_buf_add(b, (const char *)t->cnt, t->nfeat);   /* empty tables have no arrays */
    if (t->nent) ann_buf_add(b, (const char *)t->cls, t->nent);
    for (uint32_t i = 0; i < t->nent; i++) {
        uint16_t v = (uint16_t)t->w[i];
        char c[2] = {(char)(v & 0xff), (char)(v >> 8)};
        ann_buf_add(b, c, 2);
    }
}
static void put_kv(ann_buf *b, const nlp_kv *kv, uint32_t n)
{
    put_u32(b, n);
    for (uint32_t i = 0; i < n; i++) {
        put_u32(b, kv[i].key);
        put_u32(b, kv[i].val);
    }
}

int nlp_model_save(const ann_model *m, const char *path, ann_err *err)
{
    ann_buf p = {0};
    put_u32(&p, (uint32_t)m->ntag);
    for (int i = 0; i < m->ntag; i++) {
        put_str(&p, m->upos[i]);
        put_str(&p, m->xpos[i]);
        put_str(&p, m->tag_feats[i]);
    }
    put_u32(&p, (uint32_t)m->nlabel);
    for (int i = 0; i < m->nlabel; i++) put_str(&p, m->label[i]);
    put_u32(&p, (uint32_t)m->root_label);
    put_table(&p, &m->tagger);
    put_table(&p, &m->tagger2);
    put_table(&p, &m->parser);
    put_u32(&p, m->nlex);
    for (uint32_t i = 0; i < m->nlex; i++) {
        put_str(&p, m->lex[i].form);
        ann_buf_putc(&p, (char)m->lex[i].tag);
        put_str(&p, m->lex[i].lemma);
        put_str(&p, m->lex[i].feats);
    }
    put_kv(&p, m->mft, m->nmft);
    put_kv(&p, m->tagdict, m->ntagdict);
    put_u32(&p, m->nrule);
    for (uint32_t i = 0; i < m->nrule; i++) {
        ann_buf_putc(&p, (char)m->rule[i].lower);
        ann_buf_putc(&p, (char)m->rule[i].strip);
        put_str(&p, m->rule[i].add);
    }
    put_kv(&p, m->suf, m->nsuf);

    size_t bound = ZSTD_compressBound(p.len);
    char *z = ann_xmalloc(bound);
    ZSTD_CCtx *cc = ZSTD_createCCtx();
    /* The strongest level pays for the shipped model's size; small (test) models need speed. */
    ZSTD_CCtx_setParameter(cc, ZSTD_c_compressionLevel, p.len > ((size_t)16 << 20) ? 12 : 3);
    ZSTD_CCtx_setParameter(cc, ZSTD_c_checksumFlag, 1);
    size_t zn = ZSTD_compress2(cc, z, bound, p.s, p.len);
    ZSTD_freeCCtx(cc);
    if (ZSTD_isError(zn)) {
        ann_err_set(err, 1, "%s: compressing the model failed: %s", path, ZSTD_getErrorName(zn));
        free(z);
        ann_buf_free(&p);
        return -1;
    }
    ann_buf h = {0};
    ann_buf_add(&h, magic, 8);
    put_u32(&h, NLP_MODEL_VERSION);
    put_u32(&h, 0);
    put_u64(&h, p.len);
    put_u64(&h, zn);
    put_u64(&h, ann_hash64(z, zn, 0));
    ann_buf_free(&p);
    FILE *f = fopen(path, "wb");
    int ok = f && fwrite(h.s, 1, h.len, f) == h.len && fwrite(z, 1, zn, f) == zn;
    if (f && fclose(f) != 0) ok = 0;
    if (!ok) ann_err_set(err, 1, "%s: cannot write the model: %s", path, strerror(errno));
    ann_buf_free(&h);
    free(z);
    return ok ? 0 : -1;
}

/* ---- reading ---- */

typedef struct cur {
    const char *p;
    size_t n, pos;
    const char *what;   /* first problem, or NULL */
} cur;

static int need(cur *c, size_t k, const char *what)
{
    if (c->what) return 0;
    if (k > c->n - c->pos) {
        c->what = what;
        return 0;
    }
    return 1;
}
static uint32_t get_u32(cur *c, const char *what)
{
    if (!need(c, 4, what)) return 0;
    const unsigned char *s = (const unsigned char *)c->p + c->pos;
    c->pos += 4;
    return s[0] | (uint32_t)s[1] << 8 | (uint32_t)s[2] << 16 | (uint32_t)s[3] << 24;
}
static uint8_t get_u8(cur *c, const char *what)
{
    if (!need(c, 1, what)) return 0;
    return (uint8_t)c->p[c->pos++];
}
static const char *get_str(cur *c, const char *what)
{
    uint32_t n = get_u32(c, what);
    if (!need(c, (size_t)n + 1, what)) return "";
    const char *s = c->p + c->pos;
    if (s[n] != 0 || memchr(s, 0, n)) {
        c->what = what;
        return "";
    }
    c->pos += (size_t)n + 1;
    return s;
}
/* A count of items each at least `min` bytes: refuse counts the remaining bytes cannot hold. */
static uint32_t get_count(cur *c, size_t min, const char *what)
{
    uint32_t n = get_u32(c, what);
    if (!c->what && (size_t)n * min > c->n - c->pos) {
        c->what = what;
        return 0;
    }
    return n;
}
static void get_table(cur *c, nlp_table *t, int nclass, const char *what)
{
    memset(t, 0, sizeof *t);
    t->nclass = (int)get_u32(c, what);
    uint32_t sc = get_u32(c, what);
    memcpy(&t->scale, &sc, 4);
    t->nfeat = get_count(c, 5, what);
    t->nent = get_count(c, 3, what);
    if (!c->what && t->nclass != nclass) c->what = what;
    if (!need(c, (size_t)t->nfeat * 5 + (size_t)t->nent * 3, what)) {
        t->nfeat = t->nent = 0;
    }
    t->keys = ann_xmalloc(sizeof *t->keys * (t->nfeat + 1));
    t->cnt = ann_xmalloc(t->nfeat + 1);
    t->cls = ann_xmalloc(t->nent + 1);
    t->w = ann_xmalloc(sizeof *t->w * (t->nent + 1));
    if (c->what) {
        t->nfeat = t->nent = 0;
        return;
    }
    for (uint32_t i = 0; i < t->nfeat; i++) t->keys[i] = get_u32(c, what);
    memcpy(t->cnt, c->p + c->pos, t->nfeat);
    c->pos += t->nfeat;
    memcpy(t->cls, c->p + c->pos, t->nent);
    c->pos += t->nent;
    const unsigned char *s = (const unsigned char *)c->p + c->pos;
    for (uint32_t i = 0; i < t->nent; i++) t->w[i] = (int16_t)(uint16_t)(s[2 * i] | s[2 * i + 1] << 8);
    c->pos += (size_t)t->nent * 2;
    uint64_t sum = 0;
    for (uint32_t i = 0; i < t->nfeat; i++) sum += t->cnt[i];
    int ok = sum == t->nent;
    for (uint32_t i = 0; ok && i < t->nent; i++) ok = t->cls[i] < nclass;
    for (uint32_t i = 0; ok && i < t->nfeat; i++) ok = t->keys[i] != 0;
    if (!ok) {
        c->what = what;
        t->nfeat = t->nent = 0;
        return;
    }
    nlp_table_index(t);
}
static nlp_kv *get_kv(cur *c, uint32_t *n, uint32_t maxval, const char *what)
{
    *n = get_count(c, 8, what);
    nlp_kv *kv = ann_xmalloc(sizeof *kv * (*n + 1));
    for (uint32_t i = 0; i < *n && !c->what; i++) {
        kv[i].key = get_u32(c, what);
        kv[i].val = get_u32(c, what);
        if (kv[i].val >= maxval || (i && kv[i].key <= kv[i - 1].key)) c->what = what;
    }
    return kv;
}

int nlp_model_from_payload(ann_model *m, const char *name, ann_err *err)
{
    cur c = {m->payload, m->payload_len, 0, NULL};
    m->ntag = (int)get_count(&c, 15, "tag set");
    if (!c.what && (m->ntag < 1 || m->ntag > NLP_MAX_CLASSES)) c.what = "tag set";
    m->upos = ann_xcalloc((size_t)m->ntag + 1, sizeof *m->upos);
    m->xpos = ann_xcalloc((size_t)m->ntag + 1, sizeof *m->xpos);
    m->tag_feats = ann_xcalloc((size_t)m->ntag + 1, sizeof *m->tag_feats);
    for (int i = 0; i < m->ntag && !c.what; i++) {
        m->upos[i] = get_str(&c, "tag set");
        m->xpos[i] = get_str(&c, "tag set");
        m->tag_feats[i] = get_str(&c, "tag set");
    }
    m->nlabel = (int)get_count(&c, 5, "labels");
    if (!c.what && (m->nlabel < 1 || 1 + 2 * m->nlabel > NLP_MAX_CLASSES)) c.what = "labels";
    m->label = ann_xcalloc((size_t)m->nlabel + 1, sizeof *m->label);
    for (int i = 0; i < m->nlabel && !c.what; i++) m->label[i] = get_str(&c, "labels");
    m->root_label = (int)get_u32(&c, "labels");
    if (!c.what && m->root_label >= m->nlabel) c.what = "labels";
    m->ntrans = 1 + 2 * m->nlabel;
    get_table(&c, &m->tagger, m->ntag, "tagger weights");
    get_table(&c, &m->tagger2, m->ntag, "second tagger weights");
    get_table(&c, &m->parser, m->ntrans, "parser weights");
    m->nlex = get_count(&c, 16, "lexicon");
    m->lex = ann_xcalloc((size_t)m->nlex + 1, sizeof *m->lex);
    for (uint32_t i = 0; i < m->nlex && !c.what; i++) {
        m->lex[i].form = get_str(&c, "lexicon");
        m->lex[i].tag = get_u8(&c, "lexicon");
        m->lex[i].lemma = get_str(&c, "lexicon");
        m->lex[i].feats = get_str(&c, "lexicon");
        if (!c.what && m->lex[i].tag >= m->ntag) c.what = "lexicon";
    }
    m->mft = get_kv(&c, &m->nmft, (uint32_t)m->ntag, "word tags");
    m->tagdict = get_kv(&c, &m->ntagdict, (uint32_t)m->ntag, "tag dictionary");
    m->nrule = get_count(&c, 7, "lemma rules");
    m->rule = ann_xcalloc((size_t)m->nrule + 1, sizeof *m->rule);
    for (uint32_t i = 0; i < m->nrule && !c.what; i++) {
        m->rule[i].lower = get_u8(&c, "lemma rules");
        m->rule[i].strip = get_u8(&c, "lemma rules");
        m->rule[i].add = get_str(&c, "lemma rules");
    }
    m->suf = get_kv(&c, &m->nsuf, m->nrule, "lemma suffixes");
    if (!c.what && c.pos != c.n) c.what = "trailing bytes";
    if (c.what) {
        ann_err_set(err, 1, "%s: model file is corrupt (bad %s section near payload byte %zu); "
                    "retrain it or restore the shipped model", name, c.what, c.pos);
        return -1;
    }
    nlp_model_index_lex(m);
    nlp_model_coarse(m);
    return 0;
}

void nlp_model_coarse(ann_model *m)
{
    for (int i = 0; i < 256; i++) m->coarse[i] = (uint8_t)i;
    for (int i = 0; i < m->ntag; i++) {
        int c = i;
        for (int j = 0; j < i; j++)
            if (!strcmp(m->upos[i], m->upos[j])) {
                c = m->coarse[j];
                break;
            }
        m->coarse[i] = (uint8_t)c;
    }
}

static uint64_t rd64(const unsigned char *s)
{
    uint64_t v = 0;
    for (int i = 7; i >= 0; i--) v = v << 8 | s[i];
    return v;
}

ann_model *ann_model_load(const char *path, ann_err *err)
{
    if (!path) {
        ann_err_set(err, 1, "no model file: the shipped model data/models/" MODEL_FILE
                    " was not found; set ANNALIST_DATA or pass --model FILE");
        return NULL;
    }
    size_t len;
    ann_err e2;
    char *data = ann_read_file(path, &len, (size_t)1 << 30, &e2);
    if (!data) {
        ann_err_set(err, 1, "cannot read model file %s: %s", path, e2.msg);
        return NULL;
    }
    const unsigned char *h = (const unsigned char *)data;
    ann_model *m = NULL;
    if (len < NLP_HEADER) {
        if (len >= 8 && memcmp(data, magic, 8))
            ann_err_set(err, 1, "%s: not an annalist model file (bad magic number)", path);
        else
            ann_err_set(err, 1, "%s: truncated model file (%zu bytes, the header alone is %d)", path, len,
                        NLP_HEADER);
        goto fail;
    }
    if (memcmp(data, magic, 8)) {
        ann_err_set(err, 1, "%s: not an annalist model file (bad magic number)", path);
        goto fail;
    }
    uint32_t version = h[8] | (uint32_t)h[9] << 8 | (uint32_t)h[10] << 16 | (uint32_t)h[11] << 24;
    if (version != NLP_MODEL_VERSION) {
        ann_err_set(err, 1, "%s: model format version %u, but this annalist reads version %u; "
                    "retrain with 'annalist train' or use the shipped model", path, version,
                    NLP_MODEL_VERSION);
        goto fail;
    }
    uint64_t plen = rd64(h + 16), zlen = rd64(h + 24), sum = rd64(h + 32);
    if (zlen != len - NLP_HEADER) {
        ann_err_set(err, 1, "%s: %s model file (%zu bytes, the header promises %llu)", path,
                    zlen > len - NLP_HEADER ? "truncated" : "oversized", len,
                    (unsigned long long)(zlen + NLP_HEADER));
        goto fail;
    }
    if (ann_hash64(data + NLP_HEADER, zlen, 0) != sum) {
        ann_err_set(err, 1, "%s: model file is corrupt (checksum mismatch); restore or retrain it", path);
        goto fail;
    }
    if (plen > ((uint64_t)1 << 31)) {
        ann_err_set(err, 1, "%s: model file is corrupt (payload length %llu)", path,
                    (unsigned long long)plen);
        goto fail;
    }
    m = ann_xcalloc(1, sizeof *m);
    m->path = ann_xstrdup(path);
    m->payload = ann_xmalloc(plen + 1);
    m->payload_len = plen;
    size_t got = ZSTD_decompress(m->payload, plen, data + NLP_HEADER, zlen);
    if (ZSTD_isError(got) || got != plen) {
        ann_err_set(err, 1, "%s: model file is corrupt (decompression: %s)", path,
                    ZSTD_isError(got) ? ZSTD_getErrorName(got) : "wrong length");
        goto fail;
    }
    if (nlp_model_from_payload(m, path, err) < 0) goto fail;
    free(data);
    return m;
fail:
    free(data);
    ann_model_free(m);
    return NULL;
}

void ann_model_free(ann_model *m)
{
    if (!m) return;
    nlp_table *ts[3] = {&m->tagger, &m->tagger2, &m->parser};
    for (int i = 0; i < 3; i++) {
        nlp_table_free(ts[i]);
        free(ts[i]->keys);
        free(ts[i]->cnt);
        free(ts[i]->cls);
        free(ts[i]->w);
    }
    free(m->upos);
    free(m->xpos);
    free(m->tag_feats);
    free(m->label);
    free(m->lex);
    free(m->lex_slot);
    free(m->mft);
    free(m->tagdict);
    free(m->suf);
    free(m->rule);
    free(m->payload);
    free(m->path);
    free(m);
}

/* ---- lookups ---- */

uint32_t nlp_kv_find(const nlp_kv *kv, uint32_t n, uint32_t key, uint32_t dflt)
{
    uint32_t lo = 0, hi = n;
    while (lo < hi) {
        uint32_t mid = (lo + hi) / 2;
        if (kv[mid].key < key) lo = mid + 1;
        else hi = mid;
    }
    return lo < n && kv[lo].key == key ? kv[lo].val : dflt;
}

static uint32_t lex_hash(const char *form, int tag)
{
    return nlp_mix(nlp_str_hash(form, strlen(form)), (uint32_t)tag);
}

void nlp_model_index_lex(ann_model *m)
{
    uint32_t size = 1024;
    while (size < m->nlex * 2) size <<= 1;
    m->lex_mask = size - 1;
    free(m->lex_slot);
    m->lex_slot = ann_xcalloc(size, sizeof *m->lex_slot);
    for (uint32_t i = 0; i < m->nlex; i++) {
        uint32_t h = lex_hash(m->lex[i].form, m->lex[i].tag) & m->lex_mask;
        while (m->lex_slot[h]) h = (h + 1) & m->lex_mask;
        m->lex_slot[h] = i + 1;
    }
}

const nlp_lex *nlp_lex_find(const ann_model *m, const char *form, int tag)
{
    uint32_t h = lex_hash(form, tag) & m->lex_mask, s;
    while ((s = m->lex_slot[h])) {
        const nlp_lex *e = &m->lex[s - 1];
        if (e->tag == tag && !strcmp(e->form, form)) return e;
        h = (h + 1) & m->lex_mask;
    }
    return NULL;
}

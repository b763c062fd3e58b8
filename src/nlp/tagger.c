/* The POS tagger (greedy left-to-right averaged perceptron over joint UPOS+XPOS tags) and the
 * lemmatizer (treebank lexicon, then learned suffix rules per tag for unseen words). */
#include "nlp/nlp_internal.h"

#include <stdlib.h>
#include <string.h>

#define BOS 0xfffffff1u
#define EOS 0xfffffff2u

static char lower_c(char c) { return c >= 'A' && c <= 'Z' ? (char)(c + 32) : c; }

uint32_t nlp_word_id(const char *form)
{
    char tmp[64];
    size_t n = strlen(form);
    if (n > sizeof tmp) return nlp_str_hash(form, n) ^ 0x5bd1e995u;
    for (size_t i = 0; i < n; i++) tmp[i] = lower_c(form[i]);
    return nlp_str_hash(tmp, n);
}

static void info1(const ann_model *m, const char *form, nlp_tokinfo *t)
{
    size_t n = strlen(form);
    char low[64], shape[64];
    size_t ln = n < sizeof low ? n : sizeof low;
    size_t sn = 0;
    uint8_t flags = 0;
    int upper = 0, lowers = 0;
    for (size_t i = 0; i < ln; i++) {
        char c = form[i], s;
        low[i] = lower_c(c);
        if (c >= 'A' && c <= 'Z') s = 'X', upper++;
        else if (c >= 'a' && c <= 'z') s = 'x', lowers++;
        else if (c >= '0' && c <= '9') s = 'd', flags |= 4;
        else s = c;
        if (c == '-') flags |= 8;
        if (sn == 0 || shape[sn - 1] != s || (sn >= 2 && s != shape[sn - 2] && 0)) shape[sn++] = s;
    }
    if (n && form[0] >= 'A' && form[0] <= 'Z') flags |= 1;
    if (upper > 1 && !lowers) flags |= 2;
    t->word = nlp_str_hash(form, n);
    t->lower = n > sizeof low ? t->word ^ 0x5bd1e995u : nlp_str_hash(low, ln);
    t->shape = nlp_str_hash(shape, sn) ^ (uint32_t)(n > 4 ? 4 : n);
    for (int k = 0; k < 4; k++) {
        size_t kk = (size_t)k + 1 < ln ? (size_t)k + 1 : ln;
        t->pre[k] = nlp_str_hash(low, kk) + (uint32_t)k;
        t->suf[k] = nlp_str_hash(low + ln - kk, kk) + (uint32_t)k * 7u;
    }
    t->mft = (uint8_t)nlp_kv_find(m->mft, m->nmft, t->lower, NLP_NONE);
    t->flags = flags;
}

void nlp_tok_info(const ann_model *m, const char *const *forms, int n, nlp_tokinfo *info)
{
    for (int i = 0; i < n; i++) info1(m, forms[i], &info[i]);
}

int nlp_tagger_features(const nlp_tokinfo *ti, int n, int i, const uint8_t *tags, const uint8_t *right,
                        uint32_t *f)
{
    const nlp_tokinfo *w = &ti[i];
    uint32_t lm1 = i > 0 ? ti[i - 1].lower : BOS, lm2 = i > 1 ? ti[i - 2].lower : BOS;
    uint32_t lp1 = i + 1 < n ? ti[i + 1].lower : EOS, lp2 = i + 2 < n ? ti[i + 2].lower : EOS;
    uint32_t t1 = i > 0 ? tags[i - 1] : 300u, t2 = i > 1 ? tags[i - 2] : 300u;
    uint32_t m1 = i + 1 < n ? ti[i + 1].mft : 301u, m2 = i + 2 < n ? ti[i + 2].mft : 301u;
    uint32_t sm1 = i > 0 ? ti[i - 1].suf[2] : BOS, sp1 = i + 1 < n ? ti[i + 1].suf[2] : EOS;
    uint32_t shm1 = i > 0 ? ti[i - 1].shape : BOS, shp1 = i + 1 < n ? ti[i + 1].shape : EOS;
    int k = 0;
    f[k++] = nlp_f1(1, 0);
    f[k++] = nlp_f1(2, w->lower);
    f[k++] = nlp_f1(3, w->word);
    for (int j = 0; j < 4; j++) f[k++] = nlp_f1(4 + (uint32_t)j, w->suf[j]);
    for (int j = 0; j < 3; j++) f[k++] = nlp_f1(8 + (uint32_t)j, w->pre[j]);
    f[k++] = nlp_f1(12, w->shape);
    f[k++] = nlp_f1(13, lm1);
    f[k++] = nlp_f1(14, lp1);
    f[k++] = nlp_f1(15, lm2);
    f[k++] = nlp_f1(16, lp2);
    f[k++] = nlp_f1(17, sm1);
    f[k++] = nlp_f1(18, sp1);
    f[k++] = nlp_f1(19, t1);
    f[k++] = nlp_f2(20, t1, t2);
    f[k++] = nlp_f2(21, t1, w->lower);
    f[k++] = nlp_f2(22, lm1, w->lower);
    f[k++] = nlp_f2(23, w->lower, lp1);
    f[k++] = nlp_f1(24, m1);
    f[k++] = nlp_f1(25, m2);
    f[k++] = nlp_f2(26, t1, m1);
    f[k++] = nlp_f1(27, shp1);
    f[k++] = nlp_f1(28, shm1);
    f[k++] = nlp_f2(29, i == 0, w->flags);
    f[k++] = nlp_f2(30, t1, w->suf[2]);
    f[k++] = nlp_f2(31, m1, w->suf[2]);
    f[k++] = nlp_f3(32, t1, w->lower, m1);
    f[k++] = nlp_f2(33, w->flags, m1);
    f[k++] = nlp_f1(34, w->mft);
    f[k++] = nlp_f2(35, lm1, lp1);
    f[k++] = nlp_f2(37, w->mft, t1);
    f[k++] = nlp_f1(36, i + 1 < n ? ti[i + 1].suf[1] : EOS);
    if (right) {
        uint32_t r0 = right[i], r1 = i + 1 < n ? right[i + 1] : 302u, r2 = i + 2 < n ? right[i + 2] : 302u;
        f[k++] = nlp_f1(40, r0);
        f[k++] = nlp_f1(41, r1);
        f[k++] = nlp_f2(42, r1, r2);
        f[k++] = nlp_f2(43, t1, r1);
        f[k++] = nlp_f2(44, r0, w->lower);
        f[k++] = nlp_f2(45, r1, w->suf[2]);
        f[k++] = nlp_f3(46, t1, r0, r1);
        f[k++] = nlp_f2(47, r1, lp1);
    }
    return k;
}

static void tag_pass(const ann_model *m, const nlp_table *tb, const nlp_tokinfo *ti, int n,
                     const uint8_t *right, uint8_t *tags)
{
    uint32_t f[NLP_TAG_NFEAT];
    int32_t sc[NLP_MAX_CLASSES + 1];
    for (int i = 0; i < n; i++) {
        uint32_t sure = m->ntagdict ? nlp_kv_find(m->tagdict, m->ntagdict, ti[i].word, NLP_NONE) : NLP_NONE;
        if (sure != NLP_NONE) {
            tags[i] = (uint8_t)sure;
            continue;
        }
        int nf = nlp_tagger_features(ti, n, i, tags, right, f);
        memset(sc, 0, sizeof sc);
        nlp_table_score(tb, f, nf, sc);
        int best = 0;
        for (int c = 1; c < m->ntag; c++)
            if (sc[c] > sc[best]) best = c;
        tags[i] = (uint8_t)best;
    }
}

void nlp_tag_sentence(const ann_model *m, const char *const *forms, int n, uint8_t *tags)
{
    int heap = n > 128;
    nlp_tokinfo *ti = ann_xmalloc(sizeof *ti * (size_t)(n + 1));
    nlp_tok_info(m, forms, n, ti);
    tag_pass(m, &m->tagger, ti, n, NULL, tags);
    if (m->tagger2.nfeat) {
        uint8_t firstbuf[128];
        uint8_t *first = heap ? ann_xmalloc((size_t)n) : firstbuf;
        memcpy(first, tags, (size_t)n);
        tag_pass(m, &m->tagger2, ti, n, first, tags);
        if (heap) free(first);
    }
    free(ti);
}

static uint32_t suf_key(int tag, const char *s, size_t k)
{
    return nlp_fin(nlp_mix(nlp_str_hash(s, k), (uint32_t)tag * 31u + (uint32_t)k));
}

const char *nlp_lemma(const ann_model *m, const char *form, int tag, char *buf, size_t cap)
{
    const nlp_lex *e = nlp_lex_find(m, form, tag);
    if (e) return e->lemma;
    size_t n = strlen(form);
    if (n + 1 > cap || n > 200) return form;
    for (size_t i = 0; i <= n; i++) buf[i] = lower_c(form[i]);
    if (strcmp(buf, form) && (e = nlp_lex_find(m, buf, tag))) return e->lemma;
    /* An all-capitals word may be known in title case ("THOMAS" -> "Thomas"). */
    if (n > 1 && n < 64) {
        char title[64];
        int caps = 1;
        for (size_t i = 0; i < n; i++) {
            caps &= !(form[i] >= 'a' && form[i] <= 'z');
            title[i] = i ? buf[i] : form[i];
        }
        title[n] = 0;
        if (caps && strcmp(title, form) && (e = nlp_lex_find(m, title, tag))) return e->lemma;
    }
    /* Cardinal numbers lose their thousands separators ("6,363,217" -> "6363217"), as in the
     * treebanks; decimal points stay. */
    if (!strcmp(m->xpos[tag], "CD") && form[0] >= '0' && form[0] <= '9' && strchr(form, ',')) {
        size_t i = 0, k = 0;
        while (i < n && ((form[i] >= '0' && form[i] <= '9') || form[i] == ',' || form[i] == '.')) i++;
        if (i == n) {
            for (i = 0; i < n; i++)
                if (form[i] != ',') buf[k++] = form[i];
            buf[k] = 0;
            return buf;
        }
    }
    size_t maxk = n < 5 ? n : 5;
    for (size_t k = maxk + 1; k-- > 0;) {
        uint32_t r = nlp_kv_find(m->suf, m->nsuf, suf_key(tag, buf + n - k, k), UINT32_MAX);
        if (r == UINT32_MAX) continue;
        const nlp_rule *ru = &m->rule[r];
        if (ru->strip > n) continue;
        size_t keep = n - ru->strip, al = strlen(ru->add);
        if (keep + al + 1 > cap) return form;
        const char *src = ru->lower ? buf : form;
        memmove(buf, src, keep);   /* src may be buf itself */
        memcpy(buf + keep, ru->add, al + 1);
        if (keep + al == 0) return form;
        return buf;
    }
    return form;
}

/* Exported for the trainer, which learns the rules with the same keys. */
uint32_t nlp_suffix_key(int tag, const char *s, size_t k);
uint32_t nlp_suffix_key(int tag, const char *s, size_t k) { return suf_key(tag, s, k); }

const char *nlp_feats(const ann_model *m, const char *form, int tag)
{
    const nlp_lex *e = nlp_lex_find(m, form, tag);
    if (!e) {
        char low[256];
        size_t n = strlen(form);
        if (n < sizeof low) {
            for (size_t i = 0; i <= n; i++) low[i] = lower_c(form[i]);
            e = nlp_lex_find(m, low, tag);
        }
    }
    return e ? e->feats : m->tag_feats[tag];
}

/* ---- the public entry point ---- */

int ann_nlp_tag(const ann_model *m, ann_doc *d, ann_err *err)
{
    uint8_t tagbuf[256];
    const char *formbuf[256];
    char lb[512];
    for (int si = 0; si < d->nsent; si++) {
        ann_sentence *s = &d->sent[si];
        int n = s->ntok;
        if (!n) continue;
        uint8_t *tags = n <= 256 ? tagbuf : ann_xmalloc((size_t)n);
        const char **forms = n <= 256 ? formbuf : ann_xmalloc(sizeof *forms * (size_t)n);
        for (int i = 0; i < n; i++) forms[i] = s->tok[i].form ? s->tok[i].form : "";
        nlp_tag_sentence(m, forms, n, tags);
        for (int i = 0; i < n; i++) {
            ann_token *t = &s->tok[i];
            t->upos = m->upos[tags[i]];
            t->xpos = m->xpos[tags[i]];
            const char *l = nlp_lemma(m, forms[i], tags[i], lb, sizeof lb);
            t->lemma = l == lb || l == forms[i] ? ann_arena_strdup(&d->arena, l) : (char *)l;
            const char *ft = nlp_feats(m, forms[i], tags[i]);
            t->feats = (char *)(ft && *ft ? ft : "_");
        }
        if (tags != tagbuf) free(tags);
        if (forms != formbuf) free(forms);
    }
    (void)err;
    return 0;
}

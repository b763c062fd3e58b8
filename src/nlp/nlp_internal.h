/* Internals shared by the tagger, lemmatizer, parser, trainer and model file code.
 * Not a public API: tests include it to reach the transition system and the weight tables. */
#ifndef ANN_NLP_INTERNAL_H
#define ANN_NLP_INTERNAL_H

#include "annalist.h"

#include <stdint.h>

#define NLP_MAX_CLASSES 255   /* classes are stored in one byte */
#define NLP_NONE 0xffu        /* "no tag" in byte-sized tag slots */

/* Feature hashing: a feature is a 32-bit hash of (template, values). Two features that collide
 * share weights; with ~10^6 features in 2^32 the effect is noise. 0 is reserved for empty slots. */
static inline uint32_t nlp_mix(uint32_t h, uint32_t v)
{
    h ^= v * 0x9e3779b1u;
    h = (h << 13) | (h >> 19);
    return h * 5u + 0xe6546b64u;
}
static inline uint32_t nlp_fin(uint32_t h)
{
    h ^= h >> 16;
    h *= 0x85ebca6bu;
    h ^= h >> 13;
    h *= 0xc2b2ae35u;
    h ^= h >> 16;
    return h ? h : 1;
}
static inline uint32_t nlp_f1(uint32_t t, uint32_t a) { return nlp_fin(nlp_mix(nlp_mix(0x1234567u, t), a)); }
static inline uint32_t nlp_f2(uint32_t t, uint32_t a, uint32_t b)
{
    return nlp_fin(nlp_mix(nlp_mix(nlp_mix(0x1234567u, t), a), b));
}
static inline uint32_t nlp_f3(uint32_t t, uint32_t a, uint32_t b, uint32_t c)
{
    return nlp_fin(nlp_mix(nlp_mix(nlp_mix(nlp_mix(0x1234567u, t), a), b), c));
}
uint32_t nlp_str_hash(const char *s, size_t n);

/* ---- Weight tables ---------------------------------------------------------------------- */

/* Runtime: averaged weights quantized to int16, stored sparsely per feature. */
typedef struct nlp_table {
    int nclass;
    float scale;          /* weight = q * scale (argmax does not need it) */
    uint32_t nfeat, nent;
    uint32_t *keys;       /* nfeat feature hashes, in file order */
    uint8_t *cnt;         /* entries per feature */
    uint8_t *cls;         /* nent class ids */
    int16_t *w;           /* nent weights */
    /* Built by nlp_table_index for scoring: open addressing on the key (0 = empty), each slot
     * pointing at the feature's packed entries (weight in the low 16 bits, class above). */
    uint32_t mask;
    struct nlp_slot { uint32_t key, val; } *slot;   /* val = offset << 6 | count */
    uint32_t *ent;
    /* Features with weights for at least a quarter of the classes are stored as dense rows
     * (count NLP_DENSE, offset into dense), added with vector instructions; the others have
     * fewer than 64 entries. */
    int16_t *dense;
    int ncp;              /* nclass rounded up to 16: dense row length */
} nlp_table;
#define NLP_DENSE 63u

#define NLP_TABLE_MAXF 128
/* Adds the weights of features f[0..n) to scores[0..nclass); scores must have 256 entries (the
 * ones past nclass are scratch). */
void nlp_table_score(const nlp_table *t, const uint32_t *f, int n, int32_t *scores);
void nlp_table_index(nlp_table *t);   /* builds start[] and slot[] */
void nlp_table_free(nlp_table *t);
/* Drops entries whose |weight| < min_abs (features left empty go too), and re-indexes. */
void nlp_table_prune(nlp_table *t, float min_abs);

/* Training: averaged perceptron with lazily averaged sparse rows. */
typedef struct nlp_pent { uint32_t cls; float w; double wa; } nlp_pent;
typedef struct nlp_pfeat { uint32_t key, n, cap; nlp_pent *e; } nlp_pfeat;
typedef struct nlp_percep {
    int nclass;
    double c;             /* instances seen (for averaging) */
    uint32_t nfeat, cap, mask;
    uint32_t *slot;
    nlp_pfeat *feat;
} nlp_percep;

void nlp_percep_init(nlp_percep *p, int nclass);
void nlp_percep_free(nlp_percep *p);
void nlp_percep_score(const nlp_percep *p, const uint32_t *f, int n, float *scores);
/* One perceptron step: +1 for truth, -1 for guess on every feature (no-op when equal). */
void nlp_percep_update(nlp_percep *p, const uint32_t *f, int n, int truth, int guess);
void nlp_percep_tick(nlp_percep *p);
/* Averaged, quantized, pruned snapshot. */
void nlp_percep_export(const nlp_percep *p, nlp_table *out);

/* ---- The model -------------------------------------------------------------------------- */

typedef struct nlp_lex {       /* (form, tag) -> lemma, feats */
    const char *form, *lemma, *feats;
    uint8_t tag;
} nlp_lex;

typedef struct nlp_rule {      /* lemma = (lower ? lowercase(form) : form) minus strip bytes + add */
    uint8_t lower, strip;
    const char *add;
} nlp_rule;

typedef struct nlp_kv { uint32_t key, val; } nlp_kv;   /* sorted by key for bsearch */

struct ann_model {
    char *path;
    char *payload;             /* decompressed payload; strings point into it */
    size_t payload_len;
    int ntag;
    const char **upos, **xpos, **tag_feats;   /* per joint tag; tag_feats = most frequent FEATS */
    int nlabel;
    const char **label;
    int root_label;
    nlp_table tagger, tagger2, parser;   /* tagger2: second pass, sees first-pass tags on the right */
    uint32_t nlex;
    nlp_lex *lex;
    uint32_t lex_mask, *lex_slot;   /* index + 1 */
    uint32_t nmft, ntagdict, nsuf;
    nlp_kv *mft;               /* lowercase word hash -> most frequent tag */
    nlp_kv *tagdict;           /* exact form hash -> sure tag */
    nlp_kv *suf;               /* hash(tag, suffix) -> rule index */
    uint32_t nrule;
    nlp_rule *rule;
    /* Parser transitions: 0 = SHIFT, then LEFT-l and RIGHT-l for each label id. */
    int ntrans;
    uint8_t coarse[256];       /* joint tag -> UPOS class (derived, not stored) */
};
void nlp_model_coarse(ann_model *m);

#define NLP_SHIFT 0
static inline int nlp_left(int l) { return 1 + 2 * l; }
static inline int nlp_right(int l) { return 2 + 2 * l; }

uint32_t nlp_kv_find(const nlp_kv *kv, uint32_t n, uint32_t key, uint32_t dflt);
void nlp_model_index_lex(ann_model *m);
const nlp_lex *nlp_lex_find(const ann_model *m, const char *form, int tag);

/* Saving: the trainer fills a model and writes it; strings then point to its own memory. */
int nlp_model_save(const ann_model *m, const char *path, ann_err *err);
/* Parses a payload (already decompressed) into m; used by load and by tests. */
int nlp_model_from_payload(ann_model *m, const char *name, ann_err *err);

/* ---- Tagger --------------------------------------------------------------------------- */

/* Per-token values the tagger's features use. */
typedef struct nlp_tokinfo {
    uint32_t word, lower, shape, pre[4], suf[4];
    uint8_t mft;        /* most frequent tag of the lowercase form, NLP_NONE when unknown */
    uint8_t flags;
} nlp_tokinfo;

void nlp_tok_info(const ann_model *m, const char *const *forms, int n, nlp_tokinfo *info);
/* right: first-pass tags for the second pass, NULL in the first. */
int nlp_tagger_features(const nlp_tokinfo *ti, int n, int i, const uint8_t *tags, const uint8_t *right,
                        uint32_t *f);
#define NLP_TAG_NFEAT 56
/* Tags a sentence (forms -> joint tag ids) with the runtime table. */
void nlp_tag_sentence(const ann_model *m, const char *const *forms, int n, uint8_t *tags);
/* Lemma for (form, tag); writes into buf (cap bytes) and returns it, or returns a lexicon string. */
const char *nlp_lemma(const ann_model *m, const char *form, int tag, char *buf, size_t cap);
const char *nlp_feats(const ann_model *m, const char *form, int tag);

/* ---- Transition system (arc-hybrid, root at the stack bottom) -------------------------- */

typedef struct nlp_state {
    int n;                  /* tokens; positions 1..n, 0 = root */
    int *stack, sp;         /* stack[0..sp) */
    int b;                  /* buffer front; buffer = b..n */
    int *head, *lab;        /* assigned arcs (-1 = none) */
    int *l1, *l2, *r1, *r2; /* leftmost / second leftmost, rightmost / second rightmost child */
    int *nl, *nr;           /* valency */
    uint64_t *lset, *rset;  /* label sets of left / right children */
} nlp_state;

void nlp_state_init(nlp_state *s, int n);
void nlp_state_free(nlp_state *s);
int nlp_state_final(const nlp_state *s);
int nlp_trans_valid(const nlp_state *s, int t, int root_label);
void nlp_trans_apply(nlp_state *s, int t);
/* Cost (number of gold arcs lost) of transition t under the dynamic oracle; gold = projective. */
int nlp_trans_cost(const nlp_state *s, int t, const int *ghead, const int *glab);

/* Parser features for a state; words/tags indexed 0..n (0 = root). */
#define NLP_PARSE_NFEAT 112
/* coarse: joint tag id -> UPOS-only id (ann_model.coarse), for less sparse combinations. */
int nlp_parser_features(const nlp_state *s, const uint32_t *word, const uint8_t *tag, const uint8_t *coarse,
                        uint32_t *f);
/* Parses one sentence: heads[1..n], labels[1..n] (label ids). */
void nlp_parse_sentence(const ann_model *m, int n, const uint32_t *word, const uint8_t *tag, int *head,
                        int *lab);

/* Lifts arcs until the tree is projective (labels kept); returns the number of lifts. */
int nlp_projectivize(int n, int *head);

/* The lowercase-word hash the parser uses. */
uint32_t nlp_word_id(const char *form);

#endif

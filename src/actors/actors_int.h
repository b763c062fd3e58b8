/* Inside the actor stage: the compiled dictionary (entries, dated codes, a hashed trie of
 * token sequences) shared by the loaders (dict.c, petrarch.c) and the tagger (tag.c). */
#ifndef ANN_ACTORS_INT_H
#define ANN_ACTORS_INT_H

#include "annalist/actors.h"

#include <stdint.h>

/* What an entry is decides how it composes with its neighbours. */
enum {
    K_COUNTRY = 1, /* a country's name: "Iran" */
    K_ADJ,         /* its adjective or demonym: "Iranian" */
    K_CAPITAL,     /* its capital: "Tehran" (metonymy for the government) */
    K_PLACE,       /* a city or region: "Isfahan" (the country alone) */
    K_AGENT,       /* a sector noun or title: "president" -> GOV */
    K_PERSON,      /* a named person, dated codes */
    K_ORG,         /* an organization or armed group, complete code */
    K_ACTOR,       /* a TABARI/PETRARCH actor: complete or country code, dated */
    K_DISCARD,     /* sentence-level discard */
    K_DISCARD_DOC, /* document-level discard */
    K_MODIFIER,    /* "former", "ex-": turns an office into ELI */
    K_IGNORE,      /* matched so that nothing shorter inside matches, coded as nothing */
    K_NKINDS
};

typedef struct act_code {
    char code[20];
    int32_t from, to; /* YYYYMMDD; from <= date < to; 0 = open */
} act_code;

typedef struct act_entry {
    uint8_t kind;
    int32_t code0, ncode; /* into ann_actors.codes */
    uint32_t src;         /* "file:line" in the string pool */
    uint32_t name;        /* the entry's first phrase as written, in the pool */
} act_entry;

/* One phrase leading to an entry; several phrases may share an entry and one phrase may
 * lead to several entries (chained by next). */
typedef struct act_rec {
    int32_t entry;
    int32_t next;
    uint32_t capmask; /* bit i: token i must be capitalized in the text */
    uint32_t upmask;  /* bit i: token i is an acronym ("WHO"): no lower-case letter in the text */
} act_rec;

/* A trie node lives in an open-addressing table keyed by the hash of (parent, token). */
typedef struct act_node {
    uint64_t h; /* 0 = empty slot */
    int32_t rec; /* first act_rec, -1 when no phrase ends here */
    int32_t tail; /* last act_rec of the chain (appends keep file order cheaply) */
} act_node;

struct ann_actors {
    act_entry *ent;
    int nent, capent;
    act_code *codes;
    int ncodes, capcodes;
    act_rec *recs;
    int nrecs, caprecs;
    act_node *tab;
    uint64_t tabmask; /* size - 1 */
    long nnodes;
    long nphrases;
    char *pool;
    size_t npool, cappool;
    int maxlen; /* longest phrase in tokens */
    long warnings;
    long lines; /* entry lines accepted */
    long ndocdiscard; /* document-level discards (tagging looks for them first) */
    int petrarch; /* 1: loaded from TABARI/PETRARCH files */
};

#define ACT_ROOT_SEED 0x9e3779b97f4a7c15ULL

/* Building (dict.c). */
ann_actors *act_new(void);
/* Sizes the trie's table for about `nodes` token-sequence prefixes (avoids rehashing). */
void act_reserve(ann_actors *a, long nodes);
uint32_t act_pool_add(ann_actors *a, const char *s, size_t n);
int act_entry_new(ann_actors *a, int kind, const char *file, long line);
void act_entry_code(ann_actors *a, int e, const char *code, int32_t from, int32_t to);
/* Adds a phrase (words separated by spaces or underscores) leading to entry e. capmode:
 * 0 = no case constraint, 1 = capitalized dictionary words must be capitalized in the text,
 * 2 = every content word must be capitalized (for all-caps TABARI dictionaries). Hyphenated
 * words are added both whole and split ("al-Qaeda", "al - Qaeda"). Returns -1 for a phrase
 * of no words or more than 32, which is not added. */
int act_add_phrase(ann_actors *a, int e, const char *phrase, int capmode); /* -1: empty or too long */
void act_warn(ann_actors *a, const char *file, long line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Normalized (lower-cased, apostrophes unified) form of one token into buf; returns length. */
size_t act_norm(const char *s, size_t n, char *buf, size_t cap);
uint64_t act_step(uint64_t parent, const char *norm, size_t n);
const act_node *act_find(const ann_actors *a, uint64_t h);
/* Parses YYYY, YYYY-MM or YYYY-MM-DD (or YYYYMMDD) into YYYYMMDD; -1 when malformed. */
int32_t act_parse_date(const char *s, size_t n);
const char *act_basename(const char *path);

#endif

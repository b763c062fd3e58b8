/* The coder's internal model: verbs, patterns and CAMEO facts, shared by the dictionary readers
 * (ours and the TABARI/PETRARCH compatibility reader) and the tree matcher. */
#ifndef ANN_CODER_INT_H
#define ANN_CODER_INT_H

#include "annalist/coder.h"

/* One element of a pattern. Words compare against a token's upper-cased form and lemma. */
enum {
    PE_WORD,      /* a word; `exact` = whole-word match, else a prefix (TABARI stems) */
    PE_SYN,       /* any word of a synonym set */
    PE_SRC,       /* $: an actor here is the source */
    PE_TGT,       /* +: an actor here is the target */
    PE_SKIP,      /* ^: skip one noun phrase (any token) */
    PE_GROUP_ON,  /* { : the following words are contiguous, until PE_GROUP_OFF */
    PE_GROUP_OFF
};

typedef struct pelem {
    unsigned char kind, exact;
    unsigned char pp;     /* first word of a (...) group: a preposition heading a phrase */
    int nw;               /* PE_WORD: words of a multiword (A_B) phrase */
    char **w;             /* upper case */
    int syn;              /* PE_SYN: synonym set index */
} pelem;

typedef struct prule {
    pelem *pre, *post;    /* before and after the verb (pre stored in reading order) */
    int npre, npost;
    int compound;         /* %: needs conjoined actors */
    int spec;             /* specificity: number of word elements */
    char code[8], rcode[8]; /* source->target code, and target->source code ("" = none) */
    char *text;           /* the pattern as written, for the event's `pattern` field */
} prule;

typedef struct pverb {
    char *word;           /* upper case base form or a listed form */
    char *base;           /* the base form of its line ("SAY" for "SAID") */
    char *block;          /* block name, for messages and `pattern` */
    char *pre, *post;     /* multiword verb: words required just before / after, or NULL */
    int blk;              /* index into the coder's blocks */
    char code[8], rcode[8]; /* the verb's own code ("" = block default) */
} pverb;

typedef struct pblock {
    char *name;
    char code[8], rcode[8];
    prule *rule;
    int nrule;
} pblock;

typedef struct psyn {
    char *name;
    int nw;
    pelem *w;             /* each alternative is a PE_WORD (possibly multiword) or a PE_SYN */
} psyn;

/* Our own patterns (data/dict/verbs, format in its README.md): a head lemma plus conditions
 * on the head's dependents. */
enum { OC_OBJ, OC_PREP, OC_XCOMP, OC_PRT, OC_SUBJ, OC_MOD };
typedef struct ocond {
    unsigned char kind;
    char *prep;           /* OC_PREP: the case word (upper), or "*" */
    int set;              /* index into oset, or -1 = any word */
} ocond;

typedef struct orule {
    char code[8], rcode[8];
    unsigned char noun;   /* an event noun ("ceasefire", "strikes") rather than a verb */
    unsigned char recip;  /* the event goes both ways between the actors involved */
    char *target_prep;    /* take the target from this preposition's phrase, or NULL */
    char *source_prep;    /* take the source from this preposition's phrase, the subject
                             becoming the target ("received assurances from X"), or NULL */
    int nc;
    ocond c[6];
    char *text;           /* "file:line: the rule", for the event's `pattern` */
} orule;

typedef struct oset {
    char *name;
    int nw;
    char **w;             /* upper-case lemmas */
} oset;

/* A PETRARCH transformation: "~ a (a b ATTACK) SAY = a b 015" -- a verb (SAY) governing a
 * clause whose event is of a class (ATTACK = force, Q = anything, or a verb word) becomes one
 * event from the governing subject. */
typedef struct ptrans {
    char upper[32];       /* governing verb word */
    int who;              /* 0: the clause's source is the speaker (a/_), 1: another actor (b .) */
    char lclass[32];      /* ATTACK, Q, or a verb word */
    char code[8];         /* resulting code, "Q" = the clause's code */
} ptrans;

typedef struct hslot { uint64_t h; int v; } hslot;

struct ann_coder {
    ann_arena arena;
    pblock *blk; int nblk;
    pverb *verb; int nverb;
    psyn *syn; int nsyn;
    hslot *vidx; size_t vcap;     /* verb word -> first index in verb[] (chained by next[]) */
    int *vnext;
    ann_cameo_info *cameo; int ncameo;
    orule *orl; int norl;
    ptrans *trans; int ntrans;
    oset *oset; int noset;
    int own_format;               /* 1: our own patterns (lemma keyed); 0: PETRARCH file */
    int require_target;           /* drop events lacking a target */
};

/* Shared helpers. */
int ann_coder_add_verb_index(ann_coder *c);
int ann_coder_find_verb(const ann_coder *c, const char *upper, int from);
int ann_cameo_load(ann_coder *c, const char *dir, ann_err *err);
int ann_coder_parse_pattern(ann_coder *c, prule *r, const char *text, const char *where, ann_err *err);
int ann_coder_syn_find(const ann_coder *c, const char *name);
void ann_coder_upper(char *dst, const char *src, size_t cap);

#endif

/* The document model: document -> sentences -> tokens, plus the layers later stages fill in
 * (tags, trees, actor mentions, events). Every stage reads and writes these plain structs;
 * all strings live in the document's arena and die with it. */
#ifndef ANNALIST_DOC_H
#define ANNALIST_DOC_H

#include "base.h"
#include <stdint.h>

typedef struct ann_token {
    uint32_t start, end;  /* byte span in ann_doc.text */
    char *form;           /* the token's text (may differ from the span only for CoNLL-U input) */
    char *lemma;          /* NULL until tagged */
    const char *upos;     /* NULL until tagged; static or model-owned strings */
    const char *xpos;
    char *feats;          /* "_" or NULL when unknown */
    int32_t head;         /* 1-based token index in the sentence, 0 = root, -1 = not parsed */
    const char *deprel;   /* NULL until parsed */
    char *deps;           /* enhanced dependencies, kept verbatim from CoNLL-U input */
    char *misc;           /* CoNLL-U MISC, kept verbatim; SpaceAfter is derived from the text */
    uint8_t space_after;  /* 1 when whitespace follows in the text */
} ann_token;

/* A CoNLL-U multiword token ("don't" over "do" "n't"), kept so CoNLL-U round-trips. */
typedef struct ann_mwt {
    int first, last;      /* 1-based token ids it spans */
    char *form;
    char *misc;
} ann_mwt;

typedef struct ann_sentence {
    uint32_t start, end;  /* byte span in ann_doc.text */
    int paragraph;        /* 0-based paragraph index within the document */
    int ntok;
    ann_token *tok;       /* tok[0] is token id 1 */
    int nmwt;
    ann_mwt *mwt;
    int ncomment;
    char **comment;       /* CoNLL-U comment lines other than sent_id/text/newdoc/newpar */
    char *sent_id;        /* from CoNLL-U, or NULL (writers then number sentences) */
    int newpar;           /* 1 when a paragraph starts at this sentence */
} ann_sentence;

/* One side of an event: an actor as coded, with where it came from. */
typedef struct ann_actor_ref {
    char *code;           /* CAMEO actor code, e.g. "IRNGOV"; NULL when absent */
    char *text;           /* the mention's text */
    uint32_t start, end;  /* byte span in ann_doc.text */
    char *entry;          /* dictionary entry that matched ("file:line" or entry id) */
    char *resolved_from;  /* set when coreference supplied the actor ("he", "Tehran") */
} ann_actor_ref;

/* An actor mention found by the actor stage. */
typedef struct ann_mention {
    int sent;             /* sentence index */
    int first, last;      /* 0-based token indices in the sentence, inclusive */
    int head;             /* 0-based head token of the mention */
    uint32_t start, end;
    char *code;           /* NULL when the mention was recognised but could not be coded */
    char *entry;
    char *resolved_from;
} ann_mention;

typedef struct ann_event {
    int sent;                   /* sentence index in the document */
    ann_actor_ref source, target;
    char code[8];               /* CAMEO event code, e.g. "0871" */
    char root[4];               /* its two-digit root, e.g. "08" */
    int quad_class;             /* 1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict */
    double goldstein;
    const char *plover_type, *plover_mode, *plover_context;  /* NULL when unmapped */
    uint8_t negated, hedged;
    char *attributed_to;        /* actor code of the reporting source, or NULL */
    uint32_t trigger_start, trigger_end;
    char *trigger_text;
    char *pattern;              /* the rule that fired, e.g. "press+to+investigate#101" */
    char date[11];              /* ISO date, "" when unknown */
    const char *date_precision; /* "day", "month", "year", "document" */
    char *date_text;            /* the words the date came from, or NULL */
    int answers;                /* index of the event this one answers (denial -> claim), -1 */
    int nevidence;
    int *evidence;              /* sentence indices telling the same event */
    uint8_t duplicate;          /* 1 when merged into an earlier event (kept for --keep-duplicates) */
} ann_event;

typedef struct ann_doc {
    char *id;             /* JSONL id, CoNLL-U newdoc id, or the file name */
    char *date;           /* "YYYY-MM-DD" or NULL */
    char *title, *source, *url;
    char *text;           /* the document's text, NUL-terminated */
    size_t len;
    int nsent;
    ann_sentence *sent;
    int nment;
    ann_mention *ment;
    int nevent;
    ann_event *event;
    const char *origin;   /* input file name, for messages (arena copy: outlives the reader) */
    long origin_line;     /* line of the record in that file (JSONL, CoNLL-U) */
    ann_arena arena;
} ann_doc;

ann_doc *ann_doc_new(void);
void ann_doc_free(ann_doc *d);
/* Sets the text (copied into the arena). */
void ann_doc_set_text(ann_doc *d, const char *text, size_t len);
/* Appends a sentence with room for ntok tokens; returns it (tokens zeroed, head = -1). */
ann_sentence *ann_doc_add_sentence(ann_doc *d, int ntok);
/* Appends an event / mention (zeroed, answers = -1); pointers stay valid until the next add. */
ann_event *ann_doc_add_event(ann_doc *d);
ann_mention *ann_doc_add_mention(ann_doc *d);
/* The token's text as a NUL-terminated string (its form). */
static inline const char *ann_tok_text(const ann_token *t) { return t->form; }

#endif

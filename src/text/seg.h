/* Internal interface of the segmenter: surface tokens (what is between spaces and punctuation)
 * found by tokenize.c, sentence boundaries decided over them by segment.c. */
#ifndef ANN_TEXT_SEG_H
#define ANN_TEXT_SEG_H

#include <stddef.h>
#include <stdint.h>

enum { SEG_WORD = 1, SEG_NUM, SEG_PUNCT, SEG_URL, SEG_SYM };

enum {
    SEG_F_SPACE = 1,    /* whitespace before the token */
    SEG_F_NL = 2,       /* a line break before it */
    SEG_F_PARA = 4,     /* a blank line (paragraph break) before it */
    SEG_F_ABBR = 8,     /* a word ending in an abbreviation's period ("Inc.", "U.S.") */
    SEG_F_TITLE = 16,   /* an abbreviation that precedes a name ("Mr.", "Gen.", "J.") */
    SEG_F_LIST = 32,    /* a list marker at the start of a line ("1.", "a)") */
    SEG_F_SPLITDOT = 64 /* an abbreviation ending a sentence: its period is a token ("etc" ".") */
};

typedef struct seg_tok {
    uint32_t s, e;      /* byte span of the surface token */
    uint16_t cut;       /* > 0: two syntactic words split at s + cut ("do|n't", "gon|na") */
    uint8_t kind;
    uint8_t flags;
} seg_tok;

typedef struct seg_toks {
    seg_tok *v;
    size_t n, cap;
} seg_toks;

/* Appends the surface tokens of t[0..n) to out (which is not cleared). Linear in n. */
void seg_tokenize(const char *t, size_t n, seg_toks *out);

/* Abbreviation lookup for the word w[0..n) (without its period): 0 unknown,
 * else SEG_ABBR_* flags. */
enum { SEG_ABBR = 1, SEG_ABBR_TITLE = 2, SEG_ABBR_NUM = 4 /* only before a number: "No. 5" */ };
int seg_abbrev(const char *w, size_t n);
/* 1 when w[0..n) is a word that commonly opens a sentence ("The", "But", "He"). */
int seg_opener(const char *w, size_t n);

#endif

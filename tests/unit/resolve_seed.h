/* The seed article (../shared/seed/000_0c482b0b10fe7e75.txt), sentences 0-6 and 9, with
 * hand-made UD annotations. The words are read from ../shared at test time, never copied here:
 * each token is "UPOS XPOS head deprel [lemma]" (lemma only where it is not the word itself,
 * lower-cased unless a proper noun), in the order seed_tokens() cuts the text. */
#ifndef RESOLVE_SEED_H
#define RESOLVE_SEED_H

#include "resolve_testdoc.h"

#include <ctype.h>

static const struct {
    int sent;
    const char *ann;
} seed_ann[] = {
    {0,
     "NOUN NNS 6 nsubj tension | ADP IN 3 case | PROPN NNP 1 nmod | CCONJ CC 5 cc | PROPN NNP 3 conj | "
     "VERB VBD 0 root resurface | ADP IN 8 case | PROPN NNP 6 obl | VERB VBG 12 case follow | "
     "PROPN NNP 12 nmod:poss | PART POS 10 case 's | NOUN NN 6 obl | SCONJ IN 17 mark | "
     "PROPN NNP 17 nsubj | AUX MD 17 aux | AUX VB 17 aux | VERB VBN 12 acl use | "
     "ADJ JJ 19 amod Azerbaijani | NOUN NN 17 obj | PART TO 21 mark | VERB VB 17 advcl | "
     "NOUN NNS 21 obj attack | ADP IN 27 case | DET DT 27 det | ADJ JJ 27 amod | ADJ JJ 27 amod | "
     "NOUN NN 21 obl | PUNCT . 6 punct"},
    {1,
     "DET DT 3 det | ADJ JJ 3 amod Iranian | NOUN NN 4 nsubj | VERB VBD 0 root say | SCONJ IN 8 mark | "
     "PROPN NNP 8 nsubj | AUX VBD 8 aux have | VERB VBN 4 ccomp deny | DET DT 10 det this | "
     "NOUN NNS 8 obj allegation | ADP IN 14 case | DET DT 14 det | NOUN NN 14 compound | NOUN NN 8 obl | "
     "ADP IN 19 case | ADJ JJ 19 amod Iranian | PROPN NNP 19 compound president | "
     "PROPN NNP 19 compound | PROPN NNP 14 nmod | CCONJ CC 24 cc | ADJ JJ 24 amod Azerbaijani | "
     "PROPN NNP 24 compound president | PROPN NNP 24 compound | PROPN NNP 19 conj | PUNCT . 4 punct"},
    {2,
     "DET DT 2 det | NOUN NN 10 nsubj | PUNCT , 5 punct | PRON WDT 5 nsubj | "
     "VERB VBD 2 acl:relcl begin | ADP IN 7 case | PROPN NNP 5 obl | NUM CD 7 nummod | PUNCT , 5 punct | "
     "VERB VBD 0 root see | PROPN NNP 10 obj | VERB VB 10 xcomp | DET DT 16 det | ADJ JJ 16 amod | "
     "ADJ JJ 16 amod | NOUN NN 12 obj | VERB VBG 16 acl target | ADJ JJ 22 amod Iranian | "
     "ADJ JJ 22 amod | CCONJ CC 21 cc | ADJ JJ 19 conj | NOUN NNS 17 obj facility | PUNCT , 25 punct | "
     "ADV RB 25 advmod | VERB VBG 12 advcl result | ADP IN 28 case | DET DT 28 det | "
     "NOUN NNS 25 obl death | ADP IN 32 case | ADJ JJ 32 amod | ADJ JJ 32 amod | "
     "NOUN NNS 28 nmod scientist | CCONJ CC 34 cc | NOUN NNS 32 conj commander | PUNCT . 10 punct"},
    {3,
     "DET DT 2 det | NOUN NN 7 nsubj | ADP IN 4 case | PROPN NNP 2 nmod | CCONJ CC 6 cc | "
     "PROPN NNP 4 conj | VERB VBD 0 root come | ADP IN 9 case | NOUN NN 7 obl | ADV RBR 7 advmod early | "
     "DET DT 12 det | NOUN NN 10 obl:npmod | ADP IN 14 case | PROPN NNP 7 obl | PUNCT . 7 punct"},
    {4,
     "VERB VBG 6 case accord | ADP IN 1 fixed | DET DT 6 det | ADJ JJ 6 amod Iranian | ADJ JJ 6 amod | "
     "NOUN NN 10 obl | PUNCT , 10 punct | PROPN NNP 9 compound president | PROPN NNP 10 nsubj | "
     "VERB VBD 0 root press | PROPN NNP 10 obj | PART TO 13 mark | VERB VB 10 xcomp | "
     "NOUN NNS 13 obj report | SCONJ IN 18 mark | PROPN NNP 18 nsubj | AUX VBD 18 aux have | "
     "VERB VBN 14 acl conduct | PUNCT `` 23 punct | NOUN NN 23 compound | CCONJ CC 22 cc | "
     "NOUN NN 20 conj | NOUN NNS 18 obj attack | ADP IN 26 case | ADJ JJ 26 amod Iranian | "
     "NOUN NNS 23 nmod sky | ADP IN 29 case | DET DT 29 det | NOUN NN 18 obl | ADP IN 32 case | "
     "DET DT 32 det | PROPN NNP 29 nmod | ADP IN 34 case | PROPN NNP 32 nmod | PUNCT . 10 punct | "
     "PUNCT '' 10 punct"},
    {5,
     "DET DT 2 det | NOUN NN 3 nsubj | VERB VBD 0 root emphasize | PROPN NNP 6 nmod:poss | "
     "PART POS 4 case 's | NOUN NN 3 obj | SCONJ IN 13 mark | DET DT 10 det | VERB VBG 10 amod | "
     "NOUN NN 13 nsubj | AUX MD 13 aux | AUX VB 13 aux | VERB VBN 6 acl facilitate | DET DT 15 det a | "
     "NOUN NN 13 obj | ADP IN 19 case | PRON PRP$ 19 nmod:poss | ADJ JJ 19 amod | NOUN NN 15 nmod | "
     "PUNCT . 3 punct"},
    {6,
     "PROPN NNP 2 compound president | PROPN NNP 7 nsubj | PUNCT , 4 punct | ADV RB 7 advmod | "
     "PUNCT , 4 punct | ADV RB 7 advmod | VERB VBD 0 root deny | DET DT 9 det | "
     "NOUN NNS 7 obj allegation | PUNCT , 11 punct | VERB VBG 7 advcl assure | PROPN NNP 11 obj | "
     "SCONJ IN 21 mark | PROPN NNP 21 nsubj | PUNCT `` 21 punct | AUX MD 21 aux | PART RB 21 advmod | "
     "ADP IN 20 case | DET DT 20 det | NOUN NN 21 obl | VERB VB 11 ccomp | PRON PRP$ 23 nmod:poss | "
     "NOUN NNS 21 obj sky | PART TO 26 mark | AUX VB 26 aux:pass | VERB VBN 21 xcomp use | "
     "ADP IN 32 case | DET DT 32 det | ADJ JJ 32 amod | CCONJ CC 31 cc | ADJ JJ 29 conj | "
     "NOUN NN 26 obl | PUNCT . 7 punct | PUNCT '' 7 punct"},
    {9,
     "ADP IN 2 case | PROPN NNP 10 obl | NUM CD 2 nummod | PUNCT , 10 punct | "
     "ADJ JJ 9 amod Azerbaijani | PROPN NNP 7 compound foreign | PROPN NNP 9 compound minister | "
     "PROPN NNP 9 compound | PROPN NNP 10 nsubj | VERB VBD 0 root reassure | PROPN NNP 10 obj | "
     "SCONJ IN 16 mark | PROPN NNP 16 nsubj | AUX MD 16 aux | ADV RB 16 advmod | VERB VB 10 ccomp | "
     "PRON PRP$ 18 nmod:poss | NOUN NN 16 obj | PART TO 21 mark | AUX VB 21 aux:pass | "
     "VERB VBN 16 xcomp use | ADP IN 23 case | NOUN NNS 21 obl attack | ADP IN 26 case | "
     "ADJ JJ 26 amod | NOUN NNS 23 nmod country | PUNCT , 29 punct | VERB VBG 29 case include | "
     "PROPN NNP 26 nmod | PUNCT . 10 punct"},
    {13,
     "SCONJ IN 3 mark | PROPN NNP 3 nsubj | VERB VBZ 17 advcl maintain | PRON PRP 6 nsubj | "
     "AUX VBZ 6 aux be | VERB VBG 3 ccomp act | ADP IN 10 case | DET DT 10 det | ADJ JJ 10 amod | "
     "NOUN NN 6 obl | PUNCT , 3 punct | PROPN NNP 14 nmod:poss | PART POS 12 case 's | NOUN NN 17 nsubj | "
     "ADP IN 16 case | NOUN NN 14 nmod | VERB VBZ 0 root underscore | DET DT 20 det | ADJ JJ 20 amod | "
     "NOUN NN 17 obj | ADP IN 24 case | DET DT 24 det | NUM CD 24 nummod | NOUN NNS 20 nmod neighbor | "
     "PUNCT . 17 punct"},
    {14,
     "SCONJ IN 4 mark | DET DT 3 det | NOUN NNS 4 nsubj country | VERB VBP 15 advcl | DET DT 6 det | "
     "NOUN NN 4 obj | ADP IN 10 case | DET DT 10 det | PROPN NNP 10 compound | NOUN NN 6 nmod | "
     "PUNCT , 4 punct | NOUN NN 15 nsubj | AUX MD 15 aux | AUX VB 15 cop be | ADJ JJ 0 root | "
     "SCONJ IN 17 mark | VERB VBG 15 advcl prevent | ADJ JJR 19 amod | NOUN NNS 17 obj escalation | "
     "ADP IN 23 case | DET DT 23 det | ADJ JJ 23 amod | NOUN NN 17 obl | PUNCT . 15 punct"},
};

#define SEED_NANN ((int)(sizeof seed_ann / sizeof *seed_ann))

/* Cuts one whitespace-separated chunk into tokens: opening quotes, the word, a possessive
 * "’s", then closing punctuation. Appends "form\n" lines to out. */
static inline void seed_chunk(ann_buf *out, const char *w, size_t n)
{
    static const char *const open_q = "\xe2\x80\x9c", *const close_q = "\xe2\x80\x9d", *const poss = "\xe2\x80\x99s";
    while (n >= 3 && !memcmp(w, open_q, 3)) {
        ann_buf_add(out, w, 3), ann_buf_putc(out, '\n');
        w += 3, n -= 3;
    }
    const char *tail[8];
    size_t tailn[8];
    int nt = 0;
    for (;;) {
        if (n > 1 && nt < 8 && (w[n - 1] == ',' || w[n - 1] == '.' || w[n - 1] == ';' || w[n - 1] == ':'))
            tail[nt] = w + n - 1, tailn[nt++] = 1, n--;
        else if (n > 3 && nt < 8 && !memcmp(w + n - 3, close_q, 3))
            tail[nt] = w + n - 3, tailn[nt++] = 3, n -= 3;
        else
            break;
    }
    if (n > 4 && !memcmp(w + n - 4, poss, 4)) {
        ann_buf_add(out, w, n - 4), ann_buf_putc(out, '\n');
        ann_buf_add(out, w + n - 4, 4), ann_buf_putc(out, '\n');
    } else if (n) {
        ann_buf_add(out, w, n), ann_buf_putc(out, '\n');
    }
    while (nt--) ann_buf_add(out, tail[nt], tailn[nt]), ann_buf_putc(out, '\n');
}

/* The seed as CoNLL-U with our annotations, or NULL (with why in *why) when ../shared is
 * missing or the text no longer cuts into the annotated tokens. Sentences end after "."
 * and any closing quote that follows it. */
static inline char *seed_conllu(const char **why)
{
    const char *shared = getenv("SHARED");
    char path[1024];
    snprintf(path, sizeof path, "%s/seed/000_0c482b0b10fe7e75.txt", shared && *shared ? shared : "../shared");
    ann_err err;
    size_t len;
    char *text = ann_read_file(path, &len, 1 << 20, &err);
    if (!text) {
        *why = "../shared/seed not present";
        return NULL;
    }
    ann_buf toks = {0};
    for (size_t i = 0; i < len;) {
        while (i < len && (text[i] == ' ' || text[i] == '\n' || text[i] == '\r' || text[i] == '\t')) i++;
        size_t j = i;
        while (j < len && text[j] != ' ' && text[j] != '\n' && text[j] != '\r' && text[j] != '\t') j++;
        if (j > i) seed_chunk(&toks, text + i, j - i);
        i = j;
    }
    free(text);
    /* Split the token list into sentences. */
    char *save = NULL, *tok = strtok_r(toks.s, "\n", &save);
    ann_buf out = {0};
    ann_buf_puts(&out, "# newdoc id = seed\n");
    int sent = 0, a = 0;
    while (tok && a < SEED_NANN) {
        /* Gather this sentence's tokens. */
        const char *forms[128];
        int nf = 0;
        while (tok && nf < 128) {
            forms[nf++] = tok;
            int end = !strcmp(tok, ".");
            tok = strtok_r(NULL, "\n", &save);
            if (end) {
                if (tok && !strcmp(tok, "\xe2\x80\x9d")) forms[nf++] = tok, tok = strtok_r(NULL, "\n", &save);
                break;
            }
        }
        if (seed_ann[a].sent == sent) {
            char *copy = ann_xstrdup(seed_ann[a].ann), *s2 = NULL;
            int k = 0;
            ann_buf_printf(&out, "# sent_id = seed-%d\n", sent);
            for (char *t = strtok_r(copy, "|", &s2); t; t = strtok_r(NULL, "|", &s2), k++) {
                char upos[16], xpos[16], rel[32], lemma[64] = "";
                int head;
                if (sscanf(t, "%15s %15s %d %31s %63s", upos, xpos, &head, rel, lemma) < 4 || k >= nf) {
                    *why = "seed annotation does not match the seed text (token count)";
                    free(copy);
                    ann_buf_free(&out);
                    ann_buf_free(&toks);
                    return NULL;
                }
                if (!lemma[0]) {
                    snprintf(lemma, sizeof lemma, "%s", forms[k]);
                    if (strcmp(upos, "PROPN"))
                        for (char *p = lemma; *p; p++) *p = (char)tolower((unsigned char)*p);
                }
                ann_buf_printf(&out, "%d\t%s\t%s\t%s\t%s\t_\t%d\t%s\t_\t_\n", k + 1, forms[k], lemma, upos, xpos,
                               head, rel);
            }
            free(copy);
            ann_buf_putc(&out, '\n');
            if (k != nf) {
                *why = "seed annotation does not match the seed text (token count)";
                ann_buf_free(&out);
                ann_buf_free(&toks);
                return NULL;
            }
            a++;
        }
        sent++;
    }
    ann_buf_free(&toks);
    if (a < SEED_NANN) {
        *why = "seed text has fewer sentences than annotated";
        ann_buf_free(&out);
        return NULL;
    }
    return out.s;
}

#endif

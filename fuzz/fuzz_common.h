/* Shared by the libFuzzer targets: invariants every annotated document must satisfy, checked
 * on each input so a silent corruption is a finding just like a crash. */
#ifndef FUZZ_COMMON_H
#define FUZZ_COMMON_H

#include "annalist.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FUZZ_CHECK(cond)                                                                 \
    do {                                                                                 \
        if (!(cond)) {                                                                   \
            fprintf(stderr, "fuzz invariant failed: %s (%s:%d)\n", #cond, __FILE__, __LINE__); \
            abort();                                                                     \
        }                                                                                \
    } while (0)

/* Spans inside the text, sentences and tokens in order and not overlapping, every sentence
 * with at least one token, every token with a form. */
static inline void fuzz_check_doc(const ann_doc *d)
{
    FUZZ_CHECK(d->text != NULL);
    FUZZ_CHECK(d->text[d->len] == 0);
    uint32_t prev_end = 0;
    for (int i = 0; i < d->nsent; i++) {
        const ann_sentence *s = &d->sent[i];
        FUZZ_CHECK(s->ntok > 0);
        FUZZ_CHECK(s->start <= s->end && s->end <= d->len);
        FUZZ_CHECK(s->start >= prev_end);
        prev_end = s->end;
        uint32_t tprev = s->start;
        for (int k = 0; k < s->ntok; k++) {
            const ann_token *t = &s->tok[k];
            FUZZ_CHECK(t->form != NULL);
            FUZZ_CHECK(t->start <= t->end && t->end <= d->len);
            FUZZ_CHECK(t->start >= tprev);
            tprev = t->end;
        }
        FUZZ_CHECK(tprev <= s->end);
    }
}

/* "Iran accused Israel of attacks." hand-parsed and dated 2025-06-26, for targets that code a
 * sentence with what they load; NULL if the CoNLL-U reader refuses it. */
static inline ann_doc *fuzz_sample_doc(void)
{
    static const char conllu[] =
        "# newdoc id = f\n"
        "1\tIran\tIran\tPROPN\tNNP\t_\t2\tnsubj\t_\t_\n"
        "2\taccused\taccuse\tVERB\tVBD\t_\t0\troot\t_\t_\n"
        "3\tIsrael\tIsrael\tPROPN\tNNP\t_\t2\tobj\t_\t_\n"
        "4\tof\tof\tADP\tIN\t_\t5\tcase\t_\t_\n"
        "5\tattacks\tattack\tNOUN\tNNS\t_\t2\tobl\t_\tSpaceAfter=No\n"
        "6\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n\n";
    ann_reader *r = ann_reader_open_mem("f.conllu", conllu, sizeof conllu - 1, ANN_FMT_CONLLU, 0);
    ann_doc *d = NULL;
    ann_err e;
    if (ann_reader_next(r, &d, &e) != 1) d = NULL;
    ann_reader_close(r);
    if (d) d->date = ann_arena_strdup(&d->arena, "2025-06-26");
    return d;
}

#endif

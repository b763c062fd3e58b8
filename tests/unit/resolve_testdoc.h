/* Hand-parsed test documents for the resolution tests: sentences written as
 * "form lemma UPOS XPOS head deprel | ..." become CoNLL-U, read by the ordinary reader; mentions
 * and events are then added by hand as the actor stage and the coder would. */
#ifndef RESOLVE_TESTDOC_H
#define RESOLVE_TESTDOC_H

#include "annalist.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static inline ann_doc *testdoc(const char *date, const char *const *sents, int n)
{
    ann_buf b = {0};
    ann_buf_puts(&b, "# newdoc id = t\n");
    for (int i = 0; i < n; i++) {
        ann_buf_printf(&b, "# sent_id = s%d\n", i);
        char *copy = ann_xstrdup(sents[i]), *save = NULL;
        int id = 0;
        for (char *tok = strtok_r(copy, "|", &save); tok; tok = strtok_r(NULL, "|", &save)) {
            char form[64], lemma[64], upos[16], xpos[16], rel[32];
            int head;
            if (sscanf(tok, "%63s %63s %15s %15s %d %31s", form, lemma, upos, xpos, &head, rel) != 6) {
                fprintf(stderr, "bad test token '%s'\n", tok);
                abort();
            }
            ann_buf_printf(&b, "%d\t%s\t%s\t%s\t%s\t_\t%d\t%s\t_\t_\n", ++id, form, lemma, upos, xpos, head, rel);
        }
        free(copy);
        ann_buf_putc(&b, '\n');
    }
    ann_reader *r = ann_reader_open_mem("test.conllu", b.s, b.len, ANN_FMT_CONLLU, 0);
    ann_doc *d = NULL;
    ann_err e;
    if (ann_reader_next(r, &d, &e) != 1) {
        fprintf(stderr, "test document rejected: %s\n", e.msg);
        abort();
    }
    ann_reader_close(r);
    ann_buf_free(&b);
    d->origin = "test.conllu"; /* the reader owned the name it gave; it is closed now */
    if (date) d->date = ann_arena_strdup(&d->arena, date);
    return d;
}

/* A mention over 0-based tokens [first, last] of sentence s. */
static inline ann_mention *mention(ann_doc *d, int s, int first, int last, int head, const char *code)
{
    ann_mention *m = ann_doc_add_mention(d);
    m->sent = s, m->first = first, m->last = last, m->head = head;
    m->start = d->sent[s].tok[first].start;
    m->end = d->sent[s].tok[last].end;
    m->code = code ? ann_arena_strdup(&d->arena, code) : NULL;
    return m;
}

/* An event as the coder would make it, triggered by 0-based token t of sentence s. */
static inline int event(ann_doc *d, int s, int t, const char *code, const char *src, const char *tgt)
{
    ann_event *e = ann_doc_add_event(d);
    e->sent = s;
    snprintf(e->code, sizeof e->code, "%s", code);
    memcpy(e->root, code, 2);
    e->source.code = src ? ann_arena_strdup(&d->arena, src) : NULL;
    e->target.code = tgt ? ann_arena_strdup(&d->arena, tgt) : NULL;
    const ann_token *tk = &d->sent[s].tok[t];
    e->trigger_start = tk->start, e->trigger_end = tk->end;
    e->trigger_text = ann_arena_strdup(&d->arena, tk->form);
    return d->nevent - 1;
}

#endif

/* Helpers shared by the resolution files: token lookup, word tests and tree walking over the
 * document model. Not part of the public API. */
#ifndef ANN_RESOLVE_INTERNAL_H
#define ANN_RESOLVE_INTERNAL_H

#include "annalist/doc.h"

#include <string.h>
#include <strings.h>

/* 0-based index of the token's head in its sentence; -1 for the root, -2 when unparsed. */
static inline int ann_rs_head(const ann_sentence *s, int i)
{
    int h = s->tok[i].head;
    return h < 0 || h > s->ntok ? -2 : h - 1;
}

/* deprel without its subtype ("obl:tmod" -> compares "obl"), or all of it when full is 1. */
static inline int ann_rs_rel(const ann_token *t, const char *rel)
{
    if (!t->deprel) return 0;
    size_t n = strlen(rel);
    return !strncmp(t->deprel, rel, n) && (t->deprel[n] == 0 || t->deprel[n] == ':');
}

/* Case-insensitive word equality on the form. */
static inline int ann_rs_is(const ann_token *t, const char *w)
{
    return t->form && !strcasecmp(t->form, w);
}

/* The lemma when known, else the form. */
static inline const char *ann_rs_lemma(const ann_token *t)
{
    return t->lemma && t->lemma[0] && strcmp(t->lemma, "_") ? t->lemma : t->form;
}

static inline int ann_rs_upos(const ann_token *t, const char *u)
{
    return t->upos && !strcmp(t->upos, u);
}

/* 1 when w (case-insensitive) is in the NULL-terminated list. */
int ann_rs_in(const char *w, const char *const *list);

/* The token of sentence s covering byte offset off (the trigger's start); -1 when none. */
int ann_rs_token_at(const ann_sentence *s, uint32_t off);

/* 1 when a is b or an ancestor of b in the sentence tree. */
int ann_rs_dominates(const ann_sentence *s, int a, int b);

#endif

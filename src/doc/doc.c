/* Allocation of documents and their layers; everything hangs off the document's arena
 * except the growable arrays, which are realloc'd and freed with the document. */
#include "annalist/doc.h"

#include <stdlib.h>
#include <string.h>

ann_doc *ann_doc_new(void)
{
    ann_doc *d = ann_xcalloc(1, sizeof *d);
    d->text = "";
    return d;
}

void ann_doc_free(ann_doc *d)
{
    if (!d) return;
    for (int i = 0; i < d->nevent; i++) free(d->event[i].evidence);
    free(d->sent);
    free(d->ment);
    free(d->event);
    ann_arena_free(&d->arena);
    free(d);
}

void ann_doc_set_text(ann_doc *d, const char *text, size_t len)
{
    d->text = ann_arena_strndup(&d->arena, text, len);
    d->len = len;
}

/* Arrays grow by doubling; capacity is recomputed from the count so no field is needed. */
static void *grow(void *arr, int n, size_t elem)
{
    if (n == 0 || (n & (n - 1)) == 0) {
        size_t cap = n ? (size_t)n * 2 : 4;
        arr = ann_xrealloc(arr, cap * elem);
    }
    return arr;
}

ann_sentence *ann_doc_add_sentence(ann_doc *d, int ntok)
{
    d->sent = grow(d->sent, d->nsent, sizeof *d->sent);
    ann_sentence *s = &d->sent[d->nsent++];
    memset(s, 0, sizeof *s);
    s->ntok = ntok;
    s->tok = ann_arena_alloc(&d->arena, (size_t)(ntok ? ntok : 1) * sizeof *s->tok);
    for (int i = 0; i < ntok; i++) s->tok[i].head = -1;
    return s;
}

ann_event *ann_doc_add_event(ann_doc *d)
{
    d->event = grow(d->event, d->nevent, sizeof *d->event);
    ann_event *e = &d->event[d->nevent++];
    memset(e, 0, sizeof *e);
    e->answers = -1;
    return e;
}

ann_mention *ann_doc_add_mention(ann_doc *d)
{
    d->ment = grow(d->ment, d->nment, sizeof *d->ment);
    ann_mention *m = &d->ment[d->nment++];
    memset(m, 0, sizeof *m);
    return m;
}

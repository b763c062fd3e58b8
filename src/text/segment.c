/* Interim segmenter: whitespace tokens, sentences at . ! ? before an uppercase letter.
 * Replaced by the UD-conformant tokenizer (issue 2); kept tiny so the pipeline runs meanwhile. */
#include "annalist/text.h"

#include <string.h>

int ann_text_segment(ann_doc *d, ann_err *err)
{
    (void)err;
    d->nsent = 0;
    const char *t = d->text;
    size_t n = d->len, i = 0;
    int para = 0;
    while (i < n) {
        while (i < n && (t[i] == ' ' || t[i] == '\t' || t[i] == '\r' || t[i] == '\n')) {
            if (t[i] == '\n') {
                size_t j = i + 1;
                while (j < n && (t[j] == ' ' || t[j] == '\t' || t[j] == '\r')) j++;
                if (j < n && t[j] == '\n' && d->nsent) para++;
            }
            i++;
        }
        if (i >= n) break;
        uint32_t st[4096], en[4096];
        int nt = 0;
        while (i < n && nt < 4096) {
            size_t s = i;
            while (i < n && t[i] != ' ' && t[i] != '\t' && t[i] != '\n' && t[i] != '\r') i++;
            size_t e = i;
            int stop = e > s && strchr(".!?", t[e - 1]) && e - s > 1;
            if (stop) e--;
            st[nt] = (uint32_t)s; en[nt++] = (uint32_t)e;
            if (stop && nt < 4096) { st[nt] = (uint32_t)e; en[nt++] = (uint32_t)e + 1; }
            while (i < n && (t[i] == ' ' || t[i] == '\t')) i++;
            if (stop || i >= n || t[i] == '\n' || t[i] == '\r') break;
        }
        ann_sentence *s = ann_doc_add_sentence(d, nt);
        s->paragraph = para;
        s->start = st[0];
        s->end = en[nt - 1];
        for (int k = 0; k < nt; k++) {
            s->tok[k].start = st[k];
            s->tok[k].end = en[k];
            s->tok[k].form = ann_arena_strndup(&d->arena, t + st[k], en[k] - st[k]);
            s->tok[k].space_after = en[k] < n && (t[en[k]] == ' ' || t[en[k]] == '\n');
        }
    }
    return 0;
}

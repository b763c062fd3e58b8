/* CoNLL-U writer. Input read from CoNLL-U comes back out unchanged (comments, multiword
 * tokens, MISC); text input gets SpaceAfter=No derived from the byte offsets. */
#include "annalist/io.h"

#include <string.h>

static void col(ann_buf *b, const char *s)
{
    ann_buf_putc(b, '\t');
    ann_buf_puts(b, s && *s ? s : "_");
}

/* A sentence's text as one line: newlines and tabs inside it become spaces. */
static void text_line(ann_buf *b, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        ann_buf_putc(b, c == '\n' || c == '\r' || c == '\t' ? ' ' : c);
    }
}

void ann_conllu_write(ann_buf *b, const ann_doc *d, int all)
{
    ann_buf_printf(b, "# newdoc id = %s\n", d->id ? d->id : "doc");
    int prev_par = 0;
    for (int si = 0; si < d->nsent; si++) {
        const ann_sentence *s = &d->sent[si];
        if (si > 0 && (s->newpar || s->paragraph != prev_par)) ann_buf_puts(b, "# newpar\n");
        prev_par = s->paragraph;
        if (s->sent_id) ann_buf_printf(b, "# sent_id = %s\n", s->sent_id);
        else ann_buf_printf(b, "# sent_id = %s-%d\n", d->id ? d->id : "doc", si + 1);
        for (int c = 0; c < s->ncomment; c++) ann_buf_printf(b, "%s\n", s->comment[c]);
        ann_buf_puts(b, "# text = ");
        if (s->end > s->start && s->end <= d->len) text_line(b, d->text + s->start, s->end - s->start);
        ann_buf_putc(b, '\n');
        int mi = 0;
        for (int i = 0; i < s->ntok; i++) {
            const ann_token *t = &s->tok[i];
            int id = i + 1;
            int in_mwt = 0;
            while (mi < s->nmwt && s->mwt[mi].first == id) {
                const ann_mwt *m = &s->mwt[mi++];
                ann_buf_printf(b, "%d-%d\t%s\t_\t_\t_\t_\t_\t_\t_", m->first, m->last, m->form);
                col(b, m->misc);
                ann_buf_putc(b, '\n');
            }
            for (int k = 0; k < s->nmwt; k++)
                if (id >= s->mwt[k].first && id <= s->mwt[k].last) in_mwt = 1;
            ann_buf_printf(b, "%d\t%s", id, t->form);
            if (all) {
                col(b, t->lemma);
                col(b, t->upos);
                col(b, t->xpos);
                col(b, t->feats);
                if (t->head >= 0) ann_buf_printf(b, "\t%d", t->head);
                else col(b, NULL);
                col(b, t->deprel);
                col(b, t->deps);
            } else {
                ann_buf_puts(b, "\t_\t_\t_\t_\t_\t_\t_");
            }
            if (t->misc) {
                col(b, t->misc);
            } else if (!in_mwt && i + 1 < s->ntok && t->end == s->tok[i + 1].start) {
                col(b, "SpaceAfter=No");
            } else if (!in_mwt && i + 1 == s->ntok && t->end < d->len && t->end == s->end &&
                       si + 1 < d->nsent && d->sent[si + 1].start == t->end) {
                col(b, "SpaceAfter=No");
            } else {
                col(b, NULL);
            }
            ann_buf_putc(b, '\n');
        }
        ann_buf_putc(b, '\n');
    }
}

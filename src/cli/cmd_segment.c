/* `annalist segment`: sentences and tokens with byte offsets, as CoNLL-U or JSONL. */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "usage: annalist segment [options] [FILE...]\n\n"
    "Splits documents into sentences and tokens (Universal Dependencies English conventions:\n"
    "clitics split as multiword tokens, \"don't\" = do n't; abbreviations, numbers, URLs and\n"
    "e-mail addresses kept whole). Blank lines separate paragraphs. CoNLL-U input keeps its\n"
    "own tokenization; to re-segment a treebank's text see 'annalist eval-segment --raw'.\n\n"
    "  --format conllu|jsonl   CoNLL-U (default: ID and FORM filled, '# text' per sentence) or\n"
    "                          JSONL, one sentence per line with tokens and byte offsets\n"
    "  --input-format F        text, jsonl, conllu or auto (default: guess from name and content)\n"
    "  -j N                    worker threads (output order never changes)\n"
    "  --strict                stop at the first rejected input\n"
    "  --max-doc-bytes N       largest document accepted (default 10 MB)\n\n"
    "Exit status: 0 all inputs accepted, 1 some rejected (others still written), 2 usage error.\n"
    "Example: annalist segment --format jsonl article.txt\n";

/* Offsets are most of the output: formatted by hand, not by printf. */
static void put_uint(ann_buf *b, uint32_t v)
{
    char d[10];
    int n = 0;
    do d[n++] = (char)('0' + v % 10); while ((v /= 10));
    char r[10];
    for (int i = 0; i < n; i++) r[i] = d[n - 1 - i];
    ann_buf_add(b, r, (size_t)n);
}

static void write_jsonl(const ann_doc *d, ann_buf *out)
{
    for (int i = 0; i < d->nsent; i++) {
        const ann_sentence *s = &d->sent[i];
        ann_buf_puts(out, "{\"doc_id\":");
        ann_buf_json_str(out, d->id, strlen(d->id));
        ann_buf_printf(out, ",\"sentence\":%d,\"paragraph\":%d,\"start\":%u,\"end\":%u,\"text\":", i,
                       s->paragraph, s->start, s->end);
        ann_buf_json_str(out, d->text + s->start, s->end - s->start);
        ann_buf_puts(out, ",\"tokens\":[");
        for (int k = 0; k < s->ntok; k++) {
            const ann_token *t = &s->tok[k];
            ann_buf_add(out, k ? ",{\"text\":" : "{\"text\":", k ? 9 : 8);
            ann_buf_json_str(out, t->form, strlen(t->form));  /* CoNLL-U forms need not match the span */
            ann_buf_add(out, ",\"start\":", 9);
            put_uint(out, t->start);
            ann_buf_add(out, ",\"end\":", 7);
            put_uint(out, t->end);
            ann_buf_putc(out, '}');
        }
        ann_buf_puts(out, "]}\n");
    }
}

static int seg_doc(ann_doc *d, ann_buf *out, void *ctx, ann_err *err)
{
    int jsonl = *(int *)ctx;
    /* CoNLL-U input keeps its own tokenization. */
    if (d->nsent == 0 && ann_text_segment(d, err) < 0) return -1;
    if (jsonl) write_jsonl(d, out);
    else ann_conllu_write(out, d, 0);
    return 0;
}

int cmd_segment(int argc, char **argv)
{
    cli_common c;
    int rc = cli_parse_common(argc, argv, &c, usage, NULL, NULL);
    if (rc) { free(c.files); return rc < 0 ? 0 : rc; }
    int jsonl = 0;
    if (c.format && !strcmp(c.format, "jsonl")) jsonl = 1;
    else if (c.format && strcmp(c.format, "conllu")) {
        cli_error("segment: --format must be conllu or jsonl, not '%s'", c.format);
        free(c.files);
        return 2;
    }
    ann_run_opts o = {.files = c.files, .nfiles = c.nfiles, .fmt = c.input_format,
                      .max_doc = c.max_doc, .jobs = c.jobs, .strict = c.strict,
                      .progress = !c.quiet, .fn = seg_doc, .ctx = &jsonl, .out = stdout};
    rc = ann_run(&o, NULL);
    free(c.files);
    return rc;
}

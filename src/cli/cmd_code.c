/* `annalist code`: documents in, CAMEO/PLOVER events out (JSONL, TSV or a table). */
#include "cli.h"
#include "annalist/resolve.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char usage[] =
    "usage: annalist code [options] [FILE...]\n\n"
    "Codes political events in documents (plain text, JSONL with \"id\"/\"text\"/\"date\", or\n"
    "parsed CoNLL-U): actors, CAMEO event code, Goldstein score, quad class, PLOVER category,\n"
    "negation/hedging, attribution, date, and the trigger and pattern that produced each event.\n\n"
    "  --format F          jsonl (one event per line), tsv (header + one event per line) or\n"
    "                      table (aligned, with code names); default: table on a terminal,\n"
    "                      jsonl otherwise\n"
    "  --dict DIR          dictionaries and patterns (default: the shipped data/dict)\n"
    "  --claims            after each document's events, a section pairing claims with the\n"
    "                      denials that answer them (table and tsv formats)\n"
    "  --keep-duplicates   do not merge an event told twice in one story\n"
    "  --model FILE        parser model (default: the shipped one)\n"
    "  --input-format F    text, jsonl, conllu or auto (default: guess)\n"
    "  -j N                worker threads (output order never changes)\n"
    "  --strict            stop at the first rejected input\n"
    "  --max-doc-bytes N   largest document accepted (default 10 MB)\n"
    "  -q, --quiet         no progress line\n\n"
    "Exit status: 0 all inputs coded, 1 some rejected (others still written), 2 usage error.\n"
    "Example: annalist code --format tsv news.jsonl > events.tsv\n";

enum { OUT_JSONL, OUT_TSV, OUT_TABLE };

typedef struct code_ctx {
    const char *dict, *model;
    ann_pipeline *p;
    int fmt, claims, keep_duplicates;
} code_ctx;

static int own_opt(int argc, char **argv, int i, void *ctx)
{
    code_ctx *c = ctx;
    const char *a = argv[i];
    if (!strcmp(a, "--dict") || !strcmp(a, "--model")) {
        if (i + 1 >= argc) { cli_error("code: %s needs a value", a); return -1; }
        if (!strcmp(a, "--dict")) c->dict = argv[i + 1];
        else c->model = argv[i + 1];
        return 2;
    }
    if (!strncmp(a, "--dict=", 7)) { c->dict = a + 7; return 1; }
    if (!strcmp(a, "--claims")) { c->claims = 1; return 1; }
    if (!strcmp(a, "--keep-duplicates")) { c->keep_duplicates = 1; return 1; }
    if (!strncmp(a, "--model=", 8)) { c->model = a + 8; return 1; }
    return 0;
}

static int code_doc(ann_doc *d, ann_buf *out, void *ctx, ann_err *err)
{
    code_ctx *c = ctx;
    if (ann_pipeline_process(c->p, d, err) < 0) return -1;
    if (c->fmt == OUT_JSONL) ann_events_write_jsonl(out, d);
    else if (c->fmt == OUT_TSV) ann_events_write_tsv(out, d);
    else ann_events_write_table(out, d, ann_pipeline_coder(c->p));
    /* JSONL stays one event object per line; each event carries "answers" there instead */
    if (c->claims && c->fmt != OUT_JSONL) ann_resolve_claims_table(out, d);
    return 0;
}

int cmd_code(int argc, char **argv)
{
    cli_common c;
    code_ctx cc = {0};
    int rc = cli_parse_common(argc, argv, &c, usage, own_opt, &cc);
    if (rc) { free(c.files); return rc < 0 ? 0 : rc; }
    if (!c.format) cc.fmt = isatty(1) ? OUT_TABLE : OUT_JSONL;
    else if (!strcmp(c.format, "jsonl") || !strcmp(c.format, "json")) cc.fmt = OUT_JSONL;
    else if (!strcmp(c.format, "tsv")) cc.fmt = OUT_TSV;
    else if (!strcmp(c.format, "table")) cc.fmt = OUT_TABLE;
    else {
        cli_error("code: --format must be jsonl, tsv or table, not '%s'", c.format);
        free(c.files);
        return 2;
    }
    ann_err err;
    ann_err_clear(&err);
    ann_pipeline_opts po = {.dict_dir = cc.dict, .model_path = cc.model, .keep_duplicates = cc.keep_duplicates};
    cc.p = ann_pipeline_open(&po, &err);
    if (!cc.p) {
        cli_error("code: %s", err.msg);
        free(c.files);
        return 1;
    }
    ann_run_opts o = {.files = c.files, .nfiles = c.nfiles, .fmt = c.input_format,
                      .max_doc = c.max_doc, .jobs = c.jobs, .strict = c.strict,
                      .progress = !c.quiet, .fn = code_doc, .ctx = &cc, .out = stdout,
                      .header = cc.fmt == OUT_TSV ? ANN_EVENTS_TSV_HEADER : NULL};
    rc = ann_run(&o, NULL);
    ann_pipeline_close(cc.p);
    free(c.files);
    return rc;
}

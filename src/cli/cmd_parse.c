/* `annalist parse`: tags, lemmas and dependency trees as CoNLL-U (all ten columns). */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "usage: annalist parse [options] [FILE...]\n\n"
    "Tags, lemmatizes and parses documents into Universal Dependencies; writes CoNLL-U.\n"
    "Text and JSONL input is segmented first; CoNLL-U input keeps its tokens and sentences and is\n"
    "re-annotated (LEMMA, UPOS, XPOS, FEATS, HEAD, DEPREL; DEPS is cleared).\n\n"
    "  --model FILE            model file (default: the shipped data/models/en_ud.annm)\n"
    "  --input-format F        text, jsonl, conllu or auto (default: guess from name and content)\n"
    "  -j N                    worker threads (output is byte-identical for any N)\n"
    "  --strict                stop at the first rejected input\n"
    "  --max-doc-bytes N       largest document accepted (default 10 MB)\n\n"
    "Exit status: 0 all inputs accepted, 1 some rejected (others still written), 2 usage error\n"
    "or unusable model.\n"
    "Example: annalist parse article.txt > article.conllu\n";

static int own_opt(int argc, char **argv, int i, void *ctx)
{
    const char **model = ctx;
    const char *a = argv[i];
    if (!strncmp(a, "--model=", 8)) {
        *model = a + 8;
        return 1;
    }
    if (!strcmp(a, "--model")) {
        if (i + 1 >= argc) {
            cli_error("parse: --model needs a file");
            return -1;
        }
        *model = argv[i + 1];
        return 2;
    }
    return 0;
}

static int parse_doc(ann_doc *d, ann_buf *out, void *ctx, ann_err *err)
{
    const ann_model *m = ctx;
    if (d->nsent == 0 && ann_text_segment(d, err) < 0) return -1;
    if (ann_nlp_tag(m, d, err) < 0 || ann_nlp_parse(m, d, err) < 0) return -1;
    ann_conllu_write(out, d, 1);
    return 0;
}

int cmd_parse(int argc, char **argv)
{
    cli_common c;
    const char *model_path = NULL;
    int rc = cli_parse_common(argc, argv, &c, usage, own_opt, &model_path);
    if (rc) { free(c.files); return rc < 0 ? 0 : rc; }
    if (c.format && strcmp(c.format, "conllu")) {
        cli_error("parse: --format must be conllu, not '%s'", c.format);
        free(c.files);
        return 2;
    }
    char *def = model_path ? NULL : ann_model_default_path();
    ann_err err = {0};
    ann_model *m = ann_model_load(model_path ? model_path : def, &err);
    free(def);
    if (!m) {
        cli_error("parse: %s", err.msg);
        free(c.files);
        return 2;
    }
    ann_run_opts o = {.files = c.files, .nfiles = c.nfiles, .fmt = c.input_format,
                      .max_doc = c.max_doc, .jobs = c.jobs, .strict = c.strict,
                      .progress = !c.quiet, .fn = parse_doc, .ctx = m, .out = stdout};
    rc = ann_run(&o, NULL);
    ann_model_free(m);
    free(c.files);
    return rc;
}

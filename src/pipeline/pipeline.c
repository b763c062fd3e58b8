/* The whole flow for one document: segment -> tag/parse -> actors -> coreference -> events ->
 * dates -> claims, denials and duplicates. Loaded once, then used read-only by every thread. */
#include "annalist/actors.h"
#include "annalist/coder.h"
#include "annalist/nlp.h"
#include "annalist/pipeline.h"
#include "annalist/resolve.h"
#include "annalist/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct ann_pipeline {
    ann_model *model;
    ann_actors *actors;
    ann_coder *coder;
    int stop_after;
    ann_resolve_opts ropts;
};

ann_pipeline *ann_pipeline_open(const ann_pipeline_opts *o, ann_err *err)
{
    ann_pipeline_opts def = {0};
    if (!o) o = &def;
    ann_pipeline *p = ann_xcalloc(1, sizeof *p);
    p->stop_after = o->stop_after;
    p->ropts.keep_duplicates = o->keep_duplicates;
    p->coder = ann_coder_load(o->dict_dir, err);
    if (!p->coder) goto fail;
    char *adir = NULL;
    if (o->dict_dir) {
        adir = ann_xmalloc(strlen(o->dict_dir) + 16);
        sprintf(adir, "%s/actors", o->dict_dir);
    } else {
        adir = ann_actors_default_dir();
        if (!adir) {
            ann_err_set(err, 1, "cannot find data/dict/actors; set ANNALIST_DATA or pass --dict DIR");
            goto fail;
        }
    }
    p->actors = ann_actors_load_dir(adir, err);
    free(adir);
    if (!p->actors) goto fail;
    /* Without a model (none trained yet: `make model`) only parsed input (CoNLL-U) is coded;
     * raw text is then rejected with a message saying so. A model named with --model must load. */
    char *mp = o->model_path ? ann_xstrdup(o->model_path) : ann_model_default_path();
    if (mp) {
        p->model = ann_model_load(mp, err);
        free(mp);
        if (!p->model) goto fail;
    }
    return p;
fail:
    ann_pipeline_close(p);
    return NULL;
}

void ann_pipeline_close(ann_pipeline *p)
{
    if (!p) return;
    if (p->model) ann_model_free(p->model);
    if (p->actors) ann_actors_free(p->actors);
    ann_coder_free(p->coder);
    free(p);
}

void ann_pipeline_get_info(const ann_pipeline *p, ann_pipeline_info *info)
{
    info->has_parser = p->model != NULL;
}

const struct ann_coder *ann_pipeline_coder(const ann_pipeline *p) { return p->coder; }

static int parsed(const ann_doc *d)
{
    for (int i = 0; i < d->nsent; i++)
        for (int k = 0; k < d->sent[i].ntok; k++)
            if (d->sent[i].tok[k].head < 0 || !d->sent[i].tok[k].upos) return 0;
    return 1;
}

int ann_pipeline_process(const ann_pipeline *p, ann_doc *d, ann_err *err)
{
    if (d->nsent == 0 && ann_text_segment(d, err) < 0) return -1;
    if (!parsed(d)) {
        if (!p->model) {
            ann_err_set(err, 1, "%s: the text is not parsed and there is no parser model "
                        "(data/models/en_ud.annm); train it with 'make model', pass --model FILE, "
                        "or give CoNLL-U input with tags and heads",
                        d->id ? d->id : "document");
            return -1;
        }
        if (ann_nlp_tag(p->model, d, err) < 0 || ann_nlp_parse(p->model, d, err) < 0) return -1;
    }
    if (p->stop_after == ANN_STAGE_PARSE) return 0;
    d->nment = 0;
    if (ann_actors_tag(p->actors, d, err) < 0) return -1;
    if (ann_resolve_coref(d, err) < 0) return -1;
    if (ann_coder_code(p->coder, d, err) < 0) return -1;
    if (ann_resolve_dates(d, err) < 0) return -1;
    if (ann_resolve_events(d, &p->ropts, err) < 0) return -1;
    return 0;
}

/* The whole flow for one document: segment -> tag/lemma -> parse -> actors -> events ->
 * document-level resolution. The pipeline, not the stages, knows the order. */
#ifndef ANNALIST_PIPELINE_H
#define ANNALIST_PIPELINE_H

#include "doc.h"

typedef struct ann_pipeline ann_pipeline;

/* Where ann_pipeline_process may stop (ann_pipeline_opts.stop_after). */
typedef enum ann_stage {
    ANN_STAGE_ALL = 0,    /* every stage */
    ANN_STAGE_PARSE = 1   /* segmented, tagged and parsed; no actors, no events */
} ann_stage;

typedef struct ann_pipeline_opts {
    const char *model_path;   /* NULL = shipped model */
    const char *dict_dir;     /* NULL = shipped dictionaries */
    int stop_after;           /* 0 = all stages; see ann_stage */
    int keep_duplicates;      /* 1: events told twice stay separate (--keep-duplicates) */
} ann_pipeline_opts;

ann_pipeline *ann_pipeline_open(const ann_pipeline_opts *o, ann_err *err);
/* Runs every stage the document still needs (CoNLL-U input keeps its tokens and, when
 * present, its tags and tree). Thread-safe: p is only read. */
int ann_pipeline_process(const ann_pipeline *p, ann_doc *d, ann_err *err);
void ann_pipeline_close(ann_pipeline *p);

/* Event output, one JSON object per line, in the documented schema. */
void ann_events_write_jsonl(ann_buf *out, const ann_doc *d);
/* Tab-separated, Phoenix-style columns; the header line is ANN_EVENTS_TSV_HEADER. */
#define ANN_EVENTS_TSV_HEADER \
    "doc_id\tsentence\tdate\tsource\ttarget\tcode\troot\tquad_class\tgoldstein\t" \
    "plover_type\tnegated\thedged\tattributed_to\tsource_text\ttarget_text\ttrigger\tpattern\n"
void ann_events_write_tsv(ann_buf *out, const ann_doc *d);
/* For people: aligned columns with the names of the event codes (coder supplies the names). */
void ann_events_write_table(ann_buf *out, const ann_doc *d, const struct ann_coder *c);

/* Per-pipeline options beyond ann_pipeline_opts, for `annalist code`. */
typedef struct ann_pipeline_info {
    int has_parser;       /* 1 when raw text can be tagged and parsed (the NLP stage is built) */
} ann_pipeline_info;
void ann_pipeline_get_info(const ann_pipeline *p, ann_pipeline_info *info);
/* The pipeline's coder (for code names in table output). */
const struct ann_coder *ann_pipeline_coder(const ann_pipeline *p);

#endif

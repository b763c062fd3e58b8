/* Running a per-document function over many inputs on N threads, with output in input order.
 * Documents are read in batches; workers take documents from the batch; the writer emits the
 * rendered outputs in input order, so the bytes written do not depend on the thread count. */
#ifndef ANNALIST_RUN_H
#define ANNALIST_RUN_H

#include "io.h"
#include <stdio.h>

typedef struct ann_run_stats {
    long inputs, docs, rejected, warnings;
    long sentences, tokens, events;
} ann_run_stats;

/* Called on a worker thread: annotate d and render what is to be written into out.
 * Return 0, or -1 with err filled to count the document as rejected (its output is dropped).
 * ctx is shared by all workers and must be used read-only. */
typedef int (*ann_run_fn)(ann_doc *d, ann_buf *out, void *ctx, ann_err *err);

typedef struct ann_run_opts {
    const char *const *files;  /* "-" = stdin; nfiles 0 = stdin */
    int nfiles;
    ann_input_format fmt;
    size_t max_doc;
    int jobs;                  /* worker threads, >= 1 */
    int strict;                /* stop at the first rejected input */
    int progress;              /* 1: progress line on stderr (only when stderr is a terminal) */
    ann_run_fn fn;
    void *ctx;
    FILE *out;
    const char *header;        /* written once before any output, or NULL */
} ann_run_opts;

/* Returns 0 when every input was accepted, 1 when some were rejected (all others were
 * processed and written), 2 when --strict stopped the run. Messages go to stderr. */
int ann_run(const ann_run_opts *o, ann_run_stats *st);

#endif

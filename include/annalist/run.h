/* Running a per-document function over many inputs on N threads, with output in input order.
 * A reader thread feeds a bounded ring, N workers annotate, the calling thread writes the
 * rendered outputs (and the messages) in input order, so the bytes written do not depend on
 * the thread count. Output is flushed whenever the writer has caught up, so with -j 1 each
 * document is written as soon as it is done (a streaming filter). */
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
    int shard_k, shard_n;      /* process only documents with ann_run_in_shard(id, k, n);
                                  shard_n 0 = the process default (see below) */
} ann_run_opts;

/* Sets the shard every ann_run uses when its opts leave shard_n 0 (the CLI's --shard K/N).
 * k is 1-based (1..n); n 0 or 1 = all documents. Returns -1 when k/n is not a valid shard. */
int ann_run_set_default_shard(int k, int n);
/* 1 when the document id falls in shard k of n: ann_hash64(id) % n == k - 1. The N shards
 * of a corpus are disjoint and together cover it, whatever the order of the input. */
int ann_run_in_shard(const char *id, int k, int n);

/* Returns 0 when every input was accepted, 1 when some were rejected (all others were
 * processed and written), 2 when --strict stopped the run. Messages go to stderr. */
int ann_run(const ann_run_opts *o, ann_run_stats *st);

#endif

/* The batch runner behind every command that streams documents: read a batch, let N
 * threads annotate it, write the outputs in order. A batch of one document when -j 1 keeps
 * `annalist code` a true line-by-line filter. */
#include "annalist/run.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

typedef struct {
    ann_doc *doc;
    ann_buf out;
    ann_err err;
    int rc;
} slot;

typedef struct {
    slot *slots;
    int n;
    atomic_int next;
    const ann_run_opts *o;
} batch;

static void *worker(void *arg)
{
    batch *b = arg;
    for (;;) {
        int i = atomic_fetch_add(&b->next, 1);
        if (i >= b->n) break;
        slot *s = &b->slots[i];
        ann_err_clear(&s->err);
        s->rc = b->o->fn(s->doc, &s->out, b->o->ctx, &s->err);
    }
    return NULL;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void run_batch(batch *b, int jobs)
{
    atomic_store(&b->next, 0);
    if (jobs <= 1 || b->n <= 1) {
        worker(b);
        return;
    }
    pthread_t th[64];
    int nt = jobs > 64 ? 64 : jobs;
    if (nt > b->n) nt = b->n;
    for (int i = 1; i < nt; i++) pthread_create(&th[i], NULL, worker, b);
    worker(b);
    for (int i = 1; i < nt; i++) pthread_join(th[i], NULL);
}

int ann_run(const ann_run_opts *o, ann_run_stats *st)
{
    ann_run_stats local = {0};
    if (!st) st = &local;
    memset(st, 0, sizeof *st);
    int jobs = o->jobs < 1 ? 1 : o->jobs;
    int cap = jobs == 1 ? 1 : 32 * jobs;
    batch b = {.slots = ann_xcalloc((size_t)cap, sizeof(slot)), .o = o};
    const char *stdin_only[] = {"-"};
    const char *const *files = o->nfiles ? o->files : stdin_only;
    int nfiles = o->nfiles ? o->nfiles : 1;
    int stopped = 0;
    int progress = o->progress && isatty(2);
    double t0 = now(), last = t0;
    if (o->header) fputs(o->header, o->out);

    for (int fi = 0; fi < nfiles && !stopped; fi++) {
        ann_err err;
        ann_err_clear(&err);
        st->inputs++;
        ann_reader *r = ann_reader_open(files[fi], o->fmt, o->max_doc, &err);
        if (!r) {
            fprintf(stderr, "annalist: %s\n", err.msg);
            st->rejected++;
            if (o->strict) stopped = 1;
            continue;
        }
        int eof = 0;
        while (!eof && !stopped) {
            b.n = 0;
            while (b.n < cap) {
                ann_doc *d = NULL;
                int rc = ann_reader_next(r, &d, &err);
                if (rc == 0) { eof = 1; break; }
                if (rc < 0) {
                    fprintf(stderr, "annalist: %s\n", err.msg);
                    st->rejected++;
                    if (o->strict) { stopped = 1; break; }
                    continue;
                }
                if (err.code) {
                    fprintf(stderr, "annalist: %s\n", err.msg);
                    st->warnings++;
                }
                b.slots[b.n++].doc = d;
            }
            run_batch(&b, jobs);
            for (int i = 0; i < b.n; i++) {
                slot *s = &b.slots[i];
                if (s->rc < 0) {
                    fprintf(stderr, "annalist: %s\n", s->err.msg[0] ? s->err.msg : "document rejected");
                    st->rejected++;
                    if (o->strict) stopped = 1;
                } else {
                    if (s->out.len) fwrite(s->out.s, 1, s->out.len, o->out);
                    st->docs++;
                    st->sentences += s->doc->nsent;
                    for (int k = 0; k < s->doc->nsent; k++) st->tokens += s->doc->sent[k].ntok;
                    st->events += s->doc->nevent;
                }
                ann_buf_clear(&s->out);
                ann_doc_free(s->doc);
                s->doc = NULL;
            }
            /* Flushing per batch keeps a pipe consumer fed without a flush per line. */
            fflush(o->out);
            if (progress && now() - last > 0.5) {
                last = now();
                double el = last - t0;
                fprintf(stderr, "\r%ld docs, %ld sentences, %ld events, %.0f docs/s   ", st->docs,
                        st->sentences, st->events, el > 0 ? (double)st->docs / el : 0.0);
            }
        }
        ann_reader_close(r);
    }
    if (progress && now() - t0 > 0.5) fputc('\n', stderr);
    for (int i = 0; i < cap; i++) ann_buf_free(&b.slots[i].out);
    free(b.slots);
    if (ferror(o->out)) {
        fprintf(stderr, "annalist: error writing output (disk full or closed pipe?)\n");
        return 2;
    }
    return stopped ? 2 : st->rejected ? 1 : 0;
}

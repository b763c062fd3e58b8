/* The batch runner behind every command that streams documents: a reader thread, N worker
 * threads and an ordered writer (the calling thread), joined by a bounded ring of slots.
 * Output bytes, and the messages on stderr, come out in input order whatever N is. */
#include "annalist/run.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* A slot carries one input item through the ring: a document to annotate, or a message
 * from the reader (a rejected record, a file that cannot be opened) that must be reported
 * at its place in the input order. */
enum { MSG_NONE, MSG_WARNING, MSG_REJECTED };

typedef struct {
    long seq;
    ann_doc *doc;       /* NULL for a message-only slot */
    int msg;            /* reader's verdict on the record (MSG_*) */
    ann_err rerr;       /* reader's message */
    ann_buf out;
    ann_err err;        /* worker's message */
    int rc;
    int done;
} slot;

typedef struct {
    const ann_run_opts *o;
    slot *ring;
    long cap;
    long nread, ntaken, nwritten; /* nwritten <= ntaken <= nread <= nwritten + cap */
    int reader_done, stop;
    long inputs;                  /* files opened or attempted, counted by the reader */
    int shard_k, shard_n;
    pthread_mutex_t mu;
    pthread_cond_t space, work, ready;
} runner;

static int g_shard_k, g_shard_n;

int ann_run_set_default_shard(int k, int n)
{
    if (n < 0 || (n > 0 && (k < 1 || k > n))) return -1;
    g_shard_k = k;
    g_shard_n = n;
    return 0;
}

int ann_run_in_shard(const char *id, int k, int n)
{
    if (n <= 1) return 1;
    uint64_t h = ann_hash64(id ? id : "", id ? strlen(id) : 0, 0);
    return (int)(h % (uint64_t)n) == k - 1;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Reader side: wait for a free slot, fill it, publish it. Returns 0 when the run stopped. */
static int push(runner *r, ann_doc *d, int msg, const ann_err *e)
{
    pthread_mutex_lock(&r->mu);
    while (!r->stop && r->nread >= r->nwritten + r->cap) pthread_cond_wait(&r->space, &r->mu);
    if (r->stop) {
        pthread_mutex_unlock(&r->mu);
        ann_doc_free(d);
        return 0;
    }
    slot *s = &r->ring[r->nread % r->cap];
    s->seq = r->nread;
    s->doc = d;
    s->msg = msg;
    if (msg) s->rerr = *e;
    s->rc = 0;
    s->done = 0;
    r->nread++;
    pthread_cond_signal(&r->work);
    pthread_mutex_unlock(&r->mu);
    return 1;
}

static int stopped(runner *r)
{
    pthread_mutex_lock(&r->mu);
    int s = r->stop;
    pthread_mutex_unlock(&r->mu);
    return s;
}

static void *reader_main(void *arg)
{
    runner *r = arg;
    const ann_run_opts *o = r->o;
    const char *stdin_only[] = {"-"};
    const char *const *files = o->nfiles ? o->files : stdin_only;
    int nfiles = o->nfiles ? o->nfiles : 1;
    for (int fi = 0; fi < nfiles && !stopped(r); fi++) {
        ann_err err;
        ann_err_clear(&err);
        r->inputs++;
        ann_reader *rd = ann_reader_open(files[fi], o->fmt, o->max_doc, &err);
        if (!rd) {
            if (!push(r, NULL, MSG_REJECTED, &err)) break;
            continue;
        }
        for (;;) {
            ann_doc *d = NULL;
            ann_err_clear(&err);
            int rc = ann_reader_next(rd, &d, &err);
            if (rc == 0) break;
            if (rc < 0) {
                if (!push(r, NULL, MSG_REJECTED, &err)) break;
                continue;
            }
            if (r->shard_n > 1 && !ann_run_in_shard(d->id, r->shard_k, r->shard_n)) {
                ann_doc_free(d);
                continue;
            }
            if (!push(r, d, err.code ? MSG_WARNING : MSG_NONE, &err)) break;
        }
        ann_reader_close(rd);
    }
    pthread_mutex_lock(&r->mu);
    r->reader_done = 1;
    pthread_cond_broadcast(&r->work);
    pthread_cond_broadcast(&r->ready);
    pthread_mutex_unlock(&r->mu);
    return NULL;
}

static void *worker_main(void *arg)
{
    runner *r = arg;
    pthread_mutex_lock(&r->mu);
    for (;;) {
        while (r->ntaken >= r->nread && !r->reader_done) pthread_cond_wait(&r->work, &r->mu);
        if (r->ntaken >= r->nread) break;
        slot *s = &r->ring[r->ntaken % r->cap];
        r->ntaken++;
        int skip = r->stop || !s->doc;
        pthread_mutex_unlock(&r->mu);
        if (!skip) {
            ann_err_clear(&s->err);
            s->rc = r->o->fn(s->doc, &s->out, r->o->ctx, &s->err);
        }
        pthread_mutex_lock(&r->mu);
        s->done = 1;
        /* Only the writer waits on `ready`, and only for the oldest slot. */
        if (s->seq == r->nwritten) pthread_cond_signal(&r->ready);
    }
    pthread_mutex_unlock(&r->mu);
    return NULL;
}

/* Writer side, on the calling thread: report and write slot s, which is next in order.
 * Returns 1 when --strict must stop the run here. */
static int emit(runner *r, slot *s, ann_run_stats *st)
{
    const ann_run_opts *o = r->o;
    if (s->msg) {
        fprintf(stderr, "annalist: %s\n", s->rerr.msg);
        if (s->msg == MSG_WARNING) st->warnings++;
        else st->rejected++;
    }
    if (s->msg == MSG_REJECTED) return o->strict;
    if (s->rc < 0) {
        fprintf(stderr, "annalist: %s\n", s->err.msg[0] ? s->err.msg : "document rejected");
        st->rejected++;
        return o->strict;
    }
    if (s->out.len) fwrite(s->out.s, 1, s->out.len, o->out);
    st->docs++;
    st->sentences += s->doc->nsent;
    for (int k = 0; k < s->doc->nsent; k++) st->tokens += s->doc->sent[k].ntok;
    st->events += s->doc->nevent;
    return 0;
}

int ann_run(const ann_run_opts *o, ann_run_stats *st)
{
    ann_run_stats local = {0};
    if (!st) st = &local;
    memset(st, 0, sizeof *st);
    int jobs = o->jobs < 1 ? 1 : o->jobs > 256 ? 256 : o->jobs;
    runner r = {.o = o, .cap = 4L * jobs + 4};
    r.shard_k = o->shard_n ? o->shard_k : g_shard_k;
    r.shard_n = o->shard_n ? o->shard_n : g_shard_n;
    r.ring = ann_xcalloc((size_t)r.cap, sizeof(slot));
    pthread_mutex_init(&r.mu, NULL);
    pthread_cond_init(&r.space, NULL);
    pthread_cond_init(&r.work, NULL);
    pthread_cond_init(&r.ready, NULL);
    if (o->header) fputs(o->header, o->out);

    pthread_t rth, wth[256];
    int nw = 0;
    if (pthread_create(&rth, NULL, reader_main, &r)) {
        fprintf(stderr, "annalist: cannot start the reader thread\n");
        free(r.ring);
        return 2;
    }
    for (int i = 0; i < jobs; i++)
        if (!pthread_create(&wth[nw], NULL, worker_main, &r)) nw++;
    if (nw == 0) {
        /* Without a worker nothing would drain the ring; the reader must still end. */
        fprintf(stderr, "annalist: cannot start worker threads\n");
        pthread_mutex_lock(&r.mu);
        r.stop = 1;
        pthread_cond_broadcast(&r.space);
        pthread_mutex_unlock(&r.mu);
        pthread_join(rth, NULL);
        for (long i = r.nwritten; i < r.nread; i++) ann_doc_free(r.ring[i % r.cap].doc);
        free(r.ring);
        return 2;
    }

    int progress = o->progress && isatty(2);
    double t0 = now(), last = t0;
    pthread_mutex_lock(&r.mu);
    for (;;) {
        slot *s = &r.ring[r.nwritten % r.cap];
        while (!(r.nwritten < r.nread && s->done) && !(r.reader_done && r.nwritten >= r.nread)) {
            /* Nothing to write yet: hand what was written to a pipe consumer now, so a
             * streaming filter answers each document as soon as it is done. */
            pthread_mutex_unlock(&r.mu);
            fflush(o->out);
            pthread_mutex_lock(&r.mu);
            if (r.nwritten < r.nread && s->done) break;
            if (r.reader_done && r.nwritten >= r.nread) break;
            pthread_cond_wait(&r.ready, &r.mu);
        }
        if (r.nwritten >= r.nread) break;
        int was_stopped = r.stop, stop_now = 0;
        pthread_mutex_unlock(&r.mu);
        if (!was_stopped) stop_now = emit(&r, s, st);
        /* A consumer that went away (closed pipe with SIGPIPE ignored, full disk): stop reading. */
        if (ferror(o->out)) stop_now = 1;
        ann_doc_free(s->doc);
        s->doc = NULL;
        ann_buf_clear(&s->out);
        if (s->out.cap > (1u << 20)) ann_buf_free(&s->out);
        if (progress && now() - last > 0.5) {
            last = now();
            double el = last - t0;
            fprintf(stderr, "\r%ld docs, %ld sentences, %ld events, %.0f docs/s   ", st->docs,
                    st->sentences, st->events, el > 0 ? (double)st->docs / el : 0.0);
        }
        pthread_mutex_lock(&r.mu);
        r.nwritten++;
        if (stop_now) {
            /* Everything after the first rejection is dropped: the reader stops at its next
             * record, workers skip what is queued, and this loop frees it. */
            r.stop = 1;
            pthread_cond_broadcast(&r.space);
        } else {
            pthread_cond_signal(&r.space);
        }
    }
    pthread_mutex_unlock(&r.mu);
    pthread_join(rth, NULL);
    for (int i = 0; i < nw; i++) pthread_join(wth[i], NULL);
    fflush(o->out);
    if (progress && now() - t0 > 0.5) fputc('\n', stderr);
    st->inputs = r.inputs;
    for (long i = 0; i < r.cap; i++) ann_buf_free(&r.ring[i].out);
    free(r.ring);
    pthread_mutex_destroy(&r.mu);
    pthread_cond_destroy(&r.space);
    pthread_cond_destroy(&r.work);
    pthread_cond_destroy(&r.ready);
    if (ferror(o->out)) {
        fprintf(stderr, "annalist: error writing output (disk full or closed pipe?)\n");
        return 2;
    }
    return r.stop ? 2 : st->rejected ? 1 : 0;
}

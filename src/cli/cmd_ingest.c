/* `annalist ingest`: code documents (or read coded events JSONL) into a SQLite or PostgreSQL
 * store, in batches of whole documents, idempotently; --recode re-codes what is stored. */
#include "cli.h"

#include <dirent.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static const char usage[] =
    "usage: annalist ingest --db PATH|postgresql://... [options] [FILE...]\n\n"
    "Stores documents, sentences, events and actors. Documents are keyed by id and content\n"
    "hash: re-ingesting the same input changes nothing, a changed document has its events\n"
    "replaced atomically. Each batch of documents is one transaction, so an interrupted run\n"
    "leaves whole documents only; run it again to finish.\n\n"
    "  --db TARGET             SQLite file (created when missing) or postgresql:// URL\n"
    "  --events                FILEs are events JSONL ('annalist code --format jsonl'), not documents\n"
    "  --recode                re-code every stored document with the current dictionaries and\n"
    "                          model; reports the events added/removed per code\n"
    "  --batch N               documents per transaction (default 1000)\n"
    "  --dict-version V        dictionary version recorded with each event (default: a hash of\n"
    "                          the dictionary files in use, or none for --events)\n"
    "  --dict DIR, --model F   dictionaries / model for coding (default: the shipped ones)\n"
    "  --input-format F        documents: text, jsonl, conllu or auto\n"
    "  -j N                    coding threads\n"
    "  -q, --quiet             no progress line and no summary\n\n"
    "Exit status: 0 everything stored, 1 some inputs rejected (the rest stored), 2 usage error or\n"
    "the store failed (the current batch is rolled back; whole documents stored before it stay).\n"
    "Example: annalist ingest --db events.sqlite --events coded.jsonl\n";

typedef struct opts {
    const char *db, *dict_version, *dict, *model;
    int events, recode;
    long batch;
} opts;

static int own_opt(int argc, char **argv, int i, void *ctx)
{
    opts *o = ctx;
    const char *a = argv[i];
    const char *names[] = {"--db", "--dict-version", "--dict", "--model", "--batch"};
    for (int k = 0; k < 5; k++) {
        size_t n = strlen(names[k]);
        const char *v = NULL;
        int used = 0;
        if (!strcmp(a, names[k])) {
            if (i + 1 >= argc) { cli_error("ingest: %s needs a value", names[k]); return -1; }
            v = argv[i + 1];
            used = 2;
        } else if (!strncmp(a, names[k], n) && a[n] == '=') {
            v = a + n + 1;
            used = 1;
        } else {
            continue;
        }
        if (k == 0) o->db = v;
        else if (k == 1) o->dict_version = v;
        else if (k == 2) o->dict = v;
        else if (k == 3) o->model = v;
        else {
            char *end;
            o->batch = strtol(v, &end, 10);
            if (*end || o->batch < 1) { cli_error("ingest: --batch takes a positive count, not '%s'", v); return -1; }
        }
        return used;
    }
    if (!strcmp(a, "--events")) { o->events = 1; return 1; }
    if (!strcmp(a, "--recode")) { o->recode = 1; return 1; }
    return 0;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

typedef struct ingest {
    ann_store *st;
    long batch, in_batch;
    long added, replaced, unchanged, rejected, events, removed;
    int fatal;
    int progress;
    double t0, last;
    pthread_mutex_t mu;
    const char *dict_version;
} ingest;

static void show_progress(ingest *g, long long done, long long total, int force)
{
    if (!g->progress) return;
    double t = now();
    if (!force && t - g->last < 0.5) return;
    g->last = t;
    double el = t - g->t0;
    long docs = g->added + g->replaced + g->unchanged;
    fprintf(stderr, "\r%ld docs (%.0f docs/s), %ld events", docs, el > 0 ? docs / el : 0.0, g->events);
    if (total > 0 && done > 0 && done <= total) {
        double eta = el * (double)(total - done) / (double)done;
        fprintf(stderr, ", %.0f%%, ETA %.0fs", 100.0 * (double)done / (double)total, eta);
    }
    fputs("   ", stderr);
}

/* Stores one document; commits when the batch is full. -1 on a store failure (fatal). */
static int put_one(ingest *g, const ann_store_doc *sd)
{
    ann_err err = {0};
    if (!g->in_batch && ann_store_begin(g->st, &err) < 0) goto fail;
    long removed = 0;
    int rc = ann_store_put(g->st, sd, &removed, &err);
    if (rc < 0) goto fail;
    g->in_batch++;
    if (rc == ANN_STORE_ADDED) g->added++;
    else if (rc == ANN_STORE_REPLACED) g->replaced++;
    else g->unchanged++;
    if (rc != ANN_STORE_UNCHANGED) g->events += sd->nevent;
    g->removed += removed;
    if (g->in_batch >= g->batch && ann_store_commit(g->st, &err) < 0) goto fail;
    if (g->in_batch >= g->batch) g->in_batch = 0;
    return 0;
fail:
    if (g->progress) fputc('\n', stderr);
    cli_error("ingest: %s", err.msg);
    if (g->in_batch) cli_error("ingest: the last %ld document(s) (the current batch) were rolled back", g->in_batch);
    ann_store_rollback(g->st);
    g->in_batch = 0;
    g->fatal = 1;
    return -1;
}

static int finish_batch(ingest *g)
{
    if (!g->in_batch || g->fatal) return g->fatal ? -1 : 0;
    ann_err err = {0};
    if (ann_store_commit(g->st, &err) < 0) {
        if (g->progress) fputc('\n', stderr);
        cli_error("ingest: %s", err.msg);
        cli_error("ingest: the last %ld document(s) (the current batch) were rolled back", g->in_batch);
        g->in_batch = 0;
        g->fatal = 1;
        return -1;
    }
    g->in_batch = 0;
    return 0;
}

static void end_bulk(ingest *g, int bulk)
{
    if (!bulk) return;
    ann_err err = {0};
    if (g->progress) fprintf(stderr, "\r%60s\rbuilding indexes ...", "");
    if (ann_store_bulk(g->st, 0, &err) < 0) {
        cli_error("ingest: building the indexes failed: %s; they are rebuilt at the next ingest", err.msg);
        g->fatal = 1;
    }
}

static void summary(ingest *g, int quiet)
{
    if (g->progress) { show_progress(g, 0, 0, 1); fputc('\n', stderr); }
    if (quiet) return;
    double el = now() - g->t0;
    fprintf(stderr, "ingest: %ld documents (%ld added, %ld replaced, %ld unchanged, %ld rejected), "
            "%ld events stored, %ld replaced events removed, %.2fs (%.0f events/s) into %s\n",
            g->added + g->replaced + g->unchanged, g->added, g->replaced, g->unchanged, g->rejected,
            g->events, g->removed, el, el > 0 ? g->events / el : 0.0, ann_store_backend(g->st));
}

/* Events JSONL: a reader thread parses ahead (JSON decoding is half the work) while this
 * thread stores, handing documents over through a bounded queue. */
#define QCAP (ANN_STORE_JSONL_RING - 4)

typedef struct qitem {
    ann_store_doc d;
    int rc;                   /* 1 document, -1 rejected (msg), 0 end of this file */
    char msg[sizeof(((ann_err *)0)->msg)];
    long long done, total;
} qitem;

typedef struct equeue {
    pthread_mutex_t mu;
    pthread_cond_t more, room;
    qitem item[QCAP];
    int head, n;
    int stop;                 /* set by the consumer: the store failed, stop reading */
    ann_store_jsonl *r;
} equeue;

static void *reader_main(void *arg)
{
    equeue *q = arg;
    for (;;) {
        qitem it;
        ann_err err = {0};
        it.rc = ann_store_jsonl_next(q->r, &it.d, &err);
        if (it.rc < 0) snprintf(it.msg, sizeof it.msg, "%s", err.msg);
        ann_store_jsonl_progress(q->r, &it.done, &it.total);
        pthread_mutex_lock(&q->mu);
        while (q->n == QCAP && !q->stop) pthread_cond_wait(&q->room, &q->mu);
        if (q->stop) { pthread_mutex_unlock(&q->mu); break; }
        /* Waking the consumer costs a futex call; it can only be waiting on an empty queue. */
        if (q->n == 0) pthread_cond_signal(&q->more);
        q->item[(q->head + q->n++) % QCAP] = it;
        pthread_mutex_unlock(&q->mu);
        if (it.rc == 0) break;
    }
    return NULL;
}

static int ingest_file(ingest *g, ann_store_jsonl *r, int strict)
{
    equeue q = {.r = r};
    pthread_mutex_init(&q.mu, NULL);
    pthread_cond_init(&q.more, NULL);
    pthread_cond_init(&q.room, NULL);
    pthread_t th;
    pthread_create(&th, NULL, reader_main, &q);
    pthread_setname_np(th, "ann-jsonl"); /* so top and perf tell the decoder from the writer */
    int stopped = 0;
    for (;;) {
        pthread_mutex_lock(&q.mu);
        while (q.n == 0) pthread_cond_wait(&q.more, &q.mu);
        qitem *it = &q.item[q.head];
        pthread_mutex_unlock(&q.mu);
        if (it->rc == 0) break;
        if (it->rc < 0) {
            if (g->progress) fputc('\n', stderr);
            cli_error("ingest: %s", it->msg);
            g->rejected++;
            if (strict) stopped = 1;
        } else {
            it->d.dict_version = g->dict_version;
            if (put_one(g, &it->d) < 0) stopped = 1;
            else show_progress(g, it->done, it->total, 0);
        }
        pthread_mutex_lock(&q.mu);
        q.head = (q.head + 1) % QCAP;
        /* Likewise the reader can only be waiting on a full queue (or must hear of a stop). */
        if (q.n-- == QCAP || stopped) pthread_cond_signal(&q.room);
        if (stopped) q.stop = 1;
        pthread_mutex_unlock(&q.mu);
        if (stopped) break;
    }
    pthread_join(th, NULL);
    pthread_cond_destroy(&q.more);
    pthread_cond_destroy(&q.room);
    pthread_mutex_destroy(&q.mu);
    return stopped;
}

static int ingest_events(ingest *g, cli_common *c)
{
    const char *stdin_only[] = {"-"};
    const char **files = c->nfiles ? c->files : stdin_only;
    int n = c->nfiles ? c->nfiles : 1;
    for (int i = 0; i < n && !g->fatal; i++) {
        ann_err err = {0};
        ann_store_jsonl *r = ann_store_jsonl_open(files[i], &err);
        if (!r) {
            cli_error("ingest: %s", err.msg);
            g->rejected++;
            if (c->strict) break;
            continue;
        }
        int stopped = ingest_file(g, r, c->strict);
        ann_store_jsonl_close(r);
        if (stopped) break;
    }
    return finish_batch(g);
}

/* ---- coding documents -------------------------------------------------------------- */

typedef struct code_ctx {
    ingest *g;
    ann_pipeline *p;
} code_ctx;

static int code_doc(ann_doc *d, ann_buf *out, void *ctx, ann_err *err)
{
    code_ctx *cc = ctx;
    ingest *g = cc->g;
    if (g->fatal) { ann_err_set(err, 1, "%s: not stored (the store failed earlier)", d->id); return -1; }
    if (ann_pipeline_process(cc->p, d, err) < 0) return -1;
    ann_arena scratch = {0};
    ann_store_doc sd;
    ann_store_doc_from(&sd, d, g->dict_version, &scratch);
    pthread_mutex_lock(&g->mu);
    int rc = g->fatal ? -1 : put_one(g, &sd);
    show_progress(g, 0, 0, 0);
    pthread_mutex_unlock(&g->mu);
    ann_arena_free(&scratch);
    if (rc < 0) { ann_err_set(err, 1, "%s: not stored (the store failed)", d->id); return -1; }
    return 0;
}

/* A version for the dictionaries in use: a hash over their files' names and contents, so two
 * runs with the same dictionaries agree and any edit changes it. */
static char *dict_hash(const char *dir)
{
    char *path = dir ? ann_xstrdup(dir) : ann_data_path("dict");
    if (!path) return NULL;
    DIR *dh = opendir(path);
    if (!dh) { free(path); return NULL; }
    char **names = NULL;
    int n = 0, cap = 0;
    struct dirent *de;
    while ((de = readdir(dh))) {
        if (de->d_name[0] == '.') continue;
        if (n == cap) names = ann_xrealloc(names, (size_t)(cap = cap ? cap * 2 : 32) * sizeof *names);
        names[n++] = ann_xstrdup(de->d_name);
    }
    closedir(dh);
    qsort(names, (size_t)n, sizeof *names, (int (*)(const void *, const void *))strcmp);
    uint64_t h = 0;
    for (int i = 0; i < n; i++) {
        char full[4096];
        snprintf(full, sizeof full, "%s/%s", path, names[i]);
        h = ann_hash64(names[i], strlen(names[i]), h);
        size_t len;
        ann_err e = {0};
        char *data = ann_read_file(full, &len, 1u << 30, &e);
        if (data) { h = ann_hash64(data, len, h); free(data); }
        free(names[i]);
    }
    free(names);
    free(path);
    char *out = ann_xmalloc(24);
    snprintf(out, 24, "dict-%012llx", (unsigned long long)(h & 0xffffffffffffull));
    return out;
}

typedef struct code_delta {
    char code[8];
    long added, removed;
} code_delta;

static void delta_add(code_delta **d, int *n, const char *code, long add, long rem)
{
    int i;
    for (i = 0; i < *n && strcmp((*d)[i].code, code); i++) {}
    if (i == *n) {
        *d = ann_xrealloc(*d, (size_t)(*n + 1) * sizeof **d);
        memset(&(*d)[i], 0, sizeof **d);
        snprintf((*d)[i].code, sizeof (*d)[i].code, "%s", code);
        (*n)++;
    }
    (*d)[i].added += add;
    (*d)[i].removed += rem;
}

static int by_code(const void *a, const void *b)
{
    return strcmp(((const code_delta *)a)->code, ((const code_delta *)b)->code);
}

/* Re-codes each stored document that kept its text and replaces its events; the difference
 * per code (events before vs after) is the report an analyst needs after a dictionary change. */
static int recode(ingest *g, ann_pipeline *p, int quiet)
{
    ann_err err = {0};
    char **ids;
    long n;
    if (ann_store_doc_ids(g->st, 1, &ids, &n, &err) < 0) { cli_error("ingest: %s", err.msg); return 2; }
    code_delta *delta = NULL;
    int nd = 0;
    for (long i = 0; i < n && !g->fatal; i++) {
        ann_query q = {.doc_id = ids[i], .negated = 1, .limit = 1000};
        ann_top_row *rows;
        int nr;
        if (ann_store_top(g->st, &q, ANN_TOP_CODES, &rows, &nr, &err) < 0) { cli_error("ingest: %s", err.msg); g->fatal = 1; break; }
        for (int k = 0; k < nr; k++) delta_add(&delta, &nd, rows[k].key, 0, rows[k].count);
        free(rows);
        ann_doc *d = ann_store_doc_get(g->st, ids[i], &err);
        if (!d) { cli_error("ingest: %s", err.msg); g->rejected++; continue; }
        if (ann_pipeline_process(p, d, &err) < 0) {
            cli_error("ingest: %s: %s", ids[i], err.msg);
            g->rejected++;
            ann_doc_free(d);
            continue;
        }
        ann_arena scratch = {0};
        ann_store_doc sd;
        ann_store_doc_from(&sd, d, g->dict_version, &scratch);
        sd.force = 1;
        for (int k = 0; k < sd.nevent; k++)
            if (!sd.event[k].negated) delta_add(&delta, &nd, sd.event[k].code, 1, 0);
        put_one(g, &sd);
        ann_arena_free(&scratch);
        ann_doc_free(d);
        show_progress(g, i, n, 0);
    }
    finish_batch(g);
    for (long i = 0; i < n; i++) free(ids[i]);
    free(ids);
    summary(g, quiet);
    if (!g->fatal) {
        qsort(delta, (size_t)nd, sizeof *delta, by_code);
        printf("code\tbefore\tafter\tchange\n");
        for (int i = 0; i < nd; i++)
            if (delta[i].added != delta[i].removed)
                printf("%s\t%ld\t%ld\t%+ld\n", delta[i].code, delta[i].removed, delta[i].added,
                       delta[i].added - delta[i].removed);
    }
    free(delta);
    return g->fatal ? 2 : g->rejected ? 1 : 0;
}

int cmd_ingest(int argc, char **argv)
{
    opts o = {.batch = 1000};
    cli_common c;
    int rc = cli_parse_common(argc, argv, &c, usage, own_opt, &o);
    if (rc) { free(c.files); return rc < 0 ? 0 : rc; }
    if (!o.db) { cli_error("ingest: --db PATH or --db postgresql://... is required; see 'annalist ingest --help'"); free(c.files); return 2; }
    if (o.recode && (o.events || c.nfiles)) {
        cli_error("ingest: --recode re-codes what is stored; it takes no FILEs and no --events");
        free(c.files);
        return 2;
    }
    int need_pipeline = !o.events;
    /* A file size limit (ulimit -f) must surface as a write error, not kill us mid-batch. */
    signal(SIGXFSZ, SIG_IGN);
    if (o.events) ann_store_jsonl_fast_alloc();
    ann_err err = {0};
    ingest g = {.batch = o.batch, .progress = !c.quiet && isatty(2), .t0 = now()};
    pthread_mutex_init(&g.mu, NULL);
    g.st = ann_store_open(o.db, 0, &err);
    if (!g.st) { cli_error("ingest: %s", err.msg); free(c.files); return 2; }
    char *dv = NULL;
    g.dict_version = o.dict_version;
    if (!g.dict_version && need_pipeline) g.dict_version = dv = dict_hash(o.dict);
    /* A first load goes without the query indexes, built once at the end. */
    int bulk = o.recode ? 0 : ann_store_bulk(g.st, 1, &err);
    if (bulk < 0) { cli_error("ingest: %s", err.msg); ann_store_close(g.st); free(c.files); return 2; }
    if (o.events) {
        ingest_events(&g, &c);
        end_bulk(&g, bulk);
        summary(&g, c.quiet);
        rc = g.fatal ? 2 : g.rejected ? 1 : 0;
    } else {
        ann_pipeline_opts po = {.model_path = o.model, .dict_dir = o.dict};
        ann_pipeline *p = ann_pipeline_open(&po, &err);
        if (!p) {
            cli_error("ingest: %s", err.msg);
            rc = 2;
        } else if (o.recode) {
            rc = recode(&g, p, c.quiet);
            ann_pipeline_close(p);
        } else {
            code_ctx cc = {&g, p};
            ann_run_opts ro = {.files = c.files, .nfiles = c.nfiles, .fmt = c.input_format,
                               .max_doc = c.max_doc, .jobs = c.jobs, .strict = c.strict,
                               .progress = 0, .fn = code_doc, .ctx = &cc, .out = stdout};
            ann_run_stats rs;
            int rr = ann_run(&ro, &rs);
            finish_batch(&g);
            end_bulk(&g, bulk);
            g.rejected += rs.rejected;
            summary(&g, c.quiet);
            rc = g.fatal ? 2 : rr;
            ann_pipeline_close(p);
        }
    }
    ann_store_close(g.st);
    pthread_mutex_destroy(&g.mu);
    free(dv);
    free(c.files);
    return rc;
}

/* The batch runner: output in input order for any -j, rejected records counted and reported
 * in place, --strict stopping at the first one, shards partitioning the input, and -j 1
 * answering each document before the next one arrives (a streaming filter). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "annalist.h"

/* The fake per-document function: sleeps a pseudo-random 0-2 ms (so workers finish out of
 * order), rejects documents whose text says REJECT, and writes "<id>\n". */
static int fake_fn(ann_doc *d, ann_buf *out, void *ctx, ann_err *err)
{
    (void)ctx;
    uint64_t h = ann_hash64(d->id, strlen(d->id), 42);
    struct timespec ts = {0, (long)(h % 2000) * 1000};
    nanosleep(&ts, NULL);
    if (strstr(d->text, "REJECT")) {
        ann_err_set(err, 1, "%s: fake rejection", d->id);
        return -1;
    }
    ann_buf_printf(out, "%s\n", d->id);
    return 0;
}

static char *write_tmp(const char *content)
{
    char *path = strdup("/tmp/test_run_XXXXXX");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    fputs(content, f);
    fclose(f);
    return path;
}

/* Runs the fake over path; returns the output (caller frees) and the exit code in *rc. */
static char *run_file(const char *path, int jobs, int strict, int shard_k, int shard_n,
                      ann_run_stats *st, int *rc)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    const char *files[] = {path};
    ann_run_opts o = {.files = files, .nfiles = 1, .fmt = ANN_FMT_JSONL, .jobs = jobs,
                      .strict = strict, .fn = fake_fn, .out = out, .shard_k = shard_k,
                      .shard_n = shard_n};
    *rc = ann_run(&o, st);
    fclose(out);
    return buf;
}

static void make_corpus(ann_buf *in, ann_buf *want, int n, int reject_every, int badjson_every)
{
    for (int i = 0; i < n; i++) {
        if (badjson_every && i % badjson_every == badjson_every - 1) {
            ann_buf_puts(in, "{not json\n");
            continue;
        }
        int rej = reject_every && i % reject_every == reject_every - 1;
        ann_buf_printf(in, "{\"id\":\"doc%04d\",\"text\":\"%s number %d.\"}\n", i,
                       rej ? "REJECT" : "Iran spoke", i);
        if (!rej) ann_buf_printf(want, "doc%04d\n", i);
    }
}

static void test_order_any_jobs(void **state)
{
    (void)state;
    ann_buf in = {0}, want = {0};
    make_corpus(&in, &want, 300, 0, 0);
    char *path = write_tmp(in.s);
    int jobs[] = {1, 2, 3, 4, 8, 16};
    for (size_t j = 0; j < sizeof jobs / sizeof *jobs; j++) {
        ann_run_stats st;
        int rc;
        char *got = run_file(path, jobs[j], 0, 0, 0, &st, &rc);
        assert_int_equal(rc, 0);
        assert_string_equal(got, want.s);
        assert_int_equal(st.docs, 300);
        assert_int_equal(st.rejected, 0);
        assert_int_equal(st.inputs, 1);
        free(got);
    }
    unlink(path);
    free(path);
    ann_buf_free(&in);
    ann_buf_free(&want);
}

static void test_error_accounting(void **state)
{
    (void)state;
    ann_buf in = {0}, want = {0};
    /* 200 records: every 7th is rejected by the function, every 11th is not JSON. */
    make_corpus(&in, &want, 200, 7, 11);
    int badjson = 200 / 11, rejected = 0, kept = 0;
    for (int i = 0; i < 200; i++) {
        if (i % 11 == 10) continue;
        if (i % 7 == 6) rejected++;
        else kept++;
    }
    char *path = write_tmp(in.s);
    char *first_msgs = NULL;
    for (int jobs = 1; jobs <= 4; jobs *= 2) {
        ann_run_stats st;
        int rc;
        /* The messages go to stderr: capture them to check they too come in input order. */
        fflush(stderr);
        int saved = dup(2);
        char *errpath = write_tmp("");
        FILE *ef = fopen(errpath, "w");
        dup2(fileno(ef), 2);
        char *got = run_file(path, jobs, 0, 0, 0, &st, &rc);
        fflush(stderr);
        dup2(saved, 2);
        close(saved);
        fclose(ef);
        size_t n;
        ann_err e;
        char *msgs = ann_read_file(errpath, &n, 0, &e);
        unlink(errpath);
        free(errpath);
        assert_non_null(msgs);
        assert_non_null(strstr(msgs, "doc0006: fake rejection\n"));
        assert_true(strstr(msgs, "doc0006: fake") < strstr(msgs, ":11: not valid JSON"));
        if (!first_msgs) first_msgs = msgs;
        else { assert_string_equal(msgs, first_msgs); free(msgs); }
        assert_int_equal(rc, 1);
        assert_string_equal(got, want.s);
        assert_int_equal(st.docs, kept);
        assert_int_equal(st.rejected, rejected + badjson);
        free(got);
    }
    free(first_msgs);
    unlink(path);
    free(path);
    ann_buf_free(&in);
    ann_buf_free(&want);
}

static void test_strict_stops_in_order(void **state)
{
    (void)state;
    ann_buf in = {0}, want = {0};
    /* Record 40 is rejected: strict output is records 0..39 exactly, whatever -j. */
    for (int i = 0; i < 120; i++) {
        ann_buf_printf(&in, "{\"id\":\"d%d\",\"text\":\"%s\"}\n", i, i == 40 ? "REJECT" : "ok");
        if (i < 40) ann_buf_printf(&want, "d%d\n", i);
    }
    char *path = write_tmp(in.s);
    for (int jobs = 1; jobs <= 8; jobs *= 2) {
        ann_run_stats st;
        int rc;
        char *got = run_file(path, jobs, 1, 0, 0, &st, &rc);
        assert_int_equal(rc, 2);
        assert_string_equal(got, want.s);
        assert_int_equal(st.docs, 40);
        assert_int_equal(st.rejected, 1);
        free(got);
    }
    unlink(path);
    free(path);
    ann_buf_free(&in);
    ann_buf_free(&want);
}

static void test_shards_partition(void **state)
{
    (void)state;
    ann_buf in = {0}, want = {0};
    make_corpus(&in, &want, 500, 0, 0);
    char *path = write_tmp(in.s);
    char seen[500] = {0};
    long total = 0;
    for (int k = 1; k <= 3; k++) {
        ann_run_stats st;
        int rc;
        char *got = run_file(path, 2, 0, k, 3, &st, &rc);
        assert_int_equal(rc, 0);
        assert_true(st.docs > 0 && st.docs < 500);
        total += st.docs;
        for (char *p = got; *p; p = strchr(p, '\n') + 1) {
            char id[16];
            snprintf(id, sizeof id, "%.*s", (int)(strchr(p, '\n') - p), p);
            int i = atoi(id + 3);
            assert_int_equal(seen[i], 0);
            seen[i] = 1;
            assert_true(ann_run_in_shard(id, k, 3));
        }
        free(got);
    }
    assert_int_equal(total, 500);
    for (int i = 0; i < 500; i++) assert_int_equal(seen[i], 1);
    /* The process default applies when the options leave the shard unset. */
    assert_int_equal(ann_run_set_default_shard(4, 3), -1);
    assert_int_equal(ann_run_set_default_shard(2, 3), 0);
    ann_run_stats st;
    int rc;
    char *got = run_file(path, 1, 0, 0, 0, &st, &rc);
    assert_true(st.docs > 0 && st.docs < 500);
    free(got);
    ann_run_set_default_shard(0, 0);
    got = run_file(path, 1, 0, 0, 0, &st, &rc);
    assert_int_equal(st.docs, 500);
    free(got);
    unlink(path);
    free(path);
    ann_buf_free(&in);
    ann_buf_free(&want);
}

typedef struct {
    ann_run_opts o;
    int rc;
} run_thread_arg;

static void *run_thread(void *p)
{
    run_thread_arg *a = p;
    a->rc = ann_run(&a->o, NULL);
    fclose(a->o.out);
    return NULL;
}

/* Reads one line from fd within timeout_ms; returns its length or -1. */
static int read_line_fd(int fd, char *buf, int cap, int timeout_ms)
{
    int n = 0;
    while (n < cap - 1) {
        struct pollfd pfd = {fd, POLLIN, 0};
        if (poll(&pfd, 1, timeout_ms) <= 0) return -1;
        if (read(fd, buf + n, 1) != 1) return -1;
        if (buf[n++] == '\n') break;
    }
    buf[n] = 0;
    return n;
}

static void test_streaming_filter(void **state)
{
    (void)state;
    int inp[2], outp[2];
    assert_int_equal(pipe(inp), 0);
    assert_int_equal(pipe(outp), 0);
    char inpath[64];
    snprintf(inpath, sizeof inpath, "/dev/fd/%d", inp[0]);
    const char *files[] = {inpath};
    /* AUTO: the format is sniffed from the stream without reading past the first record. */
    run_thread_arg a = {.o = {.files = files, .nfiles = 1, .fmt = ANN_FMT_AUTO, .jobs = 1,
                              .fn = fake_fn, .out = fdopen(outp[1], "w")}};
    pthread_t th;
    assert_int_equal(pthread_create(&th, NULL, run_thread, &a), 0);
    for (int i = 0; i < 3; i++) {
        char rec[128], line[64], wantl[64];
        int n = snprintf(rec, sizeof rec, "{\"id\":\"s%d\",\"text\":\"Iran spoke.\"}\n", i);
        assert_int_equal(write(inp[1], rec, (size_t)n), n);
        /* The answer must come while the input is still open and nothing else was sent. */
        assert_true(read_line_fd(outp[0], line, sizeof line, 10000) > 0);
        snprintf(wantl, sizeof wantl, "s%d\n", i);
        assert_string_equal(line, wantl);
    }
    close(inp[1]);
    pthread_join(th, NULL);
    assert_int_equal(a.rc, 0);
    close(inp[0]);
    close(outp[0]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_order_any_jobs),
        cmocka_unit_test(test_error_accounting),
        cmocka_unit_test(test_strict_stops_in_order),
        cmocka_unit_test(test_shards_partition),
        cmocka_unit_test(test_streaming_filter),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

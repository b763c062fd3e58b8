/* The store API on SQLite with hand-made documents: idempotent puts, replacement, paging,
 * series buckets (ISO weeks, months, empty buckets), top lists, actor search, schema checks. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "annalist.h"

static char dbpath[64];

static int setup(void **state)
{
    (void)state;
    snprintf(dbpath, sizeof dbpath, "/tmp/ann-store-unit-%d.sqlite", (int)getpid());
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    char p[80];
    unlink(dbpath);
    snprintf(p, sizeof p, "%s-wal", dbpath);
    unlink(p);
    snprintf(p, sizeof p, "%s-shm", dbpath);
    unlink(p);
    return 0;
}

static ann_store *fresh(void)
{
    teardown(NULL);
    ann_err e = {0};
    ann_store *s = ann_store_open(dbpath, 0, &e);
    if (!s) fail_msg("open: %s", e.msg);
    return s;
}

/* An event: date ("" = undated), source, target, code, quad, goldstein, negated. */
static ann_store_event ev(const char *date, const char *src, const char *tgt, const char *code, int quad,
                          double g, int neg)
{
    ann_store_event e = {0};
    static char roots[64][3];
    static int nr;
    char *root = roots[nr++ % 64];
    snprintf(root, 3, "%.2s", code);
    e.date = *date ? date : NULL;
    e.source = src;
    e.source_text = src;
    e.target = tgt;
    e.target_text = tgt;
    e.code = code;
    e.root = root;
    e.quad_class = quad;
    e.goldstein = g;
    e.negated = neg;
    e.answers = -1;
    e.source_start = e.source_end = e.target_start = e.target_end = e.trigger_start = e.trigger_end = -1;
    return e;
}

static int put(ann_store *s, const char *id, uint64_t hash, ann_store_event *evs, int n, long *removed)
{
    ann_store_sentence sent = {0, -1, -1, "A sentence."};
    for (int i = 0; i < n; i++) evs[i].sentence = 0;
    ann_store_doc d = {.id = id, .hash = hash, .nsent = 1, .sent = &sent, .nevent = n, .event = evs};
    ann_err e = {0};
    assert_int_equal(ann_store_begin(s, &e), 0);
    int rc = ann_store_put(s, &d, removed, &e);
    if (rc < 0) fail_msg("put: %s", e.msg);
    assert_int_equal(ann_store_commit(s, &e), 0);
    return rc;
}

static void test_norm_date(void **state)
{
    (void)state;
    char d[11];
    assert_int_equal(ann_store_norm_date("2025-06-26", d), 0);
    assert_string_equal(d, "2025-06-26");
    assert_int_equal(ann_store_norm_date("2025-06", d), 0);
    assert_string_equal(d, "2025-06-01");
    assert_int_equal(ann_store_norm_date("2025", d), 0);
    assert_string_equal(d, "2025-01-01");
    assert_int_equal(ann_store_norm_date("2025-13-01", d), -1);
    assert_int_equal(ann_store_norm_date("June 2025", d), -1);
    assert_int_equal(ann_store_norm_date("", d), -1);
}

static void test_put_idempotent_and_replace(void **state)
{
    (void)state;
    ann_store *s = fresh();
    ann_store_event a[2] = {ev("2025-06-02", "IRNGOV", "AZEGOV", "112", 3, -2.0, 0),
                            ev("2025-06-03", "IRN", "AZE", "190", 4, -10.0, 0)};
    long removed = -1;
    assert_int_equal(put(s, "d1", 11, a, 2, &removed), ANN_STORE_ADDED);
    assert_int_equal(removed, 0);
    assert_int_equal(put(s, "d1", 11, a, 2, &removed), ANN_STORE_UNCHANGED);
    ann_store_event b[1] = {ev("2025-06-04", "AZE", "IRN", "051", 1, 3.4, 0)};
    assert_int_equal(put(s, "d1", 12, b, 1, &removed), ANN_STORE_REPLACED);
    assert_int_equal(removed, 2);
    ann_store_stats st;
    ann_err e = {0};
    assert_int_equal(ann_store_stats_get(s, &st, &e), 0);
    assert_int_equal(st.documents, 1);
    assert_int_equal(st.events, 1);
    assert_int_equal(st.sentences, 1);
    assert_string_equal(st.first_date, "2025-06-04");
    assert_int_equal(st.schema_version, ANN_STORE_SCHEMA_VERSION);
    /* force replaces even with an unchanged hash (--recode) */
    ann_store_doc d = {.id = "d1", .hash = 12, .nevent = 2, .event = a, .force = 1};
    assert_int_equal(ann_store_begin(s, &e), 0);
    assert_int_equal(ann_store_put(s, &d, &removed, &e), ANN_STORE_REPLACED);
    assert_int_equal(ann_store_commit(s, &e), 0);
    assert_int_equal(ann_store_stats_get(s, &st, &e), 0);
    assert_int_equal(st.events, 2);
    /* a rolled-back batch leaves nothing behind */
    assert_int_equal(ann_store_begin(s, &e), 0);
    d = (ann_store_doc){.id = "d2", .hash = 1, .nevent = 1, .event = b};
    assert_int_equal(ann_store_put(s, &d, NULL, &e), ANN_STORE_ADDED);
    ann_store_rollback(s);
    assert_int_equal(ann_store_stats_get(s, &st, &e), 0);
    assert_int_equal(st.documents, 1);
    ann_store_close(s);
}

typedef struct collect {
    char seen[64][32];
    int n;
} collect;

static int on_row(const ann_event_row *r, void *ctx)
{
    collect *c = ctx;
    snprintf(c->seen[c->n++], 32, "%s/%s", r->date ? r->date : "-", r->code);
    return 0;
}

static void test_paging(void **state)
{
    (void)state;
    ann_store *s = fresh();
    /* 7 dated events (out of order) and 3 undated ones in two documents */
    ann_store_event a[5] = {ev("2025-06-05", "IRN", "AZE", "010", 1, 0, 0), ev("2025-06-01", "IRN", "AZE", "020", 1, 3, 0),
                            ev("", "IRN", "AZE", "036", 1, 4, 0), ev("2025-06-03", "IRN", "AZE", "042", 1, 1.9, 0),
                            ev("2025-06-01", "IRN", "AZE", "043", 1, 2.8, 0)};
    ann_store_event b[5] = {ev("", "IRN", "AZE", "051", 1, 3.4, 0), ev("2025-06-02", "IRN", "AZE", "057", 1, 8, 0),
                            ev("2025-06-09", "IRN", "AZE", "061", 2, 6.4, 0), ev("", "IRN", "AZE", "071", 2, 7.4, 0),
                            ev("2025-06-04", "IRN", "AZE", "090", 3, -2, 0)};
    put(s, "a", 1, a, 5, NULL);
    put(s, "b", 2, b, 5, NULL);
    const char *want[10] = {"2025-06-01/020", "2025-06-01/043", "2025-06-02/057", "2025-06-03/042", "2025-06-04/090",
                            "2025-06-05/010", "2025-06-09/061", "-/036", "-/051", "-/071"};
    for (int size = 1; size <= 11; size++) {
        collect c = {0};
        char cur[128] = "";
        int pages = 0;
        ann_err e = {0};
        do {
            ann_query q = {.limit = size, .cursor = cur[0] ? cur : NULL};
            char next[128];
            long n = ann_store_events(s, &q, on_row, &c, next, sizeof next, &e);
            if (n < 0) fail_msg("events: %s", e.msg);
            assert_true(n <= size);
            memcpy(cur, next, sizeof cur);
            pages++;
        } while (cur[0] && pages < 20);
        assert_int_equal(c.n, 10);
        for (int i = 0; i < 10; i++) assert_string_equal(c.seen[i], want[i]);
        assert_int_equal(pages, (10 + size - 1) / size);
    }
    ann_query bad = {.cursor = "nonsense"};
    ann_err e = {0};
    assert_int_equal(ann_store_events(s, &bad, on_row, &(collect){0}, NULL, 0, &e), -1);
    assert_non_null(strstr(e.msg, "bad paging cursor"));
    ann_store_close(s);
}

static void test_series(void **state)
{
    (void)state;
    ann_store *s = fresh();
    /* 2025-06-01 is a Sunday: it belongs to the week of Monday 2025-05-26. */
    ann_store_event a[6] = {ev("2025-06-01", "IRNGOV", "AZE", "112", 3, -2.0, 0),
                            ev("2025-06-02", "IRN", "AZEGOV", "112", 3, -2.0, 0),
                            ev("2025-06-08", "IRN", "AZE", "190", 4, -10.0, 0),
                            ev("2025-08-20", "IRN", "AZE", "051", 1, 3.4, 0),
                            ev("2025-06-02", "IRN", "AZE", "190", 4, -10.0, 1),   /* negated */
                            ev("2025-06-02", "AZE", "IRN", "190", 4, -10.0, 0)};  /* other direction */
    put(s, "a", 1, a, 6, NULL);
    ann_query q = {.source = "IRN", .target = "AZE"};
    ann_series ser;
    ann_err e = {0};
    assert_int_equal(ann_store_series(s, &q, ANN_BY_WEEK, &ser, &e), 0);
    assert_int_equal(ser.n, 13);  /* 2025-05-26 .. 2025-08-18, empty weeks included */
    assert_string_equal(ser.p[0].period, "2025-05-26");
    assert_int_equal(ser.p[0].count, 1);
    assert_string_equal(ser.p[1].period, "2025-06-02");
    assert_int_equal(ser.p[1].count, 2);
    assert_int_equal(ser.p[1].quad[3], 1);
    assert_int_equal(ser.p[1].quad[4], 1);
    assert_true(ser.p[1].goldstein_sum == -12.0);
    assert_true(ser.p[1].goldstein_mean == -6.0);
    assert_string_equal(ser.p[1].top_code[0], "112");  /* tie 1:1, broken by code */
    assert_string_equal(ser.p[1].top_code[1], "190");
    assert_int_equal(ser.p[2].count, 0);
    assert_string_equal(ser.p[12].period, "2025-08-18");
    assert_int_equal(ser.p[12].quad[1], 1);
    ann_series_free(&ser);
    assert_int_equal(ann_store_series(s, &q, ANN_BY_MONTH, &ser, &e), 0);
    assert_int_equal(ser.n, 3);
    assert_string_equal(ser.p[1].period, "2025-07-01");
    assert_int_equal(ser.p[1].count, 0);
    assert_int_equal(ser.p[0].count, 3);
    assert_string_equal(ser.p[0].top_code[0], "112");
    assert_int_equal(ser.p[0].top_count[0], 2);
    ann_series_free(&ser);
    q.undirected = 1;
    q.negated = 1;
    assert_int_equal(ann_store_series(s, &q, ANN_BY_DAY, &ser, &e), 0);
    long total = 0;
    for (int i = 0; i < ser.n; i++) total += ser.p[i].count;
    assert_int_equal(total, 6);
    ann_buf b = {0};
    ann_series_svg(&b, &ser, "IRN <-> AZE & co");
    assert_non_null(strstr(b.s, "<svg xmlns=\"http://www.w3.org/2000/svg\""));
    assert_non_null(strstr(b.s, "IRN &lt;-&gt; AZE &amp; co"));
    ann_buf_free(&b);
    ann_series_free(&ser);
    ann_store_close(s);
}

static void test_top_and_actors(void **state)
{
    (void)state;
    ann_store *s = fresh();
    ann_store_event a[5] = {ev("2025-06-01", "IRNGOV", "AZEGOV", "112", 3, -2.0, 0),
                            ev("2025-06-02", "IRNGOV", "AZEGOV", "190", 4, -10.0, 0),
                            ev("2025-06-02", "AZEGOV", "IRNGOV", "051", 1, 3.4, 0),
                            ev("2025-06-03", "USA", "IRNGOV", "051", 1, 3.4, 0),
                            ev("2025-06-03", "USA", "RUS", "190", 4, -10.0, 1)};
    a[0].source_text = "President Pezeshkian";
    put(s, "a", 1, a, 5, NULL);
    ann_query q = {0};
    ann_top_row *rows;
    int n;
    ann_err e = {0};
    assert_int_equal(ann_store_top(s, &q, ANN_TOP_ACTORS, &rows, &n, &e), 0);
    assert_int_equal(n, 3);
    assert_string_equal(rows[0].key, "IRNGOV");
    assert_int_equal(rows[0].count, 4);
    assert_string_equal(rows[0].name, "President Pezeshkian");
    assert_string_equal(rows[1].key, "AZEGOV");
    assert_int_equal(rows[1].count, 3);
    assert_string_equal(rows[2].key, "USA");  /* its negated event left out */
    assert_int_equal(rows[2].count, 1);
    free(rows);
    assert_int_equal(ann_store_top(s, &q, ANN_TOP_DYADS, &rows, &n, &e), 0);
    assert_int_equal(n, 3);
    assert_string_equal(rows[0].key, "IRNGOV:AZEGOV");
    assert_true(rows[0].goldstein_mean == -6.0);
    assert_string_equal(rows[1].key, "AZEGOV:IRNGOV");  /* tie broken by key */
    assert_string_equal(rows[2].key, "USA:IRNGOV");
    free(rows);
    q.limit = 1;
    assert_int_equal(ann_store_top(s, &q, ANN_TOP_CODES, &rows, &n, &e), 0);
    assert_int_equal(n, 1);
    assert_string_equal(rows[0].key, "051");
    assert_int_equal(rows[0].count, 2);
    free(rows);
    assert_int_equal(ann_store_actor_search(s, "pezesh", 0, &rows, &n, &e), 0);
    assert_int_equal(n, 1);
    assert_string_equal(rows[0].key, "IRNGOV");
    free(rows);
    /* "us": USA by code, RUS by name ("RUS" contains it); USA has more events */
    assert_int_equal(ann_store_actor_search(s, "us", 0, &rows, &n, &e), 0);
    assert_int_equal(n, 2);
    assert_string_equal(rows[0].key, "USA");
    assert_string_equal(rows[1].key, "RUS");
    free(rows);
    assert_int_equal(ann_top_parse("dyads"), ANN_TOP_DYADS);
    assert_int_equal(ann_top_parse("nope"), -1);
    assert_int_equal(ann_period_parse("week"), ANN_BY_WEEK);
    ann_store_close(s);
}

static void test_schema_checks(void **state)
{
    (void)state;
    ann_err e = {0};
    teardown(NULL);
    assert_null(ann_store_open(dbpath, ANN_STORE_READONLY, &e));
    assert_non_null(strstr(e.msg, "no such database"));
    ann_store *s = fresh();
    ann_store_close(s);
    sqlite3 *db;
    assert_int_equal(sqlite3_open(dbpath, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "INSERT INTO schema_version VALUES (2, '9.9', 'x')", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    assert_null(ann_store_open(dbpath, 0, &e));
    assert_non_null(strstr(e.msg, "schema version 2, newer than this annalist"));
    assert_true(ann_store_is_url("postgresql://u@h/db"));
    assert_true(ann_store_is_url("postgres://h/db"));
    assert_false(ann_store_is_url("/tmp/x.sqlite"));
}

static void test_doc_from(void **state)
{
    (void)state;
    ann_doc *d = ann_doc_new();
    d->id = "doc";
    d->date = "2025-06-26";
    ann_doc_set_text(d, "Iran pressed Azerbaijan. Nothing.", 33);
    ann_sentence *s0 = ann_doc_add_sentence(d, 0);
    s0->start = 0, s0->end = 24;
    ann_event *e = ann_doc_add_event(d);
    strcpy(e->code, "101");
    e->source.code = "IRN";
    e->source.start = 0, e->source.end = 4;
    e->date_precision = "day";
    int *evid = malloc(2 * sizeof *evid);  /* the document frees it */
    evid[0] = 0, evid[1] = 3;
    e->evidence = evid, e->nevidence = 2;
    ann_event *dup = ann_doc_add_event(d);
    strcpy(dup->code, "101");
    dup->duplicate = 1;
    ann_arena scratch = {0};
    ann_store_doc sd;
    ann_store_doc_from(&sd, d, "dict-1", &scratch);
    assert_int_equal(sd.nevent, 1);
    assert_string_equal(sd.event[0].root, "10");
    assert_string_equal(sd.event[0].date, "2025-06-26");  /* from the document */
    assert_string_equal(sd.event[0].date_precision, "document");
    assert_int_equal(sd.event[0].source_start, 0);
    assert_int_equal(sd.event[0].source_end, 4);
    assert_int_equal(sd.event[0].target_start, -1);
    assert_string_equal(sd.event[0].evidence, "[0,3]");
    assert_string_equal(sd.sent[0].text, "Iran pressed Azerbaijan.");
    uint64_t h = sd.hash;
    assert_true(h == ann_store_doc_hash(d));
    ann_doc_set_text(d, "Iran pressed Armenia. Nothing.", 30);
    assert_true(h != ann_store_doc_hash(d));
    ann_arena_free(&scratch);
    d->id = NULL;
    d->date = NULL;
    ann_doc_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_norm_date),
        cmocka_unit_test_setup_teardown(test_put_idempotent_and_replace, setup, teardown),
        cmocka_unit_test_setup_teardown(test_paging, setup, teardown),
        cmocka_unit_test_setup_teardown(test_series, setup, teardown),
        cmocka_unit_test_setup_teardown(test_top_and_actors, setup, teardown),
        cmocka_unit_test_setup_teardown(test_schema_checks, setup, teardown),
        cmocka_unit_test(test_doc_from),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* `annalist serve` routing in-process: safe static paths, JSON errors, the query endpoints over
 * a small SQLite store, span offsets in UTF-16 units, and POST /v1/code without a pipeline. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "annalist.h"
#include "annalist/serve.h"
#include "annalist/store.h"

static void test_safe_path(void **state)
{
    (void)state;
    char out[256];
    assert_int_equal(ann_serve_safe_path("/", out, sizeof out), 0);
    assert_string_equal(out, "index.html");
    assert_int_equal(ann_serve_safe_path("/app.js", out, sizeof out), 0);
    assert_string_equal(out, "app.js");
    assert_int_equal(ann_serve_safe_path("/img/chart-1.svg", out, sizeof out), 0);
    assert_string_equal(out, "img/chart-1.svg");
    static const char *const bad[] = {
        "/../etc/passwd", "/a/../../b", "/..", "/.", "/./a", "/.git/config", "/a/.hidden", "//etc/passwd",
        "/a//b", "/a/", "/a\\..\\b", "/a%2e%2e", "/a b", "/a?b", "relative.js", "", "/\xc0\xae\xc0\xae/x",
        "/a:b", "/~root",
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        if (ann_serve_safe_path(bad[i], out, sizeof out) != -1) fail_msg("accepted '%s'", bad[i]);
    }
    char longp[400];
    memset(longp, 'a', sizeof longp - 1);
    longp[0] = '/';
    longp[sizeof longp - 1] = 0;
    assert_int_equal(ann_serve_safe_path(longp, out, sizeof out), -1);
    assert_int_equal(ann_serve_safe_path("/abcdef", out, 4), -1);
}

/* ---- a server over a temporary store ---- */

typedef struct fixture {
    char dir[256], db[300];
    ann_serve_server *srv;
} fixture;

static const char *args_lookup(void *ctx, const char *name)
{
    const char *const *a = ctx;
    for (; a && a[0]; a += 2)
        if (!strcmp(a[0], name)) return a[1];
    return NULL;
}

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    snprintf(f->dir, sizeof f->dir, "/tmp/annalist-serve-test-XXXXXX");
    assert_non_null(mkdtemp(f->dir));
    snprintf(f->db, sizeof f->db, "%s/t.sqlite", f->dir);
    char web[300];
    snprintf(web, sizeof web, "%s/index.html", f->dir);
    FILE *fp = fopen(web, "w");
    assert_non_null(fp);
    fputs("<!doctype html><title>t</title>", fp);
    fclose(fp);

    /* One document, two sentences; the second starts at byte 20 and has a 3-byte ’ before its
     * spans, so byte and UTF-16 offsets differ. */
    ann_err err = {0};
    ann_store *st = ann_store_open(f->db, 0, &err);
    assert_non_null(st);
    const char *s2 = "Iran\xe2\x80\x99s Pezeshkian pressed Aliyev.";
    ann_store_sentence sents[2] = {{0, 0, 19, "Azerbaijan replied."}, {1, 20, 20 + (int64_t)strlen(s2), s2}};
    /* Byte offsets in the document: s2 starts at 20 and "Pezeshkian" at 20 + 9. */
    ann_store_event ev[2] = {
        {.sentence = 1, .date = "2025-06-26", .date_precision = "day", .source = "IRNGOV",
         .source_text = "Pezeshkian", .source_start = 29, .source_end = 39, .target = "AZEGOV",
         .target_text = "Aliyev", .target_start = 48, .target_end = 54, .code = "101", .root = "10",
         .quad_class = 3, .goldstein = -5.0, .trigger_text = "pressed", .trigger_start = 40,
         .trigger_end = 47, .pattern = "press#101", .answers = -1},
        {.sentence = 0, .date = "2025-06-27", .date_precision = "day", .source = "AZE",
         .source_text = "Azerbaijan", .source_start = 0, .source_end = 10, .target = "IRN",
         .target_text = NULL, .target_start = -1, .target_end = -1, .code = "010", .root = "01",
         .quad_class = 1, .goldstein = 0.0, .trigger_text = "replied", .trigger_start = 11,
         .trigger_end = 18, .pattern = "reply#010", .answers = -1},
    };
    ann_store_doc d = {.id = "doc1", .date = "2025-06-26", .hash = 42, .nsent = 2, .sent = sents,
                       .nevent = 2, .event = ev};
    assert_int_equal(ann_store_begin(st, &err), 0);
    assert_int_equal(ann_store_put(st, &d, NULL, &err), ANN_STORE_ADDED);
    assert_int_equal(ann_store_commit(st, &err), 0);
    ann_store_close(st);

    ann_serve_opts o = {.db = f->db, .web_dir = f->dir, .max_body = 4096};
    f->srv = ann_serve_open(&o, &err);
    if (!f->srv) fail_msg("ann_serve_open: %s", err.msg);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    ann_serve_close(f->srv);
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
    if (system(cmd) != 0) return -1;
    free(f);
    return 0;
}

/* Runs one request; returns the parsed JSON body (NULL when not JSON) and the status. */
static json_t *req(fixture *f, const char *method, const char *path, const char *const *args,
                   const char *body, int *status)
{
    /* The raw target carries the query, as on the wire (it keys the response cache). */
    char raw[512];
    int n = snprintf(raw, sizeof raw, "%s", path);
    for (const char *const *a = args; a && a[0]; a += 2)
        n += snprintf(raw + n, sizeof raw - (size_t)n, "%c%s=%s", a == args ? '?' : '&', a[0], a[1]);
    ann_serve_req rq = {.method = method, .path = path, .raw_uri = raw, .arg = args_lookup,
                       .arg_ctx = (void *)args, .body = body ? body : "", .body_len = body ? strlen(body) : 0,
                       .content_type = body ? "text/plain" : NULL};
    ann_serve_resp r;
    ann_serve_handle(f->srv, &rq, &r);
    *status = r.status;
    json_t *j = r.body.s ? json_loads(r.body.s, 0, NULL) : NULL;
    ann_serve_resp_free(&r);
    return j;
}

static void expect_error(fixture *f, const char *method, const char *path, const char *const *args, int want)
{
    int st;
    json_t *j = req(f, method, path, args, NULL, &st);
    if (st != want) fail_msg("%s %s: status %d, want %d", method, path, st, want);
    json_t *e = json_object_get(j, "error");
    assert_non_null(e);
    assert_int_equal(json_integer_value(json_object_get(e, "status")), want);
    assert_true(json_is_string(json_object_get(e, "message")));
    json_decref(j);
}

static void test_endpoints(void **state)
{
    fixture *f = *state;
    int st;
    json_t *j = req(f, "GET", "/v1/health", NULL, NULL, &st);
    assert_int_equal(st, 200);
    assert_string_equal(json_string_value(json_object_get(j, "status")), "ok");
    json_decref(j);

    const char *series[] = {"dyad", "IRN:AZE", "by", "day", NULL};
    j = req(f, "GET", "/v1/series", series, NULL, &st);
    assert_int_equal(st, 200);
    json_t *pts = json_object_get(j, "points");
    assert_int_equal(json_array_size(pts), 1);
    assert_string_equal(json_string_value(json_object_get(json_array_get(pts, 0), "period")), "2025-06-26");
    assert_int_equal(json_integer_value(json_object_get(json_array_get(pts, 0), "count")), 1);
    json_decref(j);

    const char *both[] = {"dyad", "IRN:AZE", "both", "1", "by", "day", NULL};
    j = req(f, "GET", "/v1/series", both, NULL, &st);
    assert_int_equal(json_array_size(json_object_get(j, "points")), 2);
    json_decref(j);

    const char *evq[] = {"code", "101", NULL};
    j = req(f, "GET", "/v1/events", evq, NULL, &st);
    assert_int_equal(st, 200);
    json_t *ev = json_array_get(json_object_get(j, "events"), 0);
    assert_non_null(ev);
    json_t *spans = json_object_get(ev, "spans");
    assert_int_equal(json_array_size(spans), 3);
    /* "Iran’s " is 9 bytes but 7 UTF-16 units: Pezeshkian starts at unit 7. */
    static const struct { const char *role; int start, end; } want[] = {
        {"source", 7, 17}, {"trigger", 18, 25}, {"target", 26, 32}};
    for (size_t i = 0; i < 3; i++) {
        json_t *sp = json_array_get(spans, i);
        assert_string_equal(json_string_value(json_object_get(sp, "role")), want[i].role);
        assert_int_equal(json_integer_value(json_object_get(sp, "start")), want[i].start);
        assert_int_equal(json_integer_value(json_object_get(sp, "end")), want[i].end);
    }
    json_decref(j);

    const char *no_target[] = {"code", "010", NULL};
    j = req(f, "GET", "/v1/events", no_target, NULL, &st);
    spans = json_object_get(json_array_get(json_object_get(j, "events"), 0), "spans");
    assert_int_equal(json_array_size(spans), 2);
    json_decref(j);

    j = req(f, "GET", "/v1/stats", NULL, NULL, &st);
    assert_int_equal(json_integer_value(json_object_get(j, "events")), 2);
    json_decref(j);

    const char *aq[] = {"q", "irn", NULL};
    j = req(f, "GET", "/v1/actors", aq, NULL, &st);
    assert_int_equal(st, 200);
    assert_true(json_array_size(json_object_get(j, "actors")) >= 1);
    json_decref(j);

    j = req(f, "GET", "/", NULL, NULL, &st);
    assert_int_equal(st, 200);
    json_decref(j);
}

static void test_errors(void **state)
{
    fixture *f = *state;
    const char *bad_dyad[] = {"dyad", "IRN", NULL};
    const char *bad_by[] = {"by", "year", NULL};
    const char *bad_limit[] = {"limit", "0", NULL};
    const char *bad_date[] = {"since", "2025-6-1", NULL};
    const char *bad_cursor[] = {"cursor", "nonsense", NULL};
    expect_error(f, "GET", "/v1/series", bad_dyad, 400);
    expect_error(f, "GET", "/v1/series", bad_by, 400);
    expect_error(f, "GET", "/v1/events", bad_limit, 400);
    expect_error(f, "GET", "/v1/events", bad_date, 400);
    expect_error(f, "GET", "/v1/events", bad_cursor, 400);
    expect_error(f, "GET", "/v1/nope", NULL, 404);
    expect_error(f, "POST", "/v1/series", NULL, 405);
    expect_error(f, "GET", "/v1/code", NULL, 405);
    expect_error(f, "DELETE", "/index.html", NULL, 405);
    expect_error(f, "GET", "/../t.sqlite", NULL, 400);
    expect_error(f, "GET", "/missing.css", NULL, 404);

    int st;
    json_t *j = req(f, "POST", "/v1/code", NULL, "Iran spoke.", &st);
    assert_int_equal(st, 200);
    json_decref(j);
}

/* ---- POST /v1/code with a stand-in coder (the real pipeline is tested once merged) ---- */

/* Codes "X pressed Y" as IRNGOV 101 AZEGOV; a text containing FAIL is rejected. */
static int fake_process(void *ctx, ann_doc *d, ann_err *err)
{
    (void)ctx;
    if (strstr(d->text, "FAIL")) {
        ann_err_set(err, 1, "%s: cannot code this", d->id);
        return -1;
    }
    ann_sentence *s = ann_doc_add_sentence(d, 0);
    s->start = 0;
    s->end = (uint32_t)d->len;
    const char *p = strstr(d->text, " pressed ");
    if (!p) return 0;
    ann_event *e = ann_doc_add_event(d);
    e->sent = 0;
    e->source.code = ann_arena_strdup(&d->arena, "IRNGOV");
    e->source.text = ann_arena_strndup(&d->arena, d->text, (size_t)(p - d->text));
    e->source.start = 0;
    e->source.end = (uint32_t)(p - d->text);
    e->target.code = ann_arena_strdup(&d->arena, "AZEGOV");
    snprintf(e->code, sizeof e->code, "101");
    snprintf(e->root, sizeof e->root, "10");
    e->quad_class = 3;
    e->goldstein = -5.0;
    e->trigger_start = (uint32_t)(p - d->text) + 1;
    e->trigger_end = e->trigger_start + 7;
    e->trigger_text = ann_arena_strdup(&d->arena, "pressed");
    return 0;
}

static void fake_write(ann_buf *out, const ann_doc *d)
{
    for (int i = 0; i < d->nevent; i++) {
        ann_buf_printf(out, "{\"doc_id\":");
        ann_buf_json_str(out, d->id, strlen(d->id));
        ann_buf_printf(out, ",\"code\":\"%s\",\"source\":{\"code\":\"%s\"}}\n", d->event[i].code,
                       d->event[i].source.code);
    }
}

static json_t *post(fixture *f, const char *path, const char *const *args, const char *ctype,
                    const char *body, int *status)
{
    char raw[256];
    snprintf(raw, sizeof raw, "%s%s", path, args ? "?store=1" : "");
    ann_serve_req rq = {.method = "POST", .path = path, .raw_uri = raw, .arg = args_lookup,
                       .arg_ctx = (void *)args, .content_type = ctype, .body = body, .body_len = strlen(body)};
    ann_serve_resp r;
    ann_serve_handle(f->srv, &rq, &r);
    *status = r.status;
    json_t *j = json_loads(r.body.s, 0, NULL);
    ann_serve_resp_free(&r);
    return j;
}

static long stats_events(fixture *f)
{
    int st;
    json_t *j = req(f, "GET", "/v1/stats", NULL, NULL, &st);
    long n = (long)json_integer_value(json_object_get(j, "events"));
    json_decref(j);
    return n;
}

static void test_code(void **state)
{
    fixture *f = *state;
    ann_serve_close(f->srv);
    ann_serve_coder coder = {fake_process, fake_write, NULL};
    ann_serve_opts o = {.db = f->db, .web_dir = f->dir, .max_body = 4096, .coder = &coder};
    ann_err err = {0};
    f->srv = ann_serve_open(&o, &err);
    assert_non_null(f->srv);

    int st;
    json_t *j = post(f, "/v1/code", NULL, "text/plain", "Pezeshkian pressed Aliyev.", &st);
    assert_int_equal(st, 200);
    json_t *evs = json_object_get(json_array_get(json_object_get(j, "documents"), 0), "events");
    assert_int_equal(json_array_size(evs), 1);
    assert_string_equal(json_string_value(json_object_get(json_array_get(evs, 0), "code")), "101");
    assert_null(json_object_get(j, "stored"));
    json_decref(j);

    j = post(f, "/v1/code", NULL, "application/json",
             "[{\"id\":\"a\",\"text\":\"Iran pressed Baku.\"},{\"id\":\"b\",\"text\":\"No event here.\"}]", &st);
    assert_int_equal(st, 200);
    assert_int_equal(json_integer_value(json_object_get(j, "count")), 2);
    assert_int_equal(json_integer_value(json_object_get(j, "events")), 1);
    assert_string_equal(json_string_value(json_object_get(json_array_get(json_object_get(j, "documents"), 1), "id")), "b");
    json_decref(j);

    j = post(f, "/v1/code", NULL, "application/x-ndjson",
             "{\"id\":\"l1\",\"text\":\"A pressed B.\"}\n\n{\"id\":\"l2\",\"text\":\"C pressed D.\"}\n", &st);
    assert_int_equal(st, 200);
    assert_int_equal(json_integer_value(json_object_get(j, "events")), 2);
    json_decref(j);

    j = post(f, "/v1/code", NULL, "application/json; charset=utf-8",
             "{\n  \"id\": \"pretty\",\n  \"text\": \"Iran pressed Baku.\"\n}\n", &st);
    assert_int_equal(st, 200);
    assert_string_equal(json_string_value(json_object_get(json_array_get(json_object_get(j, "documents"), 0), "id")),
                        "pretty");
    json_decref(j);

    j = post(f, "/v1/code", NULL, "application/json", "{\"id\":\"x\",\"text\":", &st);
    assert_int_equal(st, 400);
    json_decref(j);

    /* store=1: stored once, unchanged the second time, visible to the (cached) queries at once */
    long before = stats_events(f);
    const char *store[] = {"store", "1", NULL};
    const char *doc = "{\"id\":\"s1\",\"date\":\"2025-06-28\",\"text\":\"Pezeshkian pressed Aliyev.\"}";
    j = post(f, "/v1/code", store, "application/json", doc, &st);
    assert_int_equal(st, 200);
    assert_int_equal(json_integer_value(json_object_get(json_object_get(j, "stored"), "added")), 1);
    json_decref(j);
    assert_int_equal(stats_events(f), before + 1);
    j = post(f, "/v1/code", store, "application/json", doc, &st);
    assert_int_equal(json_integer_value(json_object_get(json_object_get(j, "stored"), "unchanged")), 1);
    json_decref(j);
    assert_int_equal(stats_events(f), before + 1);

    /* A document the coder rejects: 422, and nothing of the request is stored. */
    j = post(f, "/v1/code", store, "application/json",
             "[{\"id\":\"ok\",\"text\":\"E pressed F.\"},{\"id\":\"bad\",\"text\":\"FAIL\"}]", &st);
    assert_int_equal(st, 422);
    assert_non_null(strstr(json_string_value(json_object_get(json_object_get(j, "error"), "message")), "nothing was stored"));
    json_decref(j);
    assert_int_equal(stats_events(f), before + 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_safe_path),
        cmocka_unit_test_setup_teardown(test_endpoints, setup, teardown),
        cmocka_unit_test_setup_teardown(test_errors, setup, teardown),
        cmocka_unit_test_setup_teardown(test_code, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

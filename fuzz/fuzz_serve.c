/* Fuzz target: arbitrary requests -> `annalist serve` routing over a small SQLite store.
 * Input: byte 0 picks the method and content type, then "path\nquery\nbody". Every answer must
 * be a status 200-503 with a JSON body that parses (or a static file under the web directory),
 * and a JSON error must carry its status and a message. */
#include "fuzz_common.h"
#include "annalist/serve.h"
#include "annalist/store.h"

#include <jansson.h>
#include <unistd.h>

static ann_serve_server *srv;
static char webdir[64];

/* A store with a few events and a web directory holding one file, made once. */
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    snprintf(webdir, sizeof webdir, "/tmp/annalist-fuzz-serve-XXXXXX");
    if (!mkdtemp(webdir)) abort();
    char path[128];
    snprintf(path, sizeof path, "%s/index.html", webdir);
    FILE *f = fopen(path, "w");
    if (!f) abort();
    fputs("<!doctype html>", f);
    fclose(f);
    snprintf(path, sizeof path, "%s/store.sqlite", webdir);
    ann_err err = {0};
    ann_store *st = ann_store_open(path, 0, &err);
    if (!st) abort();
    const char *sent = "Iran\xe2\x80\x99s Pezeshkian pressed Aliyev.";
    ann_store_sentence s = {0, 0, (int64_t)strlen(sent), sent};
    ann_store_event ev[2] = {
        {.sentence = 0, .date = "2025-06-26", .source = "IRNGOV", .source_text = "Pezeshkian",
         .source_start = 9, .source_end = 19, .target = "AZEGOV", .target_text = "Aliyev",
         .target_start = 28, .target_end = 34, .code = "101", .root = "10", .quad_class = 3,
         .goldstein = -5.0, .trigger_text = "pressed", .trigger_start = 20, .trigger_end = 27,
         .pattern = "p#101", .answers = -1, .evidence = "[0]"},
        {.sentence = 0, .date = "2025-07-02", .source = "AZE", .source_text = "Aliyev",
         .source_start = 28, .source_end = 34, .target = "IRN", .code = "016", .root = "01",
         .quad_class = 1, .goldstein = -2.0, .trigger_text = "Iran", .trigger_start = 0,
         .trigger_end = 4, .answers = -1, .negated = 1},
    };
    ann_store_doc d = {.id = "d", .date = "2025-06-26", .hash = 1, .nsent = 1, .sent = &s,
                       .nevent = 2, .event = ev};
    if (ann_store_begin(st, &err) < 0 || ann_store_put(st, &d, NULL, &err) < 0 ||
        ann_store_commit(st, &err) < 0)
        abort();
    ann_store_close(st);
    ann_serve_opts o = {.db = path, .web_dir = webdir, .max_body = 1 << 16, .threads = 1, .no_cache = 1};
    srv = ann_serve_open(&o, &err);
    if (!srv) abort();
    return 0;
}

typedef struct qargs {
    char *k[16], *v[16];
    int n;
} qargs;

static const char *lookup(void *ctx, const char *name)
{
    qargs *q = ctx;
    for (int i = 0; i < q->n; i++)
        if (!strcmp(q->k[i], name)) return q->v[i];
    return NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1) return 0;
    static const char *const methods[] = {"GET", "POST", "HEAD", "PUT", "DELETE", "OPTIONS", "get", ""};
    static const char *const ctypes[] = {NULL, "text/plain", "application/json", "application/x-ndjson",
                                         "text/plain; charset=utf-8", "image/png", "application/jsonl", ""};
    const char *method = methods[data[0] & 7];
    const char *ctype = ctypes[(data[0] >> 3) & 7];
    char *in = malloc(size);
    memcpy(in, data + 1, size - 1);
    in[size - 1] = 0;
    size_t n = size - 1;
    /* path \n query \n body (the body may hold any bytes, NULs too) */
    char *nl1 = memchr(in, '\n', n);
    char *path = in, *query = "", *body = "";
    size_t body_len = 0;
    if (nl1) {
        *nl1 = 0;
        query = nl1 + 1;
        char *nl2 = memchr(query, '\n', n - (size_t)(query - in));
        if (nl2) {
            *nl2 = 0;
            body = nl2 + 1;
            body_len = n - (size_t)(body - in);
        }
    } else {
        in[n] = 0;
    }
    qargs qa = {0};
    for (char *p = query; *p && qa.n < 16;) {
        char *amp = strchr(p, '&');
        if (amp) *amp = 0;
        char *eq = strchr(p, '=');
        if (eq) {
            *eq = 0;
            qa.k[qa.n] = p;
            qa.v[qa.n++] = eq + 1;
        }
        if (!amp) break;
        p = amp + 1;
    }
    ann_serve_req rq = {.method = method, .path = path, .raw_uri = path, .arg = lookup, .arg_ctx = &qa,
                        .content_type = ctype, .body = body, .body_len = body_len};
    ann_serve_resp r;
    ann_serve_handle(srv, &rq, &r);
    FUZZ_CHECK(r.status >= 200 && r.status <= 503);
    if (r.file_path) {
        FUZZ_CHECK(r.status == 200);
        FUZZ_CHECK(!strncmp(r.file_path, webdir, strlen(webdir)));
        FUZZ_CHECK(!strstr(r.file_path + strlen(webdir), ".."));
    } else {
        json_error_t je;
        json_t *j = json_loadb(r.body.s, r.body.len, 0, &je);
        FUZZ_CHECK(j != NULL);
        if (r.status != 200) {
            json_t *e = json_object_get(j, "error");
            FUZZ_CHECK(json_integer_value(json_object_get(e, "status")) == r.status);
            FUZZ_CHECK(json_is_string(json_object_get(e, "message")));
        }
        json_decref(j);
    }
    ann_serve_resp_free(&r);
    free(in);
    return 0;
}

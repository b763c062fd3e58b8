/* Routing and the JSON API of `annalist serve`: /v1/events, /v1/series, /v1/actors, /v1/top,
 * /v1/stats, /v1/code, /v1/health, /v1/version, and the dashboard's static files. */
#include "annalist.h"
#include "annalist/serve.h"
#include "annalist/store.h"

#include <jansson.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define POOL_MAX 64
#define CACHE_SLOTS 512
#define CACHE_MAX_ENTRY (256u * 1024u)

/* A cached 200 answer of a read-only query, valid while the store's stamp is unchanged. */
typedef struct cache_entry {
    char *key;        /* the request target, path and query as sent */
    char *body;
    size_t len;
    char stamp[96];
} cache_entry;

struct ann_serve_server {
    char *db;
    char *web_dir;
    size_t max_body;
    ann_pipeline *pipe;
    ann_serve_coder coder;
    int have_coder;
    /* One store handle per concurrent request (a handle is not thread-safe); writes go through
     * a single writer handle under its own lock. */
    pthread_mutex_t lock;
    sem_t slots;               /* -j: how many queries or codings run at once */
    ann_store *pool[POOL_MAX];
    int npool;
    pthread_mutex_t wlock;
    ann_store *writer;
    int writable;
    /* Query answers cached by request target (direct-mapped, so memory stays bounded:
     * CACHE_SLOTS x CACHE_MAX_ENTRY at most). */
    int cache_on;
    int is_pg;
    pthread_mutex_t clock;
    cache_entry cache[CACHE_SLOTS];
    unsigned long generation;  /* bumped by every write this server makes */
};

/* ---- responses ----------------------------------------------------------------------------- */

static const char *status_text(int status)
{
    switch (status) {
    case 200: return "ok";
    case 400: return "bad request";
    case 404: return "not found";
    case 405: return "method not allowed";
    case 413: return "payload too large";
    case 415: return "unsupported media type";
    case 422: return "unprocessable entity";
    case 500: return "internal server error";
    case 503: return "service unavailable";
    default: return "error";
    }
}

void ann_serve_error(ann_serve_resp *r, int status, const char *fmt, ...)
{
    char msg[1200];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    /* Messages quote the client's input, which may be any bytes: keep the JSON valid UTF-8. */
    size_t len = strlen(msg);
    for (size_t i = 0; i < len;) {
        long bad = ann_utf8_invalid_at(msg + i, len - i);
        if (bad < 0) break;
        msg[i + (size_t)bad] = '?';
        i += (size_t)bad + 1;
    }
    ann_buf_clear(&r->body);
    free(r->file_path);
    r->file_path = NULL;
    r->status = status;
    r->content_type = "application/json";
    r->cache = NULL;
    ann_buf_printf(&r->body, "{\"error\":{\"status\":%d,\"reason\":\"%s\",\"message\":", status,
                   status_text(status));
    ann_buf_json_str(&r->body, msg, strlen(msg));
    ann_buf_puts(&r->body, "}}\n");
}

void ann_serve_resp_free(ann_serve_resp *r)
{
    ann_buf_free(&r->body);
    free(r->file_path);
    memset(r, 0, sizeof *r);
}

static void json_ok(ann_serve_resp *r)
{
    r->status = 200;
    r->content_type = "application/json";
}

static void put_str(ann_buf *b, const char *s)
{
    if (s) ann_buf_json_str(b, s, strlen(s));
    else ann_buf_puts(b, "null");
}

static void put_key(ann_buf *b, const char *k, const char *s)
{
    ann_buf_printf(b, "\"%s\":", k);
    put_str(b, s);
}

/* ---- server -------------------------------------------------------------------------------- */

static int pipeline_process(void *ctx, ann_doc *d, ann_err *err)
{
    return ann_pipeline_process(ctx, d, err);
}

ann_serve_server *ann_serve_open(const ann_serve_opts *o, ann_err *err)
{
    if (!o->db || !*o->db) {
        ann_err_set(err, 2, "serve needs --db PATH_OR_URL (a store made by 'annalist ingest')");
        return NULL;
    }
    /* A mistyped path would otherwise serve a new, empty store without a word. */
    if (!ann_store_is_url(o->db) && !o->create && access(o->db, F_OK) != 0) {
        ann_err_set(err, 1, "no store at %s: make one with 'annalist ingest --db %s FILE...', "
                            "or pass --create to start an empty one", o->db, o->db);
        return NULL;
    }
    ann_serve_server *s = ann_xcalloc(1, sizeof *s);
    pthread_mutex_init(&s->lock, NULL);
    pthread_mutex_init(&s->wlock, NULL);
    s->db = ann_xstrdup(o->db);
    s->max_body = o->max_body ? o->max_body : ANN_SERVE_MAX_BODY_DEFAULT;
    pthread_mutex_init(&s->clock, NULL);
    sem_init(&s->slots, 0, (unsigned)(o->threads > 0 ? o->threads : 1));
    s->cache_on = !o->no_cache;
    s->is_pg = ann_store_is_url(o->db);
    if (o->web_dir) s->web_dir = ann_xstrdup(o->web_dir);
    else s->web_dir = ann_data_path("web");
    if (!s->web_dir)
        fprintf(stderr, "annalist: serve: no dashboard files found (data/web); the API still works. "
                        "Install with 'make install' or pass --web DIR\n");
    /* The writer creates the schema of a new store, so a fresh --db works with /v1/code?store=1.
     * A store we may not write to is still served, read-only. */
    ann_err e2 = {0};
    s->writer = ann_store_open(s->db, 0, &e2);
    if (s->writer) {
        s->writable = 1;
    } else {
        ann_store *ro = ann_store_open(s->db, ANN_STORE_READONLY, err);
        if (!ro) {
            if (!err->code) ann_err_set(err, 1, "%s", e2.msg);
            ann_serve_close(s);
            return NULL;
        }
        fprintf(stderr, "annalist: serve: %s is read-only for this server (%s); POST /v1/code?store=1 is disabled\n",
                s->db, e2.msg);
        s->pool[s->npool++] = ro;
    }
    if (o->coder) {
        s->coder = *o->coder;
        s->have_coder = 1;
    } else {
        ann_pipeline_opts po = {0};  /* the shipped model and dictionaries, every stage */
        s->pipe = ann_pipeline_open(&po, err);
        if (!s->pipe) {
            ann_serve_close(s);
            return NULL;
        }
        s->coder = (ann_serve_coder){pipeline_process, ann_events_write_jsonl, s->pipe};
        s->have_coder = 1;
    }
    return s;
}

void ann_serve_close(ann_serve_server *s)
{
    if (!s) return;
    for (int i = 0; i < s->npool; i++) ann_store_close(s->pool[i]);
    if (s->writer) ann_store_close(s->writer);
    if (s->pipe) ann_pipeline_close(s->pipe);
    for (int i = 0; i < CACHE_SLOTS; i++) {
        free(s->cache[i].key);
        free(s->cache[i].body);
    }
    pthread_mutex_destroy(&s->clock);
    sem_destroy(&s->slots);
    pthread_mutex_destroy(&s->lock);
    pthread_mutex_destroy(&s->wlock);
    free(s->db);
    free(s->web_dir);
    free(s);
}

static void slot_take(ann_serve_server *s)
{
    while (sem_wait(&s->slots) != 0) {}
}

static void slot_give(ann_serve_server *s)
{
    sem_post(&s->slots);
}

/* A store handle for one query, taking one of the -j query slots; store_put gives both back. */
static ann_store *store_get(ann_serve_server *s, ann_err *err)
{
    slot_take(s);
    pthread_mutex_lock(&s->lock);
    ann_store *st = s->npool ? s->pool[--s->npool] : NULL;
    pthread_mutex_unlock(&s->lock);
    if (!st) st = ann_store_open(s->db, ANN_STORE_READONLY, err);
    if (!st) slot_give(s);
    return st;
}

/* store_get for an endpoint: when no handle can be had, the answer is already a 503. */
static ann_store *store_or_503(ann_serve_server *s, ann_serve_resp *r, ann_err *err)
{
    ann_store *st = store_get(s, err);
    if (!st) ann_serve_error(r, 503, "store unavailable: %s", err->msg);
    return st;
}

static void store_put(ann_serve_server *s, ann_store *st)
{
    pthread_mutex_lock(&s->lock);
    if (s->npool < POOL_MAX) {
        s->pool[s->npool++] = st;
        st = NULL;
    }
    pthread_mutex_unlock(&s->lock);
    if (st) ann_store_close(st);
    slot_give(s);
}

/* ---- query parameters ------------------------------------------------------------------------ */

static const char *arg(const ann_serve_req *q, const char *name)
{
    const char *v = q->arg ? q->arg(q->arg_ctx, name) : NULL;
    return v && *v ? v : NULL;
}

static int is_actor_code(const char *s)
{
    size_t n = strlen(s);
    if (n < 3 || n > 32) return 0;
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= '0' && s[i] <= '9'))) return 0;
    return 1;
}

static int is_date(const char *s)
{
    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-') return 0;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9')) return 0;
    int m = (s[5] - '0') * 10 + s[6] - '0', d = (s[8] - '0') * 10 + s[9] - '0';
    return m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

static int is_code_list(const char *s)
{
    if (strlen(s) > 200) return 0;
    int digits = 0;
    for (const char *p = s; *p; p++) {
        if (*p >= '0' && *p <= '9') digits++;
        else if (*p == ',' && digits) digits = 0;
        else return 0;
    }
    return digits > 0;
}

/* Fills q from the request's filters; on a bad value fills resp and returns -1.
 * dyad holds the copy of the dyad parameter that q points into. */
static int parse_filters(const ann_serve_req *rq, ann_query *q, char dyad[80], ann_serve_resp *r)
{
    memset(q, 0, sizeof *q);
    const char *v;
    if ((v = arg(rq, "dyad"))) {
        const char *c = strchr(v, ':');
        if (!c || strlen(v) >= 80) {
            ann_serve_error(r, 400, "dyad must be SOURCE:TARGET actor codes, e.g. dyad=IRN:AZE, not '%.80s'", v);
            return -1;
        }
        memcpy(dyad, v, strlen(v) + 1);
        dyad[c - v] = 0;
        if (!is_actor_code(dyad) || !is_actor_code(dyad + (c - v) + 1)) {
            ann_serve_error(r, 400, "dyad must be SOURCE:TARGET actor codes (A-Z, 0-9), e.g. dyad=IRN:AZE, not '%.80s'", v);
            return -1;
        }
        q->source = dyad;
        q->target = dyad + (c - v) + 1;
    }
    if ((v = arg(rq, "both"))) {
        if (strcmp(v, "0") && strcmp(v, "1")) {
            ann_serve_error(r, 400, "both must be 0 or 1 (1: the dyad in either direction)");
            return -1;
        }
        q->undirected = v[0] == '1';
    }
    /* Filters that are a string checked by form: the same reply for each when it is wrong. */
    static const struct { const char *name; size_t off; int (*ok)(const char *); const char *what; } filters[] = {
        {"actor", offsetof(ann_query, actor), is_actor_code, "an actor code prefix (3-32 of A-Z, 0-9), e.g. IRN"},
        {"source", offsetof(ann_query, source), is_actor_code, "an actor code prefix (3-32 of A-Z, 0-9), e.g. IRN"},
        {"target", offsetof(ann_query, target), is_actor_code, "an actor code prefix (3-32 of A-Z, 0-9), e.g. IRN"},
        {"since", offsetof(ann_query, since), is_date, "a date YYYY-MM-DD"},
        {"until", offsetof(ann_query, until), is_date, "a date YYYY-MM-DD"},
        {"code", offsetof(ann_query, codes), is_code_list, "a comma list of CAMEO code prefixes, e.g. code=11,112"},
        {"root", offsetof(ann_query, roots), is_code_list, "a comma list of CAMEO roots, e.g. root=19,20"},
    };
    for (size_t i = 0; i < sizeof filters / sizeof *filters; i++) {
        if (!(v = arg(rq, filters[i].name))) continue;
        if (!filters[i].ok(v)) {
            ann_serve_error(r, 400, "%s must be %s, not '%.80s'", filters[i].name, filters[i].what, v);
            return -1;
        }
        *(const char **)((char *)q + filters[i].off) = v;
    }
    if ((v = arg(rq, "quad"))) {
        if (strlen(v) != 1 || v[0] < '1' || v[0] > '4') {
            ann_serve_error(r, 400, "quad must be a quad class 1-4, not '%.80s'", v);
            return -1;
        }
        q->quad_class = v[0] - '0';
    }
    if ((v = arg(rq, "doc"))) {
        if (strlen(v) > 512) {
            ann_serve_error(r, 400, "doc id longer than 512 bytes");
            return -1;
        }
        q->doc_id = v;
    }
    /* Negated events ("did not recall its ambassador") did not happen: left out unless asked. */
    q->negated = 0;
    if ((v = arg(rq, "negated"))) {
        if (strlen(v) != 1 || v[0] < '0' || v[0] > '2') {
            ann_serve_error(r, 400, "negated must be 0 (leave out), 1 (include) or 2 (only), not '%.80s'", v);
            return -1;
        }
        q->negated = v[0] - '0';
    }
    return 0;
}

static int parse_limit(const ann_serve_req *rq, long def, long max, long *out, ann_serve_resp *r)
{
    const char *v = arg(rq, "limit");
    *out = def;
    if (!v) return 0;
    char *end;
    long n = strtol(v, &end, 10);
    if (*end || n < 1 || n > max) {
        ann_serve_error(r, 400, "limit must be a number from 1 to %ld, not '%.80s'", max, v);
        return -1;
    }
    *out = n;
    return 0;
}

/* ---- events ---------------------------------------------------------------------------------- */

/* UTF-16 code units in s[0..n) (what JavaScript string offsets count). */
static long utf16_len(const char *s, size_t n)
{
    long u = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if ((c & 0xC0) != 0x80) u += c >= 0xF0 ? 2 : 1;
    }
    return u;
}

/* Span offsets are bytes in the document; the row carries only the sentence's text. Infer the
 * sentence's start as the offset that makes the most spans land on their own text, so spans
 * can be highlighted in the sentence (events ingested from JSONL never store sentence starts). */
static int64_t infer_base(const ann_event_row *e, size_t slen)
{
    const char *st = e->sentence_text;
    const char *txt[3] = {e->source_text, e->trigger_text, e->target_text};
    int64_t beg[3] = {e->source_start, e->trigger_start, e->target_start};
    int64_t end[3] = {e->source_end, e->trigger_end, e->target_end};
    int64_t best = -1;
    int best_score = 0;
    for (int k = 0; k < 3; k++) {
        if (!txt[k] || !*txt[k] || beg[k] < 0) continue;
        /* At most 64 candidate places per span text: bounded work on any stored sentence. */
        int tries = 0;
        for (const char *p = st; tries++ < 64 && (p = strstr(p, txt[k])) != NULL; p++) {
            int64_t base = beg[k] - (p - st);
            if (base < 0) continue;
            int score = 0;
            for (int j = 0; j < 3; j++) {
                if (!txt[j] || beg[j] < 0 || end[j] < beg[j]) continue;
                int64_t a = beg[j] - base, b = end[j] - base;
                if (a >= 0 && b <= (int64_t)slen && (size_t)(b - a) == strlen(txt[j]) &&
                    !memcmp(st + a, txt[j], (size_t)(b - a)))
                    score++;
            }
            if (score > best_score) {
                best_score = score;
                best = base;
            }
        }
    }
    return best;
}

static void put_span(ann_buf *b, const char *role, const ann_event_row *e, int64_t base, size_t slen,
                     int64_t s0, int64_t s1, const char *text, int *first)
{
    if (base < 0 || s0 < 0 || s1 < s0 || !text) return;
    int64_t a = s0 - base, z = s1 - base;
    if (a < 0 || z > (int64_t)slen || (size_t)(z - a) != strlen(text) ||
        memcmp(e->sentence_text + a, text, (size_t)(z - a)))
        return;
    long ua = utf16_len(e->sentence_text, (size_t)a), uz = ua + utf16_len(e->sentence_text + a, (size_t)(z - a));
    ann_buf_printf(b, "%s{\"role\":\"%s\",\"start\":%ld,\"end\":%ld}", *first ? "" : ",", role, ua, uz);
    *first = 0;
}

static void put_actor(ann_buf *b, const char *key, const char *code, const char *text, int64_t s,
                      int64_t e, const char *entry)
{
    ann_buf_printf(b, "\"%s\":{", key);
    put_key(b, "code", code);
    ann_buf_putc(b, ',');
    put_key(b, "text", text);
    ann_buf_printf(b, ",\"start\":%lld,\"end\":%lld,", (long long)s, (long long)e);
    put_key(b, "entry", entry);
    ann_buf_putc(b, '}');
}

static void put_event(ann_buf *b, const ann_event_row *e)
{
    ann_buf_printf(b, "{\"id\":%lld,", (long long)e->id);
    put_key(b, "doc_id", e->doc_id);
    ann_buf_printf(b, ",\"sentence\":%d,", e->sentence);
    put_key(b, "date", e->date);
    ann_buf_putc(b, ',');
    put_key(b, "date_precision", e->date_precision);
    ann_buf_putc(b, ',');
    put_key(b, "date_text", e->date_text);
    ann_buf_putc(b, ',');
    put_actor(b, "source", e->source, e->source_text, e->source_start, e->source_end, e->source_entry);
    ann_buf_putc(b, ',');
    put_actor(b, "target", e->target, e->target_text, e->target_start, e->target_end, e->target_entry);
    ann_buf_putc(b, ',');
    put_key(b, "code", e->code);
    ann_buf_putc(b, ',');
    put_key(b, "root", e->root);
    ann_buf_printf(b, ",\"quad_class\":%d,\"goldstein\":%.1f,\"plover\":{", e->quad_class, e->goldstein);
    put_key(b, "type", e->plover_type);
    ann_buf_putc(b, ',');
    put_key(b, "mode", e->plover_mode);
    ann_buf_putc(b, ',');
    put_key(b, "context", e->plover_context);
    ann_buf_printf(b, "},\"negated\":%s,\"hedged\":%s,", e->negated ? "true" : "false",
                   e->hedged ? "true" : "false");
    put_key(b, "attributed_to", e->attributed_to);
    ann_buf_puts(b, ",\"trigger\":{");
    put_key(b, "text", e->trigger_text);
    ann_buf_printf(b, ",\"start\":%lld,\"end\":%lld},", (long long)e->trigger_start, (long long)e->trigger_end);
    put_key(b, "pattern", e->pattern);
    ann_buf_putc(b, ',');
    put_key(b, "sentence_text", e->sentence_text);
    ann_buf_puts(b, ",\"evidence\":");
    /* Stored as JSON array text by the store; pass it through only when it is one. */
    if (e->evidence && e->evidence[0] == '[') {
        json_t *j = json_loads(e->evidence, 0, NULL);
        if (json_is_array(j)) ann_buf_puts(b, e->evidence);
        else ann_buf_puts(b, "null");
        json_decref(j);
    } else {
        ann_buf_puts(b, "null");
    }
    ann_buf_putc(b, ',');
    put_key(b, "annalist_version", e->annalist_version);
    ann_buf_putc(b, ',');
    put_key(b, "dict_version", e->dict_version);
    /* Sentence-relative spans in UTF-16 units, for highlighting. */
    ann_buf_puts(b, ",\"spans\":[");
    if (e->sentence_text) {
        size_t slen = strlen(e->sentence_text);
        int64_t base = infer_base(e, slen);
        int first = 1;
        put_span(b, "source", e, base, slen, e->source_start, e->source_end, e->source_text, &first);
        put_span(b, "trigger", e, base, slen, e->trigger_start, e->trigger_end, e->trigger_text, &first);
        put_span(b, "target", e, base, slen, e->target_start, e->target_end, e->target_text, &first);
    }
    ann_buf_puts(b, "]}");
}

typedef struct ev_ctx {
    ann_buf *b;
    long n;
} ev_ctx;

static int on_event(const ann_event_row *e, void *ctx)
{
    ev_ctx *c = ctx;
    if (c->n++) ann_buf_putc(c->b, ',');
    put_event(c->b, e);
    return 0;
}

static void api_events(ann_serve_server *s, const ann_serve_req *rq, ann_serve_resp *r)
{
    ann_query q;
    char dyad[80];
    long limit;
    if (parse_filters(rq, &q, dyad, r) < 0 || parse_limit(rq, 50, 1000, &limit, r) < 0) return;
    q.limit = limit;
    const char *cur = arg(rq, "cursor");
    if (cur && strlen(cur) > 256) {
        ann_serve_error(r, 400, "cursor longer than 256 bytes; pass back the next_cursor of the previous page");
        return;
    }
    q.cursor = cur;
    ann_err err = {0};
    ann_store *st = store_or_503(s, r, &err);
    if (!st) return;
    char next[512] = "";
    ann_buf_puts(&r->body, "{\"events\":[");
    ev_ctx c = {&r->body, 0};
    long n = ann_store_events(st, &q, on_event, &c, next, sizeof next, &err);
    store_put(s, st);
    if (n < 0) {
        /* A malformed cursor is the client's mistake; anything else is ours. */
        ann_serve_error(r, cur ? 400 : 500, "events query failed: %s", err.msg);
        return;
    }
    ann_buf_printf(&r->body, "],\"count\":%ld,\"next_cursor\":", n);
    put_str(&r->body, next[0] ? next : NULL);
    ann_buf_puts(&r->body, "}\n");
    json_ok(r);
}

/* ---- series, top, actors, stats ---------------------------------------------------------------- */

static void api_series(ann_serve_server *s, const ann_serve_req *rq, ann_serve_resp *r)
{
    ann_query q;
    char dyad[80];
    if (parse_filters(rq, &q, dyad, r) < 0) return;
    const char *by = arg(rq, "by");
    int period = by ? ann_period_parse(by) : ANN_BY_WEEK;
    if (period < 0) {
        ann_serve_error(r, 400, "by must be day, week or month, not '%.40s'", by);
        return;
    }
    ann_err err = {0};
    ann_store *st = store_or_503(s, r, &err);
    if (!st) return;
    ann_series ser = {0};
    int rc = ann_store_series(st, &q, (ann_period)period, &ser, &err);
    store_put(s, st);
    if (rc < 0) {
        ann_serve_error(r, 500, "series query failed: %s", err.msg);
        return;
    }
    static const char *const names[] = {"day", "week", "month"};
    ann_buf *b = &r->body;
    ann_buf_printf(b, "{\"by\":\"%s\",\"source\":", names[period]);
    put_str(b, q.source);
    ann_buf_puts(b, ",\"target\":");
    put_str(b, q.target);
    ann_buf_puts(b, ",\"actor\":");
    put_str(b, q.actor);
    ann_buf_printf(b, ",\"both\":%s,\"points\":[", q.undirected ? "true" : "false");
    for (int i = 0; i < ser.n; i++) {
        const ann_series_point *p = &ser.p[i];
        ann_buf_printf(b, "%s{\"period\":\"%s\",\"count\":%ld,\"quad\":[%ld,%ld,%ld,%ld],"
                          "\"goldstein_sum\":%.2f,\"goldstein_mean\":%.3f,\"top_codes\":[",
                       i ? "," : "", p->period, p->count, p->quad[1], p->quad[2], p->quad[3], p->quad[4],
                       p->goldstein_sum, p->goldstein_mean);
        for (int k = 0, f = 1; k < ANN_SERIES_TOP; k++) {
            if (!p->top_code[k][0]) continue;
            ann_buf_printf(b, "%s{\"code\":", f ? "" : ",");
            put_str(b, p->top_code[k]);
            ann_buf_printf(b, ",\"count\":%ld}", p->top_count[k]);
            f = 0;
        }
        ann_buf_puts(b, "]}");
    }
    ann_buf_puts(b, "]}\n");
    ann_series_free(&ser);
    json_ok(r);
}

static void put_rows(ann_buf *b, const char *key, const char *kname, ann_top_row *rows, int n)
{
    ann_buf_printf(b, "{\"%s\":[", key);
    for (int i = 0; i < n; i++) {
        ann_buf_printf(b, "%s{\"%s\":", i ? "," : "", kname);
        put_str(b, rows[i].key);
        ann_buf_puts(b, ",\"name\":");
        put_str(b, rows[i].name);
        ann_buf_printf(b, ",\"events\":%ld,\"goldstein_mean\":%.3f}", rows[i].count, rows[i].goldstein_mean);
    }
    ann_buf_puts(b, "]}\n");
}

static void api_actors(ann_serve_server *s, const ann_serve_req *rq, ann_serve_resp *r)
{
    long limit;
    if (parse_limit(rq, 20, 200, &limit, r) < 0) return;
    const char *text = arg(rq, "q");
    if (!text) text = "";
    if (strlen(text) > 100) {
        ann_serve_error(r, 400, "q longer than 100 bytes");
        return;
    }
    ann_err err = {0};
    ann_store *st = store_or_503(s, r, &err);
    if (!st) return;
    ann_top_row *rows = NULL;
    int n = 0;
    int rc = ann_store_actor_search(st, text, (int)limit, &rows, &n, &err);
    store_put(s, st);
    if (rc < 0) {
        ann_serve_error(r, 500, "actor search failed: %s", err.msg);
        return;
    }
    put_rows(&r->body, "actors", "code", rows, n);
    free(rows);
    json_ok(r);
}

static void api_top(ann_serve_server *s, const ann_serve_req *rq, ann_serve_resp *r)
{
    ann_query q;
    char dyad[80];
    long limit;
    if (parse_filters(rq, &q, dyad, r) < 0 || parse_limit(rq, 10, 200, &limit, r) < 0) return;
    q.limit = limit;
    const char *kind = arg(rq, "kind");
    int k = kind ? ann_top_parse(kind) : ANN_TOP_DYADS;
    if (k < 0) {
        ann_serve_error(r, 400, "kind must be actors, dyads or codes, not '%.40s'", kind);
        return;
    }
    ann_err err = {0};
    ann_store *st = store_or_503(s, r, &err);
    if (!st) return;
    ann_top_row *rows = NULL;
    int n = 0;
    int rc = ann_store_top(st, &q, (ann_top_kind)k, &rows, &n, &err);
    store_put(s, st);
    if (rc < 0) {
        ann_serve_error(r, 500, "top query failed: %s", err.msg);
        return;
    }
    static const char *const names[] = {"actors", "dyads", "codes"};
    static const char *const keys[] = {"code", "dyad", "code"};
    put_rows(&r->body, names[k], keys[k], rows, n);
    free(rows);
    json_ok(r);
}

static void api_stats(ann_serve_server *s, ann_serve_resp *r)
{
    ann_err err = {0};
    ann_store *st = store_or_503(s, r, &err);
    if (!st) return;
    ann_store_stats ss = {0};
    int rc = ann_store_stats_get(st, &ss, &err);
    const char *backend = ann_store_backend(st);
    store_put(s, st);
    if (rc < 0) {
        ann_serve_error(r, 500, "stats query failed: %s", err.msg);
        return;
    }
    ann_buf_printf(&r->body, "{\"backend\":\"%s\",\"documents\":%ld,\"sentences\":%ld,\"events\":%ld,"
                             "\"actors\":%ld,\"first_date\":",
                   backend, ss.documents, ss.sentences, ss.events, ss.actors);
    put_str(&r->body, ss.first_date[0] ? ss.first_date : NULL);
    ann_buf_puts(&r->body, ",\"last_date\":");
    put_str(&r->body, ss.last_date[0] ? ss.last_date : NULL);
    ann_buf_printf(&r->body, ",\"schema_version\":%d}\n", ss.schema_version);
    json_ok(r);
}

/* ---- POST /v1/code --------------------------------------------------------------------------- */

/* Appends one document object as a JSONL line, or fills resp and returns -1. */
static int doc_line(json_t *v, const char *where, ann_buf *out, ann_serve_resp *r)
{
    if (!json_is_object(v) || !json_is_string(json_object_get(v, "text"))) {
        ann_serve_error(r, 400, "%s: expected an object with a \"text\" string, "
                               "e.g. {\"id\":\"a1\",\"date\":\"2025-06-26\",\"text\":\"...\"}", where);
        return -1;
    }
    char *line = json_dumps(v, JSON_COMPACT);
    ann_buf_puts(out, line);
    ann_buf_putc(out, '\n');
    free(line);
    return 0;
}

/* The request body as JSONL for the document reader: one JSON object (pretty-printed or not),
 * an array of them, or JSON lines. */
static int body_to_jsonl(const ann_serve_req *rq, ann_buf *out, ann_serve_resp *r)
{
    const char *p = rq->body;
    size_t n = rq->body_len;
    while (n && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')) p++, n--;
    json_error_t je;
    json_t *all = json_loadb(p, n, JSON_REJECT_DUPLICATES, &je);
    if (all || (n && *p == '[')) {
        if (!all) {
            ann_serve_error(r, 400, "invalid JSON at line %d column %d: %s", je.line, je.column, je.text);
            return -1;
        }
        int rc = 0;
        if (json_is_array(all)) {
            if (json_array_size(all) == 0 || json_array_size(all) > 10000) {
                ann_serve_error(r, 400, "expected a JSON array of 1 to 10000 documents {\"id\",\"date\",\"text\"}");
                rc = -1;
            }
            size_t i;
            json_t *v;
            json_array_foreach(all, i, v) {
                if (rc < 0) break;
                char where[64];
                snprintf(where, sizeof where, "document %zu of the array", i + 1);
                rc = doc_line(v, where, out, r);
            }
        } else {
            rc = doc_line(all, "the request body", out, r);
        }
        json_decref(all);
        return rc;
    }
    /* JSON lines: validate each here so the client gets a 400 naming the line. */
    long line = 0;
    const char *end = p + n;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *le = nl ? nl : end;
        line++;
        const char *q = p;
        while (q < le && (*q == ' ' || *q == '\t' || *q == '\r')) q++;
        if (q < le) {
            json_t *o = json_loadb(q, (size_t)(le - q), JSON_REJECT_DUPLICATES, &je);
            if (!o) {
                ann_serve_error(r, 400, "invalid JSON on line %ld, column %d: %s", line, je.column, je.text);
                return -1;
            }
            int good = json_is_object(o) && json_is_string(json_object_get(o, "text"));
            json_decref(o);
            if (!good) {
                ann_serve_error(r, 400, "line %ld: expected an object with a \"text\" string, "
                                       "e.g. {\"id\":\"a1\",\"date\":\"2025-06-26\",\"text\":\"...\"}", line);
                return -1;
            }
            ann_buf_add(out, q, (size_t)(le - q));
            ann_buf_putc(out, '\n');
        }
        p = nl ? nl + 1 : end;
    }
    if (!out->len) {
        ann_serve_error(r, 400, "empty request body: send text, a JSON document {\"text\":...} or an array of them");
        return -1;
    }
    return 0;
}

static int ctype_is(const char *ct, const char *want)
{
    if (!ct) return 0;
    size_t n = strlen(want);
    return !strncasecmp(ct, want, n) && (ct[n] == 0 || ct[n] == ';' || ct[n] == ' ');
}

static void api_code(ann_serve_server *s, const ann_serve_req *rq, ann_serve_resp *r)
{
    const char *sv = arg(rq, "store");
    if (sv && strcmp(sv, "0") && strcmp(sv, "1")) {
        ann_serve_error(r, 400, "store must be 0 or 1");
        return;
    }
    int store = sv && sv[0] == '1';
    int json = ctype_is(rq->content_type, "application/json") || ctype_is(rq->content_type, "application/x-ndjson") ||
               ctype_is(rq->content_type, "application/jsonl");
    if (!json && rq->content_type && !ctype_is(rq->content_type, "text/plain")) {
        ann_serve_error(r, 415, "send text/plain (one document) or application/json ({\"id\",\"date\",\"text\"} or an array), not %.80s",
                       rq->content_type);
        return;
    }
    if (rq->body_len == 0) {
        ann_serve_error(r, 400, "empty request body: send the text to code");
        return;
    }
    if (ann_utf8_invalid_at(rq->body, rq->body_len) >= 0) {
        ann_serve_error(r, 400, "request body is not valid UTF-8 (bad byte at offset %ld)",
                       ann_utf8_invalid_at(rq->body, rq->body_len));
        return;
    }
    ann_buf jsonl = {0};
    if (json && body_to_jsonl(rq, &jsonl, r) < 0) {
        ann_buf_free(&jsonl);
        return;
    }
    if (!s->have_coder) {
        ann_buf_free(&jsonl);
        ann_serve_error(r, 503, "this build has no coding pipeline; POST /v1/code is unavailable "
                               "(the query endpoints still work)");
        return;
    }
    if (store && !s->writable) {
        ann_buf_free(&jsonl);
        ann_serve_error(r, 503, "the store is read-only for this server; code without store=1");
        return;
    }
    ann_reader *rd = json ? ann_reader_open_mem("request", jsonl.s, jsonl.len, ANN_FMT_JSONL, s->max_body)
                          : ann_reader_open_mem("request", rq->body, rq->body_len, ANN_FMT_TEXT, s->max_body);
    ann_buf_free(&jsonl);
    ann_buf *b = &r->body;
    ann_buf_puts(b, "{\"documents\":[");
    ann_buf ev = {0};
    long ndoc = 0, nev = 0, added = 0, replaced = 0, unchanged = 0;
    int rc;
    ann_doc *d;
    ann_err err = {0};
    if (store) {
        pthread_mutex_lock(&s->wlock);
        if (ann_store_begin(s->writer, &err) < 0) {
            pthread_mutex_unlock(&s->wlock);
            ann_reader_close(rd);
            ann_serve_error(r, 500, "cannot start a store transaction: %s", err.msg);
            return;
        }
    }
    int failed = 0;
    slot_take(s);
    while ((rc = ann_reader_next(rd, &d, &err)) != 0) {
        if (rc < 0) {
            failed = 400;
            break;
        }
        if (!d->id) d->id = ann_arena_printf(&d->arena, "request-%ld", ndoc + 1);
        if (s->coder.process(s->coder.ctx, d, &err) < 0) {
            ann_doc_free(d);
            failed = 422;
            break;
        }
        if (store) {
            ann_arena scratch = {0};
            ann_store_doc sd;
            ann_store_doc_from(&sd, d, NULL, &scratch);
            int pr = ann_store_put(s->writer, &sd, NULL, &err);
            ann_arena_free(&scratch);
            if (pr < 0) {
                ann_doc_free(d);
                failed = 500;
                break;
            }
            added += pr == ANN_STORE_ADDED;
            replaced += pr == ANN_STORE_REPLACED;
            unchanged += pr == ANN_STORE_UNCHANGED;
        }
        ann_buf_clear(&ev);
        s->coder.write_jsonl(&ev, d);
        ann_buf_printf(b, "%s{\"id\":", ndoc ? "," : "");
        put_str(b, d->id);
        ann_buf_puts(b, ",\"date\":");
        put_str(b, d->date);
        ann_buf_printf(b, ",\"sentences\":%d,\"events\":[", d->nsent);
        /* The writer emits one JSON object per line: join them into an array. */
        long k = 0;
        for (char *p = ev.s; p && *p;) {
            char *nl = strchr(p, '\n');
            size_t len = nl ? (size_t)(nl - p) : strlen(p);
            if (len) {
                if (k++) ann_buf_putc(b, ',');
                ann_buf_add(b, p, len);
            }
            p = nl ? nl + 1 : p + len;
        }
        nev += k;
        ann_buf_puts(b, "]}");
        ndoc++;
        ann_doc_free(d);
    }
    slot_give(s);
    ann_reader_close(rd);
    ann_buf_free(&ev);
    if (store) {
        if (!failed && ann_store_commit(s->writer, &err) < 0) failed = 500;
        if (failed) ann_store_rollback(s->writer);
        else __atomic_add_fetch(&s->generation, 1, __ATOMIC_RELEASE);
        pthread_mutex_unlock(&s->wlock);
    }
    if (failed) {
        ann_serve_error(r, failed, "%s%s", err.msg, store ? " (nothing was stored)" : "");
        return;
    }
    ann_buf_printf(b, "],\"count\":%ld,\"events\":%ld", ndoc, nev);
    if (store)
        ann_buf_printf(b, ",\"stored\":{\"added\":%ld,\"replaced\":%ld,\"unchanged\":%ld}", added, replaced,
                       unchanged);
    ann_buf_puts(b, "}\n");
    json_ok(r);
}

/* ---- static files ---------------------------------------------------------------------------- */

int ann_serve_safe_path(const char *p, char *out, size_t n)
{
    if (!p || p[0] != '/') return -1;
    p++;
    if (!*p) p = "index.html";
    size_t len = strlen(p);
    if (len + 1 > n || len > 255) return -1;
    const char *seg = p;
    for (size_t i = 0; i <= len; i++) {
        unsigned char c = (unsigned char)p[i];
        if (c == '/' || c == 0) {
            size_t sl = (size_t)(p + i - seg);
            /* Empty, "." and ".." segments, and hidden files, are refused outright. */
            if (sl == 0 || seg[0] == '.') return -1;
            seg = p + i + 1;
            continue;
        }
        int okc = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                  c == '-' || c == '_' || c == '.';
        if (!okc) return -1;
    }
    memcpy(out, p, len + 1);
    return 0;
}

static const char *mime_of(const char *name)
{
    const char *dot = strrchr(name, '.');
    static const struct { const char *ext, *type; } types[] = {
        {".html", "text/html; charset=utf-8"}, {".js", "text/javascript; charset=utf-8"},
        {".mjs", "text/javascript; charset=utf-8"}, {".css", "text/css; charset=utf-8"},
        {".svg", "image/svg+xml"}, {".png", "image/png"}, {".ico", "image/x-icon"},
        {".json", "application/json"}, {".txt", "text/plain; charset=utf-8"},
    };
    if (dot)
        for (size_t i = 0; i < sizeof types / sizeof *types; i++)
            if (!strcmp(dot, types[i].ext)) return types[i].type;
    return "application/octet-stream";
}

/* The raw request target, before decoding: encoded dots, slashes, backslashes and NULs in
 * the path are never legitimate for the dashboard's flat file names. */
static int raw_uri_suspicious(const char *raw)
{
    if (!raw) return 0;
    for (const char *p = raw; *p && *p != '?' && *p != '#'; p++) {
        if (*p == '\\') return 1;
        if (*p == '%') {
            if (!p[1] || !p[2]) return 1;
            char h[3] = {p[1], p[2], 0};
            long v = strtol(h, NULL, 16);
            if (v == '.' || v == '/' || v == '\\' || v == 0 || v == '%' || v >= 0x80 || v < 0x20) return 1;
        }
    }
    return 0;
}

static void serve_static(ann_serve_server *s, const ann_serve_req *rq, ann_serve_resp *r)
{
    char rel[256];
    if (raw_uri_suspicious(rq->raw_uri) || ann_serve_safe_path(rq->path, rel, sizeof rel) < 0) {
        ann_serve_error(r, 400, "path not allowed: dashboard files have plain names (no dot segments or encoded separators)");
        return;
    }
    if (!s->web_dir) {
        ann_serve_error(r, 404, "this server has no dashboard files (data/web not installed); the API is under /v1/");
        return;
    }
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", s->web_dir, rel);
    struct stat st;
    if (stat(path, &st) != 0 || !S_ISREG(st.st_mode)) {
        ann_serve_error(r, 404, "no such file: /%s (the API is under /v1/)", rel);
        return;
    }
    r->status = 200;
    r->file_path = ann_xstrdup(path);
    r->content_type = mime_of(rel);
    r->cache = "no-cache";
}

/* ---- response cache ------------------------------------------------------------------------- */

/* What identifies the store's current content. A SQLite store changes its file or its WAL on
 * every write, whoever makes it (another `annalist ingest` too): their sizes and mtimes are the
 * stamp. A PostgreSQL store gives no such cheap signal, so its answers live one second. */
static void store_stamp(ann_serve_server *s, char *out, size_t n)
{
    unsigned long gen = __atomic_load_n(&s->generation, __ATOMIC_ACQUIRE);
    if (s->is_pg) {
        struct timespec t;
        clock_gettime(CLOCK_MONOTONIC, &t);
        snprintf(out, n, "g%lu t%lld", gen, (long long)t.tv_sec);
        return;
    }
    char wal[4096];
    snprintf(wal, sizeof wal, "%s-wal", s->db);
    struct stat a = {0}, b = {0};
    stat(s->db, &a);
    stat(wal, &b);
    snprintf(out, n, "g%lu %lld.%ld:%lld %lld.%ld:%lld", gen, (long long)a.st_mtim.tv_sec, a.st_mtim.tv_nsec,
             (long long)a.st_size, (long long)b.st_mtim.tv_sec, b.st_mtim.tv_nsec, (long long)b.st_size);
}

static int cache_get(ann_serve_server *s, const char *key, const char *stamp, ann_serve_resp *r)
{
    cache_entry *e = &s->cache[ann_hash64(key, strlen(key), 0) % CACHE_SLOTS];
    int hit = 0;
    pthread_mutex_lock(&s->clock);
    if (e->key && !strcmp(e->key, key) && !strcmp(e->stamp, stamp)) {
        ann_buf_add(&r->body, e->body, e->len);
        hit = 1;
    }
    pthread_mutex_unlock(&s->clock);
    if (hit) json_ok(r);
    return hit;
}

static void cache_put(ann_serve_server *s, const char *key, const char *stamp, const ann_serve_resp *r)
{
    if (r->status != 200 || r->body.len > CACHE_MAX_ENTRY) return;
    char *k = ann_xstrdup(key), *b = ann_xmalloc(r->body.len + 1);
    memcpy(b, r->body.s, r->body.len + 1);
    cache_entry *e = &s->cache[ann_hash64(key, strlen(key), 0) % CACHE_SLOTS];
    pthread_mutex_lock(&s->clock);
    char *ok = e->key, *ob = e->body;
    e->key = k;
    e->body = b;
    e->len = r->body.len;
    snprintf(e->stamp, sizeof e->stamp, "%s", stamp);
    pthread_mutex_unlock(&s->clock);
    free(ok);
    free(ob);
}

/* ---- routing --------------------------------------------------------------------------------- */

static void handle(ann_serve_server *s, const ann_serve_req *rq, ann_serve_resp *r)
{
    const char *m = rq->method ? rq->method : "";
    const char *p = rq->path ? rq->path : "";
    int get = !strcmp(m, "GET") || !strcmp(m, "HEAD");
    if (strncmp(p, "/v1/", 4) != 0 && strcmp(p, "/v1")) {
        if (!get) {
            ann_serve_error(r, 405, "%.16s is not allowed on dashboard files; use GET", m);
            return;
        }
        serve_static(s, rq, r);
        return;
    }
    static const struct { const char *path; int post; } routes[] = {
        {"/v1/health", 0}, {"/v1/version", 0}, {"/v1/events", 0}, {"/v1/series", 0},
        {"/v1/actors", 0}, {"/v1/top", 0}, {"/v1/stats", 0}, {"/v1/code", 1},
    };
    int route = -1;
    for (size_t i = 0; i < sizeof routes / sizeof *routes; i++)
        if (!strcmp(p, routes[i].path)) route = (int)i;
    if (route < 0) {
        ann_serve_error(r, 404, "no such endpoint: %.200s (see /v1/version for the API: events, series, actors, "
                               "top, stats, code, health)", p);
        return;
    }
    if (routes[route].post ? strcmp(m, "POST") != 0 : !get) {
        ann_serve_error(r, 405, "%.16s %s: use %s", m, routes[route].path, routes[route].post ? "POST" : "GET");
        return;
    }
    /* Read-only queries (events, series, actors, top, stats) may come from the cache. */
    char stamp[96];
    int cacheable = s->cache_on && route >= 2 && route <= 6 && rq->raw_uri;
    if (cacheable) {
        store_stamp(s, stamp, sizeof stamp);
        if (cache_get(s, rq->raw_uri, stamp, r)) return;
    }
    switch (route) {
    case 0:
        ann_buf_printf(&r->body, "{\"status\":\"ok\",\"pipeline\":%s}\n", s->have_coder ? "true" : "false");
        json_ok(r);
        break;
    case 1:
        ann_buf_printf(&r->body, "{\"annalist\":\"%s\",\"api\":1,\"schema_version\":%d,\"pipeline\":%s,"
                                 "\"store_writable\":%s,\"endpoints\":[\"GET /v1/events\",\"GET /v1/series\","
                                 "\"GET /v1/actors\",\"GET /v1/top\",\"GET /v1/stats\",\"POST /v1/code\","
                                 "\"GET /v1/health\",\"GET /v1/version\"]}\n",
                       ANN_VERSION, ANN_STORE_SCHEMA_VERSION, s->have_coder ? "true" : "false",
                       s->writable ? "true" : "false");
        json_ok(r);
        break;
    case 2: api_events(s, rq, r); break;
    case 3: api_series(s, rq, r); break;
    case 4: api_actors(s, rq, r); break;
    case 5: api_top(s, rq, r); break;
    case 6: api_stats(s, r); break;
    case 7: api_code(s, rq, r); break;
    }
    if (cacheable) cache_put(s, rq->raw_uri, stamp, r);
}

void ann_serve_handle(ann_serve_server *s, const ann_serve_req *rq, ann_serve_resp *r)
{
    memset(r, 0, sizeof *r);
    handle(s, rq, r);
    if (!r->status) ann_serve_error(r, 500, "no response produced");
}

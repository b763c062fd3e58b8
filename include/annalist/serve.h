/* `annalist serve`: an HTTP API (libmicrohttpd) over an event store, plus the static web
 * dashboard. The routing layer is separate from the network layer so it can be tested in-process. */
#ifndef ANNALIST_SERVE_H
#define ANNALIST_SERVE_H

#include "base.h"
#include "doc.h"
#include <stddef.h>

#define ANN_SERVE_MAX_BODY_DEFAULT (10u * 1024u * 1024u)

/* How POST /v1/code codes a document: by default the coding pipeline (when this build has
 * one); tests supply their own. process must be thread-safe; ctx is shared by all requests. */
typedef struct ann_serve_coder {
    int (*process)(void *ctx, ann_doc *d, ann_err *err);          /* 0, or -1 with err */
    void (*write_jsonl)(ann_buf *out, const ann_doc *d);          /* events, one per line */
    void *ctx;
} ann_serve_coder;

typedef struct ann_serve_opts {
    const char *db;            /* store path or postgresql:// URL */
    const char *host;          /* address to bind; NULL = "127.0.0.1" */
    int port;                  /* 0 = pick a free port (reported on stderr and via port_file) */
    int threads;               /* worker threads, >= 1 */
    size_t max_body;           /* request body cap in bytes; 0 = default (10 MB) */
    unsigned timeout_s;        /* idle connection timeout; 0 = 15 s */
    unsigned max_conns;        /* concurrent connections; 0 = 256 */
    unsigned max_conns_per_ip; /* 0 = no per-address cap */
    unsigned drain_s;          /* how long SIGTERM waits for in-flight requests; 0 = 10 s */
    const char *web_dir;       /* dashboard files; NULL = ann_data_path("web") */
    const char *port_file;     /* when set, the bound port is written there once listening */
    int quiet;                 /* 1: no access log */
    int no_cache;              /* 1: answer every query from the store (no response cache) */
    const ann_serve_coder *coder; /* NULL = the coding pipeline, when this build has one */
    int create;                /* 1: a SQLite store that does not exist yet is created empty */
} ann_serve_opts;

/* Serves until SIGTERM or SIGINT, then stops accepting, lets in-flight requests finish (up to
 * drain_s) and returns 0. Returns -1 with err filled when it cannot start. */
int ann_serve_run(const ann_serve_opts *o, ann_err *err);

/* ---- In-process routing (used by ann_serve_run and by the unit tests) ---- */

typedef struct ann_serve_server ann_serve_server;

/* Opens the store and the coding pipeline (when this build has one). */
ann_serve_server *ann_serve_open(const ann_serve_opts *o, ann_err *err);
void ann_serve_close(ann_serve_server *s);

typedef const char *(*ann_serve_arg_fn)(void *ctx, const char *name);

typedef struct ann_serve_req {
    const char *method;        /* "GET", "POST", ... */
    const char *path;          /* decoded path without the query string */
    const char *raw_uri;       /* the request target as sent (for traversal checks), or NULL */
    ann_serve_arg_fn arg;       /* query argument lookup (decoded), NULL = none */
    void *arg_ctx;
    const char *content_type;  /* NULL when absent */
    const char *body;
    size_t body_len;
} ann_serve_req;

typedef struct ann_serve_resp {
    int status;
    const char *content_type;  /* static string */
    ann_buf body;
    char *file_path;           /* when set, the body is this file (malloc'd path) */
    const char *cache;         /* Cache-Control value, static string or NULL */
} ann_serve_resp;

/* Answers one request. Always fills resp (errors are JSON {"error":{"status","message"}}). */
void ann_serve_handle(ann_serve_server *s, const ann_serve_req *req, ann_serve_resp *resp);
void ann_serve_resp_free(ann_serve_resp *r);

/* Fills resp with a JSON error. */
void ann_serve_error(ann_serve_resp *r, int status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Maps a URL path under the dashboard to a relative file name, or returns -1 when the path
 * could escape the web directory (dot segments, backslashes, NULs, encoded separators...).
 * "/" maps to "index.html". out receives at most n bytes. */
int ann_serve_safe_path(const char *url_path, char *out, size_t n);

#endif

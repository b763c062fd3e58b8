/* The PostgreSQL backend (libpq): the same statements as SQLite, '?' rewritten to $n,
 * parameters sent as text, rows read one at a time so exports of any size stream. */
#include "backend.h"

#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PG_MAXPARAM 48

struct st_stmt {
    ann_store *s;
    char *sql;            /* with $n placeholders */
    char name[24];        /* "" when not prepared on the server */
    int nparam;
    char *param[PG_MAXPARAM];
    int running;
    int returns_rows;     /* SELECT: must be read; others may be pipelined unread */
    PGresult *row;        /* the current row (single-row mode) */
    PGresult *full;       /* pipeline mode: the whole result, rows read from full_row */
    int full_row;
};

/* Pipeline mode (inside ingest batches): INSERT/UPDATE/DELETE are sent without waiting for
 * their results, which are read at the next SELECT, every PG_PIPE_MAX statements (so neither
 * side's socket buffer fills up) and at the end of the batch. One round trip per document
 * instead of one per row. */
#define PG_PIPE_MAX 512

static void pg_conn_err(ann_store *s, ann_err *err, const char *what)
{
    const char *m = PQerrorMessage(s->db);
    size_t n = strlen(m);
    while (n && (m[n - 1] == '\n' || m[n - 1] == ' ')) n--;
    ann_err_set(err, 1, "%s: %s: %.*s", s->target, what, (int)n, m);
}

static int pg_exec(ann_store *s, const char *sql, ann_err *err)
{
    PGresult *r = PQexec(s->db, sql);
    ExecStatusType t = PQresultStatus(r);
    int ok = t == PGRES_COMMAND_OK || t == PGRES_TUPLES_OK;
    if (!ok) pg_conn_err(s, err, "statement failed");
    PQclear(r);
    return ok ? 0 : -1;
}

/* '?' -> $1, $2 ... outside quoted strings. */
static char *pg_rewrite(const char *sql, int *nparam)
{
    ann_buf b = {0};
    char q = 0;
    int n = 0;
    for (const char *p = sql; *p; p++) {
        if (q) { if (*p == q) q = 0; ann_buf_putc(&b, *p); continue; }
        if (*p == '\'' || *p == '"') { q = *p; ann_buf_putc(&b, *p); continue; }
        if (*p == '?') ann_buf_printf(&b, "$%d", ++n);
        else ann_buf_putc(&b, *p);
    }
    *nparam = n;
    return b.s;
}

static st_stmt *pg_prepare(ann_store *s, const char *sql, int persistent, ann_err *err)
{
    st_stmt *x = ann_xcalloc(1, sizeof *x);
    x->s = s;
    x->sql = pg_rewrite(sql, &x->nparam);
    x->returns_rows = !strncmp(sql, "SELECT", 6);
    if (x->nparam > PG_MAXPARAM) {
        ann_err_set(err, 1, "internal: statement has %d parameters (max %d)", x->nparam, PG_MAXPARAM);
        free(x->sql); free(x);
        return NULL;
    }
    if (persistent) {
        snprintf(x->name, sizeof x->name, "ann%d", ++s->pg_stmt_seq);
        PGresult *r = PQprepare(s->db, x->name, x->sql, x->nparam, NULL);
        int ok = PQresultStatus(r) == PGRES_COMMAND_OK;
        PQclear(r);
        if (!ok) {
            pg_conn_err(s, err, "preparing a statement");
            free(x->sql); free(x);
            return NULL;
        }
    }
    return x;
}

static void pg_setp(st_stmt *x, int i, char *v)
{
    if (i < 1 || i > PG_MAXPARAM) { free(v); return; }
    free(x->param[i - 1]);
    x->param[i - 1] = v;
}
static void pg_bind_text(st_stmt *x, int i, const char *v) { pg_setp(x, i, v ? ann_xstrdup(v) : NULL); }
static void pg_bind_int(st_stmt *x, int i, int64_t v)
{
    char b[32];
    snprintf(b, sizeof b, "%lld", (long long)v);
    pg_setp(x, i, ann_xstrdup(b));
}
static void pg_bind_double(st_stmt *x, int i, double v)
{
    char b[40];
    snprintf(b, sizeof b, "%.17g", v);
    pg_setp(x, i, ann_xstrdup(b));
}

static void pg_result_err(ann_store *s, PGresult *r, ann_err *err)
{
    const char *m = PQresultErrorMessage(r);
    size_t n = strlen(m);
    while (n && (m[n - 1] == '\n' || m[n - 1] == ' ')) n--;
    if (!err->code) ann_err_set(err, 1, "%s: %.*s", s->target, (int)n, m);
}

/* Reads the results of the statements sent unread; the first error is reported. */
static int pipe_drain(ann_store *s, ann_err *err)
{
    PGconn *c = s->db;
    int bad = 0;
    if (!s->pg_pending) return 0;
    if (!PQsendFlushRequest(c) || PQflush(c) < 0) { pg_conn_err(s, err, "sending statements"); return -1; }
    while (s->pg_pending > 0) {
        PGresult *r = PQgetResult(c);
        if (!r) { pg_conn_err(s, err, "reading results"); return -1; }
        ExecStatusType t = PQresultStatus(r);
        if (t == PGRES_FATAL_ERROR) { pg_result_err(s, r, err); bad = 1; }
        else if (t == PGRES_PIPELINE_ABORTED) bad = 1;
        PQclear(r);
        while ((r = PQgetResult(c))) PQclear(r);  /* the NULL that ends each statement */
        s->pg_pending--;
    }
    if (bad && !err->code) ann_err_set(err, 1, "%s: a statement of the batch failed", s->target);
    return bad ? -1 : 0;
}

static int pg_batch(ann_store *s, int on, ann_err *err)
{
    PGconn *c = s->db;
    if (on) {
        if (!PQenterPipelineMode(c)) { pg_conn_err(s, err, "entering pipeline mode"); return -1; }
        s->pg_pipeline = 1;
        s->pg_pending = 0;
        return 0;
    }
    if (!s->pg_pipeline) return 0;
    int rc = PQpipelineSync(c) ? 0 : -1;
    if (rc < 0) pg_conn_err(s, err, "syncing the batch");
    /* the sync makes the server send everything: results, then PGRES_PIPELINE_SYNC */
    while (rc == 0 && s->pg_pending > 0) {
        PGresult *r = PQgetResult(c);
        if (!r) { pg_conn_err(s, err, "reading results"); rc = -1; break; }
        ExecStatusType t = PQresultStatus(r);
        if (t == PGRES_FATAL_ERROR) { pg_result_err(s, r, err); rc = -1; }
        else if (t == PGRES_PIPELINE_ABORTED) rc = -1;
        PQclear(r);
        while ((r = PQgetResult(c))) PQclear(r);
        s->pg_pending--;
    }
    for (;;) {
        PGresult *r = PQgetResult(c);
        if (!r) {
            if (PQstatus(c) != CONNECTION_OK) { rc = -1; pg_conn_err(s, err, "connection lost"); break; }
            continue;
        }
        ExecStatusType t = PQresultStatus(r);
        PQclear(r);
        if (t == PGRES_PIPELINE_SYNC) break;
    }
    s->pg_pending = 0;
    s->pg_pipeline = 0;
    if (!PQexitPipelineMode(c) && rc == 0) { pg_conn_err(s, err, "leaving pipeline mode"); rc = -1; }
    if (rc < 0 && !err->code) ann_err_set(err, 1, "%s: a statement of the batch failed", s->target);
    return rc;
}

static int pg_send(st_stmt *x)
{
    PGconn *c = x->s->db;
    return x->name[0]
        ? PQsendQueryPrepared(c, x->name, x->nparam, (const char *const *)x->param, NULL, NULL, 0)
        : PQsendQueryParams(c, x->sql, x->nparam, NULL, (const char *const *)x->param, NULL, NULL, 0);
}

static int pipe_step(st_stmt *x, ann_err *err)
{
    ann_store *s = x->s;
    PGconn *c = s->db;
    if (!x->running) {
        if (!pg_send(x)) { pg_conn_err(s, err, "sending a statement"); return -1; }
        if (!x->returns_rows) {
            if (++s->pg_pending >= PG_PIPE_MAX && pipe_drain(s, err) < 0) return -1;
            return 0;
        }
        if (!PQsendFlushRequest(c) || PQflush(c) < 0) { pg_conn_err(s, err, "sending a statement"); return -1; }
        if (pipe_drain(s, err) < 0) {
            PGresult *r;
            while ((r = PQgetResult(c))) PQclear(r);
            return -1;
        }
        PGresult *r = PQgetResult(c);
        if (!r) { pg_conn_err(s, err, "reading a result"); return -1; }
        PGresult *extra;
        while ((extra = PQgetResult(c))) PQclear(extra);
        if (PQresultStatus(r) != PGRES_TUPLES_OK) {
            pg_result_err(s, r, err);
            if (!err->code) ann_err_set(err, 1, "%s: a statement of the batch failed", s->target);
            PQclear(r);
            return -1;
        }
        x->full = r;
        x->full_row = -1;
        x->running = 1;
    }
    if (++x->full_row < PQntuples(x->full)) return 1;
    PQclear(x->full);
    x->full = NULL;
    x->running = 0;
    return 0;
}

static void pg_drain(st_stmt *x)
{
    if (x->full) { PQclear(x->full); x->full = NULL; x->running = 0; return; }
    if (x->row) { PQclear(x->row); x->row = NULL; }
    if (!x->running) return;
    PGresult *r;
    while ((r = PQgetResult(x->s->db))) PQclear(r);
    x->running = 0;
}

static int pg_step(st_stmt *x, ann_err *err)
{
    PGconn *c = x->s->db;
    if (x->s->pg_pipeline) return pipe_step(x, err);
    if (x->row) { PQclear(x->row); x->row = NULL; }
    if (!x->running) {
        if (!pg_send(x)) { pg_conn_err(x->s, err, "sending a statement"); return -1; }
        PQsetSingleRowMode(c);
        x->running = 1;
    }
    for (;;) {
        PGresult *r = PQgetResult(c);
        if (!r) { x->running = 0; return 0; }
        ExecStatusType t = PQresultStatus(r);
        if (t == PGRES_SINGLE_TUPLE) { x->row = r; return 1; }
        if (t == PGRES_TUPLES_OK || t == PGRES_COMMAND_OK) { PQclear(r); continue; }
        const char *m = PQresultErrorMessage(r);
        size_t n = strlen(m);
        while (n && (m[n - 1] == '\n' || m[n - 1] == ' ')) n--;
        ann_err_set(err, 1, "%s: %.*s", x->s->target, (int)n, m);
        PQclear(r);
        pg_drain(x);
        return -1;
    }
}

static const char *pg_text(st_stmt *x, int c)
{
    if (x->full) return PQgetisnull(x->full, x->full_row, c) ? NULL : PQgetvalue(x->full, x->full_row, c);
    if (!x->row || PQgetisnull(x->row, 0, c)) return NULL;
    return PQgetvalue(x->row, 0, c);
}
static int64_t pgs_int64(st_stmt *x, int c)
{
    const char *v = pg_text(x, c);
    return v ? strtoll(v, NULL, 10) : 0;
}
static double pgs_dbl(st_stmt *x, int c)
{
    const char *v = pg_text(x, c);
    return v ? strtod(v, NULL) : 0.0;
}
static int pg_is_null(st_stmt *x, int c) { return !pg_text(x, c); }

static void pg_reset(st_stmt *x)
{
    pg_drain(x);
    for (int i = 0; i < PG_MAXPARAM; i++) { free(x->param[i]); x->param[i] = NULL; }
}

static void pg_finalize(st_stmt *x)
{
    if (!x) return;
    pg_reset(x);
    if (x->name[0] && x->s->db) {
        char sql[64];
        snprintf(sql, sizeof sql, "DEALLOCATE %s", x->name);
        PQclear(PQexec(x->s->db, sql));
    }
    free(x->sql);
    free(x);
}

static void pg_close(ann_store *s)
{
    if (s->db) PQfinish(s->db);
    s->db = NULL;
}

static const st_ops pg_ops = {
    "postgresql", pg_exec, pg_prepare, pg_bind_text, pg_bind_int, pg_bind_double, pg_step,
    pg_text, pgs_int64, pgs_dbl, pg_is_null, pg_reset, pg_finalize, pg_close, pg_batch,
    NULL, NULL,
};

static void quiet_notice(void *arg, const char *msg) { (void)arg; (void)msg; }

int ann_store_pg_open(ann_store *s, const char *url, int flags, ann_err *err)
{
    s->ops = &pg_ops;
    PGconn *c = PQconnectdb(url);
    s->db = c;
    if (!c || PQstatus(c) != CONNECTION_OK) {
        const char *m = c ? PQerrorMessage(c) : "out of memory";
        size_t n = strlen(m);
        while (n && (m[n - 1] == '\n' || m[n - 1] == ' ')) n--;
        ann_err_set(err, 1, "%s: cannot connect to PostgreSQL: %.*s; is the server running "
                    "(scripts/services start) and the URL right?", s->target, (int)n, m);
        pg_close(s);
        return -1;
    }
    PQsetNoticeProcessor(c, quiet_notice, NULL);
    if (pg_exec(s, "SET client_min_messages = warning", err) < 0) { pg_close(s); return -1; }
    if ((flags & ANN_STORE_READONLY) &&
        pg_exec(s, "SET default_transaction_read_only = on", err) < 0) { pg_close(s); return -1; }
    return 0;
}

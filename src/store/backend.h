/* The store's backend interface: the few operations SQLite and PostgreSQL both provide,
 * so that schema, ingest and queries are written once (with '?' placeholders). */
#ifndef ANN_STORE_BACKEND_H
#define ANN_STORE_BACKEND_H

#include "annalist/store.h"

typedef struct st_stmt st_stmt;

typedef struct st_ops {
    const char *name;
    /* Runs one or more statements without parameters or results. */
    int (*exec)(ann_store *s, const char *sql, ann_err *err);
    /* persistent: the statement is reused many times (prepared once on the server). */
    st_stmt *(*prepare)(ann_store *s, const char *sql, int persistent, ann_err *err);
    /* 1-based parameter index; bind_text(NULL) binds SQL NULL. */
    void (*bind_text)(st_stmt *st, int i, const char *v);
    void (*bind_int)(st_stmt *st, int i, int64_t v);
    void (*bind_double)(st_stmt *st, int i, double v);
    /* 1: a row is available, 0: done, -1: error (err filled). */
    int (*step)(st_stmt *st, ann_err *err);
    /* 0-based column; text returns NULL for SQL NULL. */
    const char *(*text)(st_stmt *st, int col);
    int64_t (*int64)(st_stmt *st, int col);
    double (*dbl)(st_stmt *st, int col);
    int (*is_null)(st_stmt *st, int col);
    /* Ends the current execution (drains remaining rows) so the statement can run again. */
    void (*reset)(st_stmt *st);
    void (*finalize)(st_stmt *st);
    void (*close)(ann_store *s);
    /* Optional: called with 1 after BEGIN and with 0 before COMMIT/ROLLBACK of an ingest
     * batch, so a backend can pipeline the batch's statements. 0 returns the first error. */
    int (*batch)(ann_store *s, int on, ann_err *err);
    /* Optional: statements run before and after the indexes are rebuilt at the end of a bulk
     * load (sorter settings differ from what row-at-a-time inserts want). */
    const char *index_build_begin, *index_build_end;
} st_ops;

enum { ST_PUT_NSTMT = 12 };

struct ann_store {
    const st_ops *ops;
    void *db;                 /* sqlite3 * or PGconn * */
    int readonly;
    int in_tx;
    int bulk;                 /* secondary indexes dropped for a bulk load */
    /* A first load into an empty database: a document whose id this load has not stored yet
     * cannot be in the database, so ann_store_put need not ask (one round trip per document
     * on PostgreSQL). fresh holds the ids' hashes; a repeat or a collision just asks. */
    int fresh_load;
    ann_u64set fresh;
    int schema_version;
    char *target;             /* for messages (URL without password) */
    st_stmt *put[ST_PUT_NSTMT];  /* ingest statements, prepared on first use */
    void *actor_seen;         /* codes already in actors (a small hash set) */
    int pg_stmt_seq;          /* PostgreSQL: next prepared statement name */
    int pg_pipeline;          /* PostgreSQL: in pipeline mode (inside an ingest batch) */
    long pg_pending;          /* PostgreSQL: statements sent whose results are unread */
};

/* Backend constructors: fill s->ops and s->db, or return -1 with err. */
int ann_store_sqlite_open(ann_store *s, const char *path, int flags, ann_err *err);
int ann_store_pg_open(ann_store *s, const char *url, int flags, ann_err *err);

#endif

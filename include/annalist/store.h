/* The event store: documents, sentences, events and actors in SQLite (a file path) or
 * PostgreSQL (a postgresql:// URL), behind one interface with the same schema and results. */
#ifndef ANNALIST_STORE_H
#define ANNALIST_STORE_H

#include "doc.h"
#include <stdint.h>

/* The schema this build creates and understands; newer databases are refused. */
#define ANN_STORE_SCHEMA_VERSION 1

typedef struct ann_store ann_store;

enum {
    ANN_STORE_READONLY = 1,  /* queries only; never creates or migrates the schema */
};

/* Opens (and, unless READONLY, creates or migrates) the store at target: a SQLite file path
 * or a postgresql:// / postgres:// URL. Returns NULL with err filled (unreachable server,
 * locked or read-only file, newer schema, not an annalist database ...).
 * One handle is not thread-safe: use one per thread, or serialise calls on it. */
ann_store *ann_store_open(const char *target, int flags, ann_err *err);
void ann_store_close(ann_store *s);
/* "sqlite" or "postgresql". */
const char *ann_store_backend(const ann_store *s);
/* 1 when target names a PostgreSQL database (postgresql:// or postgres://). */
int ann_store_is_url(const char *target);

/* ---- ingest ---------------------------------------------------------------------------- */

/* One event as stored: flat strings (NULL = absent) so that events read back from JSONL and
 * events fresh from the coder take the same path. */
typedef struct ann_store_event {
    int sentence;
    const char *date, *date_precision, *date_text;
    const char *source, *source_text, *source_entry, *source_resolved_from;
    int64_t source_start, source_end;   /* -1 when unknown */
    const char *target, *target_text, *target_entry, *target_resolved_from;
    int64_t target_start, target_end;
    const char *code, *root;
    int quad_class;                     /* 1..4, 0 unknown */
    double goldstein;
    const char *plover_type, *plover_mode, *plover_context;
    int negated, hedged;
    const char *attributed_to;
    const char *trigger_text;
    int64_t trigger_start, trigger_end;
    const char *pattern;
    int answers;                        /* -1 none */
    const char *evidence;               /* JSON array text, e.g. "[3,5]", or NULL */
} ann_store_event;

typedef struct ann_store_sentence {
    int idx;
    int64_t start, end;                 /* byte span in the document text, -1 unknown */
    const char *text;
} ann_store_sentence;

/* A document with everything to be stored for it. hash is the content hash that decides
 * whether a stored document is unchanged (skip), changed (replace atomically) or new. */
typedef struct ann_store_doc {
    const char *id, *date, *title, *source, *url;
    const char *text;                   /* NULL when ingested from events JSONL */
    uint64_t hash;
    const char *dict_version;           /* NULL = unknown */
    int nsent;
    ann_store_sentence *sent;
    int nevent;
    ann_store_event *event;
    int force;                          /* 1: replace even when the hash is unchanged (--recode) */
} ann_store_doc;

enum { ANN_STORE_ADDED = 0, ANN_STORE_REPLACED = 1, ANN_STORE_UNCHANGED = 2 };

/* Batches: every put between begin and commit lands in one transaction, so a crash leaves
 * whole documents only. */
int ann_store_begin(ann_store *s, ann_err *err);
int ann_store_commit(ann_store *s, ann_err *err);
void ann_store_rollback(ann_store *s);
/* Bulk loading into an empty store: on = 1 drops the query indexes of the events table (only
 * when it is empty; returns 1 then, 0 when it left them), on = 0 rebuilds them. Building an
 * index once by sorting is far cheaper than maintaining it row by row; a bulk load that is
 * interrupted leaves them missing until the next writable open, which recreates them.
 * ann_store_close rebuilds them too. When the documents table is empty as well, the load
 * stores a document whose id it has not stored before without first looking it up (a round
 * trip per document on PostgreSQL): another process writing the same ids meanwhile makes the
 * batch fail on the unique key, loudly, never store a document twice. */
int ann_store_bulk(ann_store *s, int on, ann_err *err);
/* Stores d (inside a batch). Returns ANN_STORE_ADDED / REPLACED / UNCHANGED, or -1 with err.
 * *removed (may be NULL) receives the number of events the replaced version had. */
int ann_store_put(ann_store *s, const ann_store_doc *d, long *removed, ann_err *err);
/* Converts a coded document into a store document; strings point into d and into
 * scratch (freed by the caller with ann_arena_free). Duplicate events are left out. */
void ann_store_doc_from(ann_store_doc *out, const ann_doc *d, const char *dict_version,
                        ann_arena *scratch);
/* Content hash of a document as ann_store_doc_from computes it. */
uint64_t ann_store_doc_hash(const ann_doc *d);

/* Reading events JSONL (ann_events_write_jsonl's schema) back into store documents: the
 * consecutive lines of one doc_id form a document whose hash covers those lines. */
typedef struct ann_store_jsonl ann_store_jsonl;
ann_store_jsonl *ann_store_jsonl_open(const char *path, ann_err *err);  /* "-" = stdin */
/* A document returned stays valid for this many further calls (so one thread can parse
 * ahead while another stores). */
#define ANN_STORE_JSONL_RING 64
/* 1: *out is the next document (see ANN_STORE_JSONL_RING), 0: end of input, -1: a line or a
 * document was rejected (err names file:line, the document and what to do); call again. */
int ann_store_jsonl_next(ann_store_jsonl *r, ann_store_doc *out, ann_err *err);
/* Bytes read so far and the input's size (0 when unknown, e.g. a pipe): for progress. */
void ann_store_jsonl_progress(const ann_store_jsonl *r, long long *done, long long *total);
void ann_store_jsonl_close(ann_store_jsonl *r);
/* Makes jansson allocate from per-document arenas while this reader parses (malloc
 * elsewhere). Process-wide: call it once, before any JSON is decoded in the process (the
 * ingest command does; a library user that decodes JSON elsewhere need not). */
void ann_store_jsonl_fast_alloc(void);

/* Normalises an event date to YYYY-MM-DD ("2025-06" -> "2025-06-01", "2025" -> "2025-01-01").
 * Returns 0, or -1 when s is not such a date. */
int ann_store_norm_date(const char *s, char out[11]);

/* ---- queries --------------------------------------------------------------------------- */

/* Filters shared by every query; zero-initialise and set what you need.
 * Actor codes match by prefix: "IRN" matches "IRN", "IRNGOV", "IRNMIL" ... */
typedef struct ann_query {
    const char *actor;        /* source or target starts with this */
    const char *source;       /* source starts with this (a dyad is source + target) */
    const char *target;
    int undirected;           /* 1: the dyad matches either direction */
    const char *codes;        /* comma list of event code prefixes, "11,112" */
    const char *roots;        /* comma list of roots, "19,20" */
    int quad_class;           /* 1..4, 0 = any */
    const char *since, *until;/* ISO dates, inclusive; NULL = open */
    const char *doc_id;       /* events of one document */
    int negated;              /* 0 = leave negated events out, 1 = include, 2 = only them */
    long limit;               /* events query: page size, 0 = 100; top: rows, 0 = 10 */
    const char *cursor;       /* events query: next_cursor of the previous page, NULL = first */
    int by_doc;               /* events_all: document order (doc id, then position) instead of
                                 date order; what an events JSONL file needs to be read back */
} ann_query;

/* An event row as read back. Strings are valid only during the callback. */
typedef struct ann_event_row {
    int64_t id;
    const char *doc_id;
    int sentence;
    const char *date, *date_precision, *date_text;
    const char *source, *source_text;
    int64_t source_start, source_end;
    const char *target, *target_text;
    int64_t target_start, target_end;
    const char *code, *root;
    int quad_class;
    double goldstein;
    const char *plover_type, *plover_mode, *plover_context;
    int negated, hedged;
    const char *attributed_to;
    const char *trigger_text;
    int64_t trigger_start, trigger_end;
    const char *pattern;
    const char *sentence_text;        /* NULL when the sentence is not stored */
    const char *annalist_version, *dict_version;
    const char *source_entry, *target_entry, *evidence;
    const char *source_resolved_from, *target_resolved_from;
} ann_event_row;

/* Return non-zero from the callback to stop early (the query then returns 0). */
typedef int (*ann_event_cb)(const ann_event_row *r, void *ctx);

/* Events matching q ordered by (date, id) (undated last), one page of q->limit rows.
 * When more rows follow, next_cursor (ncursor bytes, >= 64) receives the cursor for the
 * next page; otherwise it is set to "". Returns the number of rows delivered, or -1. */
long ann_store_events(ann_store *s, const ann_query *q, ann_event_cb cb, void *ctx,
                      char *next_cursor, size_t ncursor, ann_err *err);
/* Every matching event (no paging, q->limit ignored), streamed: for export. */
long ann_store_events_all(ann_store *s, const ann_query *q, ann_event_cb cb, void *ctx,
                          ann_err *err);

typedef enum { ANN_BY_DAY = 0, ANN_BY_WEEK, ANN_BY_MONTH } ann_period;
/* Parses "day", "week", "month"; -1 when unknown. */
int ann_period_parse(const char *s);

#define ANN_SERIES_TOP 3
typedef struct ann_series_point {
    char period[11];          /* first day of the bucket: the day, the Monday (ISO week), the 1st */
    long count;
    long quad[5];             /* quad[1..4]: verbal coop, material coop, verbal conflict, material conflict */
    double goldstein_sum, goldstein_mean;
    char top_code[ANN_SERIES_TOP][8];   /* most frequent codes, "" when fewer */
    long top_count[ANN_SERIES_TOP];
} ann_series_point;

typedef struct ann_series {
    int n;
    ann_series_point *p;      /* consecutive buckets from the first to the last dated event;
                                 empty buckets included (count 0) so charts keep their time axis */
} ann_series;

/* The time series of the events matching q (typically a dyad), undated events left out. */
int ann_store_series(ann_store *s, const ann_query *q, ann_period by, ann_series *out,
                     ann_err *err);
void ann_series_free(ann_series *ser);

/* Renders a series as a standalone SVG chart: bars per bucket stacked by quad class, the
 * Goldstein mean as a line on its own -10..10 axis, a legend. title may be NULL. */
void ann_series_svg(ann_buf *out, const ann_series *ser, const char *title);
/* A terminal chart: a sparkline of counts and, for up to 60 buckets, one block bar per bucket. */
void ann_series_chart(ann_buf *out, const ann_series *ser, int width);

typedef enum { ANN_TOP_ACTORS = 0, ANN_TOP_DYADS, ANN_TOP_CODES } ann_top_kind;
/* Parses "actors", "dyads", "codes"; -1 when unknown. */
int ann_top_parse(const char *s);

typedef struct ann_top_row {
    char key[64];             /* actor code, "SRC:TGT", or event code */
    char name[128];           /* actor: most used mention text; code: "" */
    long count;
    double goldstein_mean;
} ann_top_row;

/* The q->limit (default 10) most frequent actors (as source or target), directed dyads or
 * event codes among the events matching q; ties broken by key. *rows is malloc'd. */
int ann_store_top(ann_store *s, const ann_query *q, ann_top_kind kind, ann_top_row **rows,
                  int *nrows, ann_err *err);

/* Actors whose code starts with text (case-insensitive) or whose name contains it, most
 * events first; at most limit (0 = 20). *rows is malloc'd; key = code, name, count = events. */
int ann_store_actor_search(ann_store *s, const char *text, int limit, ann_top_row **rows,
                           int *nrows, ann_err *err);

/* Ids of the stored documents (only those that keep their text when with_text: the ones
 * --recode can re-code), in id order. *ids and each id are malloc'd. */
int ann_store_doc_ids(ann_store *s, int with_text, char ***ids, long *n, ann_err *err);
/* Loads a stored document's id, date, title, source, url and text as a new ann_doc
 * (to be coded again); NULL with err when absent. */
ann_doc *ann_store_doc_get(ann_store *s, const char *id, ann_err *err);

typedef struct ann_store_stats {
    long documents, sentences, events, actors;
    char first_date[11], last_date[11];  /* "" when no dated events */
    int schema_version;
} ann_store_stats;
int ann_store_stats_get(ann_store *s, ann_store_stats *st, ann_err *err);

#endif

/* Small shared utilities: arenas, growable buffers, error reports, file reading.
 * Everything else in libannalist builds on these; they know nothing of NLP. */
#ifndef ANNALIST_BASE_H
#define ANNALIST_BASE_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#define ANN_VERSION "0.1.0"

/* An error report: what went wrong, where (file:line or record id), and what to do.
 * Functions that can fail take an ann_err * and fill it; callers decide whether to stop. */
typedef struct ann_err {
    int code;        /* 0 = no error */
    char msg[1024];
} ann_err;

void ann_err_set(ann_err *e, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void ann_err_clear(ann_err *e);

/* Bump allocator: one per document, freed at once. Memory is zeroed. */
typedef struct ann_arena_block ann_arena_block;
typedef struct ann_arena {
    ann_arena_block *head;
    size_t total;
} ann_arena;

void *ann_arena_alloc(ann_arena *a, size_t n);
char *ann_arena_strndup(ann_arena *a, const char *s, size_t n);
char *ann_arena_strdup(ann_arena *a, const char *s);
char *ann_arena_printf(ann_arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void ann_arena_free(ann_arena *a);

/* Growable byte buffer, always NUL-terminated. */
typedef struct ann_buf {
    char *s;
    size_t len, cap;
} ann_buf;

void ann_buf_reserve(ann_buf *b, size_t extra);
void ann_buf_add(ann_buf *b, const char *s, size_t n);
void ann_buf_puts(ann_buf *b, const char *s);
void ann_buf_putc(ann_buf *b, char c);
void ann_buf_printf(ann_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void ann_buf_vprintf(ann_buf *b, const char *fmt, va_list ap);
/* Appends s as a JSON string literal (quotes included), escaping as RFC 8259 requires. */
void ann_buf_json_str(ann_buf *b, const char *s, size_t n);
/* Appends s (NULL: nothing) as a CSV field, quoted (RFC 4180) when it holds a comma, quote or
 * line break. */
void ann_buf_csv_field(ann_buf *b, const char *s);
/* Appends s (NULL: nothing) as a TSV field: tabs and line breaks become spaces. */
void ann_buf_tsv_field(ann_buf *b, const char *s);
void ann_buf_clear(ann_buf *b);
void ann_buf_free(ann_buf *b);

/* Allocation that cannot fail silently: aborts with a message on out-of-memory. */
void *ann_xmalloc(size_t n);
void *ann_xcalloc(size_t n, size_t m);
void *ann_xrealloc(void *p, size_t n);
char *ann_xstrdup(const char *s);

/* Reads a whole file ("-" = stdin) into a NUL-terminated buffer. Returns NULL and fills err on
 * failure. *len receives the byte length (the file may itself contain NULs). */
char *ann_read_file(const char *path, size_t *len, size_t max_bytes, ann_err *err);

/* Where annalist's data lives: $ANNALIST_DATA, then the build tree, then the install prefix.
 * Returns a malloc'd path to data/<rel> that exists, or NULL. */
char *ann_data_path(const char *rel);

/* 64-bit FNV-1a, used for feature hashing and content hashes. */
uint64_t ann_hash64(const void *p, size_t n, uint64_t seed);

/* A set of nonzero 64-bit values (hashes), open addressing; zero-initialise, ann_u64set_free
 * when done. add returns 1 when v was new, 0 when it was there (0 is stored as 1). */
typedef struct ann_u64set {
    uint64_t *slot;
    size_t n, cap;
} ann_u64set;
int ann_u64set_add(ann_u64set *s, uint64_t v);
void ann_u64set_free(ann_u64set *s);

/* Proleptic Gregorian calendar: days since 1970-01-01 and back (Howard Hinnant's algorithms,
 * exact for any year). */
long ann_days_from_civil(int y, int m, int d);
void ann_civil_from_days(long z, int *y, int *m, int *d);

#endif

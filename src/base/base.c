/* Arenas, buffers, error reports and file reading: the plumbing every module shares. */
#include "annalist/base.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

void ann_err_set(ann_err *e, int code, const char *fmt, ...)
{
    if (!e) return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e->msg, sizeof e->msg, fmt, ap);
    va_end(ap);
    e->code = code ? code : 1;
}

void ann_err_clear(ann_err *e)
{
    if (!e) return;
    e->code = 0;
    e->msg[0] = 0;
}

static void oom(size_t n)
{
    fprintf(stderr, "annalist: out of memory allocating %zu bytes\n", n);
    abort();
}

void *ann_xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p) oom(n);
    return p;
}

void *ann_xcalloc(size_t n, size_t m)
{
    void *p = calloc(n ? n : 1, m ? m : 1);
    if (!p) oom(n * m);
    return p;
}

void *ann_xrealloc(void *p, size_t n)
{
    p = realloc(p, n ? n : 1);
    if (!p) oom(n);
    return p;
}

char *ann_xstrdup(const char *s)
{
    size_t n = strlen(s);
    char *p = ann_xmalloc(n + 1);
    memcpy(p, s, n + 1);
    return p;
}

/* ---- arena ---- */

struct ann_arena_block {
    ann_arena_block *next;
    size_t used, cap;
    max_align_t data[];
};

void *ann_arena_alloc(ann_arena *a, size_t n)
{
    n = (n + 15) & ~(size_t)15;
    ann_arena_block *b = a->head;
    if (!b || b->cap - b->used < n) {
        /* Blocks grow with the arena so a big document costs few mallocs. */
        size_t cap = a->total < 65536 ? 16384 : a->total / 2;
        if (cap < n) cap = n;
        b = ann_xmalloc(sizeof *b + cap);
        b->next = a->head;
        b->used = 0;
        b->cap = cap;
        a->head = b;
        a->total += cap;
    }
    void *p = (char *)b->data + b->used;
    b->used += n;
    memset(p, 0, n);
    return p;
}

char *ann_arena_strndup(ann_arena *a, const char *s, size_t n)
{
    char *p = ann_arena_alloc(a, n + 1);
    memcpy(p, s, n);
    p[n] = 0;
    return p;
}

char *ann_arena_strdup(ann_arena *a, const char *s)
{
    return s ? ann_arena_strndup(a, s, strlen(s)) : NULL;
}

char *ann_arena_printf(ann_arena *a, const char *fmt, ...)
{
    va_list ap, ap2;
    va_start(ap, fmt);
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *p = ann_arena_alloc(a, (size_t)n + 1);
    vsnprintf(p, (size_t)n + 1, fmt, ap2);
    va_end(ap2);
    return p;
}

void ann_arena_free(ann_arena *a)
{
    ann_arena_block *b = a->head;
    while (b) {
        ann_arena_block *n = b->next;
        free(b);
        b = n;
    }
    a->head = NULL;
    a->total = 0;
}

/* ---- buffers ---- */

void ann_buf_reserve(ann_buf *b, size_t extra)
{
    if (b->len + extra + 1 <= b->cap) return;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + extra + 1) cap *= 2;
    b->s = ann_xrealloc(b->s, cap);
    b->cap = cap;
    b->s[b->len] = 0; /* "always NUL-terminated", also when nothing was added yet */
}

void ann_buf_add(ann_buf *b, const char *s, size_t n)
{
    ann_buf_reserve(b, n);
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = 0;
}

void ann_buf_puts(ann_buf *b, const char *s) { ann_buf_add(b, s, strlen(s)); }

void ann_buf_putc(ann_buf *b, char c)
{
    ann_buf_reserve(b, 1);
    b->s[b->len++] = c;
    b->s[b->len] = 0;
}

void ann_buf_vprintf(ann_buf *b, const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    char tmp[256];
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    if (n < (int)sizeof tmp) {
        ann_buf_add(b, tmp, (size_t)n);
    } else {
        ann_buf_reserve(b, (size_t)n);
        vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap2);
        b->len += (size_t)n;
    }
    va_end(ap2);
}

void ann_buf_printf(ann_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    ann_buf_vprintf(b, fmt, ap);
    va_end(ap);
}

void ann_buf_csv_field(ann_buf *b, const char *s)
{
    if (!s) return;
    if (!strpbrk(s, ",\"\n\r")) { ann_buf_puts(b, s); return; }
    ann_buf_putc(b, '"');
    for (; *s; s++) {
        if (*s == '"') ann_buf_putc(b, '"');
        ann_buf_putc(b, *s);
    }
    ann_buf_putc(b, '"');
}

void ann_buf_tsv_field(ann_buf *b, const char *s)
{
    if (!s) return;
    for (; *s; s++) ann_buf_putc(b, (*s == '\t' || *s == '\n' || *s == '\r') ? ' ' : *s);
}

void ann_buf_json_str(ann_buf *b, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    ann_buf_reserve(b, n + 2);
    ann_buf_putc(b, '"');
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c != '"' && c != '\\') continue;
        ann_buf_add(b, s + run, i - run);
        run = i + 1;
        switch (c) {
        case '"': ann_buf_add(b, "\\\"", 2); break;
        case '\\': ann_buf_add(b, "\\\\", 2); break;
        case '\n': ann_buf_add(b, "\\n", 2); break;
        case '\r': ann_buf_add(b, "\\r", 2); break;
        case '\t': ann_buf_add(b, "\\t", 2); break;
        default: {
            char u[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
            ann_buf_add(b, u, 6);
        }
        }
    }
    ann_buf_add(b, s + run, n - run);
    ann_buf_putc(b, '"');
}

void ann_buf_clear(ann_buf *b)
{
    b->len = 0;
    if (b->s) b->s[0] = 0;
}

void ann_buf_free(ann_buf *b)
{
    free(b->s);
    b->s = NULL;
    b->len = b->cap = 0;
}

/* ---- files ---- */

char *ann_read_file(const char *path, size_t *len, size_t max_bytes, ann_err *err)
{
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (!f) {
        ann_err_set(err, 1, "%s: cannot open: %s", path, strerror(errno));
        return NULL;
    }
    ann_buf b = {0};
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (max_bytes && b.len + n > max_bytes) {
            ann_err_set(err, 1, "%s: larger than the %zu-byte limit; raise it with --max-doc-bytes",
                        path, max_bytes);
            ann_buf_free(&b);
            if (f != stdin) fclose(f);
            return NULL;
        }
        ann_buf_add(&b, chunk, n);
    }
    int bad = ferror(f);
    if (f != stdin) fclose(f);
    if (bad) {
        ann_err_set(err, 1, "%s: read error (is it a directory?)", path);
        ann_buf_free(&b);
        return NULL;
    }
    if (!b.s) ann_buf_reserve(&b, 0);
    *len = b.len;
    return b.s;
}

static int is_dir(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

static char *exe_dir(void)
{
    char buf[4096];
    ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
    if (n <= 0) return NULL;
    buf[n] = 0;
    char *slash = strrchr(buf, '/');
    if (!slash) return NULL;
    *slash = 0;
    return ann_xstrdup(buf);
}

#ifndef ANN_DATADIR
#define ANN_DATADIR "/usr/local/share/annalist"
#endif

char *ann_data_path(const char *rel)
{
    char path[8192];
    const char *env = getenv("ANNALIST_DATA");
    if (env && *env) {
        snprintf(path, sizeof path, "%s/%s", env, rel);
        return access(path, F_OK) == 0 ? ann_xstrdup(path) : NULL;
    }
    /* A build-tree binary (build/annalist, build/tests/x) finds the checkout's data/. */
    char *dir = exe_dir();
    if (dir) {
        static const char *const up[] = {"/../data", "/../../data", "/../share/annalist"};
        for (size_t i = 0; i < sizeof up / sizeof *up; i++) {
            snprintf(path, sizeof path, "%s%s", dir, up[i]);
            if (!is_dir(path)) continue;
            snprintf(path, sizeof path, "%s%s/%s", dir, up[i], rel);
            if (access(path, F_OK) == 0) {
                free(dir);
                return ann_xstrdup(path);
            }
        }
        free(dir);
    }
    snprintf(path, sizeof path, "%s/%s", ANN_DATADIR, rel);
    return access(path, F_OK) == 0 ? ann_xstrdup(path) : NULL;
}

uint64_t ann_hash64(const void *p, size_t n, uint64_t seed)
{
    const unsigned char *s = p;
    uint64_t h = 1469598103934665603ULL ^ seed;
    for (size_t i = 0; i < n; i++) {
        h ^= s[i];
        h *= 1099511628211ULL;
    }
    return h;
}

int ann_u64set_add(ann_u64set *s, uint64_t v)
{
    if (s->n * 2 >= s->cap) {
        size_t nc = s->cap ? s->cap * 2 : 1024;
        uint64_t *ns = ann_xcalloc(nc, sizeof *ns);
        for (size_t i = 0; i < s->cap; i++) {
            if (!s->slot[i]) continue;
            size_t k = s->slot[i] & (nc - 1);
            while (ns[k]) k = (k + 1) & (nc - 1);
            ns[k] = s->slot[i];
        }
        free(s->slot);
        s->slot = ns;
        s->cap = nc;
    }
    if (!v) v = 1;
    size_t k = v & (s->cap - 1);
    while (s->slot[k]) {
        if (s->slot[k] == v) return 0;
        k = (k + 1) & (s->cap - 1);
    }
    s->slot[k] = v;
    s->n++;
    return 1;
}

void ann_u64set_free(ann_u64set *s)
{
    free(s->slot);
    memset(s, 0, sizeof *s);
}

long ann_days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void ann_civil_from_days(long z, int *y, int *m, int *d)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

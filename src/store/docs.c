/* Turning documents into what the store keeps: coded ann_doc documents (from the pipeline)
 * and events JSONL records (from `annalist code --format jsonl`), both as ann_store_doc. */
#include "annalist/store.h"

#include <ctype.h>
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int ann_store_norm_date(const char *s, char out[11])
{
    size_t n = s ? strlen(s) : 0;
    if (n != 4 && n != 7 && n != 10) return -1;
    for (size_t i = 0; i < n; i++) {
        if (i == 4 || i == 7) { if (s[i] != '-') return -1; }
        else if (!isdigit((unsigned char)s[i])) return -1;
    }
    int m = n >= 7 ? (s[5] - '0') * 10 + (s[6] - '0') : 1;
    int d = n == 10 ? (s[8] - '0') * 10 + (s[9] - '0') : 1;
    if (m < 1 || m > 12 || d < 1 || d > 31) return -1;
    snprintf(out, 11, "%.4s-%02d-%02d", s, m, d);
    return 0;
}

static uint64_t hash_str(uint64_t h, const char *s)
{
    static const char nul = 0;
    if (s) h = ann_hash64(s, strlen(s), h);
    return ann_hash64(&nul, 1, h);
}

uint64_t ann_store_doc_hash(const ann_doc *d)
{
    uint64_t h = 0x616e6e616c697374ull;
    h = hash_str(h, d->id);
    h = hash_str(h, d->date);
    h = hash_str(h, d->title);
    h = hash_str(h, d->source);
    h = hash_str(h, d->url);
    return d->text ? ann_hash64(d->text, d->len, h) : h;
}

static int64_t sp(uint32_t start, uint32_t end, int which)
{
    if (start == 0 && end == 0) return -1;  /* the coder leaves unknown spans zeroed */
    return which ? end : start;
}

void ann_store_doc_from(ann_store_doc *out, const ann_doc *d, const char *dict_version,
                        ann_arena *scratch)
{
    memset(out, 0, sizeof *out);
    out->id = d->id;
    char date[11];
    out->date = d->date && ann_store_norm_date(d->date, date) == 0 ? ann_arena_strdup(scratch, date) : NULL;
    out->title = d->title;
    out->source = d->source;
    out->url = d->url;
    out->text = d->text;
    out->hash = ann_store_doc_hash(d);
    out->dict_version = dict_version;
    out->nsent = d->nsent;
    out->sent = ann_arena_alloc(scratch, (size_t)(d->nsent ? d->nsent : 1) * sizeof *out->sent);
    for (int i = 0; i < d->nsent; i++) {
        const ann_sentence *s = &d->sent[i];
        out->sent[i] = (ann_store_sentence){i, s->start, s->end,
                                            d->text ? ann_arena_strndup(scratch, d->text + s->start, s->end - s->start) : NULL};
    }
    out->event = ann_arena_alloc(scratch, (size_t)(d->nevent ? d->nevent : 1) * sizeof *out->event);
    for (int i = 0; i < d->nevent; i++) {
        const ann_event *e = &d->event[i];
        if (e->duplicate) continue;
        ann_store_event *x = &out->event[out->nevent++];
        x->sentence = e->sent;
        if (e->date[0] && ann_store_norm_date(e->date, date) == 0) {
            x->date = ann_arena_strdup(scratch, date);
            x->date_precision = e->date_precision;
        } else if (out->date) {
            x->date = out->date;
            x->date_precision = "document";
        }
        x->date_text = e->date_text;
        x->source = e->source.code;
        x->source_text = e->source.text;
        x->source_entry = e->source.entry;
        x->source_resolved_from = e->source.resolved_from;
        x->source_start = sp(e->source.start, e->source.end, 0);
        x->source_end = sp(e->source.start, e->source.end, 1);
        x->target = e->target.code;
        x->target_text = e->target.text;
        x->target_entry = e->target.entry;
        x->target_resolved_from = e->target.resolved_from;
        x->target_start = sp(e->target.start, e->target.end, 0);
        x->target_end = sp(e->target.start, e->target.end, 1);
        x->code = e->code;
        x->root = e->root[0] ? e->root : ann_arena_strndup(scratch, e->code, 2);
        x->quad_class = e->quad_class;
        x->goldstein = e->goldstein;
        x->plover_type = e->plover_type;
        x->plover_mode = e->plover_mode;
        x->plover_context = e->plover_context;
        x->negated = e->negated;
        x->hedged = e->hedged;
        x->attributed_to = e->attributed_to;
        x->trigger_text = e->trigger_text;
        x->trigger_start = sp(e->trigger_start, e->trigger_end, 0);
        x->trigger_end = sp(e->trigger_start, e->trigger_end, 1);
        x->pattern = e->pattern;
        x->answers = e->answers;
        if (e->nevidence > 0) {
            ann_buf b = {0};
            ann_buf_putc(&b, '[');
            for (int k = 0; k < e->nevidence; k++) ann_buf_printf(&b, "%s%d", k ? "," : "", e->evidence[k]);
            ann_buf_putc(&b, ']');
            x->evidence = ann_arena_strdup(scratch, b.s);
            ann_buf_free(&b);
        }
    }
}

/* ---- events JSONL ----------------------------------------------------------------------- */

/* JSON decoding allocates a dozen small blocks per event; malloc/free of those was a third of
 * an ingest's time. With ann_store_jsonl_fast_alloc, jansson allocates from the reader
 * slot's arena while it parses (a thread-local choice), and from malloc everywhere else; a
 * 16-byte header says which, so a free always goes to the right place. */
static _Thread_local ann_arena *json_arena;

static void *jalloc(size_t n)
{
    char *p;
    if (json_arena) {
        p = ann_arena_alloc(json_arena, n + 16);
        p[0] = 1;
    } else {
        p = malloc(n + 16);
        if (!p) return NULL;
        p[0] = 0;
    }
    return p + 16;
}

static void jfree(void *ptr)
{
    if (!ptr) return;
    char *p = (char *)ptr - 16;
    if (!p[0]) free(p);
}

void ann_store_jsonl_fast_alloc(void)
{
    json_set_alloc_funcs(jalloc, jfree);
}

/* The documents handed out live in a ring of slots, so a consumer thread may still be storing
 * the last few while the reader parses ahead (see ANN_STORE_JSONL_RING). */
typedef struct jslot {
    json_t **obj;
    int nobj, capobj;
    ann_arena arena;
    ann_arena jarena;         /* jansson's allocations (fast_alloc) */
    ann_store_sentence *sent;
    ann_store_event *ev;
    int cap_ev;
} jslot;

struct ann_store_jsonl {
    FILE *f;
    char *path;
    int own;
    long line;
    long long bytes, size;
    char *buf;
    size_t cap;
    /* the line read ahead: the first of the next document */
    json_t *pending;
    long pending_line;
    uint64_t pending_hash;
    jslot slot[ANN_STORE_JSONL_RING];
    long ndocs;               /* documents started: the next one uses slot[ndocs % RING] */
    /* ids of documents already returned, to catch a document split across the file */
    ann_u64set seen;          /* hashes of the document ids read so far */
    int eof;
    int fast;
};

ann_store_jsonl *ann_store_jsonl_open(const char *path, ann_err *err)
{
    ann_store_jsonl *r = ann_xcalloc(1, sizeof *r);
    if (!strcmp(path, "-")) {
        r->f = stdin;
    } else {
        r->f = fopen(path, "rb");
        if (!r->f) {
            ann_err_set(err, 1, "%s: cannot open: %s", path, strerror(errno));
            free(r);
            return NULL;
        }
        r->own = 1;
        struct stat stt;
        if (fstat(fileno(r->f), &stt) == 0 && S_ISREG(stt.st_mode)) r->size = stt.st_size;
    }
    r->path = ann_xstrdup(path);
    return r;
}

void ann_store_jsonl_progress(const ann_store_jsonl *r, long long *done, long long *total)
{
    *done = r->bytes;
    *total = r->size;
}

static int fast_alloc_on(void)
{
    json_malloc_t m;
    json_free_t f;
    json_get_alloc_funcs(&m, &f);
    return m == jalloc;
}

static void release_slot(jslot *x)
{
    /* Arena-allocated objects die with their arenas (a document's first object may live in
     * the previous slot's arena, already gone): no decref then. */
    if (!fast_alloc_on())
        for (int i = 0; i < x->nobj; i++) json_decref(x->obj[i]);
    x->nobj = 0;
    ann_arena_free(&x->arena);
    ann_arena_free(&x->jarena);
}

void ann_store_jsonl_close(ann_store_jsonl *r)
{
    if (!r) return;
    for (int i = 0; i < ANN_STORE_JSONL_RING; i++) {
        jslot *x = &r->slot[i];
        release_slot(x);
        free(x->obj);
        free(x->ev);
        free(x->sent);
    }
    if (!fast_alloc_on()) json_decref(r->pending);
    if (r->own) fclose(r->f);
    ann_u64set_free(&r->seen);
    free(r->buf);
    free(r->path);
    free(r);
}

/* Reads the next non-blank line as a JSON object into r->pending. 1 ok, 0 eof, -1 bad line. */
static int read_line(ann_store_jsonl *r, ann_err *err)
{
    for (;;) {
        ssize_t n = getline(&r->buf, &r->cap, r->f);
        if (n < 0) {
            if (ferror(r->f)) {
                ann_err_set(err, 1, "%s:%ld: read error: %s", r->path, r->line + 1, strerror(errno));
                r->eof = 1;
                return -1;
            }
            r->eof = 1;
            return 0;
        }
        r->line++;
        r->bytes += n;
        while (n > 0 && (r->buf[n - 1] == '\n' || r->buf[n - 1] == '\r')) n--;
        size_t i = 0;
        while (i < (size_t)n && isspace((unsigned char)r->buf[i])) i++;
        if (i == (size_t)n) continue;
        json_error_t je;
        json_t *o = json_loadb(r->buf, (size_t)n, JSON_REJECT_DUPLICATES, &je);
        if (!o || !json_is_object(o)) {
            ann_err_set(err, 1, "%s:%ld: %s%s; line skipped (each line must be one event object as "
                        "written by 'annalist code --format jsonl')", r->path, r->line,
                        o ? "not a JSON object" : "bad JSON: ", o ? "" : je.text);
            json_decref(o);
            return -1;
        }
        json_t *id = json_object_get(o, "doc_id");
        if (!json_is_string(id) || !json_string_length(id)) {
            ann_err_set(err, 1, "%s:%ld: event without a \"doc_id\" string; line skipped", r->path, r->line);
            json_decref(o);
            return -1;
        }
        r->pending = o;
        r->pending_line = r->line;
        r->pending_hash = ann_hash64(r->buf, (size_t)n, 0);
        return 1;
    }
}

static const char *jstr(json_t *o, const char *k)
{
    json_t *v = json_object_get(o, k);
    return json_is_string(v) ? json_string_value(v) : NULL;
}

static int64_t jspan(json_t *o, const char *k)
{
    json_t *v = json_object_get(o, k);
    return json_is_integer(v) && json_integer_value(v) >= 0 ? json_integer_value(v) : -1;
}

/* Fills e from one event object; returns NULL or what is wrong with it. */
static const char *fill_event(jslot *r, json_t *o, ann_store_event *e, const char **sent_text)
{
    memset(e, 0, sizeof *e);
    json_t *v = json_object_get(o, "sentence");
    if (!json_is_integer(v) || json_integer_value(v) < 0 || json_integer_value(v) > 10000000)
        return "\"sentence\" must be a sentence index (integer >= 0)";
    e->sentence = (int)json_integer_value(v);
    e->code = jstr(o, "code");
    if (!e->code || !*e->code || strlen(e->code) > 7) return "\"code\" must be a CAMEO event code string like \"112\"";
    for (const char *p = e->code; *p; p++)
        if (!isdigit((unsigned char)*p)) return "\"code\" must be digits, like \"112\"";
    e->root = jstr(o, "root");
    if (!e->root || !*e->root) e->root = ann_arena_strndup(&r->arena, e->code, 2);
    const char *date = jstr(o, "date");
    if (date && *date) {
        char nd[11];
        if (ann_store_norm_date(date, nd) < 0) return "\"date\" must be YYYY-MM-DD (or YYYY-MM, YYYY)";
        e->date = ann_arena_strdup(&r->arena, nd);
    }
    e->date_precision = jstr(o, "date_precision");
    e->date_text = jstr(o, "date_text");
    const char *side[2] = {"source", "target"};
    for (int k = 0; k < 2; k++) {
        json_t *a = json_object_get(o, side[k]);
        const char *code = NULL, *text = NULL, *entry = NULL, *rf = NULL;
        int64_t st = -1, en = -1;
        if (json_is_object(a)) {
            code = jstr(a, "code");
            text = jstr(a, "text");
            entry = jstr(a, "entry");
            rf = jstr(a, "resolved_from");
            st = jspan(a, "start");
            en = jspan(a, "end");
        } else if (a && !json_is_null(a)) {
            return k ? "\"target\" must be an object or null" : "\"source\" must be an object or null";
        }
        if (code && !*code) code = NULL;
        if (k) { e->target = code; e->target_text = text; e->target_entry = entry; e->target_resolved_from = rf; e->target_start = st; e->target_end = en; }
        else { e->source = code; e->source_text = text; e->source_entry = entry; e->source_resolved_from = rf; e->source_start = st; e->source_end = en; }
    }
    v = json_object_get(o, "quad_class");
    if (v && !json_is_null(v) && (!json_is_integer(v) || json_integer_value(v) < 0 || json_integer_value(v) > 4))
        return "\"quad_class\" must be 1..4";
    e->quad_class = json_is_integer(v) ? (int)json_integer_value(v) : 0;
    v = json_object_get(o, "goldstein");
    if (v && !json_is_null(v) && !json_is_number(v)) return "\"goldstein\" must be a number";
    e->goldstein = json_is_number(v) ? json_number_value(v) : 0.0;
    if (e->goldstein < -10.0 || e->goldstein > 10.0) return "\"goldstein\" must be within -10..10";
    json_t *pl = json_object_get(o, "plover");
    if (json_is_object(pl)) {
        e->plover_type = jstr(pl, "type");
        e->plover_mode = jstr(pl, "mode");
        e->plover_context = jstr(pl, "context");
    }
    e->negated = json_is_true(json_object_get(o, "negated"));
    e->hedged = json_is_true(json_object_get(o, "hedged"));
    e->attributed_to = jstr(o, "attributed_to");
    json_t *tr = json_object_get(o, "trigger");
    e->trigger_start = e->trigger_end = -1;
    if (json_is_object(tr)) {
        e->trigger_text = jstr(tr, "text");
        e->trigger_start = jspan(tr, "start");
        e->trigger_end = jspan(tr, "end");
    }
    e->pattern = jstr(o, "pattern");
    v = json_object_get(o, "answers");
    /* {"doc_id", "event_index"} as `annalist code` writes it; a bare index from older files. */
    if (json_is_object(v)) v = json_object_get(v, "event_index");
    e->answers = json_is_integer(v) ? (int)json_integer_value(v) : -1;
    v = json_object_get(o, "evidence");
    if (json_is_array(v)) {
        char buf[256];
        size_t n = json_dumpb(v, buf, sizeof buf, JSON_COMPACT);
        if (n > 0 && n < sizeof buf) e->evidence = ann_arena_strndup(&r->arena, buf, n);
        else if (n >= sizeof buf) {
            char *big = ann_xmalloc(n);
            json_dumpb(v, big, n, JSON_COMPACT);
            e->evidence = ann_arena_strndup(&r->arena, big, n);
            free(big);
        }
    }
    *sent_text = jstr(o, "sentence_text");
    return NULL;
}

int ann_store_jsonl_next(ann_store_jsonl *r, ann_store_doc *out, ann_err *err)
{
    memset(out, 0, sizeof *out);
    if (!r->pending && r->eof) return 0;
    jslot *x = &r->slot[r->ndocs++ % ANN_STORE_JSONL_RING];
    release_slot(x);
    r->fast = fast_alloc_on();
    /* Lines parsed now live in this slot's arena (the look-ahead line too: it is used by the
     * next document, which is recycled one call after this slot, see QCAP in cmd_ingest). */
    json_arena = r->fast ? &x->jarena : NULL;
    if (!r->pending) {
        int rc = read_line(r, err);
        if (rc <= 0) { json_arena = NULL; return rc; }
    }
    /* Gather the consecutive lines of this document. */
    const char *id = json_string_value(json_object_get(r->pending, "doc_id"));
    long first_line = r->pending_line;
    uint64_t h = 0x6576656e74736a6cull;
    const char *bad = NULL;
    long bad_line = 0;
    int ne = 0, ns = 0;
    for (;;) {
        json_t *o = r->pending;
        if (x->nobj == x->capobj) {
            x->capobj = x->capobj ? x->capobj * 2 : 64;
            x->obj = ann_xrealloc(x->obj, (size_t)x->capobj * sizeof *x->obj);
        }
        x->obj[x->nobj++] = o;
        r->pending = NULL;
        h = ann_hash64(&r->pending_hash, sizeof r->pending_hash, h);
        if (ne == x->cap_ev) {
            x->cap_ev = x->cap_ev ? x->cap_ev * 2 : 64;
            x->ev = ann_xrealloc(x->ev, (size_t)x->cap_ev * sizeof *x->ev);
            x->sent = ann_xrealloc(x->sent, (size_t)x->cap_ev * sizeof *x->sent);
        }
        const char *stext = NULL;
        const char *why = fill_event(x, o, &x->ev[ne], &stext);
        if (why && !bad) { bad = why; bad_line = r->pending_line; }
        if (!why) {
            int idx = x->ev[ne].sentence, k;
            for (k = 0; k < ns && x->sent[k].idx != idx; k++) {}
            if (k == ns) x->sent[ns++] = (ann_store_sentence){idx, -1, -1, stext};
            else if (!x->sent[k].text) x->sent[k].text = stext;
            ne++;
        }
        int rc = read_line(r, err);
        if (rc < 0) {
            /* A malformed line inside a document: it cannot be attributed safely, so the
             * document would be stored incomplete; reject it whole and say so. */
            if (!bad) { bad = "a malformed line among its events (see the previous message)"; bad_line = r->line; }
            fprintf(stderr, "annalist: %s\n", err->msg);
            rc = read_line(r, err);
            while (rc < 0) { fprintf(stderr, "annalist: %s\n", err->msg); rc = read_line(r, err); }
        }
        if (rc == 0) break;
        if (strcmp(json_string_value(json_object_get(r->pending, "doc_id")), id)) break;
    }
    json_arena = NULL;
    int repeated = !ann_u64set_add(&r->seen, ann_hash64(id, strlen(id), 7));
    if (repeated) {
        ann_err_set(err, 1, "%s:%ld: document '%s' appears again, apart from its earlier events; a "
                    "document's events must be on adjacent lines (sort the file by doc_id); "
                    "these %d lines were not stored", r->path, first_line, id, x->nobj);
        return -1;
    }
    if (bad) {
        ann_err_set(err, 1, "%s:%ld: document '%s': %s; the document was not stored (fix the line "
                    "and ingest again)", r->path, bad_line, id, bad);
        return -1;
    }
    /* Sentences in index order, as a reader of the store expects. */
    for (int i = 1; i < ns; i++) {
        ann_store_sentence t = x->sent[i];
        int j = i - 1;
        while (j >= 0 && x->sent[j].idx > t.idx) { x->sent[j + 1] = x->sent[j]; j--; }
        x->sent[j + 1] = t;
    }
    out->id = id;
    out->hash = h;
    out->nsent = ns;
    out->sent = x->sent;
    out->nevent = ne;
    out->event = x->ev;
    return 1;
}

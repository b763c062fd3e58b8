/* Document readers: plain text (one document per file), JSONL (one per line) and CoNLL-U
 * (split at "# newdoc"). Bad records are reported with file:line and skipped. */
#include "annalist/io.h"

#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct ann_reader {
    char *name;
    ann_input_format fmt;
    size_t max_doc;
    char *data;      /* the whole input (text and CoNLL-U) or NULL when streaming JSONL */
    size_t len, pos;
    FILE *f;         /* JSONL streams line by line so a huge file need not fit in memory */
    int own_f;
    char *line;
    size_t linecap;
    long lineno;
    int done;
    int ndocs;
    int utf8_checked;  /* CoNLL-U: the whole input was checked for NULs and invalid UTF-8 */
    long utf8_fixed;   /* ... and this many bytes were replaced (warned with the first doc) */
    size_t utf8_first;
    long utf8_line;
};

const char *ann_format_name(ann_input_format f)
{
    switch (f) {
    case ANN_FMT_TEXT: return "text";
    case ANN_FMT_JSONL: return "jsonl";
    case ANN_FMT_CONLLU: return "conllu";
    default: return "auto";
    }
}

int ann_format_parse(const char *s)
{
    if (!strcmp(s, "auto")) return ANN_FMT_AUTO;
    if (!strcmp(s, "text") || !strcmp(s, "txt")) return ANN_FMT_TEXT;
    if (!strcmp(s, "jsonl") || !strcmp(s, "json")) return ANN_FMT_JSONL;
    if (!strcmp(s, "conllu") || !strcmp(s, "conll")) return ANN_FMT_CONLLU;
    return -1;
}

long ann_utf8_invalid_at(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        unsigned c = p[i];
        if (c == 0) return (long)i;
        if (c < 0x80) { i++; continue; }
        size_t k;
        unsigned min;
        if (c >= 0xC2 && c <= 0xDF) { k = 1; min = 0x80; }
        else if (c >= 0xE0 && c <= 0xEF) { k = 2; min = 0x800; }
        else if (c >= 0xF0 && c <= 0xF4) { k = 3; min = 0x10000; }
        else return (long)i;
        unsigned cp = c & (0x3F >> k);
        for (size_t j = 1; j <= k; j++) {
            if (i + j >= n || (p[i + j] & 0xC0) != 0x80) return (long)i;
            cp = (cp << 6) | (p[i + j] & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return (long)i;
        i += k + 1;
    }
    return -1;
}

static long line_of(const char *s, size_t off)
{
    long line = 1;
    for (size_t i = 0; i < off; i++) line += s[i] == '\n';
    return line;
}

/* Invalid bytes become '?' (one byte for one, so offsets still point into the original);
 * returns how many were replaced and where the first was. A text with NULs or mostly
 * invalid bytes is not text at all: returns -1 then. */
static long repair_utf8(char *s, size_t n, size_t *first)
{
    long fixed = 0;
    size_t off = 0;
    while (off < n) {
        long bad = ann_utf8_invalid_at(s + off, n - off);
        if (bad < 0) break;
        size_t at = off + (size_t)bad;
        if (s[at] == 0) {
            if (first) *first = at;
            return -1;
        }
        if (fixed == 0 && first) *first = at;
        s[at] = '?';
        fixed++;
        off = at + 1;
    }
    if (fixed > 16 && (size_t)fixed * 10 > n) return -1;
    return fixed;
}

static ann_input_format sniff(const char *name, const char *head, size_t n)
{
    const char *dot = strrchr(name, '.');
    if (dot) {
        if (!strcmp(dot, ".jsonl") || !strcmp(dot, ".ndjson") || !strcmp(dot, ".json")) return ANN_FMT_JSONL;
        if (!strcmp(dot, ".conllu") || !strcmp(dot, ".conll")) return ANN_FMT_CONLLU;
        if (!strcmp(dot, ".txt")) return ANN_FMT_TEXT;
    }
    size_t i = 0;
    while (i < n && (head[i] == ' ' || head[i] == '\n' || head[i] == '\r' || head[i] == '\t')) i++;
    if (i < n && head[i] == '{') return ANN_FMT_JSONL;
    if (i + 1 < n && head[i] == '#' && head[i + 1] == ' ') return ANN_FMT_CONLLU;
    size_t j = i;
    while (j < n && head[j] >= '0' && head[j] <= '9') j++;
    if (j > i && j < n && head[j] == '\t') return ANN_FMT_CONLLU;
    return ANN_FMT_TEXT;
}

static ann_reader *reader_new(const char *name, size_t max_doc)
{
    ann_reader *r = ann_xcalloc(1, sizeof *r);
    r->name = ann_xstrdup(name);
    r->max_doc = max_doc ? max_doc : ANN_MAX_DOC_BYTES_DEFAULT;
    return r;
}

ann_reader *ann_reader_open(const char *path, ann_input_format fmt, size_t max_doc, ann_err *err)
{
    ann_reader *r = reader_new(strcmp(path, "-") ? path : "<stdin>", max_doc);
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (!f) {
        ann_err_set(err, 1, "%s: cannot open: %s", path, strerror(errno));
        ann_reader_close(r);
        return NULL;
    }
    r->f = f;
    r->own_f = f != stdin;
    /* Peek at the first bytes to decide the format, then push them back via a buffer. */
    char head[512];
    size_t n = 0;
    int c;
    /* Up to the first non-blank byte one at a time: when that is '{' (JSONL) nothing more is
     * read ahead, so a JSONL stream on a pipe is answered record by record. */
    while (n < sizeof head && (c = getc(f)) != EOF) {
        head[n++] = (char)c;
        if (c != ' ' && c != '\t' && c != '\r' && c != '\n') break;
    }
    if (!(n && head[n - 1] == '{') && n < sizeof head) n += fread(head + n, 1, sizeof head - n, f);
    if (fmt == ANN_FMT_AUTO) fmt = sniff(path, head, n);
    r->fmt = fmt;
    if (fmt == ANN_FMT_JSONL) {
        /* Keep the peeked bytes as the start of the first line. */
        r->data = ann_xmalloc(n + 1);
        memcpy(r->data, head, n);
        r->len = n;
        return r;
    }
    ann_buf b = {0};
    ann_buf_add(&b, head, n);
    char chunk[65536];
    size_t k;
    size_t cap = fmt == ANN_FMT_CONLLU ? (size_t)-1 : r->max_doc;
    while ((k = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (b.len + k > cap) {
            ann_err_set(err, 1, "%s: document larger than the %zu-byte limit; raise it with --max-doc-bytes",
                        r->name, r->max_doc);
            ann_buf_free(&b);
            ann_reader_close(r);
            return NULL;
        }
        ann_buf_add(&b, chunk, k);
    }
    if (ferror(f)) {
        ann_err_set(err, 1, "%s: read error (is it a directory?)", r->name);
        ann_buf_free(&b);
        ann_reader_close(r);
        return NULL;
    }
    if (!b.s) ann_buf_reserve(&b, 0);
    r->data = b.s;
    r->len = b.len;
    return r;
}

ann_reader *ann_reader_open_mem(const char *name, const char *data, size_t len,
                                ann_input_format fmt, size_t max_doc)
{
    ann_reader *r = reader_new(name, max_doc);
    r->data = ann_xmalloc(len + 1);
    memcpy(r->data, data, len);
    r->data[len] = 0;
    r->len = len;
    r->fmt = fmt == ANN_FMT_AUTO ? sniff(name, data, len < 512 ? len : 512) : fmt;
    return r;
}

ann_input_format ann_reader_format(const ann_reader *r) { return r->fmt; }

void ann_reader_close(ann_reader *r)
{
    if (!r) return;
    if (r->own_f) fclose(r->f);
    free(r->name);
    free(r->data);
    free(r->line);
    free(r);
}

static char *basename_of(const char *p)
{
    const char *s = strrchr(p, '/');
    return (char *)(s ? s + 1 : p);
}

/* ---- plain text ---- */

static int next_text(ann_reader *r, ann_doc **out, ann_err *err)
{
    if (r->done) return 0;
    r->done = 1;
    if (r->len > r->max_doc) {
        ann_err_set(err, 1, "%s: document is %zu bytes, over the %zu-byte limit; raise it with --max-doc-bytes",
                    r->name, r->len, r->max_doc);
        return -1;
    }
    size_t first = 0;
    long fixed = repair_utf8(r->data, r->len, &first);
    if (fixed < 0) {
        ann_err_set(err, 1, "%s:%ld: this looks like a binary file (NUL or mostly invalid UTF-8 bytes "
                    "near byte %zu), not text; convert it to UTF-8 text first",
                    r->name, line_of(r->data, first), first);
        return -1;
    }
    ann_doc *d = ann_doc_new();
    ann_doc_set_text(d, r->data, r->len);
    d->id = ann_arena_strdup(&d->arena, basename_of(r->name));
    d->origin = ann_arena_strdup(&d->arena, r->name);
    d->origin_line = 1;
    *out = d;
    if (fixed > 0)
        ann_err_set(err, 2, "%s:%ld: warning: %ld invalid UTF-8 byte(s) replaced by '?' "
                    "(first at byte %zu); re-encode the file as UTF-8 to keep them",
                    r->name, line_of(r->data, first), fixed, first);
    return 1;
}

/* ---- JSONL ---- */

static const char *json_str(json_t *o, const char *key)
{
    json_t *v = json_object_get(o, key);
    return json_is_string(v) ? json_string_value(v) : NULL;
}

static int valid_date(const char *s)
{
    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-') return 0;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9')) return 0;
    int m = (s[5] - '0') * 10 + (s[6] - '0'), d = (s[8] - '0') * 10 + (s[9] - '0');
    return m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

static ssize_t read_line(ann_reader *r)
{
    /* The peeked head (r->data) is consumed first, then the stream. */
    ann_buf b = {0};
    if (r->line) { free(r->line); r->line = NULL; }
    while (r->pos < r->len) {
        char c = r->data[r->pos++];
        if (c == '\n') goto done;
        ann_buf_putc(&b, c);
    }
    if (r->f) {
        int c;
        while ((c = getc(r->f)) != EOF) {
            if (c == '\n') goto done;
            ann_buf_putc(&b, (char)c);
        }
    }
    if (b.len == 0) {
        ann_buf_free(&b);
        return -1;
    }
done:
    if (!b.s) ann_buf_reserve(&b, 0);
    r->line = b.s;
    return (ssize_t)b.len;
}

static int next_jsonl(ann_reader *r, ann_doc **out, ann_err *err)
{
    for (;;) {
        ssize_t n = read_line(r);
        if (n < 0) return 0;
        r->lineno++;
        char *line = r->line;
        if (n > 0 && line[n - 1] == '\r') line[--n] = 0;
        size_t i = 0;
        while (i < (size_t)n && (line[i] == ' ' || line[i] == '\t')) i++;
        if (i == (size_t)n) continue; /* blank lines are allowed between records */
        if ((size_t)n > r->max_doc + 4096) {
            ann_err_set(err, 1, "%s:%ld: record is %zd bytes, over the %zu-byte limit; "
                        "raise it with --max-doc-bytes", r->name, r->lineno, n, r->max_doc);
            return -1;
        }
        json_error_t je;
        json_t *o = json_loadb(line, (size_t)n, JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL, &je);
        if (!o) {
            ann_err_set(err, 1, "%s:%ld: not valid JSON (%s at column %d); each line must be one JSON "
                        "object like {\"id\": \"...\", \"text\": \"...\"}", r->name, r->lineno, je.text, je.column);
            return -1;
        }
        if (!json_is_object(o)) {
            ann_err_set(err, 1, "%s:%ld: a JSON %s, not an object; each line must be one object like "
                        "{\"id\": \"...\", \"text\": \"...\"}", r->name, r->lineno,
                        json_is_array(o) ? "array" : "value");
            json_decref(o); /* after the message: it looks at o */
            return -1;
        }
        char idbuf[64];
        const char *id = json_str(o, "id");
        json_t *idv = json_object_get(o, "id");
        if (!id && json_is_integer(idv)) {
            snprintf(idbuf, sizeof idbuf, "%lld", (long long)json_integer_value(idv));
            id = idbuf;
        }
        json_t *tv = json_object_get(o, "text");
        if (!json_is_string(tv)) {
            ann_err_set(err, 1, "%s:%ld: record %s%s%s has no \"text\" string field; add the article text as \"text\"",
                        r->name, r->lineno, id ? "'" : "", id ? id : "without id", id ? "'" : "");
            json_decref(o);
            return -1;
        }
        const char *text = json_string_value(tv);
        size_t tlen = json_string_length(tv);
        if (memchr(text, 0, tlen)) {
            ann_err_set(err, 1, "%s:%ld: record %s: \"text\" contains a NUL character (\\u0000); remove it",
                        r->name, r->lineno, id ? id : "without id");
            json_decref(o);
            return -1;
        }
        if (tlen > r->max_doc) {
            ann_err_set(err, 1, "%s:%ld: record %s: text is %zu bytes, over the %zu-byte limit; raise it with --max-doc-bytes",
                        r->name, r->lineno, id ? id : "without id", tlen, r->max_doc);
            json_decref(o);
            return -1;
        }
        const char *date = json_str(o, "date");
        if (date && !valid_date(date)) {
            ann_err_set(err, 1, "%s:%ld: record %s: \"date\" is '%s', expected YYYY-MM-DD",
                        r->name, r->lineno, id ? id : "without id", date);
            json_decref(o);
            return -1;
        }
        ann_doc *d = ann_doc_new();
        ann_doc_set_text(d, text, tlen);
        d->id = id ? ann_arena_strdup(&d->arena, id)
                   : ann_arena_printf(&d->arena, "%s:%ld", basename_of(r->name), r->lineno);
        d->date = ann_arena_strdup(&d->arena, date);
        d->title = ann_arena_strdup(&d->arena, json_str(o, "title"));
        d->source = ann_arena_strdup(&d->arena, json_str(o, "source"));
        d->url = ann_arena_strdup(&d->arena, json_str(o, "url"));
        d->origin = ann_arena_strdup(&d->arena, r->name);
        d->origin_line = r->lineno;
        json_decref(o);
        *out = d;
        return 1;
    }
}

/* ---- CoNLL-U ---- */

typedef struct {
    char *cols[10];
} row;

static int split_cols(char *line, row *rw)
{
    /* Counts every column, so a stray tab in MISC is an error rather than part of the value. */
    int n = 0;
    char *p = line;
    for (;;) {
        if (n < 10) rw->cols[n] = p;
        n++;
        char *t = strchr(p, '\t');
        if (!t) break;
        *t = 0;
        p = t + 1;
    }
    return n;
}

static int has_space_after_no(const char *misc)
{
    if (!misc) return 0;
    const char *p = strstr(misc, "SpaceAfter=No");
    return p && (p == misc || p[-1] == '|') && (p[13] == 0 || p[13] == '|');
}

/* Builds one document from sentences until the next "# newdoc" (or end of input). */
static int next_conllu(ann_reader *r, ann_doc **out, ann_err *err)
{
    if (!r->utf8_checked) {
        /* Lines are handled as C strings: a NUL would silently cut one short. */
        r->utf8_checked = 1;
        r->utf8_fixed = repair_utf8(r->data, r->len, &r->utf8_first);
        if (r->utf8_fixed) r->utf8_line = line_of(r->data, r->utf8_first); /* before lines are cut */
        if (r->utf8_fixed < 0) {
            ann_err_set(err, 1, "%s:%ld: NUL byte or mostly invalid UTF-8 (near byte %zu): this is "
                        "not CoNLL-U text; convert it to UTF-8 first", r->name, r->utf8_line,
                        r->utf8_first);
            r->pos = r->len;
            return -1;
        }
    }
    if (r->pos >= r->len) return 0;
    ann_doc *d = ann_doc_new();
    d->origin = ann_arena_strdup(&d->arena, r->name);
    d->origin_line = r->lineno + 1;
    ann_buf text = {0};
    int paragraph = -1;
    int started = 0;        /* a sentence has been seen in this document */
    int pending_newpar = 0;

    /* Per sentence scratch. */
    typedef struct { long id; char *c[10]; int mwt_last; } tokrow;
    tokrow *rows = NULL;
    int nrows = 0, caprows = 0;
    char **comments = NULL;
    int ncom = 0, capcom = 0;
    char *sent_id = NULL;
    long sent_line = 0;
    int bad = 0, at_boundary = 0;
    long next_word = 1, mwt_open = 0; /* ids must run 1, 2, 3... with ranges before their words */

    while (r->pos <= r->len) {
        size_t ls = r->pos;
        char *nl = memchr(r->data + ls, '\n', r->len - ls);
        size_t le = nl ? (size_t)(nl - r->data) : r->len;
        int at_end = !nl;
        /* Only peek at "# newdoc" before consuming it: it belongs to the next document. */
        char *line = r->data + ls;
        size_t llen = le - ls;
        while (llen > 0 && line[llen - 1] == '\r') llen--; /* CRLF, and stray CRs a writer would drop */
        int is_newdoc = llen >= 8 && !strncmp(line, "# newdoc", 8);
        if (is_newdoc && (started || d->id) && nrows == 0) break;
        r->pos = le + 1;
        r->lineno++;
        line[llen] = 0;
        if (llen == 0) {
            /* Heads are checked once the sentence's length is known. */
            long badid = 0;
            const char *badh = NULL;
            for (int i = 0; i < nrows && !badid; i++) {
                if (rows[i].mwt_last || !strcmp(rows[i].c[6], "_")) continue;
                char *e;
                long h = strtol(rows[i].c[6], &e, 10);
                if (e == rows[i].c[6] || *e || h < 0 || h >= next_word) badid = rows[i].id, badh = rows[i].c[6];
            }
            if (badid) {
                ann_err_set(err, 1, "%s:%ld: in the sentence ending here, word %ld has HEAD '%s'; a head "
                            "is _, 0 (root) or a word id of the sentence (1..%ld)", r->name, r->lineno,
                            badid, badh, next_word - 1);
                bad = at_boundary = 1;
                break;
            }
            if (nrows > 0 && mwt_open >= next_word) {
                ann_err_set(err, 1, "%s:%ld: multiword token range ends at word %ld but the sentence "
                            "ends at word %ld; add the missing word lines", r->name, r->lineno,
                            mwt_open, next_word - 1);
                bad = at_boundary = 1;
                break;
            }
            if (nrows > 0) {
                /* End of sentence: materialise it. */
                int ntok = 0;
                for (int i = 0; i < nrows; i++) ntok += rows[i].mwt_last == 0;
                ann_sentence *s = ann_doc_add_sentence(d, ntok);
                if (pending_newpar || paragraph < 0) {
                    paragraph++;
                    s->newpar = pending_newpar;
                    if (started) ann_buf_add(&text, "\n\n", 2);
                } else if (started) {
                    ann_buf_putc(&text, ' ');
                }
                pending_newpar = 0;
                started = 1;
                s->paragraph = paragraph;
                s->sent_id = sent_id ? ann_arena_strdup(&d->arena, sent_id) : NULL;
                s->ncomment = ncom;
                s->comment = ann_arena_alloc(&d->arena, sizeof(char *) * (size_t)(ncom ? ncom : 1));
                for (int i = 0; i < ncom; i++) s->comment[i] = ann_arena_strdup(&d->arena, comments[i]);
                int nm = 0;
                for (int i = 0; i < nrows; i++) nm += rows[i].mwt_last != 0;
                s->nmwt = nm;
                s->mwt = ann_arena_alloc(&d->arena, sizeof(ann_mwt) * (size_t)(nm ? nm : 1));
                s->start = (uint32_t)text.len;
                int ti = 0, mi = 0, mwt_until = 0;
                for (int i = 0; i < nrows; i++) {
                    char **c = rows[i].c;
                    if (rows[i].mwt_last) {
                        ann_mwt *m = &s->mwt[mi++];
                        m->first = (int)rows[i].id;
                        m->last = rows[i].mwt_last;
                        m->form = ann_arena_strdup(&d->arena, c[1]);
                        m->misc = ann_arena_strdup(&d->arena, c[9]);
                        /* The surface text is the multiword form, not its parts. */
                        uint32_t st = (uint32_t)text.len;
                        ann_buf_puts(&text, c[1]);
                        uint32_t en = (uint32_t)text.len;
                        for (int k = i + 1; k < nrows && rows[k].id <= m->last; k++)
                            if (!rows[k].mwt_last) {
                                s->tok[ti + (k - i - 1)].start = st;
                                s->tok[ti + (k - i - 1)].end = en;
                            }
                        mwt_until = m->last;
                        if (!has_space_after_no(c[9])) ann_buf_putc(&text, ' ');
                        continue;
                    }
                    ann_token *t = &s->tok[ti++];
                    t->form = ann_arena_strdup(&d->arena, c[1]);
                    t->lemma = strcmp(c[2], "_") || !strcmp(c[1], "_") ? ann_arena_strdup(&d->arena, c[2]) : NULL;
                    t->upos = strcmp(c[3], "_") ? ann_arena_strdup(&d->arena, c[3]) : NULL;
                    t->xpos = strcmp(c[4], "_") ? ann_arena_strdup(&d->arena, c[4]) : NULL;
                    t->feats = ann_arena_strdup(&d->arena, c[5]);
                    t->head = strcmp(c[6], "_") ? atoi(c[6]) : -1;
                    t->deprel = strcmp(c[7], "_") ? ann_arena_strdup(&d->arena, c[7]) : NULL;
                    t->deps = ann_arena_strdup(&d->arena, c[8]);
                    t->misc = ann_arena_strdup(&d->arena, c[9]);
                    if (rows[i].id <= mwt_until) {
                        t->space_after = 0;
                        continue;
                    }
                    t->start = (uint32_t)text.len;
                    ann_buf_puts(&text, c[1]);
                    t->end = (uint32_t)text.len;
                    t->space_after = !has_space_after_no(c[9]);
                    if (t->space_after) ann_buf_putc(&text, ' ');
                }
                /* Sentence span ends at its last token. */
                s->end = ntok ? s->tok[ntok - 1].end : s->start;
                if (text.len > s->end) text.len = s->end, text.s[text.len] = 0;
                nrows = 0;
                ncom = 0;
                sent_id = NULL;
            }
            if (at_end) break;
            continue;
        }
        if (line[0] == '#') {
            if (nrows > 0) {
                ann_err_set(err, 1, "%s:%ld: comment inside a sentence; comments go before the token lines",
                            r->name, r->lineno);
                bad = 1;
                break;
            }
            char *v = line + 1;
            while (*v == ' ') v++;
            if (!strncmp(v, "newdoc", 6)) {
                char *eq = strchr(v, '=');
                if (eq) {
                    eq++;
                    while (*eq == ' ') eq++;
                    d->id = ann_arena_strdup(&d->arena, eq);
                } else {
                    d->id = ann_arena_printf(&d->arena, "%s#%d", basename_of(r->name), r->ndocs + 1);
                }
                pending_newpar = 1;
            } else if (!strncmp(v, "newpar", 6)) {
                pending_newpar = 1;
            } else if (!strncmp(v, "sent_id", 7) && strchr(v, '=')) {
                char *eq = strchr(v, '=') + 1;
                while (*eq == ' ') eq++;
                sent_id = eq;
                sent_line = r->lineno;
            } else if (!strncmp(v, "text =", 6) || !strncmp(v, "text=", 5)) {
                /* Regenerated on output from the tokens. */
            } else {
                if (ncom == capcom) comments = ann_xrealloc(comments, sizeof(char *) * (size_t)(capcom = capcom ? capcom * 2 : 8));
                comments[ncom++] = line;
            }
            if (at_end) break;
            continue;
        }
        row rw;
        int nc = split_cols(line, &rw);
        if (nc != 10) {
            ann_err_set(err, 1, "%s:%ld: token line has %d tab-separated columns, CoNLL-U needs 10",
                        r->name, r->lineno, nc);
            bad = 1;
            break;
        }
        char *idc = rw.cols[0];
        if (strchr(idc, '.')) { /* empty nodes of enhanced UD: not part of the basic tree */
            if (at_end) break;
            continue;
        }
        char *end;
        long id = strtol(idc, &end, 10);
        int mwt_last = 0;
        if (*end == '-') {
            mwt_last = (int)strtol(end + 1, &end, 10);
            if (mwt_last <= id) end = idc; /* force error below */
        }
        if (end == idc || *end || id <= 0) {
            ann_err_set(err, 1, "%s:%ld: bad token id '%s'", r->name, r->lineno, idc);
            bad = 1;
            break;
        }
        if (nrows == 0) next_word = 1, mwt_open = 0;
        if (id != next_word || (mwt_last && mwt_open >= id)) {
            ann_err_set(err, 1, "%s:%ld: token id '%s' out of order, expected %ld%s; ids run 1, 2, 3... "
                        "within a sentence and a blank line ends the sentence", r->name, r->lineno, idc,
                        next_word, mwt_last ? " (a range starts at the next word, after the previous range)" : "");
            bad = 1;
            break;
        }
        if (mwt_last) mwt_open = mwt_last;
        else next_word++;
        if (nrows == caprows) rows = ann_xrealloc(rows, sizeof *rows * (size_t)(caprows = caprows ? caprows * 2 : 64));
        rows[nrows].id = id;
        rows[nrows].mwt_last = mwt_last;
        memcpy(rows[nrows].c, rw.cols, sizeof rw.cols);
        nrows++;
        if (at_end) break;
    }
    (void)sent_line;
    if (bad) {
        /* Skip the rest of the broken sentence so the next call starts clean. */
        while (!at_boundary && r->pos < r->len) {
            char *nl = memchr(r->data + r->pos, '\n', r->len - r->pos);
            size_t le = nl ? (size_t)(nl - r->data) : r->len;
            int blank = le == r->pos || (le == r->pos + 1 && r->data[r->pos] == '\r');
            r->pos = le + 1;
            r->lineno++;
            if (blank) break;
        }
        free(rows);
        free(comments);
        ann_buf_free(&text);
        ann_doc_free(d);
        return -1;
    }
    free(rows);
    free(comments);
    if (d->nsent == 0 && !d->id) {
        ann_buf_free(&text);
        ann_doc_free(d);
        return 0;
    }
    r->ndocs++;
    if (!d->id) d->id = ann_arena_printf(&d->arena, "%s", basename_of(r->name));
    ann_doc_set_text(d, text.s ? text.s : "", text.len);
    ann_buf_free(&text);
    *out = d;
    if (r->utf8_fixed > 0 && r->ndocs == 1)
        ann_err_set(err, 2, "%s:%ld: warning: %ld invalid UTF-8 byte(s) replaced by '?' "
                    "(first at byte %zu); re-encode the file as UTF-8 to keep them",
                    r->name, r->utf8_line, r->utf8_fixed, r->utf8_first);
    return 1;
}

int ann_reader_next(ann_reader *r, ann_doc **out, ann_err *err)
{
    *out = NULL;
    ann_err_clear(err);
    switch (r->fmt) {
    case ANN_FMT_JSONL: return next_jsonl(r, out, err);
    case ANN_FMT_CONLLU: return next_conllu(r, out, err);
    default: return next_text(r, out, err);
    }
}

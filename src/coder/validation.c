/* Reader for PETRARCH/UniversalPetrarch validation files. They are XML in spirit only (bare '#'
 * comment blocks, self-closing <Sentence/> followed by its content), so this is a tolerant
 * element scanner rather than an XML parser: it knows the handful of elements these files use. */
#include "annalist/coder.h"
#include "annalist/io.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static long line_at(const char *base, const char *p)
{
    long n = 1;
    for (const char *q = base; q < p; q++) if (*q == '\n') n++;
    return n;
}

/* Value of attribute name in the tag text [p, end), malloc'd, or NULL. */
static char *attr(const char *p, const char *end, const char *name)
{
    size_t n = strlen(name);
    for (const char *q = p; q + n + 2 < end; q++) {
        if (strncmp(q, name, n) || q[n] != '=' || (q > p && !isspace((unsigned char)q[-1]))) continue;
        char quote = q[n + 1];
        if (quote != '"' && quote != '\'') continue;
        const char *v = q + n + 2, *e = memchr(v, quote, (size_t)(end - v));
        if (!e) return NULL;
        size_t L = (size_t)(e - v);
        char *r = ann_xmalloc(L + 1), *o = r;
        /* the five XML entities; anything else is kept as written */
        static const struct { const char *ent; char c; } ents[] = {
            {"&quot;", '"'}, {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&apos;", '\''}};
        for (const char *r2 = v; r2 < e;) {
            int done = 0;
            for (size_t k = 0; k < sizeof ents / sizeof *ents && !done; k++) {
                size_t en = strlen(ents[k].ent);
                if ((size_t)(e - r2) >= en && !strncmp(r2, ents[k].ent, en)) { *o++ = ents[k].c; r2 += en; done = 1; }
            }
            if (!done) *o++ = *r2++;
        }
        *o = 0;
        return r;
    }
    return NULL;
}

/* The text between <tag> and </tag> starting the search at p, malloc'd; *after = past it. */
static char *element(const char *p, const char *limit, const char *tag, const char **after)
{
    char open[64], close[64];
    snprintf(open, sizeof open, "<%s>", tag);
    snprintf(close, sizeof close, "</%s>", tag);
    const char *a = strstr(p, open);
    if (!a || a >= limit) return NULL;
    a += strlen(open);
    const char *b = strstr(a, close);
    if (!b || b > limit) return NULL;
    if (after) *after = b + strlen(close);
    char *s = ann_xmalloc((size_t)(b - a) + 1);
    memcpy(s, a, (size_t)(b - a));
    s[b - a] = 0;
    return s;
}

static char *collapse(char *s)
{
    char *o = s;
    int sp = 1;
    for (char *p = s; *p; p++) {
        if (isspace((unsigned char)*p)) { if (!sp) *o++ = ' '; sp = 1; }
        else { *o++ = *p; sp = 0; }
    }
    if (o > s && o[-1] == ' ') o--;
    *o = 0;
    return s;
}

static char *beside(const char *xml, const char *name)
{
    while (isspace((unsigned char)*name)) name++;
    const char *slash = strrchr(xml, '/');
    size_t dl = slash ? (size_t)(slash - xml) + 1 : 0;
    char *r = ann_xmalloc(dl + strlen(name) + 1);
    memcpy(r, xml, dl);
    strcpy(r + dl, name);
    size_t n = strlen(r);
    while (n && isspace((unsigned char)r[n - 1])) r[--n] = 0;
    return r;
}

static int split_list(const char *xml, char *s, char ***out)
{
    int n = 0;
    if (!s) return 0;
    collapse(s);
    *out = ann_xcalloc(strlen(s) + 2, sizeof **out);
    char *save, *t = strtok_r(s, ",", &save);
    while (t) {
        while (isspace((unsigned char)*t)) t++;
        if (*t) (*out)[n++] = beside(xml, t);
        t = strtok_r(NULL, ",", &save);
    }
    return n;
}

/* Blanks out <!-- ... --> so commented-out records are not read; keeps line numbers. */
static void strip_comments(char *s)
{
    char *p = s;
    while ((p = strstr(p, "<!--"))) {
        char *e = strstr(p + 4, "-->");
        char *stop = e ? e + 3 : p + strlen(p);
        for (char *q = p; q < stop; q++) if (*q != '\n') *q = ' ';
        p = stop;
    }
}

ann_vfile *ann_validation_read(const char *path, ann_err *err)
{
    size_t len;
    char *s = ann_read_file(path, &len, 0, err);
    if (!s) return NULL;
    strip_comments(s);
    if (!strstr(s, "<Sentence")) {
        ann_err_set(err, 1, "%s: no <Sentence> records; is this a PETRARCH validation file?", path);
        free(s);
        return NULL;
    }
    ann_vfile *v = ann_xcalloc(1, sizeof *v);
    v->path = ann_xstrdup(path);
    const char *env_end = strstr(s, "</Environment>");
    if (env_end) {
        char *t = element(s, env_end + 14, "Verbfile", NULL);
        if (t) { v->verbfile = beside(path, collapse(t)); free(t); }
        t = element(s, env_end + 14, "Actorfile", NULL);
        v->nactors = split_list(path, t, &v->actors); free(t);
        t = element(s, env_end + 14, "Agentfile", NULL);
        v->nagents = split_list(path, t, &v->agents); free(t);
        t = element(s, env_end + 14, "Discardfile", NULL);
        v->ndiscards = split_list(path, t, &v->discards); free(t);
    }
    int cap = 0;
    const char *p = s;
    while ((p = strstr(p, "<Sentence "))) {
        const char *tagend = strchr(p, '>');
        if (!tagend) break;
        const char *next = strstr(tagend, "<Sentence ");
        const char *limit = next ? next : s + len;
        if (v->nrec == cap) {
            cap = cap ? cap * 2 : 64;
            v->rec = ann_xrealloc(v->rec, (size_t)cap * sizeof *v->rec);
        }
        ann_vrecord *r = &v->rec[v->nrec++];
        memset(r, 0, sizeof *r);
        r->line = line_at(s, p);
        r->id = attr(p, tagend, "id");
        if (!r->id) {
            char buf[64];
            snprintf(buf, sizeof buf, "line%ld", r->line);
            r->id = ann_xstrdup(buf);
        }
        r->date = attr(p, tagend, "date");
        r->category = attr(p, tagend, "category");
        if (!r->category) r->category = attr(p, tagend, "source");
        const char *q = tagend;
        int ccap = 0;
        while ((q = strstr(q, "<EventCoding")) && q < limit) {
            const char *e = strchr(q, '>');
            if (!e) break;
            char *nv = attr(q, e, "noevents");
            char *er = attr(q, e, "error");
            if (nv) { r->noevents = 1; free(nv); }
            else if (er) { r->error = 1; free(er); }
            else {
                if (r->ncoding == ccap) {
                    ccap = ccap ? ccap * 2 : 4;
                    r->coding = ann_xrealloc(r->coding, (size_t)ccap * sizeof *r->coding);
                }
                ann_vcoding *c = &r->coding[r->ncoding++];
                char *a = attr(q, e, "eventcode"), *b = attr(q, e, "sourcecode"), *t = attr(q, e, "targetcode");
                snprintf(c->code, sizeof c->code, "%s", a ? a : "");
                snprintf(c->source, sizeof c->source, "%s", b ? b : "---");
                snprintf(c->target, sizeof c->target, "%s", t ? t : "---");
                free(a); free(b); free(t);
            }
            q = e + 1;
        }
        char *t = element(tagend, limit, "Text", NULL);
        r->text = t ? collapse(t) : ann_xstrdup("");
        r->parse = element(tagend, limit, "Parse", NULL);
        p = limit;
    }
    free(s);
    return v;
}

void ann_validation_free(ann_vfile *v)
{
    if (!v) return;
    for (int i = 0; i < v->nrec; i++) {
        ann_vrecord *r = &v->rec[i];
        free(r->id); free(r->date); free(r->category); free(r->text); free(r->parse); free(r->coding);
    }
    for (int i = 0; i < v->nactors; i++) free(v->actors[i]);
    for (int i = 0; i < v->nagents; i++) free(v->agents[i]);
    for (int i = 0; i < v->ndiscards; i++) free(v->discards[i]);
    free(v->actors); free(v->agents); free(v->discards);
    free(v->rec);
    free(v->verbfile);
    free(v->path);
    free(v);
}

void ann_validation_set_date(const ann_vrecord *r, ann_doc *d)
{
    if (r->date && strlen(r->date) == 8) {
        d->date = ann_arena_printf(&d->arena, "%.4s-%.2s-%.2s", r->date, r->date + 4, r->date + 6);
    } else if (r->date && strlen(r->date) == 6 && strspn(r->date, "0123456789") == 6) {
        /* PETRARCH's YYMMDD; its records are of 1970-2069 */
        d->date = ann_arena_printf(&d->arena, "%s%.2s-%.2s-%.2s", r->date[0] < '7' ? "20" : "19", r->date,
                                   r->date + 2, r->date + 4);
    }
}

ann_doc *ann_validation_doc(const ann_vrecord *r, ann_err *err)
{
    if (!r->parse) {
        ann_err_set(err, 1, "record %s has no <Parse>; use --reparse to parse its text", r->id);
        return NULL;
    }
    /* The <Parse> is CoNLL-U without comments; lines may carry stray indentation. */
    ann_buf b = {0};
    ann_buf_printf(&b, "# newdoc id = %s\n", r->id);
    const char *p = r->parse;
    while (*p) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        const char *l = p;
        while (n && (*l == ' ' || *l == '\r')) { l++; n--; }
        while (n && (l[n - 1] == ' ' || l[n - 1] == '\r')) n--;
        if (n && isdigit((unsigned char)*l)) { ann_buf_add(&b, l, n); ann_buf_putc(&b, '\n'); }
        p = nl ? nl + 1 : p + n;
        if (!nl) break;
    }
    ann_buf_putc(&b, '\n');
    ann_reader *rd = ann_reader_open_mem(r->id, b.s, b.len, ANN_FMT_CONLLU, 0);
    ann_doc *d = NULL;
    int rc = ann_reader_next(rd, &d, err);
    ann_reader_close(rd);
    ann_buf_free(&b);
    if (rc != 1) {
        if (rc == 0) ann_err_set(err, 1, "record %s: empty <Parse>", r->id);
        return NULL;
    }
    ann_validation_set_date(r, d);
    d->id = ann_arena_strdup(&d->arena, r->id);
    return d;
}

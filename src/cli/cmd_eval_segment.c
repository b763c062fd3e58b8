/* `annalist eval-segment`: token, word and sentence F1 of a segmentation against gold CoNLL-U,
 * over character spans (whitespace ignored), as the CoNLL 2018 shared task scores them.
 * Also rebuilds the raw documents from a gold file (--raw) or segments them itself (--run),
 * so the measurement can be repeated from the treebank alone. */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "usage: annalist eval-segment [options] GOLD.conllu [SYSTEM.conllu]\n\n"
    "Scores a segmentation against gold CoNLL-U: precision, recall and F1 of tokens (surface\n"
    "tokens, a multiword token such as \"don't\" counting once), words (syntactic words, \"do\"\n"
    "\"n't\") and sentences, each compared as a span of non-whitespace characters.\n"
    "Both files must hold the same characters (apart from whitespace).\n\n"
    "  --run         segment the gold file's raw text with annalist itself and score that\n"
    "                (no SYSTEM file)\n"
    "  --raw         print the gold file's raw documents as JSONL ({\"id\",\"text\"}), rebuilt from\n"
    "                '# newdoc', '# newpar' and '# text' lines: sentences joined by a space,\n"
    "                paragraphs by a blank line; feed it to 'annalist segment'\n"
    "  --errors N    also list up to N wrong or missed sentence and token boundaries\n\n"
    "The measurement, two ways (same figures):\n"
    "  annalist eval-segment --run en_ewt-ud-test.conllu\n"
    "  annalist eval-segment --raw en_ewt-ud-test.conllu > raw.jsonl\n"
    "  annalist segment raw.jsonl > sys.conllu\n"
    "  annalist eval-segment en_ewt-ud-test.conllu sys.conllu\n\n"
    "Exit status: 0 scored, 1 unreadable input or the texts differ, 2 usage error.\n";

typedef struct span { uint32_t s, e; } span;
typedef struct word { uint32_t s, e; uint32_t idx; const char *form; } word;

/* One side of the comparison: its non-whitespace characters and spans over them. */
typedef struct side {
    const char *name;
    ann_buf chars;        /* non-whitespace bytes, in order */
    ann_buf shown;        /* the text with spaces, for --errors */
    uint32_t *at;         /* chars index -> offset in shown */
    size_t nat, capat;
    span *tok; size_t ntok, captok;
    span *sent; size_t nsent, capsent;
    word *w; size_t nw, capw;
    ann_arena arena;
} side;

#define PUSH(arr, n, cap, val)                                              \
    do {                                                                    \
        if ((n) == (cap)) {                                                 \
            (cap) = (cap) ? (cap) * 2 : 4096;                               \
            (arr) = ann_xrealloc((arr), (cap) * sizeof *(arr));             \
        }                                                                   \
        (arr)[(n)++] = (val);                                               \
    } while (0)

static void side_free(side *S)
{
    ann_buf_free(&S->chars);
    ann_buf_free(&S->shown);
    free(S->at); free(S->tok); free(S->sent); free(S->w);
    ann_arena_free(&S->arena);
}

/* Appends a surface token's text; returns its span. */
static span add_chars(side *S, const char *s, size_t n, int space_before)
{
    if (space_before && S->shown.len) ann_buf_putc(&S->shown, ' ');
    span sp = {(uint32_t)S->chars.len, 0};
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') { ann_buf_putc(&S->shown, ' '); continue; }
        PUSH(S->at, S->nat, S->capat, (uint32_t)S->shown.len);
        ann_buf_putc(&S->chars, c);
        ann_buf_putc(&S->shown, c);
    }
    sp.e = (uint32_t)S->chars.len;
    return sp;
}

/* A raw document rebuilt from the gold file's comments. */
typedef struct rawdoc { char *id; ann_buf text; } rawdoc;
typedef struct rawset { rawdoc *d; size_t n, cap; } rawset;

static int field(char *line, char **f, int max)
{
    int n = 0;
    f[n++] = line;
    for (char *p = line; *p && n < max; p++)
        if (*p == '\t') { *p = 0; f[n++] = p + 1; }
    return n;
}

/* Reads a CoNLL-U file into S (and, when raw is given, its documents' raw text). */
static int read_conllu(const char *path, side *S, rawset *raw)
{
    ann_err err;
    size_t len;
    char *data = ann_read_file(path, &len, (size_t)4 << 30, &err);
    if (!data) { cli_error("eval-segment: %s", err.msg); return -1; }
    S->name = path;
    long lineno = 0;
    int in_sent = 0, space_before = 1, pending_par = 0, last_spaceafter = 1;
    uint32_t sent_start = 0, mwt_first = 0, mwt_last = 0;
    rawdoc *doc = NULL;
    char *p = data, *end = data + len;
    while (p < end) {
        char *nl = memchr(p, '\n', (size_t)(end - p));
        char *line = p;
        size_t ll = nl ? (size_t)(nl - p) : (size_t)(end - p);
        p = nl ? nl + 1 : end;
        lineno++;
        line[ll] = 0;
        if (ll && line[ll - 1] == '\r') line[--ll] = 0;
        if (ll == 0) {
            if (in_sent && S->ntok) {
                span sp = {sent_start, S->tok[S->ntok - 1].e};
                if (sp.e > sp.s) PUSH(S->sent, S->nsent, S->capsent, sp);
            }
            in_sent = 0;
            continue;
        }
        if (line[0] == '#') {
            if (!raw) continue;
            if (!strncmp(line, "# newdoc", 8)) {
                rawdoc nd = {0};
                char *id = strstr(line, "id =");
                nd.id = ann_xstrdup(id ? id + 4 + (id[4] == ' ') : "doc");
                PUSH(raw->d, raw->n, raw->cap, nd);
                doc = &raw->d[raw->n - 1];
                pending_par = 0;
            } else if (!strncmp(line, "# newpar", 8)) {
                pending_par = 1;
            } else if (!strncmp(line, "# text = ", 9)) {
                if (!doc) {
                    rawdoc nd = {ann_xstrdup(path), {0}};
                    PUSH(raw->d, raw->n, raw->cap, nd);
                    doc = &raw->d[raw->n - 1];
                }
                if (doc->text.len) ann_buf_puts(&doc->text, pending_par ? "\n\n" : last_spaceafter ? " " : "");
                ann_buf_puts(&doc->text, line + 9);
                pending_par = 0;
            }
            continue;
        }
        char *f[10];
        if (field(line, f, 10) < 10) {
            cli_error("eval-segment: %s:%ld: not a CoNLL-U token line (10 tab-separated columns)", path, lineno);
            free(data);
            return -1;
        }
        if (!in_sent) { in_sent = 1; sent_start = (uint32_t)S->chars.len; mwt_last = 0; }
        if (strchr(f[0], '.')) continue;  /* empty node */
        char *dash = strchr(f[0], '-');
        uint32_t id = (uint32_t)strtoul(f[0], NULL, 10);
        int sa_no = strstr(f[9], "SpaceAfter=No") != NULL;
        if (dash) {
            span sp = add_chars(S, f[1], strlen(f[1]), space_before);
            PUSH(S->tok, S->ntok, S->captok, sp);
            mwt_first = id;
            mwt_last = (uint32_t)strtoul(dash + 1, NULL, 10);
            space_before = !sa_no;
            last_spaceafter = !sa_no;
            continue;
        }
        if (id && id <= mwt_last) {
            word w = {S->tok[S->ntok - 1].s, S->tok[S->ntok - 1].e, id - mwt_first + 1, ann_arena_strdup(&S->arena, f[1])};
            PUSH(S->w, S->nw, S->capw, w);
            continue;
        }
        span sp = add_chars(S, f[1], strlen(f[1]), space_before);
        PUSH(S->tok, S->ntok, S->captok, sp);
        word w = {sp.s, sp.e, 0, ann_arena_strdup(&S->arena, f[1])};
        PUSH(S->w, S->nw, S->capw, w);
        space_before = !sa_no;
        last_spaceafter = !sa_no;
    }
    if (in_sent && S->ntok) {
        span sp = {sent_start, S->tok[S->ntok - 1].e};
        if (sp.e > sp.s) PUSH(S->sent, S->nsent, S->capsent, sp);
    }
    free(data);
    return 0;
}

/* The system side from annalist's own segmentation of the raw documents. */
static int run_segmenter(const rawset *raw, side *S)
{
    S->name = "annalist";
    for (size_t di = 0; di < raw->n; di++) {
        ann_doc *d = ann_doc_new();
        ann_doc_set_text(d, raw->d[di].text.s ? raw->d[di].text.s : "", raw->d[di].text.len);
        d->id = ann_arena_strdup(&d->arena, raw->d[di].id);
        ann_err err;
        ann_err_clear(&err);
        if (ann_text_segment(d, &err) < 0) {
            cli_error("eval-segment: %s: %s", raw->d[di].id, err.msg);
            ann_doc_free(d);
            return -1;
        }
        for (int si = 0; si < d->nsent; si++) {
            const ann_sentence *s = &d->sent[si];
            uint32_t sent_start = (uint32_t)S->chars.len;
            int mi = 0;
            for (int k = 0; k < s->ntok;) {
                const ann_token *t = &s->tok[k];
                int first = k, last = k;
                if (mi < s->nmwt && s->mwt[mi].first == k + 1) last = s->mwt[mi++].last - 1;
                uint32_t b = t->start, e = s->tok[last].end;
                int space = b > 0 && (d->text[b - 1] == ' ' || d->text[b - 1] == '\n');
                span sp = add_chars(S, d->text + b, e - b, space);
                PUSH(S->tok, S->ntok, S->captok, sp);
                for (int m = first; m <= last; m++) {
                    word w = {sp.s, sp.e, last > first ? (uint32_t)(m - first + 1) : 0,
                              ann_arena_strdup(&S->arena, s->tok[m].form)};
                    PUSH(S->w, S->nw, S->capw, w);
                }
                k = last + 1;
            }
            span ss = {sent_start, (uint32_t)S->chars.len};
            if (ss.e > ss.s) PUSH(S->sent, S->nsent, S->capsent, ss);
        }
        ann_doc_free(d);
    }
    return 0;
}

static void score(const char *what, long gold, long sys, long ok)
{
    double p = sys ? 100.0 * ok / sys : 0, r = gold ? 100.0 * ok / gold : 0;
    double f = p + r > 0 ? 2 * p * r / (p + r) : 0;
    printf("%-10s gold %7ld  system %7ld  correct %7ld  P %6.2f  R %6.2f  F1 %6.2f\n", what, gold,
           sys, ok, p, r, f);
}

static void show(const side *S, const char *tag, span sp)
{
    uint32_t a = S->at[sp.s], b = sp.e ? S->at[sp.e - 1] + 1 : 0;
    uint32_t c0 = a > 40 ? a - 40 : 0, c1 = b + 40 < S->shown.len ? b + 40 : (uint32_t)S->shown.len;
    printf("  %s %.*s[[%.*s]]%.*s\n", tag, (int)(a - c0), S->shown.s + c0, (int)(b - a), S->shown.s + a,
           (int)(c1 - b), S->shown.s + b);
}

/* Counts spans present in both sorted lists; with nerr, prints the ones in only one. */
static long compare(const side *G, const span *g, size_t ng, const side *Y, const span *y, size_t ny,
                    long *nerr, const char *what)
{
    size_t i = 0, j = 0;
    long ok = 0;
    while (i < ng || j < ny) {
        if (i < ng && j < ny && g[i].s == y[j].s && g[i].e == y[j].e) { ok++; i++; j++; continue; }
        int take_g = j >= ny || (i < ng && (g[i].s < y[j].s || (g[i].s == y[j].s && g[i].e < y[j].e)));
        if (*nerr > 0) {
            (*nerr)--;
            printf("%s %s:\n", what, take_g ? "missed" : "wrong");
            if (take_g) show(G, "gold  ", g[i]);
            else show(Y, "system", y[j]);
        }
        if (take_g) i++; else j++;
    }
    return ok;
}

static long compare_words(const word *g, size_t ng, const word *y, size_t ny)
{
    size_t i = 0, j = 0;
    long ok = 0;
    while (i < ng && j < ny) {
        if (g[i].s == y[j].s && g[i].e == y[j].e && g[i].idx == y[j].idx) {
            ok += !strcmp(g[i].form, y[j].form);
            i++; j++;
        } else if (g[i].s < y[j].s || (g[i].s == y[j].s && (g[i].e < y[j].e || (g[i].e == y[j].e && g[i].idx < y[j].idx)))) {
            i++;
        } else {
            j++;
        }
    }
    return ok;
}

typedef struct opts { int run, raw; long errors; } opts;

static int own_opt(int argc, char **argv, int i, void *ctx)
{
    opts *o = ctx;
    if (!strcmp(argv[i], "--run")) { o->run = 1; return 1; }
    if (!strcmp(argv[i], "--raw")) { o->raw = 1; return 1; }
    if (!strcmp(argv[i], "--errors")) {
        char *e;
        if (i + 1 >= argc || (o->errors = strtol(argv[i + 1], &e, 10)) < 0 || *e) {
            cli_error("eval-segment: --errors takes a count");
            return -1;
        }
        return 2;
    }
    return 0;
}

static void raw_free(rawset *r)
{
    for (size_t i = 0; i < r->n; i++) { free(r->d[i].id); ann_buf_free(&r->d[i].text); }
    free(r->d);
}

int cmd_eval_segment(int argc, char **argv)
{
    cli_common c;
    opts o = {0};
    int rc = cli_parse_common(argc, argv, &c, usage, own_opt, &o);
    if (rc) { free(c.files); return rc < 0 ? 0 : rc; }
    int want = o.run || o.raw ? 1 : 2;
    if (c.nfiles != want || (o.run && o.raw)) {
        cli_error("eval-segment: %s; see 'annalist eval-segment --help'",
                  o.run && o.raw ? "--run and --raw exclude each other"
                  : want == 1 ? "give one GOLD file with --run or --raw" : "give GOLD and SYSTEM files");
        free(c.files);
        return 2;
    }
    side G = {0}, Y = {0};
    rawset raw = {0};
    rc = 1;
    if (read_conllu(c.files[0], &G, o.run || o.raw ? &raw : NULL) < 0) goto out;
    if (o.raw) {
        ann_buf b = {0};
        for (size_t i = 0; i < raw.n; i++) {
            ann_buf_clear(&b);
            ann_buf_puts(&b, "{\"id\":");
            ann_buf_json_str(&b, raw.d[i].id, strlen(raw.d[i].id));
            ann_buf_puts(&b, ",\"text\":");
            ann_buf_json_str(&b, raw.d[i].text.s ? raw.d[i].text.s : "", raw.d[i].text.len);
            ann_buf_puts(&b, "}\n");
            fwrite(b.s, 1, b.len, stdout);
        }
        ann_buf_free(&b);
        rc = 0;
        goto out;
    }
    if (o.run ? run_segmenter(&raw, &Y) < 0 : read_conllu(c.files[1], &Y, NULL) < 0) goto out;
    if (G.chars.len != Y.chars.len || memcmp(G.chars.s, Y.chars.s, G.chars.len)) {
        size_t i = 0;
        while (i < G.chars.len && i < Y.chars.len && G.chars.s[i] == Y.chars.s[i]) i++;
        cli_error("eval-segment: %s and %s hold different text (ignoring whitespace) from character %zu "
                  "on; score a segmentation of the gold file's own text (see --raw)",
                  G.name, Y.name, i);
        if (i < G.chars.len) show(&G, "gold  ", (span){(uint32_t)i, (uint32_t)i + 1});
        if (i < Y.chars.len) show(&Y, "system", (span){(uint32_t)i, (uint32_t)i + 1});
        goto out;
    }
    long nerr = o.errors, nerr2 = o.errors;
    long st = compare(&G, G.sent, G.nsent, &Y, Y.sent, Y.nsent, &nerr, "sentence");
    long tk = compare(&G, G.tok, G.ntok, &Y, Y.tok, Y.ntok, &nerr2, "token");
    long wd = compare_words(G.w, G.nw, Y.w, Y.nw);
    score("Tokens", (long)G.ntok, (long)Y.ntok, tk);
    score("Words", (long)G.nw, (long)Y.nw, wd);
    score("Sentences", (long)G.nsent, (long)Y.nsent, st);
    rc = 0;
out:
    side_free(&G);
    side_free(&Y);
    raw_free(&raw);
    free(c.files);
    return rc;
}

/* `annalist actors`: actor mentions with their codes and the dictionary entries that matched;
 * `--unknown` ranks the proper names no dictionary knows (the dictionary maintainer's list). */
#include "cli.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>


static const char usage[] =
    "usage: annalist actors [options] [FILE...]\n\n"
    "Finds actor mentions and codes them (CAMEO actor codes, dated by the document's date).\n"
    "One line per coded mention: document id, sentence, start and end byte, mention text, code,\n"
    "and the dictionary entries that matched (file:line, joined by '+').\n\n"
    "  --format tsv|jsonl      output format (default tsv, with a header line)\n"
    "  --all                   also list recognised but uncoded proper names (code '-')\n"
    "  --unknown               list the most frequent uncoded proper names with an example\n"
    "                          sentence each (count, name, example), instead of mentions\n"
    "  --top N                 with --unknown: how many names (default 100)\n"
    "  --dict PATH             dictionaries: a directory, or comma-separated files\n"
    "                          (default: the shipped data/dict/actors); files are read as\n"
    "                          TABARI/PETRARCH dictionaries\n"
    "  --dict-format F         ours (default) or petrarch (TABARI/PETRARCH actors, agents and\n"
    "                          discards; files are told apart by 'actors', 'agents', 'discards'\n"
    "                          in their names; a directory gives its Phoenix.* files when present)\n"
    "  --model FILE            tagger/parser model for raw text (default: the shipped one;\n"
    "                          without a model, raw text is matched on words alone)\n"
    "  --date YYYY-MM-DD       date for documents that carry none (default: today); CoNLL-U\n"
    "                          documents may carry '# date = YYYY-MM-DD'\n"
    "  --stats                 print dictionary counts, load time and memory on stderr\n"
    "  --input-format F        text, jsonl, conllu or auto\n"
    "  -j N                    worker threads (output order never changes)\n"
    "  --strict                stop at the first rejected input\n\n"
    "Exit status: 0 all inputs accepted, 1 some rejected (others still written), 2 usage or\n"
    "dictionary error.\n"
    "Example: annalist actors --format jsonl article.conllu\n";

typedef struct actx {
    const char *dict, *dict_format, *date, *model_path;
    int all, unknown, top, stats, jsonl;
    ann_actors *actors;
    ann_model *model;
} actx;

static int own_opt(int argc, char **argv, int i, void *vctx)
{
    actx *c = vctx;
    const char *a = argv[i];
    const char *const valued[] = {"--dict", "--dict-format", "--date", "--top", "--model"};
    for (int k = 0; k < 5; k++) {
        size_t n = strlen(valued[k]);
        const char *v = NULL;
        int used = 0;
        if (!strcmp(a, valued[k])) {
            if (i + 1 >= argc) { cli_error("actors: %s needs a value", valued[k]); return -1; }
            v = argv[i + 1];
            used = 2;
        } else if (!strncmp(a, valued[k], n) && a[n] == '=') {
            v = a + n + 1;
            used = 1;
        }
        if (!v) continue;
        if (k == 0) c->dict = v;
        else if (k == 1) c->dict_format = v;
        else if (k == 2) c->date = v;
        else if (k == 4) c->model_path = v;
        else {
            char *end;
            long t = strtol(v, &end, 10);
            if (*end || t < 1) { cli_error("actors: --top takes a positive count, not '%s'", v); return -1; }
            c->top = (int)t;
        }
        return used;
    }
    if (!strcmp(a, "--all")) { c->all = 1; return 1; }
    if (!strcmp(a, "--unknown")) { c->unknown = 1; return 1; }
    if (!strcmp(a, "--stats")) { c->stats = 1; return 1; }
    return 0;
}

static int has(const char *name, const char *word) { return strstr(name, word) != NULL; }

typedef struct flist {
    char **v;
    int n;
} flist;

static void flist_add(flist *l, const char *s)
{
    l->v = realloc(l->v, sizeof *l->v * (size_t)(l->n + 1));
    l->v[l->n++] = strdup(s);
}

static int cmpstr(const void *x, const void *y) { return strcmp(*(char *const *)x, *(char *const *)y); }

static ann_actors *load_petrarch(const char *spec, ann_err *err)
{
    flist files = {0};
    struct stat st;
    if (!stat(spec, &st) && S_ISDIR(st.st_mode)) {
        DIR *dh = opendir(spec);
        if (!dh) { ann_err_set(err, 1, "%s: cannot open directory", spec); return NULL; }
        flist all = {0};
        int phoenix = 0;
        struct dirent *de;
        while ((de = readdir(dh))) {
            if (de->d_name[0] == '.') continue;
            if (!has(de->d_name, "actors") && !has(de->d_name, "agents") && !has(de->d_name, "discards")) continue;
            flist_add(&all, de->d_name);
            if (!strncmp(de->d_name, "Phoenix.", 8)) phoenix = 1;
        }
        closedir(dh);
        if (all.n) qsort(all.v, (size_t)all.n, sizeof *all.v, cmpstr);
        for (int i = 0; i < all.n; i++) {
            if (!phoenix || !strncmp(all.v[i], "Phoenix.", 8)) {
                char p[4096];
                snprintf(p, sizeof p, "%s/%s", spec, all.v[i]);
                flist_add(&files, p);
            }
            free(all.v[i]);
        }
        free(all.v);
    } else {
        char *tmp = strdup(spec);
        for (char *t = strtok(tmp, ","); t; t = strtok(NULL, ",")) flist_add(&files, t);
        free(tmp);
    }
    flist act = {0}, agt = {0}, dis = {0};
    int bad = 0;
    for (int i = 0; i < files.n; i++) {
        const char *b = strrchr(files.v[i], '/');
        b = b ? b + 1 : files.v[i];
        if (has(b, "agents")) agt.v = realloc(agt.v, sizeof(char *) * (size_t)(agt.n + 1)), agt.v[agt.n++] = files.v[i];
        else if (has(b, "discards")) dis.v = realloc(dis.v, sizeof(char *) * (size_t)(dis.n + 1)), dis.v[dis.n++] = files.v[i];
        else if (has(b, "actors")) act.v = realloc(act.v, sizeof(char *) * (size_t)(act.n + 1)), act.v[act.n++] = files.v[i];
        else if (!bad) {
            ann_err_set(err, 1, "%s: cannot tell whether this is an actors, agents or discards file (the name must say)", files.v[i]);
            bad = 1;
        }
    }
    ann_actors *a = NULL;
    if (!bad && files.n == 0) ann_err_set(err, 1, "%s: no actors/agents/discards dictionary files found", spec);
    else if (!bad)
        a = ann_actors_load_petrarch((const char *const *)act.v, act.n, (const char *const *)agt.v, agt.n,
                                     (const char *const *)dis.v, dis.n, err);
    for (int i = 0; i < files.n; i++) free(files.v[i]);
    free(files.v);
    free(act.v);
    free(agt.v);
    free(dis.v);
    return a;
}

static void set_date(ann_doc *d, const actx *c)
{
    if (d->date) return;
    for (int si = 0; si < d->nsent && si < 1; si++)
        for (int k = 0; k < d->sent[si].ncomment; k++) {
            const char *cm = d->sent[si].comment[k];
            while (*cm == '#' || *cm == ' ') cm++;
            if (!strncmp(cm, "date", 4)) {
                const char *v = strchr(cm, '=');
                if (!v) continue;
                v++;
                while (*v == ' ') v++;
                d->date = ann_arena_strndup(&d->arena, v, strcspn(v, " \t"));
                return;
            }
        }
    if (c->date) d->date = ann_arena_strdup(&d->arena, c->date);
}

static void tsv_field(ann_buf *out, const char *s, size_t n)
{
    if (!memchr(s, '\t', n) && !memchr(s, '\n', n) && !memchr(s, '\r', n)) {
        ann_buf_add(out, s, n);
        return;
    }
    for (size_t i = 0; i < n; i++) {
        char ch = s[i];
        ann_buf_putc(out, ch == '\t' || ch == '\n' || ch == '\r' ? ' ' : ch);
    }
}

static int actors_doc(ann_doc *d, ann_buf *out, void *vctx, ann_err *err)
{
    const actx *c = vctx;
    if (d->nsent == 0 && ann_text_segment(d, err) < 0) return -1;
    int tagged = d->nsent > 0 && d->sent[0].ntok > 0 && d->sent[0].tok[0].upos;
    if (!tagged && c->model) {
        if (ann_nlp_tag(c->model, d, err) < 0 || ann_nlp_parse(c->model, d, err) < 0) return -1;
    }
    set_date(d, c);
    if (ann_actors_tag(c->actors, d, err) < 0) return -1;
    for (int i = 0; i < d->nment; i++) {
        const ann_mention *m = &d->ment[i];
        const char *text = d->text + m->start;
        size_t tl = m->end - m->start;
        if (c->unknown) {
            if (m->code) continue;
            const ann_sentence *s = &d->sent[m->sent];
            /* The example is the sentence, or 300 bytes around the name in a long one. */
            uint32_t a = s->start, b = s->end;
            if (b - a > 300) {
                a = m->start > a + 150 ? m->start - 150 : a;
                b = m->end + 150 < b ? m->end + 150 : b;
                while (a > s->start && ((unsigned char)d->text[a] & 0xC0) == 0x80) a--;
                while (b < s->end && ((unsigned char)d->text[b] & 0xC0) == 0x80) b++;
            }
            tsv_field(out, text, tl);
            ann_buf_putc(out, '\t');
            tsv_field(out, d->text + a, b - a);
            ann_buf_putc(out, '\n');
            continue;
        }
        if (!m->code && !c->all) continue;
        if (c->jsonl) {
            ann_buf_puts(out, "{\"doc_id\":");
            ann_buf_json_str(out, d->id, strlen(d->id));
            ann_buf_printf(out, ",\"sentence\":%d,\"start\":%u,\"end\":%u,\"text\":", m->sent, m->start, m->end);
            ann_buf_json_str(out, text, tl);
            const ann_token *h = &d->sent[m->sent].tok[m->head];
            ann_buf_printf(out, ",\"first\":%d,\"last\":%d,\"head\":%d,\"head_text\":", m->first, m->last, m->head);
            ann_buf_json_str(out, h->form, strlen(h->form));
            ann_buf_puts(out, ",\"code\":");
            if (m->code) ann_buf_json_str(out, m->code, strlen(m->code));
            else ann_buf_puts(out, "null");
            ann_buf_puts(out, ",\"entry\":");
            if (m->entry) ann_buf_json_str(out, m->entry, strlen(m->entry));
            else ann_buf_puts(out, "null");
            ann_buf_puts(out, "}\n");
        } else {
            tsv_field(out, d->id, strlen(d->id));
            ann_buf_printf(out, "\t%d\t%u\t%u\t", m->sent, m->start, m->end);
            tsv_field(out, text, tl);
            ann_buf_printf(out, "\t%s\t%s\n", m->code ? m->code : "-", m->entry ? m->entry : "-");
        }
    }
    return 0;
}

typedef struct uname {
    char *name, *example;
    long count;
} uname;

static int cmp_uname(const void *x, const void *y)
{
    const uname *a = x, *b = y;
    if (a->count != b->count) return a->count < b->count ? 1 : -1;
    return strcmp(a->name, b->name);
}

/* Ranks "name\texample" lines by frequency. */
static void print_unknown(char *buf, size_t len, int top)
{
    uname *v = NULL;
    size_t n = 0, cap = 0;
    size_t hcap = 1024;
    while (hcap < len / 8) hcap *= 2;
    long *ht = malloc(sizeof *ht * hcap);
    for (size_t i = 0; i < hcap; i++) ht[i] = -1;
    char *p = buf;
    while (p < buf + len) {
        char *nl = memchr(p, '\n', (size_t)(buf + len - p));
        if (!nl) break;
        *nl = 0;
        char *tab = strchr(p, '\t');
        if (tab) {
            *tab = 0;
            uint64_t h = ann_hash64(p, strlen(p), 0);
            size_t j = h & (hcap - 1);
            while (ht[j] >= 0 && strcmp(v[ht[j]].name, p)) j = (j + 1) & (hcap - 1);
            if (ht[j] >= 0) v[ht[j]].count++;
            else {
                if (n == cap) v = realloc(v, sizeof *v * (cap = cap ? cap * 2 : 256));
                v[n] = (uname){p, tab + 1, 1};
                ht[j] = (long)n++;
                if (n * 2 > hcap) { /* rebuild larger */
                    free(ht);
                    hcap *= 2;
                    ht = malloc(sizeof *ht * hcap);
                    for (size_t i = 0; i < hcap; i++) ht[i] = -1;
                    for (size_t i = 0; i < n; i++) {
                        size_t k = ann_hash64(v[i].name, strlen(v[i].name), 0) & (hcap - 1);
                        while (ht[k] >= 0) k = (k + 1) & (hcap - 1);
                        ht[k] = (long)i;
                    }
                }
            }
        }
        p = nl + 1;
    }
    if (n) qsort(v, n, sizeof *v, cmp_uname);
    printf("count\tname\texample\n");
    for (size_t i = 0; i < n && (int)i < top; i++) printf("%ld\t%s\t%s\n", v[i].count, v[i].name, v[i].example);
    free(v);
    free(ht);
}

static double now_ms(clockid_t clk)
{
    struct timespec ts;
    clock_gettime(clk, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

int cmd_actors(int argc, char **argv)
{
    actx c = {.top = 100};
    cli_common cc;
    int rc = cli_parse_common(argc, argv, &cc, usage, own_opt, &c);
    if (rc) { free(cc.files); return rc < 0 ? 0 : rc; }
    if (cc.format && !strcmp(cc.format, "jsonl")) c.jsonl = 1;
    else if (cc.format && strcmp(cc.format, "tsv")) {
        cli_error("actors: --format must be tsv or jsonl, not '%s'", cc.format);
        free(cc.files);
        return 2;
    }
    if (c.date && (strlen(c.date) != 10 || c.date[4] != '-' || c.date[7] != '-')) {
        cli_error("actors: --date takes YYYY-MM-DD, not '%s'", c.date);
        free(cc.files);
        return 2;
    }
    int petrarch = 0;
    struct stat dst;
    /* Files (not a directory) given to --dict are TABARI/PETRARCH dictionaries. */
    if (!c.dict_format && c.dict && (strchr(c.dict, ',') || (!stat(c.dict, &dst) && !S_ISDIR(dst.st_mode))))
        petrarch = 1;
    if (c.dict_format) {
        if (!strcmp(c.dict_format, "petrarch")) petrarch = 1;
        else if (strcmp(c.dict_format, "ours")) {
            cli_error("actors: --dict-format must be ours or petrarch, not '%s'", c.dict_format);
            free(cc.files);
            return 2;
        }
    }
    ann_err err = {0};
    double t0 = now_ms(CLOCK_MONOTONIC), c0 = now_ms(CLOCK_PROCESS_CPUTIME_ID);
    if (petrarch && !c.dict) {
        cli_error("actors: --dict-format petrarch needs --dict DIR or --dict FILE,FILE...");
        free(cc.files);
        return 2;
    }
    c.actors = petrarch ? load_petrarch(c.dict, &err) : ann_actors_load_dir(c.dict, &err);
    if (!c.actors) {
        cli_error("actors: %s", err.msg);
        free(cc.files);
        return 2;
    }
    double t1 = now_ms(CLOCK_MONOTONIC), c1 = now_ms(CLOCK_PROCESS_CPUTIME_ID);
    if (c.stats) {
        ann_actors_stats st;
        ann_actors_stats_get(c.actors, &st);
        fprintf(stderr,
                "dictionary: %ld entries (%ld places, %ld agents, %ld actors, %ld organizations, "
                "%ld discards), %ld phrases, %ld lines, %ld warnings, %.1f ms (cpu %.1f ms), %.1f MB\n",
                st.entries, st.places, st.agents, st.actors, st.orgs, st.discards, st.phrases, st.lines,
                st.warnings, t1 - t0, c1 - c0, st.bytes / 1048576.0);
    }
    /* Raw text is tagged and parsed when a model is at hand; CoNLL-U input keeps its own. */
    char *mp = c.model_path ? strdup(c.model_path) : ann_model_default_path();
    if (mp) {
        c.model = ann_model_load(mp, &err);
        if (!c.model && c.model_path) {
            cli_error("actors: %s", err.msg);
            free(mp);
            ann_actors_free(c.actors);
            free(cc.files);
            return 2;
        }
        if (!c.model) cli_error("actors: %s (continuing without tags: raw text is matched on words only)", err.msg);
        free(mp);
    }
    char *ubuf = NULL;
    size_t ulen = 0;
    FILE *out = stdout;
    if (c.unknown) out = open_memstream(&ubuf, &ulen);
    ann_run_opts o = {.files = cc.files, .nfiles = cc.nfiles, .fmt = cc.input_format,
                      .max_doc = cc.max_doc, .jobs = cc.jobs, .strict = cc.strict,
                      .progress = !cc.quiet, .fn = actors_doc, .ctx = &c, .out = out,
                      .header = (c.jsonl || c.unknown) ? NULL : "doc_id\tsentence\tstart\tend\ttext\tcode\tentry\n"};
    rc = ann_run(&o, NULL);
    if (c.unknown) {
        fclose(out);
        print_unknown(ubuf, ulen, c.top);
        free(ubuf);
    }
    if (c.stats) {
        /* Peak resident memory of the whole run (Linux), for the benchmark. */
        FILE *f = fopen("/proc/self/status", "r");
        char line[256];
        while (f && fgets(line, sizeof line, f))
            if (!strncmp(line, "VmHWM:", 6)) fprintf(stderr, "peak memory: %s", line + 6 + strspn(line + 6, " \t"));
        if (f) fclose(f);
    }
    if (c.model) ann_model_free(c.model);
    ann_actors_free(c.actors);
    free(cc.files);
    return rc;
}

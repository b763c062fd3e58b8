/* `annalist query`: events with their sentences, dyad time series (table, terminal chart,
 * SVG), top actors/dyads/codes and actor search over a store. */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "usage: annalist query --db PATH|postgresql://... [filters] [view] [--format table|csv|jsonl]\n\n"
    "Filters (all optional; actor codes match by prefix, IRN matches IRNGOV):\n"
    "  --actor CODE            source or target\n"
    "  --dyad SRC:TGT          source and target (directed); --undirected for both directions\n"
    "  --source CODE, --target CODE\n"
    "  --code LIST             event code prefixes, comma-separated (11,112)\n"
    "  --root LIST             event roots (19,20)\n"
    "  --quad N                quad class 1..4 (verbal/material cooperation, verbal/material conflict)\n"
    "  --since DATE, --until DATE   inclusive, YYYY-MM-DD\n"
    "  --doc ID                events of one document\n"
    "  --with-negated, --only-negated   negated events are left out unless asked for\n\n"
    "Views (default: the events, dated first, by date):\n"
    "  --limit N, --cursor C   a page of N events; the next page's cursor goes to stderr\n"
    "  --series --by day|week|month   time series: counts per quad class, Goldstein sum and\n"
    "                          mean, top codes; --chart draws it in the terminal, --svg FILE writes SVG\n"
    "  --top actors|dyads|codes  most frequent (--limit N, default 10)\n"
    "  --actors TEXT           actors whose code starts with / name contains TEXT\n"
    "  --stats                 counts of documents, sentences, events, actors; date range\n\n"
    "Example: annalist query --db events.sqlite --series --dyad IRN:AZE --by month --chart\n";

static const char *opt_value(int argc, char **argv, int i, const char *name, int *used)
{
    const char *a = argv[i];
    size_t n = strlen(name);
    if (!strcmp(a, name)) {
        if (i + 1 >= argc) { cli_error("%s needs a value", name); *used = -1; return NULL; }
        *used = 2;
        return argv[i + 1];
    }
    if (!strncmp(a, name, n) && a[n] == '=') { *used = 1; return a + n + 1; }
    *used = 0;
    return NULL;
}

int cli_store_opt(int argc, char **argv, int i, const char **db, ann_query *q, char *dyad, size_t ndyad)
{
    const char *a = argv[i];
    int used;
    const char *v = opt_value(argc, argv, i, "--db", &used);
    if (used) {
        *db = v;
        return used;
    }
    if (!strcmp(a, "--undirected")) { q->undirected = 1; return 1; }
    if (!strcmp(a, "--with-negated")) { q->negated = 1; return 1; }
    if (!strcmp(a, "--only-negated")) { q->negated = 2; return 1; }
    static const char *names[] = {"--actor", "--dyad", "--source", "--target", "--code", "--root",
                                  "--quad", "--since", "--until", "--doc"};
    for (int k = 0; k < 10; k++) {
        v = opt_value(argc, argv, i, names[k], &used);
        if (used < 0) return -1;
        if (!used) continue;
        switch (k) {
        case 0: q->actor = v; break;
        case 1: {
            const char *c = strchr(v, ':');
            if (!c || c == v || !c[1] || strlen(v) >= ndyad) {
                cli_error("--dyad takes SOURCE:TARGET actor codes, like IRN:AZE, not '%s'", v);
                return -1;
            }
            snprintf(dyad, ndyad, "%s", v);
            dyad[c - v] = 0;
            q->source = dyad;
            q->target = dyad + (c - v) + 1;
            break;
        }
        case 2: q->source = v; break;
        case 3: q->target = v; break;
        case 4: q->codes = v; break;
        case 5: q->roots = v; break;
        case 6:
            if (strlen(v) != 1 || v[0] < '1' || v[0] > '4') { cli_error("--quad takes 1, 2, 3 or 4, not '%s'", v); return -1; }
            q->quad_class = v[0] - '0';
            break;
        case 7: q->since = v; break;
        case 8: q->until = v; break;
        case 9: q->doc_id = v; break;
        }
        return used;
    }
    return 0;
}

typedef struct qopts {
    const char *db, *by, *svg, *top, *actors, *cursor;
    int series, chart, stats;
    long limit;
    ann_query q;
    char dyad[128];
} qopts;

static int own_opt(int argc, char **argv, int i, void *ctx)
{
    qopts *o = ctx;
    int k = cli_store_opt(argc, argv, i, &o->db, &o->q, o->dyad, sizeof o->dyad);
    if (k) return k;
    const char *a = argv[i];
    if (!strcmp(a, "--series")) { o->series = 1; return 1; }
    if (!strcmp(a, "--chart")) { o->chart = 1; return 1; }
    if (!strcmp(a, "--stats")) { o->stats = 1; return 1; }
    static const char *names[] = {"--by", "--svg", "--top", "--actors", "--cursor", "--limit"};
    for (int n = 0; n < 6; n++) {
        int used;
        const char *v = opt_value(argc, argv, i, names[n], &used);
        if (used < 0) return -1;
        if (!used) continue;
        const char **dst[] = {&o->by, &o->svg, &o->top, &o->actors, &o->cursor};
        if (n < 5) *dst[n] = v;
        else {
            char *end;
            o->limit = strtol(v, &end, 10);
            if (*end || o->limit < 1) { cli_error("--limit takes a positive count, not '%s'", v); return -1; }
        }
        return used;
    }
    return 0;
}

/* ---- output helpers ------------------------------------------------------------------- */

enum { F_TABLE, F_CSV, F_JSONL };

static void jstr(ann_buf *b, const char *k, const char *v, int comma)
{
    if (comma) ann_buf_putc(b, ',');
    ann_buf_printf(b, "\"%s\":", k);
    if (v) ann_buf_json_str(b, v, strlen(v));
    else ann_buf_puts(b, "null");
}

static void jspan(ann_buf *b, const char *k, int64_t v)
{
    if (v < 0) ann_buf_printf(b, ",\"%s\":null", k);
    else ann_buf_printf(b, ",\"%s\":%lld", k, (long long)v);
}

/* The events JSONL schema (what `annalist code --format jsonl` writes) plus provenance, so
 * an export can be ingested again. */
void cli_event_jsonl(ann_buf *b, const ann_event_row *e);
void cli_event_jsonl(ann_buf *b, const ann_event_row *e)
{
    ann_buf_puts(b, "{");
    jstr(b, "doc_id", e->doc_id, 0);
    ann_buf_printf(b, ",\"sentence\":%d", e->sentence);
    jstr(b, "date", e->date, 1);
    jstr(b, "date_precision", e->date_precision, 1);
    jstr(b, "date_text", e->date_text, 1);
    const char *role[2] = {"source", "target"};
    for (int k = 0; k < 2; k++) {
        const char *code = k ? e->target : e->source;
        const char *text = k ? e->target_text : e->source_text;
        const char *entry = k ? e->target_entry : e->source_entry;
        const char *rf = k ? e->target_resolved_from : e->source_resolved_from;
        if (!code && !text) { ann_buf_printf(b, ",\"%s\":null", role[k]); continue; }
        ann_buf_printf(b, ",\"%s\":{", role[k]);
        jstr(b, "code", code, 0);
        jstr(b, "text", text, 1);
        jspan(b, "start", k ? e->target_start : e->source_start);
        jspan(b, "end", k ? e->target_end : e->source_end);
        jstr(b, "entry", entry, 1);
        jstr(b, "resolved_from", rf, 1);
        ann_buf_puts(b, "}");
    }
    jstr(b, "code", e->code, 1);
    jstr(b, "root", e->root, 1);
    ann_buf_printf(b, ",\"quad_class\":%d,\"goldstein\":%.1f", e->quad_class, e->goldstein);
    ann_buf_puts(b, ",\"plover\":{");
    jstr(b, "type", e->plover_type, 0);
    jstr(b, "mode", e->plover_mode, 1);
    jstr(b, "context", e->plover_context, 1);
    ann_buf_printf(b, "},\"negated\":%s,\"hedged\":%s", e->negated ? "true" : "false", e->hedged ? "true" : "false");
    jstr(b, "attributed_to", e->attributed_to, 1);
    ann_buf_puts(b, ",\"trigger\":{");
    jstr(b, "text", e->trigger_text, 0);
    jspan(b, "start", e->trigger_start);
    jspan(b, "end", e->trigger_end);
    ann_buf_puts(b, "}");
    jstr(b, "pattern", e->pattern, 1);
    jstr(b, "sentence_text", e->sentence_text, 1);
    ann_buf_printf(b, ",\"evidence\":%s", e->evidence ? e->evidence : "null");
    jstr(b, "annalist_version", e->annalist_version, 1);
    jstr(b, "dict_version", e->dict_version, 1);
    ann_buf_puts(b, "}\n");
}

static const char csv_header[] =
    "doc_id,sentence,date,source,source_text,target,target_text,code,root,quad_class,goldstein,"
    "plover_type,negated,hedged,pattern,sentence_text\n";

typedef struct ev_out {
    int fmt;
    ann_buf b;
    long n;
} ev_out;

static int on_event(const ann_event_row *e, void *ctx)
{
    ev_out *o = ctx;
    ann_buf *b = &o->b;
    if (o->fmt == F_JSONL) {
        cli_event_jsonl(b, e);
    } else if (o->fmt == F_CSV) {
        ann_buf_csv_field(b, e->doc_id);
        ann_buf_printf(b, ",%d,", e->sentence);
        const char *f[] = {e->date, e->source, e->source_text, e->target, e->target_text, e->code, e->root};
        for (int i = 0; i < 7; i++) { ann_buf_csv_field(b, f[i]); ann_buf_putc(b, ','); }
        ann_buf_printf(b, "%d,%.1f,", e->quad_class, e->goldstein);
        ann_buf_csv_field(b, e->plover_type);
        ann_buf_printf(b, ",%d,%d,", e->negated, e->hedged);
        ann_buf_csv_field(b, e->pattern);
        ann_buf_putc(b, ',');
        ann_buf_csv_field(b, e->sentence_text);
        ann_buf_putc(b, '\n');
    } else {
        char where[64];
        snprintf(where, sizeof where, "%s:%d", e->doc_id, e->sentence);
        ann_buf_printf(b, "%-10s %-9s %-9s %-4s %d %+5.1f %s%-22s %s\n", e->date ? e->date : "-",
                       e->source ? e->source : "-", e->target ? e->target : "-", e->code, e->quad_class,
                       e->goldstein, e->negated ? "!" : "", where, e->sentence_text ? e->sentence_text : "");
    }
    o->n++;
    if (b->len > 1 << 16) {
        fwrite(b->s, 1, b->len, stdout);
        ann_buf_clear(b);
    }
    return 0;
}

static int show_events(ann_store *st, qopts *o, int fmt)
{
    ev_out out = {.fmt = fmt};
    ann_err err = {0};
    if (fmt == F_CSV) ann_buf_puts(&out.b, csv_header);
    else if (fmt == F_TABLE)
        ann_buf_printf(&out.b, "%-10s %-9s %-9s %-4s %s %5s %-22s %s\n", "date", "source", "target", "code", "q",
                       "gold", "doc:sentence", "sentence");
    long n;
    char next[128] = "";
    o->q.cursor = o->cursor;
    if (o->limit || o->cursor) {
        o->q.limit = o->limit ? o->limit : 100;
        n = ann_store_events(st, &o->q, on_event, &out, next, sizeof next, &err);
    } else {
        n = ann_store_events_all(st, &o->q, on_event, &out, &err);
    }
    fwrite(out.b.s ? out.b.s : "", 1, out.b.len, stdout);
    ann_buf_free(&out.b);
    if (n < 0) { cli_error("query: %s", err.msg); return 2; }
    if (next[0]) fprintf(stderr, "next page: --cursor %s\n", next);
    return 0;
}

static void top_codes(ann_buf *b, const ann_series_point *p, const char *sep)
{
    for (int k = 0; k < ANN_SERIES_TOP && p->top_code[k][0]; k++)
        ann_buf_printf(b, "%s%s:%ld", k ? sep : "", p->top_code[k], p->top_count[k]);
}

static int show_series(ann_store *st, qopts *o, int fmt)
{
    int by = ann_period_parse(o->by ? o->by : "day");
    if (by < 0) { cli_error("query: --by takes day, week or month, not '%s'", o->by); return 2; }
    ann_series ser;
    ann_err err = {0};
    if (ann_store_series(st, &o->q, (ann_period)by, &ser, &err) < 0) { cli_error("query: %s", err.msg); return 2; }
    ann_buf b = {0};
    char title[256];
    if (o->q.source || o->q.target)
        snprintf(title, sizeof title, "%s %s %s by %s", o->q.source ? o->q.source : "*",
                 o->q.undirected ? "<->" : "->", o->q.target ? o->q.target : "*", o->by ? o->by : "day");
    else
        snprintf(title, sizeof title, "%s events by %s", o->q.actor ? o->q.actor : "all", o->by ? o->by : "day");
    if (o->svg) {
        ann_series_svg(&b, &ser, title);
        FILE *f = fopen(o->svg, "w");
        int bad = !f || fwrite(b.s, 1, b.len, f) != b.len;
        if (f && fclose(f) != 0) bad = 1;
        if (bad) { cli_error("query: cannot write %s (disk full or no permission?)", o->svg); ann_buf_free(&b); ann_series_free(&ser); return 2; }
        ann_buf_clear(&b);
    }
    if (o->chart) {
        ann_buf_printf(&b, "%s\n", title);
        ann_series_chart(&b, &ser, 100);
    } else if (fmt == F_JSONL) {
        for (int i = 0; i < ser.n; i++) {
            const ann_series_point *p = &ser.p[i];
            ann_buf_printf(&b, "{\"period\":\"%s\",\"count\":%ld,\"verbal_coop\":%ld,\"material_coop\":%ld,"
                               "\"verbal_conflict\":%ld,\"material_conflict\":%ld,\"goldstein_sum\":%.1f,"
                               "\"goldstein_mean\":%.3f,\"top_codes\":[",
                           p->period, p->count, p->quad[1], p->quad[2], p->quad[3], p->quad[4], p->goldstein_sum,
                           p->goldstein_mean);
            for (int k = 0; k < ANN_SERIES_TOP && p->top_code[k][0]; k++)
                ann_buf_printf(&b, "%s{\"code\":\"%s\",\"count\":%ld}", k ? "," : "", p->top_code[k], p->top_count[k]);
            ann_buf_puts(&b, "]}\n");
        }
    } else {
        const char *sep = fmt == F_CSV ? "," : "  ";
        if (fmt == F_CSV) ann_buf_puts(&b, "period,count,verbal_coop,material_coop,verbal_conflict,material_conflict,goldstein_sum,goldstein_mean,top_codes\n");
        else ann_buf_printf(&b, "%-10s %6s %6s %6s %6s %6s %9s %7s  %s\n", "period", "events", "vcoop", "mcoop",
                            "vconf", "mconf", "gold_sum", "gold_mu", "top codes");
        for (int i = 0; i < ser.n; i++) {
            const ann_series_point *p = &ser.p[i];
            if (fmt == F_CSV) {
                ann_buf_printf(&b, "%s,%ld,%ld,%ld,%ld,%ld,%.1f,%.3f,\"", p->period, p->count, p->quad[1], p->quad[2],
                               p->quad[3], p->quad[4], p->goldstein_sum, p->goldstein_mean);
                top_codes(&b, p, " ");
                ann_buf_puts(&b, "\"\n");
            } else {
                ann_buf_printf(&b, "%-10s %6ld %6ld %6ld %6ld %6ld %9.1f %+7.2f  ", p->period, p->count, p->quad[1],
                               p->quad[2], p->quad[3], p->quad[4], p->goldstein_sum, p->goldstein_mean);
                top_codes(&b, p, sep);
                ann_buf_putc(&b, '\n');
            }
        }
    }
    fwrite(b.s ? b.s : "", 1, b.len, stdout);
    ann_buf_free(&b);
    ann_series_free(&ser);
    return 0;
}

static int show_rows(const char *what, ann_top_row *rows, int n, int fmt, int with_gold)
{
    ann_buf b = {0};
    if (fmt == F_CSV) ann_buf_printf(&b, "rank,%s,name,events%s\n", what, with_gold ? ",goldstein_mean" : "");
    else if (fmt == F_TABLE) ann_buf_printf(&b, "%4s  %-20s %8s %s  %s\n", "rank", what, "events", with_gold ? "gold_mu" : "", "name");
    for (int i = 0; i < n; i++) {
        ann_top_row *r = &rows[i];
        if (fmt == F_JSONL) {
            ann_buf_printf(&b, "{\"rank\":%d,\"%s\":", i + 1, what);
            ann_buf_json_str(&b, r->key, strlen(r->key));
            ann_buf_puts(&b, ",\"name\":");
            ann_buf_json_str(&b, r->name, strlen(r->name));
            ann_buf_printf(&b, ",\"events\":%ld", r->count);
            if (with_gold) ann_buf_printf(&b, ",\"goldstein_mean\":%.3f", r->goldstein_mean);
            ann_buf_puts(&b, "}\n");
        } else if (fmt == F_CSV) {
            ann_buf_printf(&b, "%d,", i + 1);
            ann_buf_csv_field(&b, r->key);
            ann_buf_putc(&b, ',');
            ann_buf_csv_field(&b, r->name);
            ann_buf_printf(&b, ",%ld", r->count);
            if (with_gold) ann_buf_printf(&b, ",%.3f", r->goldstein_mean);
            ann_buf_putc(&b, '\n');
        } else {
            ann_buf_printf(&b, "%4d  %-20s %8ld ", i + 1, r->key, r->count);
            if (with_gold) ann_buf_printf(&b, "%+7.2f", r->goldstein_mean);
            ann_buf_printf(&b, "  %s\n", r->name);
        }
    }
    fwrite(b.s ? b.s : "", 1, b.len, stdout);
    ann_buf_free(&b);
    return 0;
}

int cmd_query(int argc, char **argv)
{
    qopts o = {0};
    cli_common c;
    int rc = cli_parse_common(argc, argv, &c, usage, own_opt, &o);
    if (rc) { free(c.files); return rc < 0 ? 0 : rc; }
    if ((rc = cli_store_args("query", &c, o.db))) return rc;
    int fmt = F_TABLE;
    if (c.format) {
        if (!strcmp(c.format, "csv")) fmt = F_CSV;
        else if (!strcmp(c.format, "jsonl")) fmt = F_JSONL;
        else if (strcmp(c.format, "table")) { cli_error("query: --format must be table, csv or jsonl, not '%s'", c.format); return 2; }
    }
    int views = o.series + (o.top != NULL) + (o.actors != NULL) + o.stats;
    if (views > 1) { cli_error("query: choose one of --series, --top, --actors, --stats"); return 2; }
    if ((o.chart || o.svg || o.by) && !o.series) { cli_error("query: --by, --chart and --svg go with --series"); return 2; }
    int top = -1;
    if (o.top && (top = ann_top_parse(o.top)) < 0) { cli_error("query: --top takes actors, dyads or codes, not '%s'", o.top); return 2; }
    ann_err err = {0};
    ann_store *st = cli_store_open_ro("query", o.db);
    if (!st) return 2;
    if (o.series) {
        rc = show_series(st, &o, fmt);
    } else if (o.top) {
        ann_top_row *rows;
        int n;
        o.q.limit = o.limit;
        if (ann_store_top(st, &o.q, (ann_top_kind)top, &rows, &n, &err) < 0) { cli_error("query: %s", err.msg); rc = 2; }
        else {
            static const char *what[] = {"actor", "dyad", "code"};
            rc = show_rows(what[top], rows, n, fmt, 1);
            free(rows);
        }
    } else if (o.actors) {
        ann_top_row *rows;
        int n;
        if (ann_store_actor_search(st, o.actors, (int)o.limit, &rows, &n, &err) < 0) { cli_error("query: %s", err.msg); rc = 2; }
        else { rc = show_rows("actor", rows, n, fmt, 0); free(rows); }
    } else if (o.stats) {
        ann_store_stats s;
        if (ann_store_stats_get(st, &s, &err) < 0) { cli_error("query: %s", err.msg); rc = 2; }
        else
            printf("backend %s\nschema %d\ndocuments %ld\nsentences %ld\nevents %ld\nactors %ld\nfirst_date %s\nlast_date %s\n",
                   ann_store_backend(st), s.schema_version, s.documents, s.sentences, s.events, s.actors,
                   s.first_date[0] ? s.first_date : "-", s.last_date[0] ? s.last_date : "-");
    } else {
        rc = show_events(st, &o, fmt);
    }
    ann_store_close(st);
    if (fflush(stdout) != 0 || ferror(stdout)) { cli_error("query: error writing output"); rc = 2; }
    return rc;
}

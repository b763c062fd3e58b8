/* `annalist export`: stored events in the standard layouts (GDELT 1.0 events, Phoenix, CSV,
 * JSONL) for R, pandas and GDELT-style tooling. The column mapping is in src/store/README.md. */
#include "cli.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "usage: annalist export --db PATH|postgresql://... --format gdelt|phoenix|csv|jsonl [filters]\n\n"
    "Writes every stored event matching the filters to standard output, dated events first in\n"
    "date order:\n"
    "  gdelt     GDELT 1.0 event table: 58 tab-separated columns, no header\n"
    "  phoenix   Phoenix event data: 26 tab-separated columns with a header\n"
    "  csv       every stored field with a header (RFC 4180 quoting)\n"
    "  jsonl     the events JSONL schema of 'annalist code' plus provenance, in document order;\n"
    "            ingestible again with 'annalist ingest --events'\n\n"
    "Filters are those of 'annalist query' (--actor, --dyad, --code, --root, --quad, --since,\n"
    "--until, --doc, --with-negated, --only-negated); negated events are exported only when asked.\n"
    "Example: annalist export --db events.sqlite --format gdelt --since 2025-06-01 > events.tsv\n";

void cli_event_jsonl(ann_buf *b, const ann_event_row *e);

typedef struct xopts {
    const char *db;
    ann_query q;
    char dyad[128];
} xopts;

static int own_opt(int argc, char **argv, int i, void *ctx)
{
    xopts *o = ctx;
    return cli_store_opt(argc, argv, i, &o->db, &o->q, o->dyad, sizeof o->dyad);
}

enum { X_GDELT, X_PHOENIX, X_CSV, X_JSONL };

typedef struct xout {
    int fmt;
    ann_buf b;
    long n;
    int failed;
} xout;

/* CAMEO actor codes are three-character blocks: country or group, then roles. */
static void block(char *out, const char *code, int k)
{
    out[0] = 0;
    if (!code || strlen(code) < (size_t)(3 * k + 3)) return;
    memcpy(out, code + 3 * k, 3);
    out[3] = 0;
}

static void ymd(char *out, const char *date)
{
    out[0] = 0;
    if (date && strlen(date) == 10) snprintf(out, 9, "%.4s%.2s%.2s", date, date + 5, date + 8);
}

/* GDELT 1.0 event table (the daily files from April 2013 on: 57 columns + SOURCEURL). */
static void gdelt(ann_buf *b, const ann_event_row *e)
{
    char d8[9];
    ymd(d8, e->date);
    ann_buf_printf(b, "%lld\t%s\t%.6s\t%.4s\t", (long long)e->id, d8, d8, d8);
    if (d8[0]) {
        int y = atoi(e->date), m = atoi(e->date + 5), d = atoi(e->date + 8);
        ann_buf_printf(b, "%.4f", y + ((m - 1) * 30 + d) / 365.0);  /* GDELT's FractionDate */
    }
    for (int side = 0; side < 2; side++) {
        const char *code = side ? e->target : e->source;
        const char *text = side ? e->target_text : e->source_text;
        char c[4], t1[4], t2[4], t3[4];
        block(c, code, 0), block(t1, code, 1), block(t2, code, 2), block(t3, code, 3);
        ann_buf_putc(b, '\t');
        ann_buf_tsv_field(b, code);
        ann_buf_putc(b, '\t');
        ann_buf_tsv_field(b, text);
        /* CountryCode, KnownGroupCode, EthnicCode, Religion1, Religion2, Type1..3 */
        ann_buf_printf(b, "\t%s\t\t\t\t\t%s\t%s\t%s", c, t1, t2, t3);
    }
    char base[4];
    snprintf(base, sizeof base, "%.3s", e->code);
    ann_buf_printf(b, "\t%d\t%s\t%s\t%s\t%d\t%.1f\t1\t1\t1\t", e->sentence == 0, e->code, base, e->root,
                   e->quad_class, e->goldstein);
    /* AvgTone unknown; three geography blocks of 7 columns (type, name, country, ADM1, lat,
     * long, feature id) left empty: annalist does not geocode. */
    for (int k = 0; k < 21; k++) ann_buf_putc(b, '\t');
    ann_buf_printf(b, "\t%s\t", d8);
    ann_buf_tsv_field(b, e->doc_id);
    ann_buf_putc(b, '\n');
}

static const char phoenix_header[] =
    "EventID\tDate\tYear\tMonth\tDay\tSourceActorFull\tSourceActorEntity\tSourceActorRole\t"
    "SourceActorAttribute\tTargetActorFull\tTargetActorEntity\tTargetActorRole\tTargetActorAttribute\t"
    "EventCode\tEventRootCode\tPentaClass\tGoldsteinScore\tIssues\tLat\tLon\tLocationName\tStateName\t"
    "CountryCode\tSentenceID\tURLs\tNewsSources\n";

/* Phoenix's five classes: 0 neutral statements (roots 01-02), then the four quad classes. */
static int penta(const char *root)
{
    int r = atoi(root ? root : "0");
    if (r <= 2) return 0;
    if (r <= 5) return 1;
    if (r <= 8) return 2;
    if (r <= 13) return 3;
    return 4;
}

static void phoenix(ann_buf *b, const ann_event_row *e)
{
    char d8[9];
    ymd(d8, e->date);
    ann_buf_printf(b, "%lld\t%s\t%.4s\t", (long long)e->id, d8, d8);
    if (d8[0]) ann_buf_printf(b, "%d\t%d", atoi(d8 + 4) / 100, atoi(d8 + 6));
    else ann_buf_putc(b, '\t');
    for (int side = 0; side < 2; side++) {
        const char *code = side ? e->target : e->source;
        char ent[4], role[4];
        block(ent, code, 0), block(role, code, 1);
        ann_buf_putc(b, '\t');
        ann_buf_tsv_field(b, code);
        ann_buf_printf(b, "\t%s\t%s\t", ent, role);
        if (code && strlen(code) > 6) ann_buf_tsv_field(b, code + 6);
    }
    ann_buf_printf(b, "\t%s\t%s\t%d\t%.1f\t\t\t\t\t\t\t", e->code, e->root, penta(e->root), e->goldstein);
    ann_buf_tsv_field(b, e->doc_id);
    ann_buf_printf(b, "_%d\t\t\n", e->sentence);
}

static const char csv_header[] =
    "id,doc_id,sentence,date,date_precision,date_text,source,source_text,source_start,source_end,"
    "source_entry,target,target_text,target_start,target_end,target_entry,code,root,quad_class,"
    "goldstein,plover_type,plover_mode,plover_context,negated,hedged,attributed_to,trigger_text,"
    "trigger_start,trigger_end,pattern,evidence,sentence_text,annalist_version,dict_version\n";

static void csv_num(ann_buf *b, int64_t v)
{
    if (v >= 0) ann_buf_printf(b, "%lld", (long long)v);
}

static void csv_row(ann_buf *b, const ann_event_row *e)
{
    ann_buf_printf(b, "%lld,", (long long)e->id);
    ann_buf_csv_field(b, e->doc_id);
    ann_buf_printf(b, ",%d,", e->sentence);
    ann_buf_csv_field(b, e->date); ann_buf_putc(b, ',');
    ann_buf_csv_field(b, e->date_precision); ann_buf_putc(b, ',');
    ann_buf_csv_field(b, e->date_text); ann_buf_putc(b, ',');
    ann_buf_csv_field(b, e->source); ann_buf_putc(b, ',');
    ann_buf_csv_field(b, e->source_text); ann_buf_putc(b, ',');
    csv_num(b, e->source_start); ann_buf_putc(b, ',');
    csv_num(b, e->source_end); ann_buf_putc(b, ',');
    ann_buf_csv_field(b, e->source_entry); ann_buf_putc(b, ',');
    ann_buf_csv_field(b, e->target); ann_buf_putc(b, ',');
    ann_buf_csv_field(b, e->target_text); ann_buf_putc(b, ',');
    csv_num(b, e->target_start); ann_buf_putc(b, ',');
    csv_num(b, e->target_end); ann_buf_putc(b, ',');
    ann_buf_csv_field(b, e->target_entry); ann_buf_putc(b, ',');
    ann_buf_csv_field(b, e->code); ann_buf_putc(b, ',');
    ann_buf_csv_field(b, e->root);
    ann_buf_printf(b, ",%d,%.1f,", e->quad_class, e->goldstein);
    ann_buf_csv_field(b, e->plover_type); ann_buf_putc(b, ',');
    ann_buf_csv_field(b, e->plover_mode); ann_buf_putc(b, ',');
    ann_buf_csv_field(b, e->plover_context);
    ann_buf_printf(b, ",%d,%d,", e->negated, e->hedged);
    ann_buf_csv_field(b, e->attributed_to); ann_buf_putc(b, ',');
    ann_buf_csv_field(b, e->trigger_text); ann_buf_putc(b, ',');
    csv_num(b, e->trigger_start); ann_buf_putc(b, ',');
    csv_num(b, e->trigger_end); ann_buf_putc(b, ',');
    ann_buf_csv_field(b, e->pattern); ann_buf_putc(b, ',');
    ann_buf_csv_field(b, e->evidence); ann_buf_putc(b, ',');
    ann_buf_csv_field(b, e->sentence_text); ann_buf_putc(b, ',');
    ann_buf_csv_field(b, e->annalist_version); ann_buf_putc(b, ',');
    ann_buf_csv_field(b, e->dict_version);
    ann_buf_putc(b, '\n');
}

static int on_event(const ann_event_row *e, void *ctx)
{
    xout *o = ctx;
    switch (o->fmt) {
    case X_GDELT: gdelt(&o->b, e); break;
    case X_PHOENIX: phoenix(&o->b, e); break;
    case X_CSV: csv_row(&o->b, e); break;
    default: cli_event_jsonl(&o->b, e); break;
    }
    o->n++;
    if (o->b.len > 1 << 16) {
        if (fwrite(o->b.s, 1, o->b.len, stdout) != o->b.len) { o->failed = 1; return 1; }
        ann_buf_clear(&o->b);
    }
    return 0;
}

int cmd_export(int argc, char **argv)
{
    xopts o = {0};
    cli_common c;
    int rc = cli_parse_common(argc, argv, &c, usage, own_opt, &o);
    if (rc) { free(c.files); return rc < 0 ? 0 : rc; }
    if ((rc = cli_store_args("export", &c, o.db))) return rc;
    static const char *names[] = {"gdelt", "phoenix", "csv", "jsonl"};
    int fmt = -1;
    for (int i = 0; i < 4; i++)
        if (c.format && !strcmp(c.format, names[i])) fmt = i;
    if (fmt < 0) { cli_error("export: --format must be gdelt, phoenix, csv or jsonl%s%s%s", c.format ? ", not '" : "", c.format ? c.format : "", c.format ? "'" : ""); return 2; }
    signal(SIGXFSZ, SIG_IGN);
    ann_store *st = cli_store_open_ro("export", o.db);
    if (!st) return 2;
    ann_err err = {0};
    xout out = {.fmt = fmt};
    o.q.by_doc = fmt == X_JSONL;  /* a document's events adjacent, so the file can be ingested again */
    if (fmt == X_PHOENIX) ann_buf_puts(&out.b, phoenix_header);
    else if (fmt == X_CSV) ann_buf_puts(&out.b, csv_header);
    long n = ann_store_events_all(st, &o.q, on_event, &out, &err);
    rc = 0;
    if (n < 0) { cli_error("export: %s", err.msg); rc = 2; }
    if (out.b.len && fwrite(out.b.s, 1, out.b.len, stdout) != out.b.len) out.failed = 1;
    ann_buf_free(&out.b);
    ann_store_close(st);
    if (fflush(stdout) != 0 || ferror(stdout) || out.failed) { cli_error("export: error writing output (disk full or closed pipe?)"); rc = 2; }
    return rc;
}

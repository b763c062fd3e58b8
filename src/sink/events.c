/* Event sinks for `annalist code`: JSONL (the documented schema), Phoenix-style TSV, and an
 * aligned table for people. Events merged as duplicates are skipped. */
#include "annalist/coder.h"
#include "annalist/pipeline.h"
#include "annalist/resolve.h"

#include <stdio.h>
#include <string.h>

static void json_str_or_null(ann_buf *b, const char *s)
{
    if (s) ann_buf_json_str(b, s, strlen(s));
    else ann_buf_puts(b, "null");
}

static void json_actor(ann_buf *b, const ann_actor_ref *a)
{
    if (!a->code && !a->text) { ann_buf_puts(b, "null"); return; }
    ann_buf_puts(b, "{\"code\":");
    json_str_or_null(b, a->code);
    ann_buf_puts(b, ",\"text\":");
    json_str_or_null(b, a->text);
    ann_buf_printf(b, ",\"start\":%u,\"end\":%u", a->start, a->end);
    if (a->resolved_from) {
        ann_buf_puts(b, ",\"resolved_from\":");
        json_str_or_null(b, a->resolved_from);
    }
    ann_buf_putc(b, '}');
}

void ann_events_write_jsonl(ann_buf *b, const ann_doc *d)
{
    for (int i = 0; i < d->nevent; i++) {
        const ann_event *e = &d->event[i];
        if (e->duplicate) continue;
        ann_buf_puts(b, "{\"doc_id\":");
        json_str_or_null(b, d->id);
        ann_buf_printf(b, ",\"sentence\":%d,\"date\":", e->sent);
        json_str_or_null(b, e->date[0] ? e->date : d->date);
        if (e->date_precision) {
            ann_buf_puts(b, ",\"date_precision\":");
            json_str_or_null(b, e->date_precision);
        }
        /* the words the date was read from, null for the document's date */
        ann_buf_puts(b, ",\"date_text\":");
        json_str_or_null(b, e->date_text);
        ann_buf_puts(b, ",\"source\":");
        json_actor(b, &e->source);
        ann_buf_puts(b, ",\"target\":");
        json_actor(b, &e->target);
        ann_buf_printf(b, ",\"code\":\"%s\",\"root\":\"%s\",\"quad_class\":%d,\"goldstein\":%.1f", e->code,
                       e->root, e->quad_class, e->goldstein);
        ann_buf_puts(b, ",\"plover\":");
        if (e->plover_type) {
            ann_buf_puts(b, "{\"type\":");
            json_str_or_null(b, e->plover_type);
            ann_buf_puts(b, ",\"mode\":");
            json_str_or_null(b, e->plover_mode);
            ann_buf_puts(b, ",\"context\":");
            json_str_or_null(b, e->plover_context);
            ann_buf_putc(b, '}');
        } else {
            ann_buf_puts(b, "null");
        }
        ann_buf_printf(b, ",\"negated\":%s,\"hedged\":%s,\"attributed_to\":", e->negated ? "true" : "false",
                       e->hedged ? "true" : "false");
        json_str_or_null(b, e->attributed_to);
        ann_buf_puts(b, ",\"trigger\":{\"text\":");
        json_str_or_null(b, e->trigger_text);
        ann_buf_printf(b, ",\"start\":%u,\"end\":%u},\"pattern\":", e->trigger_start, e->trigger_end);
        json_str_or_null(b, e->pattern);
        /* The answered claim, named so it can be found in any later store or file: its
         * document and its position among the events written (not in d->event). */
        if (e->answers >= 0 && ann_resolve_output_index(d, e->answers) >= 0) {
            ann_buf_puts(b, ",\"answers\":{\"doc_id\":");
            ann_buf_json_str(b, d->id, strlen(d->id));
            ann_buf_printf(b, ",\"event_index\":%d}", ann_resolve_output_index(d, e->answers));
        }
        if (e->nevidence > 0) {
            ann_buf_puts(b, ",\"evidence\":[");
            for (int k = 0; k < e->nevidence; k++) ann_buf_printf(b, "%s%d", k ? "," : "", e->evidence[k]);
            ann_buf_putc(b, ']');
        }
        ann_buf_puts(b, ",\"sentence_text\":");
        if (e->sent >= 0 && e->sent < d->nsent) {
            const ann_sentence *s = &d->sent[e->sent];
            ann_buf_json_str(b, d->text + s->start, s->end - s->start);
        } else {
            ann_buf_puts(b, "null");
        }
        ann_buf_puts(b, "}\n");
    }
}

void ann_events_write_tsv(ann_buf *b, const ann_doc *d)
{
    for (int i = 0; i < d->nevent; i++) {
        const ann_event *e = &d->event[i];
        if (e->duplicate) continue;
        ann_buf_tsv_field(b, d->id);
        ann_buf_printf(b, "\t%d\t", e->sent);
        ann_buf_tsv_field(b, e->date[0] ? e->date : d->date);
        ann_buf_putc(b, '\t');
        ann_buf_tsv_field(b, e->source.code ? e->source.code : "---");
        ann_buf_putc(b, '\t');
        ann_buf_tsv_field(b, e->target.code ? e->target.code : "---");
        ann_buf_printf(b, "\t%s\t%s\t%d\t%.1f\t", e->code, e->root, e->quad_class, e->goldstein);
        ann_buf_tsv_field(b, e->plover_type);
        ann_buf_printf(b, "\t%d\t%d\t", e->negated, e->hedged);
        ann_buf_tsv_field(b, e->attributed_to);
        ann_buf_putc(b, '\t');
        ann_buf_tsv_field(b, e->source.text);
        ann_buf_putc(b, '\t');
        ann_buf_tsv_field(b, e->target.text);
        ann_buf_putc(b, '\t');
        ann_buf_tsv_field(b, e->trigger_text);
        ann_buf_putc(b, '\t');
        ann_buf_tsv_field(b, e->pattern);
        ann_buf_putc(b, '\n');
    }
}

/* Display width of UTF-8 text: code points (news text has no wide characters to speak of). */
static int width(const char *s)
{
    int n = 0;
    for (; s && *s; s++) if (((unsigned char)*s & 0xC0) != 0x80) n++;
    return n;
}

/* At most max code points of s, never cutting a UTF-8 sequence. */
static const char *clip(char *buf, size_t cap, const char *s, int max)
{
    size_t i = 0;
    int n = 0;
    if (!s) s = "";
    while (s[i] && i + 4 < cap) {
        if (((unsigned char)s[i] & 0xC0) != 0x80 && n++ == max) break;
        buf[i] = s[i];
        i++;
    }
    while (i && ((unsigned char)buf[i - 1] & 0xC0) == 0xC0) i--; /* a lead byte left alone */
    buf[i] = 0;
    return buf;
}

static void pad(ann_buf *b, const char *s, int w)
{
    ann_buf_puts(b, s ? s : "");
    for (int k = width(s); k < w; k++) ann_buf_putc(b, ' ');
}

void ann_events_write_table(ann_buf *b, const ann_doc *d, const struct ann_coder *c)
{
    int n = 0;
    for (int i = 0; i < d->nevent; i++) n += !d->event[i].duplicate;
    if (!n) return; /* a page of "0 events" helps nobody reading a thousand documents */
    ann_buf_printf(b, "%s: %d event%s\n", d->id ? d->id : "", n, n == 1 ? "" : "s");
    enum { NCOL = 6 };
    static const char *const head[NCOL] = {"date", "source", "target", "event", "trigger", "notes"};
    int w[NCOL];
    for (int k = 0; k < NCOL; k++) w[k] = width(head[k]);
    char cells[NCOL][256];
    for (int pass = 0; pass < 2; pass++) {
        if (pass) {
            ann_buf_puts(b, "  ");
            for (int k = 0; k < NCOL; k++) { pad(b, head[k], k + 1 < NCOL ? w[k] + 2 : 0); }
            ann_buf_putc(b, '\n');
        }
        for (int i = 0; i < d->nevent; i++) {
            const ann_event *e = &d->event[i];
            if (e->duplicate) continue;
            const ann_cameo_info *ci = c ? ann_cameo_lookup(c, e->code) : NULL;
            snprintf(cells[0], sizeof cells[0], "%s", e->date[0] ? e->date : (d->date ? d->date : "-"));
            char t1[200];
            snprintf(cells[1], sizeof cells[1], "%s (%s)", e->source.code ? e->source.code : "---",
                     clip(t1, sizeof t1, e->source.text, 40));
            if (e->target.code || e->target.text)
                snprintf(cells[2], sizeof cells[2], "%s (%s)", e->target.code ? e->target.code : "---",
                         clip(t1, sizeof t1, e->target.text, 40));
            else
                snprintf(cells[2], sizeof cells[2], "-");
            snprintf(cells[3], sizeof cells[3], "%s %s", e->code, clip(t1, sizeof t1, ci ? ci->name : "", 60));
            snprintf(cells[4], sizeof cells[4], "%s", clip(t1, sizeof t1, e->trigger_text, 40));
            snprintf(cells[5], sizeof cells[5], "%s%s%s%s", e->negated ? "negated " : "", e->hedged ? "hedged " : "",
                     e->attributed_to ? "according to " : "", e->attributed_to ? e->attributed_to : "");
            if (!pass) {
                for (int k = 0; k < NCOL; k++) if (width(cells[k]) > w[k]) w[k] = width(cells[k]);
                continue;
            }
            ann_buf_puts(b, "  ");
            for (int k = 0; k < NCOL; k++) pad(b, cells[k], k + 1 < NCOL ? w[k] + 2 : 0);
            while (b->len && b->s[b->len - 1] == ' ') b->s[--b->len] = 0;
            ann_buf_putc(b, '\n');
        }
    }
}

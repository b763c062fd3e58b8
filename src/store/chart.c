/* Charts of a dyad series: a standalone SVG (for reports and the dashboard) and a terminal
 * rendering with block characters. Both are pure functions of the series. */
#include "annalist/store.h"

#include <math.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

static const char *quad_color[5] = {"", "#4c9be8", "#1f5fa8", "#f0a04b", "#c0392b"};
static const char *quad_name[5] = {"", "verbal cooperation", "material cooperation", "verbal conflict",
                                   "material conflict"};

static void xml_text(ann_buf *b, const char *s)
{
    for (; *s; s++) {
        if (*s == '<') ann_buf_puts(b, "&lt;");
        else if (*s == '>') ann_buf_puts(b, "&gt;");
        else if (*s == '&') ann_buf_puts(b, "&amp;");
        else if (*s == '"') ann_buf_puts(b, "&quot;");
        else ann_buf_putc(b, *s);
    }
}

void ann_series_svg(ann_buf *b, const ann_series *ser, const char *title)
{
    const double W = 900, H = 420, L = 60, R = 60, T = 50, B = 70;
    const double pw = W - L - R, ph = H - T - B;
    long maxc = 1;
    for (int i = 0; i < ser->n; i++)
        if (ser->p[i].count > maxc) maxc = ser->p[i].count;
    /* A round upper bound for the count axis: 1, 2, 5 x 10^k. */
    double step = pow(10, floor(log10((double)maxc)));
    double top = step;
    while (top < (double)maxc) top += step;
    ann_buf_printf(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" "
                      "viewBox=\"0 0 %.0f %.0f\" font-family=\"sans-serif\" font-size=\"12\">\n", W, H, W, H);
    ann_buf_puts(b, "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
    ann_buf_printf(b, "<text x=\"%.0f\" y=\"24\" font-size=\"16\" font-weight=\"bold\">", L);
    xml_text(b, title ? title : "events");
    ann_buf_puts(b, "</text>\n");
    /* grid and axes */
    for (int k = 0; k <= 4; k++) {
        double y = T + ph - ph * k / 4.0;
        ann_buf_printf(b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#e5e5e5\"/>\n", L, y, L + pw, y);
        ann_buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\" fill=\"#555\">%.0f</text>\n", L - 6, y + 4, top * k / 4.0);
        ann_buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\" fill=\"#555\">%+.0f</text>\n", L + pw + 6, y + 4, -10.0 + 20.0 * k / 4.0);
    }
    ann_buf_printf(b, "<text x=\"14\" y=\"%.1f\" transform=\"rotate(-90 14 %.1f)\" text-anchor=\"middle\" fill=\"#333\">events</text>\n", T + ph / 2, T + ph / 2);
    ann_buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\" transform=\"rotate(90 %.1f %.1f)\" text-anchor=\"middle\" fill=\"#333\">Goldstein mean</text>\n",
                   W - 14, T + ph / 2, W - 14, T + ph / 2);
    double bw = ser->n ? pw / ser->n : pw;
    for (int i = 0; i < ser->n; i++) {
        const ann_series_point *p = &ser->p[i];
        double x = L + i * bw, y = T + ph;
        for (int q = 1; q <= 4; q++) {
            if (!p->quad[q]) continue;
            double h = ph * (double)p->quad[q] / top;
            y -= h;
            ann_buf_printf(b, "<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" fill=\"%s\">"
                              "<title>%s %s: %ld</title></rect>\n",
                           x + bw * 0.1, y, bw * 0.8 > 0.5 ? bw * 0.8 : 0.5, h, quad_color[q], p->period, quad_name[q], p->quad[q]);
        }
    }
    /* Goldstein mean line over the buckets that have events */
    ann_buf_puts(b, "<polyline fill=\"none\" stroke=\"#222\" stroke-width=\"1.5\" points=\"");
    for (int i = 0; i < ser->n; i++) {
        if (!ser->p[i].count) continue;
        double x = L + (i + 0.5) * bw;
        double y = T + ph - ph * (ser->p[i].goldstein_mean + 10.0) / 20.0;
        ann_buf_printf(b, "%.2f,%.2f ", x, y);
    }
    ann_buf_puts(b, "\"/>\n");
    /* x labels: at most ~10 */
    int every = ser->n > 10 ? (ser->n + 9) / 10 : 1;
    for (int i = 0; i < ser->n; i += every)
        ann_buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" fill=\"#555\">%s</text>\n",
                       L + (i + 0.5) * bw, T + ph + 18, ser->p[i].period);
    ann_buf_printf(b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#333\"/>\n", L, T + ph, L + pw, T + ph);
    double lx = L;
    for (int q = 1; q <= 4; q++) {
        ann_buf_printf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"12\" height=\"12\" fill=\"%s\"/>"
                          "<text x=\"%.1f\" y=\"%.1f\">%s</text>\n", lx, H - 26, quad_color[q], lx + 16, H - 16, quad_name[q]);
        lx += 24 + 7.0 * (double)strlen(quad_name[q]);
    }
    ann_buf_printf(b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#222\" stroke-width=\"1.5\"/>"
                      "<text x=\"%.1f\" y=\"%.1f\">Goldstein mean</text>\n", lx, H - 20, lx + 16, H - 20, lx + 20, H - 16);
    ann_buf_puts(b, "</svg>\n");
}

void ann_series_chart(ann_buf *b, const ann_series *ser, int width)
{
    static const char *spark[8] = {"\xe2\x96\x81", "\xe2\x96\x82", "\xe2\x96\x83", "\xe2\x96\x84",
                                   "\xe2\x96\x85", "\xe2\x96\x86", "\xe2\x96\x87", "\xe2\x96\x88"};
    if (width < 20) width = 80;
    long maxc = 0;
    for (int i = 0; i < ser->n; i++)
        if (ser->p[i].count > maxc) maxc = ser->p[i].count;
    if (!ser->n) { ann_buf_puts(b, "(no dated events)\n"); return; }
    /* Sparkline: buckets folded into at most width-20 cells. */
    int cells = ser->n < width - 20 ? ser->n : width - 20;
    ann_buf_printf(b, "%s .. %s  ", ser->p[0].period, ser->p[ser->n - 1].period);
    long cmax = 0;
    long *cell = ann_xcalloc((size_t)cells, sizeof *cell);
    for (int i = 0; i < ser->n; i++) cell[(long)i * cells / ser->n] += ser->p[i].count;
    for (int i = 0; i < cells; i++) if (cell[i] > cmax) cmax = cell[i];
    for (int i = 0; i < cells; i++)
        ann_buf_puts(b, cell[i] == 0 ? " " : spark[cmax ? (int)((cell[i] * 7 + cmax - 1) / cmax) : 0]);
    free(cell);
    ann_buf_printf(b, "  max %ld\n", cmax);
    if (ser->n > 60) return;
    int bar = width - 40;
    if (bar < 10) bar = 10;
    /* One row per bucket: cooperation (+) and conflict (#) blocks, count, Goldstein mean. */
    for (int i = 0; i < ser->n; i++) {
        const ann_series_point *p = &ser->p[i];
        long coop = p->quad[1] + p->quad[2], conf = p->quad[3] + p->quad[4];
        int nc = maxc ? (int)((coop * bar + maxc - 1) / maxc) : 0;
        int nf = maxc ? (int)((conf * bar + maxc - 1) / maxc) : 0;
        ann_buf_printf(b, "%s ", p->period);
        for (int k = 0; k < nc; k++) ann_buf_puts(b, "\xe2\x96\x91");  /* light shade: cooperation */
        for (int k = 0; k < nf; k++) ann_buf_puts(b, "\xe2\x96\x88");  /* full block: conflict */
        for (int k = nc + nf; k < bar; k++) ann_buf_putc(b, ' ');
        ann_buf_printf(b, " %5ld  G %+5.2f\n", p->count, p->goldstein_mean);
    }
    ann_buf_puts(b, "(\xe2\x96\x91 cooperation, \xe2\x96\x88 conflict; G = mean Goldstein)\n");
}

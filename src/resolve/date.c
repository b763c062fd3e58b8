/* Date expressions in news English ("June 13", "earlier this week on Tuesday", "two days ago")
 * turned into ISO dates relative to the publication date. A pure parser: no state, no memory.
 *
 * The text is cut into at most MAXLEX small lexemes (words, numbers, single punctuation), then
 * a handful of hand-written patterns are tried on them, longest first. Month names must be
 * capitalised ("may", "march" are verbs); a bare month needs a cue before it ("in March",
 * "last March", "early March") since "March" alone is also a noun. */
#include "annalist/resolve.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

#define MAXLEX 10

typedef struct lex {
    const char *s;   /* start in the text */
    int n;           /* length in bytes */
    int end;         /* offset just past it, from the text's start */
    int num;         /* value when all digits, else -1 */
    char kind;       /* 'w' word, 'n' number, 'p' punctuation */
    char space;      /* 1 when whitespace precedes it */
} lex;

static int lex_text(const char *text, lex *lx)
{
    int n = 0;
    const char *p = text;
    while (n < MAXLEX && *p) {
        const char *q = p;
        while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') p++;
        if (!*p) break;
        lex *l = &lx[n];
        l->space = p > q;
        l->s = p;
        l->num = -1;
        if (isdigit((unsigned char)*p)) {
            int v = 0, k = 0;
            while (isdigit((unsigned char)*p)) { if (k < 9) v = v * 10 + (*p - '0'); p++; k++; }
            l->kind = 'n';
            l->num = k <= 4 ? v : -1;
        } else if (isalpha((unsigned char)*p)) {
            while (isalpha((unsigned char)*p)) p++;
            l->kind = 'w';
        } else {
            /* Non-ASCII bytes (curly quotes, dashes) end the expression, as any punctuation. */
            p++;
            l->kind = 'p';
        }
        l->n = (int)(p - l->s);
        l->end = (int)(p - text);
        n++;
    }
    return n;
}

static int is_word(const lex *l, const char *w)
{
    return l->kind == 'w' && (size_t)l->n == strlen(w) && !strncasecmp(l->s, w, (size_t)l->n);
}

static int is_punct(const lex *l, char c) { return l->kind == 'p' && l->s[0] == c; }

/* ---- calendar arithmetic (proleptic Gregorian; days since 1970-01-01) ---- */

static int days_in_month(int y, int m)
{
    static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 29;
    return dm[m - 1];
}

/* 0 = Sunday .. 6 = Saturday. 1970-01-01 was a Thursday. */
static int weekday(long z) { return (int)(((z % 7) + 11) % 7); }

/* Writes YYYY-MM-DD by hand: years outside 0..9999 cannot come from 4-digit input. */
static void put_ymd(ann_date *out, int y, int m, int d)
{
    if (y < 0) y = 0;
    if (y > 9999) y = 9999;
    char *p = out->iso;
    p[0] = (char)('0' + y / 1000), p[1] = (char)('0' + y / 100 % 10);
    p[2] = (char)('0' + y / 10 % 10), p[3] = (char)('0' + y % 10), p[4] = '-';
    p[5] = (char)('0' + m / 10), p[6] = (char)('0' + m % 10), p[7] = '-';
    p[8] = (char)('0' + d / 10), p[9] = (char)('0' + d % 10), p[10] = 0;
}

static void put_days(ann_date *out, long z)
{
    int y, m, d;
    ann_civil_from_days(z, &y, &m, &d);
    put_ymd(out, y, m, d);
}

static int atoi_n(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) v = v * 10 + (s[i] - '0');
    return v;
}

static int parse_iso(const char *s, int *y, int *m, int *d)
{
    if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-') return 0;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && !isdigit((unsigned char)s[i])) return 0;
    *y = atoi_n(s, 4), *m = atoi_n(s + 5, 2), *d = atoi_n(s + 8, 2);
    return *m >= 1 && *m <= 12 && *d >= 1 && *d <= days_in_month(*y, *m);
}

/* ---- word classes ---- */

static const char *const month_names[12][3] = {
    {"january", "jan", NULL}, {"february", "feb", NULL}, {"march", "mar", NULL},
    {"april", "apr", NULL},   {"may", NULL, NULL},       {"june", "jun", NULL},
    {"july", "jul", NULL},    {"august", "aug", NULL},   {"september", "sep", "sept"},
    {"october", "oct", NULL}, {"november", "nov", NULL}, {"december", "dec", NULL},
};

/* 1..12 for a capitalised month name or abbreviation, else 0. */
static int month_of(const lex *l)
{
    if (l->kind != 'w' || !isupper((unsigned char)l->s[0])) return 0;
    for (int m = 0; m < 12; m++)
        for (int k = 0; k < 3 && month_names[m][k]; k++)
            if (is_word(l, month_names[m][k])) return m + 1;
    return 0;
}

/* An abbreviated month ("Sept", "Jan") may take a period; a full name ("June.") ends the
 * sentence instead. */
static int abbreviated(const lex *l, int m)
{
    return m && (size_t)l->n < strlen(month_names[m - 1][0]);
}

static const char *const weekday_names[7] = {"sunday", "monday", "tuesday", "wednesday",
                                             "thursday", "friday", "saturday"};

/* 0..6 (Sunday = 0) for a weekday name, else -1. */
static int weekday_of(const lex *l)
{
    for (int w = 0; w < 7; w++)
        if (is_word(l, weekday_names[w])) return w;
    return -1;
}

static int number_of(const lex *l)
{
    static const char *const words[] = {"zero", "one", "two", "three", "four", "five", "six",
                                        "seven", "eight", "nine", "ten", "eleven", "twelve"};
    if (l->kind == 'n') return l->n <= 3 ? l->num : -1;
    if (is_word(l, "a") || is_word(l, "an")) return 1;
    for (int i = 1; i < 13; i++)
        if (is_word(l, words[i])) return i;
    return -1;
}

/* ---- the parser ---- */

typedef struct ctx {
    lex lx[MAXLEX];
    int n;
    int have_doc;        /* doc_date parsed */
    int need_doc;        /* a relative expression matched without a doc_date */
    long doc;            /* doc_date in days */
    int dy, dm, dd;
    int tense;
    int have_ref;        /* ref_date parsed */
    long ref;            /* the story's current date in days (see ann_resolve_date_expr_ref) */
} ctx;

#define L(i) (&c->lx[i])
#define HAVE(i) ((i) < c->n)

static int need_doc(ctx *c)
{
    if (!c->have_doc) c->need_doc = 1;
    return c->have_doc;
}

/* A year for month m, day d (d = 0: the month as a whole) on the right side of the doc date. */
static int infer_year(const ctx *c, int m, int d)
{
    int y = c->dy;
    int cmp = m != c->dm ? (m < c->dm ? -1 : 1) : (d == 0 || d == c->dd ? 0 : (d < c->dd ? -1 : 1));
    if (c->tense == ANN_TENSE_PAST) return cmp > 0 ? y - 1 : y;
    if (c->tense == ANN_TENSE_FUTURE) return cmp < 0 ? y + 1 : y;
    /* Nearest of the three candidates; the past wins a tie. */
    long best = 0;
    int besty = y;
    for (int k = -1; k <= 1; k++) {
        int yy = y + k;
        int dd = d ? (d <= days_in_month(yy, m) ? d : days_in_month(yy, m)) : 1;
        long z = ann_days_from_civil(yy, m, dd);
        long dist = z > c->doc ? z - c->doc : c->doc - z;
        if (k == -1 || dist < best) best = dist, besty = yy;
    }
    return besty;
}

static int is_ordinal(const lex *l)
{
    return !l->space && (is_word(l, "st") || is_word(l, "nd") || is_word(l, "rd") || is_word(l, "th"));
}

static int is_year(const lex *l) { return l->kind == 'n' && l->n == 4 && l->num >= 1000 && l->num <= 2999; }

/* Sets a day date, checking the day exists. */
static int set_day(ann_date *out, int y, int m, int d)
{
    if (m < 1 || m > 12 || d < 1 || d > days_in_month(y, m)) return 0;
    put_ymd(out, y, m, d);
    out->precision = ANN_PREC_DAY;
    return 1;
}

/* A year-less "June 13": needs the document date for its year. */
static int set_yearless(ctx *c, ann_date *out, int m, int d)
{
    if (d < 1 || d > 31 || !need_doc(c)) return 0;
    return set_day(out, infer_year(c, m, d), m, d);
}

/* Explicit dates at i: ISO, "June 13[th][,] [2025]", "June 2025", "13[th] [of] June [2025]".
 * Returns the lexemes consumed, 0 when none. */
static int explicit_date(ctx *c, int i, ann_date *out)
{
    if (!HAVE(i)) return 0;
    const lex *a = L(i);
    if (is_year(a) && HAVE(i + 2) && is_punct(L(i + 1), '-') && !L(i + 1)->space &&
        L(i + 2)->kind == 'n' && L(i + 2)->n == 2 && !L(i + 2)->space) {
        int y = a->num, m = L(i + 2)->num;
        if (HAVE(i + 4) && is_punct(L(i + 3), '-') && !L(i + 3)->space && L(i + 4)->kind == 'n' &&
            L(i + 4)->n == 2 && !L(i + 4)->space)
            return set_day(out, y, m, L(i + 4)->num) ? 5 : 0;
        if (m < 1 || m > 12) return 0;
        put_ymd(out, y, m, 1);
        out->precision = ANN_PREC_MONTH;
        return 3;
    }
    int m = month_of(a);
    if (m) {
        int j = i + 1;
        if (HAVE(j) && is_punct(L(j), '.') && !L(j)->space && abbreviated(a, m)) j++;
        if (HAVE(j) && L(j)->kind == 'n' && L(j)->n <= 2) {
            int d = L(j)->num;
            j++;
            if (HAVE(j) && is_ordinal(L(j))) j++;
            int k = j;
            if (HAVE(k) && is_punct(L(k), ',')) k++;
            if (HAVE(k) && is_year(L(k))) return set_day(out, L(k)->num, m, d) ? k + 1 - i : 0;
            return set_yearless(c, out, m, d) ? j - i : 0;
        }
        if (HAVE(j) && is_year(L(j))) {
            put_ymd(out, L(j)->num, m, 1);
            out->precision = ANN_PREC_MONTH;
            return j + 1 - i;
        }
        return 0;
    }
    if (a->kind == 'n' && a->n <= 2 && a->num >= 1 && a->num <= 31) {
        int j = i + 1;
        if (HAVE(j) && is_ordinal(L(j))) j++;
        if (HAVE(j) && is_word(L(j), "of")) j++;
        if (!HAVE(j) || !(m = month_of(L(j)))) return 0;
        j++;
        if (HAVE(j) && is_punct(L(j), '.') && !L(j)->space && abbreviated(L(j - 1), m)) j++;
        int k = j;
        if (HAVE(k) && is_punct(L(k), ',')) k++;
        if (HAVE(k) && is_year(L(k))) return set_day(out, L(k)->num, m, a->num) ? k + 1 - i : 0;
        return set_yearless(c, out, m, a->num) ? j - i : 0;
    }
    return 0;
}

/* Weekday w relative to the document date: dir < 0 strictly before, > 0 strictly after,
 * 0 by tense (past: on or before; future: after; unknown: nearest, the past winning a tie). */
static void set_weekday(ctx *c, ann_date *out, int w, int dir)
{
    int w0 = weekday(c->doc);
    long back = (w0 - w + 7) % 7, fwd = (w - w0 + 7) % 7;
    if (fwd == 0) fwd = 7;
    long z;
    if (dir < 0) z = c->doc - (back ? back : 7);
    else if (dir > 0) z = c->doc + fwd;
    else if (c->tense == ANN_TENSE_PAST) z = c->doc - back;
    else if (c->tense == ANN_TENSE_FUTURE) z = c->doc + fwd;
    else z = back <= fwd ? c->doc - back : c->doc + fwd;
    put_days(out, z);
    out->precision = ANN_PREC_DAY;
}

static long monday_of(long z) { return z - (weekday(z) + 6) % 7; }

static void set_week(ann_date *out, long monday)
{
    put_days(out, monday);
    out->precision = ANN_PREC_WEEK;
}

static void set_month(ann_date *out, int y, int m)
{
    while (m < 1) m += 12, y--;
    while (m > 12) m -= 12, y++;
    put_ymd(out, y, m, 1);
    out->precision = ANN_PREC_MONTH;
}

static void set_year(ann_date *out, int y)
{
    put_ymd(out, y, 1, 1);
    out->precision = ANN_PREC_YEAR;
}

/* A weekday at i, possibly followed by an explicit date ("Thursday, June 26"), which wins. */
static int weekday_date(ctx *c, int i, int dir, ann_date *out)
{
    int w = HAVE(i) ? weekday_of(L(i)) : -1;
    if (w < 0) return 0;
    int j = i + 1;
    if (HAVE(j) && is_punct(L(j), ',')) j++;
    int k = explicit_date(c, j, out);
    if (k) return j + k - i;
    if (!need_doc(c)) return 0;
    set_weekday(c, out, w, dir);
    return 1;
}

/* "early/mid/late [-] March [2025]": a month whose year may need inferring. */
static int month_part(ctx *c, int i, ann_date *out)
{
    int j = i;
    if (HAVE(j) && (is_word(L(j), "early") || is_word(L(j), "mid") || is_word(L(j), "late"))) {
        j++;
        if (HAVE(j) && is_punct(L(j), '-')) j++;
    }
    int m = HAVE(j) ? month_of(L(j)) : 0;
    if (!m) return 0;
    j++;
    if (HAVE(j) && is_punct(L(j), '.') && !L(j)->space && abbreviated(L(j - 1), m)) j++;
    if (HAVE(j) && is_year(L(j))) {
        set_month(out, L(j)->num, m);
        return j + 1 - i;
    }
    if (!need_doc(c)) return 0;
    set_month(out, infer_year(c, m, 0), m);
    return j - i;
}

/* "last/this/next/past X". */
static int relative_unit(ctx *c, int i, ann_date *out)
{
    int dir = is_word(L(i), "last") || is_word(L(i), "past") ? -1
            : is_word(L(i), "next") ? 1 : is_word(L(i), "this") ? 0 : 2;
    if (dir == 2 || !HAVE(i + 1)) return 0;
    const lex *u = L(i + 1);
    int w = weekday_of(u), m = month_of(u);
    if (w < 0 && !m && !is_word(u, "week") && !is_word(u, "month") && !is_word(u, "year") &&
        !is_word(u, "night") && !is_word(u, "weekend"))
        return 0;
    if (!need_doc(c)) return 0;
    if (w >= 0) {
        set_weekday(c, out, w, dir);
        return 2;
    }
    if (m) {
        int y = c->dy;
        if (dir < 0) y = m < c->dm ? y : y - 1;
        else if (dir > 0) y = m > c->dm ? y : y + 1;
        else y = infer_year(c, m, 0);
        set_month(out, y, m);
        return 2;
    }
    if (is_word(u, "night")) {
        if (dir != -1 || is_word(L(i), "past")) return 0;
        put_days(out, c->doc - 1);
        out->precision = ANN_PREC_DAY;
        return 2;
    }
    if (is_word(u, "weekend")) {
        /* The Saturday of the weekend meant. */
        long sat = monday_of(c->doc) + 5;
        if (dir < 0 && sat >= c->doc) sat -= 7;
        if (dir > 0 && sat <= c->doc) sat += 7;
        put_days(out, sat);
        out->precision = ANN_PREC_DAY;
        return 2;
    }
    if (is_word(u, "week")) set_week(out, monday_of(c->doc) + 7 * (dir < 0 ? -1 : dir));
    else if (is_word(u, "month")) set_month(out, c->dy, c->dm + (dir < 0 ? -1 : dir));
    else set_year(out, c->dy + (dir < 0 ? -1 : dir));
    return 2;
}

/* "earlier/later this week [, on Tuesday]", "earlier this month/year". */
static int earlier_this(ctx *c, int i, ann_date *out)
{
    if (!(is_word(L(i), "earlier") || is_word(L(i), "later")) || !HAVE(i + 2) ||
        !is_word(L(i + 1), "this"))
        return 0;
    const lex *u = L(i + 2);
    if (!is_word(u, "week") && !is_word(u, "month") && !is_word(u, "year")) return 0;
    if (!need_doc(c)) return 0;
    if (is_word(u, "week")) {
        int j = i + 3;
        if (HAVE(j) && is_punct(L(j), ',')) j++;
        if (HAVE(j) && is_word(L(j), "on")) j++;
        int w = HAVE(j) ? weekday_of(L(j)) : -1;
        long monday = monday_of(c->doc);
        if (w >= 0) {
            long z = monday + (w + 6) % 7;
            if (z > c->doc && is_word(L(i), "earlier")) set_weekday(c, out, w, -1);
            else {
                put_days(out, z);
                out->precision = ANN_PREC_DAY;
            }
            return j + 1 - i;
        }
        set_week(out, monday);
        return 3;
    }
    if (is_word(u, "month")) set_month(out, c->dy, c->dm);
    else set_year(out, c->dy);
    return 3;
}

/* "two days ago", "3 weeks ago", "a month ago", "a year ago". */
static int ago(ctx *c, int i, ann_date *out)
{
    int n = number_of(L(i));
    if (n < 0 || !HAVE(i + 2) || !is_word(L(i + 2), "ago")) return 0;
    const lex *u = L(i + 1);
    int unit = is_word(u, "day") || is_word(u, "days") ? 'd'
             : is_word(u, "week") || is_word(u, "weeks") ? 'w'
             : is_word(u, "month") || is_word(u, "months") ? 'm'
             : is_word(u, "year") || is_word(u, "years") ? 'y' : 0;
    if (!unit || !need_doc(c)) return 0;
    switch (unit) {
    case 'd': put_days(out, c->doc - n); out->precision = ANN_PREC_DAY; break;
    case 'w': set_week(out, monday_of(c->doc - 7L * n)); break;
    case 'm': set_month(out, c->dy, c->dm - n); break;
    default: set_year(out, c->dy - n); break;
    }
    return 3;
}

/* Offsets from the story's reference date rather than the publication date: "two days
 * later", "a week earlier", "three days afterwards", "the next day", "the following week",
 * "the previous day", "the day before" (not "before the vote": that is relative to the
 * vote, so before/after must end the phrase). Without a reference they do not parse. */
static int anaphoric(ctx *c, int i, ann_date *out)
{
    if (!c->have_ref || !HAVE(i + 1)) return 0;
    const lex *a = L(i);
    int n = 0, dir = 0, used = 0;
    const lex *u = NULL;
    if (is_word(a, "the") && HAVE(i + 2)) {
        const lex *b = L(i + 1);
        if (is_word(b, "next") || is_word(b, "following")) n = 1, dir = 1;
        else if (is_word(b, "previous") || is_word(b, "preceding")) n = 1, dir = -1;
        if (dir) {
            u = L(i + 2);
            used = 3;
            /* "the following morning" is the next day */
            if (is_word(u, "morning") || is_word(u, "evening") || is_word(u, "night") ||
                is_word(u, "afternoon"))
                u = NULL;
        } else if (is_word(b, "day") && (is_word(L(i + 2), "after") || is_word(L(i + 2), "before")) &&
                   (!HAVE(i + 3) || L(i + 3)->kind == 'p')) {
            n = 1, dir = is_word(L(i + 2), "after") ? 1 : -1;
            u = b;
            used = 3;
        } else
            return 0;
    } else {
        n = number_of(a);
        if (n < 0 || !HAVE(i + 2)) return 0;
        u = L(i + 1);
        const lex *w = L(i + 2);
        if (is_word(w, "later") || is_word(w, "afterwards") || is_word(w, "afterward")) dir = 1;
        else if (is_word(w, "earlier")) dir = -1;
        else if ((is_word(w, "after") || is_word(w, "before")) && (!HAVE(i + 3) || L(i + 3)->kind == 'p'))
            dir = is_word(w, "after") ? 1 : -1;
        else
            return 0;
        used = 3;
    }
    int unit = !u || is_word(u, "day") || is_word(u, "days") ? 'd'
             : is_word(u, "week") || is_word(u, "weeks") ? 'w'
             : is_word(u, "month") || is_word(u, "months") ? 'm'
             : is_word(u, "year") || is_word(u, "years") ? 'y' : 0;
    if (!unit) return 0;
    int y, m, d;
    ann_civil_from_days(c->ref, &y, &m, &d);
    switch (unit) {
    case 'd': put_days(out, c->ref + dir * n); out->precision = ANN_PREC_DAY; break;
    case 'w': set_week(out, monday_of(c->ref + 7L * dir * n)); break;
    case 'm': set_month(out, y, m + dir * n); break;
    default: set_year(out, y + dir * n); break;
    }
    return used;
}

static int day_words(ctx *c, int i, ann_date *out)
{
    const lex *a = L(i);
    long off;
    int used = 1;
    if (is_word(a, "yesterday")) off = -1;
    else if (is_word(a, "today") || is_word(a, "tonight")) off = 0;
    else if (is_word(a, "tomorrow")) off = 1;
    else if (is_word(a, "the") && HAVE(i + 3) && is_word(L(i + 1), "day") &&
             (is_word(L(i + 2), "before") || is_word(L(i + 2), "after")) &&
             (is_word(L(i + 3), "yesterday") || is_word(L(i + 3), "tomorrow"))) {
        off = is_word(L(i + 3), "yesterday") ? -1 : 1;
        off += is_word(L(i + 2), "before") ? -1 : 1;
        if (off == 0) return 0;
        used = 4;
    } else if (is_word(a, "this") && HAVE(i + 1) &&
               (is_word(L(i + 1), "morning") || is_word(L(i + 1), "afternoon") ||
                is_word(L(i + 1), "evening"))) {
        off = 0;
        used = 2;
    } else
        return 0;
    if (!need_doc(c)) return 0;
    put_days(out, c->doc + off);
    out->precision = ANN_PREC_DAY;
    return used;
}

int ann_resolve_date_expr(const char *text, const char *doc_date, int tense, ann_date *out)
{
    return ann_resolve_date_expr_ref(text, doc_date, NULL, tense, out);
}

int ann_resolve_date_expr_ref(const char *text, const char *doc_date, const char *ref_date, int tense,
                              ann_date *out)
{
    ctx cx, *c = &cx;
    memset(out, 0, sizeof *out);
    if (!text) return 0;
    c->n = lex_text(text, c->lx);
    if (!c->n) return 0;
    c->tense = tense;
    c->need_doc = 0;
    c->have_doc = parse_iso(doc_date, &c->dy, &c->dm, &c->dd);
    c->doc = c->have_doc ? ann_days_from_civil(c->dy, c->dm, c->dd) : 0;
    int ry, rm, rd;
    c->have_ref = parse_iso(ref_date, &ry, &rm, &rd);
    c->ref = c->have_ref ? ann_days_from_civil(ry, rm, rd) : 0;

    int used = anaphoric(c, 0, out);
    const lex *a = L(0);
    if (!used && (a->kind == 'n' || month_of(a))) {
        used = explicit_date(c, 0, out);
        if (!used) used = ago(c, 0, out);
    } else if (!used && a->kind == 'w') {
        if (weekday_of(a) >= 0) used = weekday_date(c, 0, 0, out);
        else if (is_word(a, "in") && HAVE(1)) {
            if (is_year(L(1)) && !(HAVE(2) && (is_punct(L(2), '-') || L(2)->kind == 'n'))) {
                set_year(out, L(1)->num);
                used = 2;
            } else {
                int k = month_part(c, 1, out);
                used = k ? k + 1 : 0;
            }
        } else if (is_word(a, "early") || is_word(a, "mid") || is_word(a, "late"))
            used = month_part(c, 0, out);
        else if (is_word(a, "earlier") || is_word(a, "later"))
            used = earlier_this(c, 0, out);
        else if (is_word(a, "last") || is_word(a, "past") || is_word(a, "next") || is_word(a, "this")) {
            used = relative_unit(c, 0, out);
            if (!used) used = day_words(c, 0, out);
        } else {
            used = day_words(c, 0, out);
            if (!used) used = ago(c, 0, out);
        }
    }
    if (!used) {
        memset(out, 0, sizeof *out);
        return c->need_doc ? -1 : 0;
    }
    out->len = c->lx[used - 1].end;
    return 1;
}

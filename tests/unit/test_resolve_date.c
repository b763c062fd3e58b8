/* The date-expression parser on its own: every form the issue lists, year boundaries,
 * tense, non-dates that look like dates, and bad document dates. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "annalist.h"

/* Publication date of the seed article: Thursday 26 June 2025. */
#define THU "2025-06-26"

typedef struct dcase {
    const char *text, *doc;
    int tense;
    const char *iso, *prec;   /* iso NULL: no expression expected */
    int len;                  /* expected bytes consumed; -1 = the whole text */
} dcase;

static void check(const dcase *c)
{
    ann_date d;
    int rc = ann_resolve_date_expr(c->text, c->doc, c->tense, &d);
    if (!c->iso) {
        if (rc != 0) fail_msg("'%s' (doc %s): expected no date, got %s %s", c->text, c->doc, d.iso,
                              d.precision ? d.precision : "-");
        return;
    }
    if (rc != 1) fail_msg("'%s' (doc %s): expected %s, got rc %d", c->text, c->doc, c->iso, rc);
    if (strcmp(d.iso, c->iso) || strcmp(d.precision, c->prec))
        fail_msg("'%s' (doc %s, tense %d): got %s/%s, want %s/%s", c->text, c->doc, c->tense, d.iso,
                 d.precision, c->iso, c->prec);
    int want = c->len < 0 ? (int)strlen(c->text) : c->len;
    if (d.len != want) fail_msg("'%s': consumed %d bytes, want %d", c->text, d.len, want);
}

#define P ANN_TENSE_PAST
#define F ANN_TENSE_FUTURE
#define U ANN_TENSE_UNKNOWN

static void test_explicit(void **state)
{
    (void)state;
    static const dcase cs[] = {
        {"June 13", THU, P, "2025-06-13", "day", -1},
        {"June 13, the conflict", THU, P, "2025-06-13", "day", 7},
        {"June 13th", THU, P, "2025-06-13", "day", -1},
        {"June 13, 2025", THU, P, "2025-06-13", "day", -1},
        {"June 13 2024 was", THU, P, "2024-06-13", "day", 12},
        {"13 June 2025", THU, P, "2025-06-13", "day", -1},
        {"13 June", THU, P, "2025-06-13", "day", -1},
        {"13th of June", THU, P, "2025-06-13", "day", -1},
        {"2025-06-13", THU, P, "2025-06-13", "day", -1},
        {"2025-06-13.", NULL, P, "2025-06-13", "day", 10},
        {"2025-06", THU, P, "2025-06-01", "month", -1},
        {"June 2024", THU, P, "2024-06-01", "month", -1},
        {"Sept. 3", THU, P, "2024-09-03", "day", -1},
        {"5 June. Then", THU, P, "2025-06-05", "day", 6},      /* a full name's period ends the sentence */
        {"in July. Later", THU, P, "2024-07-01", "month", 7},
        {"in Sept. 2024", THU, P, "2024-09-01", "month", -1},
        {"Sept. 3", THU, F, "2025-09-03", "day", -1},
        {"Jan 5, 2026", THU, U, "2026-01-05", "day", -1},
        {"February 29, 2024", NULL, P, "2024-02-29", "day", -1},
        {"Thursday, June 26, 2025", THU, P, "2025-06-26", "day", -1},
        {"13 June 2025", NULL, U, "2025-06-13", "day", -1},
    };
    for (size_t i = 0; i < sizeof cs / sizeof *cs; i++) check(&cs[i]);
}

static void test_year_boundary(void **state)
{
    (void)state;
    static const dcase cs[] = {
        {"December 30", "2025-01-02", P, "2024-12-30", "day", -1},
        {"December 30", "2025-01-02", U, "2024-12-30", "day", -1},
        {"January 2", "2024-12-30", U, "2025-01-02", "day", -1},
        {"January 5", "2024-12-28", F, "2025-01-05", "day", -1},
        {"January 5", "2024-12-28", P, "2024-01-05", "day", -1},
        {"in December", "2025-01-10", P, "2024-12-01", "month", -1},
        {"in March", "2025-01-10", P, "2024-03-01", "month", -1},
        {"in March", "2025-01-10", F, "2025-03-01", "month", -1},
        {"last month", "2025-01-10", P, "2024-12-01", "month", -1},
        {"next month", "2024-12-10", F, "2025-01-01", "month", -1},
        {"Tuesday", "2025-01-02", P, "2024-12-31", "day", -1},
        {"last week", "2025-01-02", P, "2024-12-23", "week", -1},
        {"yesterday", "2025-01-01", P, "2024-12-31", "day", -1},
        {"two days ago", "2024-03-01", P, "2024-02-28", "day", -1},
    };
    for (size_t i = 0; i < sizeof cs / sizeof *cs; i++) check(&cs[i]);
}

static void test_weekdays(void **state)
{
    (void)state;
    static const dcase cs[] = {
        {"Thursday", THU, P, "2025-06-26", "day", -1},
        {"Thursday", THU, F, "2025-07-03", "day", -1},
        {"Tuesday", THU, P, "2025-06-24", "day", -1},
        {"Tuesday night", THU, P, "2025-06-24", "day", 7},
        {"Friday", THU, P, "2025-06-20", "day", -1},
        {"Friday", THU, F, "2025-06-27", "day", -1},
        {"Friday", THU, U, "2025-06-27", "day", -1},
        {"Monday", THU, U, "2025-06-23", "day", -1},
        {"last Thursday", THU, P, "2025-06-19", "day", -1},
        {"last Tuesday", THU, U, "2025-06-24", "day", -1},
        {"next Thursday", THU, P, "2025-07-03", "day", -1},
        {"this Saturday", THU, F, "2025-06-28", "day", -1},
        {"earlier this week on Tuesday", THU, P, "2025-06-24", "day", -1},
        {"earlier this week, on Monday", THU, U, "2025-06-23", "day", -1},
        {"earlier this week", THU, P, "2025-06-23", "week", -1},
        {"last weekend", THU, P, "2025-06-21", "day", -1},
    };
    for (size_t i = 0; i < sizeof cs / sizeof *cs; i++) check(&cs[i]);
}

static void test_relative(void **state)
{
    (void)state;
    static const dcase cs[] = {
        {"yesterday", THU, P, "2025-06-25", "day", -1},
        {"today", THU, P, "2025-06-26", "day", -1},
        {"tonight", THU, F, "2025-06-26", "day", -1},
        {"tomorrow", THU, F, "2025-06-27", "day", -1},
        {"the day before yesterday", THU, P, "2025-06-24", "day", -1},
        {"last night", THU, P, "2025-06-25", "day", -1},
        {"this morning", THU, P, "2025-06-26", "day", -1},
        {"last week", THU, P, "2025-06-16", "week", -1},
        {"this week", THU, P, "2025-06-23", "week", -1},
        {"next week", THU, F, "2025-06-30", "week", -1},
        {"last month", THU, P, "2025-05-01", "month", -1},
        {"earlier this month", THU, P, "2025-06-01", "month", -1},
        {"last year", THU, P, "2024-01-01", "year", -1},
        {"earlier this year", THU, P, "2025-01-01", "year", -1},
        {"in March", THU, P, "2025-03-01", "month", -1},
        {"in December", THU, P, "2024-12-01", "month", -1},
        {"in December", THU, F, "2025-12-01", "month", -1},
        {"in March 2024", THU, P, "2024-03-01", "month", -1},
        {"in 2024", THU, P, "2024-01-01", "year", -1},
        {"in early March", THU, P, "2025-03-01", "month", -1},
        {"mid-March", THU, P, "2025-03-01", "month", -1},
        {"last March", "2025-03-20", P, "2024-03-01", "month", -1},
        {"two days ago", THU, P, "2025-06-24", "day", -1},
        {"3 days ago", THU, P, "2025-06-23", "day", -1},
        {"a week ago", THU, P, "2025-06-16", "week", -1},
        {"two months ago", THU, P, "2025-04-01", "month", -1},
        {"seven months ago", THU, P, "2024-11-01", "month", -1},
        {"a year ago", THU, P, "2024-01-01", "year", -1},
    };
    for (size_t i = 0; i < sizeof cs / sizeof *cs; i++) check(&cs[i]);
}

/* Counted from the story's reference date, not the publication date; without one, no date.
 * Reference Friday 2025-06-13 in a story published Thursday 2025-06-26. */
static void test_anaphoric(void **state)
{
    (void)state;
    static const struct { const char *text, *ref, *iso, *prec; int len; } cs[] = {
        {"Two days later, Hezbollah", "2025-06-13", "2025-06-15", "day", 14},
        {"a day later", "2025-06-13", "2025-06-14", "day", -1},
        {"3 days earlier", "2025-06-13", "2025-06-10", "day", -1},
        {"two days afterwards", "2025-06-13", "2025-06-15", "day", -1},
        {"two days after.", "2025-06-13", "2025-06-15", "day", 14},
        {"the next day", "2025-06-13", "2025-06-14", "day", -1},
        {"The following morning", "2025-06-13", "2025-06-14", "day", -1},
        {"the previous day", "2025-06-13", "2025-06-12", "day", -1},
        {"the day before,", "2025-06-13", "2025-06-12", "day", 14},
        {"the following week", "2025-06-13", "2025-06-16", "week", -1},   /* Monday of the week of the 20th */
        {"a week earlier", "2025-06-13", "2025-06-02", "week", -1},
        {"three months later", "2025-06-13", "2025-09-01", "month", -1},
        {"a year later", "2025-06-13", "2026-01-01", "year", -1},
        {"two days later", "2024-12-31", "2025-01-02", "day", -1},         /* across a year */
        /* relative to the publication date whatever the reference */
        {"two days ago", "2025-06-13", "2025-06-24", "day", -1},
        {"next week", "2025-06-13", "2025-06-30", "week", -1},
    };
    for (size_t i = 0; i < sizeof cs / sizeof *cs; i++) {
        ann_date d;
        int rc = ann_resolve_date_expr_ref(cs[i].text, THU, cs[i].ref, P, &d);
        if (rc != 1) fail_msg("'%s' (ref %s): expected %s, got rc %d", cs[i].text, cs[i].ref, cs[i].iso, rc);
        if (strcmp(d.iso, cs[i].iso) || strcmp(d.precision, cs[i].prec))
            fail_msg("'%s' (ref %s): got %s/%s, want %s/%s", cs[i].text, cs[i].ref, d.iso, d.precision,
                     cs[i].iso, cs[i].prec);
        int want = cs[i].len < 0 ? (int)strlen(cs[i].text) : cs[i].len;
        if (d.len != want) fail_msg("'%s': consumed %d bytes, want %d", cs[i].text, d.len, want);
    }
    /* Relative to something named after it, or to no reference at all: no date. */
    static const char *const no[] = {"two days before the vote", "two days after the attack",
                                     "the day before the summit", "the following statement",
                                     "two men later", "days later"};
    for (size_t i = 0; i < sizeof no / sizeof *no; i++) {
        ann_date d;
        int rc = ann_resolve_date_expr_ref(no[i], THU, "2025-06-13", P, &d);
        if (rc != 0) fail_msg("'%s': expected no date, got %s %s", no[i], d.iso, d.precision);
    }
    ann_date d;
    assert_int_equal(ann_resolve_date_expr_ref("two days later", THU, NULL, P, &d), 0);
    assert_int_equal(ann_resolve_date_expr("the next day", THU, P, &d), 0);
    assert_int_equal(ann_resolve_date_expr_ref("the next day", THU, "13/06/2025", P, &d), 0);
    /* "the day before yesterday" is still the publication date's */
    assert_int_equal(ann_resolve_date_expr_ref("the day before yesterday", THU, "2025-06-13", P, &d), 1);
    assert_string_equal(d.iso, "2025-06-24");
}

static void test_not_dates(void **state)
{
    (void)state;
    static const dcase cs[] = {
        {"may have used", THU, P, NULL, NULL, 0},
        {"May have used", THU, P, NULL, NULL, 0},
        {"March on Washington", THU, P, NULL, NULL, 0},
        {"12-day war", THU, P, NULL, NULL, 0},
        {"2 percent", THU, P, NULL, NULL, 0},
        {"the conflict", THU, P, NULL, NULL, 0},
        {"last resort", THU, P, NULL, NULL, 0},
        {"this statement", THU, P, NULL, NULL, 0},
        {"in Tehran", THU, P, NULL, NULL, 0},
        {"February 30", THU, P, NULL, NULL, 0},
        {"February 29", THU, P, NULL, NULL, 0},  /* 2025 is no leap year */
        {"June 45", THU, P, NULL, NULL, 0},
        {"", THU, P, NULL, NULL, 0},
        {"earlier", THU, P, NULL, NULL, 0},
        {"2025-13-01", THU, P, NULL, NULL, 0},
    };
    for (size_t i = 0; i < sizeof cs / sizeof *cs; i++) check(&cs[i]);
    ann_date d;
    assert_int_equal(ann_resolve_date_expr(NULL, THU, P, &d), 0);
}

static void test_bad_doc_date(void **state)
{
    (void)state;
    ann_date d;
    /* Relative expressions need a usable publication date ... */
    assert_int_equal(ann_resolve_date_expr("yesterday", NULL, P, &d), -1);
    assert_int_equal(ann_resolve_date_expr("June 13", "2025-02-30", P, &d), -1);
    assert_int_equal(ann_resolve_date_expr("last week", "26/06/2025", P, &d), -1);
    assert_int_equal(ann_resolve_date_expr("Tuesday", "", P, &d), -1);
    /* ... absolute ones do not. */
    assert_int_equal(ann_resolve_date_expr("June 13, 2025", NULL, P, &d), 1);
    assert_string_equal(d.iso, "2025-06-13");
}

static unsigned long lcg(unsigned long *x)
{
    *x = *x * 6364136223846793005UL + 1442695040888963407UL;
    return *x >> 33;
}

/* Random word salads from date vocabulary and stray bytes: the parser answers -1, 0 or 1,
 * never reads past the text, and every date it gives is a real calendar day. */
static void test_salad(void **state)
{
    (void)state;
    static const char *const words[] = {
        "June", "13", "13th", "of", "2025", "2025-06-13", "2025-02-30", ",", ".", "-", "Tuesday",
        "last", "next", "this", "earlier", "later", "week", "month", "year", "ago", "two", "a",
        "days", "in", "March", "May", "mid", "early", "the", "day", "before", "yesterday",
        "tomorrow", "on", "Sept", "31", "0", "99999", "\xe2\x80\x9d", "\xff", "night", "weekend"};
    const int nw = (int)(sizeof words / sizeof *words);
    unsigned long x = 12345;
    char buf[256];
    for (int it = 0; it < 200000; it++) {
        size_t n = 0;
        int k = 1 + (int)(lcg(&x) % 7);
        for (int j = 0; j < k; j++) {
            const char *w = words[lcg(&x) % (unsigned long)nw];
            size_t l = strlen(w);
            if (n + l + 2 >= sizeof buf) break;
            memcpy(buf + n, w, l);
            n += l;
            if (lcg(&x) & 1) buf[n++] = ' ';
        }
        buf[n] = 0;
        const char *doc = lcg(&x) % 5 ? "2024-02-29" : NULL;
        ann_date d;
        int rc = ann_resolve_date_expr(buf, doc, (int)(lcg(&x) % 3) - 1, &d);
        if (rc < -1 || rc > 1) fail_msg("'%s': rc %d", buf, rc);
        if (rc != 1) continue;
        if (d.len <= 0 || (size_t)d.len > n) fail_msg("'%s': len %d of %zu", buf, d.len, n);
        int y, m, dd;
        if (strlen(d.iso) != 10 || sscanf(d.iso, "%4d-%2d-%2d", &y, &m, &dd) != 3 || m < 1 || m > 12 || dd < 1 ||
            dd > 31 || !d.precision)
            fail_msg("'%s': bad date %s", buf, d.iso);
        if (m == 2 && dd > 29) fail_msg("'%s': %s", buf, d.iso);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_explicit),      cmocka_unit_test(test_year_boundary),
        cmocka_unit_test(test_weekdays),      cmocka_unit_test(test_relative),
        cmocka_unit_test(test_not_dates),     cmocka_unit_test(test_bad_doc_date),
        cmocka_unit_test(test_salad),         cmocka_unit_test(test_anaphoric),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

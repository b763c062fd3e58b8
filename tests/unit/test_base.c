/* The shared utilities: the 64-bit set and the calendar arithmetic dates and series use. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <time.h>

#include "annalist.h"

static void test_u64set(void **state)
{
    (void)state;
    ann_u64set s = {0};
    /* Enough values to grow the table several times; each is new once, then known. */
    for (uint64_t v = 0; v < 5000; v++) assert_int_equal(ann_u64set_add(&s, v * 0x9E3779B97F4A7C15ull), 1);
    for (uint64_t v = 1; v < 5000; v++) assert_int_equal(ann_u64set_add(&s, v * 0x9E3779B97F4A7C15ull), 0);
    /* 0 is stored as 1, so after 0 went in (as 1), 1 is known. */
    assert_int_equal(ann_u64set_add(&s, 1), 0);
    assert_int_equal(s.n, 5000);
    /* Values equal in their low bits collide in the table and are still told apart. */
    assert_int_equal(ann_u64set_add(&s, 1ull << 40), 1);
    assert_int_equal(ann_u64set_add(&s, 1ull << 41), 1);
    assert_int_equal(ann_u64set_add(&s, 1ull << 40), 0);
    ann_u64set_free(&s);
    assert_null(s.slot);
    assert_int_equal(ann_u64set_add(&s, 42), 1);
    ann_u64set_free(&s);
}

/* Against the C library's own calendar (timegm/gmtime_r), day by day over four centuries
 * around the epoch, which covers every leap-year rule. */
static void test_calendar(void **state)
{
    (void)state;
    assert_int_equal(ann_days_from_civil(1970, 1, 1), 0);
    assert_int_equal(ann_days_from_civil(2000, 3, 1) - ann_days_from_civil(2000, 2, 28), 2);
    assert_int_equal(ann_days_from_civil(1900, 3, 1) - ann_days_from_civil(1900, 2, 28), 1);
    for (long z = -73000; z <= 73000; z += 1) {
        time_t t = (time_t)z * 86400;
        struct tm tm;
        assert_non_null(gmtime_r(&t, &tm));
        int y, m, d;
        ann_civil_from_days(z, &y, &m, &d);
        assert_int_equal(y, tm.tm_year + 1900);
        assert_int_equal(m, tm.tm_mon + 1);
        assert_int_equal(d, tm.tm_mday);
        assert_int_equal(ann_days_from_civil(y, m, d), z);
    }
}

/* CSV quoting as RFC 4180 says; TSV fields never split a row. */
static void test_fields(void **state)
{
    (void)state;
    ann_buf b = {0};
    ann_buf_csv_field(&b, "plain");
    ann_buf_putc(&b, '|');
    ann_buf_csv_field(&b, "a,b");
    ann_buf_putc(&b, '|');
    ann_buf_csv_field(&b, "say \"no\"");
    ann_buf_putc(&b, '|');
    ann_buf_csv_field(&b, "two\nlines");
    ann_buf_putc(&b, '|');
    ann_buf_csv_field(&b, NULL);
    assert_string_equal(b.s, "plain|\"a,b\"|\"say \"\"no\"\"\"|\"two\nlines\"|");
    ann_buf_clear(&b);
    ann_buf_tsv_field(&b, "a\tb\r\nc");
    ann_buf_tsv_field(&b, NULL);
    assert_string_equal(b.s, "a b  c");
    ann_buf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_u64set),
        cmocka_unit_test(test_calendar),
        cmocka_unit_test(test_fields),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* Readers and the CoNLL-U writer: formats detected, records kept, CoNLL-U round-trips. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include "annalist.h"

static void test_jsonl_fields(void **state)
{
    (void)state;
    const char *in = "{\"id\": 7, \"date\": \"2025-06-26\", \"text\": \"Iran spoke.\", \"title\": \"T\"}\n";
    ann_reader *r = ann_reader_open_mem("x.jsonl", in, strlen(in), ANN_FMT_AUTO, 0);
    assert_int_equal(ann_reader_format(r), ANN_FMT_JSONL);
    ann_doc *d;
    ann_err e;
    assert_int_equal(ann_reader_next(r, &d, &e), 1);
    assert_string_equal(d->id, "7");
    assert_string_equal(d->date, "2025-06-26");
    assert_string_equal(d->title, "T");
    assert_string_equal(d->text, "Iran spoke.");
    ann_doc_free(d);
    assert_int_equal(ann_reader_next(r, &d, &e), 0);
    ann_reader_close(r);
}

static const char conllu[] =
    "# newdoc id = d1\n"
    "# sent_id = s1\n"
    "# text = I don't know.\n"
    "1\tI\tI\tPRON\tPRP\t_\t3\tnsubj\t_\t_\n"
    "2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n"
    "2\tdo\tdo\tAUX\tVBP\t_\t4\taux\t_\t_\n"
    "3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t_\t_\n"
    "4\tknow\tknow\tVERB\tVB\t_\t0\troot\t_\tSpaceAfter=No\n"
    "5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_\n"
    "\n"
    "# newdoc id = d2\n"
    "# sent_id = s2\n"
    "# text = Yes.\n"
    "1\tYes\tyes\tINTJ\tUH\t_\t0\troot\t_\tSpaceAfter=No\n"
    "2\t.\t.\tPUNCT\t.\t_\t1\tpunct\t_\t_\n"
    "\n";

static void test_conllu_docs_and_text(void **state)
{
    (void)state;
    ann_reader *r = ann_reader_open_mem("x.conllu", conllu, strlen(conllu), ANN_FMT_AUTO, 0);
    assert_int_equal(ann_reader_format(r), ANN_FMT_CONLLU);
    ann_doc *d;
    ann_err e;
    assert_int_equal(ann_reader_next(r, &d, &e), 1);
    assert_string_equal(d->id, "d1");
    assert_int_equal(d->nsent, 1);
    assert_int_equal(d->sent[0].ntok, 5);
    assert_int_equal(d->sent[0].nmwt, 1);
    assert_string_equal(d->text, "I don't know.");
    /* Both parts of the multiword token point at its surface span. */
    assert_int_equal(d->sent[0].tok[1].start, 2);
    assert_int_equal(d->sent[0].tok[2].end, 7);
    assert_int_equal(d->sent[0].tok[3].head, 0);
    ann_doc_free(d);
    assert_int_equal(ann_reader_next(r, &d, &e), 1);
    assert_string_equal(d->id, "d2");
    ann_doc_free(d);
    assert_int_equal(ann_reader_next(r, &d, &e), 0);
    ann_reader_close(r);
}

static void test_conllu_roundtrip(void **state)
{
    (void)state;
    ann_reader *r = ann_reader_open_mem("x.conllu", conllu, strlen(conllu), ANN_FMT_CONLLU, 0);
    ann_buf out = {0};
    ann_doc *d;
    ann_err e;
    while (ann_reader_next(r, &d, &e) == 1) {
        ann_conllu_write(&out, d, 1);
        ann_doc_free(d);
    }
    ann_reader_close(r);
    assert_string_equal(out.s, conllu);
    ann_buf_free(&out);
}

static void test_conllu_bad_line_skips_sentence(void **state)
{
    (void)state;
    const char *in = "# sent_id = a\n1\tonly\ttwo\n\n# sent_id = b\n1\tok\tok\tX\tX\t_\t0\troot\t_\t_\n\n";
    ann_reader *r = ann_reader_open_mem("bad.conllu", in, strlen(in), ANN_FMT_CONLLU, 0);
    ann_doc *d;
    ann_err e;
    assert_int_equal(ann_reader_next(r, &d, &e), -1);
    assert_non_null(strstr(e.msg, "bad.conllu:2:"));
    assert_int_equal(ann_reader_next(r, &d, &e), 1);
    assert_int_equal(d->nsent, 1);
    assert_string_equal(d->sent[0].tok[0].form, "ok");
    ann_doc_free(d);
    ann_reader_close(r);
}

static void test_utf8_validation(void **state)
{
    (void)state;
    assert_int_equal(ann_utf8_invalid_at("abc", 3), -1);
    assert_int_equal(ann_utf8_invalid_at("a\xc3\xa9", 3), -1);
    assert_int_equal(ann_utf8_invalid_at("a\xc3", 2), 1);
    assert_int_equal(ann_utf8_invalid_at("ab\xed\xa0\x80", 5), 2); /* surrogate */
    assert_int_equal(ann_utf8_invalid_at("\xc0\xaf", 2), 0);       /* overlong */
    assert_int_equal(ann_utf8_invalid_at("a\0b", 3), 1);
}

static void test_json_escape(void **state)
{
    (void)state;
    ann_buf b = {0};
    ann_buf_json_str(&b, "a\"b\\\n\x01", 6);
    assert_string_equal(b.s, "\"a\\\"b\\\\\\n\\u0001\"");
    ann_buf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_jsonl_fields),
        cmocka_unit_test(test_conllu_docs_and_text),
        cmocka_unit_test(test_conllu_roundtrip),
        cmocka_unit_test(test_conllu_bad_line_skips_sentence),
        cmocka_unit_test(test_utf8_validation),
        cmocka_unit_test(test_json_escape),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

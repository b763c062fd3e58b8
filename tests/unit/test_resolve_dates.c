/* Event dates over hand-parsed documents: the date attached to the event's clause wins over
 * a nearer one elsewhere, the sentence is the fallback, the document date the last resort. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "resolve_testdoc.h"

/* The seed article's dated sentences (publication Thursday 2025-06-26), parsed by hand. */
static const char *const seed[] = {
    /* 0 */ "The the DET DT 2 det | conflict conflict NOUN NN 10 nsubj | , , PUNCT , 5 punct | "
            "which which PRON WDT 5 nsubj | began begin VERB VBD 2 acl:relcl | on on ADP IN 7 case | "
            "June June PROPN NNP 5 obl | 13 13 NUM CD 7 nummod | , , PUNCT , 5 punct | "
            "saw see VERB VBD 0 root | Israel Israel PROPN NNP 10 obj | launch launch VERB VB 10 xcomp | "
            "a a DET DT 14 det | campaign campaign NOUN NN 12 obj | . . PUNCT . 10 punct",
    /* 1 */ "A a DET DT 2 det | ceasefire ceasefire NOUN NN 7 nsubj | between between ADP IN 4 case | "
            "Iran Iran PROPN NNP 2 nmod | and and CCONJ CC 6 cc | Israel Israel PROPN NNP 4 conj | "
            "came come VERB VBD 0 root | into into ADP IN 9 case | effect effect NOUN NN 7 obl | "
            "earlier early ADV RBR 7 advmod | this this DET DT 12 det | week week NOUN NN 10 obl:npmod | "
            "on on ADP IN 14 case | Tuesday Tuesday PROPN NNP 7 obl | . . PUNCT . 7 punct",
    /* 2 */ "On on ADP IN 3 case | June June PROPN NNP 8 obl | 14 14 NUM CD 2 nummod | , , PUNCT , 8 punct | "
            "Foreign foreign PROPN NNP 6 compound | Minister minister PROPN NNP 7 compound | "
            "Bayramov Bayramov PROPN NNP 8 nsubj | reassured reassure VERB VBD 0 root | "
            "Iran Iran PROPN NNP 8 obj | . . PUNCT . 8 punct",
    /* 3 */ "Tensions tension NOUN NNS 2 nsubj | resurfaced resurface VERB VBD 0 root | on on ADP IN 4 case | "
            "Thursday Thursday PROPN NNP 2 obl | following follow VERB VBG 7 case | Iran Iran PROPN NNP 7 nmod:poss | "
            "claim claim NOUN NN 2 obl | . . PUNCT . 2 punct",
};

static void test_seed_dates(void **state)
{
    (void)state;
    ann_doc *d = testdoc("2025-06-26", seed, 4);
    ann_err err;
    int e195 = event(d, 0, 11, "195", "ISR", "IRN");
    int e0871 = event(d, 1, 1, "0871", "IRN", "ISR");
    int e03 = event(d, 2, 7, "031", "AZEGOV", "IRN");
    int e112 = event(d, 3, 6, "112", "IRN", "ISR");
    assert_int_equal(ann_resolve_dates(d, &err), 0);
    /* "began on June 13" hangs from the relative clause, not from "launch": sentence fallback. */
    assert_string_equal(d->event[e195].date, "2025-06-13");
    assert_string_equal(d->event[e195].date_precision, "day");
    assert_string_equal(d->event[e195].date_text, "June 13");
    assert_string_equal(d->event[e0871].date, "2025-06-24");
    assert_string_equal(d->event[e0871].date_precision, "day");
    assert_string_equal(d->event[e0871].date_text, "earlier this week on Tuesday");
    assert_string_equal(d->event[e03].date, "2025-06-14");
    assert_string_equal(d->event[e03].date_text, "June 14");
    /* "on Thursday" is the publication day itself. */
    assert_string_equal(d->event[e112].date, "2025-06-26");
    assert_string_equal(d->event[e112].date_precision, "day");
    ann_doc_free(d);
}

static const char *const tree_vs_near[] = {
    /* "On Tuesday, the minister who arrived yesterday met Putin." */
    "On on ADP IN 2 case | Tuesday Tuesday PROPN NNP 9 obl | , , PUNCT , 9 punct | the the DET DT 5 det | "
    "minister minister NOUN NN 9 nsubj | who who PRON WP 7 nsubj | arrived arrive VERB VBD 5 acl:relcl | "
    "yesterday yesterday NOUN NN 7 obl:tmod | met meet VERB VBD 0 root | Putin Putin PROPN NNP 9 obj | "
    ". . PUNCT . 9 punct",
    /* "Iran will hold talks on Friday." */
    "Iran Iran PROPN NNP 3 nsubj | will will AUX MD 3 aux | hold hold VERB VB 0 root | talks talk NOUN NNS 3 obj | "
    "on on ADP IN 6 case | Friday Friday PROPN NNP 3 obl | . . PUNCT . 3 punct",
    /* "Iran held talks on Friday." */
    "Iran Iran PROPN NNP 2 nsubj | held hold VERB VBD 0 root | talks talk NOUN NNS 2 obj | "
    "on on ADP IN 5 case | Friday Friday PROPN NNP 2 obl | . . PUNCT . 2 punct",
    /* "Russia condemned the strikes." (no date) */
    "Russia Russia PROPN NNP 2 nsubj | condemned condemn VERB VBD 0 root | the the DET DT 4 det | "
    "strikes strike NOUN NNS 2 obj | . . PUNCT . 2 punct",
    /* "Iran said two days ago that Israel attacked last week." */
    "Iran Iran PROPN NNP 2 nsubj | said say VERB VBD 0 root | two two NUM CD 4 nummod | days day NOUN NNS 5 obl:npmod | "
    "ago ago ADV RB 2 advmod | that that SCONJ IN 8 mark | Israel Israel PROPN NNP 8 nsubj | "
    "attacked attack VERB VBD 2 ccomp | last last ADJ JJ 10 amod | week week NOUN NN 8 obl:tmod | . . PUNCT . 2 punct",
};

static void test_tree_tense_and_fallbacks(void **state)
{
    (void)state;
    ann_doc *d = testdoc("2025-06-26", tree_vs_near, 5);
    ann_err err;
    int met = event(d, 0, 8, "040", "RUS", "RUSGOV");
    int will = event(d, 1, 2, "040", "IRN", NULL);
    int held = event(d, 2, 1, "040", "IRN", NULL);
    int none = event(d, 3, 1, "111", "RUS", NULL);
    int said = event(d, 4, 1, "010", "IRN", NULL);
    int att = event(d, 4, 7, "190", "ISR", NULL);
    assert_int_equal(ann_resolve_dates(d, &err), 0);
    /* "yesterday" is nearer to "met" but belongs to the relative clause. */
    assert_string_equal(d->event[met].date, "2025-06-24");
    assert_string_equal(d->event[met].date_text, "Tuesday");
    assert_string_equal(d->event[will].date, "2025-06-27");   /* future: the coming Friday */
    assert_string_equal(d->event[held].date, "2025-06-20");   /* past: the last Friday */
    assert_string_equal(d->event[none].date, "2025-06-26");
    assert_string_equal(d->event[none].date_precision, "document");
    assert_null(d->event[none].date_text);
    assert_string_equal(d->event[said].date, "2025-06-24");
    assert_string_equal(d->event[said].date_text, "two days ago");
    assert_string_equal(d->event[att].date, "2025-06-16");
    assert_string_equal(d->event[att].date_precision, "week");
    ann_doc_free(d);
}

static const char *const clauses[] = {
    /* "Israel struck on Monday and Iran retaliated on Wednesday." */
    "Israel Israel PROPN NNP 2 nsubj | struck strike VERB VBD 0 root | on on ADP IN 4 case | "
    "Monday Monday PROPN NNP 2 obl | and and CCONJ CC 7 cc | Iran Iran PROPN NNP 7 nsubj | "
    "retaliated retaliate VERB VBD 2 conj | on on ADP IN 9 case | Wednesday Wednesday PROPN NNP 7 obl | "
    ". . PUNCT . 2 punct",
    /* "Rouhani is to visit Baku on Wednesday." */
    "Rouhani Rouhani PROPN NNP 4 nsubj | is be AUX VBZ 4 aux | to to PART TO 4 mark | visit visit VERB VB 0 root | "
    "Baku Baku PROPN NNP 4 obj | on on ADP IN 7 case | Wednesday Wednesday PROPN NNP 4 obl | . . PUNCT . 4 punct",
    /* "Iran plans to sign the deal on Monday." */
    "Iran Iran PROPN NNP 2 nsubj | plans plan VERB VBZ 0 root | to to PART TO 4 mark | sign sign VERB VB 2 xcomp | "
    "the the DET DT 6 det | deal deal NOUN NN 4 obj | on on ADP IN 8 case | Monday Monday PROPN NNP 4 obl | "
    ". . PUNCT . 2 punct",
    /* "Talks will take place on Friday." (a noun trigger under a future verb) */
    "Talks talk NOUN NNS 3 nsubj | will will AUX MD 3 aux | take take VERB VB 0 root | place place NOUN NN 3 obj | "
    "on on ADP IN 6 case | Friday Friday PROPN NNP 3 obl | . . PUNCT . 3 punct",
};

static void test_clauses_and_noun_triggers(void **state)
{
    (void)state;
    ann_doc *d = testdoc("2025-06-26", clauses, 4);
    ann_err err;
    int struck = event(d, 0, 1, "190", "ISR", "IRN");
    int retal = event(d, 0, 6, "190", "IRN", "ISR");
    int visit = event(d, 1, 3, "042", "IRNGOV", "AZE");
    int sign = event(d, 2, 3, "057", "IRN", NULL);
    int talks = event(d, 3, 0, "040", "IRN", "USA");
    assert_int_equal(ann_resolve_dates(d, &err), 0);
    /* Each conjoined clause keeps its own day. */
    assert_string_equal(d->event[struck].date, "2025-06-23");
    assert_string_equal(d->event[retal].date, "2025-06-25");
    assert_string_equal(d->event[talks].date, "2025-06-27");
    /* Plans lie ahead: the coming Wednesday and Monday, not the last ones. */
    assert_string_equal(d->event[visit].date, "2025-07-02");
    assert_string_equal(d->event[sign].date, "2025-06-30");
    ann_doc_free(d);
}

static void test_no_document_date(void **state)
{
    (void)state;
    ann_doc *d = testdoc(NULL, tree_vs_near, 5);
    ann_err err;
    int held = event(d, 2, 1, "040", "IRN", NULL);
    int none = event(d, 3, 1, "111", "RUS", NULL);
    assert_int_equal(ann_resolve_dates(d, &err), 0);
    /* Relative dates cannot be placed without a publication date: nothing is invented. */
    assert_string_equal(d->event[held].date, "");
    assert_string_equal(d->event[held].date_precision, "document");
    assert_string_equal(d->event[none].date, "");
    ann_doc_free(d);
}

static void test_bad_document_date(void **state)
{
    (void)state;
    ann_doc *d = testdoc("2025-13-45", tree_vs_near, 5);
    ann_err err;
    ann_err_clear(&err);
    event(d, 2, 1, "040", "IRN", NULL);
    assert_int_equal(ann_resolve_dates(d, &err), -1);
    assert_non_null(strstr(err.msg, "2025-13-45"));
    ann_doc_free(d);
}

static const char *const story[] = {
    /* "On June 13, Israel struck Iran." */
    "On on ADP IN 2 case | June June PROPN NNP 6 obl | 13 13 NUM CD 2 nummod | , , PUNCT , 6 punct | "
    "Israel Israel PROPN NNP 6 nsubj | struck strike VERB VBD 0 root | Iran Iran PROPN NNP 6 obj | . . PUNCT . 6 punct",
    /* "Russia condemned the strikes." (no date: the reference stays) */
    "Russia Russia PROPN NNP 2 nsubj | condemned condemn VERB VBD 0 root | the the DET DT 4 det | "
    "strikes strike NOUN NNS 2 obj | . . PUNCT . 2 punct",
    /* "Two days later, Hezbollah fired rockets at Israel." */
    "Two two NUM CD 2 nummod | days day NOUN NNS 3 obl:npmod | later late ADV RBR 6 advmod | , , PUNCT , 6 punct | "
    "Hezbollah Hezbollah PROPN NNP 6 nsubj | fired fire VERB VBD 0 root | rockets rocket NOUN NNS 6 obj | "
    "at at ADP IN 9 case | Israel Israel PROPN NNP 6 obl | . . PUNCT . 6 punct",
    /* "The next day, Israel struck Lebanon." (counted from the day before's date) */
    "The the DET DT 3 det | next next ADJ JJ 3 amod | day day NOUN NN 6 obl:tmod | , , PUNCT , 6 punct | "
    "Israel Israel PROPN NNP 6 nsubj | struck strike VERB VBD 0 root | Lebanon Lebanon PROPN NNP 6 obj | "
    ". . PUNCT . 6 punct",
};

/* A story's own chronology: "two days later" counts from the last date told, which moves on. */
static void test_story_reference(void **state)
{
    (void)state;
    ann_doc *d = testdoc("2025-06-26", story, 4);
    ann_err err;
    /* added out of reading order: the reference must still follow the text */
    int next = event(d, 3, 5, "190", "ISR", "LBN");
    int later = event(d, 2, 5, "190", "LBNREBHEZ", "ISR");
    int first = event(d, 0, 5, "190", "ISR", "IRN");
    int none = event(d, 1, 1, "111", "RUS", NULL);
    assert_int_equal(ann_resolve_dates(d, &err), 0);
    assert_string_equal(d->event[first].date, "2025-06-13");
    assert_string_equal(d->event[none].date_precision, "document");
    assert_string_equal(d->event[later].date, "2025-06-15");
    assert_string_equal(d->event[later].date_precision, "day");
    assert_string_equal(d->event[later].date_text, "Two days later");
    assert_string_equal(d->event[next].date, "2025-06-16");
    assert_string_equal(d->event[next].date_text, "The next day");
    ann_doc_free(d);
    /* Without the first sentence nothing was told before: the document's date, honestly. */
    d = testdoc("2025-06-26", story + 2, 1);
    later = event(d, 0, 5, "190", "LBNREBHEZ", "ISR");
    assert_int_equal(ann_resolve_dates(d, &err), 0);
    assert_string_equal(d->event[later].date, "2025-06-26");
    assert_string_equal(d->event[later].date_precision, "document");
    ann_doc_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_seed_dates),
        cmocka_unit_test(test_tree_tense_and_fallbacks),
        cmocka_unit_test(test_clauses_and_noun_triggers),
        cmocka_unit_test(test_no_document_date),
        cmocka_unit_test(test_bad_document_date),
        cmocka_unit_test(test_story_reference),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

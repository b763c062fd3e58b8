/* Attribution, claims <-> denials, duplicates and the claims table over a hand-parsed
 * document that retells the seed article's contested claim. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "resolve_testdoc.h"

static const char *const story[] = {
    /* 0 Tensions resurfaced following Iran's claim that Israel may have used Azerbaijani airspace. */
    "Tensions tension NOUN NNS 2 nsubj | resurfaced resurface VERB VBD 0 root | following follow VERB VBG 6 case | "
    "Iran Iran PROPN NNP 6 nmod:poss | 's 's PART POS 4 case | claim claim NOUN NN 2 obl | "
    "that that SCONJ IN 11 mark | Israel Israel PROPN NNP 11 nsubj | may may AUX MD 11 aux | "
    "have have AUX VB 11 aux | used use VERB VBN 6 acl | Azerbaijani Azerbaijani ADJ JJ 13 amod | "
    "airspace airspace NOUN NN 11 obj | . . PUNCT . 2 punct",
    /* 1 The Iranian presidency said that Azerbaijan had denied these allegations. */
    "The the DET DT 3 det | Iranian Iranian ADJ JJ 3 amod | presidency presidency NOUN NN 4 nsubj | "
    "said say VERB VBD 0 root | that that SCONJ IN 8 mark | Azerbaijan Azerbaijan PROPN NNP 8 nsubj | "
    "had have AUX VBD 8 aux | denied deny VERB VBN 4 ccomp | these this DET DT 10 det | "
    "allegations allegation NOUN NNS 8 obj | . . PUNCT . 4 punct",
    /* 2 According to the Iranian presidential office, Pezeshkian pressed Aliyev to investigate the reports. */
    "According accord VERB VBG 6 case | to to ADP IN 1 fixed | the the DET DT 6 det | "
    "Iranian Iranian ADJ JJ 6 amod | presidential presidential ADJ JJ 6 amod | office office NOUN NN 9 obl | "
    ", , PUNCT , 9 punct | Pezeshkian Pezeshkian PROPN NNP 9 nsubj | pressed press VERB VBD 0 root | "
    "Aliyev Aliyev PROPN NNP 9 obj | to to PART TO 12 mark | investigate investigate VERB VB 9 xcomp | "
    "the the DET DT 14 det | reports report NOUN NNS 12 obj | . . PUNCT . 9 punct",
    /* 3 The statement emphasized that a neighbouring country may have facilitated an attack. */
    "The the DET DT 2 det | statement statement NOUN NN 3 nsubj | emphasized emphasize VERB VBD 0 root | "
    "that that SCONJ IN 10 mark | a a DET DT 7 det | neighbouring neighbouring ADJ JJ 7 amod | "
    "country country NOUN NN 10 nsubj | may may AUX MD 10 aux | have have AUX VB 10 aux | "
    "facilitated facilitate VERB VBN 3 ccomp | an a DET DT 12 det | attack attack NOUN NN 10 obj | . . PUNCT . 3 punct",
    /* 4 President Aliyev firmly denied the allegations. */
    "President president PROPN NNP 2 compound | Aliyev Aliyev PROPN NNP 4 nsubj | firmly firmly ADV RB 4 advmod | "
    "denied deny VERB VBD 0 root | the the DET DT 6 det | allegations allegation NOUN NNS 4 obj | . . PUNCT . 4 punct",
    /* 5 On June 14, Bayramov reassured Iran. */
    "On on ADP IN 2 case | June June PROPN NNP 6 obl | 14 14 NUM CD 2 nummod | , , PUNCT , 6 punct | "
    "Bayramov Bayramov PROPN NNP 6 nsubj | reassured reassure VERB VBD 0 root | Iran Iran PROPN NNP 6 obj | . . PUNCT . 6 punct",
    /* 6 Aliyev denied the allegations. */
    "Aliyev Aliyev PROPN NNP 2 nsubj | denied deny VERB VBD 0 root | the the DET DT 4 det | "
    "allegations allegation NOUN NNS 2 obj | . . PUNCT . 2 punct",
};

typedef struct ev { int claim, denial1, demand, facil, denial2, reassure, dup; } ev;

static ann_doc *story_doc(ev *e)
{
    ann_doc *d = testdoc("2025-06-26", story, 7);
    mention(d, 0, 3, 3, 3, "IRN");
    mention(d, 0, 7, 7, 7, "ISR");
    mention(d, 0, 11, 11, 11, "AZE");
    mention(d, 1, 1, 2, 2, "IRNGOV");
    mention(d, 1, 5, 5, 5, "AZE");
    mention(d, 2, 3, 5, 5, "IRNGOV");
    mention(d, 2, 7, 7, 7, "IRNGOV");
    mention(d, 2, 9, 9, 9, "AZEGOV");
    mention(d, 4, 0, 1, 1, "AZEGOV");
    mention(d, 5, 4, 4, 4, "AZEGOV");
    mention(d, 5, 6, 6, 6, "IRN");
    mention(d, 6, 0, 0, 0, "AZEGOV");
    e->claim = event(d, 0, 5, "112", "IRN", "ISR");
    e->denial1 = event(d, 1, 7, "016", "AZE", NULL);
    e->demand = event(d, 2, 8, "101", "IRNGOV", "AZEGOV");
    e->facil = event(d, 3, 9, "180", NULL, NULL);
    e->denial2 = event(d, 4, 3, "016", "AZEGOV", NULL);
    e->reassure = event(d, 5, 5, "031", "AZEGOV", "IRN");
    e->dup = event(d, 6, 1, "016", "AZEGOV", NULL);
    return d;
}

static void test_attribution(void **state)
{
    (void)state;
    ev e;
    ann_doc *d = story_doc(&e);
    ann_err err;
    assert_int_equal(ann_resolve_events(d, NULL, &err), 0);
    /* "The Iranian presidency said that Azerbaijan had denied ..." */
    assert_string_equal(d->event[e.denial1].attributed_to, "IRNGOV");
    /* "According to the Iranian presidential office, ..." */
    assert_string_equal(d->event[e.demand].attributed_to, "IRNGOV");
    /* "The statement emphasized ...": the statement of the last source. */
    assert_string_equal(d->event[e.facil].attributed_to, "IRNGOV");
    /* "Iran's claim that Israel may have used ...": an accusation, hedged by its content. */
    assert_true(d->event[e.claim].hedged);
    assert_false(d->event[e.denial2].hedged);
    /* Nobody reports Aliyev's own denial. */
    assert_null(d->event[e.denial2].attributed_to);
    assert_null(d->event[e.claim].attributed_to);
    ann_doc_free(d);
}

static void test_claim_noun_hedges(void **state)
{
    (void)state;
    ann_doc *d = testdoc("2025-06-26", story, 1);
    ann_err err;
    mention(d, 0, 3, 3, 3, "IRN");
    mention(d, 0, 7, 7, 7, "ISR");
    int used = event(d, 0, 10, "190", "ISR", "AZE");
    /* A coder's own attribution is kept. */
    int kept = event(d, 0, 10, "042", "ISR", "AZE");
    d->event[kept].attributed_to = "XXX";
    assert_int_equal(ann_resolve_events(d, NULL, &err), 0);
    assert_string_equal(d->event[used].attributed_to, "IRN");
    assert_true(d->event[used].hedged);
    assert_string_equal(d->event[kept].attributed_to, "XXX");
    ann_doc_free(d);
}

static void test_claims_and_denials(void **state)
{
    (void)state;
    ev e;
    ann_doc *d = story_doc(&e);
    ann_err err;
    assert_int_equal(ann_resolve_events(d, NULL, &err), 0);
    assert_int_equal(d->event[e.denial1].answers, e.claim);
    assert_int_equal(d->event[e.denial2].answers, e.claim);
    assert_int_equal(d->event[e.reassure].answers, e.claim);
    assert_int_equal(d->event[e.claim].answers, -1);
    assert_int_equal(d->event[e.demand].answers, -1);
    ann_claim_pair p[8];
    assert_int_equal(ann_resolve_claim_pairs(d, p, 8), 3);
    assert_int_equal(p[0].claim, e.claim);
    assert_int_equal(p[0].answer, e.denial1);
    assert_int_equal(p[2].answer, e.reassure);
    /* Only max pairs are written, the count is still the total. */
    assert_int_equal(ann_resolve_claim_pairs(d, p, 1), 3);

    ann_buf b = {0};
    ann_resolve_claims_table(&b, d);
    assert_non_null(strstr(b.s, "claims and denials"));
    assert_non_null(strstr(b.s, "claim     #0  IRN -> ISR  112 \"claim\""));
    assert_non_null(strstr(b.s, "denied    #1  AZE  016 \"denied\""));
    assert_non_null(strstr(b.s, "answered  #5  AZEGOV -> IRN  031 \"reassured\""));
    ann_buf_free(&b);
    ann_doc_free(d);
}

static const char *const rejections[] = {
    /* 0 Russia denied the reports. */
    "Russia Russia PROPN NNP 2 nsubj | denied deny VERB VBD 0 root | the the DET DT 4 det | "
    "reports report NOUN NNS 2 obj | . . PUNCT . 2 punct",
    /* 1 Israel accused Iran. */
    "Israel Israel PROPN NNP 2 nsubj | accused accuse VERB VBD 0 root | Iran Iran PROPN NNP 2 obj | . . PUNCT . 2 punct",
    /* 2 Iran rejected the accusations. */
    "Iran Iran PROPN NNP 2 nsubj | rejected reject VERB VBD 0 root | the the DET DT 4 det | "
    "accusations accusation NOUN NNS 2 obj | . . PUNCT . 2 punct",
    /* 3 Iran rejected the proposal. */
    "Iran Iran PROPN NNP 2 nsubj | rejected reject VERB VBD 0 root | the the DET DT 4 det | "
    "proposal proposal NOUN NN 2 obj | . . PUNCT . 2 punct",
};

static void test_rejections_and_unanswered(void **state)
{
    (void)state;
    ann_doc *d = testdoc("2025-06-26", rejections, 4);
    ann_err err;
    int denial = event(d, 0, 1, "016", "RUS", NULL);
    int accuse = event(d, 1, 1, "112", "ISR", "IRN");
    int reject = event(d, 2, 1, "120", "IRN", "ISR");
    int proposal = event(d, 3, 1, "125", "IRN", "ISR");
    assert_int_equal(ann_resolve_events(d, NULL, &err), 0);
    assert_int_equal(d->event[denial].answers, -1);   /* nothing before it to answer */
    assert_int_equal(d->event[reject].answers, accuse);
    assert_int_equal(d->event[proposal].answers, -1); /* a proposal is no accusation */
    ann_buf b = {0};
    ann_resolve_claims_table(&b, d);
    assert_non_null(strstr(b.s, "rejected  #2"));
    ann_buf_free(&b);
    ann_doc_free(d);
}

static void test_duplicates(void **state)
{
    (void)state;
    ev e;
    ann_doc *d = story_doc(&e);
    ann_err err;
    assert_int_equal(ann_resolve_dates(d, &err), 0);
    assert_int_equal(ann_resolve_events(d, NULL, &err), 0);
    assert_true(d->event[e.dup].duplicate);
    assert_false(d->event[e.denial2].duplicate);
    assert_int_equal(d->event[e.denial2].nevidence, 2);
    assert_int_equal(d->event[e.denial2].evidence[0], 4);
    assert_int_equal(d->event[e.denial2].evidence[1], 6);
    assert_int_equal(d->event[e.dup].answers, -1);   /* the copy answers nothing on its own */
    /* Output positions skip the flagged copy. */
    assert_int_equal(ann_resolve_output_index(d, e.denial2), e.denial2);
    assert_int_equal(ann_resolve_output_index(d, e.dup), -1);
    assert_int_equal(ann_resolve_output_index(d, d->nevent), -1);
    d->event[0].duplicate = 1;
    assert_int_equal(ann_resolve_output_index(d, e.denial2), e.denial2 - 1);
    d->event[0].duplicate = 0;
    /* Actorless events are never merged. */
    int x1 = event(d, 0, 1, "190", NULL, NULL), x2 = event(d, 3, 1, "190", NULL, NULL);
    assert_int_equal(ann_resolve_events(d, NULL, &err), 0);
    assert_false(d->event[x1].duplicate);
    assert_false(d->event[x2].duplicate);
    /* Different sources are different events. */
    assert_false(d->event[e.denial1].duplicate);
    assert_int_equal(d->event[e.denial1].nevidence, 1);

    /* --keep-duplicates: no merging; running again resets what the first run did. */
    ann_resolve_opts keep = {.keep_duplicates = 1};
    assert_int_equal(ann_resolve_events(d, &keep, &err), 0);
    assert_false(d->event[e.dup].duplicate);
    assert_int_equal(d->event[e.denial2].nevidence, 1);
    ann_doc_free(d);
}

static void test_duplicates_need_compatible_dates(void **state)
{
    (void)state;
    ev e;
    ann_doc *d = story_doc(&e);
    ann_err err;
    /* The same denial on two different known days is two denials. */
    strcpy(d->event[e.denial2].date, "2025-06-20");
    d->event[e.denial2].date_precision = "day";
    strcpy(d->event[e.dup].date, "2025-06-25");
    d->event[e.dup].date_precision = "day";
    assert_int_equal(ann_resolve_events(d, NULL, &err), 0);
    assert_false(d->event[e.dup].duplicate);
    /* A copy with a known day lends it to an original dated only by the document. */
    ann_doc_free(d);
    d = story_doc(&e);
    strcpy(d->event[e.denial2].date, "2025-06-26");
    d->event[e.denial2].date_precision = "document";
    strcpy(d->event[e.dup].date, "2025-06-25");
    d->event[e.dup].date_precision = "day";
    d->event[e.dup].date_text = "yesterday";
    assert_int_equal(ann_resolve_events(d, NULL, &err), 0);
    assert_true(d->event[e.dup].duplicate);
    assert_string_equal(d->event[e.denial2].date, "2025-06-25");
    assert_string_equal(d->event[e.denial2].date_precision, "day");
    ann_doc_free(d);
}

/* Input the stages should never produce still gives sane output, never a crash: unparsed
 * sentences, mention spans outside their sentence, events pointing nowhere. */
static void test_odd_input(void **state)
{
    (void)state;
    ann_doc *d = testdoc("2025-06-26", rejections, 2);
    ann_err err;
    for (int k = 0; k < d->sent[1].ntok; k++) d->sent[1].tok[k].head = -1, d->sent[1].tok[k].deprel = NULL;
    d->sent[0].tok[0].head = 99;   /* a head beyond the sentence */
    mention(d, 0, 0, 0, 0, "RUS");
    ann_mention *m = ann_doc_add_mention(d);
    m->sent = 0, m->first = 2, m->last = 40, m->head = 3, m->code = "XXX";
    m = ann_doc_add_mention(d);
    m->sent = 7, m->first = 0, m->last = 0, m->code = "YYY";
    int unparsed = event(d, 1, 1, "112", "ISR", "IRN");
    int nowhere = event(d, 0, 1, "016", "RUS", NULL);
    d->event[nowhere].sent = 12;
    int notrigger = event(d, 0, 1, "017", "RUS", NULL);
    d->event[notrigger].trigger_start = d->event[notrigger].trigger_end = 0;
    assert_true(ann_resolve_coref(d, &err) >= 0);
    assert_int_equal(ann_resolve_dates(d, &err), 0);
    assert_int_equal(ann_resolve_events(d, NULL, &err), 0);
    assert_string_equal(d->event[unparsed].date, "2025-06-26");
    assert_string_equal(d->event[nowhere].date_precision, "document");
    assert_int_equal(d->event[nowhere].nevidence, 1);
    ann_buf b = {0};
    ann_resolve_claims_table(&b, d);
    ann_buf_free(&b);
    ann_doc_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_attribution),
        cmocka_unit_test(test_claim_noun_hedges),
        cmocka_unit_test(test_claims_and_denials),
        cmocka_unit_test(test_rejections_and_unanswered),
        cmocka_unit_test(test_duplicates),
        cmocka_unit_test(test_duplicates_need_compatible_dates),
        cmocka_unit_test(test_odd_input),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

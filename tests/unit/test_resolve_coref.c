/* Coreference over hand-parsed documents: short names, pronouns with agreement and binding,
 * definite descriptions by title, organisation and country words, plural groups. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "resolve_testdoc.h"

/* The mention of sentence s starting at token first with this code, or NULL. */
static const ann_mention *find(const ann_doc *d, int s, int first, const char *code)
{
    for (int i = 0; i < d->nment; i++) {
        const ann_mention *m = &d->ment[i];
        if (m->sent == s && m->first == first && m->code && !strcmp(m->code, code)) return m;
    }
    return NULL;
}

static int resolved_in(const ann_doc *d, int s)
{
    int n = 0;
    for (int i = 0; i < d->nment; i++) n += d->ment[i].sent == s && d->ment[i].resolved_from != NULL;
    return n;
}

static const char *const presidents[] = {
    /* 0 Iranian President Masoud Pezeshkian spoke with Azerbaijani President Ilham Aliyev. */
    "Iranian Iranian ADJ JJ 4 amod | President president PROPN NNP 4 compound | Masoud Masoud PROPN NNP 4 compound | "
    "Pezeshkian Pezeshkian PROPN NNP 5 nsubj | spoke speak VERB VBD 0 root | with with ADP IN 10 case | "
    "Azerbaijani Azerbaijani ADJ JJ 10 amod | President president PROPN NNP 10 compound | "
    "Ilham Ilham PROPN NNP 10 compound | Aliyev Aliyev PROPN NNP 5 obl | . . PUNCT . 5 punct",
    /* 1 Aliyev denied the allegations. */
    "Aliyev Aliyev PROPN NNP 2 nsubj | denied deny VERB VBD 0 root | the the DET DT 4 det | "
    "allegations allegation NOUN NNS 2 obj | . . PUNCT . 2 punct",
    /* 2 He said Azerbaijan would not allow its skies to be used. */
    "He he PRON PRP 2 nsubj | said say VERB VBD 0 root | Azerbaijan Azerbaijan PROPN NNP 6 nsubj | "
    "would would AUX MD 6 aux | not not PART RB 6 advmod | allow allow VERB VB 2 ccomp | "
    "its its PRON PRP$ 8 nmod:poss | skies sky NOUN NNS 6 obj | to to PART TO 11 mark | "
    "be be AUX VB 11 aux:pass | used use VERB VBN 6 xcomp | . . PUNCT . 2 punct",
    /* 3 The president assured him. */
    "The the DET DT 2 det | president president NOUN NN 3 nsubj | assured assure VERB VBD 0 root | "
    "him he PRON PRP 3 obj | . . PUNCT . 3 punct",
    /* 4 The two leaders spoke. */
    "The the DET DT 3 det | two two NUM CD 3 nummod | leaders leader NOUN NNS 4 nsubj | "
    "spoke speak VERB VBD 0 root | . . PUNCT . 4 punct",
    /* 5 Both countries agreed. */
    "Both both DET DT 2 det | countries country NOUN NNS 3 nsubj | agreed agree VERB VBD 0 root | . . PUNCT . 3 punct",
};

static void test_names_pronouns_titles_groups(void **state)
{
    (void)state;
    ann_doc *d = testdoc("2025-06-26", presidents, 6);
    ann_err err;
    mention(d, 0, 0, 3, 3, "IRNGOV");
    mention(d, 0, 6, 9, 9, "AZEGOV");
    mention(d, 2, 2, 2, 2, "AZE");
    /* The actor stage recognised "Aliyev" in sentence 1 but could not code it. */
    mention(d, 1, 0, 0, 0, NULL);
    int before = d->nment;
    int n = ann_resolve_coref(d, &err);
    assert_true(n >= 8);

    const ann_mention *m = find(d, 1, 0, "AZEGOV");
    assert_non_null(m);
    assert_string_equal(m->resolved_from, "Aliyev");
    assert_string_equal(m->entry, "coref:name");
    /* Filled in place: the uncoded mention did not gain a twin. */
    int in_s1 = 0;
    for (int i = 0; i < d->nment; i++) in_s1 += d->ment[i].sent == 1;
    assert_int_equal(in_s1, 1);

    /* "He" is the subject of the previous sentence, the chain Aliyev -> he. */
    m = find(d, 2, 0, "AZEGOV");
    assert_non_null(m);
    assert_string_equal(m->resolved_from, "He");
    assert_string_equal(m->entry, "coref:pronoun");
    /* "its" wants a country or organisation: Azerbaijan, not the person. */
    m = find(d, 2, 6, "AZE");
    assert_non_null(m);
    assert_string_equal(m->resolved_from, "its");
    assert_null(find(d, 2, 6, "AZEGOV"));

    /* "The president": the chain's latest titled person (he = Aliyev, President). */
    m = find(d, 3, 0, "AZEGOV");
    assert_non_null(m);
    assert_string_equal(m->resolved_from, "The president");
    /* "him" is not the subject of its own verb: the other president. */
    m = find(d, 3, 3, "IRNGOV");
    assert_non_null(m);
    assert_null(find(d, 3, 3, "AZEGOV"));

    /* Plurals add one mention per member over the same words. */
    assert_non_null(find(d, 4, 0, "AZEGOV"));
    assert_non_null(find(d, 4, 0, "IRNGOV"));
    assert_int_equal(resolved_in(d, 4), 2);
    m = find(d, 5, 0, "IRN");
    assert_non_null(m);
    assert_string_equal(m->resolved_from, "Both countries");
    assert_non_null(find(d, 5, 0, "AZE"));
    assert_int_equal(resolved_in(d, 5), 2);

    /* d->ment stays in reading order. */
    for (int i = 1; i < d->nment; i++)
        assert_true(d->ment[i - 1].sent < d->ment[i].sent ||
                    (d->ment[i - 1].sent == d->ment[i].sent && d->ment[i - 1].first <= d->ment[i].first));
    assert_true(d->nment > before);
    ann_doc_free(d);
}

static const char *const countries[] = {
    /* 0 Iran and Israel declared a ceasefire. */
    "Iran Iran PROPN NNP 4 nsubj | and and CCONJ CC 3 cc | Israel Israel PROPN NNP 1 conj | "
    "declared declare VERB VBD 0 root | a a DET DT 6 det | ceasefire ceasefire NOUN NN 4 obj | . . PUNCT . 4 punct",
    /* 1 They said the truce would hold. */
    "They they PRON PRP 2 nsubj | said say VERB VBD 0 root | the the DET DT 4 det | truce truce NOUN NN 6 nsubj | "
    "would would AUX MD 6 aux | hold hold VERB VB 2 ccomp | . . PUNCT . 2 punct",
    /* 2 Azerbaijan protested, and the ministry summoned the ambassador. */
    "Azerbaijan Azerbaijan PROPN NNP 2 nsubj | protested protest VERB VBD 0 root | , , PUNCT , 7 punct | "
    "and and CCONJ CC 7 cc | the the DET DT 6 det | ministry ministry NOUN NN 7 nsubj | "
    "summoned summon VERB VBD 2 conj | the the DET DT 9 det | ambassador ambassador NOUN NN 7 obj | . . PUNCT . 2 punct",
    /* 3 Azerbaijan said the neighbouring country was involved. */
    "Azerbaijan Azerbaijan PROPN NNP 2 nsubj | said say VERB VBD 0 root | the the DET DT 5 det | "
    "neighbouring neighbouring ADJ JJ 5 amod | country country NOUN NN 7 nsubj:pass | was be AUX VBD 7 aux:pass | "
    "involved involve VERB VBN 2 ccomp | . . PUNCT . 2 punct",
    /* 4 It is clear. */
    "It it PRON PRP 3 expl | is be AUX VBZ 3 cop | clear clear ADJ JJ 0 root | . . PUNCT . 3 punct",
};

static void test_groups_organisations_countries(void **state)
{
    (void)state;
    ann_doc *d = testdoc("2025-06-26", countries, 5);
    ann_err err;
    mention(d, 0, 0, 0, 0, "IRN");
    mention(d, 0, 2, 2, 2, "ISR");
    mention(d, 2, 0, 0, 0, "AZE");
    mention(d, 3, 0, 0, 0, "AZE");
    ann_resolve_coref(d, &err);
    /* "They" after "Iran and Israel": both. */
    assert_non_null(find(d, 1, 0, "IRN"));
    assert_non_null(find(d, 1, 0, "ISR"));
    /* "the ministry": the government of the latest country. */
    const ann_mention *m = find(d, 2, 4, "AZEGOV");
    assert_non_null(m);
    assert_string_equal(m->resolved_from, "the ministry");
    assert_string_equal(m->entry, "coref:description");
    /* "the ambassador": no ambassador was named before; nothing is guessed. */
    assert_int_equal(resolved_in(d, 2), 1);
    /* "the neighbouring country" is not the country named in its own sentence. */
    m = find(d, 3, 2, "ISR");
    assert_non_null(m);
    assert_string_equal(m->resolved_from, "the neighbouring country");
    assert_null(find(d, 3, 2, "AZE"));
    /* Pleonastic "it" is no actor. */
    assert_int_equal(resolved_in(d, 4), 0);
    ann_doc_free(d);
}

static const char *const plurals[] = {
    /* 0 Iran and Israel agreed. */
    "Iran Iran PROPN NNP 4 nsubj | and and CCONJ CC 3 cc | Israel Israel PROPN NNP 1 conj | "
    "agreed agree VERB VBD 0 root | . . PUNCT . 4 punct",
    /* 1 Participants said they were happy. */
    "Participants participant NOUN NNS 2 nsubj | said say VERB VBD 0 root | they they PRON PRP 5 nsubj | "
    "were be AUX VBD 5 cop | happy happy ADJ JJ 2 ccomp | . . PUNCT . 2 punct",
    /* 2 Soldiers entered the country. */
    "Soldiers soldier NOUN NNS 2 nsubj | entered enter VERB VBD 0 root | the the DET DT 4 det | "
    "country country NOUN NN 2 obj | . . PUNCT . 2 punct",
    /* 3 They left. */
    "They they PRON PRP 2 nsubj | left leave VERB VBD 0 root | . . PUNCT . 2 punct",
    /* 4 It is estimated that Justice Thomas agreed. */
    "It it PRON PRP 3 nsubj:pass | is be AUX VBZ 3 aux:pass | estimated estimate VERB VBN 0 root | "
    "that that SCONJ IN 7 mark | Justice Justice PROPN NNP 6 compound | Thomas Thomas PROPN NNP 7 nsubj | "
    "agreed agree VERB VBD 3 ccomp | . . PUNCT . 3 punct",
    /* 5 Justice Roberts said it was his. */
    "Justice Justice PROPN NNP 2 compound | Roberts Roberts PROPN NNP 3 nsubj | said say VERB VBD 0 root | "
    "it it PRON PRP 6 nsubj | was be AUX VBD 6 cop | his his PRON PRP 3 ccomp | . . PUNCT . 3 punct",
};

static void test_blocking_and_sectors(void **state)
{
    (void)state;
    ann_doc *d = testdoc("2025-06-26", plurals, 6);
    ann_err err;
    mention(d, 0, 0, 0, 0, "IRN");
    mention(d, 0, 2, 2, 2, "ISR");
    mention(d, 2, 0, 0, 0, "MIL");
    mention(d, 4, 4, 5, 5, "USAJUD");
    mention(d, 5, 1, 1, 1, "USAJUD");
    ann_resolve_coref(d, &err);
    /* "Participants ... they": people, not the countries of the sentence before. */
    assert_int_equal(resolved_in(d, 1), 0);
    /* "the country" is a country: a sector code (MIL) names none. */
    assert_non_null(find(d, 2, 2, "ISR"));
    assert_null(find(d, 2, 2, "MIL"));
    /* "Soldiers ... They": the plural actor of the sentence before. */
    assert_non_null(find(d, 3, 0, "MIL"));
    /* Passive and copular "it" are no actors; a title ("Justice") is no short name. */
    assert_int_equal(resolved_in(d, 4), 0);
    assert_null(find(d, 5, 0, "USAJUD"));
    assert_null(find(d, 5, 3, "USAJUD"));
    ann_doc_free(d);
}

static const char *const things[] = {
    /* 0 Iran tested a missile and Israel watched it. */
    "Iran Iran PROPN NNP 2 nsubj | tested test VERB VBD 0 root | a a DET DT 4 det | missile missile NOUN NN 2 obj | "
    "and and CCONJ CC 7 cc | Israel Israel PROPN NNP 7 nsubj | watched watch VERB VBD 2 conj | "
    "it it PRON PRP 7 obj | . . PUNCT . 2 punct",
    /* 1 The festival opened and its theme pleased Iran. */
    "The the DET DT 2 det | festival festival NOUN NN 3 nsubj | opened open VERB VBD 0 root | and and CCONJ CC 7 cc | "
    "its its PRON PRP$ 6 nmod:poss | theme theme NOUN NN 7 nsubj | pleased please VERB VBD 3 conj | "
    "Iran Iran PROPN NNP 7 obj | . . PUNCT . 3 punct",
    /* 2 Iran's teacher said it would help. */
    "Iran Iran PROPN NNP 3 nmod:poss | 's 's PART POS 1 case | teacher teacher NOUN NN 4 nsubj | "
    "said say VERB VBD 0 root | it it PRON PRP 7 nsubj | would would AUX MD 7 aux | help help VERB VB 4 ccomp | "
    ". . PUNCT . 4 punct",
};

static const char *const private_persons[] = {
    /* 0 The prosecutor spoke. */
    "The the DET DT 2 det | prosecutor prosecutor NOUN NN 3 nsubj | spoke speak VERB VBD 0 root | . . PUNCT . 3 punct",
    /* 1 Gloria's skin broke and she cried. */
    "Gloria Gloria PROPN NNP 3 nmod:poss | 's 's PART POS 1 case | skin skin NOUN NN 4 nsubj | "
    "broke break VERB VBD 0 root | and and CCONJ CC 7 cc | she she PRON PRP 7 nsubj | cried cry VERB VBD 4 conj | "
    ". . PUNCT . 4 punct",
};

static void test_private_person_blocks(void **state)
{
    (void)state;
    ann_doc *d = testdoc("2025-06-26", private_persons, 2);
    ann_err err;
    mention(d, 0, 0, 1, 1, "JUD");
    ann_resolve_coref(d, &err);
    /* "she" is Gloria, whom no dictionary codes, not the prosecutor. */
    assert_int_equal(resolved_in(d, 1), 0);
    ann_doc_free(d);
}

static void test_it(void **state)
{
    (void)state;
    ann_doc *d = testdoc("2025-06-26", things, 3);
    ann_err err;
    mention(d, 0, 0, 0, 0, "IRN");
    mention(d, 0, 5, 5, 5, "ISR");
    mention(d, 1, 7, 7, 7, "IRN");
    mention(d, 2, 0, 0, 0, "IRN");
    mention(d, 2, 2, 2, 2, "EDU");
    ann_resolve_coref(d, &err);
    /* "watched it": an object "it" is the missile, not a country. */
    assert_int_equal(resolved_in(d, 0), 0);
    /* "The festival opened and its theme": the festival's, not Israel's. */
    assert_int_equal(resolved_in(d, 1), 0);
    /* "Iran's teacher said it would help": a teacher is no "it"; Iran is. */
    assert_non_null(find(d, 2, 4, "IRN"));
    assert_null(find(d, 2, 4, "EDU"));
    ann_doc_free(d);
}

static void test_nothing_to_resolve(void **state)
{
    (void)state;
    /* Pronouns without any coded antecedent stay unresolved; no mention is invented. */
    ann_doc *d = testdoc("2025-06-26", presidents + 1, 3);
    ann_err err;
    assert_int_equal(ann_resolve_coref(d, &err), 0);
    assert_int_equal(d->nment, 0);
    ann_doc_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_names_pronouns_titles_groups),
        cmocka_unit_test(test_groups_organisations_countries),
        cmocka_unit_test(test_blocking_and_sectors),
        cmocka_unit_test(test_it),
        cmocka_unit_test(test_private_person_blocks),
        cmocka_unit_test(test_nothing_to_resolve),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

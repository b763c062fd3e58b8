/* Actor recognition and coding with the shipped dictionaries (data/dict/actors): composition,
 * dates, "former", capitals, possessives, case, acronyms, lemmas, unknown names, discards. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "annalist.h"

static ann_actors *dict;

/* Builds a document through the CoNLL-U reader from a compact spec: tokens separated by
 * spaces, each "form[=lemma][/UPOS[/head/deprel]]"; sentences separated by " || ". */
static ann_doc *doc_from(const char *spec, const char *date)
{
    ann_buf b = {0};
    ann_buf_puts(&b, "# newdoc id = t\n");
    char *copy = strdup(spec);
    char *save = NULL;
    int id = 0;
    for (char *tok = strtok_r(copy, " ", &save); tok; tok = strtok_r(NULL, " ", &save)) {
        if (!strcmp(tok, "||")) {
            ann_buf_puts(&b, "\n");
            id = 0;
            continue;
        }
        char *f[4] = {tok, NULL, NULL, NULL};
        for (int k = 1; k < 4; k++) {
            char *sl = strchr(f[k - 1], '/');
            if (!sl) break;
            *sl = 0;
            f[k] = sl + 1;
        }
        char *eq = strchr(f[0], '=');
        const char *lemma = "_";
        if (eq) { *eq = 0; lemma = eq + 1; }
        ann_buf_printf(&b, "%d\t%s\t%s\t%s\t_\t_\t%s\t%s\t_\t_\n", ++id, f[0], lemma, f[1] ? f[1] : "_",
                       f[2] ? f[2] : "_", f[3] ? f[3] : "_");
    }
    ann_buf_puts(&b, "\n");
    free(copy);
    ann_reader *r = ann_reader_open_mem("t.conllu", b.s, b.len, ANN_FMT_CONLLU, 0);
    ann_doc *d = NULL;
    ann_err e = {0};
    int rc = ann_reader_next(r, &d, &e);
    if (rc != 1) fprintf(stderr, "reader: %s\n%s", e.msg, b.s);
    assert_int_equal(rc, 1);
    ann_reader_close(r);
    ann_buf_free(&b);
    if (date) d->date = ann_arena_strdup(&d->arena, date);
    return d;
}

static const ann_mention *find(const ann_doc *d, const char *text)
{
    for (int i = 0; i < d->nment; i++) {
        const ann_mention *m = &d->ment[i];
        if (strlen(text) == m->end - m->start && !memcmp(d->text + m->start, text, m->end - m->start)) return m;
    }
    return NULL;
}

/* The code of the mention whose text is exactly `text` ("(none)" when absent, "(null)" when
 * recognised but uncoded). */
static const char *code_of(const ann_doc *d, const char *text)
{
    const ann_mention *m = find(d, text);
    if (!m) return "(none)";
    return m->code ? m->code : "(null)";
}

static ann_doc *tagged(const char *spec, const char *date)
{
    ann_doc *d = doc_from(spec, date);
    ann_err e = {0};
    assert_int_equal(ann_actors_tag(dict, d, &e), 0);
    return d;
}

static int setup(void **state)
{
    (void)state;
    ann_err e = {0};
    dict = ann_actors_load_dir(NULL, &e);
    if (!dict) fprintf(stderr, "%s\n", e.msg);
    return dict ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    ann_actors_free(dict);
    return 0;
}

static void test_seed_mentions(void **state)
{
    (void)state;
    ann_doc *d = tagged(
        "The/DET Iranian/ADJ presidency/NOUN said/VERB that/SCONJ Azerbaijan/PROPN had/AUX denied/VERB "
        "them/PRON during/ADP a/DET call/NOUN between/ADP Iranian/ADJ President/PROPN Masoud/PROPN "
        "Pezeshkian/PROPN and/CCONJ Azerbaijani/ADJ President/PROPN Ilham/PROPN Aliyev/PROPN ./PUNCT || "
        "On/ADP June/PROPN 14/NUM ,/PUNCT Azerbaijani/ADJ Foreign/PROPN Minister/PROPN Jeyhun/PROPN "
        "Bayramov/PROPN reassured/VERB Iran/PROPN ./PUNCT || "
        "Tehran/PROPN/3/nsubj has/AUX long/ADV harbored/VERB/0/root concerns/NOUN/4/obj about/ADP "
        "Israel/PROPN ./PUNCT || "
        "Iranian/ADJ officials=official/NOUN voiced/VERB suspicions/NOUN over/ADP Israeli/ADJ "
        "military/ADJ access/NOUN ./PUNCT || "
        "While/SCONJ Baku/PROPN/3/nsubj maintains/VERB/0/root it/PRON is/AUX neutral/ADJ ./PUNCT || "
        "The/DET Azerbaijani/ADJ government/NOUN 's/PART readout/NOUN omitted/VERB it/PRON ./PUNCT || "
        "According/VERB to/ADP the/DET Iranian/ADJ presidential/ADJ office/NOUN ,/PUNCT "
        "President/PROPN Pezeshkian/PROPN pressed=press/VERB Aliyev/PROPN ./PUNCT",
        "2025-06-26");
    assert_string_equal(code_of(d, "Iranian presidency"), "IRNGOV");
    assert_string_equal(code_of(d, "Iranian President Masoud Pezeshkian"), "IRNGOV");
    assert_string_equal(code_of(d, "Azerbaijani President Ilham Aliyev"), "AZEGOV");
    assert_string_equal(code_of(d, "Azerbaijani Foreign Minister Jeyhun Bayramov"), "AZEGOV");
    assert_string_equal(code_of(d, "Azerbaijan"), "AZE");
    assert_string_equal(code_of(d, "Iran"), "IRN");
    assert_string_equal(code_of(d, "Israel"), "ISR");
    assert_string_equal(code_of(d, "Tehran"), "IRNGOV");
    assert_string_equal(code_of(d, "Baku"), "AZEGOV");
    assert_string_equal(code_of(d, "Iranian officials"), "IRNGOV");
    assert_string_equal(code_of(d, "Israeli military"), "ISRMIL");
    assert_string_equal(code_of(d, "Azerbaijani government"), "AZEGOV");
    assert_string_equal(code_of(d, "Iranian presidential office"), "IRNGOV");
    assert_string_equal(code_of(d, "President Pezeshkian"), "IRNGOV");
    assert_string_equal(code_of(d, "Aliyev"), "AZEGOV");
    /* "pressed" (lemma "press") is a verb, not the media. */
    assert_string_equal(code_of(d, "pressed"), "(none)");
    /* Provenance, head and token range. */
    const ann_mention *m = find(d, "Azerbaijani Foreign Minister Jeyhun Bayramov");
    assert_non_null(m->entry);
    assert_non_null(strstr(m->entry, "countries.txt:"));
    assert_non_null(strstr(m->entry, "agents.txt:"));
    assert_int_equal(m->last - m->first, 4);
    assert_int_equal(m->head, m->last); /* untagged tree: the last word */
    m = find(d, "Tehran");
    assert_int_equal(m->head, m->first);
    ann_doc_free(d);
}

static void test_dates_and_former(void **state)
{
    (void)state;
    const char *s = "Hassan/PROPN Rouhani/PROPN spoke/VERB ./PUNCT || Former/ADJ President/PROPN "
                    "Mahmoud/PROPN Ahmadinejad/PROPN spoke/VERB ./PUNCT || the/DET former/ADJ "
                    "Iranian/ADJ foreign/ADJ minister/NOUN spoke/VERB ./PUNCT";
    ann_doc *d = tagged(s, "2015-05-01");
    assert_string_equal(code_of(d, "Hassan Rouhani"), "IRNGOV");
    assert_string_equal(code_of(d, "Former President Mahmoud Ahmadinejad"), "IRNELI");
    assert_string_equal(code_of(d, "former Iranian foreign minister"), "IRNELI");
    ann_doc_free(d);
    d = tagged(s, "2025-06-26");
    assert_string_equal(code_of(d, "Hassan Rouhani"), "IRNELI");
    ann_doc_free(d);
    d = tagged(s, "2010-01-01");
    assert_string_equal(code_of(d, "Former President Mahmoud Ahmadinejad"), "IRNELI");
    ann_doc_free(d);
    /* Movements that became governments. */
    d = tagged("The/DET Taliban/PROPN attacked/VERB ./PUNCT", "2019-01-01");
    assert_string_equal(code_of(d, "Taliban"), "AFGREBTAL");
    ann_doc_free(d);
    d = tagged("The/DET Taliban/PROPN attacked/VERB ./PUNCT", "2023-01-01");
    assert_string_equal(code_of(d, "Taliban"), "AFGGOV");
    ann_doc_free(d);
}

static void test_capitals_and_possessives(void **state)
{
    (void)state;
    ann_doc *d = tagged("Protests/NOUN/3/nsubj erupted/VERB/0/root in/ADP/4/case Tehran/PROPN/2/obl ./PUNCT/2/punct || "
                        "Iran/PROPN 's/PART foreign/ADJ ministry/NOUN said/VERB so/ADV ./PUNCT || "
                        "They/PRON watched/VERB/0/root the/DET Beijing/PROPN/5/compound Olympics/PROPN/2/obj ./PUNCT/2/punct",
                        "2025-06-26");
    assert_string_equal(code_of(d, "Tehran"), "IRN");
    assert_string_equal(code_of(d, "Iran 's foreign ministry"), "IRNGOV");
    assert_string_equal(code_of(d, "Beijing"), "CHN");
    ann_doc_free(d);
}

static void test_country_from_the_tree(void **state)
{
    (void)state;
    /* "Iran 's new foreign minister arrived" and an apposition to a known person. */
    ann_doc *d = tagged("Iran/PROPN/5/nmod:poss 's/PART/1/case new/ADJ/5/amod foreign/ADJ/5/amod "
                        "minister/NOUN/6/nsubj arrived/VERB/0/root ./PUNCT/6/punct || "
                        "The/DET/2/det minister/NOUN/7/nsubj ,/PUNCT/4/punct Jeyhun/PROPN/2/appos "
                        "Bayramov/PROPN/4/flat ,/PUNCT/4/punct spoke/VERB/0/root || "
                        "The/DET/2/det minister/NOUN/3/nsubj spoke/VERB/0/root",
                        "2025-06-26");
    assert_string_equal(code_of(d, "Iran 's new foreign minister"), "IRNGOV");
    assert_string_equal(code_of(d, "Iran"), "(none)"); /* merged into the minister */
    assert_string_equal(code_of(d, "Jeyhun Bayramov"), "AZEGOV");
    const ann_mention *m = NULL;
    for (int i = 0; i < d->nment; i++)
        if (d->ment[i].sent == 1 && d->ment[i].first == 1) m = &d->ment[i];
    assert_non_null(m);
    assert_string_equal(m->code, "AZEGOV"); /* "The minister" takes the appositive's country */
    for (int i = 0; i < d->nment; i++)
        if (d->ment[i].sent == 2) assert_string_equal(d->ment[i].code, "GOV"); /* no link, no country */
    ann_doc_free(d);
}

static void test_coordination_and_places(void **state)
{
    (void)state;
    /* "US and British activists protested", "ministers from the Georgian government arrived",
     * "the mayor of the city of Nablus was freed", "leaders of Egypt's Muslim Brotherhood" */
    ann_doc *d = tagged("US/PROPN/4/compound and/CCONJ/3/cc British/ADJ/1/conj activists/NOUN/5/nsubj "
                        "protested/VERB/0/root || "
                        "ministers/NOUN/6/nsubj from/ADP/5/case the/DET/5/det Georgian/ADJ/5/amod "
                        "government/NOUN/1/nmod arrived/VERB/0/root || "
                        "the/DET/2/det mayor/NOUN/9/nsubj:pass of/ADP/5/case the/DET/5/det city/NOUN/2/nmod "
                        "of/ADP/7/case Nablus/PROPN/5/nmod was/AUX/9/aux:pass freed/VERB/0/root || "
                        "leaders/NOUN/0/root of/ADP/6/case Egypt/PROPN/6/nmod:poss 's/PART/3/case "
                        "Muslim/PROPN/6/compound Brotherhood/PROPN/1/nmod",
                        "2025-06-26");
    assert_string_equal(code_of(d, "British activists"), "GBROPP");
    assert_string_equal(code_of(d, "US"), "USAOPP");
    assert_string_equal(code_of(d, "ministers"), "GEOGOV");
    assert_string_equal(code_of(d, "Georgian government"), "GEOGOV");
    assert_string_equal(code_of(d, "mayor of the city of Nablus"), "PSEGOV");
    /* the country possesses the organization; the leaders are the organization's */
    assert_string_equal(code_of(d, "leaders"), "IMGMUSGOV");
    assert_string_equal(code_of(d, "Egypt"), "EGY");
    ann_doc_free(d);
}

static void test_case_and_acronyms(void **state)
{
    (void)state;
    ann_doc *d = tagged("We/PRON ate/VERB turkey/NOUN in/ADP Turkey/PROPN ./PUNCT || "
                        "Who/PRON warned/VERB the/DET WHO/PROPN ?/PUNCT || "
                        "us/PRON and/CCONJ the/DET US/PROPN",
                        "2025-06-26");
    assert_string_equal(code_of(d, "turkey"), "(none)");
    assert_string_equal(code_of(d, "Turkey"), "TUR");
    assert_string_equal(code_of(d, "Who"), "(none)");
    assert_string_equal(code_of(d, "WHO"), "IGOUNOHLH");
    assert_string_equal(code_of(d, "us"), "(none)");
    assert_string_equal(code_of(d, "US"), "USA");
    ann_doc_free(d);
}

static void test_orgs_and_agents(void **state)
{
    (void)state;
    ann_doc *d = tagged("UN/PROPN troops/NOUN and/CCONJ Hamas/PROPN officials=official/NOUN met/VERB "
                        "the/DET IRGC/PROPN ./PUNCT || The/DET government/NOUN forces=force/VERB "
                        "talks/NOUN ./PUNCT || Israeli/ADJ soldiers=soldier/NOUN killed/VERB "
                        "Palestinian/ADJ civilians=civilian/NOUN ./PUNCT",
                        "2025-06-26");
    assert_string_equal(code_of(d, "UN troops"), "IGOUNOMIL");
    assert_string_equal(code_of(d, "Hamas officials"), "PSEREBHMSGOV");
    assert_string_equal(code_of(d, "IRGC"), "IRNMIL");
    assert_string_equal(code_of(d, "government"), "GOV"); /* "forces" is the verb here */
    assert_string_equal(code_of(d, "Israeli soldiers"), "ISRMIL");
    assert_string_equal(code_of(d, "Palestinian civilians"), "PSECVL");
    ann_doc_free(d);
    d = tagged("Hezbollah/PROPN leader/NOUN Naim/PROPN Qassem/PROPN spoke/VERB ./PUNCT", "2025-06-26");
    assert_string_equal(code_of(d, "Hezbollah leader Naim Qassem"), "LBNREBHEZ");
    ann_doc_free(d);
}

static void test_unknown_names(void **state)
{
    (void)state;
    ann_doc *d = tagged("Zorblax/PROPN Quintavalle/PROPN met/VERB Iranian/ADJ Defence/PROPN "
                        "Minister/PROPN Xyzzy/PROPN Plugh/PROPN on/ADP Monday/PROPN ./PUNCT",
                        "2025-06-26");
    assert_string_equal(code_of(d, "Zorblax Quintavalle"), "(null)");
    /* A titled unknown person is coded from the title and the country. */
    assert_string_equal(code_of(d, "Iranian Defence Minister Xyzzy Plugh"), "IRNGOV");
    assert_string_equal(code_of(d, "Monday"), "(none)");
    const ann_mention *m = find(d, "Zorblax Quintavalle");
    assert_null(m->entry);
    ann_doc_free(d);
}

static void test_tag_is_repeatable(void **state)
{
    (void)state;
    ann_doc *d = tagged("Iran/PROPN and/CCONJ Israel/PROPN", "2025-06-26");
    int n = d->nment;
    ann_err e = {0};
    assert_int_equal(ann_actors_tag(dict, d, &e), 0);
    assert_int_equal(d->nment, n);
    assert_int_equal(n, 2);
    ann_doc_free(d);
}

static void test_stats(void **state)
{
    (void)state;
    ann_actors_stats st;
    ann_actors_stats_get(dict, &st);
    assert_int_equal(st.warnings, 0);
    assert_true(st.places >= 249 * 2); /* every ISO 3166-1 entry: a name and more */
    assert_true(st.actors >= 300);
    assert_true(st.orgs >= 80);
    assert_true(st.agents >= 20);
    assert_true(st.bytes > 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_seed_mentions),   cmocka_unit_test(test_dates_and_former),
        cmocka_unit_test(test_capitals_and_possessives), cmocka_unit_test(test_country_from_the_tree),
        cmocka_unit_test(test_case_and_acronyms), cmocka_unit_test(test_coordination_and_places),
        cmocka_unit_test(test_orgs_and_agents), cmocka_unit_test(test_unknown_names),
        cmocka_unit_test(test_tag_is_repeatable), cmocka_unit_test(test_stats),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}

/* The TABARI/PETRARCH dictionary readers on small hand-written files: synonyms, dated codes,
 * names sharing a later code line, agents with !MACRO! and {plural} forms, discards, and
 * malformed lines skipped with a count (never fatal). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "annalist.h"

static char dir[64];

static char *write_file(const char *name, const char *text)
{
    char *p = malloc(strlen(dir) + strlen(name) + 2);
    sprintf(p, "%s/%s", dir, name);
    FILE *f = fopen(p, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
    return p;
}

static const char actors[] =
    "# a comment\n"
    "<!-- an XML-style\n"
    "comment block -->\n"
    "[ORPHAN]\n"
    "FREEDONIA_ [FRD]\n"
    "+FREEDONIAN_\n"
    "+FREEDONIA'S\n"
    "RUFUS_T._FIREFLY_  # a dated leader\n"
    "\t[FRDELI 19300101-19330101]\n"
    "\t[FRDGOV > 19330101]\n"
    "+FIREFLY\n"
    "TRENTINO_\n"
    "+AMBASSADOR_TRENTINO\n"
    "\t[SYLGOV <19340101]\n"
    "\t[SYLELI]\n"
    "SYLVANIA [SYL] [SYLREB 100101-110101]\n"
    "BAD_DATE [XXX 2004017-20061201]\n"
    "+\n"
    "NOBODY_HERE\n";

static const char agents[] =
    "!PERSON! = MAN, MEN, WOMAN, WOMEN\n"
    "!MINIST! = MINISTER, MINISTRY\n"
    "FOREIGN_!MINIST! [~GOV]\n"
    "SPOKES!PERSON! [~GOV]\n"
    "SOLDIER {} [~MIL]\n"
    "MOUSE {MICE} [~CVL]\n"
    "BROKEN_AGENT ~GOV\n"
    "OTHER_BROKEN [~ENV}\n";

static const char discards[] =
    "DUCK SOUP\n"
    "+HORSE FEATHERS\n";

static ann_doc *doc(const char *conllu)
{
    ann_reader *r = ann_reader_open_mem("t.conllu", conllu, strlen(conllu), ANN_FMT_CONLLU, 0);
    ann_doc *d = NULL;
    ann_err e = {0};
    assert_int_equal(ann_reader_next(r, &d, &e), 1);
    ann_reader_close(r);
    return d;
}

/* One sentence of space-separated words, untagged. */
static ann_doc *words(const char *s, const char *date)
{
    ann_buf b = {0};
    char *copy = strdup(s), *save = NULL;
    int id = 0;
    for (char *w = strtok_r(copy, " ", &save); w; w = strtok_r(NULL, " ", &save))
        ann_buf_printf(&b, "%d\t%s\t_\t_\t_\t_\t_\t_\t_\t_\n", ++id, w);
    ann_buf_puts(&b, "\n");
    ann_doc *d = doc(b.s);
    ann_buf_free(&b);
    free(copy);
    if (date) d->date = ann_arena_strdup(&d->arena, date);
    return d;
}

static const char *code_at(const ann_doc *d, int first)
{
    for (int i = 0; i < d->nment; i++)
        if (d->ment[i].first == first) return d->ment[i].code ? d->ment[i].code : "(null)";
    return "(none)";
}

static ann_actors *load(void)
{
    char *a = write_file("t.actors.txt", actors);
    char *g = write_file("t.agents.txt", agents);
    char *x = write_file("t.discards.txt", discards);
    const char *af[] = {a}, *gf[] = {g}, *xf[] = {x};
    ann_err e = {0};
    ann_actors *dict = ann_actors_load_petrarch(af, 1, gf, 1, xf, 1, &e);
    assert_non_null(dict);
    free(a);
    free(g);
    free(x);
    return dict;
}

static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/ann-actors-XXXXXX");
    return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    const char *names[] = {"t.actors.txt", "t.agents.txt", "t.discards.txt"};
    char p[128];
    for (int i = 0; i < 3; i++) {
        snprintf(p, sizeof p, "%s/%s", dir, names[i]);
        unlink(p);
    }
    rmdir(dir);
    return 0;
}

static void test_counts_and_warnings(void **state)
{
    (void)state;
    ann_actors *dict = load();
    ann_actors_stats st;
    ann_actors_stats_get(dict, &st);
    /* Malformed: BAD_DATE's date, the empty '+', the orphan code line, NOBODY_HERE (no code
     * ever), BROKEN_AGENT (no brackets), OTHER_BROKEN (bad bracket). */
    assert_int_equal(st.warnings, 6);
    /* Accepted entry lines: actors 12 (names FREEDONIA, RUFUS_T._FIREFLY, TRENTINO, SYLVANIA;
     * synonyms FREEDONIAN, FREEDONIA'S, FIREFLY, AMBASSADOR_TRENTINO; 4 code lines), agents 6
     * (2 macros, 4 agents), discards 2. */
    assert_int_equal(st.lines, 12 + 6 + 2);
    assert_int_equal(st.agents, 4);
    assert_int_equal(st.discards, 2);
    assert_int_equal(st.actors, 4); /* FREEDONIA, FIREFLY, TRENTINO, SYLVANIA */
    ann_actors_free(dict);
}

static void test_codes(void **state)
{
    (void)state;
    ann_actors *dict = load();
    ann_err e = {0};
    ann_doc *d = words("Freedonian soldiers met Rufus T. Firefly and Ambassador Trentino in Sylvania", "1935-06-01");
    assert_int_equal(ann_actors_tag(dict, d, &e), 0);
    assert_string_equal(code_at(d, 0), "FRDMIL");      /* actor + plural agent */
    assert_string_equal(code_at(d, 3), "FRDGOV");      /* dated: after 1933 */
    assert_string_equal(code_at(d, 7), "SYLELI");      /* synonym sharing codes; after 1934 */
    assert_string_equal(code_at(d, 10), "SYL");
    ann_doc_free(d);
    d = words("Firefly and Trentino and Sylvania", "1931-01-01");
    assert_int_equal(ann_actors_tag(dict, d, &e), 0);
    assert_string_equal(code_at(d, 0), "FRDELI");
    assert_string_equal(code_at(d, 2), "SYLGOV");
    ann_doc_free(d);
    d = words("Sylvania", "2010-06-01");
    assert_int_equal(ann_actors_tag(dict, d, &e), 0);
    assert_string_equal(code_at(d, 0), "SYLREB");
    ann_doc_free(d);
    /* Macros expanded; explicit plural; agents match any case. */
    d = words("Freedonia 's foreign ministry and Sylvania spokeswomen and Freedonia mice", "1935-06-01");
    assert_int_equal(ann_actors_tag(dict, d, &e), 0);
    assert_string_equal(code_at(d, 0), "FRDGOV");
    assert_string_equal(code_at(d, 5), "SYLGOV");
    assert_string_equal(code_at(d, 8), "FRDCVL");
    ann_doc_free(d);
    ann_actors_free(dict);
}

static void test_discards(void **state)
{
    (void)state;
    ann_actors *dict = load();
    ann_err e = {0};
    ann_doc *d = words("Freedonia loves duck soup", NULL);
    assert_int_equal(ann_actors_tag(dict, d, &e), 0);
    assert_int_equal(d->nment, 0);
    ann_doc_free(d);
    d = doc("1\tFreedonia\t_\t_\t_\t_\t_\t_\t_\t_\n\n1\tHorse\t_\t_\t_\t_\t_\t_\t_\t_\n"
            "2\tfeathers\t_\t_\t_\t_\t_\t_\t_\t_\n\n");
    assert_int_equal(ann_actors_tag(dict, d, &e), 0);
    assert_int_equal(d->nment, 0); /* story-level: the whole document */
    ann_doc_free(d);
    d = words("Freedonia loves soup", NULL);
    assert_int_equal(ann_actors_tag(dict, d, &e), 0);
    assert_int_equal(d->nment, 1);
    ann_doc_free(d);
    ann_actors_free(dict);
}

static void test_missing_file(void **state)
{
    (void)state;
    const char *af[] = {"/nonexistent/x.actors.txt"};
    ann_err e = {0};
    assert_null(ann_actors_load_petrarch(af, 1, NULL, 0, NULL, 0, &e));
    assert_true(e.code != 0);
    assert_non_null(strstr(e.msg, "/nonexistent/x.actors.txt"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_counts_and_warnings),
        cmocka_unit_test(test_codes),
        cmocka_unit_test(test_discards),
        cmocka_unit_test(test_missing_file),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}

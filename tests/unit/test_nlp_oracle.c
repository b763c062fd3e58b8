/* The arc-hybrid transition system: following zero-cost moves of the dynamic oracle rebuilds
 * every projective gold tree exactly; lifting makes non-projective trees projective. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nlp/nlp_internal.h"

enum { NLAB = 5, ROOT = 0 };

/* Runs the oracle on gold heads/labels [1..n]; returns 1 when the tree is rebuilt exactly. */
static int oracle_rebuilds(int n, const int *gh, const int *gl)
{
    nlp_state s;
    nlp_state_init(&s, n);
    int steps = 0;
    while (!nlp_state_final(&s)) {
        int chosen = -1;
        for (int t = 0; t < 1 + 2 * NLAB && chosen < 0; t++)
            if (nlp_trans_valid(&s, t, ROOT) && nlp_trans_cost(&s, t, gh, gl) == 0) chosen = t;
        if (chosen < 0 || ++steps > 2 * n) {
            nlp_state_free(&s);
            return 0;
        }
        nlp_trans_apply(&s, chosen);
    }
    int ok = steps == 2 * n;
    for (int i = 1; i <= n; i++) ok = ok && s.head[i] == gh[i] && s.lab[i] == gl[i];
    nlp_state_free(&s);
    return ok;
}

static int projective(int n, const int *h)
{
    for (int d = 1; d <= n; d++) {
        int a = h[d] < d ? h[d] : d, z = h[d] < d ? d : h[d];
        for (int k = a + 1; k < z; k++) {
            int x = k, steps = 0;
            while (x != h[d] && x != 0 && steps++ <= n) x = h[x];
            if (x != h[d] && h[d] != 0) return 0;
        }
    }
    return 1;
}

static void test_handmade_trees(void **state)
{
    (void)state;
    /* "Iran denied the claims ." : denied root, Iran nsubj, claims obj, the det, . punct */
    int h1[] = {-1, 2, 0, 4, 2, 2}, l1[] = {-1, 1, ROOT, 3, 2, 4};
    assert_true(oracle_rebuilds(5, h1, l1));
    /* One word. */
    int h2[] = {-1, 0}, l2[] = {-1, ROOT};
    assert_true(oracle_rebuilds(1, h2, l2));
    /* Root in the middle with dependents on both sides, nested right branches. */
    int h3[] = {-1, 3, 3, 0, 3, 6, 4, 6}, l3[] = {-1, 1, 2, ROOT, 3, 4, 1, 2};
    assert_true(oracle_rebuilds(7, h3, l3));
    /* Left-branching chain. */
    int h4[] = {-1, 2, 3, 4, 0}, l4[] = {-1, 1, 1, 1, ROOT};
    assert_true(oracle_rebuilds(4, h4, l4));
}

static void test_costs_are_gold_arcs_lost(void **state)
{
    (void)state;
    int gh[] = {-1, 2, 0, 2}, gl[] = {-1, 1, ROOT, 2};
    nlp_state s;
    nlp_state_init(&s, 3);
    /* Stack [0], buffer [1 2 3]: only SHIFT is possible and it loses nothing. */
    assert_false(nlp_trans_valid(&s, nlp_left(1), ROOT));
    assert_int_equal(nlp_trans_cost(&s, NLP_SHIFT, gh, gl), 0);
    nlp_trans_apply(&s, NLP_SHIFT);
    /* Stack [0 1], buffer [2 3]: LEFT-1 is gold; LEFT with a wrong label costs 1; SHIFT would lose
     * the arcs 2 -> 1 and (once 2 sits above 1) 0 -> 2. */
    assert_int_equal(nlp_trans_cost(&s, nlp_left(1), gh, gl), 0);
    assert_int_equal(nlp_trans_cost(&s, nlp_left(2), gh, gl), 1);
    assert_int_equal(nlp_trans_cost(&s, NLP_SHIFT, gh, gl), 2);  /* and 0 -> 2 */
    /* The root takes its dependent only when the buffer is empty. */
    assert_false(nlp_trans_valid(&s, nlp_right(ROOT), ROOT));
    nlp_state_free(&s);
}

static void test_projectivize(void **state)
{
    (void)state;
    /* 1 <- 3 crosses 2 -> 4 (2 headed by 0 through 4? build a classic crossing). */
    int h[] = {-1, 3, 0, 2, 1};   /* arc 1 -> 4 crosses 2 -> 3 */
    assert_false(projective(4, h));
    int lifts = nlp_projectivize(4, h);
    assert_true(lifts > 0);
    assert_true(projective(4, h));
    int l[] = {-1, 1, ROOT, 2, 3};
    assert_true(oracle_rebuilds(4, h, l));
}

/* Every sentence of a treebank: projective ones are rebuilt as they are, the others after lifting. */
static void test_treebank(void **state)
{
    (void)state;
    const char *shared = getenv("SHARED");
    char path[4096];
    snprintf(path, sizeof path, "%s/data/ud/en_ewt-ud-dev.conllu", shared ? shared : "../shared");
    ann_err err;
    ann_reader *r = ann_reader_open(path, ANN_FMT_CONLLU, 0, &err);
    if (!r) {
        printf("SKIPPED treebank oracle test: %s not present\n", path);
        skip();
    }
    ann_doc *d;
    int rc, sents = 0, nonproj = 0;
    while ((rc = ann_reader_next(r, &d, &err)) != 0) {
        if (rc < 0) continue;
        for (int si = 0; si < d->nsent; si++) {
            const ann_sentence *s = &d->sent[si];
            int n = s->ntok;
            int *gh = malloc(sizeof(int) * (size_t)(n + 1)), *gl = malloc(sizeof(int) * (size_t)(n + 1));
            gh[0] = gl[0] = -1;
            for (int i = 0; i < n; i++) {
                gh[i + 1] = s->tok[i].head;
                /* Labels folded onto the few the test system has: what matters is that
                 * they are reproduced. */
                int id = (int)(ann_hash64(s->tok[i].deprel, strlen(s->tok[i].deprel), 0) % 97);
                gl[i + 1] = !strcmp(s->tok[i].deprel, "root") ? ROOT : 1 + id % (NLAB - 1);
            }
            if (!projective(n, gh)) {
                nonproj++;
                nlp_projectivize(n, gh);
                assert_true(projective(n, gh));
            }
            if (!oracle_rebuilds(n, gh, gl)) fail_msg("oracle fails on %s", s->sent_id);
            sents++;
            free(gh);
            free(gl);
        }
        ann_doc_free(d);
    }
    ann_reader_close(r);
    assert_int_equal(sents, 2001);
    assert_true(nonproj > 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_handmade_trees),
        cmocka_unit_test(test_costs_are_gold_arcs_lost),
        cmocka_unit_test(test_projectivize),
        cmocka_unit_test(test_treebank),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* Model files: a tiny model trains, saves, loads and annotates; every kind of damaged file
 * (missing, truncated, corrupted, wrong magic, wrong version, bad payload) is refused with a
 * message naming the file and the problem, never a crash. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "nlp/nlp_internal.h"

static const char treebank[] =
    "# sent_id = a\n"
    "1\tIran\tIran\tPROPN\tNNP\tNumber=Sing\t2\tnsubj\t_\t_\n"
    "2\tdenied\tdeny\tVERB\tVBD\tTense=Past\t0\troot\t_\t_\n"
    "3\tthe\tthe\tDET\tDT\t_\t4\tdet\t_\t_\n"
    "4\tclaims\tclaim\tNOUN\tNNS\tNumber=Plur\t2\tobj\t_\tSpaceAfter=No\n"
    "5\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n"
    "\n"
    "# sent_id = b\n"
    "1\tThe\tthe\tDET\tDT\t_\t2\tdet\t_\t_\n"
    "2\tminister\tminister\tNOUN\tNN\tNumber=Sing\t3\tnsubj\t_\t_\n"
    "3\tpressed\tpress\tVERB\tVBD\tTense=Past\t0\troot\t_\t_\n"
    "4\tBaku\tBaku\tPROPN\tNNP\tNumber=Sing\t3\tobj\t_\tSpaceAfter=No\n"
    "5\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_\n"
    "\n"
    "# sent_id = c\n"
    "1\tSurveys\tsurvey\tNOUN\tNNS\tNumber=Plur\t2\tnsubj\t_\t_\n"
    "2\tcounted\tcount\tVERB\tVBD\tTense=Past\t0\troot\t_\t_\n"
    "3\t1,500\t1500\tNUM\tCD\tNumType=Card\t4\tnummod\t_\t_\n"
    "4\tcases\tcase\tNOUN\tNNS\tNumber=Plur\t2\tobj\t_\t_\n"
    "5\tin\tin\tADP\tIN\t_\t6\tcase\t_\t_\n"
    "6\t3\t3\tNUM\tCD\tNumType=Card\t2\tobl\t_\t_\n"
    "7\tor\tor\tCCONJ\tCC\t_\t8\tcc\t_\t_\n"
    "8\t7.5\t7.5\tNUM\tCD\tNumType=Card\t6\tconj\t_\t_\n"
    "9\tweeks\tweek\tNOUN\tNNS\tNumber=Plur\t6\tnmod\t_\t_\n"
    "\n";

static char dir[64], model[128];

static void write_file(const char *path, const void *p, size_t n)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(p, 1, n, f), n);
    fclose(f);
}

static char *slurp(const char *path, size_t *n)
{
    ann_err e;
    char *s = ann_read_file(path, n, 0, &e);
    assert_non_null(s);
    return s;
}

static int setup(void **state)
{
    (void)state;
    strcpy(dir, "/tmp/annalist-nlp-XXXXXX");
    if (!mkdtemp(dir)) return -1;
    char tb[128];
    snprintf(tb, sizeof tb, "%s/tb.conllu", dir);
    snprintf(model, sizeof model, "%s/m.annm", dir);
    write_file(tb, treebank, sizeof treebank - 1);
    const char *train[] = {tb};
    ann_train_opts o = {.train = train, .ntrain = 1, .dev = train, .ndev = 1, .out = model,
                        .tag_epochs = 3, .parse_epochs = 3, .jackknife = 1, .seed = 7};
    ann_err err = {0};
    if (ann_nlp_train(&o, &err) < 0) {
        fprintf(stderr, "%s\n", err.msg);
        return -1;
    }
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[256];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd);
}

static void test_roundtrip_and_annotate(void **state)
{
    (void)state;
    ann_err err = {0};
    ann_model *m = ann_model_load(model, &err);
    assert_non_null(m);
    ann_doc *d = ann_doc_new();
    ann_doc_set_text(d, "Iran denied the claims.", 23);
    ann_sentence *s = ann_doc_add_sentence(d, 5);
    const char *w[] = {"Iran", "denied", "the", "claims", "."};
    for (int i = 0; i < 5; i++) s->tok[i].form = ann_arena_strdup(&d->arena, w[i]);
    assert_int_equal(ann_nlp_tag(m, d, &err), 0);
    assert_int_equal(ann_nlp_parse(m, d, &err), 0);
    /* Learnt from the very sentence: the tags, lemmas and tree come back. */
    assert_string_equal(s->tok[1].upos, "VERB");
    assert_string_equal(s->tok[1].lemma, "deny");
    assert_string_equal(s->tok[3].lemma, "claim");
    int roots = 0;
    for (int i = 0; i < 5; i++) {
        assert_true(s->tok[i].head >= 0 && s->tok[i].head <= 5 && s->tok[i].head != i + 1);
        assert_non_null(s->tok[i].deprel);
        roots += s->tok[i].head == 0;
    }
    assert_int_equal(roots, 1);
    ann_doc_free(d);
    ann_model_free(m);
}

static int tag_id(const ann_model *m, const char *xpos)
{
    for (int i = 0; i < m->ntag; i++)
        if (!strcmp(m->xpos[i], xpos)) return i;
    fail_msg("no tag %s", xpos);
    return -1;
}

/* Lemmas of words the treebank never had: learnt rules, casing, numbers. */
static void test_lemmas_of_new_words(void **state)
{
    (void)state;
    ann_err err = {0};
    ann_model *m = ann_model_load(model, &err);
    assert_non_null(m);
    char buf[256];
    int cd = tag_id(m, "CD"), nns = tag_id(m, "NNS"), vbd = tag_id(m, "VBD"), nnp = tag_id(m, "NNP");
    assert_string_equal(nlp_lemma(m, "2,000,000", cd, buf, sizeof buf), "2000000");
    assert_string_equal(nlp_lemma(m, "20.5", cd, buf, sizeof buf), "20.5");
    /* Known words come from the lexicon, also through lowercasing. */
    assert_string_equal(nlp_lemma(m, "claims", nns, buf, sizeof buf), "claim");
    assert_string_equal(nlp_lemma(m, "Claims", nns, buf, sizeof buf), "claim");
    /* Unseen: the -s/-ed rules of the tag, lowercase for common nouns, case kept for names. */
    assert_string_equal(nlp_lemma(m, "Reports", nns, buf, sizeof buf), "report");
    assert_string_equal(nlp_lemma(m, "supplied", vbd, buf, sizeof buf), "supply");   /* as denied */
    assert_string_equal(nlp_lemma(m, "addressed", vbd, buf, sizeof buf), "address"); /* as pressed */
    assert_string_equal(nlp_lemma(m, "Tehran", nnp, buf, sizeof buf), "Tehran");
    ann_model_free(m);
}

static void test_same_seed_same_file(void **state)
{
    (void)state;
    char tb[128], m2[128];
    snprintf(tb, sizeof tb, "%s/tb.conllu", dir);
    snprintf(m2, sizeof m2, "%s/m2.annm", dir);
    const char *train[] = {tb};
    ann_train_opts o = {.train = train, .ntrain = 1, .dev = train, .ndev = 1, .out = m2,
                        .tag_epochs = 3, .parse_epochs = 3, .jackknife = 1, .seed = 7};
    ann_err err = {0};
    assert_int_equal(ann_nlp_train(&o, &err), 0);
    size_t a, b;
    char *x = slurp(model, &a), *y = slurp(m2, &b);
    assert_int_equal(a, b);
    assert_memory_equal(x, y, a);
    free(x);
    free(y);
}

/* Loads `bytes` written to a file and expects failure with `want` in the message. */
static void expect_refused(const char *name, const char *bytes, size_t n, const char *want)
{
    char path[160];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    write_file(path, bytes, n);
    ann_err err = {0};
    ann_model *m = ann_model_load(path, &err);
    if (m) fail_msg("%s: loaded a bad model", name);
    if (!strstr(err.msg, want) || !strstr(err.msg, path)) fail_msg("%s: message '%s' lacks '%s' or the path", name, err.msg, want);
}

static void test_bad_files(void **state)
{
    (void)state;
    size_t n;
    char *good = slurp(model, &n);
    ann_err err = {0};
    assert_null(ann_model_load("/nonexistent/model.annm", &err));
    assert_non_null(strstr(err.msg, "/nonexistent/model.annm"));
    assert_null(ann_model_load(NULL, &err));
    assert_non_null(strstr(err.msg, "not found"));

    expect_refused("empty.annm", good, 0, "truncated");
    expect_refused("short.annm", good, 20, "truncated");
    expect_refused("half.annm", good, n / 2, "truncated");
    expect_refused("lastbyte.annm", good, n - 1, "truncated");

    char *bad = malloc(n + 8);
    memcpy(bad, good, n);
    memcpy(bad + n, "garbage!", 8);
    expect_refused("long.annm", bad, n + 8, "oversized");

    memcpy(bad, good, n);
    bad[0] = 'X';
    expect_refused("magic.annm", bad, n, "not an annalist model file");

    memcpy(bad, good, n);
    bad[8] = 99;
    expect_refused("version.annm", bad, n, "version 99");

    memcpy(bad, good, n);
    bad[n / 2] ^= 0x55;
    expect_refused("flipped.annm", bad, n, "corrupt");

    /* Damage the compressed bytes but keep the checksum right: zstd must refuse them. */
    memcpy(bad, good, n);
    for (size_t i = 45; i < n; i += 7) bad[i] ^= 0x5a;
    uint64_t h = ann_hash64(bad + 40, n - 40, 0);
    for (int i = 0; i < 8; i++) bad[32 + i] = (char)(h >> (8 * i));
    expect_refused("zstd.annm", bad, n, "corrupt");
    free(bad);
    free(good);
}

/* A payload cut anywhere, or with a byte changed, is refused by the section parser or yields a
 * model whose tables are consistent; never a crash or an out-of-bounds read (ASan checks). */
static void test_payload_parser(void **state)
{
    (void)state;
    ann_err err = {0};
    ann_model *m = ann_model_load(model, &err);
    assert_non_null(m);
    size_t len = m->payload_len;
    for (size_t cut = 0; cut < len; cut += (cut < 64 ? 1 : 13)) {
        ann_model *x = ann_xcalloc(1, sizeof *x);
        x->payload = ann_xmalloc(cut + 1);
        memcpy(x->payload, m->payload, cut);
        x->payload_len = cut;
        assert_int_equal(nlp_model_from_payload(x, "cut", &err), -1);
        assert_non_null(strstr(err.msg, "corrupt"));
        ann_model_free(x);
    }
    for (size_t at = 0; at < len; at += 5) {
        ann_model *x = ann_xcalloc(1, sizeof *x);
        x->payload = ann_xmalloc(len + 1);
        memcpy(x->payload, m->payload, len);
        x->payload[at] ^= (char)0xa7;
        x->payload_len = len;
        nlp_model_from_payload(x, "flip", &err);
        ann_model_free(x);
    }
    ann_model_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_roundtrip_and_annotate),
        cmocka_unit_test(test_lemmas_of_new_words),
        cmocka_unit_test(test_same_seed_same_file),
        cmocka_unit_test(test_bad_files),
        cmocka_unit_test(test_payload_parser),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}

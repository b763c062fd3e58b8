/* The coder over hand-parsed sentences: our pattern format (conditions, errors with file:line),
 * actors from the tree (voice, control, conjuncts, event nouns), negation and hedging; the
 * PETRARCH verb-dictionary reader; the CAMEO table; the validation-file reader. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <sys/stat.h>
#include <unistd.h>

#include "resolve_testdoc.h"

static char tmpdir[256];

static void write_file(const char *rel, const char *text)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", tmpdir, rel);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static const char cameo_tsv[] =
    "# code\tname\tgoldstein\tquad\tplover_type\tplover_mode\tplover_context\n"
    "04\tCONSULT\t1.0\t1\tCONSULT\t\t\n"
    "040\tConsult, not specified below\t1.0\t1\tCONSULT\t\t\n"
    "087\tDe-escalate military engagement\t9.0\t2\tRETREAT\t\t\n"
    "0871\tDeclare truce, ceasefire\t9.0\t2\tRETREAT\tceasefire\tmilitary\n"
    "10\tDEMAND\t-5.0\t3\tREQUEST\t\t\n"
    "101\tDemand information, investigation\t-5.0\t3\tREQUEST\tassist\t\n"
    "120\tReject, not specified below\t-4.0\t3\tREJECT\t\t\n"
    "125\tReject proposal to meet\t-5.0\t3\tREJECT\tmeet\tdiplomatic\n"
    "19\tFIGHT\t-10.0\t4\tASSAULT\t\t\n"
    "190\tUse conventional military force\t-10.0\t4\tASSAULT\t\tmilitary\n";

static const char rules[] =
    "# test rules\n"
    "@INQ investigate probe\n"
    "verb attack 190\n"
    "verb press 100\n"
    "verb press 101 xcomp=@INQ\n"
    "verb meet 040 recip\n"
    "verb declare 0871 obj=ceasefire recip\n"
    "noun ceasefire 0871 recip\n";

static int setup(void **state)
{
    (void)state;
    snprintf(tmpdir, sizeof tmpdir, "/tmp/annalist-coder-test-%d", (int)getpid());
    char p[512];
    mkdir(tmpdir, 0700);
    snprintf(p, sizeof p, "%s/cameo", tmpdir);
    mkdir(p, 0700);
    snprintf(p, sizeof p, "%s/verbs", tmpdir);
    mkdir(p, 0700);
    write_file("cameo/cameo.tsv", cameo_tsv);
    write_file("verbs/rules.txt", rules);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    return system(cmd) == 0 ? 0 : -1;
}

static ann_coder *own(void)
{
    ann_err e;
    ann_err_clear(&e);
    ann_coder *c = ann_coder_load(tmpdir, &e);
    if (!c) fprintf(stderr, "%s\n", e.msg);
    assert_non_null(c);
    return c;
}

/* A coder over a rule set of a test's own, in tmpdir/NAME (with the shared CAMEO table). */
static ann_coder *rule_set(const char *name, const char *verbs)
{
    char p[512], f[512];
    snprintf(p, sizeof p, "%s/%s", tmpdir, name);
    mkdir(p, 0700);
    snprintf(p, sizeof p, "%s/%s/cameo", tmpdir, name);
    mkdir(p, 0700);
    snprintf(p, sizeof p, "%s/%s/verbs", tmpdir, name);
    mkdir(p, 0700);
    snprintf(f, sizeof f, "%s/cameo/cameo.tsv", name);
    write_file(f, cameo_tsv);
    snprintf(f, sizeof f, "%s/verbs/rules.txt", name);
    write_file(f, verbs);
    ann_err e;
    ann_err_clear(&e);
    snprintf(p, sizeof p, "%s/%s", tmpdir, name);
    ann_coder *c = ann_coder_load(p, &e);
    if (!c) fprintf(stderr, "%s\n", e.msg);
    assert_non_null(c);
    return c;
}

static int count(const ann_doc *d, const char *code, const char *src, const char *tgt)
{
    int n = 0;
    for (int i = 0; i < d->nevent; i++) {
        const ann_event *e = &d->event[i];
        if (strcmp(e->code, code)) continue;
        if (src && (!e->source.code || strcmp(e->source.code, src))) continue;
        if (tgt && (!e->target.code || strcmp(e->target.code, tgt))) continue;
        if (!tgt && e->target.code) continue;
        n++;
    }
    return n;
}

static void test_cameo_facts(void **state)
{
    (void)state;
    ann_coder *c = own();
    const ann_cameo_info *ci = ann_cameo_lookup(c, "0871");
    assert_non_null(ci);
    assert_string_equal(ci->name, "Declare truce, ceasefire");
    assert_true(ci->goldstein == 9.0);
    assert_int_equal(ci->quad_class, 2);
    assert_string_equal(ci->plover_type, "RETREAT");
    assert_string_equal(ci->plover_mode, "ceasefire");
    /* an unlisted sub-code falls back to its parent */
    ci = ann_cameo_lookup(c, "1019");
    assert_non_null(ci);
    assert_string_equal(ci->code, "101");
    assert_null(ann_cameo_lookup(c, "77"));
    ann_coder_free(c);
}

static void test_active_passive(void **state)
{
    (void)state;
    ann_coder *c = own();
    static const char *const s[] = {
        "Iran Iran PROPN NNP 2 nsubj | attacked attack VERB VBD 0 root | Israel Israel PROPN NNP 2 obj | . . PUNCT . 2 punct",
        "Israel Israel PROPN NNP 3 nsubj:pass | was be AUX VBD 3 aux:pass | attacked attack VERB VBN 0 root | "
        "by by ADP IN 5 case | Iran Iran PROPN NNP 3 obl | . . PUNCT . 3 punct",
    };
    ann_doc *d = testdoc("2025-06-26", s, 2);
    mention(d, 0, 0, 0, 0, "IRN");
    mention(d, 0, 2, 2, 2, "ISR");
    mention(d, 1, 0, 0, 0, "ISR");
    mention(d, 1, 4, 4, 4, "IRN");
    ann_err e;
    assert_int_equal(ann_coder_code(c, d, &e), 0);
    assert_int_equal(d->nevent, 2);
    assert_int_equal(d->event[0].sent, 0);
    assert_int_equal(count(d, "190", "IRN", "ISR"), 2);
    const ann_event *ev = &d->event[1];
    assert_string_equal(ev->root, "19");
    assert_int_equal(ev->quad_class, 4);
    assert_string_equal(ev->trigger_text, "attacked");
    assert_string_equal(ev->source.text, "Iran");
    assert_int_equal(ev->source.end - ev->source.start, 4);
    assert_string_equal(d->text + ev->trigger_start, "attacked by Iran .");
    ann_doc_free(d);
    ann_coder_free(c);
}

static void test_control_and_specificity(void **state)
{
    (void)state;
    ann_coder *c = own();
    static const char *const s[] = {
        /* Iran pressed Azerbaijan to investigate the reports. -> 101 (the xcomp rule beats plain press) */
        "Iran Iran PROPN NNP 2 nsubj | pressed press VERB VBD 0 root | Azerbaijan Azerbaijan PROPN NNP 2 obj | "
        "to to PART TO 5 mark | investigate investigate VERB VB 2 xcomp | the the DET DT 7 det | "
        "reports report NOUN NNS 5 obj | . . PUNCT . 2 punct",
        /* Iran pressed Azerbaijan. -> 100 */
        "Iran Iran PROPN NNP 2 nsubj | pressed press VERB VBD 0 root | Azerbaijan Azerbaijan PROPN NNP 2 obj | . . PUNCT . 2 punct",
    };
    ann_doc *d = testdoc(NULL, s, 2);
    mention(d, 0, 0, 0, 0, "IRN");
    mention(d, 0, 2, 2, 2, "AZE");
    mention(d, 1, 0, 0, 0, "IRN");
    mention(d, 1, 2, 2, 2, "AZE");
    ann_err e;
    assert_int_equal(ann_coder_code(c, d, &e), 0);
    assert_int_equal(count(d, "101", "IRN", "AZE"), 1);
    assert_int_equal(count(d, "100", "IRN", "AZE"), 1);
    assert_int_equal(d->nevent, 2);
    assert_non_null(strstr(d->event[0].pattern, "press+xcomp=@INQ#101"));
    ann_doc_free(d);
    ann_coder_free(c);
}

static void test_negation_hedging(void **state)
{
    (void)state;
    ann_coder *c = own();
    static const char *const s[] = {
        "Iran Iran PROPN NNP 4 nsubj | did do AUX VBD 4 aux | not not PART RB 4 advmod | attack attack VERB VB 0 root | "
        "Israel Israel PROPN NNP 4 obj | . . PUNCT . 4 punct",
        "Iran Iran PROPN NNP 4 nsubj | did do AUX VBD 4 aux | not not PART RB 4 advmod | meet meet VERB VB 0 root | "
        "Israel Israel PROPN NNP 4 obj | . . PUNCT . 4 punct",
        "Iran Iran PROPN NNP 4 nsubj | may may AUX MD 4 aux | have have AUX VB 4 aux | attacked attack VERB VBN 0 root | "
        "Israel Israel PROPN NNP 4 obj | . . PUNCT . 4 punct",
    };
    ann_doc *d = testdoc(NULL, s, 3);
    for (int i = 0; i < 3; i++) {
        mention(d, i, 0, 0, 0, "IRN");
        mention(d, i, 4, 4, 4, "ISR");
    }
    ann_err e;
    assert_int_equal(ann_coder_code(c, d, &e), 0);
    /* not attacking is no event; not meeting is a refusal to meet (125) */
    assert_int_equal(count(d, "125", "IRN", "ISR"), 1);
    assert_int_equal(count(d, "190", "IRN", "ISR"), 1);
    for (int i = 0; i < d->nevent; i++) {
        if (!strcmp(d->event[i].code, "125")) { assert_int_equal(d->event[i].negated, 1); assert_int_equal(d->event[i].sent, 1); }
        if (!strcmp(d->event[i].code, "190")) { assert_int_equal(d->event[i].hedged, 1); assert_int_equal(d->event[i].sent, 2); }
    }
    assert_int_equal(d->nevent, 2);
    ann_doc_free(d);
    ann_coder_free(c);
}

static void test_reciprocal_and_nouns(void **state)
{
    (void)state;
    ann_coder *c = own();
    static const char *const s[] = {
        /* Iran and Israel declared a ceasefire. */
        "Iran Iran PROPN NNP 4 nsubj | and and CCONJ CC 3 cc | Israel Israel PROPN NNP 1 conj | "
        "declared declare VERB VBD 0 root | a a DET DT 6 det | ceasefire ceasefire NOUN NN 4 obj | . . PUNCT . 4 punct",
        /* A ceasefire between Armenia and Azerbaijan came into effect. */
        "A a DET DT 2 det | ceasefire ceasefire NOUN NN 7 nsubj | between between ADP IN 4 case | "
        "Armenia Armenia PROPN NNP 2 nmod | and and CCONJ CC 6 cc | Azerbaijan Azerbaijan PROPN NNP 4 conj | "
        "came come VERB VBD 0 root | into into ADP IN 9 case | effect effect NOUN NN 7 obl | . . PUNCT . 7 punct",
    };
    ann_doc *d = testdoc(NULL, s, 2);
    mention(d, 0, 0, 0, 0, "IRN");
    mention(d, 0, 2, 2, 2, "ISR");
    mention(d, 1, 3, 3, 3, "ARM");
    mention(d, 1, 5, 5, 5, "AZE");
    ann_err e;
    assert_int_equal(ann_coder_code(c, d, &e), 0);
    assert_int_equal(count(d, "0871", "IRN", "ISR"), 1);
    assert_int_equal(count(d, "0871", "ISR", "IRN"), 1);
    assert_int_equal(count(d, "0871", "ARM", "AZE"), 1);
    assert_int_equal(count(d, "0871", "AZE", "ARM"), 1);
    assert_int_equal(d->nevent, 4);
    ann_doc_free(d);
    ann_coder_free(c);
}

static void test_format_errors(void **state)
{
    (void)state;
    static const struct { const char *line, *msg; } bad[] = {
        {"verb attack 1900x\n", "bad.txt:1: '1900x' is not a CAMEO event code"},
        {"verb attack 190 obj=@NOPE\n", "bad.txt:1: unknown set @NOPE"},
        {"verb attack 190 colour=red\n", "bad.txt:1: unknown condition 'colour'"},
        {"\nadverb quickly 190\n", "bad.txt:2: a line starts with 'verb', 'noun' or '@SET'"},
        {"verb attack\n", "bad.txt:1: expected 'verb LEMMAS CODE"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        write_file("verbs/bad.txt", bad[i].line);
        ann_err e;
        ann_err_clear(&e);
        assert_null(ann_coder_load(tmpdir, &e));
        if (!strstr(e.msg, bad[i].msg)) fprintf(stderr, "got: %s\n", e.msg);
        assert_non_null(strstr(e.msg, bad[i].msg));
    }
    char p[512];
    snprintf(p, sizeof p, "%s/verbs/bad.txt", tmpdir);
    unlink(p);
    ann_err e;
    assert_null(ann_coder_load("/nonexistent-dir", &e));
    assert_non_null(strstr(e.msg, "/nonexistent-dir"));
}

static void test_petrarch_reader(void **state)
{
    (void)state;
    write_file("verbs.petr",
               "####### SYNONYM SETS #######\n"
               "&CEASEFIRE\n+TRUCE\n+CEASEFIRE\n\n"
               "####### VERB PATTERNS #######\n"
               "--- MEET [040] ---\n"
               "MEET {MEETS MET MEETING}\n"
               "- * (WITH) [040]\n"
               "--- HOST [043:042] ---\n"
               "HOST\n"
               "--- DEPART [040] ---\n"
               "DEPART\n"
               "--- DECLARE [---] ---\n"
               "DECLARE\n"
               "- * &CEASEFIRE [0871]\n"
               "- * {UNILATERAL &CEASEFIRE} [087]\n");
    char vf[512];
    snprintf(vf, sizeof vf, "%s/verbs.petr", tmpdir);
    ann_err e;
    ann_err_clear(&e);
    ann_coder *c = ann_coder_load_petrarch(vf, tmpdir, &e);
    if (!c) fprintf(stderr, "%s\n", e.msg);
    assert_non_null(c);
    static const char *const s[] = {
        "Arnor Arnor PROPN NNP 2 nsubj | met meet VERB VBD 0 root | Gondor Gondor PROPN NNP 2 obj | . . PUNCT . 2 punct",
        "Arnor Arnor PROPN NNP 2 nsubj | hosted host VERB VBD 0 root | Gondor Gondor PROPN NNP 2 obj | . . PUNCT . 2 punct",
        /* "departes" is not a regular form of DEPART: not coded */
        "Arnor Arnor PROPN NNP 2 nsubj | departes depart VERB VBZ 0 root | Gondor Gondor PROPN NNP 2 obj | . . PUNCT . 2 punct",
        "Arnor Arnor PROPN NNP 2 nsubj | declared declare VERB VBD 0 root | unilateral unilateral ADJ JJ 4 amod | "
        "truce truce NOUN NN 2 obj | with with ADP IN 6 case | Gondor Gondor PROPN NNP 2 obl | . . PUNCT . 2 punct",
    };
    ann_doc *d = testdoc(NULL, s, 4);
    for (int i = 0; i < 4; i++) {
        mention(d, i, 0, 0, 0, "ARN");
        mention(d, i, i == 3 ? 5 : 2, i == 3 ? 5 : 2, i == 3 ? 5 : 2, "GON");
    }
    assert_int_equal(ann_coder_code(c, d, &e), 0);
    assert_int_equal(count(d, "040", "ARN", "GON"), 1);
    assert_int_equal(count(d, "043", "ARN", "GON"), 1);
    assert_int_equal(count(d, "042", "GON", "ARN"), 1);
    assert_int_equal(count(d, "087", "ARN", "GON"), 1); /* the longer pattern wins */
    assert_int_equal(d->nevent, 4);
    ann_doc_free(d);
    ann_coder_free(c);
}

static void test_nesting(void **state)
{
    (void)state;
    write_file("nest.petr",
               "--- SAY [010] ---\nSAY {SAID}\n"
               "--- ATTACK [190] ---\nATTACK\n"
               "--- ASK [020] ---\nASK\n"
               "--- HELP [070] ---\nHELP\n"
               "--- SEEK [030] ---\nSEEK {SOUGHT}\n"
               "--- COOPERATE [060] ---\nCOOPERATE\n"
               "######## TRANSFORMATIONS ##########\n"
               "~ a (b . ATTACK) SAY = a b 112\n"
               "~ a (a b ATTACK) SAY = a b 015\n");
    char vf[512];
    snprintf(vf, sizeof vf, "%s/nest.petr", tmpdir);
    ann_err e;
    ann_err_clear(&e);
    ann_coder *c = ann_coder_load_petrarch(vf, tmpdir, &e);
    assert_non_null(c);
    static const char *const s[] = {
        /* Arnor said Gondor attacked Rohan. -> Arnor accuses Gondor (112), nothing else */
        "Arnor Arnor PROPN NNP 2 nsubj | said say VERB VBD 0 root | Gondor Gondor PROPN NNP 4 nsubj | "
        "attacked attack VERB VBD 2 ccomp | Rohan Rohan PROPN NNP 4 obj | . . PUNCT . 2 punct",
        /* Arnor said it attacked Rohan. -> Arnor claims responsibility (015) */
        "Arnor Arnor PROPN NNP 2 nsubj | said say VERB VBD 0 root | it it PRON PRP 4 nsubj | "
        "attacked attack VERB VBD 2 ccomp | Rohan Rohan PROPN NNP 4 obj | . . PUNCT . 2 punct",
        /* Arnor asked Gondor to help Rohan. -> an appeal for aid (023) to Gondor */
        "Arnor Arnor PROPN NNP 2 nsubj | asked ask VERB VBD 0 root | Gondor Gondor PROPN NNP 2 obj | "
        "to to PART TO 5 mark | help help VERB VB 2 xcomp | Rohan Rohan PROPN NNP 5 obj | . . PUNCT . 2 punct",
        /* Arnor sought to cooperate with Gondor. -> intent to cooperate materially (031) */
        "Arnor Arnor PROPN NNP 2 nsubj | sought seek VERB VBD 0 root | to to PART TO 4 mark | "
        "cooperate cooperate VERB VB 2 xcomp | with with ADP IN 6 case | Gondor Gondor PROPN NNP 4 obl | . . PUNCT . 2 punct",
    };
    ann_doc *d = testdoc(NULL, s, 4);
    mention(d, 0, 0, 0, 0, "ARN"); mention(d, 0, 2, 2, 2, "GON"); mention(d, 0, 4, 4, 4, "ROH");
    mention(d, 1, 0, 0, 0, "ARN"); mention(d, 1, 4, 4, 4, "ROH");
    mention(d, 2, 0, 0, 0, "ARN"); mention(d, 2, 2, 2, 2, "GON"); mention(d, 2, 5, 5, 5, "ROH");
    mention(d, 3, 0, 0, 0, "ARN"); mention(d, 3, 5, 5, 5, "GON");
    assert_int_equal(ann_coder_code(c, d, &e), 0);
    assert_int_equal(count(d, "112", "ARN", "GON"), 1);
    assert_int_equal(count(d, "015", "ARN", "ROH"), 1);
    assert_int_equal(count(d, "023", "ARN", "GON"), 1);
    assert_int_equal(count(d, "031", "ARN", "GON"), 1);
    assert_int_equal(d->nevent, 4);
    ann_doc_free(d);
    ann_coder_free(c);
}

/* Our own conventions for nested and passive clauses, with a rule set of their own. */
static void test_own_conventions(void **state)
{
    (void)state;
    ann_coder *c = rule_set("conv",
                            "verb say 010\nverb attack|fire 190\nverb want 030\nverb kill 190\nnoun shelling 190\nverb shell 190\n"
               "verb receive 030 obj=assurance source=from\nverb conduct 150 obj=exercise target=in\n");
    ann_err e;
    static const char *const s[] = {
        /* 0 Arnor said Gondor attacked Rohan. -> Arnor accuses Gondor (112), the attack is not coded */
        "Arnor Arnor PROPN NNP 2 nsubj | said say VERB VBD 0 root | Gondor Gondor PROPN NNP 4 nsubj | "
        "attacked attack VERB VBD 2 ccomp | Rohan Rohan PROPN NNP 4 obj | . . PUNCT . 2 punct",
        /* 1 Arnor said it attacked Rohan. -> Arnor claims the attack (015) */
        "Arnor Arnor PROPN NNP 2 nsubj | said say VERB VBD 0 root | it it PRON PRP 4 nsubj | "
        "attacked attack VERB VBD 2 ccomp | Rohan Rohan PROPN NNP 4 obj | . . PUNCT . 2 punct",
        /* 2 Gondor attacked Rohan, Arnor said. -> a trailing attribution: the attack stands */
        "Gondor Gondor PROPN NNP 2 nsubj | attacked attack VERB VBD 5 ccomp | Rohan Rohan PROPN NNP 2 obj | "
        ", , PUNCT , 2 punct | Arnor Arnor PROPN NNP 5 nsubj | said say VERB VBD 0 root | . . PUNCT . 5 punct",
        /* 3 Arnor wants to attack Rohan. -> a threat of force (138) */
        "Arnor Arnor PROPN NNP 2 nsubj | wants want VERB VBZ 0 root | to to PART TO 4 mark | "
        "attack attack VERB VB 2 xcomp | Rohan Rohan PROPN NNP 4 obj | . . PUNCT . 2 punct",
        /* 4 Arnor received assurances from Gondor. -> Gondor assures Arnor (source=from) */
        "Arnor Arnor PROPN NNP 2 nsubj | received receive VERB VBD 0 root | assurances assurance NOUN NNS 2 obj | "
        "from from ADP IN 5 case | Gondor Gondor PROPN NNP 2 obl | . . PUNCT . 2 punct",
        /* 5 Arnor conducted exercises in Rohan. (a lemmatizer's slip: "exercis") -> 150 at Rohan */
        "Arnor Arnor PROPN NNP 2 nsubj | conducted conduct VERB VBD 0 root | exercises exercis NOUN NNS 2 obj | "
        "in in ADP IN 5 case | Rohan Rohan PROPN NNP 2 obl | . . PUNCT . 2 punct",
        /* 6 Arnor said a rocket was fired at it from Gondor. -> Arnor accuses Gondor */
        "Arnor Arnor PROPN NNP 2 nsubj | said say VERB VBD 0 root | a a DET DT 4 det | "
        "rocket rocket NOUN NN 6 nsubj:pass | was be AUX VBD 6 aux:pass | fired fire VERB VBN 2 ccomp | "
        "at at ADP IN 8 case | it it PRON PRP 6 obl | from from ADP IN 10 case | Gondor Gondor PROPN NNP 6 obl | "
        ". . PUNCT . 2 punct",
        /* 7 Villagers were killed in Gondorian shelling. -> the shelling's actor killed them */
        "Villagers villager NOUN NNS 3 nsubj:pass | were be AUX VBD 3 aux:pass | killed kill VERB VBN 0 root | "
        "in in ADP IN 6 case | Gondorian Gondorian ADJ JJ 6 amod | shelling shelling NOUN NN 3 obl | . . PUNCT . 3 punct",
        /* 8 Villagers were killed in Rohirric tank shelling. (as a parser may hang it: "tank" with
         * the participle "shelling") -> the shelling's actor killed them */
        "Villagers villager NOUN NNS 3 nsubj:pass | were be AUX VBD 3 aux:pass | killed kill VERB VBN 0 root | "
        "in in ADP IN 6 case | Rohirric Rohirric ADJ JJ 6 amod | tank tank NOUN NN 3 obl | "
        "shelling shell VERB VBG 6 acl | . . PUNCT . 3 punct",
    };
    ann_doc *d = testdoc(NULL, s, 9);
    d->sent[6].tok[7].feats = "Case=Acc|PronType=Prs";
    mention(d, 0, 0, 0, 0, "ARN"); mention(d, 0, 2, 2, 2, "GON"); mention(d, 0, 4, 4, 4, "ROH");
    mention(d, 1, 0, 0, 0, "ARN"); mention(d, 1, 4, 4, 4, "ROH");
    mention(d, 2, 0, 0, 0, "GON"); mention(d, 2, 2, 2, 2, "ROH"); mention(d, 2, 4, 4, 4, "ARN");
    mention(d, 3, 0, 0, 0, "ARN"); mention(d, 3, 4, 4, 4, "ROH");
    mention(d, 4, 0, 0, 0, "ARN"); mention(d, 4, 4, 4, 4, "GON");
    mention(d, 5, 0, 0, 0, "ARN"); mention(d, 5, 4, 4, 4, "ROH");
    mention(d, 6, 0, 0, 0, "ARN"); mention(d, 6, 9, 9, 9, "GON");
    mention(d, 7, 0, 0, 0, "CVL"); mention(d, 7, 4, 4, 4, "GON");
    mention(d, 8, 0, 0, 0, "CVL"); mention(d, 8, 4, 4, 4, "ROH");
    assert_int_equal(ann_coder_code(c, d, &e), 0);
    assert_int_equal(count(d, "112", "ARN", "GON"), 2);
    assert_int_equal(count(d, "015", "ARN", "ROH"), 1);
    assert_int_equal(count(d, "190", "GON", "ROH"), 1);
    assert_int_equal(count(d, "138", "ARN", "ROH"), 1);
    assert_int_equal(count(d, "030", "GON", "ARN"), 1);
    assert_int_equal(count(d, "150", "ARN", "ROH"), 1);
    assert_int_equal(count(d, "190", "GON", "CVL"), 1);
    assert_int_equal(count(d, "190", "ROH", "CVL"), 1);
    assert_int_equal(d->nevent, 9);
    ann_doc_free(d);
    ann_coder_free(c);
}

/* How news English is read (coder.c, data/dict/verbs/README.md): a possessive pronoun names a
 * phrase's actor only failing others; a threat takes its sub-code from the act threatened; an
 * actor known only by its sector takes the country of the event's place; an attempt is the
 * act (185); an attack noun subject of "killed" is that attack; a time phrase is no target. */
static void test_news_readings(void **state)
{
    (void)state;
    ann_coder *c = rule_set("news",
                            "verb meet 040\nverb threaten 130\nverb cut 161 obj=ties\nverb arrest 173\nverb try 030\n"
               "verb assassinate 186\nnoun strike 195 prep=on:*\nverb kill 190\nverb fire 190 prep=on:*\n");
    ann_err e;
    static const char *const s[] = {
        /* 0 Arnor met his Gondorian counterpart. -> 040 ARN>GON ("his" is Arnor again) */
        "Arnor Arnor PROPN NNP 2 nsubj | met meet VERB VBD 0 root | his he PRON PRP$ 5 nmod:poss | "
        "Gondorian Gondorian ADJ JJ 5 amod | counterpart counterpart NOUN NN 2 obj | . . PUNCT . 2 punct",
        /* 1 Arnor threatened to cut ties with Gondor. -> 1313 */
        "Arnor Arnor PROPN NNP 2 nsubj | threatened threaten VERB VBD 0 root | to to PART TO 4 mark | "
        "cut cut VERB VB 2 xcomp | ties tie NOUN NNS 4 obj | with with ADP IN 7 case | Gondor Gondor PROPN NNP 5 nmod | "
        ". . PUNCT . 2 punct",
        /* 2 Police arrested protesters in Minas. (a Rohirric city) -> ROHCOP 173 ROHOPP */
        "Police police NOUN NN 2 nsubj | arrested arrest VERB VBD 0 root | protesters protester NOUN NNS 2 obj | "
        "in in ADP IN 5 case | Minas Minas PROPN NNP 2 obl | . . PUNCT . 2 punct",
        /* 3 Gondor tried to assassinate the Arnorian king. -> 185 */
        "Gondor Gondor PROPN NNP 2 nsubj | tried try VERB VBD 0 root | to to PART TO 4 mark | "
        "assassinate assassinate VERB VB 2 xcomp | the the DET DT 7 det | Arnorian Arnorian ADJ JJ 7 amod | "
        "king king NOUN NN 4 obj | . . PUNCT . 2 punct",
        /* 4 Gondorian strikes on Rohan killed 40 people. -> one attack, 195 GON>ROH */
        "Gondorian Gondorian ADJ JJ 2 amod | strikes strike NOUN NNS 5 nsubj | on on ADP IN 4 case | "
        "Rohan Rohan PROPN NNP 2 nmod | killed kill VERB VBD 0 root | 40 40 NUM CD 7 nummod | "
        "people people NOUN NNS 5 obj | . . PUNCT . 5 punct",
        /* 5 Arnor fired the minister on Friday. -> no attack */
        "Arnor Arnor PROPN NNP 2 nsubj | fired fire VERB VBD 0 root | the the DET DT 4 det | "
        "minister minister NOUN NN 2 obj | on on ADP IN 6 case | Friday Friday PROPN NNP 2 obl | . . PUNCT . 2 punct",
    };
    ann_doc *d = testdoc(NULL, s, 6);
    mention(d, 0, 0, 0, 0, "ARN"); mention(d, 0, 2, 2, 2, "ARN"); mention(d, 0, 3, 3, 3, "GON");
    mention(d, 1, 0, 0, 0, "ARN"); mention(d, 1, 6, 6, 6, "GON");
    mention(d, 2, 0, 0, 0, "COP"); mention(d, 2, 2, 2, 2, "OPP"); mention(d, 2, 4, 4, 4, "ROH");
    mention(d, 3, 0, 0, 0, "GON"); mention(d, 3, 5, 6, 6, "ARNGOV");
    mention(d, 4, 0, 0, 0, "GON"); mention(d, 4, 3, 3, 3, "ROH"); mention(d, 4, 6, 6, 6, "CVL");
    mention(d, 5, 0, 0, 0, "ARN"); mention(d, 5, 3, 3, 3, "GOV");
    assert_int_equal(ann_coder_code(c, d, &e), 0);
    assert_int_equal(count(d, "040", "ARN", "GON"), 1);
    assert_int_equal(count(d, "1313", "ARN", "GON"), 1);
    assert_int_equal(count(d, "173", "ROHCOP", "ROHOPP"), 1);
    assert_int_equal(count(d, "185", "GON", "ARNGOV"), 1);
    assert_int_equal(count(d, "195", "GON", "ROH"), 1);
    for (int i = 0; i < d->nevent; i++) assert_int_not_equal(d->event[i].sent, 5);
    assert_int_equal(d->nevent, 5);
    ann_doc_free(d);
    ann_coder_free(c);
}

/* A denial tells the denial, not what is denied; a quantity noun ("a wave of strikes") lets
 * the noun it counts be the object, and that noun's phrase the target. */
static void test_denials_and_quantities(void **state)
{
    (void)state;
    ann_coder *c = rule_set("deny",
                            "verb deny|dismiss 016\nverb attack 190\nverb meet 040\nverb say 010\nverb launch 195 obj=strike\n"
               "verb assure 030\nverb help 070\nverb withdraw 087\n");
    ann_err e;
    static const char *const s[] = {
        /* 0 Gondor denied that it had attacked Arnor. -> 016 only */
        "Gondor Gondor PROPN NNP 2 nsubj | denied deny VERB VBD 0 root | that that SCONJ IN 6 mark | "
        "it it PRON PRP 6 nsubj | had have AUX VBD 6 aux | attacked attack VERB VBN 2 ccomp | "
        "Arnor Arnor PROPN NNP 6 obj | . . PUNCT . 2 punct",
        /* 1 Gondor dismissed reports that Arnor attacked Rohan. -> 016 only */
        "Gondor Gondor PROPN NNP 2 nsubj | dismissed dismiss VERB VBD 0 root | reports report NOUN NNS 2 obj | "
        "that that SCONJ IN 6 mark | Arnor Arnor PROPN NNP 6 nsubj | attacked attack VERB VBD 3 acl | "
        "Rohan Rohan PROPN NNP 6 obj | . . PUNCT . 2 punct",
        /* 2 Arnor said that Gondor met Rohan. -> the reported meeting stands */
        "Arnor Arnor PROPN NNP 2 nsubj | said say VERB VBD 0 root | that that SCONJ IN 5 mark | "
        "Gondor Gondor PROPN NNP 5 nsubj | met meet VERB VBD 2 ccomp | Rohan Rohan PROPN NNP 5 obj | . . PUNCT . 2 punct",
        /* 3 Gondor launched a wave of strikes on Arnor. -> 195 GON>ARN */
        "Gondor Gondor PROPN NNP 2 nsubj | launched launch VERB VBD 0 root | a a DET DT 4 det | "
        "wave wave NOUN NN 2 obj | of of ADP IN 6 case | strikes strike NOUN NNS 4 nmod | on on ADP IN 8 case | "
        "Arnor Arnor PROPN NNP 6 nmod | . . PUNCT . 2 punct",
        /* 4 Gondor launched a wave of reforms. -> nothing: a wave counts what it is of */
        "Gondor Gondor PROPN NNP 2 nsubj | launched launch VERB VBD 0 root | a a DET DT 4 det | "
        "wave wave NOUN NN 2 obj | of of ADP IN 6 case | reforms reform NOUN NNS 4 nmod | . . PUNCT . 2 punct",
        /* 5 Gondor assured Arnor that it would always help Rohan. -> the assurance only */
        "Gondor Gondor PROPN NNP 2 nsubj | assured assure VERB VBD 0 root | Arnor Arnor PROPN NNP 2 obj | "
        "that that SCONJ IN 8 mark | it it PRON PRP 8 nsubj | would would AUX MD 8 aux | always always ADV RB 8 advmod | "
        "help help VERB VB 2 ccomp | Rohan Rohan PROPN NNP 8 obj | . . PUNCT . 2 punct",
        /* 6 Gondor assured Arnor that it would withdraw. -> 0356, the intent to withdraw */
        "Gondor Gondor PROPN NNP 2 nsubj | assured assure VERB VBD 0 root | Arnor Arnor PROPN NNP 2 obj | "
        "that that SCONJ IN 7 mark | it it PRON PRP 7 nsubj | would would AUX MD 7 aux | "
        "withdraw withdraw VERB VB 2 ccomp | . . PUNCT . 2 punct",
        /* 7 Gondor assured Arnor that it would never withdraw. -> 030: no intent to withdraw */
        "Gondor Gondor PROPN NNP 2 nsubj | assured assure VERB VBD 0 root | Arnor Arnor PROPN NNP 2 obj | "
        "that that SCONJ IN 8 mark | it it PRON PRP 8 nsubj | would would AUX MD 8 aux | never never ADV RB 8 advmod | "
        "withdraw withdraw VERB VB 2 ccomp | . . PUNCT . 2 punct",
    };
    ann_doc *d = testdoc(NULL, s, 8);
    mention(d, 0, 0, 0, 0, "GON"); mention(d, 0, 3, 3, 3, "GON"); mention(d, 0, 6, 6, 6, "ARN");
    mention(d, 1, 0, 0, 0, "GON"); mention(d, 1, 4, 4, 4, "ARN"); mention(d, 1, 6, 6, 6, "ROH");
    mention(d, 2, 0, 0, 0, "ARN"); mention(d, 2, 3, 3, 3, "GON"); mention(d, 2, 5, 5, 5, "ROH");
    mention(d, 3, 0, 0, 0, "GON"); mention(d, 3, 7, 7, 7, "ARN");
    mention(d, 4, 0, 0, 0, "GON");
    mention(d, 5, 0, 0, 0, "GON"); mention(d, 5, 2, 2, 2, "ARN"); mention(d, 5, 4, 4, 4, "GON"); mention(d, 5, 8, 8, 8, "ROH");
    mention(d, 6, 0, 0, 0, "GON"); mention(d, 6, 2, 2, 2, "ARN"); mention(d, 6, 4, 4, 4, "GON");
    mention(d, 7, 0, 0, 0, "GON"); mention(d, 7, 2, 2, 2, "ARN"); mention(d, 7, 4, 4, 4, "GON");
    assert_int_equal(ann_coder_code(c, d, &e), 0);
    for (int i = 0; i < d->nevent; i++) {
        const ann_event *ev = &d->event[i];
        if (ev->sent <= 1) assert_string_equal(ev->code, "016");
        if (ev->sent == 5 || ev->sent == 7) assert_string_equal(ev->code, "030");
        if (ev->sent == 6) assert_string_equal(ev->code, "0356");
        assert_int_not_equal(ev->sent, 4);
    }
    assert_int_equal(count(d, "016", "GON", NULL) + count(d, "016", "GON", "ROH") + count(d, "016", "GON", "ARN"), 2);
    assert_int_equal(count(d, "040", "GON", "ROH"), 1);
    assert_int_equal(count(d, "195", "GON", "ARN"), 1);
    assert_int_equal(count(d, "030", "GON", "ARN"), 2);
    assert_int_equal(count(d, "0356", "GON", "ARN"), 1);
    ann_doc_free(d);
    ann_coder_free(c);
}

/* "Rohan condemned the attack": a reaction to an event noun naming no actor is to whoever did
 * the latest such event told before. */
static void test_event_noun_reactions(void **state)
{
    (void)state;
    ann_coder *c = rule_set("react",
                            "verb attack 190\nverb condemn 111\n");
    ann_err e;
    static const char *const s[] = {
        /* 0 Gondor attacked Arnor. */
        "Gondor Gondor PROPN NNP 2 nsubj | attacked attack VERB VBD 0 root | Arnor Arnor PROPN NNP 2 obj | . . PUNCT . 2 punct",
        /* 1 Rohan condemned the attack. -> 111 ROH>GON */
        "Rohan Rohan PROPN NNP 2 nsubj | condemned condemn VERB VBD 0 root | the the DET DT 4 det | "
        "attack attack NOUN NN 2 obj | . . PUNCT . 2 punct",
        /* 2 Rohan condemned an attack. -> nothing: not one told before */
        "Rohan Rohan PROPN NNP 2 nsubj | condemned condemn VERB VBD 0 root | an a DET DT 4 det | "
        "attack attack NOUN NN 2 obj | . . PUNCT . 2 punct",
        /* 3 Rohan condemned the arrests. -> nothing: no arrest was told */
        "Rohan Rohan PROPN NNP 2 nsubj | condemned condemn VERB VBD 0 root | the the DET DT 4 det | "
        "arrests arrest NOUN NNS 2 obj | . . PUNCT . 2 punct",
    };
    ann_doc *d = testdoc(NULL, s, 4);
    mention(d, 0, 0, 0, 0, "GON"); mention(d, 0, 2, 2, 2, "ARN");
    mention(d, 1, 0, 0, 0, "ROH"); mention(d, 2, 0, 0, 0, "ROH"); mention(d, 3, 0, 0, 0, "ROH");
    assert_int_equal(ann_coder_code(c, d, &e), 0);
    assert_int_equal(count(d, "190", "GON", "ARN"), 1);
    assert_int_equal(count(d, "111", "ROH", "GON"), 1);
    assert_int_equal(d->nevent, 2);
    const ann_event *r = &d->event[1];
    assert_int_equal(r->sent, 1);
    assert_string_equal(r->target.resolved_from, "the attack");
    assert_string_equal(r->target.entry, "coref:event");
    ann_doc_free(d);
    ann_coder_free(c);
}

/* Robust to a parser's slips and to what is no news: a passive clause hung subjectless on a
 * participle, a relative clause in the perfect (background), a dateline's places, a plural
 * noun tagged as a verb, a list's middle item hung on its first as an apposition, an agent
 * hung on a time word. */
static void test_slips_and_background(void **state)
{
    (void)state;
    ann_coder *c = rule_set("slip",
                            "verb attack|kill 190\nverb free 087\nnoun shelling 190\nverb meet 040\n");
    ann_err e;
    static const char *const s[] = {
        /* 0 Villagers held in camps were freed by Gondor (parsed with "held" as the root) */
        "Villagers villager NOUN NNS 2 nsubj | held hold VERB VBN 0 root | in in ADP IN 4 case | "
        "camps camp NOUN NNS 2 obl | were be AUX VBD 6 aux:pass | freed free VERB VBN 2 advcl | "
        "by by ADP IN 8 case | Gondor Gondor PROPN NNP 6 obl:agent | . . PUNCT . 2 punct",
        /* 1 Arnor, which has attacked Rohan, spoke. -> background, no event */
        "Arnor Arnor PROPN NNP 7 nsubj | , , PUNCT , 1 punct | which which PRON WDT 5 nsubj | "
        "has have AUX VBZ 5 aux | attacked attack VERB VBN 1 acl:relcl | Rohan Rohan PROPN NNP 5 obj | "
        "spoke speak VERB VBD 0 root | . . PUNCT . 7 punct",
        /* 2 ROHAN, Gondor: Villagers were killed in Arnorian shelling. (the dateline parsed as
         * the subject) -> Arnor killed villagers, not Rohan or Gondor */
        "ROHAN Rohan PROPN NNP 7 nsubj:pass | , , PUNCT , 3 punct | Gondor Gondor PROPN NNP 1 conj | "
        ": : PUNCT : 5 punct | Villagers villager NOUN NNS 3 appos | were be AUX VBD 7 aux:pass | "
        "killed kill VERB VBN 0 root | in in ADP IN 10 case | Arnorian Arnorian ADJ JJ 10 amod | "
        "shelling shelling NOUN NN 7 obl | . . PUNCT . 7 punct",
        /* 3 Gondor announced freezes and attacks on Rohan. ("attacks" tagged as a verb
         * conjoined with "announced") -> a list of nouns, no attack */
        "Gondor Gondor PROPN NNP 2 nsubj | announced announce VERB VBD 0 root | freezes freeze NOUN NNS 2 obj | "
        "and and CCONJ CC 5 cc | attacks attack VERB VBZ 2 conj | on on ADP IN 7 case | "
        "Rohan Rohan PROPN NNP 5 obl | . . PUNCT . 2 punct",
        /* 4 Arnor, Gondor, and Rohan met. (the middle item an apposition of the first, the last
         * a second subject) -> all three meet each other */
        "Arnor Arnor PROPN NNP 7 nsubj | , , PUNCT , 3 punct | Gondor Gondor PROPN NNP 1 appos | "
        ", , PUNCT , 7 punct | and and CCONJ CC 7 cc | Rohan Rohan PROPN NNP 7 nsubj | "
        "met meet VERB VBD 0 root | . . PUNCT . 7 punct",
        /* 5 Villagers were freed yesterday by Gondor. ("by Gondor" hung on "yesterday") */
        "Villagers villager NOUN NNS 3 nsubj:pass | were be AUX VBD 3 aux:pass | freed free VERB VBN 0 root | "
        "yesterday yesterday NOUN NN 3 obl:unmarked | by by ADP IN 6 case | Gondor Gondor PROPN NNP 4 nmod | "
        ". . PUNCT . 3 punct",
    };
    ann_doc *d = testdoc(NULL, s, 6);
    mention(d, 0, 0, 0, 0, "CVL"); mention(d, 0, 7, 7, 7, "GON");
    mention(d, 1, 0, 0, 0, "ARN"); mention(d, 1, 5, 5, 5, "ROH");
    mention(d, 2, 0, 0, 0, "ROH"); mention(d, 2, 2, 2, 2, "GON"); mention(d, 2, 4, 4, 4, "CVL");
    mention(d, 2, 8, 8, 8, "ARN");
    mention(d, 3, 0, 0, 0, "GON"); mention(d, 3, 6, 6, 6, "ROH");
    mention(d, 4, 0, 0, 0, "ARN"); mention(d, 4, 2, 2, 2, "GON"); mention(d, 4, 5, 5, 5, "ROH");
    mention(d, 5, 0, 0, 0, "CVL"); mention(d, 5, 5, 5, 5, "GON");
    assert_int_equal(ann_coder_code(c, d, &e), 0);
    /* (people known only by their sector, no place named, are the acting state's own) */
    assert_int_equal(count(d, "087", "GON", "GONCVL"), 2);
    assert_int_equal(count(d, "190", "ARN", "CVL"), 1);
    static const char *const three[] = {"ARN", "GON", "ROH"};
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++)
            if (i != j) assert_int_equal(count(d, "040", three[i], three[j]), 1);
    for (int i = 0; i < d->nevent; i++) {
        assert_int_not_equal(d->event[i].sent, 1);
        assert_int_not_equal(d->event[i].sent, 3);
    }
    assert_int_equal(d->nevent, 9);
    ann_doc_free(d);
    ann_coder_free(c);
}

/* Intentions told by a modal or an adjective, options kept open, one-sided appeals, sanctions
 * on one's own country, mutual blame, missile launches: the CAMEO readings of cov2. */
static void test_intents_and_one_sided(void **state)
{
    (void)state;
    ann_coder *c = rule_set("intent",
                            "verb provide 070\nverb provide 072 obj=weapon\nverb share 064\nverb release 084\n"
               "verb call 020\nverb call 0256 prep=for:ceasefire\nverb rule 120 prt=out\n"
               "verb rule 138 prt=out obj=action obj=military\nverb lift 0813 obj=curfew\n"
               "verb blame 112\nverb fire 195 obj=missile\nverb order 174 xcomp=leave\nverb meet 040\n"
               "verb say 010\nverb attack 190\nverb fire 150 mod=test obj=missile\nverb discuss 040\n");
    ann_err e;
    static const char *const s[] = {
        /* 0 Gondor will provide aid to Rohan. -> a pledge of aid: 033, not 070 */
        "Gondor Gondor PROPN NNP 3 nsubj | will will AUX MD 3 aux | provide provide VERB VB 0 root | "
        "aid aid NOUN NN 3 obj | to to ADP IN 6 case | Rohan Rohan PROPN NNP 3 obl | . . PUNCT . 3 punct",
        /* 1 Gondor will provide weapons to Rohan. -> named goods on their way: 072 stays */
        "Gondor Gondor PROPN NNP 3 nsubj | will will AUX MD 3 aux | provide provide VERB VB 0 root | "
        "weapons weapon NOUN NNS 3 obj | to to ADP IN 6 case | Rohan Rohan PROPN NNP 3 obl | . . PUNCT . 3 punct",
        /* 2 Gondor will share intelligence with Rohan. -> 0314 */
        "Gondor Gondor PROPN NNP 3 nsubj | will will AUX MD 3 aux | share share VERB VB 0 root | "
        "intelligence intelligence NOUN NN 3 obj | with with ADP IN 6 case | Rohan Rohan PROPN NNP 3 obl | "
        ". . PUNCT . 3 punct",
        /* 3 Gondor is ready to release Rohanese prisoners. -> intent to release persons 0353 */
        "Gondor Gondor PROPN NNP 3 nsubj | is be AUX VBZ 3 cop | ready ready ADJ JJ 0 root | "
        "to to PART TO 5 mark | release release VERB VB 3 xcomp | Rohanese Rohanese ADJ JJ 7 amod | "
        "prisoners prisoner NOUN NNS 5 obj | . . PUNCT . 3 punct",
        /* 4 Gondor has not ruled out military action against Rohan. -> 138 */
        "Gondor Gondor PROPN NNP 4 nsubj | has have AUX VBZ 4 aux | not not PART RB 4 advmod | "
        "ruled rule VERB VBN 0 root | out out ADP RP 4 compound:prt | military military ADJ JJ 7 amod | "
        "action action NOUN NN 4 obj | against against ADP IN 9 case | Rohan Rohan PROPN NNP 7 nmod | "
        ". . PUNCT . 4 punct",
        /* 5 Arnor ruled out military action against Rohan. -> no threat */
        "Arnor Arnor PROPN NNP 2 nsubj | ruled rule VERB VBD 0 root | out out ADP RP 2 compound:prt | "
        "military military ADJ JJ 5 amod | action action NOUN NN 2 obj | against against ADP IN 7 case | "
        "Rohan Rohan PROPN NNP 5 nmod | . . PUNCT . 2 punct",
        /* 6 The Gondorian president called for a ceasefire. ("president" taken for a passive
         * subject) -> an appeal to no one in particular, 0256 */
        "The the DET DT 3 det | Gondorian Gondorian ADJ JJ 3 amod | president president NOUN NN 4 nsubj:pass | "
        "called call VERB VBD 0 root | for for ADP IN 7 case | a a DET DT 7 det | "
        "ceasefire ceasefire NOUN NN 4 obl | . . PUNCT . 4 punct",
        /* 7 The Gondorian government lifted the curfew. -> eased on Gondor: 0813 GONGOV>GON */
        "The the DET DT 3 det | Gondorian Gondorian ADJ JJ 3 amod | government government NOUN NN 4 nsubj | "
        "lifted lift VERB VBD 0 root | the the DET DT 6 det | curfew curfew NOUN NN 4 obj | . . PUNCT . 4 punct",
        /* 8 Gondor and Rohan blamed each other. -> 112 both ways */
        "Gondor Gondor PROPN NNP 4 nsubj | and and CCONJ CC 3 cc | Rohan Rohan PROPN NNP 1 conj | "
        "blamed blame VERB VBD 0 root | each each DET DT 4 obj | other other ADJ JJ 5 fixed | . . PUNCT . 4 punct",
        /* 9 Arnor fired two missiles. -> a launch, 195 with no target */
        "Arnor Arnor PROPN NNP 2 nsubj | fired fire VERB VBD 0 root | two two NUM CD 4 nummod | "
        "missiles missile NOUN NNS 2 obj | . . PUNCT . 2 punct",
        /* 10 Gondor ordered Rohanese to leave. ("to leave" hung as advcl) -> 174 */
        "Gondor Gondor PROPN NNP 2 nsubj | ordered order VERB VBD 0 root | Rohanese Rohanese PROPN NNPS 2 obj | "
        "to to PART TO 5 mark | leave leave VERB VB 2 advcl | . . PUNCT . 2 punct",
        /* 11 Gondor said it would meet Rohan. -> intent to meet 036 */
        "Gondor Gondor PROPN NNP 2 nsubj | said say VERB VBD 0 root | it it PRON PRP 5 nsubj | "
        "would would AUX MD 5 aux | meet meet VERB VB 2 ccomp | Rohan Rohan PROPN NNP 5 obj | . . PUNCT . 2 punct",
        /* 12 Gondor released prisoners. -> people released (0841), Gondor's own (GONCVL) */
        "Gondor Gondor PROPN NNP 2 nsubj | released release VERB VBD 0 root | prisoners prisoner NOUN NNS 2 obj | "
        ". . PUNCT . 2 punct",
        /* 13 Gondor said Arnor attacked. -> Gondor accuses Arnor (112), though no target */
        "Gondor Gondor PROPN NNP 2 nsubj | said say VERB VBD 0 root | Arnor Arnor PROPN NNP 4 nsubj | "
        "attacked attack VERB VBD 2 ccomp | . . PUNCT . 2 punct",
        /* 14 Gondor began a trip aimed at calling for a ceasefire. -> a purpose, no appeal yet */
        "Gondor Gondor PROPN NNP 2 nsubj | began begin VERB VBD 0 root | a a DET DT 4 det | trip trip NOUN NN 2 obj | "
        "aimed aim VERB VBN 4 acl | at at SCONJ IN 7 mark | calling call VERB VBG 5 advcl | for for ADP IN 10 case | "
        "a a DET DT 10 det | ceasefire ceasefire NOUN NN 7 obl | . . PUNCT . 2 punct",
        /* 15 Arnor ruled out attacking Rohan. -> the refusal only, no attack */
        "Arnor Arnor PROPN NNP 2 nsubj | ruled rule VERB VBD 0 root | out out ADP RP 2 compound:prt | "
        "attacking attack VERB VBG 2 advcl | Rohan Rohan PROPN NNP 4 obj | . . PUNCT . 2 punct",
        /* 16 Arnor has not ruled out attacking Rohan. -> a threat of conventional attack, 1384 */
        "Arnor Arnor PROPN NNP 4 nsubj | has have AUX VBZ 4 aux | not not PART RB 4 advmod | "
        "ruled rule VERB VBN 0 root | out out ADP RP 4 compound:prt | attacking attack VERB VBG 4 advcl | "
        "Rohan Rohan PROPN NNP 6 obj | . . PUNCT . 4 punct",
        /* 17 Arnor test-fired missiles. (split at the hyphen) -> a weapons test, 150 */
        "Arnor Arnor PROPN NNP 4 nsubj | test test NOUN NN 4 obl:unmarked | - - PUNCT HYPH 4 punct | "
        "fired fire VERB VBD 0 root | missiles missile NOUN NNS 4 obj | . . PUNCT . 4 punct",
        /* 18 Rohan discussed Arnor with Gondor. -> consulted Gondor (Arnor is the topic) */
        "Rohan Rohan PROPN NNP 2 nsubj | discussed discuss VERB VBD 0 root | Arnor Arnor PROPN NNP 2 obj | "
        "with with ADP IN 5 case | Gondor Gondor PROPN NNP 2 obl | . . PUNCT . 2 punct",
        /* 19 Gondor discussed Arnor. -> no partner, no event */
        "Gondor Gondor PROPN NNP 2 nsubj | discussed discuss VERB VBD 0 root | Arnor Arnor PROPN NNP 2 obj | "
        ". . PUNCT . 2 punct",
        /* 20 Arnor is not ready to release Rohanese prisoners. -> a refusal to yield, 124 */
        "Arnor Arnor PROPN NNP 4 nsubj | is be AUX VBZ 4 cop | not not PART RB 4 advmod | ready ready ADJ JJ 0 root | "
        "to to PART TO 6 mark | release release VERB VB 4 xcomp | Rohanese Rohanese ADJ JJ 8 amod | "
        "prisoners prisoner NOUN NNS 6 obj | . . PUNCT . 4 punct",
        /* 21 Arnor will attack Rohan. -> a threat of force, 138, not an attack */
        "Arnor Arnor PROPN NNP 3 nsubj | will will AUX MD 3 aux | attack attack VERB VB 0 root | "
        "Rohan Rohan PROPN NNP 3 obj | . . PUNCT . 3 punct",
    };
    ann_doc *d = testdoc(NULL, s, 22);
    for (int i = 0; i < 3; i++) mention(d, i, 0, 0, 0, "GON"), mention(d, i, 5, 5, 5, "ROH");
    mention(d, 3, 0, 0, 0, "GON"); mention(d, 3, 5, 6, 6, "ROHCVL");
    mention(d, 4, 0, 0, 0, "GON"); mention(d, 4, 8, 8, 8, "ROH");
    mention(d, 5, 0, 0, 0, "ARN"); mention(d, 5, 6, 6, 6, "ROH");
    mention(d, 6, 1, 2, 2, "GONGOV");
    mention(d, 7, 1, 2, 2, "GONGOV");
    mention(d, 8, 0, 0, 0, "GON"); mention(d, 8, 2, 2, 2, "ROH");
    mention(d, 9, 0, 0, 0, "ARN");
    mention(d, 10, 0, 0, 0, "GON"); mention(d, 10, 2, 2, 2, "ROHCVL");
    mention(d, 11, 0, 0, 0, "GON"); mention(d, 11, 5, 5, 5, "ROH");
    mention(d, 12, 0, 0, 0, "GON"); mention(d, 12, 2, 2, 2, "CVL");
    mention(d, 13, 0, 0, 0, "GON"); mention(d, 13, 2, 2, 2, "ARN");
    mention(d, 14, 0, 0, 0, "GON");
    mention(d, 15, 0, 0, 0, "ARN"); mention(d, 15, 4, 4, 4, "ROH");
    mention(d, 16, 0, 0, 0, "ARN"); mention(d, 16, 6, 6, 6, "ROH");
    mention(d, 17, 0, 0, 0, "ARN");
    mention(d, 18, 0, 0, 0, "ROH"); mention(d, 18, 2, 2, 2, "ARN"); mention(d, 18, 4, 4, 4, "GON");
    mention(d, 19, 0, 0, 0, "GON"); mention(d, 19, 2, 2, 2, "ARN");
    mention(d, 20, 0, 0, 0, "ARN"); mention(d, 20, 6, 7, 7, "ROHCVL");
    mention(d, 21, 0, 0, 0, "ARN"); mention(d, 21, 3, 3, 3, "ROH");
    assert_int_equal(ann_coder_code(c, d, &e), 0);
    assert_int_equal(count(d, "033", "GON", "ROH"), 1);
    assert_int_equal(count(d, "070", "GON", "ROH"), 0);
    assert_int_equal(count(d, "072", "GON", "ROH"), 1);
    assert_int_equal(count(d, "0314", "GON", "ROH"), 1);
    assert_int_equal(count(d, "0353", "GON", "ROHCVL"), 1);
    assert_int_equal(count(d, "138", "GON", "ROH"), 1);
    assert_int_equal(count(d, "0256", "GONGOV", NULL), 1);
    assert_int_equal(count(d, "0813", "GONGOV", "GON"), 1);
    assert_int_equal(count(d, "112", "GON", "ROH"), 1);
    assert_int_equal(count(d, "112", "ROH", "GON"), 1);
    assert_int_equal(count(d, "195", "ARN", NULL), 1);
    assert_int_equal(count(d, "174", "GON", "ROHCVL"), 1);
    assert_int_equal(count(d, "036", "GON", "ROH"), 1);
    assert_int_equal(count(d, "040", "GON", "ROH"), 0);
    assert_int_equal(count(d, "0841", "GON", "GONCVL"), 1);
    assert_int_equal(count(d, "112", "GON", "ARN"), 1);
    for (int i = 0; i < d->nevent; i++) {
        assert_int_not_equal(d->event[i].sent, 5);
        assert_int_not_equal(d->event[i].sent, 14);
        if (d->event[i].sent == 13) assert_string_equal(d->event[i].code, "112");
        if (d->event[i].sent == 15) assert_string_equal(d->event[i].code, "120");
        if (d->event[i].sent == 16) assert_string_equal(d->event[i].code, "1384");
        if (d->event[i].sent == 17) assert_string_equal(d->event[i].code, "150");
        assert_int_not_equal(d->event[i].sent, 19);
        if (d->event[i].sent == 20) assert_string_equal(d->event[i].code, "124");
    }
    assert_int_equal(count(d, "1384", "ARN", "ROH"), 1);
    assert_int_equal(count(d, "150", "ARN", NULL), 1);
    assert_int_equal(count(d, "040", "ROH", "GON"), 1);
    assert_int_equal(count(d, "040", "ROH", "ARN"), 0);
    assert_int_equal(count(d, "124", "ARN", "ROHCVL"), 1);
    assert_int_equal(count(d, "138", "ARN", "ROH"), 1);
    assert_int_equal(count(d, "190", "ARN", "ROH"), 0);
    ann_doc_free(d);
    ann_coder_free(c);
}

static void test_validation_reader(void **state)
{
    (void)state;
    write_file("v.xml",
               "<Validation>\n# a bare comment line\n"
               "<Environment>\n<Verbfile>verbs.petr</Verbfile>\n"
               "<Actorfile>a1.txt, a2.txt</Actorfile>\n<Agentfile>ag.txt</Agentfile>\n</Environment>\n"
               "<Sentences>\n"
               "<Sentence id=\"R1\" date=\"20250626\" category=\"AFP\"/>\n"
               "<EventCoding eventcode=\"040\" sourcecode=\"ARN\" targetcode=\"GON\" />\n"
               "<EventCoding eventcode=\"040\" sourcecode=\"GON\" targetcode=\"ARN\" />\n"
               "<Text>\nArnor met\n Gondor.\n</Text>\n<Parse>\n"
               "1\tArnor\tArnor\tPROPN\tNNP\t_\t2\tnsubj\t_\t_\n"
               "2\tmet\tmeet\tVERB\tVBD\t_\t0\troot\t_\t_\n"
               "3\tGondor\tGondor\tPROPN\tNNP\t_\t2\tobj\t_\tSpaceAfter=No\n"
               "4\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n</Parse>\n"
               "<!-- <Sentence id=\"COMMENTED\"> -->\n"
               "<Sentence id=\"R2\" date=\"19950101\">\n<EventCoding noevents=\"True\"> </EventCoding>\n"
               "<Text>Nothing here.</Text>\n</Sentence>\n</Sentences></Validation>\n");
    char p[512];
    snprintf(p, sizeof p, "%s/v.xml", tmpdir);
    ann_err e;
    ann_vfile *v = ann_validation_read(p, &e);
    assert_non_null(v);
    assert_int_equal(v->nrec, 2);
    assert_int_equal(v->nactors, 2);
    assert_non_null(strstr(v->actors[1], "/a2.txt"));
    assert_non_null(strstr(v->verbfile, tmpdir));
    assert_string_equal(v->rec[0].id, "R1");
    assert_int_equal(v->rec[0].ncoding, 2);
    assert_string_equal(v->rec[0].coding[1].source, "GON");
    assert_string_equal(v->rec[0].text, "Arnor met Gondor.");
    assert_int_equal(v->rec[1].noevents, 1);
    assert_null(v->rec[1].parse);
    ann_doc *d = ann_validation_doc(&v->rec[0], &e);
    assert_non_null(d);
    assert_int_equal(d->nsent, 1);
    assert_int_equal(d->sent[0].ntok, 4);
    assert_string_equal(d->date, "2025-06-26");
    assert_string_equal(d->sent[0].tok[1].lemma, "meet");
    ann_doc_free(d);
    assert_null(ann_validation_doc(&v->rec[1], &e));
    assert_non_null(strstr(e.msg, "R2"));
    ann_validation_free(v);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cameo_facts),
        cmocka_unit_test(test_intents_and_one_sided),
        cmocka_unit_test(test_active_passive),
        cmocka_unit_test(test_control_and_specificity),
        cmocka_unit_test(test_negation_hedging),
        cmocka_unit_test(test_reciprocal_and_nouns),
        cmocka_unit_test(test_format_errors),
        cmocka_unit_test(test_petrarch_reader),
        cmocka_unit_test(test_nesting),
        cmocka_unit_test(test_own_conventions),
        cmocka_unit_test(test_news_readings),
        cmocka_unit_test(test_denials_and_quantities),
        cmocka_unit_test(test_event_noun_reactions),
        cmocka_unit_test(test_slips_and_background),
        cmocka_unit_test(test_validation_reader),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}

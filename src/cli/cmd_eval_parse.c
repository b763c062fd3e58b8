/* `annalist eval-parse GOLD SYSTEM`: UPOS, XPOS, lemma accuracy, UAS and LAS of a system CoNLL-U
 * file against gold (same tokenization), or with --raw the token/sentence F1 and aligned scores
 * of a pipeline run from raw text. */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "usage: annalist eval-parse [--raw] GOLD.conllu SYSTEM.conllu\n\n"
    "Scores SYSTEM against GOLD: UPOS, XPOS and lemma accuracy, UAS and LAS (LAS compares the\n"
    "universal relation, before any ':'). Punctuation counts like any other token.\n"
    "Without --raw both files must have the same sentences and tokens.\n"
    "With --raw the tokenizations may differ (SYSTEM parsed from the raw text): tokens and\n"
    "sentences are aligned by their characters (whitespace ignored) and the output adds token\n"
    "and sentence F1; the other scores are then F1 over aligned tokens.\n\n"
    "Example: annalist eval-parse en_ewt-ud-test.conllu out.conllu\n";

typedef struct flat {
    ann_doc **docs;
    int ndocs;
    const ann_sentence **s;
    int n;
} flat;

static int load(const char *path, flat *f)
{
    ann_err err = {0};
    ann_reader *r = ann_reader_open(path, ANN_FMT_CONLLU, (size_t)1 << 30, &err);
    if (!r) {
        cli_error("eval-parse: %s", err.msg);
        return -1;
    }
    ann_doc *d;
    int rc, capd = 0, caps = 0;
    while ((rc = ann_reader_next(r, &d, &err)) != 0) {
        if (rc < 0) {
            cli_error("eval-parse: %s", err.msg);
            ann_reader_close(r);
            return -1;
        }
        if (f->ndocs == capd) {
            capd = capd ? capd * 2 : 64;
            f->docs = ann_xrealloc(f->docs, sizeof *f->docs * (size_t)capd);
        }
        f->docs[f->ndocs++] = d;
        for (int i = 0; i < d->nsent; i++) {
            if (f->n == caps) {
                caps = caps ? caps * 2 : 1024;
                f->s = ann_xrealloc(f->s, sizeof *f->s * (size_t)caps);
            }
            f->s[f->n++] = &d->sent[i];
        }
    }
    ann_reader_close(r);
    return 0;
}

static void flat_free(flat *f)
{
    for (int i = 0; i < f->ndocs; i++) ann_doc_free(f->docs[i]);
    free(f->docs);
    free(f->s);
}

static double pct(long a, long b) { return b ? 100.0 * (double)a / (double)b : 0.0; }
static double f1(long c, long g, long s) { return g + s ? 200.0 * (double)c / (double)(g + s) : 0.0; }

/* ---- --raw: alignment on non-whitespace characters ---- */

typedef struct span { long a, z; int sent, idx; const ann_token *t; const ann_sentence *s; } span;

/* Token spans over the document-order stream of non-space characters of the forms. */
static span *spans(const flat *f, long *ntok)
{
    long n = 0, pos = 0;
    for (int i = 0; i < f->n; i++) n += f->s[i]->ntok;
    span *sp = ann_xmalloc(sizeof *sp * (size_t)(n + 1));
    long k = 0;
    for (int i = 0; i < f->n; i++)
        for (int j = 0; j < f->s[i]->ntok; j++) {
            const ann_token *t = &f->s[i]->tok[j];
            long a = pos;
            for (const char *c = t->form; c && *c; c++)
                if (*c != ' ' && *c != '\t' && *c != '\n') pos++;
            sp[k++] = (span){a, pos, i, j, t, f->s[i]};
        }
    *ntok = k;
    return sp;
}

static int same(const char *a, const char *b)
{
    if (!a || !*a) a = "_";
    if (!b || !*b) b = "_";
    return !strcmp(a, b);
}

static int raw_eval(const flat *g, const flat *s)
{
    long ng, ns;
    span *gs = spans(g, &ng), *ss = spans(s, &ns);
    long match = 0, upos = 0, xpos = 0, lemma = 0, uas = 0, las = 0;
    /* Map each matched gold token to its system token, to compare heads. */
    long *g2s = ann_xmalloc(sizeof(long) * (size_t)(ng + 1));
    long *sfirst = ann_xcalloc((size_t)s->n + 1, sizeof(long));
    for (long k = 0, c = 0; k < ns; k++) if (ss[k].idx == 0) sfirst[ss[k].sent] = k, c++;
    long *gfirst = ann_xcalloc((size_t)g->n + 1, sizeof(long));
    for (long k = 0; k < ng; k++) if (gs[k].idx == 0) gfirst[gs[k].sent] = k;
    long i = 0, j = 0;
    for (long k = 0; k < ng; k++) g2s[k] = -1;
    while (i < ng && j < ns) {
        if (gs[i].a == ss[j].a && gs[i].z == ss[j].z) {
            g2s[i] = j;
            i++, j++;
        } else if (gs[i].z <= ss[j].z) {
            i++;
        } else {
            j++;
        }
    }
    for (long k = 0; k < ng; k++) {
        if (g2s[k] < 0) continue;
        const span *a = &gs[k], *b = &ss[g2s[k]];
        match++;
        upos += same(a->t->upos, b->t->upos);
        xpos += same(a->t->xpos, b->t->xpos);
        lemma += same(a->t->lemma, b->t->lemma);
        int gh = a->t->head, sh = b->t->head;
        int ok;
        if (gh == 0 || sh <= 0) ok = gh == 0 && sh == 0;
        else ok = g2s[gfirst[a->sent] + gh - 1] == sfirst[b->sent] + sh - 1;
        if (ok) {
            uas++;
            size_t na = strcspn(a->t->deprel ? a->t->deprel : "", ":");
            size_t nb = strcspn(b->t->deprel ? b->t->deprel : "", ":");
            las += a->t->deprel && b->t->deprel && na == nb && !strncmp(a->t->deprel, b->t->deprel, na);
        }
    }
    /* Sentences: same first-character and last-character positions. */
    long sm = 0;
    {
        long a = 0, b = 0;
        while (a < g->n && b < s->n) {
            const ann_sentence *x = g->s[a], *y = s->s[b];
            if (!x->ntok) { a++; continue; }
            if (!y->ntok) { b++; continue; }
            long xa = gs[gfirst[a]].a, xz = gs[gfirst[a] + x->ntok - 1].z;
            long ya = ss[sfirst[b]].a, yz = ss[sfirst[b] + y->ntok - 1].z;
            if (xa == ya && xz == yz) sm++, a++, b++;
            else if (xz <= yz) a++;
            else b++;
        }
    }
    printf("Tokens    %6.2f  (F1; %ld gold, %ld system, %ld matched)\n", f1(match, ng, ns), ng, ns, match);
    printf("Sentences %6.2f  (F1; %d gold, %d system, %ld matched)\n", f1(sm, g->n, s->n), g->n, s->n, sm);
    printf("UPOS      %6.2f\nXPOS      %6.2f\nLemma     %6.2f\nUAS       %6.2f\nLAS       %6.2f\n",
           f1(upos, ng, ns), f1(xpos, ng, ns), f1(lemma, ng, ns), f1(uas, ng, ns), f1(las, ng, ns));
    free(gs);
    free(ss);
    free(g2s);
    free(sfirst);
    free(gfirst);
    return 0;
}

int cmd_eval_parse(int argc, char **argv)
{
    const char *files[2];
    int nf = 0, raw = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
            fputs(usage, stdout);
            return 0;
        }
        if (!strcmp(argv[i], "--raw")) { raw = 1; continue; }
        if (argv[i][0] == '-' && argv[i][1]) {
            cli_error("eval-parse: unknown option '%s'; see 'annalist eval-parse --help'", argv[i]);
            return 2;
        }
        if (nf == 2) {
            cli_error("eval-parse: takes two files, GOLD and SYSTEM");
            return 2;
        }
        files[nf++] = argv[i];
    }
    if (nf != 2) {
        cli_error("eval-parse: takes two files, GOLD and SYSTEM; see 'annalist eval-parse --help'");
        return 2;
    }
    flat g = {0}, s = {0};
    int rc = 1;
    if (load(files[0], &g) < 0 || load(files[1], &s) < 0) goto out;
    if (raw) {
        rc = raw_eval(&g, &s);
        goto out;
    }
    if (g.n != s.n) {
        cli_error("eval-parse: %s has %d sentences but %s has %d; the files must share the tokenization "
                  "(use --raw to score a run from raw text)", files[0], g.n, files[1], s.n);
        goto out;
    }
    ann_parse_score sc = {0};
    for (int i = 0; i < g.n; i++)
        if (ann_parse_score_sentence(&sc, g.s[i], s.s[i]) < 0) {
            cli_error("eval-parse: sentence %d (%s) has %d tokens in %s but %d in %s; the files must share "
                      "the tokenization (use --raw otherwise)", i + 1, g.s[i]->sent_id ? g.s[i]->sent_id : "no id",
                      g.s[i]->ntok, files[0], s.s[i]->ntok, files[1]);
            goto out;
        }
    printf("UPOS      %6.2f\nXPOS      %6.2f\nLemma     %6.2f\nUAS       %6.2f\nLAS       %6.2f\n",
           pct(sc.upos, sc.tokens), pct(sc.xpos, sc.tokens), pct(sc.lemma, sc.tokens), pct(sc.uas, sc.tokens),
           pct(sc.las, sc.tokens));
    printf("Tokens    %ld\nSentences %ld\n", sc.tokens, sc.sentences);
    rc = 0;
out:
    flat_free(&g);
    flat_free(&s);
    return rc;
}

/* `annalist train`: a tagger, lemmatizer and parser model from CoNLL-U treebanks. */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "usage: annalist train --train FILE.conllu [--train ...] [--dev FILE.conllu ...] -o MODEL\n\n"
    "Trains the POS tagger (UPOS+XPOS), lemmatizer and labelled dependency parser. Each\n"
    "component's epoch is chosen on the --dev files (without them the last epoch is kept).\n"
    "The same seed gives the same model file.\n\n"
    "  --train FILE            training treebank (CoNLL-U); repeatable\n"
    "  --dev FILE              development treebank for epoch selection; repeatable\n"
    "  -o, --output MODEL      model file to write\n"
    "  --seed N                random seed (default 1)\n"
    "  --tag-epochs N          tagger epochs (default 10)\n"
    "  --parse-epochs N        parser epochs (default 12; 0 = tagger and lemmatizer only)\n"
    "  --jackknife K           folds for predicted training tags (default 4; 1 = gold tags)\n"
    "  --max-sentences N       use only the first N training sentences\n"
    "  --prune W               drop parser weights below W (tagger: W/2) to shrink the model\n"
    "  -q, --quiet             no progress on stderr\n\n"
    "Example: annalist train --train en_ewt-ud-train.conllu --dev en_ewt-ud-dev.conllu -o my.annm\n";

static int num(const char *opt, const char *v, long lo, long hi, long *out)
{
    char *end;
    long x = strtol(v, &end, 10);
    if (!*v || *end || x < lo || x > hi) {
        cli_error("train: %s takes a number from %ld to %ld, not '%s'", opt, lo, hi, v);
        return -1;
    }
    *out = x;
    return 0;
}

int cmd_train(int argc, char **argv)
{
    const char **train = calloc((size_t)argc + 1, sizeof *train);
    const char **dev = calloc((size_t)argc + 1, sizeof *dev);
    ann_train_opts o = {.train = train, .dev = dev, .seed = 1, .verbose = 1};
    int rc = 2;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            fputs(usage, stdout);
            rc = 0;
            goto out;
        }
        if (!strcmp(a, "-q") || !strcmp(a, "--quiet")) { o.verbose = 0; continue; }
        const char *v = NULL;
        const char *eq = strchr(a, '=');
        char name[64];
        if (a[0] == '-' && a[1] == '-' && eq && (size_t)(eq - a) < sizeof name) {
            memcpy(name, a, (size_t)(eq - a));
            name[eq - a] = 0;
            v = eq + 1;
        } else {
            snprintf(name, sizeof name, "%s", a);
        }
        static const char *const withval[] = {"--train", "--dev", "-o", "--output", "--seed", "--tag-epochs",
                                              "--parse-epochs", "--jackknife", "--max-sentences", "--prune"};
        int known = 0;
        for (size_t k = 0; k < sizeof withval / sizeof *withval; k++) known |= !strcmp(name, withval[k]);
        if (!known) {
            cli_error("train: unknown option or argument '%s'; see 'annalist train --help'", a);
            goto out;
        }
        if (!v) {
            if (i + 1 >= argc) {
                cli_error("train: %s needs a value", name);
                goto out;
            }
            v = argv[++i];
        }
        long x;
        if (!strcmp(name, "--train")) train[o.ntrain++] = v;
        else if (!strcmp(name, "--dev")) dev[o.ndev++] = v;
        else if (!strcmp(name, "-o") || !strcmp(name, "--output")) o.out = v;
        else if (!strcmp(name, "--seed")) { if (num(name, v, 0, 2147483647L, &x)) goto out; o.seed = (unsigned long)x; }
        else if (!strcmp(name, "--tag-epochs")) { if (num(name, v, 1, 100, &x)) goto out; o.tag_epochs = (int)x; }
        else if (!strcmp(name, "--parse-epochs")) { if (num(name, v, 0, 100, &x)) goto out; o.parse_epochs = x ? (int)x : -1; }
        else if (!strcmp(name, "--jackknife")) { if (num(name, v, 1, 20, &x)) goto out; o.jackknife = (int)x; }
        else if (!strcmp(name, "--prune")) {
            char *end;
            o.prune = strtod(v, &end);
            if (!*v || *end || o.prune < 0 || o.prune > 100) {
                cli_error("train: --prune takes a weight from 0 to 100, not '%s'", v);
                goto out;
            }
        }
        else if (!strcmp(name, "--max-sentences")) { if (num(name, v, 1, 100000000L, &x)) goto out; o.max_sentences = (int)x; }
    }
    if (!o.ntrain || !o.out) {
        cli_error("train: needs --train FILE and -o MODEL; see 'annalist train --help'");
        goto out;
    }
    ann_err err = {0};
    if (ann_nlp_train(&o, &err) < 0) {
        cli_error("%s", err.msg);
        rc = 1;
        goto out;
    }
    rc = 0;
out:
    free(train);
    free(dev);
    return rc;
}

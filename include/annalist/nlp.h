/* Tagging, lemmatization and dependency parsing with annalist's own models (trained on UD).
 * A model is loaded once and shared read-only by all threads. */
#ifndef ANNALIST_NLP_H
#define ANNALIST_NLP_H

#include "doc.h"

typedef struct ann_model ann_model;

/* Loads a model file (documented binary format: magic, version, checksum). A truncated,
 * corrupt or wrong-version file gives a clear error, never a crash. */
ann_model *ann_model_load(const char *path, ann_err *err);
void ann_model_free(ann_model *m);
/* The shipped model's path (data/models/...), found like other data; NULL if absent. */
char *ann_model_default_path(void);

/* Fill upos, xpos, lemma (and feats when the model predicts them) for every token. */
int ann_nlp_tag(const ann_model *m, ann_doc *d, ann_err *err);
/* Fill head and deprel (a well-formed tree per sentence); needs tags. */
int ann_nlp_parse(const ann_model *m, ann_doc *d, ann_err *err);

/* Training (`annalist train`, `make model`): a tagger, lemmatizer and parser from CoNLL-U
 * treebanks, the epoch of each chosen on the dev files, written to `out`. Deterministic for a
 * given seed. Progress and dev scores go to stderr when verbose. */
typedef struct ann_train_opts {
    const char *const *train;
    int ntrain;
    const char *const *dev;   /* may be empty: then the last epoch is kept */
    int ndev;
    const char *out;
    int tag_epochs;           /* 0 = default */
    int parse_epochs;         /* 0 = default, -1 = no parser (tagging experiments) */
    int jackknife;            /* folds for predicted training tags; 1 = gold tags; 0 = default */
    unsigned long seed;
    int max_sentences;        /* 0 = all; else the first N training sentences */
    double prune;             /* drop weights below this magnitude (model size); 0 = keep all */
    int verbose;
} ann_train_opts;
int ann_nlp_train(const ann_train_opts *o, ann_err *err);

/* Scores of a system annotation against gold (same tokenization). */
typedef struct ann_parse_score {
    long sentences, tokens;
    long upos, xpos, lemma, uas, las;   /* correct tokens */
} ann_parse_score;
/* Adds the scores of one sentence; returns -1 when the token counts differ. */
int ann_parse_score_sentence(ann_parse_score *sc, const ann_sentence *gold, const ann_sentence *sys);

#endif

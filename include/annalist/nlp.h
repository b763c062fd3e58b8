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

#endif

/* The event coder: verb and noun patterns over the dependency tree turn sentences with actor
 * mentions into CAMEO events with Goldstein scores, quad classes and PLOVER categories. */
#ifndef ANNALIST_CODER_H
#define ANNALIST_CODER_H

#include "doc.h"

typedef struct ann_coder ann_coder;

/* Our own patterns and the CAMEO/Goldstein/PLOVER tables under dir (data/dict by default). */
ann_coder *ann_coder_load(const char *dir, ann_err *err);
/* A TABARI/PETRARCH verb dictionary (CAMEO.2.0.txt and friends), tables from dir. */
ann_coder *ann_coder_load_petrarch(const char *verbfile, const char *dir, ann_err *err);
void ann_coder_free(ann_coder *c);

/* Codes events in a tagged, parsed document whose actor mentions are filled in. */
int ann_coder_code(const ann_coder *c, ann_doc *d, ann_err *err);

/* CAMEO facts for a code: name, Goldstein weight, quad class, PLOVER mapping. */
typedef struct ann_cameo_info {
    const char *code, *name;
    double goldstein;
    int quad_class;
    const char *plover_type, *plover_mode, *plover_context;
} ann_cameo_info;
const ann_cameo_info *ann_cameo_lookup(const ann_coder *c, const char *code);

#endif

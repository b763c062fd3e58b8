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

/* Validation files of PETRARCH/UniversalPetrarch (<Validation> XML): the dictionaries their
 * <Environment> names and one record per <Sentence> with its gold <EventCoding> lines. */
typedef struct ann_vcoding {
    char code[8], source[64], target[64];
} ann_vcoding;

typedef struct ann_vrecord {
    char *id, *date, *category;
    char *text;           /* the <Text>, whitespace collapsed */
    char *parse;          /* the <Parse> CoNLL-U lines, or NULL */
    long line;            /* line of the <Sentence> element in the file */
    int ncoding;
    ann_vcoding *coding;
    int noevents;         /* <EventCoding noevents="True"> */
    int error;            /* <EventCoding error="..."> : the record tests an input error */
} ann_vrecord;

typedef struct ann_vfile {
    char *path;
    char *verbfile;       /* as named, resolved beside the XML file */
    char **actors, **agents, **discards;
    int nactors, nagents, ndiscards;
    int nrec;
    ann_vrecord *rec;
} ann_vfile;

ann_vfile *ann_validation_read(const char *path, ann_err *err);
void ann_validation_free(ann_vfile *v);
/* The record's parse as a document (tokens, tags, tree), dated by the record. NULL with err
 * filled when the record has no usable parse. */
ann_doc *ann_validation_doc(const ann_vrecord *r, ann_err *err);
/* Sets d->date from the record's date (YYYYMMDD, or PETRARCH's YYMMDD); none if absent. */
void ann_validation_set_date(const ann_vrecord *r, ann_doc *d);

#endif

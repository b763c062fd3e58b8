/* Actor dictionaries and recognition: mentions in a parsed document become CAMEO actor codes
 * (IRNGOV, AZEGOV, ISR ...), dated by the document date. Dictionaries load once, read-only. */
#ifndef ANNALIST_ACTORS_H
#define ANNALIST_ACTORS_H

#include "doc.h"

typedef struct ann_actors ann_actors;

/* Our own dictionaries: every file under dir (data/dict/actors by default). */
ann_actors *ann_actors_load_dir(const char *dir, ann_err *err);
/* TABARI/PETRARCH formats (Phoenix or Validate dictionaries); any list may be empty.
 * Malformed lines are reported as warnings (file:line) through warn and skipped. */
ann_actors *ann_actors_load_petrarch(const char *const *actor_files, int nactor,
                                     const char *const *agent_files, int nagent,
                                     const char *const *discard_files, int ndiscard,
                                     ann_err *err);
void ann_actors_free(ann_actors *a);

/* Finds actor mentions in d (needs tokens; uses lemmas, tags and the tree when present),
 * codes them for d->date, and fills d->ment. */
int ann_actors_tag(const ann_actors *a, ann_doc *d, ann_err *err);

#endif

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
/* The shipped dictionaries' directory (malloc'd), or NULL when not found. */
char *ann_actors_default_dir(void);

/* What a loaded dictionary holds (for reports, tests and benchmarks). */
typedef struct ann_actors_stats {
    long entries, phrases;  /* entries, and the token sequences that lead to them */
    long places, agents, actors, orgs, discards;  /* entries by kind (actors: people and
                                                     TABARI/PETRARCH actors) */
    long lines;             /* entry lines read and accepted (comments and blanks aside) */
    long warnings;          /* malformed lines reported and skipped while loading */
    size_t bytes;           /* memory held */
} ann_actors_stats;
void ann_actors_stats_get(const ann_actors *a, ann_actors_stats *st);

/* Finds actor mentions in d (needs tokens; uses lemmas, tags and the tree when present),
 * codes them for d->date (today when NULL), and appends them to d->ment in text order.
 * A mention's code is NULL for an unknown, untitled proper name (recognised, not coded);
 * its entry is the "file:line" of every dictionary entry that contributed, joined by '+'. */
int ann_actors_tag(const ann_actors *a, ann_doc *d, ann_err *err);

#endif

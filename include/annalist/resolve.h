/* Document-level resolution: what a sentence-at-a-time coder cannot know. Event dates from
 * their clause relative to the publication date, coreference of actors, attribution of
 * reported claims, claims <-> denials, and duplicate events told twice in one story.
 *
 * Order in the pipeline (src/pipeline/pipeline.c):
 *   ann_actors_tag -> ann_resolve_coref -> ann_coder_code -> ann_resolve_dates -> ann_resolve_events
 * All functions are deterministic, need no loaded data (their word lists are closed-class and
 * live in src/resolve/), and are thread-safe: they only touch the document they are given. */
#ifndef ANNALIST_RESOLVE_H
#define ANNALIST_RESOLVE_H

#include "doc.h"

/* ---- Dates ------------------------------------------------------------------------------ */

/* Precisions, as written in ann_event.date_precision. "week" is used for "last week",
 * "earlier this week" without a weekday, "two weeks ago" (date = the Monday of that week). */
#define ANN_PREC_DAY      "day"
#define ANN_PREC_WEEK     "week"
#define ANN_PREC_MONTH    "month"
#define ANN_PREC_YEAR     "year"
#define ANN_PREC_DOCUMENT "document"

typedef struct ann_date {
    char iso[11];           /* always a full "YYYY-MM-DD": the first day of a month/year/week */
    const char *precision;  /* one of ANN_PREC_* */
    int len;                /* bytes of the input the expression spans (from text[0]) */
} ann_date;

/* Tense hints for ann_resolve_date_expr. */
#define ANN_TENSE_PAST    0   /* "on Thursday" = the latest Thursday on or before doc_date */
#define ANN_TENSE_FUTURE  1   /* "on Thursday" = the first Thursday after doc_date */
#define ANN_TENSE_UNKNOWN (-1)/* the nearest occurrence (past wins a tie) */

/* Parses one date expression that starts exactly at text[0] (the longest one it can):
 * "June 13", "13 June 2025", "June 13th, 2025", "2025-06-13", "Tuesday", "last Tuesday",
 * "yesterday", "today", "last week", "earlier this week on Tuesday", "last month", "in March",
 * "in 2024", "two days ago", "3 weeks ago", "last year" ... Year-less dates take the year that
 * puts them on the right side of doc_date (December 30 in a January story is last year's).
 * Pure: no globals, no allocation. Returns 1 and fills *out when an expression was found,
 * 0 when text does not start with one, -1 when doc_date is not "YYYY-MM-DD" and one was
 * needed (relative expressions); absolute full dates parse without doc_date (may be NULL). */
int ann_resolve_date_expr(const char *text, const char *doc_date, int tense, ann_date *out);
/* The same, with the story's reference date ref_date ("YYYY-MM-DD", or NULL when the story has
 * told none yet): the date expressions relative to what was told before parse against it
 * ("two days later", "a week earlier", "the next day", "the following week", "the previous
 * day"); without a reference they do not parse at all. */
int ann_resolve_date_expr_ref(const char *text, const char *doc_date, const char *ref_date, int tense,
                              ann_date *out);

/* Dates every event of d from its own clause: a date expression attached (obl, obl:tmod,
 * nmod:tmod, advmod, nmod ...) to the trigger or to a token on its path up to the clause head;
 * failing that, the date expression nearest the trigger in the same sentence; failing that,
 * d->date with precision "document" (date "" when d->date is NULL). Fills date,
 * date_precision, date_text. Returns 0, or -1 with err filled on a malformed d->date. */
int ann_resolve_dates(ann_doc *d, ann_err *err);

/* ---- Coreference (after actor tagging, before event coding) ------------------------------ */

/* Resolves pronouns (he, she, it, they and their possessive/object forms), definite
 * descriptions ("the president", "the foreign minister", "the ministry", "the government",
 * "the two leaders", "both countries", "the neighbouring country") and short names ("Aliyev"
 * after "President Ilham Aliyev") to earlier coded mentions. Each resolved anaphor is added
 * to d->ment with code set, entry "coref:<rule>" and resolved_from = its words; a plural
 * anaphor ("the two leaders") adds one mention per member over the same tokens. An existing
 * mention with code NULL that resolves is filled in place. Needs tokens; uses upos, feats and
 * the tree when present. The algorithm is documented at the top of src/resolve/coref.c.
 * Returns the number of mentions resolved (>= 0). */
int ann_resolve_coref(ann_doc *d, ann_err *err);

/* ---- Events (after coding and dating) ------------------------------------------------------ */

typedef struct ann_resolve_opts {
    int keep_duplicates;    /* 1: no duplicate merging (--keep-duplicates) */
} ann_resolve_opts;

/* After coding and dating:
 * - attribution: fills attributed_to when the coder left it NULL ("X said/claimed/alleged
 *   that ...", "according to X", "X's statement emphasized", "Iran's claim that ..."); an
 *   event inside a claim or report noun's complement is also marked hedged, and so is a
 *   claim whose content is uncertain ("claim that Israel may have used ...");
 * - claims <-> denials: a denial 016 / rejection 12x of "these allegations", "the reports",
 *   "the claim" gets answers = index in d->event of the claim it answers; a reassurance 03x
 *   to a claimant whose claim was denied is linked too;
 * - duplicates: same source code, target code (one of them set), event code and negation,
 *   compatible dates: the first keeps evidence = every sentence index telling it, later
 *   copies get duplicate = 1 and stay in d->event so indices stay valid; sinks skip events
 *   with duplicate = 1 (see ann_resolve_output_index).
 * Every event gets evidence (at least its own sentence). opts may be NULL (defaults).
 * Returns 0, or -1 with err filled. */
int ann_resolve_events(ann_doc *d, const ann_resolve_opts *opts, ann_err *err);

/* The position of event i among the events a sink prints (those with duplicate = 0), for
 * writing "answers" as an index into the output; -1 when i is itself a duplicate or out of
 * range. */
int ann_resolve_output_index(const ann_doc *d, int i);

/* ---- Claims and denials section (annalist code --claims) ---------------------------------- */

typedef struct ann_claim_pair {
    int claim;              /* index in d->event of the claim/accusation/report */
    int answer;             /* index in d->event of the denial (or reassurance) answering it */
} ann_claim_pair;

/* The pairs of d (events with answers >= 0), in document order; returns how many there are
 * (may exceed max: only max are written). */
int ann_resolve_claim_pairs(const ann_doc *d, ann_claim_pair *out, int max);

/* Appends the human-readable "claims and denials" section for d (nothing when d has no
 * pair): who claimed what against whom, who denied, when, with sentence numbers. */
void ann_resolve_claims_table(ann_buf *out, const ann_doc *d);

#endif

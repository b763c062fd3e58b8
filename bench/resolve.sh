#!/usr/bin/env bash
# Cost of document-level resolution (coreference, dates, attribution/claims/duplicates):
#  1. on gold-parsed UD English against the actor and coder stages and against `annalist code`
#     on the same CoNLL-U (no tagging/parsing: an upper bound of resolution's share);
#  2. when a parser model exists (the shipped one, or MODEL=path), on raw text (the GUM dev
#     documents' sentences) through the whole pipeline: the share that `make bench` means;
#  3. coreference against GUM's gold coreference (MISC Entity=): a resolved anaphor is right
#     when an earlier actor mention with the code it got is in its gold entity. Group
#     anaphors ("both countries") never are (GUM makes groups entities of their own), and
#     the gold is strict, so these figures are lower bounds. SHOW=1 lists the misses.
# Usage: bench/resolve.sh [CONLLU-FILE] [REPEAT]   (default: ../shared EWT train, 3 rounds)
set -eu
cd "$(dirname "$0")/.."
SHARED=${SHARED:-$(cd .. && pwd)/shared}
in=${1:-$SHARED/data/ud/en_ewt-ud-train.conllu}
rounds=${2:-3}
[ -f "$in" ] || { echo "bench/resolve.sh: $in not found (set SHARED or pass a CoNLL-U file)"; exit 1; }
make -s -j2 build/libannalist.a build/annalist >/dev/null
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cat > "$tmp/rb.c" <<'C'
#include "annalist.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + t.tv_nsec / 1e9; }
int main(int argc, char **argv)
{
    ann_err err = {0};
    int rounds = atoi(argv[2]);
    ann_actors *a = ann_actors_load_dir("data/dict/actors", &err);
    if (!a) { fprintf(stderr, "actors: %s\n", err.msg); return 1; }
    ann_coder *c = ann_coder_load("data/dict", &err);
    if (!c) fprintf(stderr, "coder not loadable (%s): timing actors + resolution only\n", err.msg);
    double t_stage = 0, t_coref = 0, t_dates = 0, t_events = 0;
    long sents = 0, ments = 0, resolved = 0, events = 0, dated = 0, attributed = 0, answered = 0, dups = 0;
    for (int r = 0; r < rounds; r++) {
        ann_reader *rd = ann_reader_open(argv[1], ANN_FMT_CONLLU, 0, &err);
        if (!rd) { fprintf(stderr, "%s\n", err.msg); return 1; }
        ann_doc *d;
        int rc;
        while ((rc = ann_reader_next(rd, &d, &err)) != 0) {
            if (rc < 0) continue;
            d->date = "2025-06-26";
            double t0 = now();
            ann_actors_tag(a, d, &err);
            double t1 = now();
            int n = ann_resolve_coref(d, &err);
            double t2 = now();
            if (c) ann_coder_code(c, d, &err);
            double t3 = now();
            ann_resolve_dates(d, &err);
            double t4 = now();
            ann_resolve_events(d, NULL, &err);
            double t5 = now();
            t_stage += (t1 - t0) + (t3 - t2);
            t_coref += t2 - t1, t_dates += t4 - t3, t_events += t5 - t4;
            if (r == 0) {
                sents += d->nsent, ments += d->nment, resolved += n, events += d->nevent;
                for (int i = 0; i < d->nevent; i++) {
                    const ann_event *e = &d->event[i];
                    dated += e->date_precision && strcmp(e->date_precision, ANN_PREC_DOCUMENT) != 0;
                    attributed += e->attributed_to != NULL;
                    answered += e->answers >= 0;
                    dups += e->duplicate;
                }
            }
            d->date = NULL;
            ann_doc_free(d);
        }
        ann_reader_close(rd);
    }
    double t_res = t_coref + t_dates + t_events;
    printf("input: %s, %ld sentences x %d rounds\n", argv[1], sents, rounds);
    printf("mentions %ld (resolved by coreference %ld), events %ld: dated from text %ld, attributed %ld, "
           "answering a claim %ld, duplicates %ld\n", ments, resolved, events, dated, attributed, answered, dups);
    printf("actors+coder: %.3f s (%.0f sentences/s)\n", t_stage, sents * rounds / t_stage);
    printf("resolution:   %.3f s (%.0f sentences/s): coref %.3f, dates %.3f, events %.3f\n", t_res,
           sents * rounds / t_res, t_coref, t_dates, t_events);
    printf("resolution / (actors+coder+resolution): %.1f%%\n", 100 * t_res / (t_stage + t_res));
    if (c) ann_coder_free(c);
    ann_actors_free(a);
    return 0;
}
C
cc -std=c11 -D_GNU_SOURCE -O2 -Iinclude -o "$tmp/rb" "$tmp/rb.c" build/libannalist.a \
   $(pkg-config --libs jansson libutf8proc sqlite3 libpq libmicrohttpd libzstd) -lpthread -lm
"$tmp/rb" "$in" "$rounds" | tee "$tmp/out"
# End to end on the same input: `annalist code` (reading, actors, coref, coder, dates, events,
# JSONL writing), single thread, best of the rounds.
best=""
for _ in $(seq "$rounds"); do
  t0=$(date +%s.%N)
  build/annalist code -q -j 1 --input-format conllu --format jsonl "$in" > /dev/null
  t=$(awk -v a="$(date +%s.%N)" -v b="$t0" 'BEGIN { print a - b }')
  best=$(awk -v a="$t" -v b="${best:-$t}" 'BEGIN { print (a < b ? a : b) }')
done
res=$(awk '/^resolution:/ { print $2 }' "$tmp/out")
awk -v e="$best" -v r="$res" -v n="$rounds" 'BEGIN {
  r /= n; printf "annalist code end to end: %.3f s per round; resolution %.3f s = %.1f%% added to the rest\n", e, r, 100 * r / (e - r) }'

# 2. Raw text through the whole pipeline (segment, tag, parse, actors, coref, coder, dates,
# events), then resolution run again on the finished documents to time it alone.
coref_eval() {
cat > "$tmp/ce.c" <<'C'
#include "annalist.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
/* Coreference against GUM's gold Entity annotation: a resolved anaphor is right when an earlier
 * actor mention with the code it got belongs to the anaphor's gold entity. */
typedef struct { int sent, first, last, id; } gspan;
typedef struct { int sent, first, last, head; const char *code; } omen;
static gspan *G; static int nG, capG;
static void addg(int s, int f, int l, int id) { if (nG == capG) { capG = capG ? capG * 2 : 256; G = realloc(G, capG * sizeof *G); } G[nG++] = (gspan){s, f, l, id}; }
static void gold(const ann_doc *d)
{
    nG = 0;
    int open_id[64], open_s[64], open_t[64], no = 0;
    for (int s = 0; s < d->nsent; s++)
        for (int t = 0; t < d->sent[s].ntok; t++) {
            const char *m = d->sent[s].tok[t].misc;
            const char *e = m ? strstr(m, "Entity=") : NULL;
            if (!e) continue;
            e += 7;
            while (*e && *e != '|') {
                if (*e == '(') {
                    int id = atoi(e + 1);
                    e++;
                    while (*e && *e != '(' && *e != ')' && *e != '|') e++;
                    if (*e == ')') { addg(s, t, t, id); e++; }
                    else if (no < 64) { open_id[no] = id, open_s[no] = s, open_t[no] = t, no++; }
                } else if (*e >= '0' && *e <= '9') {
                    int id = atoi(e);
                    while (*e >= '0' && *e <= '9') e++;
                    if (*e == ')') e++;
                    for (int k = no - 1; k >= 0; k--)
                        if (open_id[k] == id) {
                            if (open_s[k] == s) addg(s, open_t[k], t, id);
                            memmove(&open_id[k], &open_id[k + 1], (no - k - 1) * sizeof(int));
                            memmove(&open_s[k], &open_s[k + 1], (no - k - 1) * sizeof(int));
                            memmove(&open_t[k], &open_t[k + 1], (no - k - 1) * sizeof(int));
                            no--;
                            break;
                        }
                } else e++;
            }
        }
}
static int inner(int s, int t)
{
    int best = -1, bl = 1 << 30;
    for (int i = 0; i < nG; i++)
        if (G[i].sent == s && G[i].first <= t && t <= G[i].last && G[i].last - G[i].first < bl) best = G[i].id, bl = G[i].last - G[i].first;
    return best;
}
int main(int argc, char **argv)
{
    ann_err err = {0};
    ann_actors *a = ann_actors_load_dir("data/dict/actors", &err);
    long right[8] = {0}, total[8] = {0};
    const char *rules[] = {"pronoun", "description", "name", "group"};
    long cand = 0, candhit = 0;
    for (int f = 1; f < argc; f++) {
        ann_reader *rd = ann_reader_open(argv[f], ANN_FMT_CONLLU, 0, &err);
        ann_doc *d; int rc;
        while ((rc = ann_reader_next(rd, &d, &err)) != 0) {
            if (rc < 0) continue;
            if (getenv("GENRE") && (!d->id || !strstr(d->id, getenv("GENRE")))) { ann_doc_free(d); continue; }
            d->date = "2025-06-26";
            ann_actors_tag(a, d, &err);
            int no = d->nment;
            omen *o = malloc((no + 1) * sizeof *o);
            for (int i = 0; i < no; i++) o[i] = (omen){d->ment[i].sent, d->ment[i].first, d->ment[i].last, d->ment[i].head, d->ment[i].code};
            gold(d);
            ann_resolve_coref(d, &err);
            for (int i = 0; i < d->nment; i++) {
                const ann_mention *m = &d->ment[i];
                if (!m->resolved_from || !m->entry || !m->code) continue;
                int r = 0;
                while (r < 4 && !strstr(m->entry, rules[r])) r++;
                if (r == 4) continue;
                int ga = inner(m->sent, m->head);
                int ok = 0;
                for (int k = 0; k < no && !ok; k++)
                    if (o[k].code && !strcmp(o[k].code, m->code) && (o[k].sent < m->sent || (o[k].sent == m->sent && o[k].last < m->first)) &&
                        ga >= 0 && inner(o[k].sent, o[k].head) == ga)
                        ok = 1;
                total[r]++, right[r] += ok;
                if (getenv("SHOW") && !ok) {
                    const ann_sentence *s = &d->sent[m->sent];
                    printf("wrong: %s <- %s | %.*s\n", m->code, m->resolved_from,
                           (int)(s->end - s->start > 150 ? 150 : s->end - s->start), d->text + s->start);
                }
            }
            /* Recall for pronouns: third-person pronouns whose gold entity has an earlier actor mention. */
            for (int s = 0; s < d->nsent; s++)
                for (int t = 0; t < d->sent[s].ntok; t++) {
                    const ann_token *tk = &d->sent[s].tok[t];
                    static const char *const pr[] = {"he", "him", "his", "she", "her", "it", "its", "they", "them", "their", NULL};
                    int isp = 0;
                    for (int q = 0; pr[q]; q++) if (!strcasecmp(tk->form, pr[q])) isp = 1;
                    if (!isp) continue;
                    int ga = inner(s, t);
                    if (ga < 0) continue;
                    const char *code = NULL;
                    for (int k = 0; k < no; k++)
                        if (o[k].code && (o[k].sent < s || (o[k].sent == s && o[k].last < t)) && inner(o[k].sent, o[k].head) == ga) code = o[k].code;
                    if (!code) continue;
                    cand++;
                    for (int i = 0; i < d->nment; i++)
                        if (d->ment[i].resolved_from && d->ment[i].sent == s && d->ment[i].head == t && d->ment[i].code && !strcmp(d->ment[i].code, code)) { candhit++; break; }
                }
            free(o);
            d->date = NULL;
            ann_doc_free(d);
        }
        ann_reader_close(rd);
    }
    for (int r = 0; r < 4; r++)
        printf("  %-12s %5ld resolved, %5ld right: precision %.1f%%\n", rules[r], total[r], right[r],
               total[r] ? 100.0 * right[r] / total[r] : 0);
    printf("  pronouns whose gold entity has an earlier actor mention: %ld, resolved to its code: %ld "
           "(recall %.1f%%)\n", cand, candhit, cand ? 100.0 * candhit / cand : 0);
    return 0;
}
C
cc -std=c11 -D_GNU_SOURCE -O2 -Iinclude -o "$tmp/ce" "$tmp/ce.c" build/libannalist.a \
   $(pkg-config --libs jansson libutf8proc sqlite3 libpq libmicrohttpd libzstd) -lpthread -lm
g="$SHARED/data/ud/en_gum-ud-train.conllu $SHARED/data/ud/en_gum-ud-dev.conllu $SHARED/data/ud/en_gum-ud-test.conllu"
echo "coreference on GUM (all genres), gold Entity annotation:"
"$tmp/ce" $g
echo "coreference on GUM news:"
GENRE=news "$tmp/ce" $g
}

model=${MODEL:-data/models/en_ud.annm}
gum=$SHARED/data/ud/en_gum-ud-dev.conllu
if [ ! -f "$model" ] || [ ! -f "$gum" ]; then
  echo "raw text: skipped (no parser model at $model; 'make model' or MODEL=path)"
  coref_eval
  exit 0
fi
awk '/^# newdoc id = /{ if (t != "") print "{\"id\": \"" id "\", \"date\": \"2025-06-26\", \"text\": \"" t "\"}"; id = $5; t = "" }
     /^# text = /{ s = substr($0, 10); gsub(/\\/, "\\\\", s); gsub(/"/, "\\\"", s); gsub(/\t/, " ", s); t = t (t == "" ? "" : " ") s }
     END { if (t != "") print "{\"id\": \"" id "\", \"date\": \"2025-06-26\", \"text\": \"" t "\"}" }' "$gum" > "$tmp/raw.jsonl"
cat > "$tmp/rp.c" <<'C'
#include "annalist.h"
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + t.tv_nsec / 1e9; }
int main(int argc, char **argv)
{
    ann_err err = {0};
    /* The pipeline refers to the NLP stage weakly; name it here so the linker brings it in. */
    volatile struct { ann_model *(*load)(const char *, ann_err *); int (*tag)(const ann_model *, ann_doc *, ann_err *);
                      int (*parse)(const ann_model *, ann_doc *, ann_err *); void (*free)(ann_model *); }
        nlp = {ann_model_load, ann_nlp_tag, ann_nlp_parse, ann_model_free};
    (void)nlp;
    ann_pipeline_opts o = {.model_path = argv[2], .dict_dir = "data/dict"};
    ann_pipeline_info info;
    ann_pipeline *p = ann_pipeline_open(&o, &err);
    if (!p) { fprintf(stderr, "%s\n", err.msg); return 1; }
    ann_pipeline_get_info(p, &info);
    double t_pipe = 0, t_res = 0;
    long sents = 0;
    ann_reader *rd = ann_reader_open(argv[1], ANN_FMT_JSONL, 0, &err);
    ann_doc *d;
    int rc;
    while ((rc = ann_reader_next(rd, &d, &err)) != 0) {
        if (rc < 0) continue;
        double t0 = now();
        if (ann_pipeline_process(p, d, &err) < 0) { fprintf(stderr, "%s\n", err.msg); return 1; }
        double t1 = now();
        ann_resolve_coref(d, &err);
        ann_resolve_dates(d, &err);
        ann_resolve_events(d, NULL, &err);
        t_res += now() - t1, t_pipe += t1 - t0, sents += d->nsent;
        ann_doc_free(d);
    }
    ann_reader_close(rd);
    ann_pipeline_close(p);
    printf("raw text: %ld sentences, whole pipeline %.3f s (%.0f sentences/s); resolution %.3f s = %.1f%% added to the rest\n",
           sents, t_pipe, sents / t_pipe, t_res, 100 * t_res / (t_pipe - t_res));
    return 0;
}
C
cc -std=c11 -D_GNU_SOURCE -O2 -Iinclude -o "$tmp/rp" "$tmp/rp.c" build/libannalist.a \
   $(pkg-config --libs jansson libutf8proc sqlite3 libpq libmicrohttpd libzstd) -lpthread -lm
"$tmp/rp" "$tmp/raw.jsonl" "$model"
coref_eval

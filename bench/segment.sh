#!/usr/bin/env bash
# Segmentation speed (issue 2: >= 50 MB/s of text per core). Two figures:
#   segment_lib_mb_per_s  ann_text_segment alone, one thread, CPU time of that thread, over
#                         the corpus's texts repeated to >= 100 MB;
#   segment_cli_mb_per_s  `annalist segment -j 1 --format jsonl` on the corpus: reading JSON,
#                         segmenting and writing, user+sys CPU time.
# Run by bench/run (corpus: bench/work/corpus.jsonl, built from the UD test documents and more),
# or alone: `bench/segment.sh` then builds its corpus from the raw text of all six UD English
# files in ../shared (via `annalist eval-segment --raw`).
set -euo pipefail
cd "$(dirname "$0")/.."
export ANNALIST=${ANNALIST:-$PWD/build/annalist}
SHARED=${SHARED:-$(cd .. && pwd)/shared}
. bench/lib.sh
[ -x "$ANNALIST" ] || make -s -j2 all
B=$(dirname "$ANNALIST")
[ -f "$B/libannalist.a" ] || skip "no $B/libannalist.a next to $ANNALIST"
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
corpus=${CORPUS_DIR:-}/corpus.jsonl
if [ -z "${CORPUS_DIR:-}" ] || [ ! -s "$corpus" ]; then
  [ -d "$SHARED/data/ud" ] || skip "no corpus: run through bench/run, or provide $SHARED/data/ud"
  corpus=$W/corpus.jsonl
  for f in "$SHARED"/data/ud/en_*-ud-*.conllu; do "$ANNALIST" eval-segment --raw "$f"; done > "$corpus"
fi

cat > "$W/bench.c" <<'C'
/* Times ann_text_segment alone over the documents of a JSONL file, repeated to >= 100 MB. */
#include "annalist.h"
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
int main(int argc, char **argv)
{
    (void)argc;
    ann_err e;
    ann_reader *r = ann_reader_open(argv[1], ANN_FMT_JSONL, 0, &e);
    if (!r) { fprintf(stderr, "%s\n", e.msg); return 1; }
    ann_doc **docs = NULL, *d;
    size_t n = 0, cap = 0;
    double size = 0;
    int rc;
    while ((rc = ann_reader_next(r, &d, &e)) != 0) {
        if (rc < 0) continue;
        if (n == cap) docs = realloc(docs, (cap = cap ? 2 * cap : 1024) * sizeof *docs);
        docs[n++] = d;
        size += d->len;
    }
    ann_reader_close(r);
    if (!n || size == 0) { fprintf(stderr, "no documents in %s\n", argv[1]); return 1; }
    double secs = 0, bytes = 0;
    long sents = 0, toks = 0;
    while (bytes < 100e6) {
        for (size_t i = 0; i < n; i++) {
            /* a fresh document each time, as the pipeline has; only the segmenter is timed */
            ann_doc *x = ann_doc_new();
            ann_doc_set_text(x, docs[i]->text, docs[i]->len);
            struct timespec a, b;
            clock_gettime(CLOCK_THREAD_CPUTIME_ID, &a);
            ann_text_segment(x, &e);
            clock_gettime(CLOCK_THREAD_CPUTIME_ID, &b);
            secs += (b.tv_sec - a.tv_sec) + (b.tv_nsec - a.tv_nsec) / 1e9;
            bytes += x->len;
            sents += x->nsent;
            for (int k = 0; k < x->nsent; k++) toks += x->sent[k].ntok;
            ann_doc_free(x);
        }
    }
    for (size_t i = 0; i < n; i++) ann_doc_free(docs[i]);
    free(docs);
    printf("%.0f %ld %ld %.6f\n", bytes, sents, toks, secs);
    return 0;
}
C
LIBS=$(pkg-config --libs jansson libutf8proc 2>/dev/null || echo "-ljansson -lutf8proc")
cc -O2 -std=c11 -D_GNU_SOURCE -Iinclude -o "$W/bench" "$W/bench.c" "$B/libannalist.a" $LIBS -lpthread -lm
read -r bytes sents toks secs < <("$W/bench" "$corpus")
echo "segment (library): $(awk -v b="$bytes" 'BEGIN{printf "%.1f", b/1e6}') MB, $sents sentences, $toks words in ${secs} s CPU"
figure segment_lib_mb_per_s "$(awk -v b="$bytes" -v s="$secs" 'BEGIN{printf "%.1f", b/1e6/s}')" MB/s
figure segment_lib_sentences_per_s "$(rate "$sents" "$secs")" sent/s

# the CLI reads at least 20 MB so start-up does not count
cli=$corpus
if [ "$(stat -c %s "$corpus")" -lt 20000000 ]; then
  cli=$W/cli.jsonl
  while [ "$(stat -c %s "$cli" 2>/dev/null || echo 0)" -lt 20000000 ]; do cat "$corpus" >> "$cli"; done
fi
size=$(stat -c %s "$cli")
cpu=$( { /usr/bin/time -f '%U %S' "$ANNALIST" segment -q -j 1 --format jsonl "$cli" > /dev/null; } 2>&1 | tail -1)
secs=$(awk -v c="$cpu" 'BEGIN { split(c, t, " "); print t[1] + t[2] }')
echo "segment (CLI, -j 1, JSONL out): $(awk -v b="$size" 'BEGIN{printf "%.1f", b/1e6}') MB in ${secs} s CPU"
figure segment_cli_mb_per_s "$(awk -v b="$size" -v s="$secs" 'BEGIN{printf "%.1f", (s > 0 ? b/1e6/s : 0)}')" MB/s

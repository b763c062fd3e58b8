#!/usr/bin/env bash
# Segmentation speed: MB/s of raw text per core, on a large text built from the UD English
# treebanks' raw documents (train+dev+test of EWT and GUM, repeated to about 100 MB).
# Prints the library's own speed (ann_text_segment alone, one thread) and the CLI's
# (`annalist segment`, reading, segmenting and writing JSONL, -j 1). Library time is the
# thread's CPU time (per core, not disturbed by other load); the CLI's is user+sys CPU time.
set -euo pipefail
cd "$(dirname "$0")/.."
B=${B:-build}
SHARED=${SHARED:-../shared}
UD=$SHARED/data/ud
[ -x "$B/annalist" ] || make -s "B=$B" all
if [ ! -d "$UD" ]; then echo "bench/segment.sh: $UD not present, nothing to measure" >&2; exit 0; fi
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
for f in "$UD"/en_*-ud-*.conllu; do "$B/annalist" eval-segment --raw "$f"; done > "$W/ud.jsonl"
# repeat to ~100 MB so timing noise does not matter
: > "$W/big.jsonl"
while [ "$(stat -c %s "$W/big.jsonl")" -lt 100000000 ]; do cat "$W/ud.jsonl" >> "$W/big.jsonl"; done

cat > "$W/bench.c" <<'C'
#include "annalist.h"
#include <stdio.h>
#include <time.h>
int main(int argc, char **argv)
{
    ann_err e;
    ann_reader *r = ann_reader_open(argv[1], ANN_FMT_JSONL, 0, &e);
    if (!r) { fprintf(stderr, "%s\n", e.msg); return 1; }
    ann_doc *d;
    double secs = 0, bytes = 0;
    long sents = 0, toks = 0;
    int rc;
    while ((rc = ann_reader_next(r, &d, &e)) != 0) {
        if (rc < 0) continue;
        struct timespec a, b;
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &a);
        ann_text_segment(d, &e);
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &b);
        secs += (b.tv_sec - a.tv_sec) + (b.tv_nsec - a.tv_nsec) / 1e9;
        bytes += d->len;
        sents += d->nsent;
        for (int i = 0; i < d->nsent; i++) toks += d->sent[i].ntok;
        ann_doc_free(d);
    }
    ann_reader_close(r);
    (void)argc;
    printf("library: %.1f MB of text, %ld sentences, %ld tokens in %.2f s: %.1f MB/s, %.0f sentences/s\n",
           bytes / 1e6, sents, toks, secs, bytes / 1e6 / secs, sents / secs);
    return 0;
}
C
LIBS=$(pkg-config --libs jansson libutf8proc 2>/dev/null || echo "-ljansson -lutf8proc")
cc -O2 -std=c11 -D_GNU_SOURCE -Iinclude -o "$W/bench" "$W/bench.c" "$B/libannalist.a" $LIBS -lpthread -lm
"$W/bench" "$W/big.jsonl"
size=$(stat -c %s "$W/big.jsonl")
cpu=$( { /usr/bin/time -f '%U %S' "$B/annalist" segment -q -j 1 --format jsonl "$W/big.jsonl" > /dev/null; } 2>&1 | tail -1)
awk -v s="$size" -v c="$cpu" \
  'BEGIN { split(c, t, " "); u = t[1] + t[2];
           printf "cli: annalist segment -j 1 --format jsonl: %.1f MB in %.2f s CPU: %.1f MB/s\n", s/1e6, u, s/1e6/u }'

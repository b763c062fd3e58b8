#!/usr/bin/env bash
# Tagging+parsing speed and memory, single thread, gold tokenization of EWT test (CoNLL-U in,
# CoNLL-U out), with the shipped model. Prints tokens/s, model load time, peak RSS, model size.
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${SHARED:-$(cd .. && pwd)/shared}
BIN=${ANNALIST:-build/annalist}
MODEL=${MODEL:-data/models/en_ud.annm}
gold=$SHARED/data/ud/en_ewt-ud-test.conllu
[ -f "$gold" ] || { echo "bench/parse: $gold not found (set SHARED)" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
reps=${REPS:-4}
for i in $(seq "$reps"); do cat "$gold"; done > "$tmp/in.conllu"
tokens=$(grep -cP '^\d+\t' "$tmp/in.conllu")
# Model load alone: parse an empty input.
: > "$tmp/empty.conllu"
/usr/bin/time -f '%e %M' -o "$tmp/load" "$BIN" parse -q --input-format conllu --model "$MODEL" "$tmp/empty.conllu" > /dev/null
/usr/bin/time -f '%e %M' -o "$tmp/run" "$BIN" parse -q -j 1 --model "$MODEL" "$tmp/in.conllu" > "$tmp/out.conllu"
read -r load_s load_kb < "$tmp/load"
read -r run_s run_kb < "$tmp/run"
awk -v t="$tokens" -v r="$run_s" -v l="$load_s" -v kb="$run_kb" -v sz="$(stat -c %s "$MODEL")" 'BEGIN {
  p = r - l; if (p <= 0) p = 0.001
  printf "parse: %d tokens (EWT test x%d), %.2f s total, model load %.3f s\n", t, '"$reps"', r, l
  printf "parse: tag+parse %.0f tokens/s single thread (load excluded; %.0f tokens/s including it)\n", t / p, t / r
  printf "parse: peak RSS %.1f MB, model file %.1f MB\n", kb / 1024, sz / 1048576
}'

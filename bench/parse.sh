#!/usr/bin/env bash
# Tagging + parsing speed (issue 3: >= 100,000 tokens/s single thread, model load <= 300 ms,
# peak RSS <= 300 MB, model <= 25 MB). Gold tokenization of UD EWT test (CoNLL-U in, all ten
# columns out), repeated REPS times (default 4), one thread, with the shipped model. Figures:
#   parse_tokens_per_s   tokens / (user+sys CPU seconds of the run minus those of loading the
#                        model), i.e. reading, tagging, lemmatizing, parsing and writing
#   parse_wall_tokens_per_s  the same over wall-clock time, load included (shared machines
#                        make this one noisy)
#   parse_load_ms        loading the model (an empty input parsed), wall clock; parse_load_cpu_ms
#                        the same in user+sys CPU time
#   parse_peak_rss_mb    peak RSS of the run;  parse_model_mb  size of the model file
# Run by bench/run, or alone: `bench/parse.sh`.
set -euo pipefail
cd "$(dirname "$0")/.."
export ANNALIST=${ANNALIST:-$PWD/build/annalist}
SHARED=${SHARED:-$(cd .. && pwd)/shared}
. bench/lib.sh
[ -x "$ANNALIST" ] || make -s -j2 all
MODEL=${MODEL:-$PWD/data/models/en_ud.annm}
[ -f "$MODEL" ] || skip "no model $MODEL (make model)"
gold=$SHARED/data/ud/en_ewt-ud-test.conllu
[ -f "$gold" ] || skip "no $gold"
"$ANNALIST" parse --help > /dev/null 2>&1 || skip "this build has no parse command"
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
reps=${REPS:-4}
for i in $(seq "$reps"); do cat "$gold"; done > "$W/in.conllu"
tokens=$(grep -cP '^\d+\t' "$W/in.conllu")
: > "$W/empty.conllu"
cpu() { # CMD...: sets CPU (user+sys seconds), WALL and RSS_KB
  /usr/bin/time -f '%U %S %e %M' -o "$W/t" "$@" > "$W/out" 2> "$W/err" || { cat "$W/err" >&2; exit 1; }
  read -r u s WALL RSS_KB < "$W/t"
  CPU=$(awk -v u="$u" -v s="$s" 'BEGIN { print u + s }')
}
cpu "$ANNALIST" parse -q --input-format conllu --model "$MODEL" "$W/empty.conllu"
load_cpu=$CPU; load_wall=$WALL
cpu "$ANNALIST" parse -q -j 1 --model "$MODEL" "$W/in.conllu"
run_cpu=$CPU; run_wall=$WALL; rss=$RSS_KB
[ "$(grep -cP '^\d+\t' "$W/out")" = "$tokens" ] || { echo "parse lost tokens" >&2; exit 1; }
net=$(awk -v a="$run_cpu" -v b="$load_cpu" 'BEGIN { d = a - b; print (d > 0.001 ? d : 0.001) }')
echo "parse: $tokens tokens (EWT test x$reps): ${run_cpu}s CPU, ${run_wall}s wall; model load ${load_wall}s"
figure parse_tokens_per_s "$(rate "$tokens" "$net")" tokens/s
figure parse_wall_tokens_per_s "$(rate "$tokens" "$run_wall")" tokens/s
figure parse_load_ms "$(awk -v w="$load_wall" 'BEGIN { printf "%.0f", w * 1000 }')" ms
figure parse_load_cpu_ms "$(awk -v w="$load_cpu" 'BEGIN { printf "%.0f", w * 1000 }')" ms
figure parse_peak_rss_mb "$(awk -v k="$rss" 'BEGIN { printf "%.1f", k / 1024 }')" MB
figure parse_model_mb "$(awk -v b="$(stat -c %s "$MODEL")" 'BEGIN { printf "%.1f", b / 1048576 }')" MB

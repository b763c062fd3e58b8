# Helpers for bench/*.sh (sourced). See bench/README.md for the contract.
: "${ANNALIST:?run through bench/run, which sets ANNALIST, CORPUS_DIR and RUNS}"

# figure NAME VALUE UNIT: one measured figure, the line bench/run collects.
figure() { printf 'FIGURE %s %s %s\n' "$1" "$2" "$3"; }
# skip REASON: this script measures nothing in this build (bench/run reports the reason).
skip() { printf 'SKIP %s\n' "$*"; exit 0; }

# timed CMD...: runs CMD (stdout to /dev/null) under /usr/bin/time -v; sets ELAPSED (seconds),
# CPU_S (user + system seconds), PEAK_RSS_KB and TIMED_RC. stderr of CMD goes to $BENCH_TMP/timed.err.
timed() {
  local tf; tf=$(mktemp)
  /usr/bin/time -v -o "$tf" "$@" > /dev/null 2> "${BENCH_TMP:-/tmp}/timed.err"
  TIMED_RC=$?
  ELAPSED=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$tf")
  PEAK_RSS_KB=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$tf")
  CPU_S=$(awk -F': ' '/User time|System time/ {s += $2} END {print s}' "$tf")
  rm -f "$tf"
}

# rate COUNT SECONDS: COUNT / SECONDS, rounded.
rate() { awk -v c="$1" -v s="$2" 'BEGIN { printf "%.0f", (s > 0 ? c / s : 0) }'; }

# MODEL_ARGS: empty when the shipped model loads; else (--model FILE) with a model trained
# once on 2,000 UD EWT sentences and cached in $CORPUS_DIR (the bench then says so).
bench_model() {
  MODEL_ARGS=()
  echo '{"id":"p","text":"Iran spoke."}' | "$ANNALIST" parse -q > /dev/null 2>&1 && return 0
  local m=$CORPUS_DIR/bench-2k.annm
  if [ ! -s "$m" ]; then
    "$ANNALIST" train -q --train "$SHARED/data/ud/en_ewt-ud-train.conllu" --max-sentences 2000 \
      --tag-epochs 3 --parse-epochs 3 --jackknife 1 -o "$m" || return 1
  fi
  MODEL_ARGS=(--model "$m")
  echo "no shipped model: using $m (2,000 EWT sentences)"
}

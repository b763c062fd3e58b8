#!/usr/bin/env bash
# contrib/dask/annalist_dask.py on a local cluster with 1 and 2 worker processes, beside one
# annalist process on the same corpus: documents/s (cluster start-up not counted).
# Uses `annalist code` when the build has it, else `segment` (then it measures the machinery).
. "$(dirname "$0")/lib.sh"
PY=${DASK_PYTHON:-/usr/bin/python3}
"$PY" -c 'import distributed, dask.bag' 2>/dev/null || skip "Dask not installed (Debian: python3-distributed)"
# The 2 MB slice in 256 KB partitions (8 tasks): big enough for 2 workers, small enough for RUNS.
corpus=${BENCH_DASK_CORPUS:-$CORPUS_DIR/corpus-small.jsonl}
docs=$(grep -c . "$corpus")
bench_model || exit 1
if echo '{"id":"p","text":"Iran spoke."}' | "$ANNALIST" code --format jsonl -q "${MODEL_ARGS[@]}" >/dev/null 2>&1; then
  kind=code; filter=("$ANNALIST" code --format jsonl -q "${MODEL_ARGS[@]}")
else kind=segment; filter=("$ANNALIST" segment --format jsonl -q)
  echo "no 'code' in this build: measuring with 'segment --format jsonl'"; fi
timed "${filter[@]}" "$corpus"
figure "${kind}_single_process_docs_per_s" "$(rate "$docs" "$ELAPSED")" doc/s
for w in 1 2; do
  "$PY" "$(dirname "$0")/../contrib/dask/annalist_dask.py" --local $w --annalist "$ANNALIST" \
    --filter "$(printf '%q ' "${filter[@]}")" --blocksize "${BENCH_DASK_BLOCKSIZE:-256KB}" --stats --out "$BENCH_TMP/dask$w" \
    "$corpus" 2> "$BENCH_TMP/dask$w.log" || { cat "$BENCH_TMP/dask$w.log" >&2; exit 1; }
  secs=$(grep -o '[0-9.]* s$' "$BENCH_TMP/dask$w.log" | cut -d' ' -f1)
  figure "${kind}_dask_${w}_workers_docs_per_s" "$(rate "$docs" "$secs")" doc/s
done
rm -rf "$BENCH_TMP"/dask?

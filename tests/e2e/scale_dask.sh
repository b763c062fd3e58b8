# slow
# contrib/dask/annalist_dask.py on a real local cluster (a dask-scheduler and two dask-worker
# processes on 127.0.0.1): the merged output equals the single-process output; killing a
# worker midway still completes the job with the same result. Uses `annalist code` when the
# build has it, else `annalist segment --format jsonl` (the machinery, labelled as such).
. "$(dirname "$0")/lib.sh"
skip_without_shared
PY=${DASK_PYTHON:-/usr/bin/python3}
if ! "$PY" -c 'import distributed, dask.bag' 2>/dev/null || ! command -v dask-scheduler >/dev/null; then
  echo "SKIPPED: Dask not installed (Debian: python3-distributed)"; ok; finish
fi
DASK="$ROOT/contrib/dask/annalist_dask.py"
cmds=(); add_model_cmds used
FILTER=("$ANNALIST" segment --format jsonl -q)
for c in "${cmds[@]}"; do
  # shellcheck disable=SC2206
  [ "${c%% *}" = code ] && FILTER=("$ANNALIST" $c -q)
done
if [ "${FILTER[1]}" = code ]; then echo "filter: annalist ${FILTER[*]:1}"
else echo "filter: annalist segment --format jsonl (no usable 'code' in this build: testing the machinery only)"; fi
python3 "$ROOT/contrib/make_corpus.py" "$SHARED" "$TMP/corpus.jsonl" --max-docs 2000 2>/dev/null
"${FILTER[@]}" "$TMP/corpus.jsonl" > "$TMP/single.jsonl"
expect_ge "single-process output lines" "$(wc -l < "$TMP/single.jsonl")" 100

pids=()
# Workers first, then the scheduler; a dask-worker can hang in its shutdown when the
# scheduler went first, so whatever still runs after 5 s is killed.
cleanup() {
  local i p alive
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do kill "${pids[i]}" 2>/dev/null; sleep 0.2; done
  for _ in $(seq 1 50); do
    alive=0; for p in "${pids[@]}"; do kill -0 "$p" 2>/dev/null && alive=1; done
    [ $alive = 0 ] && break; sleep 0.1
  done
  for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null; done
  wait 2>/dev/null; rm -rf "$TMP"
}
trap cleanup EXIT
port=$("$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
sched=tcp://127.0.0.1:$port
dask-scheduler --host 127.0.0.1 --port "$port" --no-dashboard > "$TMP/sched.log" 2>&1 & pids+=($!)
for w in 1 2; do
  dask-worker "$sched" --nthreads 1 --no-nanny --no-dashboard --local-directory "$TMP/w$w" \
    --name "w$w" > "$TMP/worker$w.log" 2>&1 & pids+=($!)
done
worker1=${pids[1]}
# Wait (up to 60 s) for both workers to register.
"$PY" - "$sched" <<'PY' || bad "workers did not register: $(tail -5 "$TMP/worker1.log")"
import sys
from dask.distributed import Client
c = Client(sys.argv[1], timeout=60)
c.wait_for_workers(2, timeout=60)
c.close()
PY

# merged DIR: the partitions' outputs concatenated in order.
merged() { cat "$1"/events-*.jsonl; }
same_as_single() { # WHAT DIR
  merged "$2" > "$TMP/merged.jsonl"
  expect_eq "$1: output lines" "$(wc -l < "$TMP/merged.jsonl")" "$(wc -l < "$TMP/single.jsonl")"
  # Order-insensitive equality (what a cluster promises) ...
  if cmp -s <(sort "$TMP/merged.jsonl") <(sort "$TMP/single.jsonl"); then ok; else bad "$1: merged output differs from single process"; fi
  # ... and per document, the lines in the same order as the single process wrote them.
  for id in $(grep -o '"doc_id":"[^"]*"' "$TMP/single.jsonl" | sort -u | shuf -n 20 --random-source=<(yes)); do
    if [ "$(grep -F "$id" "$TMP/merged.jsonl")" == "$(grep -F "$id" "$TMP/single.jsonl")" ]; then ok; else bad "$1: document $id differs"; fi
  done
}

"$PY" "$DASK" --scheduler "$sched" --annalist "$ANNALIST" --filter "$(printf "%q " "${FILTER[@]}")" \
  --blocksize 64KB --out "$TMP/out1" "$TMP/corpus.jsonl" > "$TMP/dask1.log" 2>&1
expect_eq "dask run exit" "$?" 0
nparts=$(ls "$TMP/out1"/events-*.jsonl | wc -l)
expect_ge "partitions" "$nparts" 8
same_as_single "two workers" "$TMP/out1"

# Kill one worker midway: each partition now takes 0.3 s longer, so the job is still running
# when the first partition's file appears; then worker 1 dies (SIGKILL, no goodbye).
slow="sh -c 'sleep 0.3; exec $(printf "%q " "${FILTER[@]}")'"
"$PY" "$DASK" --scheduler "$sched" --annalist "$ANNALIST" --filter "$slow" \
  --blocksize 64KB --out "$TMP/out2" "$TMP/corpus.jsonl" > "$TMP/dask2.log" 2>&1 &
job=$!
for _ in $(seq 1 300); do
  [ -n "$(ls "$TMP/out2"/events-*.jsonl 2>/dev/null)" ] && break
  sleep 0.1
done
done_before=$(ls "$TMP/out2"/events-*.jsonl 2>/dev/null | wc -l)
kill -9 "$worker1"
echo "killed worker 1 after $done_before of $nparts partitions"
expect_ge "killed midway (some done)" "$done_before" 1
if [ "$done_before" -lt "$nparts" ]; then ok; else bad "job finished before the worker was killed"; fi
wait "$job"; rc=$?
expect_eq "dask run exit after losing a worker" "$rc" 0
[ $rc -eq 0 ] || tail -20 "$TMP/dask2.log"
same_as_single "after losing a worker" "$TMP/out2"
expect_eq "no partial files left" "$(ls "$TMP/out2" | grep -c '\.tmp\.')" 0
finish

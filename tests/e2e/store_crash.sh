# slow
# Crash safety: `annalist ingest` is SIGKILLed at 20 random points of a large batch run; each
# time the store must hold whole documents only (every stored document has all of its events),
# and re-running the ingest must end in exactly the state of an uninterrupted run.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/store_lib.inc"

gen --docs 3000 --seed 11 > "$TMP/big.jsonl"
total=$(wc -l < "$TMP/big.jsonl")

cat > "$TMP/whole.py" <<'PY'
# Reads an export (csv, all events) and the input JSONL; prints "ok N" when every stored
# document has exactly its events, else what is wrong.
import csv, json, sys, collections
want = collections.Counter(json.loads(l)["doc_id"] for l in open(sys.argv[2]))
got = collections.Counter(r["doc_id"] for r in csv.DictReader(open(sys.argv[1], newline="")))
bad = [(d, n, want[d]) for d, n in got.items() if n != want[d]]
print("ok %d" % len(got) if not bad else "partial documents: %s" % bad[:5])
PY

canon() { "$ANNALIST" export --db "$1" --format csv --with-negated | cut -d, -f2- | sort; }

# The input is fed through a pipe at a steady pace over $feed seconds, so a kill at a random
# moment of that window always lands midway: inside a batch, while inserting or waiting for input.
feed=2
cat > "$TMP/feed.py" <<'PY'
import sys, time
data = open(sys.argv[1], "rb").read()
secs, chunks = float(sys.argv[2]), 200
step = len(data) // chunks + 1
try:
    for i in range(0, len(data), step):
        sys.stdout.buffer.write(data[i:i + step]); sys.stdout.buffer.flush()
        time.sleep(secs / chunks)
except BrokenPipeError:
    pass
PY

crash_loop() { # NAME N NEWDB_FN
  local name=$1 n=$2 mk=$3
  local ref interrupted=0 i
  ref=$($mk ref)
  "$ANNALIST" ingest -q --batch 50 --db "$ref" --events "$TMP/big.jsonl"
  canon "$ref" > "$TMP/$name.ref.csv"
  expect_eq "$name: uninterrupted run stores every event" "$(($(wc -l < "$TMP/$name.ref.csv") - 1))" "$total"
  for i in $(seq 1 "$n"); do
    local db delay stored docs check
    db=$($mk "k$i")
    delay=$(( feed * 50 + RANDOM % (feed * 900) ))
    python3 "$TMP/feed.py" "$TMP/big.jsonl" "$feed" | "$ANNALIST" ingest -q --batch 50 --db "$db" --events - 2>/dev/null &
    local pid=$!
    sleep "$(awk -v d="$delay" 'BEGIN{printf "%.3f", d/1000}')"
    kill -9 $pid 2>/dev/null
    wait 2>/dev/null
    "$ANNALIST" export --db "$db" --format csv --with-negated > "$TMP/$name.part.csv" 2>/dev/null
    stored=$(($(wc -l < "$TMP/$name.part.csv") - 1))
    [ "$stored" -lt 0 ] && stored=0
    echo "$name: kill $i after ${delay}ms: $stored of $total events stored"
    if [ "$stored" -lt "$total" ]; then interrupted=$((interrupted+1)); fi
    if [ "$stored" -gt 0 ]; then
      check=$(python3 "$TMP/whole.py" "$TMP/$name.part.csv" "$TMP/big.jsonl")
      expect_contains "$name: kill $i after ${delay}ms ($stored events stored): whole documents only" "$check" "ok "
      docs=$("$ANNALIST" query --db "$db" --stats | sed -n 's/^documents //p')
      expect_eq "$name: kill $i: documents table matches the stored events" "$docs" "${check#ok }"
    else
      ok
    fi
    run "$ANNALIST" ingest -q --batch 50 --db "$db" --events "$TMP/big.jsonl"
    expect_eq "$name: re-run $i exit" "$RC" 0
    canon "$db" > "$TMP/$name.final.csv"
    expect_eq "$name: re-run $i equals an uninterrupted run" "$(cmp -s "$TMP/$name.ref.csv" "$TMP/$name.final.csv"; echo $?)" 0
    [ "$name" = sqlite ] && rm -f "$db" "$db-wal" "$db-shm"
  done
  echo "$name: $interrupted of $n kills interrupted the ingest midway"
  expect_eq "$name: every kill landed midway" "$interrupted" "$n"
}

sqlite_db() { echo "$TMP/crash-$1.sqlite"; }
crash_loop sqlite 20 sqlite_db
if pg_find; then
  crash_loop pg 4 pg_newdb
fi
finish

#!/usr/bin/env bash
# Store benchmark: ingest rate from events JSONL into SQLite (target >= 50,000 events/s) and a
# dyad time series over 1 million events (target <= 200 ms), then the same on PostgreSQL when
# a server answers ($ANNALIST_PG_URL, build/services.env, or scripts/services start).
# Usage: bench/store.sh [BUILD_DIR]   (EVENTS=N to change the size; data cached in BUILD_DIR/bench-store)
set -euo pipefail
cd "$(dirname "$0")/.."
B=${1:-build}
A=$PWD/$B/annalist
N=${EVENTS:-1000000}
dir=$PWD/$B/bench-store
mkdir -p "$dir"
data=$dir/events-$N.jsonl
[ -x "$A" ] || { echo "bench/store.sh: build $A first (make)" >&2; exit 1; }
if [ ! -s "$data" ]; then
  echo "generating $N synthetic events (once; cached in $data) ..."
  python3 tests/e2e/store_gen.py --events "$N" --seed 42 > "$data.tmp" && mv "$data.tmp" "$data"
fi
nev=$(wc -l < "$data")
ncpu=$(nproc)
echo "store bench: $nev events ($(du -hL "$data" | cut -f1) JSONL), $ncpu CPUs, load average $(cut -d' ' -f1 /proc/loadavg)"

now_ms() { date +%s%3N; }
# FIGURE lines for bench/run (medians over RUNS); the sentences around them are for people.
figure() { printf 'FIGURE store_%s %s %s\n' "$1" "$2" "$3"; }
# ingest TARGET: prints "wall_s cpu_s"
ingest() {
  local t0 t1 tf
  tf=$(mktemp)
  t0=$(now_ms)
  /usr/bin/time -f "%U %S" -o "$tf" "$A" ingest -q --db "$1" --events "$data"
  t1=$(now_ms)
  awk -v w=$((t1 - t0)) '{printf "%.2f %.2f\n", w / 1000, $1 + $2}' "$tf"
  rm -f "$tf"
}
# series TARGET BY [ARGS]: "wall cpu": medians (ms) of 7 runs of the whole command (process
# start included); cpu = annalist's user+sys time (the server's is not in it for PostgreSQL)
series() {
  local db=$1 by=$2; shift 2
  local ws=() cs=() t0 t1 tf
  tf=$(mktemp)
  for _ in 1 2 3 4 5 6 7; do
    t0=$(date +%s%N)
    /usr/bin/time -f "%U %S" -o "$tf" "$A" query --db "$db" --series --dyad IRN:AZE --by "$by" "$@" > /dev/null
    t1=$(date +%s%N)
    ws+=($(( (t1 - t0) / 1000000 )))
    cs+=($(awk '{printf "%d", ($1 + $2) * 1000}' "$tf"))
  done
  rm -f "$tf"
  echo "$(printf '%s\n' "${ws[@]}" | sort -n | sed -n 4p) $(printf '%s\n' "${cs[@]}" | sort -n | sed -n 4p)"
}
verdict() { awk -v v="$1" -v t="$2" -v dir="$3" 'BEGIN { ok = dir == "ge" ? v >= t : v <= t; print ok ? "target met" : "TARGET MISSED" }'; }

report() { # NAME TARGET
  local name=$1 db=$2
  read -r wall cpu < <(ingest "$db")
  local rate cpurate
  rate=$(awk -v n="$nev" -v w="$wall" 'BEGIN{printf "%.0f", n / w}')
  cpurate=$(awk -v n="$nev" -v c="$cpu" 'BEGIN{printf "%.0f", n / c}')
  local judged="no target; SQLite's is 50,000"
  [ "$name" = sqlite ] && judged="$(verdict "$rate" 50000 ge) >= 50,000"
  echo "$name ingest: $nev events in ${wall}s wall = $rate events/s ($judged); annalist CPU ${cpu}s = $cpurate events per CPU-second"
  figure "${name}_ingest" "$rate" events/s
  local events
  events=$("$A" query --db "$db" --stats | sed -n 's/^events //p')
  [ "$events" = "$nev" ] || { echo "$name: stored $events events, expected $nev" >&2; exit 1; }
  local dyad
  dyad=$("$A" query --db "$db" --top codes --dyad IRN:AZE --limit 1000 --format csv | awk -F, 'NR>1{s+=$4} END{print s}')
  for by in day week month; do
    local ms cpu
    read -r ms cpu < <(series "$db" $by)
    echo "$name series IRN:AZE by $by over $nev events ($dyad in the dyad): median ${ms} ms wall ($(verdict "$ms" 200 le) <= 200 ms), ${cpu} ms annalist CPU"
    figure "${name}_series_${by}" "$ms" ms
  done
  read -r ms cpu < <(series "$db" month --undirected)
  echo "$name series IRN:AZE undirected by month: median ${ms} ms wall, ${cpu} ms annalist CPU"
  figure "${name}_series_undirected_month" "$ms" ms
  local t0 t1
  t0=$(now_ms); "$A" query --db "$db" --top dyads > /dev/null; t1=$(now_ms)
  echo "$name top dyads over all events: $((t1 - t0)) ms"
  t0=$(now_ms); "$A" query --db "$db" --dyad IRN:AZE --limit 100 > /dev/null 2>&1; t1=$(now_ms)
  echo "$name first page of IRN:AZE events: $((t1 - t0)) ms"
  t0=$(now_ms); "$A" ingest -q --db "$db" --events "$data"; t1=$(now_ms)
  echo "$name re-ingest of the same file (all unchanged): $((t1 - t0)) ms"
  figure "${name}_reingest_unchanged" "$((t1 - t0))" ms
}

sq=$dir/bench.sqlite
rm -f "$sq" "$sq-wal" "$sq-shm"
report sqlite "$sq"
echo "sqlite database size: $(du -h "$sq" | cut -f1)"
rm -f "$sq" "$sq-wal" "$sq-shm"

pgurl=${ANNALIST_PG_URL:-}
[ -z "$pgurl" ] && [ -f build/services.env ] && pgurl=$(sed -n 's/^ANNALIST_PG_URL=//p' build/services.env)
[ -z "$pgurl" ] && pgurl=$(scripts/services env | sed 's/^ANNALIST_PG_URL=//')
if command -v psql >/dev/null && psql "$pgurl" -qAtc 'select 1' >/dev/null 2>&1; then
  db=ann_bench_$$
  psql "$pgurl" -qAtc "CREATE DATABASE $db" >/dev/null
  trap 'psql "$pgurl" -qAtc "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1' EXIT
  report postgresql "${pgurl%/*}/$db"
else
  echo "postgresql: SKIPPED (no server answers at $pgurl; run scripts/services start)"
fi

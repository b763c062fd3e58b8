#!/usr/bin/env bash
# Benchmarks `annalist serve` with wrk on loopback: requests/s and p99 latency for
#   GET /v1/series?dyad=IRN:AZE&by=week   over a store of $EVENTS synthetic events (target on
#                                          2 cores: >= 2,000 req/s with p99 <= 50 ms), and
#   POST /v1/code                          with a one-paragraph text body.
# Usage: bench/serve.sh   (env: ANNALIST, EVENTS=100000, DURATION=10s, CONNS=16, JOBS=2)
set -eu
cd "$(dirname "$0")/.."
ANNALIST=${ANNALIST:-$PWD/build/annalist}
EVENTS=${EVENTS:-100000}
DURATION=${DURATION:-10s}
CONNS=${CONNS:-16}
JOBS=${JOBS:-2}
command -v wrk >/dev/null || { echo "bench/serve.sh: wrk is needed (scripts/install-deps --all)" >&2; exit 2; }
[ -x "$ANNALIST" ] || { echo "bench/serve.sh: build first (make); no $ANNALIST" >&2; exit 2; }
work=bench/work/serve
rm -rf "$work"; mkdir -p "$work"
db="$work/events.sqlite"

# The store: the store's synthetic events generator when present, else the small test fixture.
if [ -f tests/e2e/store_gen.py ] && command -v python3 >/dev/null; then
  python3 tests/e2e/store_gen.py --events "$EVENTS" --seed 7 >"$work/events.jsonl"
else
  cp tests/browser/fixtures/seed_events.jsonl "$work/events.jsonl"
fi
"$ANNALIST" ingest --db "$db" --events "$work/events.jsonl" 2>"$work/ingest.log"
stored=$(tail -1 "$work/ingest.log")

"$ANNALIST" serve --db "$db" --listen 127.0.0.1:0 --port-file "$work/port" -j "$JOBS" \
  --max-conns 512 2>"$work/access.log" &
pid=$!
trap 'kill -TERM $pid 2>/dev/null; wait $pid 2>/dev/null || true' EXIT
for _ in $(seq 1 200); do [ -s "$work/port" ] && break; sleep 0.05; done
base="http://127.0.0.1:$(cat "$work/port")"
# A second server without the response cache, to show what each query costs the store.
"$ANNALIST" serve --db "$db" --listen 127.0.0.1:0 --port-file "$work/port2" -j "$JOBS" --no-cache -q &
pid2=$!
trap 'kill -TERM $pid $pid2 2>/dev/null; wait $pid $pid2 2>/dev/null || true' EXIT
for _ in $(seq 1 200); do [ -s "$work/port2" ] && break; sleep 0.05; done
nocache="http://127.0.0.1:$(cat "$work/port2")"
points=$(curl -s "$base/v1/series?dyad=IRN:AZE&by=week" | grep -o '"period"' | wc -l)

cat >"$work/post.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "text/plain; charset=utf-8"
wrk.body = "Tensions between Iran and Azerbaijan rose again on Thursday after Tehran said Israel may " ..
  "have used Azerbaijani airspace during the recent war. President Pezeshkian pressed President " ..
  "Aliyev to investigate the reports in a phone call, the Iranian presidency said. Aliyev denied " ..
  "the allegations and assured Pezeshkian that Azerbaijan would never allow its territory to be " ..
  "used against Iran. Both leaders agreed to keep in close contact and to expand border trade."
LUA

# report NAME URL [wrk args...]: one wrk run; prints req/s, p99 and the status mix.
report() {
  local name=$1 url=$2; shift 2
  curl -s -o /dev/null "$url"   # warm-up: the first answer of a query is computed, then cached
  local out; out=$(wrk -t2 -c"$CONNS" -d"$DURATION" --latency "$@" "$url" 2>&1)
  local rps p99 non2xx
  rps=$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  non2xx=$(awk '/Non-2xx or 3xx responses:/ {print $5}' <<<"$out")
  printf '%-34s %10s req/s   p99 %-9s non-2xx %s\n' "$name" "$rps" "$p99" "${non2xx:-0}"
}

echo "annalist serve bench: $(nproc) CPUs (load average $(cut -d' ' -f1-3 /proc/loadavg)), -j $JOBS, wrk -t2 -c$CONNS -d$DURATION, access log on"
echo "store: $stored"
echo "series IRN:AZE by week: $points points, over $(sqlite3 "$db" "select count(*) from events where source like 'IRN%' and target like 'AZE%' and negated = 0" 2>/dev/null || echo '?') events"
report "GET /v1/series (IRN:AZE, week)" "$base/v1/series?dyad=IRN:AZE&by=week"
report "GET /v1/health" "$base/v1/health"
report "GET /v1/series, --no-cache" "$nocache/v1/series?dyad=IRN:AZE&by=week"
report "GET /v1/events (IRN:AZE, 50)" "$base/v1/events?dyad=IRN:AZE&both=1&limit=50"
if curl -s "$base/v1/version" | grep -q '"pipeline":true'; then
  report "POST /v1/code (one paragraph)" "$base/v1/code" -s "$work/post.lua"
else
  report "POST /v1/code (no pipeline: 503)" "$base/v1/code" -s "$work/post.lua"
  echo "note: this build has no coding pipeline; POST /v1/code answered 503 (the figure above is the error path)"
fi
echo "access log lines: $(wc -l <"$work/access.log")"

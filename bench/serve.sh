#!/usr/bin/env bash
# `annalist serve` under wrk on loopback: requests/s and p99 latency for
#   GET /v1/series?dyad=IRN:AZE&by=week   cached (the default) and --no-cache, over a store of
#                                          $SERVE_EVENTS synthetic events (target on 2 cores:
#                                          >= 2,000 req/s with p99 <= 50 ms),
#   GET /v1/health, GET /v1/events (a 50-event page), and
#   POST /v1/code                          with a one-paragraph text body (when the build has the
#                                          coding pipeline; otherwise its 503 path is shown, not
#                                          reported as a figure).
# Run through bench/run (FIGURE lines, see bench/README.md) or alone: bench/serve.sh.
# Env: SERVE_EVENTS=100000, SERVE_DURATION=10s, SERVE_CONNS=16, SERVE_JOBS=2.
set -u
cd "$(dirname "$0")/.."
: "${ANNALIST:=$PWD/build/annalist}" "${CORPUS_DIR:=$PWD/bench/work}" "${BENCH_TMP:=$PWD/bench/work/tmp}" "${RUNS:=1}"
export ANNALIST CORPUS_DIR BENCH_TMP RUNS
. bench/lib.sh
EVENTS=${SERVE_EVENTS:-100000}
DURATION=${SERVE_DURATION:-10s}
CONNS=${SERVE_CONNS:-16}
JOBS=${SERVE_JOBS:-2}
command -v wrk >/dev/null || skip "wrk is not installed (scripts/install-deps --all)"
command -v curl >/dev/null || skip "curl is not installed"
[ -x "$ANNALIST" ] || { echo "bench/serve.sh: no $ANNALIST; build first (make)" >&2; exit 1; }
"$ANNALIST" serve --help >/dev/null 2>&1 || skip "this build has no serve command"
work=$BENCH_TMP/serve
rm -rf "$work"; mkdir -p "$work" "$CORPUS_DIR"

# The store, kept between runs: the store's synthetic events generator when present (a realistic
# mix of actors), else tests/browser/gen-events.mjs (IRN-AZE only).
if [ -f tests/e2e/store_gen.py ] && command -v python3 >/dev/null; then
  gen=(python3 tests/e2e/store_gen.py --events "$EVENTS" --seed 7)
else
  gen=(node tests/browser/gen-events.mjs "$EVENTS")
fi
db=$CORPUS_DIR/serve-events.sqlite
stamp="$EVENTS $(cat "${gen[1]}" | cksum) $("$ANNALIST" --version)"
if [ ! -s "$db" ] || [ "$(cat "$db.stamp" 2>/dev/null)" != "$stamp" ]; then
  rm -f "$db" "$db-wal" "$db-shm"
  "${gen[@]}" >"$work/events.jsonl" || exit 1
  "$ANNALIST" ingest --db "$db" --events "$work/events.jsonl" 2>"$work/ingest.log" || { cat "$work/ingest.log" >&2; exit 1; }
  echo "$stamp" >"$db.stamp"
  tail -1 "$work/ingest.log"
fi

pids=()
trap 'for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null; wait "$p" 2>/dev/null; done' EXIT
# serve NAME OPTIONS...: starts a server; sets URL_<NAME>.
serve() {
  local name=$1; shift
  "$ANNALIST" serve --db "$db" --listen 127.0.0.1:0 --port-file "$work/$name.port" -j "$JOBS" \
    --max-conns 512 "$@" 2>"$work/$name.log" &
  pids+=($!)
  for _ in $(seq 1 200); do [ -s "$work/$name.port" ] && break; sleep 0.05; done
  [ -s "$work/$name.port" ] || { echo "bench/serve.sh: server did not start: $(cat "$work/$name.log")" >&2; exit 1; }
  printf -v "URL_$name" 'http://127.0.0.1:%s' "$(cat "$work/$name.port")"
}
serve cached            # access log on, to a file, as in production
serve nocache --no-cache -q

cat >"$work/post.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "text/plain; charset=utf-8"
wrk.body = "Tensions between Iran and Azerbaijan rose again on Thursday after Tehran said Israel may " ..
  "have used Azerbaijani airspace during the recent war. President Pezeshkian pressed President " ..
  "Aliyev to investigate the reports in a phone call, the Iranian presidency said. Aliyev denied " ..
  "the allegations and assured Pezeshkian that Azerbaijan would never allow its territory to be " ..
  "used against Iran. Both leaders agreed to keep in close contact and to expand border trade."
LUA

# measure NAME URL [wrk args...]: one wrk run (after one warm-up request); sets RPS, P99_MS, NON2XX.
measure() {
  local name=$1 url=$2; shift 2
  curl -s -o /dev/null "$url"
  local out; out=$(wrk -t2 -c"$CONNS" -d"$DURATION" --latency "$@" "$url" 2>&1)
  RPS=$(awk '/^Requests\/sec:/ {printf "%.0f", $2}' <<<"$out")
  P99_MS=$(awk '$1 == "99%" {v = $2; u = v; sub(/[0-9.]+/, "", u); sub(/[a-z]+$/, "", v);
           printf "%.2f", u == "us" ? v / 1000 : u == "s" ? v * 1000 : u == "m" ? v * 60000 : v}' <<<"$out")
  NON2XX=$(awk '/Non-2xx or 3xx responses:/ {print $5}' <<<"$out")
  NON2XX=${NON2XX:-0}
  printf '%-46s %9s req/s   p99 %8s ms   non-2xx %s\n' "$name" "$RPS" "$P99_MS" "$NON2XX"
}

rows=$(sqlite3 "$db" "select count(*) from events where source like 'IRN%' and target like 'AZE%' and negated = 0" 2>/dev/null || echo '?')
echo "serve bench: $(nproc) CPUs (load average $(cut -d' ' -f1-3 /proc/loadavg)), -j $JOBS, wrk -t2 -c$CONNS -d$DURATION"
echo "store: $(sqlite3 "$db" 'select count(*) from events' 2>/dev/null || echo '?') events; IRN:AZE series over $rows of them"

series="/v1/series?dyad=IRN:AZE&by=week"
measure "GET /v1/series (cached)" "$URL_cached$series"
[ "$NON2XX" = 0 ] || { echo "bench/serve.sh: /v1/series answered errors" >&2; exit 1; }
figure serve_series_req_per_s "$RPS" req/s
figure serve_series_p99_ms "$P99_MS" ms
measure "GET /v1/series (--no-cache)" "$URL_nocache$series"
figure serve_series_nocache_req_per_s "$RPS" req/s
figure serve_series_nocache_p99_ms "$P99_MS" ms
# A typical, smaller dyad (a few hundred events) without the cache: what a first look costs.
small=$(sqlite3 "$db" "select substr(source,1,3)||':'||substr(target,1,3) d, count(*) n from events
  where source is not null and target is not null and negated = 0 group by d order by abs(n - 300) limit 1" 2>/dev/null)
if [ -n "$small" ]; then
  measure "GET /v1/series (--no-cache, ${small%|*}, ${small#*|} ev)" "$URL_nocache/v1/series?dyad=${small%|*}&by=week"
  figure serve_series_small_nocache_req_per_s "$RPS" req/s
  figure serve_series_small_nocache_p99_ms "$P99_MS" ms
fi
measure "GET /v1/health" "$URL_cached/v1/health"
figure serve_health_req_per_s "$RPS" req/s
measure "GET /v1/events (50 per page)" "$URL_cached/v1/events?dyad=IRN:AZE&both=1&limit=50"
figure serve_events_req_per_s "$RPS" req/s
figure serve_events_p99_ms "$P99_MS" ms
if curl -s "$URL_cached/v1/version" | grep -q '"pipeline":true'; then
  measure "POST /v1/code (one paragraph)" "$URL_cached/v1/code" -s "$work/post.lua"
  [ "$NON2XX" = 0 ] || { echo "bench/serve.sh: POST /v1/code answered errors" >&2; exit 1; }
  figure serve_code_req_per_s "$RPS" req/s
  figure serve_code_p99_ms "$P99_MS" ms
else
  measure "POST /v1/code (no pipeline: 503)" "$URL_cached/v1/code" -s "$work/post.lua"
  echo "note: this build has no coding pipeline; POST /v1/code answered 503 (not reported as a figure)"
fi
echo "access log: $(wc -l <"$work/cached.log") lines"

# Helpers for the serve tests (sourced after tests/e2e/lib.sh): a store made from the hand-written
# fixture, an `annalist serve` on a free loopback port, and node-driven checks whose "ok"/"FAIL"
# lines count as assertions.
BROWSER_DIR="$ROOT/tests/browser"
FIXTURE="$BROWSER_DIR/fixtures/seed_events.jsonl"
SERVER_PID=""
ALL_SERVER_PIDS=""   # every server started, so an early exit leaves none running
trap 'stop_server_quietly; rm -rf "$TMP"' EXIT

# make_store DB: ingests the fixture events (10 events, 6 documents, June 2025).
make_store() {
  run "$ANNALIST" ingest --db "$1" --events "$FIXTURE"
  expect_eq "ingest of the fixture exits 0 ($ERR)" "$RC" 0
}

# start_server DB [options...]: starts `annalist serve` on a free loopback port; sets PORT, BASE,
# SERVER_LOG. Fails the test (and returns 1) when the server does not come up within 10 s.
start_server() {
  local db=$1; shift
  SERVER_LOG="$TMP/serve.$RANDOM.log"
  rm -f "$TMP/port"
  "$ANNALIST" serve --db "$db" --listen 127.0.0.1:0 --port-file "$TMP/port" "$@" 2>"$SERVER_LOG" &
  SERVER_PID=$!
  ALL_SERVER_PIDS="$ALL_SERVER_PIDS $SERVER_PID"
  for _ in $(seq 1 200); do
    [ -s "$TMP/port" ] && break
    kill -0 "$SERVER_PID" 2>/dev/null || break
    sleep 0.05
  done
  if [ ! -s "$TMP/port" ]; then
    bad "server did not start: $(cat "$SERVER_LOG")"
    SERVER_PID=""
    return 1
  fi
  PORT=$(cat "$TMP/port")
  BASE="http://127.0.0.1:$PORT"
  ok
}

# stop_server: SIGTERM, then waits up to 15 s; sets STOP_RC to the server's exit status.
stop_server() {
  STOP_RC=""
  [ -n "$SERVER_PID" ] || return 0
  kill -TERM "$SERVER_PID" 2>/dev/null
  for _ in $(seq 1 300); do
    kill -0 "$SERVER_PID" 2>/dev/null || break
    sleep 0.05
  done
  if kill -0 "$SERVER_PID" 2>/dev/null; then
    bad "server still running 15 s after SIGTERM"
    kill -KILL "$SERVER_PID" 2>/dev/null
  fi
  wait "$SERVER_PID" 2>/dev/null
  STOP_RC=$?
  ALL_SERVER_PIDS=${ALL_SERVER_PIDS/ $SERVER_PID/}   # reaped: its pid may be reused
  SERVER_PID=""
}
stop_server_quietly() {
  local p
  for p in $ALL_SERVER_PIDS; do
    if kill -0 "$p" 2>/dev/null; then kill -KILL "$p" 2>/dev/null; wait "$p" 2>/dev/null; fi
  done
  SERVER_PID=""
}

# run_node SCRIPT ARGS...: runs a node test script; each "ok ..." line it prints is a passed
# assertion and each "FAIL ..." line a failed one. A non-zero exit is a failure too.
run_node() {
  local out rc line n=0
  out=$(node "$@" 2>&1); rc=$?
  while IFS= read -r line; do
    case "$line" in
      ok\ *) ok; n=$((n+1)) ;;
      FAIL\ *) bad "${line#FAIL }"; n=$((n+1)) ;;
      *) [ -n "$line" ] && echo "  $line" ;;
    esac
  done <<< "$out"
  expect_eq "node $(basename "$1") exit status" "$rc" 0
  [ $n -gt 0 ] || bad "node $(basename "$1") asserted nothing"
}

# need_node_deps: installs playwright-core when missing (npm ci, from package-lock.json).
need_node_deps() {
  if [ ! -d "$BROWSER_DIR/node_modules/playwright-core" ]; then
    (cd "$BROWSER_DIR" && npm ci --no-audit --no-fund --loglevel=error) >"$TMP/npm.log" 2>&1 ||
      { bad "npm ci in tests/browser failed: $(tail -5 "$TMP/npm.log")"; return 1; }
  fi
  return 0
}

# slow
# `annalist serve` under abuse (issue 9): slowloris-style slow clients, idle half-requests, more
# connections than --max-conns, many concurrent clients, a pipelined burst and a flood of slow
# queries, on loopback only, bounded in count and time (about 25 s). The server must keep or regain service and still stop
# cleanly on SIGTERM.
. "$(dirname "$0")/lib.sh"
. "$ROOT/tests/browser/lib-server.sh"
command -v node >/dev/null || { bad "node is needed (scripts/install-deps --test)"; finish; }

DB="$TMP/events.sqlite"
make_store "$DB"
# A second server, without the cache, over 40,000 generated IRN-AZE events: its series
# queries take a good part of a second each.
SLOWDB="$TMP/slow.sqlite"
node "$BROWSER_DIR/gen-events.mjs" 40000 >"$TMP/gen.jsonl"
run "$ANNALIST" ingest --db "$SLOWDB" --events "$TMP/gen.jsonl"
expect_eq "ingest of 40,000 generated events" "$RC" 0
start_server "$SLOWDB" --no-cache -j 2 -q || finish
SLOW_PID=$SERVER_PID; SLOW_BASE=$BASE; SLOW_LOG=$SERVER_LOG

start_server "$DB" --max-conns-per-ip 5 -q || finish
PERIP_PID=$SERVER_PID; PERIP_BASE=$BASE

start_server "$DB" --timeout 2 --max-conns 60 -j 2 || finish
run_node "$BROWSER_DIR/abuse.test.mjs" "$BASE" 2 60 "$SLOW_BASE" "$PERIP_BASE"
stop_server
expect_eq "server exits 0 after the abuse" "$STOP_RC" 0
log=$(cat "$SERVER_LOG")
expect_not_contains "no sanitizer or assertion report" "$log" "ERROR:"
SERVER_PID=$PERIP_PID
stop_server
expect_eq "the per-address-capped server exits 0" "$STOP_RC" 0
SERVER_PID=$SLOW_PID
stop_server
expect_eq "the slow-store server exits 0" "$STOP_RC" 0
expect_not_contains "no sanitizer report from the slow-store server" "$(cat "$SLOW_LOG")" "ERROR:"
finish

# slow
# `annalist serve` under abuse (issue 9): slowloris-style slow clients, idle half-requests, more
# connections than --max-conns, many concurrent clients and a pipelined burst, on loopback only,
# bounded in count and time (about 20 s). The server must keep or regain service and still stop
# cleanly on SIGTERM.
. "$(dirname "$0")/lib.sh"
. "$ROOT/tests/browser/lib-server.sh"
command -v node >/dev/null || { bad "node is needed (scripts/install-deps --test)"; finish; }

DB="$TMP/events.sqlite"
make_store "$DB"
start_server "$DB" --timeout 2 --max-conns 60 -j 2 || finish
run_node "$BROWSER_DIR/abuse.test.mjs" "$BASE" 2 60
stop_server
expect_eq "server exits 0 after the abuse" "$STOP_RC" 0
log=$(cat "$SERVER_LOG")
expect_not_contains "no sanitizer or assertion report" "$log" "ERROR:"
finish

# `annalist serve` API: every endpoint, filters and paging against hand-worked figures, error
# paths (JSON errors), body cap, traversal attempts, malformed HTTP, access log, loopback default,
# and graceful SIGTERM shutdown that finishes an in-flight upload.
. "$(dirname "$0")/lib.sh"
. "$ROOT/tests/browser/lib-server.sh"
command -v node >/dev/null || { bad "node is needed (scripts/install-deps --test)"; finish; }
command -v curl >/dev/null || { bad "curl is needed"; finish; }

DB="$TMP/events.sqlite"
make_store "$DB"
start_server "$DB" --max-body 65536 -j 2 || finish
run_node "$BROWSER_DIR/api.test.mjs" "$BASE" 65536

# Access log: one line per request on stderr, with method, target, status.
log=$(cat "$SERVER_LOG")
expect_contains "access log has health requests" "$log" '"GET /v1/health" 200'
expect_contains "access log has an error status" "$log" '"GET /v1/nothing" 404'
expect_contains "access log has the 413" "$log" '" 413 '
expect_contains "startup line names the loopback address" "$log" "http://127.0.0.1:$PORT/"
expect_not_contains "access log lines stay on one line (no raw CR)" "$log" $'\r'

# A second server on the same port is refused, not silently sharing it. (Every serve that
# must fail runs under timeout: should one start after all, the test fails instead of hanging.)
run timeout 10 "$ANNALIST" serve --db "$DB" --listen "127.0.0.1:$PORT"
expect_eq "a port in use: exit 1" "$RC" 1
expect_contains "a port in use: says so" "$ERR" "cannot listen on 127.0.0.1:$PORT"

# Cached answers follow the store: another process ingests one more IRN-AZE event (Tuesday
# 2025-07-01, in the week of 06-30) while the server runs, and the next answers include it.
# (With the coding pipeline, api.test.mjs has stored one more document by now: count from here.)
events_now() { curl -s "$BASE/v1/stats" | sed -n 's/.*"events":\([0-9]*\).*/\1/p'; }
n0=$(events_now)
before=$(curl -s "$BASE/v1/series?dyad=IRN:AZE&both=1")
expect_contains "series before the extra ingest" "$before" '"period":"2025-06-30","count":1,'
cat >"$TMP/extra.jsonl" <<'JSONL'
{"doc_id":"jul01-border","sentence":0,"date":"2025-07-01","date_precision":"day","source":{"code":"AZE","text":"Azerbaijan","start":0,"end":10},"target":{"code":"IRN","text":"Iran","start":26,"end":30},"code":"057","root":"05","quad_class":1,"goldstein":8.0,"negated":false,"hedged":false,"trigger":{"text":"signed","start":11,"end":17},"pattern":"sign+protocol#057","sentence_text":"Azerbaijan signed it with Iran."}
JSONL
run "$ANNALIST" ingest --db "$DB" --events "$TMP/extra.jsonl"
expect_eq "extra ingest while serving" "$RC" 0
expect_eq "stats see the extra event" "$(events_now)" "$((n0 + 1))"
expect_contains "series see the extra event" "$(curl -s "$BASE/v1/series?dyad=IRN:AZE&both=1")" '"period":"2025-06-30","count":2,'

# Graceful shutdown: an upload still in flight when SIGTERM arrives gets its full answer.
body="$TMP/slow.json"
printf '{"id":"slow","date":"2025-06-27","text":"%s"}' "$(head -c 20000 /dev/zero | tr '\0' 'a')" >"$body"
curl -s -o "$TMP/slow.out" -w '%{http_code}' --limit-rate 5k -H 'Content-Type: application/json' \
     --data-binary @"$body" "$BASE/v1/code" >"$TMP/slow.code" 2>"$TMP/slow.err" &
curl_pid=$!
sleep 1.5
stop_server
wait $curl_pid
curl_rc=$?
expect_eq "in-flight upload completes after SIGTERM (curl exit)" "$curl_rc" 0
code=$(cat "$TMP/slow.code")
if [ "$code" = 503 ] || [ "$code" = 200 ]; then ok; else bad "in-flight request got HTTP $code, want its normal answer (200, or 503 without a pipeline)"; fi
expect_contains "in-flight answer is the endpoint's JSON" "$(cat "$TMP/slow.out")" '"'
expect_eq "server exits 0 after SIGTERM" "$STOP_RC" 0
log=$(cat "$SERVER_LOG")
expect_contains "shutdown reports the in-flight request" "$log" "finishing 1 in-flight"
expect_contains "shutdown completes" "$log" "serve: stopped"
run curl -s --max-time 2 "$BASE/v1/health"
if [ "$RC" -ne 0 ]; then ok; else bad "server still answered after shutdown"; fi

# Default bind address is loopback: --listen with a bare port keeps 127.0.0.1.
"$ANNALIST" serve --db "$DB" --listen 0 --port-file "$TMP/port2" 2>"$TMP/default.log" &
SERVER_PID=$!
ALL_SERVER_PIDS="$ALL_SERVER_PIDS $SERVER_PID"
for _ in $(seq 1 200); do [ -s "$TMP/port2" ] && break; sleep 0.05; done
expect_contains "default host is 127.0.0.1" "$(cat "$TMP/default.log")" "http://127.0.0.1:$(cat "$TMP/port2")/"
expect_contains "it answers on 127.0.0.1" "$(curl -s "http://127.0.0.1:$(cat "$TMP/port2")/v1/health")" '"ok"'
stop_server
expect_eq "loopback-default server exits 0" "$STOP_RC" 0

# --no-cache answers from the store every time, with the same figures.
start_server "$DB" --no-cache -q || finish
expect_eq "--no-cache: stats" "$(events_now)" "$((n0 + 1))"
expect_contains "--no-cache: series" "$(curl -s "$BASE/v1/series?dyad=IRN:AZE&both=1")" '"period":"2025-06-30","count":2,'
stop_server

run timeout 10 "$ANNALIST" serve --help
expect_eq "serve --help exits 0" "$RC" 0
expect_contains "serve --help lists the endpoints" "$OUT" "POST /v1/code"
run timeout 10 "$ANNALIST" serve --db "$DB" --bogus 1
expect_eq "unknown option exits 2" "$RC" 2
expect_contains "unknown option is named" "$ERR" "--bogus"
run timeout 10 "$ANNALIST" serve
expect_eq "serve without --db exits 2" "$RC" 2
expect_contains "serve without --db says what to do" "$ERR" "--db"
run timeout 10 "$ANNALIST" serve --db "$DB" --listen nowhere:80
expect_eq "bad --listen exits 2" "$RC" 2
expect_contains "bad --listen explains" "$ERR" "numeric"
run timeout 10 "$ANNALIST" serve --db "$DB" --max-body 0
expect_eq "--max-body 0 exits 2" "$RC" 2
run timeout 10 "$ANNALIST" serve --db "$TMP/typo.sqlite" --listen 127.0.0.1:0
expect_eq "a store that does not exist: exit 1" "$RC" 1
expect_contains "a store that does not exist: says how to make one" "$ERR" "annalist ingest --db $TMP/typo.sqlite"
if [ -e "$TMP/typo.sqlite" ]; then bad "serve created $TMP/typo.sqlite without --create"; else ok; fi
start_server "$TMP/fresh.sqlite" --create -q || finish
expect_contains "--create starts an empty store" "$(curl -s "$BASE/v1/stats")" '"events":0'
stop_server
printf 'not sqlite' >"$TMP/junk.sqlite"
run timeout 10 "$ANNALIST" serve --db "$TMP/junk.sqlite" --listen 127.0.0.1:0
expect_eq "a file that is not a store: exit 1" "$RC" 1
expect_contains "a file that is not a store: message" "$ERR" "junk.sqlite"
finish

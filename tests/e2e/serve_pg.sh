# `annalist serve` over PostgreSQL: the same API suite as serve_api.sh (every endpoint, the
# hand-worked figures, errors, traversal, malformed HTTP) against a fresh PostgreSQL database.
# Skips with a clear message only when ANNALIST_PG_URL is unset and no server answers.
. "$(dirname "$0")/lib.sh"
. "$ROOT/tests/browser/lib-server.sh"
command -v node >/dev/null || { bad "node is needed (scripts/install-deps --test)"; finish; }

url=${ANNALIST_PG_URL:-}
if [ -z "$url" ] && [ -f "$ROOT/build/services.env" ]; then url=$(sed -n 's/^ANNALIST_PG_URL=//p' "$ROOT/build/services.env"); fi
[ -z "$url" ] && url=$(cd "$ROOT" && scripts/services env | sed 's/^ANNALIST_PG_URL=//')
if ! command -v psql >/dev/null || ! psql "$url" -qAtc 'select 1' >/dev/null 2>&1; then
  if [ -n "${ANNALIST_PG_URL:-}" ]; then bad "ANNALIST_PG_URL=$ANNALIST_PG_URL is set but the server does not answer"; finish; fi
  echo "SKIPPED: PostgreSQL (ANNALIST_PG_URL unset and no server answers; run scripts/services start)"
  ok; finish
fi
dbname="ann_serve_$$"
psql "$url" -qAtc "DROP DATABASE IF EXISTS $dbname" >/dev/null 2>&1
psql "$url" -qAtc "CREATE DATABASE $dbname" >/dev/null || { bad "cannot create database $dbname"; finish; }
trap 'stop_server_quietly; psql "$url" -qAtc "DROP DATABASE IF EXISTS $dbname" >/dev/null 2>&1; rm -rf "$TMP"' EXIT
DB="${url%/*}/$dbname"

make_store "$DB"
start_server "$DB" --max-body 65536 -j 2 || finish
expect_contains "the server reports the PostgreSQL backend" "$(curl -s "$BASE/v1/stats")" '"backend":"postgresql"'
run_node "$BROWSER_DIR/api.test.mjs" "$BASE" 65536
stop_server
expect_eq "server exits 0" "$STOP_RC" 0
expect_not_contains "no ERROR in the server log" "$(cat "$SERVER_LOG")" "ERROR"
finish

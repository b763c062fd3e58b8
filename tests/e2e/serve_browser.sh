# slow
# The dashboard in a real headless Chromium: installs playwright-core when missing (npm ci in
# tests/browser), serves a store made from the hand-written fixture events on a free loopback
# port, runs tests/browser/dashboard.test.mjs and keeps its screenshots in tests/browser/artifacts/.
. "$(dirname "$0")/lib.sh"
. "$ROOT/tests/browser/lib-server.sh"
command -v node >/dev/null || { bad "node is needed (scripts/install-deps --test)"; finish; }
[ -x "${CHROMIUM:-/usr/bin/chromium}" ] || { bad "chromium is needed at ${CHROMIUM:-/usr/bin/chromium} (scripts/install-deps --test)"; finish; }
need_node_deps || finish

DB="$TMP/events.sqlite"
make_store "$DB"
start_server "$DB" -j 2 || finish
rm -f "$BROWSER_DIR"/artifacts/*.png
run_node "$BROWSER_DIR/dashboard.test.mjs" "$BASE"
for s in 01-start 02-dyad-irn-aze 03-event-expanded 04-code-article 05-narrow; do
  if [ -s "$BROWSER_DIR/artifacts/$s.png" ]; then ok; else bad "screenshot $s.png missing"; fi
done
stop_server
expect_eq "server exits 0" "$STOP_RC" 0
log=$(cat "$SERVER_LOG")
expect_contains "the browser's requests are in the access log" "$log" '"GET /v1/series?'
expect_not_contains "the browser hit no missing file" "$log" '" 404 '

# The seed article coded by the pipeline (dated 2025-06-26), when this build has one.
seed="$SHARED/seed/000_0c482b0b10fe7e75.txt"
if [ ! -f "$seed" ]; then
  echo "SKIPPED: seed article part ($SHARED not present)"
else
  node -e 'const fs=require("fs");process.stdout.write(JSON.stringify({id:"seed-000",date:"2025-06-26",text:fs.readFileSync(process.argv[1],"utf8")})+"\n")' \
    "$seed" >"$TMP/seed.jsonl"
  run "$ANNALIST" ingest --db "$TMP/seed.sqlite" "$TMP/seed.jsonl"
  if [[ "$ERR" == *"no coding pipeline"* ]]; then
    echo "SKIPPED: seed article part (this build has no coding pipeline)"
  else
    expect_eq "ingest of the seed article exits 0 ($ERR)" "$RC" 0
    start_server "$TMP/seed.sqlite" -j 2 || finish
    run_node "$BROWSER_DIR/dashboard.test.mjs" "$BASE" seed
    stop_server
    expect_eq "seed server exits 0" "$STOP_RC" 0
  fi
fi
finish

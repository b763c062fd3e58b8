# The store under bad conditions: malformed events, documents split across a file, read-only
# and locked databases, a full disk, a newer schema, foreign files, an unreachable server.
# Each must give a clear message and the right exit status, and never lose whole documents.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/store_lib.inc"
MNT=""
trap '[ -n "$MNT" ] && umount "$MNT" 2>/dev/null; pg_cleanup; rm -rf "$TMP"' EXIT

gen --docs 5 --seed 5 > "$TMP/ok.jsonl"
nok=$(wc -l < "$TMP/ok.jsonl")

# Malformed lines: a bad JSON line between documents, an event without a code inside one.
{ echo '{"doc_id": "x1", "sentence": 0,'; \
  echo '{"doc_id": "bad-doc", "sentence": 0, "code": "112"}'; \
  echo '{"doc_id": "bad-doc", "sentence": 1, "code": "abc"}'; cat "$TMP/ok.jsonl"; } > "$TMP/mixed.jsonl"
run "$ANNALIST" ingest --db "$TMP/m.sqlite" --events "$TMP/mixed.jsonl"
expect_eq "malformed input: exit 1" "$RC" 1
expect_contains "bad JSON named by file:line" "$ERR" "mixed.jsonl:1: bad JSON"
expect_contains "bad event named with its document" "$ERR" "mixed.jsonl:3: document 'bad-doc': \"code\" must be digits"
expect_contains "bad document not stored" "$ERR" "the document was not stored"
run "$ANNALIST" query --db "$TMP/m.sqlite" --stats
expect_contains "the good documents are all stored" "$OUT" "events $nok"

# A document whose events are not adjacent.
{ cat "$TMP/ok.jsonl"; head -1 "$TMP/ok.jsonl" | sed 's/"sentence": [0-9]*/"sentence": 99/'; } > "$TMP/split.jsonl"
run "$ANNALIST" ingest --db "$TMP/s.sqlite" --events "$TMP/split.jsonl"
expect_eq "split document: exit 1" "$RC" 1
expect_contains "split document explained" "$ERR" "appears again, apart from its earlier events"

# Newer schema, foreign files.
"$ANNALIST" ingest -q --db "$TMP/new.sqlite" --events "$TMP/ok.jsonl"
python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute(\"insert into schema_version values (99,'9.0','now')\"); c.commit()" "$TMP/new.sqlite"
run "$ANNALIST" query --db "$TMP/new.sqlite" --stats
expect_eq "newer schema refused: exit" "$RC" 2
expect_contains "newer schema message" "$ERR" "schema version 99, newer than this annalist"
run "$ANNALIST" ingest --db "$TMP/new.sqlite" --events "$TMP/ok.jsonl"
expect_contains "newer schema refused for ingest too" "$ERR" "upgrade annalist"
echo "not a database at all, just text long enough to fill a header page......................" > "$TMP/text.sqlite"
run "$ANNALIST" query --db "$TMP/text.sqlite" --stats
expect_eq "foreign file: exit" "$RC" 2
expect_contains "foreign file message" "$ERR" "not an annalist database"
python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute('create table documents (x)'); c.commit()" "$TMP/other.sqlite"
run "$ANNALIST" ingest --db "$TMP/other.sqlite" --events "$TMP/ok.jsonl"
expect_contains "foreign SQLite database refused" "$ERR" "not an annalist database"
run "$ANNALIST" query --db "$TMP/none.sqlite" --stats
expect_contains "missing database" "$ERR" "no such database"
expect_eq "query never creates a database" "$([ -e "$TMP/none.sqlite" ]; echo $?)" 1

# Locked: another process holds the write lock past the busy timeout.
"$ANNALIST" ingest -q --db "$TMP/l.sqlite" --events "$TMP/ok.jsonl"
python3 -c "
import sqlite3, sys, time
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute('BEGIN IMMEDIATE'); c.execute(\"insert into actors values ('ZZZ','lock')\")
open(sys.argv[2], 'w').close(); time.sleep(6)" "$TMP/l.sqlite" "$TMP/locked" &
lockpid=$!
for _ in $(seq 50); do [ -e "$TMP/locked" ] && break; sleep 0.1; done
gen --docs 5 --seed 6 > "$TMP/more.jsonl"
run "$ANNALIST" ingest --db "$TMP/l.sqlite" --events "$TMP/more.jsonl"
expect_eq "locked database: exit 2" "$RC" 2
expect_contains "locked database message" "$ERR" "database is locked by another process"
kill $lockpid 2>/dev/null; wait $lockpid 2>/dev/null

# Full disk, as a file size limit: the ingest stops with a clear error, whole documents only.
gen --docs 3000 --seed 7 > "$TMP/big.jsonl"
run bash -c "ulimit -f 2000; exec \"$ANNALIST\" ingest --batch 50 --db \"$TMP/f.sqlite\" --events \"$TMP/big.jsonl\""
expect_eq "file size limit: exit 2" "$RC" 2
expect_contains "file size limit message" "$ERR" "disk full"
expect_contains "rolled back batch reported" "$ERR" "rolled back"
"$ANNALIST" export --db "$TMP/f.sqlite" --format csv --with-negated > "$TMP/f.csv"
check=$(python3 - "$TMP/f.csv" "$TMP/big.jsonl" <<'PY'
import csv, json, sys, collections
want = collections.Counter(json.loads(l)["doc_id"] for l in open(sys.argv[2]))
got = collections.Counter(r["doc_id"] for r in csv.DictReader(open(sys.argv[1], newline="")))
print("ok" if got and all(n == want[d] for d, n in got.items()) else "bad %d" % len(got))
PY
)
expect_eq "after the disk filled: whole documents only" "$check" "ok"

# A real small filesystem (tmpfs) that fills up, and one that is read-only; needs mount rights.
if [ "$(id -u)" = 0 ] && mkdir -p "$TMP/mnt" && mount -t tmpfs -o size=1m tmpfs "$TMP/mnt" 2>/dev/null; then
  MNT="$TMP/mnt"
  run "$ANNALIST" ingest --batch 50 --db "$MNT/t.sqlite" --events "$TMP/big.jsonl"
  expect_eq "small tmpfs: exit 2" "$RC" 2
  expect_contains "small tmpfs: disk full message" "$ERR" "disk full"
  rm -f "$MNT"/t.sqlite*
  "$ANNALIST" ingest -q --db "$MNT/ro.sqlite" --events "$TMP/ok.jsonl"
  mount -o remount,ro "$MNT"
  run "$ANNALIST" ingest --db "$MNT/ro.sqlite" --events "$TMP/more.jsonl"
  expect_eq "read-only filesystem: exit 2" "$RC" 2
  expect_contains "read-only message" "$ERR" "read-only"
  umount "$MNT"; MNT=""
elif [ "$(id -u)" != 0 ]; then
  "$ANNALIST" ingest -q --db "$TMP/ro/ro.sqlite" --events "$TMP/ok.jsonl" 2>/dev/null || { mkdir -p "$TMP/ro"; "$ANNALIST" ingest -q --db "$TMP/ro/ro.sqlite" --events "$TMP/ok.jsonl"; }
  chmod 444 "$TMP/ro/ro.sqlite"; chmod 555 "$TMP/ro"
  run "$ANNALIST" ingest --db "$TMP/ro/ro.sqlite" --events "$TMP/more.jsonl"
  expect_eq "read-only file: exit 2" "$RC" 2
  expect_contains "read-only message" "$ERR" "read-only"
  chmod 755 "$TMP/ro"
else
  echo "SKIPPED: tmpfs and read-only filesystem checks (root without mount rights)"
fi

# Bad options and filters.
run "$ANNALIST" query --db "$TMP/m.sqlite" --dyad IRN
expect_eq "bad dyad exit" "$RC" 2
expect_contains "bad dyad message" "$ERR" "--dyad takes SOURCE:TARGET"
run "$ANNALIST" query --db "$TMP/m.sqlite" --since yesterday
expect_contains "bad date message" "$ERR" "bad date 'yesterday'"
run "$ANNALIST" query --db "$TMP/m.sqlite" --cursor garbage --limit 5
expect_contains "bad cursor message" "$ERR" "bad paging cursor"
run "$ANNALIST" export --db "$TMP/m.sqlite" --format xml
expect_contains "bad export format" "$ERR" "--format must be gdelt, phoenix, csv or jsonl"
run "$ANNALIST" ingest --events "$TMP/ok.jsonl"
expect_contains "ingest needs --db" "$ERR" "--db PATH or --db postgresql://... is required"

# No pipeline in this build (until the coder is merged): a clear error, not a crash.
run "$ANNALIST" ingest --db "$TMP/p.sqlite" "$ROOT/tests/data/sample.txt"
if [[ "$ERR" == *"no coding pipeline"* ]]; then
  expect_eq "no pipeline: exit 2" "$RC" 2
else
  expect_eq "documents coded and stored" "$RC" 0
fi

# PostgreSQL that does not answer.
run "$ANNALIST" query --db "postgresql://annalist@127.0.0.1:1/nothing" --stats
expect_eq "unreachable server exit" "$RC" 2
expect_contains "unreachable server message" "$ERR" "cannot connect to PostgreSQL"
if pg_find; then
  db=$(pg_newdb err)
  "$ANNALIST" ingest -q --db "$db" --events "$TMP/ok.jsonl"
  psql "$db" -qAtc "insert into schema_version values (42, '9', 'x')"
  run "$ANNALIST" query --db "$db" --stats
  expect_contains "PostgreSQL: newer schema refused" "$ERR" "schema version 42, newer than this annalist"
  # A statement failing inside a pipelined batch (a constraint the data breaks): the error is
  # reported, the batch rolled back, the batches before it kept whole.
  db=$(pg_newdb fail)
  "$ANNALIST" ingest -q --db "$db" --events "$TMP/ok.jsonl"
  psql "$db" -qAtc "ALTER TABLE events ADD CONSTRAINT no_190 CHECK (code <> '190')"
  gen --docs 400 --seed 8 --prefix pgf- > "$TMP/pgfail.jsonl"
  run "$ANNALIST" ingest --batch 2 --db "$db" --events "$TMP/pgfail.jsonl"
  expect_eq "PostgreSQL: failing batch exit" "$RC" 2
  expect_contains "PostgreSQL: failing statement reported" "$ERR" "no_190"
  expect_contains "PostgreSQL: batch rolled back" "$ERR" "rolled back"
  "$ANNALIST" export --db "$db" --format csv --with-negated > "$TMP/pgfail.csv"
  check=$(python3 - "$TMP/pgfail.csv" "$TMP/pgfail.jsonl" "$TMP/ok.jsonl" <<'PY'
import csv, json, sys, collections
want = collections.Counter(json.loads(l)["doc_id"] for f in sys.argv[2:] for l in open(f))
got = collections.Counter(r["doc_id"] for r in csv.DictReader(open(sys.argv[1], newline="")))
print("ok %d" % sum(got.values()) if all(n == want[d] for d, n in got.items()) else "partial")
PY
)
  expect_contains "PostgreSQL: whole documents only after the failure" "$check" "ok "
  expect_ge "PostgreSQL: the documents before the failing batch are kept" "${check#ok }" "$(($(wc -l < "$TMP/ok.jsonl") + 1))"
  expect_not_contains "PostgreSQL: nothing with the refused code" "$(cut -d, -f17 "$TMP/pgfail.csv" | sort -u)" "190"
fi
finish

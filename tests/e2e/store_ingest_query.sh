# The store end to end, on SQLite and on PostgreSQL: ingest, idempotence, replacement, every
# query view checked against figures computed independently from the events JSONL (Python),
# paging, export round trip, and identical results on both backends.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/store_lib.inc"

gen --docs 400 --seed 3 > "$TMP/ev.jsonl"
gen --docs 400 --seed 3 --variant 7 > "$TMP/ev2.jsonl"
nlines=$(wc -l < "$TMP/ev.jsonl")

# Expected figures straight from the JSONL: non-negated events; IRN->AZE (prefix, directed)
# dated series by month and week (period,count,q1,q2,q3,q4,goldstein sum); top 3 codes overall.
cat > "$TMP/expect.py" <<'PY'
import json, sys, datetime, collections
evs = [json.loads(l) for l in open(sys.argv[1])]
what = sys.argv[2]
live = [e for e in evs if not e["negated"]]
if what == "count":
    print(len(live))
elif what in ("month", "week"):
    b = collections.OrderedDict()
    sel = [e for e in live if e["date"] and e["source"]["code"].startswith("IRN")
           and e["target"] and e["target"]["code"].startswith("AZE")]
    def key(d):
        d = datetime.date.fromisoformat(d)
        return d.replace(day=1) if what == "month" else d - datetime.timedelta(days=d.weekday())
    ks = sorted(key(e["date"]) for e in sel)
    k = ks[0]
    while k <= ks[-1]:
        b[k] = [0, 0, 0, 0, 0, 0.0]
        if what == "month":
            k = (k.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
        else:
            k += datetime.timedelta(days=7)
    for e in sel:
        r = b[key(e["date"])]
        r[0] += 1; r[e["quad_class"]] += 1; r[5] += e["goldstein"]
    for k, r in b.items():
        print("%s,%d,%d,%d,%d,%d,%.1f" % (k.isoformat(), *r[:5], r[5]))
elif what == "topcodes":
    c = collections.Counter(e["code"] for e in live)
    for code, n in sorted(c.items(), key=lambda x: (-x[1], x[0]))[:3]:
        print("%s,%d" % (code, n))
elif what == "dyadcount":
    print(sum(1 for e in live if e["source"]["code"].startswith("IRN") and e["target"]
              and e["target"]["code"].startswith("AZE")))
PY
exp() { python3 "$TMP/expect.py" "$@"; }

# A first load (empty database) stores without asking whether each document exists; a
# document repeated later in the same load, changed or not, must still be found.
first_load_repeats() { # NAME EMPTY_DB REFERENCE_DB
  local name=$1 db=$2 ref=$3
  run "$ANNALIST" ingest --db "$db" --events "$TMP/ev.jsonl" "$TMP/ev2.jsonl"
  expect_eq "$name: first load of two versions, exit" "$RC" 0
  expect_contains "$name: first load finds the repeats" "$ERR" "800 documents (400 added, 58 replaced, 342 unchanged, 0 rejected)"
  "$ANNALIST" export --db "$db" --format csv --with-negated | cut -d, -f2- | sort > "$TMP/$name.fl.csv"
  "$ANNALIST" export --db "$ref" --format csv --with-negated | cut -d, -f2- | sort > "$TMP/$name.ref.csv"
  expect_eq "$name: same events as two separate ingests" "$(diff "$TMP/$name.fl.csv" "$TMP/$name.ref.csv" | head -5)" ""
}

suite() { # NAME DB [DB_FOR_ROUNDTRIP]
  local name=$1 db=$2 db2=$3
  run "$ANNALIST" ingest --db "$db" --events "$TMP/ev.jsonl"
  expect_eq "$name: ingest exit" "$RC" 0
  expect_contains "$name: ingest summary" "$ERR" "400 documents (400 added, 0 replaced, 0 unchanged, 0 rejected), $nlines events stored"
  run "$ANNALIST" query --db "$db" --stats
  expect_contains "$name: all events stored" "$OUT" "events $nlines"
  expect_contains "$name: all documents stored" "$OUT" "documents 400"
  "$ANNALIST" export --db "$db" --format csv --with-negated > "$TMP/$name.first.csv"
  run "$ANNALIST" ingest --db "$db" --events "$TMP/ev.jsonl"
  expect_contains "$name: re-ingest changes nothing" "$ERR" "400 documents (0 added, 0 replaced, 400 unchanged, 0 rejected), 0 events stored"
  "$ANNALIST" export --db "$db" --format csv --with-negated > "$TMP/$name.again.csv"
  expect_eq "$name: re-ingest leaves the events as they were" "$(cmp -s "$TMP/$name.first.csv" "$TMP/$name.again.csv"; echo $?)" 0
  # Listing: non-negated count, then paging through all of them 37 at a time.
  run "$ANNALIST" query --db "$db" --format csv
  expect_eq "$name: events listed (negated left out)" "$(($(echo "$OUT" | wc -l) - 1))" "$(exp "$TMP/ev.jsonl" count)"
  echo "$OUT" | tail -n +2 > "$TMP/$name.all.csv"
  : > "$TMP/$name.paged.csv"
  local cur="" pages=0
  while :; do
    if [ -n "$cur" ]; then run "$ANNALIST" query --db "$db" --format csv --limit 37 --cursor "$cur"
    else run "$ANNALIST" query --db "$db" --format csv --limit 37; fi
    echo "$OUT" | tail -n +2 >> "$TMP/$name.paged.csv"
    pages=$((pages+1))
    cur=$(echo "$ERR" | sed -n 's/^next page: --cursor //p')
    [ -z "$cur" ] || [ $pages -gt 500 ] && break
  done
  expect_eq "$name: pages of 37 give every event once, in order" "$(cmp -s "$TMP/$name.all.csv" "$TMP/$name.paged.csv"; echo $?)" 0
  expect_ge "$name: several pages" "$pages" 10
  # Series against the independent computation.
  for by in month week; do
    run "$ANNALIST" query --db "$db" --series --dyad IRN:AZE --by $by --format csv
    expect_eq "$name: series by $by" "$(echo "$OUT" | tail -n +2 | cut -d, -f1-7)" "$(exp "$TMP/ev.jsonl" $by)"
  done
  run "$ANNALIST" query --db "$db" --top codes --format csv
  expect_eq "$name: top codes" "$(echo "$OUT" | tail -n +2 | head -3 | cut -d, -f2,4)" "$(exp "$TMP/ev.jsonl" topcodes)"
  run "$ANNALIST" query --db "$db" --top dyads --dyad IRN:AZE --limit 1000 --format csv
  expect_eq "$name: top dyads within IRN:AZE add up" "$(echo "$OUT" | tail -n +2 | awk -F, '{s+=$4} END {print s}')" "$(exp "$TMP/ev.jsonl" dyadcount)"
  run "$ANNALIST" query --db "$db" --series --dyad IRN:AZE --by month --chart --svg "$TMP/$name.svg"
  expect_contains "$name: terminal chart" "$OUT" "IRN -> AZE by month"
  expect_contains "$name: svg written" "$(head -c 200 "$TMP/$name.svg")" "<svg xmlns="
  expect_eq "$name: svg is well-formed XML" "$(python3 -c 'import sys,xml.dom.minidom; xml.dom.minidom.parse(sys.argv[1]); print(1)' "$TMP/$name.svg" 2>&1)" 1
  # Changed documents replace their events; the result equals a fresh ingest of the new file.
  run "$ANNALIST" ingest --db "$db" --events "$TMP/ev2.jsonl"
  expect_contains "$name: changed documents replaced" "$ERR" "(0 added, 58 replaced, 342 unchanged, 0 rejected)"
  run "$ANNALIST" query --db "$db" --stats
  expect_contains "$name: event count after replace" "$OUT" "events $(wc -l < "$TMP/ev2.jsonl")"
  # Round trip: export JSONL, ingest it elsewhere, same events (ids and provenance aside).
  if [ -n "$db2" ]; then
    "$ANNALIST" export --db "$db" --format jsonl --with-negated > "$TMP/$name.rt.jsonl"
    run "$ANNALIST" ingest --db "$db2" --events "$TMP/$name.rt.jsonl"
    expect_eq "$name: round trip ingest" "$RC" 0
    "$ANNALIST" export --db "$db" --format csv --with-negated | cut -d, -f2- | sort > "$TMP/$name.a.csv"
    "$ANNALIST" export --db "$db2" --format csv --with-negated | cut -d, -f2- | sort > "$TMP/$name.b.csv"
    expect_eq "$name: export JSONL round trip keeps every field" "$(diff "$TMP/$name.a.csv" "$TMP/$name.b.csv" | head -5)" ""
  fi
  # Outputs kept for the cross-backend comparison.
  mkdir -p "$TMP/$name"
  local i=0
  while IFS= read -r args; do
    i=$((i+1))
    # shellcheck disable=SC2086
    "$ANNALIST" query --db "$db" $args > "$TMP/$name/q$i" 2>&1
  done < "$TMP/views"
  for f in gdelt phoenix csv jsonl; do "$ANNALIST" export --db "$db" --format $f --with-negated > "$TMP/$name/x.$f"; done
  for f in "$TMP/$name"/*; do
    expect_ge "$name: $(basename "$f") has rows" "$(wc -l < "$f")" 2
    expect_not_contains "$name: $(basename "$f") ran cleanly" "$(cat "$f")" "annalist:"
  done
}

cat > "$TMP/views" <<'V'
--series --dyad IRN:AZE --by day --format csv
--series --dyad IRN:AZE --by week
--series --actor AZE --by month --format jsonl --with-negated
--series --dyad RUS:UKR --undirected --by month --quad 4
--top actors --limit 20
--top dyads --format jsonl
--top codes --root 19,20 --only-negated
--actors gov
--actors IRN --format csv
--actor IRN --code 19,112 --since 2025-01-01 --until 2025-06-30
--dyad USA:RUS --format jsonl --limit 25
--doc gen-0000042 --with-negated
V

suite sqlite "$TMP/a.sqlite" "$TMP/rt.sqlite"
first_load_repeats sqlite "$TMP/fl.sqlite" "$TMP/a.sqlite"
if pg_find; then
  pgdb=$(pg_newdb main) && pgrt=$(pg_newdb rt)
  suite pg "$pgdb" "$pgrt"
  pgfl=$(pg_newdb fl) && first_load_repeats pg "$pgfl" "$pgdb"
  for f in "$TMP"/sqlite/*; do
    b=$(basename "$f")
    expect_eq "SQLite and PostgreSQL agree: $b ($(sed -n "${b#q}p" "$TMP/views" 2>/dev/null))" "$(diff "$f" "$TMP/pg/$b" | head -5)" ""
  done
fi
finish

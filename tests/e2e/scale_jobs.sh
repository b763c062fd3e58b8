# -j N never changes the bytes written (stdout and stderr), and --shard K/N partitions the
# documents: for segment, and for parse and code once they are in the build.
. "$(dirname "$0")/lib.sh"

corpus="$TMP/corpus.jsonl"
if have_shared; then
  python3 "$ROOT/contrib/make_corpus.py" "$SHARED" "$corpus" --max-docs 250 2>/dev/null
else
  echo "note: $SHARED absent; using a corpus made from tests/data/sample.txt"
  i=0
  while IFS= read -r line; do
    [ -n "$line" ] || continue
    for r in 1 2 3 4 5 6 7 8 9 10; do
      i=$((i+1)); printf '{"id":"s%d","text":%s}\n' "$i" "$(printf '%s' "$line" | python3 -c 'import json,sys;print(json.dumps(sys.stdin.read()))')"
    done
  done < "$ROOT/tests/data/sample.txt" > "$corpus"
fi
# Bad records in the middle: their messages must also keep their place.
{ head -n 50 "$corpus"; echo '{broken'; echo '{"id":"notext"}'; tail -n +51 "$corpus"; } > "$TMP/mixed.jsonl"
ndocs=$(grep -c '"text"' "$TMP/mixed.jsonl")
expect_ge "corpus documents" "$ndocs" 50

cmds=("segment --format jsonl" "segment --format conllu")
add_model_cmds compared
for c in "${cmds[@]}"; do
  # shellcheck disable=SC2086
  "$ANNALIST" $c -q -j 1 "$TMP/mixed.jsonl" > "$TMP/j1.out" 2> "$TMP/j1.err"; rc1=$?
  for j in 2 5; do
    # shellcheck disable=SC2086
    "$ANNALIST" $c -q -j $j "$TMP/mixed.jsonl" > "$TMP/jn.out" 2> "$TMP/jn.err"; rcn=$?
    expect_eq "$c -j $j exit" "$rcn" "$rc1"
    if cmp -s "$TMP/j1.out" "$TMP/jn.out"; then ok; else bad "$c: -j $j output differs from -j 1"; fi
    if cmp -s "$TMP/j1.err" "$TMP/jn.err"; then ok; else bad "$c: -j $j messages differ from -j 1"; fi
  done
  expect_eq "$c exit with bad records" "$rc1" 1
  expect_ge "$c output size" "$(wc -c < "$TMP/j1.out")" 1000
  expect_contains "$c reports the broken line" "$(cat "$TMP/j1.err")" "mixed.jsonl:51: not valid JSON"
  # Same bytes through a pipe on stdin.
  # shellcheck disable=SC2086
  "$ANNALIST" $c -q -j 3 < "$TMP/mixed.jsonl" > "$TMP/stdin.out" 2>/dev/null
  if cmp -s "$TMP/j1.out" "$TMP/stdin.out"; then ok; else bad "$c: stdin output differs"; fi
done

# --shard: three shards are disjoint, cover every document, and each is a subsequence of the whole.
"$ANNALIST" segment --format jsonl -q "$corpus" > "$TMP/all.jsonl"
all_ids=$(grep -o '"doc_id":"[^"]*"' "$TMP/all.jsonl" | sort -u)
: > "$TMP/shards.ids"
for k in 1 2 3; do
  "$ANNALIST" segment --format jsonl -q -j 2 --shard $k/3 "$corpus" > "$TMP/shard$k.jsonl"
  expect_eq "shard $k exit" "$?" 0
  n=$(grep -o '"doc_id":"[^"]*"' "$TMP/shard$k.jsonl" | sort -u | wc -l)
  expect_ge "shard $k not empty" "$n" 1
  grep -o '"doc_id":"[^"]*"' "$TMP/shard$k.jsonl" | sort -u >> "$TMP/shards.ids"
  # In input order: the shard's lines appear in the same order in the unsharded output.
  if [ "$(grep -Fxf "$TMP/shard$k.jsonl" "$TMP/all.jsonl")" == "$(cat "$TMP/shard$k.jsonl")" ]; then ok
  else bad "shard $k is not an ordered subset of the whole"; fi
done
expect_eq "shards disjoint" "$(sort "$TMP/shards.ids" | uniq -d | wc -l)" 0
expect_eq "shards cover all" "$(sort -u "$TMP/shards.ids")" "$all_ids"
run "$ANNALIST" segment --shard 0/3 "$corpus"
expect_eq "bad shard exit" "$RC" 2
expect_contains "bad shard message" "$ERR" "--shard takes K/N"
run "$ANNALIST" segment --help
expect_contains "help documents --shard" "$OUT" "--shard K/N"

# A streaming filter: each JSONL record on a pipe is answered while the pipe stays open.
for j in 1 2; do
  mkfifo "$TMP/in$j"
  "$ANNALIST" segment --format jsonl -q -j $j < "$TMP/in$j" > "$TMP/stream$j.out" &
  exec 3> "$TMP/in$j"
  for id in first second; do
    echo "{\"id\":\"$id\",\"text\":\"Iran spoke.\"}" >&3
    for _ in $(seq 1 100); do grep -q "\"doc_id\":\"$id\"" "$TMP/stream$j.out" && break; sleep 0.1; done
    expect_contains "-j $j answers '$id' before the input ends" "$(cat "$TMP/stream$j.out")" "\"doc_id\":\"$id\""
  done
  exec 3>&-
  wait
done
finish

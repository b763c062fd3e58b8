# slow
# Every example in README.md runs: the `$ ` lines of its ```console blocks, in order, in a
# scratch directory with article.txt (the seed article, or the repo's sample) and news.jsonl.
# The README's own two commands are covered elsewhere: `make check` is what runs this test,
# and tests/e2e/install_demo.sh runs `make demo` and `make install`.
. "$(dirname "$0")/lib.sh"

work="$TMP/work"; mkdir -p "$work"
seed="$SHARED/seed/000_0c482b0b10fe7e75.txt"
[ -f "$seed" ] || seed="$ROOT/tests/data/sample.txt"
cp "$seed" "$work/article.txt"
python3 -c 'import json,sys; print(json.dumps({"id":"seed","date":"2025-06-26","text":open(sys.argv[1]).read()}))' \
  "$seed" > "$work/news.jsonl"

# The examples, extracted from the README (not written here), one per line.
awk '/^```console/{on=1; next} /^```/{on=0} on && /^\$ /{sub(/^\$ /, ""); print}' "$ROOT/README.md" \
  > "$TMP/examples.txt"
n=$(wc -l < "$TMP/examples.txt")
expect_ge "README has console examples" "$n" 10

# Each example runs in one shell, so background jobs and files carry over as they would for a
# reader typing them; `annalist` is the binary under test.
bindir="$TMP/bin"; mkdir -p "$bindir"; ln -s "$ANNALIST" "$bindir/annalist"
i=0
while IFS= read -r cmd; do
  i=$((i+1))
  printf '%s\n' "$cmd" >> "$TMP/script.sh"
  printf 'rc=$?; printf "\\n__RC__ %d %%s\\n" "$rc"\n' "$i" >> "$TMP/script.sh"
done < "$TMP/examples.txt"
(cd "$work" && PATH="$bindir:$PATH" timeout 300 bash "$TMP/script.sh" > "$TMP/out.txt" 2> "$TMP/err.txt")
i=0
while IFS= read -r cmd; do
  i=$((i+1))
  rc=$(sed -n "s/^__RC__ $i \([0-9]*\)$/\1/p" "$TMP/out.txt")
  expect_eq "example $i ($cmd) exit status" "$rc" 0
done < "$TMP/examples.txt"

out=$(cat "$TMP/out.txt")
# What the examples must show, from the article's content (see README's description of the demo).
expect_contains "code table names the accusation" "$out" "112"
expect_contains "code table has the ceasefire" "$out" "0871"
expect_contains "tsv written" "$(head -1 "$work/events.tsv")" "doc_id"
expect_contains "conllu written" "$(cat "$work/article.conllu")" "# text = "
expect_contains "actors found Aliyev" "$out" "AZEGOV"
expect_contains "series answered" "$out" '"points"'
[ -s "$work/events.phoenix.tsv" ] && ok || bad "phoenix export is empty"
finish

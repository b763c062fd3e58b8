# Scaling out with GNU parallel: `parallel --pipe` cuts JSONL at line boundaries and runs one
# annalist per block (a streaming filter); `--shard K/N` splits by document id instead. Both
# must give what one process gives. Uses `code` when the build has it, else `segment`.
. "$(dirname "$0")/lib.sh"
command -v parallel >/dev/null || { echo "SKIPPED: GNU parallel not installed"; ok; finish; }
cmds=(); add_model_cmds used
FILTER=("$ANNALIST" segment --format jsonl -q)
for c in "${cmds[@]}"; do
  # shellcheck disable=SC2206
  [ "${c%% *}" = code ] && FILTER=("$ANNALIST" $c -q)
done
if [ "${FILTER[1]}" = code ]; then echo "filter: annalist ${FILTER[*]:1}"
else echo "filter: annalist segment --format jsonl (no usable 'code' in this build: testing the machinery only)"; fi
if have_shared; then
  python3 "$ROOT/contrib/make_corpus.py" "$SHARED" "$TMP/corpus.jsonl" --max-docs 600 2>/dev/null
else
  echo "note: $SHARED absent; corpus made from tests/data/sample.txt"
  python3 - "$ROOT/tests/data/sample.txt" > "$TMP/corpus.jsonl" <<'PY'
import json, sys
lines = [l.strip() for l in open(sys.argv[1]) if l.strip()]
for i in range(600):
    print(json.dumps({"id": f"s{i}", "text": lines[i % len(lines)]}))
PY
fi
"${FILTER[@]}" "$TMP/corpus.jsonl" > "$TMP/single.jsonl"
expect_ge "single-process lines" "$(wc -l < "$TMP/single.jsonl")" 100
cmd=$(printf '%q ' "${FILTER[@]}")

# --pipe --keep-order: blocks of whole lines, outputs joined in input order = byte-identical.
parallel --will-cite --pipe --block 20k -k -j 2 "$cmd" < "$TMP/corpus.jsonl" > "$TMP/pipe.jsonl"
expect_eq "parallel --pipe exit" "$?" 0
if cmp -s "$TMP/pipe.jsonl" "$TMP/single.jsonl"; then ok; else bad "parallel --pipe -k output differs from one process"; fi
# Without -k blocks finish in any order; the lines are still the same.
parallel --will-cite --pipe --block 10k -j 3 "$cmd" < "$TMP/corpus.jsonl" > "$TMP/pipe2.jsonl"
if cmp -s <(sort "$TMP/pipe2.jsonl") <(sort "$TMP/single.jsonl"); then ok; else bad "parallel --pipe output differs (sorted)"; fi

# --shard: four processes over the same file, each keeping its quarter of the documents.
parallel --will-cite -j 2 "$cmd --shard {}/4 $(printf '%q' "$TMP/corpus.jsonl") > $(printf '%q' "$TMP")/shard{}.jsonl" ::: 1 2 3 4
expect_eq "parallel --shard exit" "$?" 0
for k in 1 2 3 4; do expect_ge "shard $k lines" "$(wc -l < "$TMP/shard$k.jsonl")" 1; done
if cmp -s <(sort "$TMP"/shard?.jsonl) <(sort "$TMP/single.jsonl"); then ok; else bad "the four shards together differ from one process"; fi
finish

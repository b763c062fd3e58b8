# Segmentation accuracy on the UD English test sets, from their raw text (issue 2's targets):
# token F1 >= 99.2 (EWT) / 99.4 (GUM), sentence F1 >= 80 (EWT) / 90 (GUM).
. "$(dirname "$0")/lib.sh"
skip_without_shared
UD=$SHARED/data/ud

f1() { awk -v w="$1" '$1 == w { print $NF }' <<<"$2"; }

for tb in ewt gum; do
  run "$ANNALIST" eval-segment --run "$UD/en_$tb-ud-test.conllu"
  expect_eq "$tb eval exit" "$RC" 0
  echo "$tb test: $(echo "$OUT" | tr '\n' ' ')"
  tok=$(f1 Tokens "$OUT"); sent=$(f1 Sentences "$OUT")
  if [ $tb = ewt ]; then
    expect_ge "EWT token F1" "$tok" 99.2; expect_ge "EWT sentence F1" "$sent" 80
  else
    expect_ge "GUM token F1" "$tok" 99.4; expect_ge "GUM sentence F1" "$sent" 90
  fi
done

# The same figures the long way: raw documents out, `annalist segment`, then score the files.
"$ANNALIST" eval-segment --raw "$UD/en_gum-ud-test.conllu" > "$TMP/raw.jsonl"
expect_eq "raw docs" "$(wc -l < "$TMP/raw.jsonl")" "$(grep -c '^# newdoc' "$UD/en_gum-ud-test.conllu")"
"$ANNALIST" segment -q "$TMP/raw.jsonl" > "$TMP/sys.conllu"
expect_eq "segment exit" $? 0
run "$ANNALIST" eval-segment "$UD/en_gum-ud-test.conllu" "$TMP/sys.conllu"
expect_eq "file eval exit" "$RC" 0
run2=$("$ANNALIST" eval-segment --run "$UD/en_gum-ud-test.conllu")
expect_eq "files and --run agree" "$OUT" "$run2"

# Gold against itself is perfect.
run "$ANNALIST" eval-segment "$UD/en_ewt-ud-test.conllu" "$UD/en_ewt-ud-test.conllu"
expect_eq "gold vs gold tokens" "$(f1 Tokens "$OUT")" "100.00"
expect_eq "gold vs gold sentences" "$(f1 Sentences "$OUT")" "100.00"
finish

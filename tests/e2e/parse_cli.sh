# `annalist parse` and `annalist eval-parse`: every input format, all ten columns, one tree per
# sentence, -j N byte-identical to -j 1, and clear errors for bad models and mismatched files.
. "$(dirname "$0")/lib.sh"
model=$ROOT/data/models/en_ud.annm
if [ ! -f "$model" ]; then bad "shipped model $model missing"; finish; fi

run "$ANNALIST" parse --help
expect_eq "help exit" "$RC" 0
expect_contains "help" "$OUT" "--model FILE"

printf 'Iran denied the claims. The minister pressed Baku to investigate the attack.\n' > "$TMP/a.txt"
run "$ANNALIST" parse -q "$TMP/a.txt"
expect_eq "text exit" "$RC" 0
rows=$(printf '%s\n' "$OUT" | grep -P '^\d+\t')
expect_eq "ten columns" "$(printf '%s\n' "$rows" | awk -F'\t' 'NF != 10' | wc -l)" 0
expect_eq "two roots for two sentences" "$(printf '%s\n' "$rows" | awk -F'\t' '$7 == 0' | wc -l)" 2
expect_eq "no empty tag" "$(printf '%s\n' "$rows" | awk -F'\t' '$4 == "_" || $5 == "_" || $3 == "_"' | wc -l)" 0
denied=$(printf '%s\n' "$rows" | awk -F'\t' '$2 == "denied"')
expect_contains "denied is a past verb" "$denied" $'deny\tVERB\tVBD'
expect_contains "Iran is the subject" "$(printf '%s\n' "$rows" | awk -F'\t' '$2 == "Iran"')" $'\t2\tnsubj\t'
expect_contains "claims is the object" "$(printf '%s\n' "$rows" | awk -F'\t' '$2 == "claims"')" $'\tclaim\tNOUN\tNNS'

# JSONL in.
printf '{"id":"d1","text":"Azerbaijan rejected the accusation."}\n{"id":"d2","text":"Talks resumed."}\n' > "$TMP/a.jsonl"
run "$ANNALIST" parse -q "$TMP/a.jsonl"
expect_eq "jsonl exit" "$RC" 0
expect_contains "jsonl doc ids" "$OUT" "# newdoc id = d2"
expect_contains "jsonl parsed" "$OUT" $'rejected\treject\tVERB'

# CoNLL-U in: tokenization and sentence split kept, columns re-annotated.
printf '# sent_id = x1\n# text = He left\n1\tHe\t_\t_\t_\t_\t_\t_\t_\t_\n2\tleft\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No\n\n# sent_id = x2\n# text = ok\n1\tok\t_\t_\t_\t_\t_\t_\t_\t_\n\n' > "$TMP/a.conllu"
run "$ANNALIST" parse -q "$TMP/a.conllu"
expect_eq "conllu exit" "$RC" 0
expect_contains "sent ids kept" "$OUT" "# sent_id = x2"
expect_contains "misc kept" "$OUT" $'\tSpaceAfter=No'
expect_eq "token count kept" "$(printf '%s\n' "$OUT" | grep -cP '^\d+\t')" 3
expect_contains "he is pronoun" "$OUT" $'1\tHe\the\tPRON\tPRP'

# Threads: byte-identical output.
if have_shared; then
  head -c 400000 "$SHARED/data/ud/en_gum-ud-dev.conllu" | sed '$d' > "$TMP/many.conllu"
  printf '\n' >> "$TMP/many.conllu"
  "$ANNALIST" parse -q -j 1 "$TMP/many.conllu" > "$TMP/j1" 2>/dev/null
  "$ANNALIST" parse -q -j 3 "$TMP/many.conllu" > "$TMP/j3" 2>/dev/null
  expect_eq "-j 3 == -j 1" "$(cmp "$TMP/j1" "$TMP/j3" && echo same)" same
  expect_ge "several documents" "$(grep -c '^# newdoc' "$TMP/j1")" 2
fi

# Bad model files.
run "$ANNALIST" parse --model "$TMP/none.annm" "$TMP/a.txt"
expect_eq "missing model exit" "$RC" 2
expect_contains "missing model message" "$ERR" "cannot read model file $TMP/none.annm"
head -c 1000 "$model" > "$TMP/trunc.annm"
run "$ANNALIST" parse --model "$TMP/trunc.annm" "$TMP/a.txt"
expect_eq "truncated model exit" "$RC" 2
expect_contains "truncated model message" "$ERR" "$TMP/trunc.annm: truncated model file"
printf 'hello, I am not a model at all, not at all, not at all' > "$TMP/junk.annm"
run "$ANNALIST" parse --model "$TMP/junk.annm" "$TMP/a.txt"
expect_contains "junk model message" "$ERR" "not an annalist model file"

# eval-parse: perfect score against itself; mismatched tokenization refused clearly.
"$ANNALIST" parse -q "$TMP/a.txt" > "$TMP/a.out"
run "$ANNALIST" eval-parse "$TMP/a.out" "$TMP/a.out"
expect_eq "self eval exit" "$RC" 0
expect_contains "self LAS" "$OUT" "LAS       100.00"
expect_contains "self UPOS" "$OUT" "UPOS      100.00"
run "$ANNALIST" eval-parse "$TMP/a.out" "$TMP/a.conllu"
expect_eq "mismatch exit" "$RC" 1
expect_contains "mismatch message" "$ERR" "use --raw"
run "$ANNALIST" eval-parse --raw "$TMP/a.out" "$TMP/a.out"
expect_contains "raw self tokens" "$OUT" "Tokens    100.00"
expect_contains "raw self LAS" "$OUT" "LAS       100.00"
run "$ANNALIST" eval-parse onlyone
expect_eq "usage exit" "$RC" 2
finish

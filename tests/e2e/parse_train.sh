# slow
# `annalist train` end to end on a few hundred sentences (seconds): the model is written, is
# deterministic for a seed, loads, and parses far better than chance.
. "$(dirname "$0")/lib.sh"
skip_without_shared
U=$SHARED/data/ud
args=(--train "$U/en_ewt-ud-train.conllu" --max-sentences 300 --tag-epochs 2 --parse-epochs 2 --jackknife 2 -q)
run "$ANNALIST" train "${args[@]}" --dev "$U/en_gum-ud-dev.conllu" -o "$TMP/a.annm"
expect_eq "train exit" "$RC" 0
expect_eq "model written" "$([ -s "$TMP/a.annm" ] && echo yes)" yes
run "$ANNALIST" train "${args[@]}" --dev "$U/en_gum-ud-dev.conllu" -o "$TMP/b.annm"
expect_eq "same seed, same bytes" "$(cmp "$TMP/a.annm" "$TMP/b.annm" && echo same)" same
head -c 200000 "$U/en_ewt-ud-dev.conllu" | awk 'BEGIN{RS="";ORS="\n\n"} NR>1{print prev} {prev=$0}' > "$TMP/dev.conllu"
run "$ANNALIST" parse -q --model "$TMP/a.annm" "$TMP/dev.conllu"
expect_eq "parse exit" "$RC" 0
printf '%s\n' "$OUT" > "$TMP/sys.conllu"
run "$ANNALIST" eval-parse "$TMP/dev.conllu" "$TMP/sys.conllu"
expect_eq "eval exit" "$RC" 0
expect_ge "tiny model UPOS" "$(echo "$OUT" | awk '$1 == "UPOS" { print $2 }')" 75
expect_ge "tiny model UAS" "$(echo "$OUT" | awk '$1 == "UAS" { print $2 }')" 50
run "$ANNALIST" train --train "$TMP/none.conllu" -o "$TMP/c.annm"
expect_eq "missing treebank exit" "$RC" 1
expect_contains "missing treebank message" "$ERR" "none.conllu"
run "$ANNALIST" train --bogus
expect_eq "bad option exit" "$RC" 2
finish

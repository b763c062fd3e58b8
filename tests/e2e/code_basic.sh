# annalist code over hand-written UD parses (tests/data/coder/basic.conllu): voice, negation,
# hedging, control, reciprocal events, event nouns, refusals; and the three output formats.
. "$(dirname "$0")/lib.sh"
IN="$ROOT/tests/data/coder/basic.conllu"

run "$ANNALIST" code --format jsonl "$IN"
expect_eq "exit" "$RC" 0
ev() { # sentence source target code -> the matching JSONL line count
  printf '%s\n' "$OUT" | grep -c "\"sentence\":$1,.*\"source\":{\"code\":\"$2\".*\"target\":{\"code\":\"$3\".*\"code\":\"$4\"" || true
}
expect_eq "accuse (active)" "$(ev 0 IRN ISR 112)" 1
expect_eq "passive: by-phrase is the source" "$(ev 1 ISR IRN 190)" 1
expect_eq "did not attack: no event" "$(printf '%s\n' "$OUT" | grep -c '"sentence":2,')" 0
expect_eq "ceasefire declared, one way" "$(ev 3 IRN ISR 0871)" 1
expect_eq "ceasefire declared, other way" "$(ev 3 ISR IRN 0871)" 1
expect_eq "hedged attack kept" "$(ev 4 RUS UKR 190)" 1
expect_contains "hedged flag" "$(printf '%s\n' "$OUT" | grep '"sentence":4,')" '"hedged":true'
expect_eq "press X to investigate" "$(ev 5 IRN AZE 101)" 1
expect_eq "no separate investigate event" "$(printf '%s\n' "$OUT" | grep '"sentence":5,' | grep -c '"code":"090"')" 0
expect_eq "never permit attacks: no attack" "$(printf '%s\n' "$OUT" | grep '"sentence":6,' | grep -c '"root":"19"')" 0
expect_eq "event noun with between, one way" "$(ev 7 ARM AZE 0871)" 1
expect_eq "event noun with between, other way" "$(ev 7 AZE ARM 0871)" 1
expect_contains "deny allegations" "$(printf '%s\n' "$OUT" | grep '"sentence":8,')" '"code":"016"'
expect_eq "refused to meet: a rejection" "$(ev 9 IRN ISR 120)" 1
expect_eq "refused to meet: no meeting" "$(printf '%s\n' "$OUT" | grep '"sentence":9,' | grep -c '"root":"04"')" 0
line=$(printf '%s\n' "$OUT" | grep '"sentence":5,' | head -1)
expect_contains "pattern explains the rule" "$line" '"pattern":"press+xcomp=@INVESTIGATE#101'
expect_contains "goldstein" "$line" '"goldstein":-5.0'
expect_contains "quad class" "$line" '"quad_class":3'
expect_contains "plover" "$line" '"plover":{"type":"REQUEST"'
expect_contains "trigger offsets" "$line" '"trigger":{"text":"pressed"'
expect_contains "sentence text" "$line" '"sentence_text":"Iran pressed Azerbaijan to investigate the reports."'
# every line is valid JSON
if command -v python3 >/dev/null; then
  printf '%s\n' "$OUT" | python3 -c 'import sys, json; [json.loads(l) for l in sys.stdin]' && ok || bad "invalid JSON"
fi

run "$ANNALIST" code --format tsv "$IN"
expect_eq "tsv exit" "$RC" 0
expect_contains "tsv header" "$(printf '%s\n' "$OUT" | head -1)" $'doc_id\tsentence\tdate\tsource\ttarget\tcode\troot\tquad_class\tgoldstein'
expect_contains "tsv row" "$OUT" $'coder-basic\t5\t'
expect_eq "tsv columns" "$(printf '%s\n' "$OUT" | awk -F'\t' '{print NF}' | sort -u)" 17

run "$ANNALIST" code --format table "$IN"
expect_contains "table names codes" "$OUT" "101 Demand information, investigation"
expect_contains "table header" "$OUT" "source"

run "$ANNALIST" code --format xml "$IN"
expect_eq "bad format exit" "$RC" 2
expect_contains "bad format message" "$ERR" "--format must be jsonl, tsv or table"

run "$ANNALIST" code --dict /nonexistent "$IN"
expect_eq "missing dict exit" "$RC" 1
expect_contains "missing dict message" "$ERR" "/nonexistent"

# -j 2 writes the same bytes
a=$("$ANNALIST" code --format jsonl "$IN" "$IN" "$IN")
b=$("$ANNALIST" code --format jsonl -j 2 "$IN" "$IN" "$IN")
expect_eq "-j 2 identical" "$(printf '%s' "$a" | md5sum)" "$(printf '%s' "$b" | md5sum)"
finish

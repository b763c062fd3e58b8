# `annalist segment` and `annalist eval-segment` from the command line: output formats, byte
# offsets, multiword tokens, scoring by hand-checked examples, and bad input.
. "$(dirname "$0")/lib.sh"

printf 'Iran'"'"'s Gen. Smith didn'"'"'t go.\n\nHe left the U.S. on Monday.' > "$TMP/a.txt"
run "$ANNALIST" segment --format jsonl "$TMP/a.txt"
expect_eq "jsonl exit" "$RC" 0
expect_eq "two sentences" "$(echo "$OUT" | wc -l)" 2
expect_contains "clitic word" "$OUT" '{"text":"'"'"'s","start":4,"end":6}'
expect_contains "abbreviation kept" "$OUT" '{"text":"Gen.","start":7,"end":11}'
expect_contains "paragraph" "$OUT" '"sentence":1,"paragraph":1'
# every token's offsets point at its text
bad=$(echo "$OUT" | python3 -c '
import json,sys
text=open(sys.argv[1],encoding="utf8").read().encode()
n=0
for l in sys.stdin:
    for t in json.loads(l)["tokens"]:
        if text[t["start"]:t["end"]].decode()!=t["text"]: n+=1
print(n)' "$TMP/a.txt" 2>&1)
expect_eq "offsets match text" "$bad" 0

run "$ANNALIST" segment "$TMP/a.txt"
expect_contains "conllu multiword token" "$OUT" $'5-6\tdidn\'t'
expect_contains "conllu word" "$OUT" $'6\tn\'t'
expect_contains "conllu newpar" "$OUT" "# newpar"
expect_contains "conllu text" "$OUT" "# text = He left the U.S. on Monday."

# eval-segment on a small hand-made pair: the system misses one sentence boundary and
# splits one token wrongly. Gold: 2 sentences, 6 tokens; system: 1 sentence, 7 tokens.
cat > "$TMP/gold.conllu" <<'C'
# text = Hi there.
1	Hi	_	_	_	_	_	_	_	_
2	there	_	_	_	_	_	_	_	SpaceAfter=No
3	.	_	_	_	_	_	_	_	_

# text = It's e-mail.
1-2	It's	_	_	_	_	_	_	_	_
1	It	_	_	_	_	_	_	_	_
2	's	_	_	_	_	_	_	_	_
3	e-mail	_	_	_	_	_	_	_	SpaceAfter=No
4	.	_	_	_	_	_	_	_	_

C
cat > "$TMP/sys.conllu" <<'C'
# text = Hi there. It's e-mail.
1	Hi	_	_	_	_	_	_	_	_
2	there	_	_	_	_	_	_	_	SpaceAfter=No
3	.	_	_	_	_	_	_	_	_
4-5	It's	_	_	_	_	_	_	_	_
4	It	_	_	_	_	_	_	_	_
5	's	_	_	_	_	_	_	_	_
6	e	_	_	_	_	_	_	_	SpaceAfter=No
7	-	_	_	_	_	_	_	_	SpaceAfter=No
8	mail	_	_	_	_	_	_	_	SpaceAfter=No
9	.	_	_	_	_	_	_	_	_

C
run "$ANNALIST" eval-segment "$TMP/gold.conllu" "$TMP/sys.conllu"
expect_eq "eval exit" "$RC" 0
# tokens: gold 6, system 8, correct 5 -> P 62.50 R 83.33 F1 71.43
expect_contains "token counts" "$OUT" "Tokens     gold       6  system       8  correct       5  P  62.50  R  83.33  F1  71.43"
# sentences: gold 2, system 1, correct 0
expect_contains "sentence counts" "$OUT" "Sentences  gold       2  system       1  correct       0"
run "$ANNALIST" eval-segment --raw "$TMP/gold.conllu"
expect_eq "raw text" "$OUT" '{"id":"'"$TMP/gold.conllu"'","text":"Hi there. It'"'"'s e-mail."}'
run "$ANNALIST" eval-segment --run "$TMP/gold.conllu"
expect_contains "run scores itself" "$OUT" "Tokens     gold       6  system       6  correct       6"

# Different text is refused, naming the place.
sed 's/there/where/' "$TMP/sys.conllu" > "$TMP/other.conllu"
run "$ANNALIST" eval-segment "$TMP/gold.conllu" "$TMP/other.conllu"
expect_eq "different text exit" "$RC" 1
expect_contains "different text message" "$ERR" "hold different text"
printf '1\tbroken line\n' > "$TMP/broken.conllu"
run "$ANNALIST" eval-segment "$TMP/gold.conllu" "$TMP/broken.conllu"
expect_eq "broken exit" "$RC" 1
expect_contains "broken names line" "$ERR" "broken.conllu:1: not a CoNLL-U token line"
run "$ANNALIST" eval-segment "$TMP/gold.conllu" "$TMP/missing.conllu"
expect_eq "missing exit" "$RC" 1
expect_contains "missing named" "$ERR" "missing.conllu"
run "$ANNALIST" eval-segment "$TMP/gold.conllu"
expect_eq "usage exit" "$RC" 2
run "$ANNALIST" eval-segment --help
expect_contains "help documents --raw" "$OUT" "--raw"
expect_contains "help documents --run" "$OUT" "--run"

# Hostile text: a million commas, 100,000 nested brackets, a long line of one word.
head -c 1000000 /dev/zero | tr '\0' ',' > "$TMP/commas.txt"
run "$ANNALIST" segment "$TMP/commas.txt"
expect_eq "commas exit" "$RC" 0
{ head -c 100000 /dev/zero | tr '\0' '('; head -c 100000 /dev/zero | tr '\0' ')'; } > "$TMP/brackets.txt"
run "$ANNALIST" segment --format jsonl "$TMP/brackets.txt"
expect_eq "brackets exit" "$RC" 0
expect_eq "brackets: sentences capped" "$(echo "$OUT" | wc -l)" 400
head -c 1000000 /dev/zero | tr '\0' 'x' > "$TMP/oneword.txt"
run "$ANNALIST" segment "$TMP/oneword.txt"
expect_eq "one word exit" "$RC" 0
expect_contains "one token" "$OUT" $'\n1\txxxx'
expect_not_contains "only one" "$OUT" $'\n2\t'
finish

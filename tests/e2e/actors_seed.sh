# The seed article's actor mentions, from raw text, coded right with the shipped dictionaries
# (the document date decides who holds an office).
source "$(dirname "$0")/lib.sh"
skip_without_shared
SEED=$SHARED/seed/000_0c482b0b10fe7e75.txt
run "$ANNALIST" actors -q --date 2025-06-26 "$SEED"
expect_eq "exit status" "$RC" 0
has() { expect_contains "$1 -> $2" "$OUT" "	$1	$2	"; }
has "Iranian President Masoud Pezeshkian" IRNGOV
has "Iranian presidency" IRNGOV
has "Iranian presidential office" IRNGOV
has "Tehran" IRNGOV
has "Azerbaijani Foreign Minister Jeyhun Bayramov" AZEGOV
has "Baku" AZEGOV
has "Israel" ISR
has "Azerbaijani President Ilham Aliyev" AZEGOV
has "Iranian officials" IRNGOV
has "Azerbaijani government" AZEGOV
has "Israeli military" ISRMIL
has "President Aliyev" AZEGOV
has "Azerbaijan" AZE
# Both "Tehran" mentions (subject, possessive) are the government.
expect_eq "Tehran twice" "$(echo "$OUT" | grep -c '	Tehran	IRNGOV	')" 2
# Spans are byte offsets into the text.
line=$(echo "$OUT" | grep '	Baku	' | head -1)
start=$(echo "$line" | cut -f3); end=$(echo "$line" | cut -f4)
expect_eq "Baku span" "$(head -c "$end" "$SEED" | tail -c $((end - start)))" "Baku"
# Provenance: the entries that matched, file:line.
expect_contains "provenance" "$OUT" "Azerbaijani Foreign Minister Jeyhun Bayramov	AZEGOV	countries.txt:"
# The same article in 2010: Pezeshkian was a member of parliament, Aliyev president.
run "$ANNALIST" actors -q --date 2010-01-01 "$SEED"
has "Iranian President Masoud Pezeshkian" IRNLEG
has "Azerbaijani President Ilham Aliyev" AZEGOV
# JSONL carries the same, with head and token range.
run "$ANNALIST" actors -q --format jsonl --date 2025-06-26 "$SEED"
expect_contains "jsonl" "$OUT" '"text":"Azerbaijani Foreign Minister Jeyhun Bayramov","first":'
# The head is a word of the mention (which one depends on the parse, when there is one).
h=$(echo "$OUT" | python3 -c 'import sys, json
for l in sys.stdin:
    m = json.loads(l)
    if m["text"].endswith("Bayramov"):
        print(m["code"], m["head_text"] in m["text"].split(), m["first"] <= m["head"] <= m["last"])')
expect_eq "jsonl head and code" "$h" "AZEGOV True True"
n=$(echo "$OUT" | python3 -c 'import sys, json; print(sum(1 for l in sys.stdin if json.loads(l)["code"]))')
expect_ge "jsonl lines parse" "$n" 30
# With the shipped tagger/parser model (after `make model`), the same mentions from parsed text.
M=$ROOT/data/models/en_ud.annm
if [ -f "$M" ]; then
  run "$ANNALIST" actors -q --model "$M" --date 2025-06-26 "$SEED"
  expect_eq "parsed: exit status" "$RC" 0
  for pair in "Iranian President Masoud Pezeshkian:IRNGOV" "Iranian presidency:IRNGOV" "Tehran:IRNGOV" \
              "Azerbaijani Foreign Minister Jeyhun Bayramov:AZEGOV" "Baku:AZEGOV" "Israel:ISR" \
              "Azerbaijani President Ilham Aliyev:AZEGOV" "Iranian officials:IRNGOV" \
              "Azerbaijani government:AZEGOV" "Israeli military:ISRMIL"; do
    expect_contains "parsed: ${pair%%:*}" "$OUT" "	${pair%%:*}	${pair##*:}	"
  done
else
  echo "(no model at $M: parsed-text checks skipped; 'make model' builds it)"
fi
run "$ANNALIST" actors -q --model "$TMP/missing.annm" "$SEED"
expect_eq "missing --model is an error" "$RC" 2
finish

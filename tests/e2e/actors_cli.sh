# `annalist actors`: options, our dictionary format's error reports, --unknown, CoNLL-U dates.
source "$(dirname "$0")/lib.sh"

# A dictionary of our own format with malformed lines: file:line warnings, the rest loads.
mkdir -p "$TMP/dict"
cat > "$TMP/dict/a.txt" <<'D'
# test dictionary
country FRD | Freedonia | Freedonian | Fredville
agent GOV | minister, ministry
person FRDGOV[1933-01-01..] FRDELI | Rufus T. Firefly, Firefly
org IGOLON | League of Nations
discard | duck soup
bogus FRD | Nowhere
country frd | Lowercase
person FRDGOV[1933-13-01..] | Bad Date
country FRD Freedonia without bar
agent GOV |
D
run "$ANNALIST" actors -q --stats --dict "$TMP/dict" /dev/null
expect_eq "own dictionary loads despite bad lines" "$RC" 0
expect_contains "unknown kind" "$ERR" "a.txt:7: unknown kind 'bogus'"
expect_contains "bad code" "$ERR" "a.txt:8: bad code 'frd'"
expect_contains "bad date" "$ERR" "a.txt:9: bad date '1933-13-01'"
expect_contains "no bar" "$ERR" "a.txt:10: no '|'"
expect_contains "no names" "$ERR" "a.txt:11: entry without names"
expect_contains "counts" "$ERR" "5 warnings"
expect_contains "accepted lines" "$ERR" "5 lines"

cat > "$TMP/f.txt" <<'T'
The Freedonian minister met Firefly in Fredville. Groucho Marx and Groucho Marx laughed.
Fredville protested. Chico Marx agreed with Groucho Marx.
T
run "$ANNALIST" actors -q --dict "$TMP/dict" --date 1935-01-01 "$TMP/f.txt"
expect_contains "header" "$OUT" "doc_id	sentence	start	end	text	code	entry"
expect_contains "composition" "$OUT" "Freedonian minister	FRDGOV	a.txt:2+a.txt:3"
expect_contains "dated person" "$OUT" "Firefly	FRDGOV	a.txt:4"
expect_not_contains "uncoded names hidden by default" "$OUT" "Groucho"
run "$ANNALIST" actors -q --dict "$TMP/dict" --date 1920-01-01 --all "$TMP/f.txt"
expect_contains "before office" "$OUT" "Firefly	FRDELI"
expect_contains "--all lists uncoded names" "$OUT" "Groucho Marx	-	-"

# --unknown ranks uncoded proper names, with an example sentence.
run "$ANNALIST" actors -q --dict "$TMP/dict" --unknown "$TMP/f.txt"
expect_eq "unknown exit" "$RC" 0
expect_eq "unknown header" "$(echo "$OUT" | head -1)" "count	name	example"
expect_eq "most frequent first" "$(echo "$OUT" | sed -n 2p | cut -f1,2)" "3	Groucho Marx"
expect_contains "example sentence" "$(echo "$OUT" | sed -n 2p)" "Groucho Marx and Groucho Marx laughed."
expect_eq "then the rest" "$(echo "$OUT" | sed -n 3p | cut -f1,2)" "1	Chico Marx"
run "$ANNALIST" actors -q --dict "$TMP/dict" --unknown --top 1 "$TMP/f.txt"
expect_eq "--top" "$(echo "$OUT" | wc -l)" 2

# Dates from CoNLL-U comments.
printf '# newdoc id = c1\n# date = 1920-05-05\n1\tFirefly\t_\tPROPN\t_\t_\t0\troot\t_\t_\n\n' > "$TMP/c.conllu"
run "$ANNALIST" actors -q --dict "$TMP/dict" "$TMP/c.conllu"
expect_contains "date from CoNLL-U" "$OUT" "c1	0	0	7	Firefly	FRDELI"

# Dictionary files (not a directory) are read as TABARI/PETRARCH dictionaries.
printf 'FREEDONIAN_ [FRD]\n' > "$TMP/x.actors.txt"
printf 'MINISTER [~GOV]\n' > "$TMP/x.agents.txt"
run "$ANNALIST" actors -q --dict "$TMP/x.actors.txt,$TMP/x.agents.txt" "$TMP/f.txt"
expect_contains "petrarch by file" "$OUT" "Freedonian minister	FRDGOV	x.actors.txt:1+x.agents.txt:1"

# Usage errors.
run "$ANNALIST" actors --format xml /dev/null
expect_eq "bad format exit" "$RC" 2
expect_contains "bad format message" "$ERR" "tsv or jsonl"
run "$ANNALIST" actors --dict-format tabari /dev/null
expect_eq "bad dict format" "$RC" 2
run "$ANNALIST" actors --dict-format petrarch /dev/null
expect_contains "petrarch needs files" "$ERR" "needs --dict"
run "$ANNALIST" actors --date 26/06/2025 /dev/null
expect_eq "bad date exit" "$RC" 2
mkdir -p "$TMP/empty"
run "$ANNALIST" actors --dict "$TMP/empty" /dev/null
expect_eq "empty dictionary dir" "$RC" 2
expect_contains "empty dictionary message" "$ERR" "no dictionary files"
run "$ANNALIST" actors --dict "$TMP/nonexistent" /dev/null
expect_eq "missing dictionary dir" "$RC" 2
run "$ANNALIST" actors --help
expect_eq "help" "$RC" 0
expect_contains "help text" "$OUT" "--unknown"
finish

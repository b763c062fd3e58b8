# The TABARI/PETRARCH readers on PETRARCH2's own dictionaries (read in place from ../shared):
# every actor/agent/discard file loads; entry counts match counts made here with awk; the
# malformed lines are reported as file:line warnings and skipped, not fatal.
source "$(dirname "$0")/lib.sh"
skip_without_shared
P=$SHARED/data/eventdata/petrarch2

# Entry lines as the formats define them: '#' comments and <!-- --> blocks removed, blank
# lines ignored.
entry_lines() {
  awk '{ line = $0
         if (inc) { if (index(line, "-->")) { inc = 0; line = substr(line, index(line, "-->") + 3) } else next }
         while ((i = index(line, "<!--"))) {
           rest = substr(line, i + 4); j = index(rest, "-->")
           if (j) line = substr(line, 1, i - 1) substr(rest, j + 3)
           else { line = substr(line, 1, i - 1); inc = 1 }
         }
         sub(/#.*/, "", line); gsub(/[ \t\r]/, "", line)
         if (line != "") n++ }
       END { print n + 0 }' "$@"
}
stat() { echo "$ERR" | grep '^dictionary:' | sed -n "s/.* \([0-9]*\) $1.*/\1/p"; }

for set in Phoenix PETR.Validate; do
  files=$(ls "$P"/$set.*actors*.txt "$P"/$set.agents.txt "$P"/$set.discards.txt | paste -sd,)
  run "$ANNALIST" actors -q --stats --dict-format petrarch --dict "$files" /dev/null
  expect_eq "$set loads" "$RC" 0
  lines=$(stat lines); warns=$(stat warnings)
  want=$(entry_lines $(echo "$files" | tr , ' '))
  expect_eq "$set: accepted + skipped entry lines = entry lines in the files" "$((lines + warns))" "$want"
  # Every warning names file:line.
  nw=$(echo "$ERR" | grep -c 'warning: ')
  nwl=$(echo "$ERR" | grep -cE 'warning: [^ ]+\.txt:[0-9]+: ')
  expect_eq "$set: warnings carry file:line" "$nwl" "$nw"
  expect_eq "$set: one warning per skipped line" "$nw" "$warns"
  # Agents: lines with a bracketed code that are not !MACRO! definitions.
  agents_want=$(grep -v '^[[:space:]]*#' "$P/$set.agents.txt" | grep -v '^!.*!.*=' | grep -c '\[[^]]*\]')
  expect_eq "$set: agent entries" "$(stat agents)" "$agents_want"
  expect_eq "$set: discard entries" "$(stat discards)" "$(entry_lines "$P/$set.discards.txt")"
done

# Known malformed lines of Phoenix, found here with grep, are among the warnings.
run "$ANNALIST" actors -q --dict-format petrarch --dict "$P" /dev/null
expect_eq "Phoenix directory loads" "$RC" 0
ln=$(grep -n 'ENV}' "$P/Phoenix.agents.txt" | head -1 | cut -d: -f1)
expect_contains "unclosed agent code reported" "$ERR" "Phoenix.agents.txt:$ln:"
ln=$(grep -n '2004017-20061201' "$P/Phoenix.International.actors.txt" | head -1 | cut -d: -f1)
expect_contains "7-digit date reported" "$ERR" "Phoenix.International.actors.txt:$ln:"

# Phoenix codes sentences as PETRARCH would.
printf '1\tIsraeli\t_\tADJ\t_\t_\t2\tamod\t_\t_\n2\ttroops\ttroop\tNOUN\t_\t_\t0\troot\t_\t_\n\n' > "$TMP/a.conllu"
run "$ANNALIST" actors -q --dict-format petrarch --dict "$P" "$TMP/a.conllu"
expect_contains "Phoenix: Israeli troops" "$OUT" "Israeli troops	ISRMIL	Phoenix.Countries.actors.txt:"

# A file the reader cannot classify, and a missing one, are clear errors.
run "$ANNALIST" actors -q --dict-format petrarch --dict "$P/CAMEO.2.0.txt" /dev/null
expect_eq "unclassifiable file exit" "$RC" 2
expect_contains "unclassifiable file message" "$ERR" "actors, agents or discards"
run "$ANNALIST" actors -q --dict-format petrarch --dict "$TMP/none.actors.txt" /dev/null
expect_eq "missing file exit" "$RC" 2
expect_contains "missing file message" "$ERR" "none.actors.txt"
finish

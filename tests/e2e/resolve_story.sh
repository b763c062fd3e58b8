# Document-level resolution through `annalist code` on a hand-parsed CoNLL-U story: a pronoun
# actor says where it came from, a denial answers the accusation, a retold denial is one event
# with both sentences as evidence, explicit dates date their events.
. "$(dirname "$0")/lib.sh"

# form lemma UPOS XPOS head deprel, tokens separated by "|", one sentence per line.
cat > "$TMP/story.txt" <<'S'
Israel Israel PROPN NNP 2 nsubj | accused accuse VERB VBD 0 root | Iran Iran PROPN NNP 2 obj | of of SCONJ IN 5 mark | attacking attack VERB VBG 2 advcl | Haifa Haifa PROPN NNP 5 obj | on on ADP IN 8 case | June June PROPN NNP 5 obl | 13 13 NUM CD 8 nummod | , , PUNCT , 8 punct | 2025 2025 NUM CD 8 nummod | . . PUNCT . 2 punct
Iranian Iranian ADJ JJ 3 amod | President president PROPN NNP 3 compound | Pezeshkian Pezeshkian PROPN NNP 4 nsubj | denied deny VERB VBD 0 root | the the DET DT 6 det | allegations allegation NOUN NNS 4 obj | . . PUNCT . 4 punct
He he PRON PRP 2 nsubj | met meet VERB VBD 0 root | Russian Russian ADJ JJ 5 amod | President president PROPN NNP 5 compound | Putin Putin PROPN NNP 2 obj | on on ADP IN 8 case | June June PROPN NNP 8 compound | 20 20 NUM CD 2 obl | , , PUNCT , 8 punct | 2025 2025 NUM CD 8 nummod | . . PUNCT . 2 punct
Pezeshkian Pezeshkian PROPN NNP 2 nsubj | denied deny VERB VBD 0 root | the the DET DT 4 det | allegations allegation NOUN NNS 2 obj | . . PUNCT . 2 punct
S
awk 'BEGIN { print "# newdoc id = story" }
     { printf "# sent_id = s%d\n", NR - 1; n = split($0, t, /\|/)
       for (i = 1; i <= n; i++) { split(t[i], f, " "); printf "%d\t%s\t%s\t%s\t%s\t_\t%s\t%s\t_\t_\n", i, f[1], f[2], f[3], f[4], f[5], f[6] }
       print "" }' "$TMP/story.txt" > "$TMP/story.conllu"

run "$ANNALIST" code --input-format conllu --format jsonl "$TMP/story.conllu"
expect_eq "exit status" "$RC" 0
flat=$(printf '%s\n' "$OUT" | tr -d ' ')

accuse=$(printf '%s\n' "$flat" | grep '"code":"112"')
expect_contains "accusation dated by its clause" "$accuse" '"date":"2025-06-13","date_precision":"day"'

denials=$(printf '%s\n' "$flat" | grep -c '"code":"016"')
expect_eq "the retold denial is printed once" "$denials" 1
denial=$(printf '%s\n' "$flat" | grep '"code":"016"')
expect_contains "denial keeps both tellings as evidence" "$denial" '"evidence":[1,3]'
# The accusation is the first event of the document (index 0).
if [[ "$denial" =~ \"answers\":(\{[^}]*\"event_index\":)?0[,}] ]]; then ok; else bad "denial does not answer event 0: $denial"; fi

met=$(printf '%s\n' "$flat" | grep '"code":"040"' | head -1)
expect_contains "pronoun actor resolved" "$met" '"code":"IRNGOV","text":"He"'
expect_contains "pronoun actor says where it came from" "$met" '"resolved_from":"He"'
expect_contains "meeting dated by its clause" "$met" '"date":"2025-06-20"'
finish

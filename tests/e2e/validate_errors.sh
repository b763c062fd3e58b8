# annalist validate: usage and input errors are reported clearly with the right exit codes.
. "$(dirname "$0")/lib.sh"
run "$ANNALIST" validate
expect_eq "no file: exit" "$RC" 2
expect_contains "no file: message" "$ERR" "exactly one validation file"
run "$ANNALIST" validate /nonexistent.xml
expect_eq "missing file: exit" "$RC" 1
expect_contains "missing file: message" "$ERR" "/nonexistent.xml"
printf 'not xml at all\n' > "$TMP/x.xml"
run "$ANNALIST" validate "$TMP/x.xml"
expect_eq "not a validation file: exit" "$RC" 1
expect_contains "not a validation file: message" "$ERR" "no <Sentence> records"
# a record without a parse is reported by id, the run goes on
cat > "$TMP/v.xml" <<'XML'
<Validation><Environment><Verbfile>verbs.txt</Verbfile><Actorfile>actors.txt</Actorfile></Environment>
<Sentences>
<Sentence id="NOPARSE_1" date="20200101"><EventCoding noevents="True"/><Text>Arnor meets Gondor.</Text></Sentence>
</Sentences></Validation>
XML
printf -- '--- MEET [040] ---\nMEET\n' > "$TMP/verbs.txt"
printf 'ARNOR [ARN]\nGONDOR [GON]\n' > "$TMP/actors.txt"
run "$ANNALIST" validate "$TMP/v.xml"
expect_eq "record without parse: exit" "$RC" 0
expect_contains "record without parse: named" "$OUT" "NOPARSE_1"
expect_contains "summary" "$OUT" "0 passed, 1 failed"
run "$ANNALIST" validate --verbs "$TMP/none.txt" "$TMP/v.xml"
expect_eq "missing verb file: exit" "$RC" 1
expect_contains "missing verb file: message" "$ERR" "none.txt"
finish

# annalist validate on UniversalPetrarch's 284 unit-test records (their UD parses, the
# PETR.Validate dictionaries, PETR.Validate.verbs.2.0.txt): at least 60% exactly right
# (UniversalPetrarch itself: 50.7%).
. "$(dirname "$0")/lib.sh"
skip_without_shared
U="$SHARED/data/eventdata/universal-petrarch"
run "$ANNALIST" validate --verbs "$U/PETR.Validate.verbs.2.0.txt" "$U/PETR.UnitTest.records.parsing_parsed_udpipe_2.0.xml"
expect_eq "exit" "$RC" 0
summary=$(printf '%s\n' "$OUT" | tail -1)
echo "$(printf '%s\n' "$OUT" | tail -2 | head -1)"
echo "$summary"
passed=${summary%% passed*}
failed=${summary#*, }; failed=${failed%% failed*}
expect_eq "all 284 records read" "$((passed + failed))" 284
expect_ge "records exactly right" "$(awk -v p="$passed" -v f="$failed" 'BEGIN{printf "%.4f", p/(p+f)}')" 0.60
expect_contains "failing records named" "$OUT" "FAIL "
finish

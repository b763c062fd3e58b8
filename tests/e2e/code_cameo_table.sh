# Our transcribed CAMEO table (data/dict/cameo/cameo.tsv) holds the facts of ../shared's CAMEO
# code list, Goldstein scale and CAMEO2PLOVER table: regenerating it gives the same file.
. "$(dirname "$0")/lib.sh"
T="$ROOT/data/dict/cameo/cameo.tsv"
expect_eq "header comment" "$(head -1 "$T" | cut -c1-13)" "# CAMEO event"
expect_contains "0871 ceasefire" "$(grep -P '^0871\t' "$T")" $'Declare truce, ceasefire\t9.0\t2\tRETREAT'
expect_contains "195 aerial weapons" "$(grep -P '^195\t' "$T")" $'Employ aerial weapons\t-10.0\t4\tASSAULT'
expect_eq "20 roots" "$(grep -cP '^[0-9]{2}\t' "$T")" 20
skip_without_shared
command -v python3 >/dev/null || { echo "SKIPPED: no python3 to regenerate the table"; finish; }
"$ROOT/tools/import-cameo-tables" "$SHARED" > "$TMP/cameo.tsv"
expect_eq "table matches ../shared" "$(diff "$TMP/cameo.tsv" "$T" && echo same)" "same"
finish

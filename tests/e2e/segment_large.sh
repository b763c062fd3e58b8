# slow
# A 50 MB single line is segmented (with --max-doc-bytes raised), without running out of time
# or memory, and every byte is accounted for.
. "$(dirname "$0")/lib.sh"
python3 -c '
import sys
s = "Iran accused Israel of attacks, and the U.S. said it was \"concerned\" (again) - ok; "
sys.stdout.write(s * (50 * 1024 * 1024 // len(s)))' > "$TMP/big.txt"
size=$(stat -c %s "$TMP/big.txt")
run "$ANNALIST" segment "$TMP/big.txt"
expect_eq "default cap refuses it" "$RC" 1
expect_contains "says how to raise the cap" "$ERR" "--max-doc-bytes"
"$ANNALIST" segment --max-doc-bytes 100000000 --format jsonl "$TMP/big.txt" > "$TMP/out.jsonl"
expect_eq "50 MB line exit" $? 0
# the last sentence ends where the text ends (less the final space)
last_end=$(tail -1 "$TMP/out.jsonl" | python3 -c 'import json,sys; print(json.loads(sys.stdin.read())["end"])')
expect_eq "covers the whole line" "$last_end" "$((size - 1))"
finish

# Bad input: one clear message naming file and line, other documents still processed,
# non-zero exit when anything was rejected, never a crash.
. "$(dirname "$0")/lib.sh"

# Missing file next to a good one: the good one is still written.
printf 'Iran spoke. Azerbaijan listened.\n' > "$TMP/good.txt"
run "$ANNALIST" segment "$TMP/missing.txt" "$TMP/good.txt"
expect_eq "missing file exit" "$RC" 1
expect_contains "missing file message" "$ERR" "missing.txt: cannot open"
expect_contains "good doc still written" "$OUT" "Azerbaijan"

# JSONL: a non-JSON line and a record without text, between good records.
cat > "$TMP/docs.jsonl" <<'J'
{"id": "a", "date": "2025-06-26", "text": "Iran accused Israel."}
this is not json
{"id": "c", "title": "no text here"}
{"id": "d", "date": "26/06/2025", "text": "Bad date."}
{"id": "e", "text": "Baku denied it."}
J
run "$ANNALIST" segment --format jsonl "$TMP/docs.jsonl"
expect_eq "jsonl exit" "$RC" 1
expect_contains "not json names line 2" "$ERR" "docs.jsonl:2: not valid JSON"
expect_contains "missing text names record" "$ERR" "docs.jsonl:3: record 'c' has no \"text\""
expect_contains "bad date" "$ERR" "docs.jsonl:4: record d: \"date\" is '26/06/2025'"
expect_contains "record a kept" "$OUT" '"doc_id":"a"'
expect_contains "record e kept" "$OUT" '"doc_id":"e"'
run "$ANNALIST" segment --strict --format jsonl "$TMP/docs.jsonl"
expect_eq "strict exit" "$RC" 2
expect_not_contains "strict stops before e" "$OUT" '"doc_id":"e"'

# Invalid UTF-8 is repaired byte for byte with a warning naming the line.
printf 'First line.\nBad \xff byte here.\n' > "$TMP/bad.txt"
run "$ANNALIST" segment "$TMP/bad.txt"
expect_eq "invalid utf8 exit" "$RC" 0
expect_contains "invalid utf8 warning" "$ERR" "bad.txt:2: warning: 1 invalid UTF-8 byte"

# Binary file (NUL bytes) is rejected, not coded.
head -c 4096 /dev/urandom > "$TMP/blob.bin"; printf '\0' >> "$TMP/blob.bin"
run "$ANNALIST" segment --input-format text "$TMP/blob.bin"
expect_eq "binary exit" "$RC" 1
expect_contains "binary message" "$ERR" "binary file"

# Empty file and CRLF.
: > "$TMP/empty.txt"
run "$ANNALIST" segment "$TMP/empty.txt"
expect_eq "empty exit" "$RC" 0
printf 'Iran spoke.\r\nBaku replied.\r\n' > "$TMP/crlf.txt"
run "$ANNALIST" segment "$TMP/crlf.txt"
expect_eq "crlf exit" "$RC" 0
expect_not_contains "crlf no CR in tokens" "$OUT" $'\r'

# A document over the size cap is rejected with the option to raise it.
head -c 2000 /dev/zero | tr '\0' 'a' > "$TMP/big.txt"
run "$ANNALIST" segment --max-doc-bytes 1000 "$TMP/big.txt"
expect_eq "too big exit" "$RC" 1
expect_contains "too big message" "$ERR" "--max-doc-bytes"

# A directory is not a document.
run "$ANNALIST" segment "$TMP"
expect_eq "directory exit" "$RC" 1
expect_contains "directory message" "$ERR" "$TMP"
finish

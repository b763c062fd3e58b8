# The CLI's contract: help, version, errors with clear messages and the right exit codes.
. "$(dirname "$0")/lib.sh"

run "$ANNALIST" --help
expect_eq "help exit" "$RC" 0
expect_contains "help lists segment" "$OUT" "segment"
run "$ANNALIST" --version
expect_contains "version" "$OUT" "annalist "
run "$ANNALIST" nosuchcommand
expect_eq "unknown command exit" "$RC" 2
expect_contains "unknown command message" "$ERR" "unknown command 'nosuchcommand'"
run "$ANNALIST" segment --help
expect_eq "segment help exit" "$RC" 0
expect_contains "segment help" "$OUT" "--format conllu|jsonl"
run "$ANNALIST" segment --bogus
expect_eq "bad option exit" "$RC" 2
expect_contains "bad option message" "$ERR" "unknown option '--bogus'"
finish

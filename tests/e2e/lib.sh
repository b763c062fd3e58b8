# Assertions for end-to-end tests. Source it; call `finish` at the end. A script that
# asserts nothing fails, so no test can pass by doing nothing.
set -u
: "${ANNALIST:?set ANNALIST to the binary under test}"
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
SHARED=${SHARED:-$ROOT/../shared}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
_asserts=0; _fails=0
ok()   { _asserts=$((_asserts+1)); }
bad()  { _asserts=$((_asserts+1)); _fails=$((_fails+1)); echo "FAIL: $*" >&2; }
# expect_eq WHAT GOT WANT
expect_eq() { if [ "$2" == "$3" ]; then ok; else bad "$1: got '$2', want '$3'"; fi; }
# expect_contains WHAT HAYSTACK NEEDLE
expect_contains() { if [[ "$2" == *"$3"* ]]; then ok; else bad "$1: '$3' not in output: ${2:0:600}"; fi; }
expect_not_contains() { if [[ "$2" != *"$3"* ]]; then ok; else bad "$1: '$3' unexpectedly in output: ${2:0:600}"; fi; }
# expect_ge WHAT GOT MIN (decimal numbers)
expect_ge() { if awk -v a="$2" -v b="$3" 'BEGIN{exit !(a+0 >= b+0)}'; then ok; else bad "$1: $2 < $3"; fi; }
# run CMD...: sets OUT, ERR, RC without stopping the script
run() { OUT=$("$@" 2>"$TMP/.err"); RC=$?; ERR=$(cat "$TMP/.err"); }
have_shared() { [ -d "$SHARED/data" ]; }
skip_without_shared() {
  if ! have_shared; then echo "SKIPPED: $SHARED not present"; ok; finish; fi
}
finish() {
  if [ $_asserts -eq 0 ]; then echo "no assertions ran" >&2; exit 1; fi
  echo "$_asserts assertions, $_fails failed"
  [ $_fails -eq 0 ]; exit $?
}

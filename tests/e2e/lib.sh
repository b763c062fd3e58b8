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

# add_model_cmds VERB: appends "parse" and "code --format jsonl" to the array cmds when this
# build has them and they run (they need the model file). Without the shipped model they run
# with a small model trained here (1,000 UD EWT sentences, or our own 3 in
# fuzz/corpus/conllu/mwt.conllu when ../shared is absent); VERB ("tested", "compared") ends
# the note printed for a command left out.
add_model_cmds() {
  local verb=$1 c tiny=
  local train=("$ROOT/fuzz/corpus/conllu/mwt.conllu")
  have_shared && train=("$SHARED/data/ud/en_ewt-ud-train.conllu" --max-sentences 1000)
  _usable() { echo '{"id":"probe","text":"Iran spoke."}' | "$ANNALIST" "$@" -q > /dev/null 2> "$TMP/probe.err"; }
  for c in "parse" "code --format jsonl"; do
    if ! "$ANNALIST" ${c%% *} --help >/dev/null 2>&1; then echo "note: no '${c%% *}' in this build; not $verb"; continue; fi
    # shellcheck disable=SC2086
    if _usable $c; then cmds+=("$c"); continue; fi
    if [ -z "$tiny" ] && "$ANNALIST" train -q --train "${train[@]}" --tag-epochs 2 \
         --parse-epochs 2 --jackknife 1 -o "$TMP/tiny.annm" 2>/dev/null; then tiny=$TMP/tiny.annm; fi
    # shellcheck disable=SC2086
    if [ -n "$tiny" ] && _usable $c --model "$tiny"; then
      echo "note: no shipped model; '${c%% *}' runs with a small model trained here"
      cmds+=("$c --model $tiny")
    else echo "note: '${c%% *}' cannot run here ($(head -1 "$TMP/probe.err")); not $verb"; fi
  done
}

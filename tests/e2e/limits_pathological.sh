# slow
# Pathological inputs: each command must finish (timeout 120 s is a hang guard, not a speed
# target) with exit 0, or exit 1 with a clear message; never a crash, never a hang.
. "$(dirname "$0")/lib.sh"

P="$TMP/p"; mkdir -p "$P"
head -c 1000000 /dev/zero | tr '\0' 'a' > "$P/nospace_1mb.txt"
{ head -c 100000 /dev/zero | tr '\0' '('; printf 'Iran'; head -c 100000 /dev/zero | tr '\0' ')'; echo; } > "$P/brackets_100k.txt"
head -c 1000000 /dev/zero | tr '\0' ',' > "$P/commas_1m.txt"
{ printf 'Iran'; for i in $(seq 1 4999); do printf ' word%d' "$i"; done; echo '.'; } > "$P/sentence_5000tok.txt"
# 50 MB on one line, no newline anywhere, as text and as one JSONL record: "dense" is ordinary
# sentences back to back (about 650,000 of them: segment only, the later stages would spend
# minutes on it); "sparse" spaces its sentences out with long runs of blanks, so parse and
# code meet the 50 MB line without a throughput test hiding in it.
python3 - "$P" <<'PY'
import sys
p = sys.argv[1]
size = 50 * 1024 * 1024
for name, unit in (("dense", "Iran accused Israel of using Azerbaijani airspace, and Baku denied it (again). "),
                   ("sparse", "Iran accused Israel, and Baku denied it." + " " * 2000)):
    text = unit * (size // len(unit) + 1)
    with open(f"{p}/line_50mb_{name}.txt", "w") as f:
        f.write(text)
    with open(f"{p}/line_50mb_{name}.jsonl", "w") as f:
        f.write('{"id": "big", "text": "' + text + '"}\n')
PY
for v in dense sparse; do
  expect_ge "50 MB $v line size" "$(wc -c < "$P/line_50mb_$v.txt")" 52428800
  expect_eq "50 MB $v line has no newline" "$(tr -cd '\n' < "$P/line_50mb_$v.txt" | wc -c)" 0
done

cmds=("segment" "segment --format jsonl")
help=$("$ANNALIST" --help)
add_model_cmds tested

# check NAME CMD... : exit 0 with output, or exit 1 with an "annalist:" message; no signal, no hang.
check() {
  local name=$1; shift
  local t0=$SECONDS
  # Output is only counted (it runs to hundreds of MB); PIPESTATUS keeps the command's exit.
  timeout 120 "$@" 2> "$TMP/err" | wc -c > "$TMP/bytes"
  local rc=${PIPESTATUS[0]} secs=$((SECONDS - t0)) bytes; bytes=$(cat "$TMP/bytes")
  echo "$name: exit $rc, ${secs}s, $bytes bytes out, $(head -c 200 "$TMP/err" | tr '\n' ' ')"
  if [ $rc -eq 124 ]; then bad "$name: hung (killed after 120 s)"; return; fi
  if [ $rc -gt 128 ]; then bad "$name: killed by signal $((rc - 128)): $(tail -5 "$TMP/err")"; return; fi
  if grep -q 'Sanitizer\|runtime error' "$TMP/err"; then bad "$name: sanitizer report: $(grep -m1 -A3 'Sanitizer\|runtime error' "$TMP/err")"; return; fi
  case $rc in
    # code may find no event in a pathological input; the others always write something.
    0) if [[ "$name" == code* ]]; then ok; else expect_ge "$name output" "$bytes" 1; fi ;;
    1) expect_contains "$name clear message" "$(cat "$TMP/err")" "annalist: " ;;
    *) bad "$name: exit $rc" ;;
  esac
}

for c in "${cmds[@]}"; do
  for f in nospace_1mb brackets_100k commas_1m sentence_5000tok; do
    # shellcheck disable=SC2086
    check "$c $f" "$ANNALIST" $c -q "$P/$f.txt"
  done
  for f in line_50mb_sparse.txt line_50mb_sparse.jsonl; do
    # shellcheck disable=SC2086
    check "$c $f" "$ANNALIST" $c -q --max-doc-bytes 60000000 "$P/$f"
  done
done

for f in line_50mb_dense.txt line_50mb_dense.jsonl; do
  check "segment $f" "$ANNALIST" segment -q --max-doc-bytes 60000000 "$P/$f"
done

# Over the default 10 MB cap, the 50 MB line is refused with the way out, not truncated.
run "$ANNALIST" segment -q "$P/line_50mb_dense.txt"
expect_eq "50 MB over default cap exit" "$RC" 1
expect_contains "50 MB over default cap says how" "$ERR" "--max-doc-bytes"
run "$ANNALIST" segment -q "$P/line_50mb_dense.jsonl"
expect_eq "50 MB JSONL over default cap exit" "$RC" 1
expect_contains "50 MB JSONL over default cap says how" "$ERR" "--max-doc-bytes"
finish

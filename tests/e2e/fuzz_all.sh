# slow
# Every libFuzzer target in fuzz/ replays its regression inputs and then fuzzes for 30 s under
# ASan+UBSan (two at a time); any crash, sanitizer report, hang or broken invariant fails.
. "$(dirname "$0")/lib.sh"
if ! command -v clang >/dev/null; then
  echo "SKIPPED: clang not installed (scripts/install-deps --all installs it)"; ok; finish
fi
ntargets=$(ls "$ROOT"/fuzz/fuzz_*.c | wc -l)
expect_ge "fuzz targets" "$ntargets" 3
FUZZ_JOBS=${FUZZ_JOBS:-2} "$ROOT/fuzz/run" "${FUZZ_SECONDS:-30}" > "$TMP/fuzz.out" 2>&1
rc=$?
cat "$TMP/fuzz.out"
expect_eq "fuzz/run exit (0 = no finding)" "$rc" 0
# Each target really ran: a line with its name, an execution count and "ok".
for f in "$ROOT"/fuzz/fuzz_*.c; do
  n=$(basename "$f" .c); n=${n#fuzz_}
  line=$(grep -E "^$n +[0-9]+ " "$TMP/fuzz.out")
  expect_contains "$n fuzzed" "$line" " ok"
  execs=$(echo "$line" | awk '{print $2}')
  # Liveness, not speed: the whole-pipeline target manages ~50 inputs/s on a loaded machine.
  expect_ge "$n executions" "${execs:-0}" 100
done
finish

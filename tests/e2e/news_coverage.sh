# CAMEO coverage on news sentences annalist was never built from: tests/data/news/dev.tsv (the
# rules were tuned on it) and heldout.tsv (never tuned on: the honest generalization figure),
# both hand-coded from the CAMEO codebook. news_score.py runs `annalist code` on them and
# prints precision/recall/F1 and the misses. Floors sit a little under the measured figures.
# Before the cov branch (main at its merge): dev F1 0.436 (P 0.500 R 0.386), held-out F1 0.493
# (P 0.565 R 0.437); after: dev F1 0.706 (P 0.733 R 0.681), held-out F1 0.619 (P 0.663 R 0.580);
# with the actor fixes after it (counterpart, Congo, popes): dev F1 0.719, held-out F1 0.628.
# heldout2.tsv (113 sentences) was written before the cov2 rules and its misses never read:
# before cov2 F1 0.570 (P 0.641 R 0.513). After cov2: dev F1 0.766 (P 0.778 R 0.755),
# held-out F1 0.652 (P 0.685 R 0.622), heldout2 F1 0.636 (P 0.676 R 0.600) (some cov2 rules
# cover kinds of sentence also in heldout2, asked for by the task: missile tests, calls for calm).
. "$(dirname "$0")/lib.sh"
command -v python3 >/dev/null || { echo "SKIPPED: no python3"; ok; finish; }
score() { # set, min F1, min recall
  run python3 "$ROOT/tests/e2e/news_score.py" "$ANNALIST" "$ROOT/tests/data/news/$1.tsv"
  if [ "$RC" != 0 ] && [[ "$ERR" == *"parser model"* ]]; then echo "SKIPPED ($1): no parser model: $ERR"; ok; return; fi
  expect_eq "$1: scorer exit" "$RC" 0
  printf '%s\n' "$OUT" | grep -c '^MISS' | sed "s/^/$1: sentences with a miss: /"
  local last; last=$(printf '%s\n' "$OUT" | tail -1)
  echo "$last"
  expect_ge "$1: F1" "$(printf '%s\n' "$last" | sed -n 's/.*F1 \([0-9.]*\).*/\1/p')" "$2"
  expect_ge "$1: recall" "$(printf '%s\n' "$last" | sed -n 's/.*recall \([0-9.]*\).*/\1/p')" "$3"
}
score dev 0.75 0.74
score heldout 0.64 0.61
score heldout2 0.62 0.58

# the scorer itself: a bad expected event is an error naming file:line, not a silent zero
printf 'Iran met Oman.\tIRN 04X OMN\n' > "$TMP/bad.tsv"
run python3 "$ROOT/tests/e2e/news_score.py" "$ANNALIST" "$TMP/bad.tsv"
expect_eq "bad expected event: exit" "$RC" 1
expect_contains "bad expected event: message" "$ERR" "bad.tsv:1"
finish

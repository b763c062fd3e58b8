#!/usr/bin/env bash
# End-to-end `annalist code` throughput on the benchmark corpus: sentences/s and tokens/s at
# -j 1 and -j 2, with peak RSS. Sentence and token counts come from `annalist segment`.
. "$(dirname "$0")/lib.sh"
"$ANNALIST" code --help > /dev/null 2>&1 || skip "'annalist code' is not in this build"
bench_model || exit 1
echo '{"id":"probe","text":"Iran spoke."}' | "$ANNALIST" code --format jsonl -q "${MODEL_ARGS[@]}" > /dev/null 2> "$BENCH_TMP/probe.err" ||
  skip "'annalist code' cannot run here: $(head -1 "$BENCH_TMP/probe.err")"
corpus=${BENCH_E2E_CORPUS:-$CORPUS_DIR/corpus.jsonl}
counts=$CORPUS_DIR/$(basename "$corpus").counts
if [ ! -s "$counts" ] || [ "$counts" -ot "$corpus" ]; then
  "$ANNALIST" segment -q "$corpus" | awk '/^# text = /{s++} /^[0-9]+\t/{t++} END{print s, t}' > "$counts"
fi
read -r sents toks < "$counts"
for j in 1 2; do
  timed "$ANNALIST" code --format jsonl -q -j $j "${MODEL_ARGS[@]}" "$corpus"
  [ "$TIMED_RC" -le 1 ] || { echo "code -j $j failed (exit $TIMED_RC): $(tail -3 "$BENCH_TMP/timed.err")" >&2; exit 1; }
  figure "code_j${j}_sentences_per_s" "$(rate "$sents" "$ELAPSED")" sent/s
  figure "code_j${j}_tokens_per_s" "$(rate "$toks" "$ELAPSED")" tok/s
  figure "code_j${j}_peak_rss" "$((PEAK_RSS_KB / 1024))" MB
done

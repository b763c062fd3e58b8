#!/usr/bin/env bash
# The batch runner's scaling: `annalist parse` (CPU-heavy per document) on corpus-small.jsonl
# at -j 1 and -j 2 (sentences/s, and the ratio). Uses the shipped model, or else a model
# trained once here on 2,000 UD EWT sentences (cached in bench/work/): the speed of parsing
# itself is the parser's business (bench/parse.sh); this measures how it scales with -j.
. "$(dirname "$0")/lib.sh"
"$ANNALIST" parse --help > /dev/null 2>&1 || skip "'annalist parse' is not in this build"
corpus=$CORPUS_DIR/corpus-small.jsonl
bench_model || exit 1
counts=$CORPUS_DIR/corpus-small.jsonl.counts
if [ ! -s "$counts" ] || [ "$counts" -ot "$corpus" ]; then
  "$ANNALIST" segment -q "$corpus" | awk '/^# text = /{s++} /^[0-9]+\t/{t++} END{print s, t}' > "$counts"
fi
read -r sents toks < "$counts"
# CPU seconds too: on a loaded machine the wall-clock ratio says little, while the CPU time
# at -j 2 against -j 1 shows what the threads cost (reader, ordering, locks).
timed "$ANNALIST" parse -q -j 1 "${MODEL_ARGS[@]}" "$corpus"; t1=$ELAPSED
figure parse_j1_sentences_per_s "$(rate "$sents" "$t1")" sent/s
figure parse_j1_cpu_seconds "$CPU_S" s
timed "$ANNALIST" parse -q -j 2 "${MODEL_ARGS[@]}" "$corpus"; t2=$ELAPSED
figure parse_j2_sentences_per_s "$(rate "$sents" "$t2")" sent/s
figure parse_j2_cpu_seconds "$CPU_S" s
figure parse_j2_speedup "$(awk -v a="$t1" -v b="$t2" 'BEGIN{printf "%.2f", (b > 0 ? a / b : 0)}')" x
figure load_average "$(cut -d' ' -f1 /proc/loadavg)" procs
figure parse_j2_peak_rss "$((PEAK_RSS_KB / 1024))" MB

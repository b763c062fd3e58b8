#!/usr/bin/env bash
# The coding stage alone (actors, coreference, coder, dates, claims) on parsed input: sentences
# per second and peak RSS of `annalist code` at -j 1 and -j 2 over the UD parses of English GUM
# and EWT train (gold trees, so the parser is not measured: bench/e2e.sh measures the whole
# pipeline); and the validation figures (records right, event F1) with their run times.
# Run through bench/run (see bench/README.md), or alone: ANNALIST=build/annalist bench/code.sh
set -u
cd "$(dirname "$0")/.."
export ANNALIST=${ANNALIST:-$PWD/build/annalist}
if [ -z "${BENCH_TMP:-}" ]; then BENCH_TMP=$(mktemp -d); trap 'rm -rf "$BENCH_TMP"' EXIT; fi
export BENCH_TMP
. bench/lib.sh
SHARED=${SHARED:-$(cd .. && pwd)/shared}
UD=$SHARED/data/ud
U=$SHARED/data/eventdata/universal-petrarch
[ -x "$ANNALIST" ] || skip "$ANNALIST not built"
[ -f "$UD/en_gum-ud-train.conllu" ] || skip "$UD not found (set SHARED)"
"$ANNALIST" code --help >/dev/null 2>&1 || skip "this build has no 'annalist code'"

in=$BENCH_TMP/code-in.conllu
cat "$UD/en_gum-ud-train.conllu" "$UD/en_ewt-ud-train.conllu" > "$in"
nsent=$(grep -c '^# text = ' "$in")
ntok=$(grep -cP '^\d+\t' "$in")
echo "coding-stage input: $nsent sentences, $ntok tokens (GUM + EWT train, gold parses)"
for j in 1 2; do
  timed "$ANNALIST" code --format jsonl -q -j "$j" "$in"
  [ "$TIMED_RC" = 0 ] || { echo "annalist code failed: $(head -2 "$BENCH_TMP/timed.err")" >&2; exit 1; }
  figure "code_stage_j${j}_sentences_per_s" "$(rate "$nsent" "$ELAPSED")" sent/s
  figure "code_stage_j${j}_tokens_per_s" "$(rate "$ntok" "$ELAPSED")" tok/s
  figure "code_stage_j${j}_peak_rss" "$((PEAK_RSS_KB / 1024))" MB
done

if [ -f "$U/PETR2_GSR_validation.xml" ]; then
  v() { # name, args...
    local name=$1; shift
    local t0 t1 out
    t0=$(date +%s.%N)
    out=$("$ANNALIST" validate "$@" 2>/dev/null)
    t1=$(date +%s.%N)
    echo "validate $name: $(printf '%s\n' "$out" | tail -2 | tr '\n' ' ')"
    local s p f
    s=$(printf '%s\n' "$out" | tail -1)
    p=${s%% passed*}; f=${s#*, }; f=${f%% failed*}
    figure "validate_${name}_records_right" "$(awk -v p="$p" -v f="$f" 'BEGIN{printf "%.1f", 100*p/(p+f)}')" %
    figure "validate_${name}_event_f1" "$(printf '%s\n' "$out" | sed -n 's/.*F1 \([0-9.]*\).*/\1/p')" F1
    figure "validate_${name}_seconds" "$(awk -v a="$t1" -v b="$t0" 'BEGIN{printf "%.2f", a-b}')" s
  }
  v unittest --verbs "$U/PETR.Validate.verbs.2.0.txt" "$U/PETR.UnitTest.records.parsing_parsed_udpipe_2.0.xml"
  v gsr_phoenix "$U/PETR2_GSR_validation.xml"
  v gsr_own_dict --dict data/dict "$U/PETR2_GSR_validation.xml"
fi

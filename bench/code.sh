#!/usr/bin/env bash
# Event coding speed: sentences per second and peak memory of `annalist code` with -j 1 and
# -j 2, over news-like text repeated to a few MB: the UD parses of English GUM and EWT (train)
# when the build has no parser (coding stage: actors, coreference, coder, dates, claims), and
# end to end from raw text (segmentation, tagging, parsing included) when it has one.
# Also the time of both validation runs. usage: bench/code.sh [BUILD_DIR] [COPIES]
set -u
cd "$(dirname "$0")/.."
B=${1:-build}
COPIES=${2:-3}
A=$PWD/$B/annalist
SHARED=${SHARED:-$(cd .. && pwd)/shared}
UD=$SHARED/data/ud
U=$SHARED/data/eventdata/universal-petrarch
[ -x "$A" ] || { echo "bench/code.sh: $A not built (make)"; exit 1; }
[ -f "$UD/en_gum-ud-train.conllu" ] || { echo "bench/code.sh: $UD not found (set SHARED)"; exit 1; }
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT

# Parsed input: every document of GUM and EWT train, COPIES times.
for i in $(seq "$COPIES"); do cat "$UD/en_gum-ud-train.conllu" "$UD/en_ewt-ud-train.conllu"; done > "$T/in.conllu"
# Raw text input: one JSONL document per CoNLL-U document, its sentences' text joined.
awk 'BEGIN { n = 0 }
     /^# newdoc/ { if (t != "") { printf "{\"id\":\"d%d\",\"text\":\"%s\"}\n", n++, t }; t = "" }
     /^# text = / { s = substr($0, 10); gsub(/\\/, "\\\\", s); gsub(/"/, "\\\"", s); gsub(/\t/, " ", s)
                    t = (t == "" ? s : t " " s) }
     END { if (t != "") printf "{\"id\":\"d%d\",\"text\":\"%s\"}\n", n, t }' "$T/in.conllu" > "$T/in.jsonl"
nsent=$(grep -c '^# text = ' "$T/in.conllu")
ntok=$(grep -cP '^\d+\t' "$T/in.conllu")
mb=$(du -m "$T/in.conllu" | cut -f1)
echo "input: $nsent sentences, $ntok tokens (CoNLL-U ${mb} MB; as text $(du -m "$T/in.jsonl" | cut -f1) MB)"

measure() { # label, file, args...
  local label=$1 f=$2; shift 2
  /usr/bin/time -f '%e %M' -o "$T/time" "$A" code --format jsonl -q "$@" "$f" > "$T/out" 2> "$T/err"
  local rc=$?
  read -r secs kb < "$T/time"
  if [ $rc -ne 0 ] && [ ! -s "$T/out" ]; then echo "$label: failed: $(head -2 "$T/err")"; return 1; fi
  awk -v l="$label" -v s="$secs" -v n="$nsent" -v t="$ntok" -v kb="$kb" -v ev="$(wc -l < "$T/out")" \
    'BEGIN { printf "%-34s %7.2f s  %8.0f sentences/s  %9.0f tokens/s  %7d events  peak RSS %d MB\n",
             l, s, n / s, t / s, ev, kb / 1024 }'
}
measure "coding stage (parsed input), -j 1" "$T/in.conllu" -j 1
measure "coding stage (parsed input), -j 2" "$T/in.conllu" -j 2
if "$A" code --format jsonl -q <(echo '{"id":"x","text":"Iran accused Israel."}') >/dev/null 2>"$T/probe"; then
  measure "end to end (raw text), -j 1" "$T/in.jsonl" --input-format jsonl -j 1
  measure "end to end (raw text), -j 2" "$T/in.jsonl" --input-format jsonl -j 2
else
  echo "end to end (raw text): not measured, this build cannot parse: $(head -1 "$T/probe")"
fi
if [ -f "$U/PETR2_GSR_validation.xml" ]; then
  for v in "--verbs $U/PETR.Validate.verbs.2.0.txt $U/PETR.UnitTest.records.parsing_parsed_udpipe_2.0.xml" \
           "$U/PETR2_GSR_validation.xml"; do
    /usr/bin/time -f '%e %M' -o "$T/time" "$A" validate $v > "$T/out" 2>/dev/null
    read -r secs kb < "$T/time"
    echo "validate $(basename "${v##* }"): $(tail -2 "$T/out" | tr '\n' ' ') (${secs} s, peak RSS $((kb / 1024)) MB)"
  done
fi

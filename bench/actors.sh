#!/usr/bin/env bash
# Actor coding figures: on PETR2_GSR_validation.xml (gold source/target codes), the share of
# gold actors that one of our mentions in the same sentence codes to the same country (first
# three letters) and to the same full code, with our dictionaries and with the Phoenix ones
# (through the TABARI/PETRARCH reader); load time and memory of both; tagging speed.
# usage: bench/actors.sh [BUILD_DIR]   (default build/)
set -u
cd "$(dirname "$0")/.."
B=${1:-build}
A=$B/annalist
SHARED=${SHARED:-$(cd .. && pwd)/shared}
X=$SHARED/data/eventdata/universal-petrarch/PETR2_GSR_validation.xml
P=$SHARED/data/eventdata/petrarch2
[ -f "$X" ] || { echo "bench/actors.sh: $X not found (set SHARED)"; exit 1; }
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
awk -v gold="$T/gold.tsv" -f bench/gsr2conllu.awk "$X" > "$T/gsr.conllu"

score() { # name, mentions.tsv
  awk -F'\t' -v name="$1" '
    FNR == NR { if (FNR > 1 && $6 != "-") { codes[$1] = codes[$1] " " $6 } ; next }
    { for (k = 2; k <= 3; k++) {
        # "---" is PETRARCH for "no country": compare what follows it.
        g = $k; sub(/^---/, "", g); if (g == "") continue
        n++; c3 = substr(g, 1, 3); found3 = 0; found = 0
        split(codes[$1], cs, " ")
        for (i in cs) { if (substr(cs[i], 1, 3) == c3) found3 = 1; if (cs[i] == g) found = 1 }
        n3 += found3; nf += found
      } }
    END { printf "%-8s gold actors %d: same country %.1f%% (%d), same full code %.1f%% (%d)\n",
                 name, n, 100 * n3 / n, n3, 100 * nf / n, nf }' "$2" "$T/gold.tsv"
}

echo "== PETR2_GSR_validation.xml: $(grep -c newdoc "$T/gsr.conllu") sentences, $(wc -l < "$T/gold.tsv") gold events"
"$A" actors -q "$T/gsr.conllu" > "$T/ours.tsv" 2>/dev/null
score ours "$T/ours.tsv"
"$A" actors -q --dict-format petrarch --dict "$P" "$T/gsr.conllu" > "$T/phoenix.tsv" 2>/dev/null
score phoenix "$T/phoenix.tsv"

echo "== load time and memory (dictionary only, empty input)"
for d in ours phoenix; do
  if [ $d = ours ]; then args=(); else args=(--dict-format petrarch --dict "$P"); fi
  best=""
  for i in 1 2 3 4 5; do
    line=$("$A" actors -q --stats "${args[@]}" < /dev/null 2>&1 >/dev/null | grep '^dictionary:')
    ms=$(echo "$line" | sed 's/.*(cpu \([0-9.]*\) ms).*/\1/')
    if [ -z "$best" ] || awk -v a="$ms" -v b="$best" 'BEGIN{exit !(a<b)}'; then best=$ms; fi
  done
  rss=$("$A" actors -q --stats "${args[@]}" < /dev/null 2>&1 >/dev/null | sed -n 's/^peak memory: //p')
  echo "$d: $(echo "$line" | sed 's/, [0-9.]* ms.*//; s/^dictionary: //')"
  echo "$d: load ${best} ms CPU (best of 5; wall time depends on machine load), dictionary ${line##*), }, process peak RSS ${rss}"
done

echo "== tagging speed (our dictionaries, CoNLL-U input, single thread)"
U=$SHARED/data/ud/en_ewt-ud-train.conllu
if [ -f "$U" ]; then
  ns=$(grep -c '^# sent_id' "$U")
  t0=$(date +%s.%N); "$A" actors -q "$U" > /dev/null 2>&1; t1=$(date +%s.%N)
  awk -v n="$ns" -v a="$t0" -v b="$t1" 'BEGIN { printf "en_ewt train: %d sentences in %.2f s (read + tag + write) = %.0f sentences/s\n", n, b - a, n / (b - a) }'
fi

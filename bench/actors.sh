#!/usr/bin/env bash
# Actor coding figures. On PETR2_GSR_validation.xml (gold source/target codes, the file's UD
# parses): the share of gold actors that a mention of ours in the same sentence codes to the
# same country (first three letters) and to the same full code ("---" in gold means "no
# country" and is compared without it), with our dictionaries and with the Phoenix ones read
# through the TABARI/PETRARCH reader. Load CPU time, dictionary memory and process peak RSS of
# both. Tagging speed on UD EWT train (CoNLL-U in, TSV out, -j 1, user+sys CPU time).
# Run by bench/run (contract in bench/README.md), or alone: bench/actors.sh [BUILD_DIR].
set -u
cd "$(dirname "$0")/.."
if [ -z "${ANNALIST:-}" ]; then B=${1:-build}; case $B in /*) ;; *) B=$PWD/$B ;; esac; ANNALIST=$B/annalist; fi
export ANNALIST
BENCH_TMP=${BENCH_TMP:-$(mktemp -d)}
. bench/lib.sh
A=$ANNALIST
SHARED=${SHARED:-$(cd .. && pwd)/shared}
X=$SHARED/data/eventdata/universal-petrarch/PETR2_GSR_validation.xml
P=$SHARED/data/eventdata/petrarch2
[ -f "$X" ] || skip "$X not found"
"$A" actors --help > /dev/null 2>&1 || skip "this build has no 'annalist actors'"
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
awk -v gold="$T/gold.tsv" -f bench/gsr2conllu.awk "$X" > "$T/gsr.conllu"

score() { # name, mentions.tsv -> "n country% full%"
  awk -F'\t' '
    FNR == NR { if (FNR > 1 && $6 != "-") codes[$1] = codes[$1] " " $6; next }
    { for (k = 2; k <= 3; k++) {
        g = $k; sub(/^---/, "", g); if (g == "") continue
        n++; c3 = substr(g, 1, 3); found3 = 0; found = 0
        split(codes[$1], cs, " ")
        for (i in cs) { if (substr(cs[i], 1, 3) == c3) found3 = 1; if (cs[i] == g) found = 1 }
        n3 += found3; nf += found
      } }
    END { printf "%d %.1f %.1f\n", n, 100 * n3 / n, 100 * nf / n }' "$2" "$T/gold.tsv"
}

echo "PETR2_GSR_validation.xml: $(grep -c newdoc "$T/gsr.conllu") sentences, $(wc -l < "$T/gold.tsv") gold events"
for d in ours phoenix; do
  if [ $d = ours ]; then args=(); else args=(--dict-format petrarch --dict "$P"); fi
  "$A" actors -q "${args[@]}" "$T/gsr.conllu" > "$T/$d.tsv" 2>/dev/null
  read -r n c f <<< "$(score $d "$T/$d.tsv")"
  echo "$d: $n gold actors; same country $c%, same full code $f%"
  figure "actors_gsr_${d}_same_country" "$c" "%"
  figure "actors_gsr_${d}_same_code" "$f" "%"
  line=$("$A" actors -q --stats "${args[@]}" < /dev/null 2>&1 >/dev/null)
  echo "$d: $(echo "$line" | grep '^dictionary:')"
  figure "actors_load_${d}_cpu" "$(echo "$line" | sed -n 's/.*(cpu \([0-9.]*\) ms).*/\1/p')" ms
  figure "actors_dict_${d}_memory" "$(echo "$line" | sed -n 's/.*), \([0-9.]*\) MB$/\1/p')" MB
  figure "actors_${d}_peak_rss" "$(echo "$line" | sed -n 's/^peak memory: *\([0-9]*\).*/\1/p')" kB
done

U=$SHARED/data/ud/en_ewt-ud-train.conllu
if [ -f "$U" ]; then
  ns=$(grep -c '^# sent_id' "$U")
  cpu=$( { TIMEFORMAT='%U %S'; time "$A" actors -q "$U" > /dev/null 2>&1; } 2>&1 | awk '{print $1 + $2}')
  echo "en_ewt train: $ns sentences in $cpu s CPU (read + tag + write)"
  figure actors_tag_sentences_per_s "$(rate "$ns" "$cpu")" sent/s
fi

#!/usr/bin/env bash
# Actor coverage on real news nobody tuned the dictionaries on: the GUM news documents, the
# AFP sentences of GigaWord.sample.PETR_parsed.xml and PETR2_GSR_validation.xml and the seed
# article (raw text through the shipped model; bench/news_corpus.py reads them in place).
# Figures: distinct proper names left uncoded (`actors --unknown`, lower is better) and coded
# mentions. Run by bench/run, or alone: bench/actors_news.sh [BUILD_DIR].
set -u
cd "$(dirname "$0")/.."
if [ -z "${ANNALIST:-}" ]; then B=${1:-build}; case $B in /*) ;; *) B=$PWD/$B ;; esac; ANNALIST=$B/annalist; fi
export ANNALIST
. bench/lib.sh
SHARED=${SHARED:-$(cd .. && pwd)/shared}
[ -f "$SHARED/data/ud/en_gum-ud-train.conllu" ] || skip "$SHARED/data/ud not found"
"$ANNALIST" actors --help > /dev/null 2>&1 || skip "this build has no 'annalist actors'"
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
python3 bench/news_corpus.py "$SHARED" > "$T/news.jsonl" || exit 1
docs=$(wc -l < "$T/news.jsonl")
unknown=$("$ANNALIST" actors -q --unknown --top 1000000 "$T/news.jsonl" | tail -n +2 | wc -l)
coded=$("$ANNALIST" actors -q "$T/news.jsonl" | tail -n +2 | wc -l)
echo "news text: $docs documents; $unknown distinct uncoded names; $coded coded mentions"
figure actors_news_unknown_names "$unknown" names
figure actors_news_coded_mentions "$coded" mentions

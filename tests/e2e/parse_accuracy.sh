# slow
# The shipped model guards its accuracy: EWT dev and GUM dev are parsed from gold tokens and no
# score may fall more than 0.5 points below the figure data/models/README.md records.
. "$(dirname "$0")/lib.sh"
skip_without_shared
readme=$ROOT/data/models/README.md
model=$ROOT/data/models/en_ud.annm
if [ ! -f "$model" ]; then bad "shipped model $model missing"; finish; fi
for s in "EWT dev" "GUM dev"; do
  tb=$(echo "${s% *}" | tr A-Z a-z)
  gold=$SHARED/data/ud/en_${tb}-ud-dev.conllu
  row=$(grep -E "^\| $s \|" "$readme" | head -1)
  if [ -z "$row" ]; then bad "no '| $s |' row in $readme"; continue; fi
  run "$ANNALIST" parse -q --model "$model" "$gold"
  expect_eq "$s parse exit" "$RC" 0
  printf '%s\n' "$OUT" > "$TMP/sys.conllu"
  run "$ANNALIST" eval-parse "$gold" "$TMP/sys.conllu"
  expect_eq "$s eval exit" "$RC" 0
  echo "$s: $(echo "$OUT" | tr -s ' \n' ' ')"
  col=2
  for m in UPOS XPOS Lemma UAS LAS; do
    want=$(echo "$row" | awk -F'|' -v c=$((col + 1)) '{ gsub(/ /, "", $c); print $c }')
    got=$(echo "$OUT" | awk -v k="$m" '$1 == k { print $2 }')
    min=$(awk -v w="$want" 'BEGIN { printf "%.2f", w - 0.5 }')
    expect_ge "$s $m (README $want)" "$got" "$min"
    col=$((col + 1))
  done
done
finish

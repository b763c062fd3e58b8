# slow
# The README's promises about building and installing: `make demo` prints the seed's events,
# and `make install` puts a binary that finds its model, dictionaries and dashboard from any
# directory.
. "$(dirname "$0")/lib.sh"
cd "$ROOT"

run make --no-print-directory demo
expect_eq "make demo exit" "$RC" 0
if have_shared; then
  expect_contains "demo codes the accusation" "$OUT" "112"
  expect_contains "demo codes the demand to investigate" "$OUT" "101"
  expect_contains "demo codes the ceasefire" "$OUT" "0871"
  expect_contains "demo dates the air campaign" "$OUT" "2025-06-13"
fi

run make --no-print-directory install PREFIX="$TMP/inst"
expect_eq "make install exit" "$RC" 0
for f in bin/annalist share/annalist/models/en_ud.annm share/annalist/dict/actors/countries.txt \
         share/annalist/web/index.html; do
  [ -e "$TMP/inst/$f" ] && ok || bad "make install did not install $f"
done
cd "$TMP"
printf 'Iran accused Israel of attacks. Azerbaijan denied the allegations.\n' > story.txt
run env -u ANNALIST_DATA "$TMP/inst/bin/annalist" code --format tsv story.txt
expect_eq "installed binary codes from another directory" "$RC" 0
expect_contains "installed binary found model and dictionaries" "$OUT" "112"
run make --no-print-directory -C "$ROOT" uninstall PREFIX="$TMP/inst"
expect_eq "make uninstall exit" "$RC" 0
[ ! -e "$TMP/inst/bin/annalist" ] && ok || bad "uninstall left the binary"
finish

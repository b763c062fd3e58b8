# Turns a PETRARCH/UniversalPetrarch validation XML file (records with <Parse> blocks of
# CoNLL-U rows) into CoNLL-U documents ("# newdoc id", "# date") on stdout, and writes the
# gold actors "id<TAB>source<TAB>target" of every <EventCoding> to the file named by `gold`.
/<Sentence / {
  id = $0; sub(/.* id="/, "", id); sub(/".*/, "", id)
  dt = $0; sub(/.* date="/, "", dt); sub(/".*/, "", dt)
  if (length(dt) == 6) dt = (substr(dt, 1, 2) + 0 <= 30 ? "20" : "19") dt  # TABARI YYMMDD
  date = length(dt) == 8 ? substr(dt, 1, 4) "-" substr(dt, 5, 2) "-" substr(dt, 7, 2) : ""
  next
}
/<EventCoding / {
  s = $0; t = $0
  if (s ~ /sourcecode="/) { sub(/.*sourcecode="/, "", s); sub(/".*/, "", s) } else s = ""
  if (t ~ /targetcode="/) { sub(/.*targetcode="/, "", t); sub(/".*/, "", t) } else t = ""
  print id "\t" s "\t" t > gold
  next
}
/<Parse>/ {
  inparse = 1; print "# newdoc id = " id; if (date != "") print "# date = " date
  # the GigaWord sample starts its first row on the <Parse> line itself
  sub(/.*<Parse>/, "")
  if ($0 !~ /^[0-9]+\t/) next
}
/<\/Parse>/ { inparse = 0; print ""; next }
inparse && /^[0-9]+\t/ { print }

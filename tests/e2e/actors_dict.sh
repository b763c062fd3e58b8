# The shipped actor dictionaries: they load without a warning, the loader rejects date
# ranges that cannot be right, and the kinds of entries and rules added for news of the
# 2020s code as the facts say (office holders by date, agent nouns, armed groups and IGOs,
# names the parse makes out). Expected codes are written from the facts, not from output.
source "$(dirname "$0")/lib.sh"

# --- Dictionary consistency: the shipped files load clean (no malformed line, no empty or
# overlapping date range, no name that two people hold on the same day).
run "$ANNALIST" actors -q --stats /dev/null
expect_eq "shipped dictionaries load" "$RC" 0
expect_contains "no warnings" "$ERR" " 0 warnings,"

# --- The loader's date checks, on a dictionary of our own.
mkdir -p "$TMP/d"
cat > "$TMP/d/people.txt" <<'D'
person FRDGOV[2001-01-20..2009-01-20] FRDELI | Rufus Firefly, President Firefly
person FRDGOV[2005-01-01..2010-01-01] FRDELI | Chicolini Firefly, President Firefly
person FRDGOV[1989-01-20..1993-01-20] FRDELI | Elder Firefly, President Firefly
person FRDGOV[2010-01-01..2009-01-01] FRDELI | Backwards
person FRDGOV[2001-01-01..2005-01-01] FRDLEG[2004-06-01..] FRDELI | Two Offices
person FRDGOV[2001-01-01..2004-06-01] FRDLEG[2004-06-01..] FRDELI | One After The Other
D
run "$ANNALIST" actors -q --stats --dict "$TMP/d" /dev/null
expect_eq "loads despite bad ranges" "$RC" 0
expect_contains "empty range" "$ERR" "people.txt:4: empty date range in FRDGOV[2010-01-01..2009-01-01]"
expect_contains "overlapping ranges" "$ERR" "people.txt:5: date ranges of FRDGOV and FRDLEG overlap"
expect_contains "a name two people hold at once" "$ERR" "people.txt:2: 'President Firefly' also names people.txt:1"
expect_not_contains "adjacent ranges are fine" "$ERR" "people.txt:6"
expect_not_contains "the same name at other dates is fine" "$ERR" "people.txt:3"
expect_contains "three warnings" "$ERR" " 3 warnings,"

# --- Coding: one JSONL document per case, dated; has ID TEXT CODE.
J=$TMP/news.jsonl
: > "$J"
doc() { printf '{"id":"%s","date":"%s","text":"%s"}\n' "$1" "$2" "$3" >> "$J"; } # texts hold no '"' or '\\'
# Office holders by date (start and end of an office, "former", fixed ranges).
doc maduro25 2025-06-01 "Nicolas Maduro accused Washington of aggression."
doc maduro26 2026-03-01 "Nicolas Maduro appeared before a judge in New York."
doc sharaa23 2023-05-01 "Ahmed al-Sharaa addressed his fighters in Idlib."
doc sharaa25 2025-05-01 "Ahmed al-Sharaa met the Saudi crown prince."
doc joly 2025-06-01 "Melanie Joly announced new tariffs on steel."
doc koizumi24 2024-12-01 "Shinjiro Koizumi spoke to reporters."
doc koizumi25 2025-11-01 "Shinjiro Koizumi visited troops in Okinawa."
doc anand 2025-06-01 "Canadian Foreign Minister Anita Anand met her counterpart."
doc mcguinty 2025-08-01 "David McGuinty announced new frigates."
doc kast 2026-04-01 "Jose Antonio Kast said the border would be closed."
doc werthein 2026-01-01 "Former foreign minister Gerardo Werthein spoke."
doc akhund 2020-01-01 "Hibatullah Akhundzada issued a statement."
doc akhund22 2022-01-01 "Hibatullah Akhundzada issued a decree."
# Agent nouns and their plurals.
doc hackers 2025-01-01 "Russian hackers attacked the ministry."
doc settlers 2025-01-01 "Israeli settlers torched cars in the West Bank."
doc airline 2015-06-09 "The Malaysia Airlines flight was shot down."
doc lawmakers 2025-01-01 "US lawmakers approved the bill."
doc sheriff 2010-01-01 "The sheriff's office said the suspect fled."
# Armed groups, IGOs and bodies of the 2020s, and their own codes.
doc rsf 2025-01-01 "The RSF shelled El Fasher."
doc eln 2025-01-01 "The ELN attacked a pipeline."
doc codeco 2025-01-01 "CODECO militiamen attacked a camp."
doc opcw 2025-01-01 "The OPCW sent inspectors."
doc kpa 2010-11-23 "KPA commanders warned the South."
doc afp 2025-01-01 "An AFP correspondent saw the convoy."
doc hezb 2025-01-01 "Hezbollah fighters and Hamas officials met in Beirut."
doc state 2015-06-09 "Police in South Carolina arrested him."
# Names the parse makes out: a place inside a person's name, the surname alone later in the
# same story, a title before a name written in lower case, hyphenated names, departments.
doc paris 2015-05-07 "Valeska Paris, an Australian woman, said she was held on a ship. Paris claims she was forced to work."
doc jordan 2015-05-07 "Michael Jordan visited the team."
doc obama 2015-06-09 "President obama expressed sorrow for the shootings."
doc hyphen 2025-01-01 "South Korean Foreign Minister Park Min-ho arrived in Tokyo."
doc dept 2008-08-06 "US Deputy Secretary of Energy Jeffrey Kupfer visited Brazil."
# A lone sector word as an adjective is no actor; the noun is.
doc adj 2015-06-09 "Russia is conducting military exercises near Alaska."
doc noun 2015-06-09 "The military said it had fired warning shots."
# A country in a phrase on an agent is whose it is through of/from/for/in, not at/to/on.
doc whose 2025-01-01 "The foreign minister of Iran met officials from Iraq and a court in Guyana."
doc where 2025-01-01 "Russian forces launched drones at Kyiv. The ambassador to Iran left."
# A counterpart is an official; Congo alone is the DR Congo of the news; the pope heads the
# Holy See (Leo XIV elected 2025-05-08, Francis died 2025-04-21).
doc counterpart 2025-01-01 "Wang Yi met his Russian counterpart."
doc congo 2025-01-01 "Fighting continued in eastern Congo near the Congo Republic."
doc pope25 2025-06-01 "Pope Leo called for peace. Pope Francis had visited Iraq."
doc pope21 2021-03-05 "Pope Francis visited Iraq."
run "$ANNALIST" actors -q "$J"
expect_eq "exit status" "$RC" 0
mentions() { echo "$OUT" | awk -F'\t' -v id="$1" '$1 == id { print $5 "\t" $6 }'; }
has() { expect_contains "$1: $2 -> $3" "$(mentions "$1")" "$2	$3"; }
hasnt() { expect_not_contains "$1: no $2" "$(mentions "$1")" "$2"; }
has maduro25 "Nicolas Maduro" VENGOV
has maduro26 "Nicolas Maduro" VENELI
has sharaa23 "Ahmed al-Sharaa" SYRREBHTS
has sharaa25 "Ahmed al-Sharaa" SYRGOV
has joly "Melanie Joly" CANGOV
has koizumi24 "Shinjiro Koizumi" JPNPTY
has koizumi25 "Shinjiro Koizumi" JPNGOV
has anand "Canadian Foreign Minister Anita Anand" CANGOV
has mcguinty "David McGuinty" CANGOV
has kast "Jose Antonio Kast" CHLGOV
has werthein "Former foreign minister Gerardo Werthein" ARGELI
has akhund "Hibatullah Akhundzada" AFGREBTAL
has akhund22 "Hibatullah Akhundzada" AFGGOV
has hackers "Russian hackers" RUSCRM
has settlers "Israeli settlers" ISRCVL
has airline "Malaysia Airlines" MYSBUS
has lawmakers "US lawmakers" USALEG
has sheriff "sheriff's office" COP
has rsf RSF SDNREBRSF
has eln ELN COLREBELN
has codeco "CODECO militiamen" CODREB  # no CODREBREB
has opcw OPCW IGOUNOOPC
has kpa "KPA commanders" PRKMIL
has afp "AFP correspondent" FRAMED
hasnt afp FRAMEDMED
has hezb "Hezbollah fighters" LBNREBHEZ
has hezb "Hamas officials" PSEREBHMSGOV
has state "South Carolina" USA
hasnt paris "FRA"
hasnt jordan "JOR"
has obama "President obama" USAGOV
has hyphen "South Korean Foreign Minister Park Min-ho" KORGOV
has dept "US Deputy Secretary of Energy Jeffrey Kupfer" USAGOV
hasnt adj "MIL"
has noun "military" MIL
has whose "foreign minister of Iran" IRNGOV
has whose "officials" IRQGOV  # the parse may hang "from Iraq" on the verb
has whose "court in Guyana" GUYJUD
has where "drones" MIL
has where "Kyiv" UKR
hasnt where UKRMIL
has where "ambassador" GOV
has counterpart "Russian counterpart" RUSGOV
has congo "Congo" COD
has congo "Congo Republic" COG
has pope25 "Pope Leo" VATGOV
has pope25 "Pope Francis" VATELI
has pope21 "Pope Francis" VATGOV
hasnt where IRNGOV
# The unknown-name list keeps a hyphenated name whole and lists the person "Valeska Paris".
run "$ANNALIST" actors -q --unknown "$J"
expect_contains "whole unknown name" "$OUT" "Valeska Paris"
expect_not_contains "no half name" "$OUT" "	Min	"
finish

#!/usr/bin/env python3
"""Writes seed-key.conllu: UD parses of the seed article's key sentences, made by hand for the
coder's tests (not produced by annalist). Run from this directory; the output is committed.
Token lines: form lemma UPOS head deprel [SpaceAfter=No]."""
XPOS = {"PROPN": "NNP", "NOUN": "NN", "VERB": "VBD", "AUX": "MD", "PART": "RB", "ADP": "IN", "DET": "DT",
        "CCONJ": "CC", "PUNCT": ".", "ADV": "RB", "ADJ": "JJ", "SCONJ": "IN", "PRON": "PRP", "NUM": "CD"}
S = [
"""Tensions tension NOUN 6 nsubj
between between ADP 3 case
Iran Iran PROPN 1 nmod
and and CCONJ 5 cc
Azerbaijan Azerbaijan PROPN 3 conj
resurfaced resurface VERB 0 root
on on ADP 8 case
Thursday Thursday PROPN 6 obl
following follow VERB 12 case
Iran Iran PROPN 12 nmod:poss nsp
’s 's PART 10 case
claim claim NOUN 6 obl
that that SCONJ 17 mark
Israel Israel PROPN 17 nsubj
may may AUX 17 aux
have have AUX 17 aux
used use VERB 12 acl
Azerbaijani Azerbaijani ADJ 19 amod
airspace airspace NOUN 17 obj
to to PART 21 mark
launch launch VERB 17 advcl
attacks attack NOUN 21 obj
during during ADP 27 case
the the DET 27 det
recent recent ADJ 27 amod
12-day 12-day ADJ 27 amod
war war NOUN 21 obl nsp
. . PUNCT 6 punct""",
"""The the DET 3 det
Iranian Iranian ADJ 3 amod
presidency presidency NOUN 4 nsubj
said say VERB 0 root
that that SCONJ 8 mark
Azerbaijan Azerbaijan PROPN 8 nsubj
had have AUX 8 aux
denied deny VERB 4 ccomp
these this DET 10 det
allegations allegation NOUN 8 obj
during during ADP 14 case
a a DET 14 det
phone phone NOUN 14 compound
conversation conversation NOUN 8 obl
between between ADP 18 case
Iranian Iranian ADJ 17 amod
President President PROPN 18 compound
Masoud Masoud PROPN 14 nmod
Pezeshkian Pezeshkian PROPN 18 flat
and and CCONJ 22 cc
Azerbaijani Azerbaijani ADJ 21 amod
President President PROPN 22 compound
Ilham Ilham PROPN 18 conj
Aliyev Aliyev PROPN 22 flat nsp
. . PUNCT 4 punct""",
"""The the DET 2 det
conflict conflict NOUN 10 nsubj nsp
, , PUNCT 5 punct
which which PRON 5 nsubj
began begin VERB 2 acl:relcl
on on ADP 7 case
June June PROPN 5 obl
13 13 NUM 7 nummod nsp
, , PUNCT 5 punct
saw see VERB 0 root
Israel Israel PROPN 10 obj
launch launch VERB 10 xcomp
a a DET 16 det
significant significant ADJ 16 amod
aerial aerial ADJ 16 amod
campaign campaign NOUN 12 obj
targeting target VERB 16 acl
Iranian Iranian ADJ 22 amod
nuclear nuclear ADJ 22 amod
and and CCONJ 21 cc
military military ADJ 19 conj
facilities facility NOUN 17 obj nsp
, , PUNCT 25 punct
reportedly reportedly ADV 25 advmod
resulting result VERB 12 advcl
in in ADP 28 case
the the DET 28 det
deaths death NOUN 25 obl
of of ADP 32 case
several several ADJ 32 amod
top top ADJ 32 amod
scientists scientist NOUN 28 nmod
and and CCONJ 34 cc
commanders commander NOUN 32 conj nsp
. . PUNCT 10 punct""",
"""A a DET 2 det
ceasefire ceasefire NOUN 7 nsubj
between between ADP 4 case
Iran Iran PROPN 2 nmod
and and CCONJ 6 cc
Israel Israel PROPN 4 conj
came come VERB 0 root
into into ADP 9 case
effect effect NOUN 7 obl
earlier early ADV 12 advmod
this this DET 12 det
week week NOUN 7 obl:tmod
on on ADP 14 case
Tuesday Tuesday PROPN 7 obl nsp
. . PUNCT 7 punct""",
"""According accord VERB 6 case
to to ADP 1 fixed
the the DET 6 det
Iranian Iranian ADJ 6 amod
presidential presidential ADJ 6 amod
office office NOUN 10 obl nsp
, , PUNCT 10 punct
President President PROPN 9 compound
Pezeshkian Pezeshkian PROPN 10 nsubj
pressed press VERB 0 root
Aliyev Aliyev PROPN 10 obj
to to PART 13 mark
investigate investigate VERB 10 xcomp
reports report NOUN 13 obj
that that SCONJ 18 mark
Israel Israel PROPN 18 nsubj
had have AUX 18 aux
conducted conduct VERB 14 acl
“ " PUNCT 23 punct nsp
drone drone NOUN 23 compound
and and CCONJ 22 cc
microlight microlight NOUN 20 conj
attacks attack NOUN 18 obj
into into ADP 26 case
Iranian Iranian ADJ 26 amod
skies sky NOUN 23 nmod
through through ADP 29 case
the the DET 29 det
airspace airspace NOUN 18 obl
of of ADP 32 case
the the DET 32 det
Republic Republic PROPN 29 nmod
of of ADP 34 case
Azerbaijan Azerbaijan PROPN 32 nmod nsp
. . PUNCT 10 punct nsp
” " PUNCT 10 punct""",
"""President President PROPN 2 compound
Aliyev Aliyev PROPN 7 nsubj nsp
, , PUNCT 4 punct
however however ADV 7 advmod nsp
, , PUNCT 4 punct
firmly firmly ADV 7 advmod
denied deny VERB 0 root
the the DET 9 det
allegations allegation NOUN 7 obj nsp
, , PUNCT 11 punct
assuring assure VERB 7 advcl
Pezeshkian Pezeshkian PROPN 11 obj
that that SCONJ 21 mark
Azerbaijan Azerbaijan PROPN 21 nsubj
“ " PUNCT 21 punct nsp
would would AUX 21 aux
not not PART 21 advmod
in in ADP 20 case
any any DET 20 det
way way NOUN 21 obl
allow allow VERB 11 ccomp
its its PRON 23 nmod:poss
skies sky NOUN 21 obj
to to PART 26 mark
be be AUX 26 aux:pass
used use VERB 21 xcomp
against against ADP 32 case
the the DET 32 det
friendly friendly ADJ 32 amod
and and CCONJ 31 cc
brotherly brotherly ADJ 29 conj
country country NOUN 26 obl nsp
. . PUNCT 7 punct nsp
” " PUNCT 7 punct""",
"""On on ADP 2 case
June June PROPN 10 obl
14 14 NUM 2 nummod nsp
, , PUNCT 10 punct
Azerbaijani Azerbaijani ADJ 7 amod
Foreign Foreign PROPN 7 compound
Minister Minister PROPN 8 compound
Jeyhun Jeyhun PROPN 10 nsubj
Bayramov Bayramov PROPN 8 flat
reassured reassure VERB 0 root
Iran Iran PROPN 10 obj
that that SCONJ 16 mark
Azerbaijan Azerbaijan PROPN 16 nsubj
would would AUX 16 aux
never never ADV 16 advmod
permit permit VERB 10 ccomp
its its PRON 18 nmod:poss
territory territory NOUN 16 obj
to to PART 21 mark
be be AUX 21 aux:pass
used use VERB 16 xcomp
for for ADP 23 case
attacks attack NOUN 21 obl
on on ADP 26 case
third third ADJ 26 amod
countries country NOUN 23 nmod nsp
, , PUNCT 29 punct
including include VERB 29 case
Iran Iran PROPN 26 nmod nsp
. . PUNCT 10 punct""",
]
out = ["# newdoc id = seed-key"]
for i, block in enumerate(S):
    toks = [l.split() for l in block.strip().split("\n")]
    text = ""
    rows = []
    for k, t in enumerate(toks, 1):
        form, lemma, upos, head, rel = t[:5]
        nsp = len(t) > 5 and t[5] == "nsp"
        text += form + ("" if nsp else " ")
        rows.append("\t".join([str(k), form, lemma, upos, XPOS[upos], "_", head, rel, "_", "SpaceAfter=No" if nsp else "_"]))
        assert 0 <= int(head) <= len(toks), (i, k)
    out += ["# sent_id = seed-%d" % (i + 1), "# text = " + text.strip()] + rows + [""]
open("seed-key.conllu", "w").write("\n".join(out) + "\n")

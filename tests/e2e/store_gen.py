#!/usr/bin/env python3
"""Synthetic, schema-valid events JSONL for the store's tests and benchmark.

Deterministic for a given --seed. Documents get 1..8 events; a few events are undated,
negated, hedged or lack a target, as real coder output does. --variant N changes the events of
every Nth document (for replace tests). The CAMEO codes, Goldstein weights and quad classes
below are the published CAMEO values for a handful of codes, written out here by hand.
"""
import argparse, json, random, sys

CODES = [  # code, goldstein, quad class, PLOVER type, trigger
    ("010", 0.0, 1, "CONSULT", "said"), ("020", 3.0, 1, "REQUEST", "appealed"),
    ("036", 4.0, 1, "CONSULT", "offered to meet"), ("042", 1.9, 1, "CONSULT", "visited"),
    ("043", 2.8, 1, "CONSULT", "hosted"), ("051", 3.4, 1, "AGREE", "praised"),
    ("057", 8.0, 1, "AGREE", "signed"), ("061", 6.4, 2, "COOPERATE", "traded with"),
    ("071", 7.4, 2, "AID", "sent aid to"), ("090", -2.0, 3, "INVESTIGATE", "investigated"),
    ("101", -5.0, 3, "REQUEST", "demanded"), ("112", -2.0, 3, "ACCUSE", "accused"),
    ("120", -4.0, 3, "REJECT", "rejected"), ("130", -4.4, 3, "THREATEN", "threatened"),
    ("141", -6.5, 4, "PROTEST", "protested against"), ("173", -5.0, 4, "SEIZE", "arrested"),
    ("190", -10.0, 4, "ASSAULT", "attacked"), ("193", -10.0, 4, "ASSAULT", "fought"),
    ("195", -10.0, 4, "ASSAULT", "bombed"),
]
ACTORS = [
    ("IRN", "Iran"), ("AZE", "Azerbaijan"), ("USA", "the United States"), ("RUS", "Russia"),
    ("TUR", "Turkey"), ("ISR", "Israel"), ("ARM", "Armenia"), ("GEO", "Georgia"),
    ("CHN", "China"), ("FRA", "France"), ("DEU", "Germany"), ("GBR", "Britain"),
    ("UKR", "Ukraine"), ("SYR", "Syria"), ("IRQ", "Iraq"), ("SAU", "Saudi Arabia"),
]
AGENTS = [("", ""), ("GOV", " government"), ("MIL", " military"), ("COP", " police")]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=100)
    ap.add_argument("--events", type=int, default=0, help="stop after about this many events")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--variant", type=int, default=0)
    ap.add_argument("--days", type=int, default=730)
    ap.add_argument("--prefix", default="gen-", help="document id prefix")
    a = ap.parse_args()
    rnd = random.Random(a.seed)
    out = sys.stdout
    import datetime
    base = datetime.date(2024, 1, 1)
    total = 0
    ndocs = a.docs if not a.events else 10 ** 9
    for d in range(ndocs):
        if a.events and total >= a.events:
            break
        doc_id = "%s%07d" % (a.prefix, d)
        drnd = random.Random(a.seed * 1000003 + d)
        if a.variant and d % a.variant == 0:
            drnd = random.Random(a.seed * 1000003 + d + 777777)
        day = base + datetime.timedelta(days=drnd.randrange(a.days))
        nev = drnd.randint(1, 8)
        for k in range(nev):
            # A heavy dyad so series queries have something to chew on.
            if drnd.random() < 0.25:
                src, tgt = ACTORS[0], ACTORS[1]
            else:
                src, tgt = drnd.sample(ACTORS, 2)
            sa, ta = drnd.choice(AGENTS), drnd.choice(AGENTS)
            code, gold, quad, ptype, trig = drnd.choice(CODES)
            sent = 2 * k + drnd.randint(0, 1)  # one event per sentence: its text is its own
            stext = "%s%s" % (src[1], sa[1])
            ttext = "%s%s" % (tgt[1], ta[1])
            sentence = "The %s %s the %s on Thursday." % (stext, trig, ttext)
            off = sent * 100
            evd = day + datetime.timedelta(days=drnd.randint(-2, 0))
            dated = drnd.random() > 0.03
            has_target = drnd.random() > 0.05
            ev = {
                "doc_id": doc_id, "sentence": sent,
                "date": evd.isoformat() if dated else "",
                "date_precision": "day" if dated else None,
                "date_text": "on Thursday" if dated else None,
                "source": {"code": src[0] + sa[0], "text": "The " + stext, "start": off,
                           "end": off + 4 + len(stext), "entry": "gen:%s" % src[0], "resolved_from": None},
                "target": ({"code": tgt[0] + ta[0], "text": "the " + ttext,
                            "start": off + 5 + len(stext) + len(trig) + 1,
                            "end": off + 5 + len(stext) + len(trig) + 5 + len(ttext)}
                           if has_target else None),
                "code": code, "root": code[:2], "quad_class": quad, "goldstein": gold,
                "plover": {"type": ptype, "mode": None, "context": None},
                "negated": drnd.random() < 0.05, "hedged": drnd.random() < 0.05,
                "attributed_to": None,
                "trigger": {"text": trig, "start": off + 5 + len(stext),
                            "end": off + 5 + len(stext) + len(trig)},
                "pattern": "%s#%s" % (trig.replace(" ", "+"), code),
                "sentence_text": sentence, "answers": None, "evidence": [sent],
            }
            out.write(json.dumps(ev, ensure_ascii=False) + "\n")
            total += 1


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Scores `annalist code` on hand-coded news sentences (tests/data/news/*.tsv, format in their
header): runs the binary on them, matches its events with the expected ones and prints
precision, recall, F1 and the misses. Used by news_coverage.sh.

usage: news_score.py ANNALIST SET.tsv [--quiet] [--dict DIR]
Last line: "SET events: G gold, S coded; precision P recall R F1 F".
"""
import json
import subprocess
import sys


def code_match(a, b):
    """As `annalist validate`: equal, or one extends the other ("19" ~ "195")."""
    n = min(len(a), len(b))
    return n >= 2 and a[:n] == b[:n]


def actor(code):
    """Country (or IGO/NGO) and first agent: the first 6 characters; '-' for none."""
    return code[:6] if code else "-"


def read_set(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            if "\t" not in line:
                sys.exit(f"{path}:{lineno}: expected 'text<TAB>events'")
            text, exp = line.split("\t", 1)
            gold = []
            for ev in filter(None, (e.strip() for e in exp.split(";"))):
                p = ev.split()
                if len(p) != 3 or not p[1].isdigit():
                    sys.exit(f"{path}:{lineno}: event '{ev}' is not 'SOURCE CODE TARGET'")
                gold.append((actor(p[0]), p[1], actor("" if p[2] == "-" else p[2])))
            rows.append((lineno, text, gold))
    return rows


def main():
    args = sys.argv[1:]
    quiet = "--quiet" in args
    args = [a for a in args if a != "--quiet"]
    extra = []
    if "--dict" in args:
        i = args.index("--dict")
        extra = ["--dict", args[i + 1]]
        del args[i:i + 2]
    if len(args) != 2:
        sys.exit(__doc__)
    binary, path = args
    rows = read_set(path)
    docs = "".join(json.dumps({"id": f"s{ln}", "date": "2025-09-01", "text": t}) + "\n" for ln, t, _ in rows)
    r = subprocess.run([binary, "code", "-q", "--format", "jsonl", "--input-format", "jsonl"] + extra,
                       input=docs.encode(), capture_output=True)
    if r.returncode != 0:
        sys.exit(f"annalist code failed ({r.returncode}): {r.stderr.decode()[:500]}")
    got = {}
    for line in r.stdout.decode().splitlines():
        e = json.loads(line)
        src = (e.get("source") or {}).get("code") or ""
        tgt = (e.get("target") or {}).get("code") or ""
        got.setdefault(e["doc_id"], []).append((actor(src), e["code"], actor(tgt)))
    ngold = nsys = tp_gold = tp_sys = 0
    for ln, text, gold in rows:
        sys_ev = got.get(f"s{ln}", [])
        hit = lambda a, b: a[0] == b[0] and a[2] == b[2] and code_match(a[1], b[1])
        ok_g = [any(hit(s, g) for s in sys_ev) for g in gold]
        ok_s = [any(hit(s, g) for g in gold) for s in sys_ev]
        ngold += len(gold)
        nsys += len(sys_ev)
        tp_gold += sum(ok_g)
        tp_sys += sum(ok_s)
        if not quiet and (not all(ok_g) or not all(ok_s)):
            fmt = lambda evs: ", ".join(f"{s} {c} {t}" for s, c, t in evs) or "none"
            print(f"MISS {path.rsplit('/', 1)[-1]}:{ln}: {text}\n     want [{fmt(gold)}] got [{fmt(sys_ev)}]")
    p = tp_sys / nsys if nsys else 1.0
    rc = tp_gold / ngold if ngold else 1.0
    f1 = 2 * p * rc / (p + rc) if p + rc else 0.0
    name = path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    print(f"{name} events: {ngold} gold, {nsys} coded; precision {p:.3f} recall {rc:.3f} F1 {f1:.3f}")


if __name__ == "__main__":
    main()

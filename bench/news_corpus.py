#!/usr/bin/env python3
"""Writes the real news text of ../shared as JSONL documents (id, date, text) on stdout, for
bench/actors_news.sh: the GUM news documents (text from `# text`, date from
`# meta::dateCreated`), the AFP sentences of GigaWord.sample.PETR_parsed.xml and
PETR2_GSR_validation.xml (date from the record), and the seed article (dated 2025-06-26).
Read in place, never copied into the repository.

usage: news_corpus.py SHARED_DIR
"""
import html
import json
import os
import re
import sys


def gum_news(path):
    doc, date, sents = None, None, []
    out = []

    def flush():
        if doc and doc.startswith("GUM_news_") and sents:
            out.append({"id": doc, "date": date, "text": " ".join(sents)})

    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("# newdoc id = "):
                flush()
                doc, date, sents = line.split("=", 1)[1].strip(), None, []
            elif line.startswith("# meta::dateCreated = "):
                date = line.split("=", 1)[1].strip()
            elif line.startswith("# text = "):
                sents.append(line[len("# text = "):].rstrip("\n"))
    flush()
    return out


def petrarch(path):
    # Read with a regular expression: GigaWord.sample.PETR_parsed.xml is not well-formed XML.
    out = []
    with open(path, encoding="utf-8") as f:
        xml = f.read()
    for m in re.finditer(r"<Sentence ([^>]*)>\s*<Text>(.*?)</Text>", xml, re.S):
        attrs = dict(re.findall(r'(\w+)="([^"]*)"', m.group(1)))
        text = html.unescape(re.sub(r"\s+", " ", m.group(2)).strip())
        if not text:
            continue
        d = attrs.get("date", "")
        if len(d) == 6:
            d = ("20" if int(d[:2]) <= 30 else "19") + d
        doc = {"id": attrs.get("id"), "text": text}
        if len(d) == 8:
            doc["date"] = d[:4] + "-" + d[4:6] + "-" + d[6:]
        out.append(doc)
    return out


def main():
    sh = sys.argv[1]
    docs = []
    for part in ("train", "dev", "test"):
        docs += gum_news(os.path.join(sh, "data/ud/en_gum-ud-%s.conllu" % part))
    up = os.path.join(sh, "data/eventdata/universal-petrarch")
    for name in ("GigaWord.sample.PETR_parsed.xml", "PETR2_GSR_validation.xml"):
        docs += petrarch(os.path.join(up, name))
    with open(os.path.join(sh, "seed/000_0c482b0b10fe7e75.txt"), encoding="utf-8") as f:
        docs.append({"id": "seed", "date": "2025-06-26", "text": f.read()})
    for d in docs:
        if not d.get("date"):
            d.pop("date", None)
        print(json.dumps(d, ensure_ascii=False))


if __name__ == "__main__":
    main()

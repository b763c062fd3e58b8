#!/usr/bin/env python3
"""Builds a deterministic JSONL news-like corpus from ../shared for benchmarks and scale tests.

Sources, read in place (never copied into the repository): the UD English EWT/GUM test
files (one document per `# newdoc`, sentences from `# text`, paragraphs from `# newpar`),
the sentences of the PETRARCH/UniversalPetrarch validation XML files (one document each)
and the seed article. The list is repeated, with ids suffixed `~N`, until --bytes is reached.

usage: make_corpus.py SHARED_DIR OUT.jsonl [--bytes N] [--max-docs N]
"""
import json
import os
import re
import sys
import xml.etree.ElementTree as ET


def ud_docs(path):
    docs, cur, paras, para, doc_id = [], None, [], [], None
    n = 0

    def flush():
        nonlocal para, paras
        if para:
            paras.append(" ".join(para))
        para = []
        if doc_id is not None and paras:
            docs.append((doc_id, "\n\n".join(paras)))
        paras = []

    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("# newdoc"):
                flush()
                n += 1
                m = re.match(r"# newdoc id = (.*)", line)
                doc_id = "ud-" + (m.group(1).strip() if m else f"{os.path.basename(path)}-{n}")
            elif line.startswith("# newpar"):
                if para:
                    paras.append(" ".join(para))
                para = []
            elif line.startswith("# text = "):
                if doc_id is None:
                    doc_id = f"ud-{os.path.basename(path)}-0"
                para.append(line[len("# text = "):].strip())
    flush()
    return docs


def xml_docs(path):
    docs = []
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError:
        # PETR2_GSR_validation.xml has self-closed <Sentence .../> tags followed by their
        # content; PETRARCH reads it line by line, and so do we: each <Sentence ...> opens
        # a record, the next <Text> ... </Text> is its text.
        with open(path, encoding="utf-8") as f:
            data = f.read()
        for m in re.finditer(r'<Sentence\b([^>]*)>(.*?)<Text>(.*?)</Text>', data, re.S):
            attrs = dict(re.findall(r'(\w+)="([^"]*)"', m.group(1)))
            text = " ".join(m.group(3).split())
            if not text:
                continue
            date = attrs.get("date", "")
            date = f"{date[:4]}-{date[4:6]}-{date[6:]}" if re.fullmatch(r"\d{8}", date) else None
            docs.append(("xml-" + os.path.basename(path) + "-" + attrs.get("id", str(len(docs))), text, date))
        if not docs:
            print(f"make_corpus.py: {path}: no <Sentence> with a <Text> found; left out", file=sys.stderr)
        return docs
    for s in root.iter("Sentence"):
        text = s.findtext("Text")
        if not text or not text.strip():
            continue
        sid = s.get("id") or f"{len(docs)}"
        date = s.get("date") or ""
        if re.fullmatch(r"\d{8}", date):
            date = f"{date[:4]}-{date[4:6]}-{date[6:]}"
        else:
            date = None
        docs.append(("xml-" + os.path.basename(path) + "-" + sid, " ".join(text.split()), date))
    return docs


def main():
    args = sys.argv[1:]
    if len(args) < 2:
        sys.exit(__doc__)
    shared, out = args[0], args[1]
    want = 20 * 1024 * 1024
    max_docs = None
    if "--bytes" in args:
        want = int(args[args.index("--bytes") + 1])
    if "--max-docs" in args:
        max_docs = int(args[args.index("--max-docs") + 1])
    base = []  # (id, text, date)
    ud = os.path.join(shared, "data", "ud")
    for name in ("en_ewt-ud-test.conllu", "en_gum-ud-test.conllu"):
        p = os.path.join(ud, name)
        if os.path.exists(p):
            base += [(i, t, None) for i, t in ud_docs(p)]
    ev = os.path.join(shared, "data", "eventdata")
    for rel in ("universal-petrarch/PETR2_GSR_validation.xml",
                "petrarch2/GigaWord.sample.PETR.xml",
                "petrarch2/PETR.UnitTest.records.xml"):
        p = os.path.join(ev, rel)
        if os.path.exists(p):
            base += xml_docs(p)
    seed = os.path.join(shared, "seed", "000_0c482b0b10fe7e75.txt")
    if os.path.exists(seed):
        with open(seed, encoding="utf-8") as f:
            base.append(("seed-000_0c482b0b10fe7e75", f.read(), "2025-06-26"))
    if not base:
        sys.exit(f"make_corpus.py: nothing to read under {shared}/data; is ../shared there?")
    total, ndocs, rep = 0, 0, 0
    with open(out, "w", encoding="utf-8") as f:
        while total < want and (max_docs is None or ndocs < max_docs):
            for doc_id, text, date in base:
                rec = {"id": doc_id if rep == 0 else f"{doc_id}~{rep}", "text": text}
                if date:
                    rec["date"] = date
                line = json.dumps(rec, ensure_ascii=False) + "\n"
                f.write(line)
                total += len(line.encode("utf-8"))
                ndocs += 1
                if total >= want or (max_docs is not None and ndocs >= max_docs):
                    break
            rep += 1
    print(f"{out}: {ndocs} documents, {total} bytes", file=sys.stderr)


if __name__ == "__main__":
    main()

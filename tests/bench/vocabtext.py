#!/usr/bin/env python3
# Writes FILES files of mixed text for `dossier bench-vocab` (our own words,
# fixed seed): English prose with curly quotes, dashes and accents, and a
# share of Cyrillic, CJK and combining marks, so the matcher's slow path
# (non-ASCII) is measured too.  usage: vocabtext.py DIR [FILES] [KB_EACH]
import os, random, sys

out = sys.argv[1]
files = int(sys.argv[2]) if len(sys.argv) > 2 else 200
kb = int(sys.argv[3]) if len(sys.argv) > 3 else 8
rnd = random.Random(7)
words = ("the council said ferry harbour repairs were late again because the crane "
         "was broken and a delegation from Kyiv met the Harbour Board on Tuesday "
         "about air defence Patriot batteries sanctions Russia aid package").split()
extra = ["café", "Zürich", "naïve", "\u201cquoted\u201d", "\u2014", "\u2013", "it\u2019s",
         "Київ", "Харків", "東京", "会议", "e\u0301te\u0301", "\u00a0", "Ukraine\u2019s"]
os.makedirs(out, exist_ok=True)
for f in range(files):
    parts, size = [], 0
    while size < kb * 1024:
        w = rnd.choice(extra) if rnd.random() < 0.06 else rnd.choice(words)
        parts.append(w)
        size += len(w.encode()) + 1
        if rnd.random() < 0.07:
            parts.append(".\n\n" if rnd.random() < 0.3 else ".")
    with open(os.path.join(out, "t%04d.md" % f), "w", encoding="utf-8") as fh:
        fh.write(" ".join(parts) + "\n")

#!/usr/bin/env python3
"""Generate a deterministic benchmark collection for `make bench`.

usage: gen.py N DIR

N articles of 3-6 KB of plausible text, in folders of 1,000; realistic
tags (a few very common, a long Zipf tail); 10% without metadata (title from
the first line), 10% with a sidecar .yaml, the rest with front matter.
The same N always gives the same files (seeded PRNG), so runs compare.
"""
import os
import random
import sys

WORDS = ("the council budget river harbour barrier flood energy grid heat pump port strike "
         "water drought permit factory chip minister report official agency plan vote "
         "week year city region market price cost rise fall warn said according people "
         "union workers shipping freight barge lock reservoir rain summer winter storm "
         "insurance premium claim household tenant landlord school hospital road rail "
         "bridge tunnel station airport ferry coast island valley village town district "
         "court judge ruling appeal law bill parliament committee hearing evidence "
         "study survey data analysis expert scientist model forecast risk threat "
         "response emergency service crew fire smoke evacuation shelter aid fund grant "
         "loan bank rate inflation wage contract deal talks offer agreement dispute").split()
COMMON = ["news", "region", "policy", "economy", "environment"]
TAIL = ["topic%04d" % i for i in range(3000)]
SOURCES = ["Northline Wire", "Meridian Daily", "The Harbour Ledger", "Valley Courier",
           "Coastal Observer", "Metro Bulletin"]


def sentence(rng):
    n = rng.randint(8, 22)
    w = [rng.choice(WORDS) for _ in range(n)]
    return " ".join(w).capitalize() + "."


def body(rng):
    target = rng.randint(3000, 6000)
    paras, size = [], 0
    while size < target:
        p = " ".join(sentence(rng) for _ in range(rng.randint(3, 7)))
        paras.append(p)
        size += len(p) + 2
    return "\n\n".join(paras) + "\n"


def tags(rng):
    t = set()
    for c in COMMON:
        if rng.random() < 0.35:
            t.add(c)
    for _ in range(rng.randint(1, 4)):
        # Zipf-like: low indexes much more frequent
        t.add(TAIL[min(int(rng.paretovariate(1.1)) - 1, len(TAIL) - 1)])
    return sorted(t)


def meta(rng, i):
    title = " ".join(rng.choice(WORDS) for _ in range(rng.randint(4, 9))).capitalize()
    y, m, d = 2018 + i % 7, 1 + rng.randrange(12), 1 + rng.randrange(28)
    return ("title: \"%s %d\"\ndate: %04d-%02d-%02d\nsource: %s\ntags: [%s]\n"
            % (title, i, y, m, d, rng.choice(SOURCES), ", ".join(tags(rng))))


def main():
    n, root = int(sys.argv[1]), sys.argv[2]
    rng = random.Random(20261125 + n)
    for i in range(n):
        folder = os.path.join(root, "f%03d" % (i // 1000))
        os.makedirs(folder, exist_ok=True)
        path = os.path.join(folder, "a%06d.md" % i)
        kind = i % 10
        text = body(rng)
        if kind == 0:            # no metadata
            content = "Headline number %d about the %s\n\n%s" % (i, rng.choice(WORDS), text)
        elif kind == 1:          # sidecar
            content = text
            with open(os.path.join(folder, "a%06d.yaml" % i), "w") as f:
                f.write(meta(rng, i))
        else:
            content = "---\n" + meta(rng, i) + "---\n" + text
        with open(path, "w") as f:
            f.write(content)


if __name__ == "__main__":
    main()

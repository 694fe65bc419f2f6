#!/usr/bin/env python3
# The generated collection the large-warm-start tmux tests share (issue 20):
# 25 folders of N/25 posts (N = 2,500 by default: the tests set
# DOSSIER_TEST_FIRST_MIN so that a first list is made above 2,000
# articles, not 20,000), article n is f(n / (N/25))/a(n mod N/25), one a
# day from 1990, titles with curly quotes, dashes, accents and CJK, tags
# t0-t2 by n mod 3. --long gives each a body of 60 paragraphs of made-up
# words and no tags (tests/term/warmstate.sh: the article read last opens
# at a position down its text). Our own text.
# Usage: warmcoll.py DIR [--count N] [--long]
import argparse, datetime, os, random

ap = argparse.ArgumentParser()
ap.add_argument("root")
ap.add_argument("--count", type=int, default=2500)
ap.add_argument("--long", action="store_true")
args = ap.parse_args()
per = args.count // 25
day0 = datetime.date(1990, 1, 1)
names = ["Zoë Brontë", "Łukasz Nowak", "José Núñez", "王芳", "Ahmed Saïd"]
syl = ["ka", "lo", "mé", "nu", "rå", "ti", "zo", "be", "qu", "ye", "fa", "dö", "shi", "gro", "pla", "ven"]
for d in range(25):
    os.makedirs(os.path.join(args.root, "f%02d" % d))
    for i in range(per):
        n = d * per + i
        date = day0 + datetime.timedelta(days=n)
        with open(os.path.join(args.root, "f%02d" % d, "a%04d.md" % i), "w") as f:
            if not args.long:
                f.write("---\ntitle: “Headline %d” — %s\ndate: %s\ntags: [t%d]\n---\n"
                        "Café prices in 東京 🚢.\n" % (n, names[n % 5], date, n % 3))
                continue
            rnd = random.Random(n)
            f.write("---\ntitle: “Headline %d” — %s\ndate: %s\n---\n"
                    "Café prices in 東京 🚢, line one.\n\n" % (n, names[n % 5], date)
                    + "".join("Paragraph %d of the text — %s.\n\n"
                              % (k, " ".join(rnd.choice(syl) + rnd.choice(syl) + rnd.choice(syl)
                                             for j in range(8)))
                              for k in range(60)))

#!/usr/bin/env python3
# The generated collection the large-warm-start tmux tests share (issue 20:
# a first list needs more than 20,000 articles): 25 folders of 1,000 posts,
# one a day from 1990, titles with curly quotes, dashes, accents and CJK.
# Our own text. Usage: warmcoll.py DIR
import datetime, os, sys

root = sys.argv[1]
day0 = datetime.date(1990, 1, 1)
names = ["Zoë Brontë", "Łukasz Nowak", "José Núñez", "王芳", "Ahmed Saïd"]
for d in range(25):
    os.makedirs(os.path.join(root, "f%02d" % d))
    for i in range(1000):
        n = d * 1000 + i
        with open(os.path.join(root, "f%02d" % d, "a%04d.md" % i), "w") as f:
            f.write("---\ntitle: “Headline %d” — %s\ndate: %s\ntags: [t%d]\n---\n"
                    "Café prices in 東京 🚢.\n"
                    % (n, names[n % 5], day0 + datetime.timedelta(days=n), n % 3))

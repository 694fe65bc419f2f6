#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# A large reading state for benchmarks: reads `dossier list` lines (id
# first, tab-separated) on stdin and writes the state file dossier would
# write with every id read but each seventh (the 857,143-of-1,000,000
# state of BENCHMARKS.md's bench-lean1m rows). Usage:
#   dossier --corpus DIR list | tests/bench/bigstate.py > STATE.yaml
import json
import sys

ids = sorted(line.split("\t", 1)[0] for line in sys.stdin if line.strip())
out = sys.stdout
out.write("# dossier reading state: marks, read articles, reading positions.\n"
          "# Offsets count Unicode code points of the article body.\nversion: 1\narticles:")
k = 0
for i, a in enumerate(ids):
    if i % 7 == 6:
        continue
    out.write("\n  %s: {read: true, position: 0}" % json.dumps(a, ensure_ascii=False))
    k += 1
out.write("\nmarks: []\n")
sys.stderr.write("%d of %d ids read\n" % (k, len(ids)))

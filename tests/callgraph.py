#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# The call graph of the program with source files as nodes (A -> B when
# A's object uses a function or table defined in B's, read with nm), and
# its circles: every strongly connected set of files (files that reach
# each other through calls) wider than MAX is printed, one per line, and
# the exit status is 1. Usage: callgraph.py [--max N] BUILD [FILE...]
# (FILE: sources to check, default all), or --edges FILE: "a b" lines.
import os
import subprocess
import sys


def graph_from_objects(build, top):
    defs, uses = {}, {}
    for folder in ('core', 'config', 'tui'):
        d = os.path.join(build, folder)
        for o in sorted(os.listdir(d)) if os.path.isdir(d) else []:
            src = os.path.join(folder, o[:-2] + '.c')
            if not o.endswith('.o') or not os.path.exists(os.path.join(top, src)):
                continue  # an object whose source was renamed away
            out = subprocess.run(['nm', os.path.join(d, o)], capture_output=True,
                                 text=True, check=True).stdout
            uses[src] = set()
            for line in out.splitlines():
                f = line.split()
                if len(f) == 3 and f[1] in 'TDBR':
                    defs[f[2]] = src
                elif len(f) == 2 and f[0] == 'U':
                    uses[src].add(f[1])
    return {a: {defs[s] for s in u if s in defs and defs[s] != a} for a, u in uses.items()}


def circles(edges):
    """Tarjan's strongly connected components of more than one file."""
    index, low, on, stack, out, n = {}, {}, set(), [], [], [0]

    def visit(v):
        index[v] = low[v] = n[0]
        n[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(edges.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            c = []
            while True:
                w = stack.pop()
                on.discard(w)
                c.append(w)
                if w == v:
                    break
            if len(c) > 1:
                out.append(sorted(c))

    sys.setrecursionlimit(10000)
    for v in sorted(edges):
        if v not in index:
            visit(v)
    return out


def main(argv):
    limit = 3
    if argv[:1] == ['--max']:
        limit, argv = int(argv[1]), argv[2:]
    if argv[:1] == ['--edges']:
        edges = {}
        for line in open(argv[1]):
            a, b = line.split()
            edges.setdefault(a, set()).add(b)
            edges.setdefault(b, set())
        only = None
    else:
        top = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
        edges = graph_from_objects(argv[0], top)
        only = set(argv[1:]) or None
    bad = 0
    for c in circles(edges):
        if len(c) > limit and (only is None or only & set(c)):
            print(len(c), ' '.join(c))
            bad = 1
    return bad


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))

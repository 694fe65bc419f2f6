#!/usr/bin/env python3
# The extraction benchmark (make bench-extract): runs build/tests/bench_extract
# over the article-extraction-benchmark pages in $AEB (gzipped pages in html/,
# ground-truth.json) and reports the benchmark's own body metric, measured the
# same way (re-implemented here, not copied): \w+ tokens, 4-token shingles
# counted as a multiset per page; per page TP/FP/FN normalised to sum 1;
# precision and recall averaged over the pages where they are defined; F1
# from the two averages. Titles, authors and dates have no ground truth in
# this benchmark: the share of pages where each was found is reported, and
# the url is checked against the ground truth's.
import gzip, json, os, re, statistics, subprocess, sys, tempfile, time

aeb, tool = sys.argv[1], sys.argv[2]
if not os.path.isfile(os.path.join(aeb, 'ground-truth.json')):
    print(f'bench-extract: {aeb} has no ground-truth.json; skipped')
    sys.exit(0)
truth = json.load(open(os.path.join(aeb, 'ground-truth.json'), encoding='utf-8'))
WORD = re.compile(r'\w+')

def shingles(text, n=4):
    toks = WORD.findall(text or '')
    grams = {}
    for i in range(max(1, len(toks) - n + 1)):
        g = tuple(toks[i:i + n])
        if g:
            grams[g] = grams.get(g, 0) + 1
    return grams

def page_counts(true, pred):
    t, p = shingles(true), shingles(pred)
    tp = fp = fn = 0.0
    for g in set(t) | set(p):
        a, b = t.get(g, 0), p.get(g, 0)
        tp += min(a, b); fp += max(0, b - a); fn += max(0, a - b)
    s = tp + fp + fn
    return (tp / s, fp / s, fn / s) if s else (0.0, 0.0, 0.0)

def prec(tp, fp, fn):
    if fp == 0 and fn == 0: return 1.0
    return 0.0 if tp == 0 and fp == 0 else tp / (tp + fp)

def rec(tp, fp, fn):
    if fp == 0 and fn == 0: return 1.0
    return 0.0 if tp == 0 and fn == 0 else tp / (tp + fn)

with tempfile.TemporaryDirectory() as tmp:
    files = []
    for key in sorted(truth):
        with gzip.open(os.path.join(aeb, 'html', key + '.html.gz')) as f:
            path = os.path.join(tmp, key + '.html')
            open(path, 'wb').write(f.read())
            files.append(path)
    out = subprocess.run([tool] + files, capture_output=True, check=True).stdout
rows = {os.path.basename(r['file'])[:-5]: r for r in map(json.loads, out.decode().splitlines())}
counts = [page_counts(truth[k]['articleBody'], rows[k]['body']) for k in sorted(truth)]
p = statistics.mean(prec(*c) for c in counts if c[0] + c[1] > 0)
r = statistics.mean(rec(*c) for c in counts if c[0] + c[2] > 0)
f1 = 2 * p * r / (p + r)
exact = statistics.mean(float(WORD.findall(truth[k]['articleBody']) == WORD.findall(rows[k]['body'])) for k in truth)
ms = [rows[k]['ms'] for k in truth]
n = len(truth)
def share(f): return sum(1 for k in truth if f(rows[k])) / n
def norm(u): return (u or '').split('://')[-1].split('?')[0].rstrip('/').lower().replace('www.', '')
print(f'pages {n}')
print(f'body  F1 {f1:.3f}  precision {p:.3f}  recall {r:.3f}  exact {exact:.3f}')
print(f'title found {share(lambda x: x["title"] and not x["title"].startswith("/")):.3f}  '
      f'authors found {share(lambda x: x["authors"]):.3f}  date found {share(lambda x: x["date"]):.3f}  '
      f'url = ground truth {sum(1 for k in truth if norm(rows[k]["url"]) == norm(truth[k]["url"])) / n:.3f}')
print(f'time per page: mean {statistics.mean(ms):.2f} ms, median {statistics.median(ms):.2f} ms, max {max(ms):.2f} ms')
if os.environ.get('WORST'):
    worst = sorted(truth, key=lambda k: page_counts(truth[k]['articleBody'], rows[k]['body'])[0])[:int(os.environ['WORST'])]
    for k in worst:
        c = page_counts(truth[k]['articleBody'], rows[k]['body'])
        print(f'{k[:12]} tp {c[0]:.2f} fp {c[1]:.2f} fn {c[2]:.2f} {truth[k]["url"][:70]}')

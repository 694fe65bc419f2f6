#!/usr/bin/env python3
# sweep.py RUNS CORPUS NAME=BINARY:CACHEDIR... -- ARGS...
# The first command after the check-every window ran out, against one
# within it, for each binary (its own XDG_CACHE_HOME, warm), in
# interleaved rounds (A, B, A, B, ...) so a busy shared machine disturbs
# each alike. Per round and binary: two seconds on with
# DOSSIER_CHECK_EVERY=1 (the window run out), `BINARY --corpus CORPUS
# ARGS` (the "first" command); then every process it left behind waited
# for (this script is their subreaper: a background full check is reaped
# here and its wall time from the command's end, CPU and peak RSS
# recorded); then the same command with DOSSIER_CHECK_EVERY=3600
# ("within"). Prints medians (wall ms, user+sys CPU ms) and the largest
# peak RSS (wait4; Linux counts the forking python's ~14 MB in it, so a
# figure near 14 MB means at most that). Output to /dev/null. With
# TOUCH=FILE in the environment, FILE (an article of CORPUS) is rewritten
# in place, its bytes unchanged, before every first command: the full
# check then finds it changed. By hand, for BENCHMARKS.md (never in CI).
import ctypes, os, statistics, subprocess, sys, time

runs = int(sys.argv[1])
corpus = sys.argv[2]
sep = sys.argv.index("--")
bins = [a.split("=", 1) for a in sys.argv[3:sep]]
args = sys.argv[sep + 1:]
ctypes.CDLL(None).prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER


def run(binary, cache, every):
    env = dict(os.environ, XDG_CACHE_HOME=cache, DOSSIER_CHECK_EVERY=str(every))
    env.pop("DOSSIER_SWEEP", None)
    t0 = time.perf_counter()
    p = subprocess.Popen([binary, "--corpus", corpus] + args, stdout=subprocess.DEVNULL, env=env)
    _, status, ru = os.wait4(p.pid, 0)
    t1 = time.perf_counter()
    if status:
        sys.exit(f"{binary}: status {status}")
    return ((t1 - t0) * 1000, (ru.ru_utime + ru.ru_stime) * 1000, ru.ru_maxrss / 1024), t1


def reap(since):
    """Every orphan left: (wall ms since the command ended, cpu ms, peak MB), or None."""
    got = None
    while True:
        try:
            pid, status, ru = os.wait4(-1, 0)
        except ChildProcessError:
            return got
        t = time.perf_counter()
        got = ((t - since) * 1000, (ru.ru_utime + ru.ru_stime) * 1000, ru.ru_maxrss / 1024)


res = {name: {"first": [], "child": [], "within": []} for name, _ in bins}
for r in range(runs):
    for name, spec in bins:
        binary, cache = spec.split(":", 1)
        if os.environ.get("TOUCH"):
            with open(os.environ["TOUCH"], "r+b") as f:  # same inode, new times
                data = f.read()
                f.seek(0)
                f.write(data)
        time.sleep(2)
        first, end = run(binary, cache, 1)
        res[name]["first"].append(first)
        child = reap(end)
        if child:
            res[name]["child"].append(child)
        res[name]["within"].append(run(binary, cache, 3600)[0])


def show(rows):
    if not rows:
        return "-"
    w = statistics.median(x[0] for x in rows)
    c = statistics.median(x[1] for x in rows)
    m = max(x[2] for x in rows)
    return f"{w:9.1f} ms wall {c:9.1f} ms cpu {m:7.1f} MB"


print(f"corpus {corpus}, args {' '.join(args)}, {runs} rounds")
for name, _ in bins:
    f, w = res[name]["first"], res[name]["within"]
    ratio = statistics.median(x[0] for x in f) / statistics.median(x[0] for x in w)
    print(f"{name:8} first  {show(f)}  ({ratio:.1f}x within)")
    print(f"{name:8} child  {show(res[name]['child'])}  ({len(res[name]['child'])} of {runs})")
    print(f"{name:8} within {show(w)}")

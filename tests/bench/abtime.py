#!/usr/bin/env python3
# abtime.py RUNS CMD... : run the shell commands in interleaved rounds (A, B, A, B, ...)
# so that a busy shared machine disturbs each alike; print per command the
# median wall ms, the median user+sys CPU ms (its children included) and the
# largest peak RSS (wait4; Linux carries the forking python's ~14 MB into it,
# so a figure near 14 MB means at most that). Output of each command goes to /dev/null unless
# the command redirects it. Used by hand for A/B rows in BENCHMARKS.md.
import os, subprocess, sys, time, statistics, resource
runs=int(sys.argv[1]); cmds=sys.argv[2:]
res={c:[] for c in cmds}
for r in range(runs):
    for c in cmds:
        t0=time.perf_counter()
        p=subprocess.Popen(['sh','-c',c],stdout=subprocess.DEVNULL)
        _,status,ru=os.wait4(p.pid,0)
        t1=time.perf_counter()
        res[c].append(((t1-t0)*1000,(ru.ru_utime+ru.ru_stime)*1000,ru.ru_maxrss/1024))
for c in cmds:
    w=statistics.median(x[0] for x in res[c]); u=statistics.median(x[1] for x in res[c]); m=max(x[2] for x in res[c])
    print(f"{w:8.1f} ms wall {u:8.1f} ms cpu {m:6.1f} MB  {c}")

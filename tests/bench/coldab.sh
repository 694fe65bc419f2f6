#!/bin/bash
# Cold `dossier list` of several builds side by side, against the read
# floor measured in the same rounds: the issue 20 before/after table in
# BENCHMARKS.md ("Cold load on real text"). Each round runs the floor
# (`find DIR -type f -exec cat {} + >/dev/null`, page cache warm) and then
# each build with its cache removed (a fresh XDG_CACHE_HOME); medians of
# RUNS rounds, wall and CPU (user + sys) in ms, and each build's wall
# ratio to the floor. Alternating the builds within a round keeps a shared
# machine's load swings out of the comparison. Never part of make check.
#
#   bash tests/bench/coldab.sh DIR RUNS BUILD... (e.g. an old main's
#   binary copied aside, then build/dossier)
C=$1; RUNS=$2; shift 2
W=$(mktemp -d /tmp/h41ab.XXXXXX)
export LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC HOME=$W/home XDG_CACHE_HOME=$W/cache XDG_CONFIG_HOME=$W/config XDG_STATE_HOME=$W/state
mkdir -p $HOME
find "$C" -type f -exec cat {} + >/dev/null
TIMEFORMAT="%R %U %S"
for ((i=0;i<RUNS;i++)); do
  { time sh -c "find '$C' -type f -exec cat {} + >/dev/null" ; } 2>&1 | sed 's/^/floor /' >> $W/t
  for b in "$@"; do
    rm -rf $XDG_CACHE_HOME
    { time $b ${ARGS:---corpus "$C" list} >/dev/null 2>/dev/null ; } 2>&1 | sed "s|^|$b |" >> $W/t
  done
done
for name in floor "$@"; do
  w=$(grep "^$name " $W/t | awk '{print $2*1000}' | sort -g | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}')
  c=$(grep "^$name " $W/t | awk '{print ($3+$4)*1000}' | sort -g | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}')
  printf "%-40s wall %6.0f  cpu %6.0f\n" $name $w $c
done | tee $W/res
fw=$(awk '/^floor/ {print $3}' $W/res)
awk -v f=$fw '!/^floor/ {printf "  %s ratio %.2f\n", $1, $3/f}' $W/res
rm -rf $W

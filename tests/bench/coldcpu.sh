#!/bin/bash
# Cold load CPU against the read floor, several builds side by side (issue
# 20, BENCHMARKS.md "Cold load CPU (h60)"). Each round: the floor, `find
# DIR -type f -print0 | xargs -0 cat >/dev/null` (page cache warm), then
# each build's `--corpus DIR list --count` (ARGS to change it) with its
# cache removed; CPU = perf stat's task-clock (user + sys of every thread
# and child, to the microsecond; bash's `time` rounds to 10 ms). Medians
# of RUNS rounds, and each build's CPU over the floor's. Alternating the
# builds within a round keeps a shared machine's load swings out of the
# comparison. Needs perf. Never part of make check.
#
#   bash tests/bench/coldcpu.sh DIR RUNS BUILD... (e.g. main's binary
#   copied aside, then build/dossier; a BUILD may be "ENV=VAL path")
C=$1; RUNS=$2; shift 2
command -v perf >/dev/null 2>&1 || { echo "coldcpu: perf is not installed" >&2; exit 1; }
W=$(mktemp -d /tmp/coldcpu.XXXXXX)
export LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC HOME=$W/home XDG_CACHE_HOME=$W/cache XDG_CONFIG_HOME=$W/config XDG_STATE_HOME=$W/state
mkdir -p "$HOME"
find "$C" -type f -print0 | xargs -0 cat >/dev/null
cpu() { perf stat -x, -e task-clock -o "$W/ps" "$@" >/dev/null 2>>"$W/err"; awk -F, '/task-clock/ {print $1}' "$W/ps"; }
for ((i = 0; i < RUNS; i++)); do
	echo "floor $(cpu sh -c "find '$C' -type f -print0 | xargs -0 cat >/dev/null")" >>"$W/t"
	k=0
	for b in "$@"; do
		k=$((k + 1))
		rm -rf "$XDG_CACHE_HOME"
		# shellcheck disable=SC2086 # ARGS and an "ENV=VAL path" build split on purpose
		echo "b$k $(cpu env $b ${ARGS:---corpus $C list --count})" >>"$W/t"
	done
done
med() { sort -g | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }
f=$(awk '/^floor / {print $2}' "$W/t" | med)
printf "%-44s cpu ms %8.1f\n" floor "$f"
k=0
for b in "$@"; do
	k=$((k + 1))
	c=$(awk -v k="b$k" '$1 == k {print $2}' "$W/t" | med)
	printf "%-44s cpu ms %8.1f  / floor %.3f\n" "$b" "$c" "$(echo "$c $f" | awk '{print $1 / $2}')"
done
rm -rf "$W"

#!/bin/sh
# The cost of reading the rendered text (issue 14) against an older build:
# cold load, full-text index build and a query without the index, on a
# generated collection (tests/bench/gen.py) and on a copy where a quarter
# of the articles carry Markdown (bold, links whose URLs hold a word,
# headings). Medians of RUNS runs, old and new alternating; wall time and
# the process's CPU time (user + sys; steadier on a shared machine).
# Never part of make check.
#   sh tests/bench/textbench.sh OLD_DOSSIER [NEW_DOSSIER]   (N=10000 RUNS=5)
set -eu
TOP=$(cd "$(dirname "$0")/../.." && pwd)
OLD=$1
NEW=${2:-$TOP/${BUILD:-build}/dossier}
N=${N:-10000}
RUNS=${RUNS:-5}
W=$(mktemp -d "${TMPDIR:-/tmp}/dossier-textbench.XXXXXX")
trap 'rm -rf "$W"' EXIT
export LANG=C.UTF-8 LC_ALL=C.UTF-8 HOME="$W/home" XDG_CACHE_HOME="$W/cache" \
       XDG_STATE_HOME="$W/state" XDG_CONFIG_HOME="$W/config"
python3 "$TOP/tests/bench/gen.py" "$N" "$W/plain"
cp -r "$W/plain" "$W/rich"
find "$W/rich" -name '*.md' | xargs sed -i -E \
	's/(council|harbour) (budget|barrier|vote)/**\1 \2** see [the \2](https:\/\/example.org\/\1\/\2?id=zeppelinurl)/g; s/^(Flood|The) /## \1 /'
med() { sort -g | awk '{v[NR]=$1} END {print (NR%2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'; }
run() { # run BINARY CORPUS: one line of the five figures
	B=$1 C=$2
	rm -rf "$XDG_CACHE_HOME"
	/usr/bin/time -f '%e %U %S' -o "$W/t" "$B" --corpus "$C" list >/dev/null
	cold=$(awk '{print $1 * 1000, $2 + $3}' "$W/t")
	rm -f "$XDG_CACHE_HOME"/dossier/*.fts*
	/usr/bin/time -f '%U %S' -o "$W/t" "$B" --corpus "$C" bench-query flood >"$W/o"
	build="$(awk -F '\t' '$1=="refresh" {print $2}' "$W/o") $(awk '{print $1 + $2}' "$W/t")"
	noidx=$("$B" --corpus "$C" bench-query --no-index flood | awk -F '\t' '$1=="query" {print $4}')
	echo "$cold $build $noidx"
}
for c in plain rich; do
	find "$W/$c" -type f -exec cat {} + >/dev/null
	: >"$W/old"; : >"$W/new"
	i=0
	while [ $i -lt "$RUNS" ]; do
		run "$OLD" "$W/$c" >>"$W/old"
		run "$NEW" "$W/$c" >>"$W/new"
		i=$((i + 1))
	done
	for v in old new; do
		printf '%s %s:' "$c" "$v"
		for k in 1 2 3 4 5; do printf ' %s' "$(cut -d' ' -f$k "$W/$v" | med)"; done
		echo
	done
done | awk 'BEGIN {print "collection build: cold-load-ms cold-load-cpu-s index-build-ms index-build-cpu-s query-without-index-ms"} {print}'

#!/bin/sh
# Long OR queries (issue 19): the time `dossier bench-query` needs to filter
# a generated collection with OR queries of 17, 100 and 1,000 words, with
# the full-text index and without it (--no-index reads every body).
# Not part of make check or make bench; prints the lines for BENCHMARKS.md.
#
#   sh tests/bench/orquery.sh [N] [WORDS...]   (default 20000; 17 100 1000)
# The collection is generated once into ${TMPDIR:-/tmp}/dossier-orbench-N
# (outside the repository) and kept for reruns.
set -u
TOP=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${BUILD:-build}
case "$BUILD" in /*) ;; *) BUILD="$TOP/$BUILD" ;; esac
N=${1:-20000}
[ $# -gt 0 ] && shift
SIZES=${*:-"17 100 1000"}
DIR="${TMPDIR:-/tmp}/dossier-orbench-$N"
export LANG=C.UTF-8 LC_ALL=C.UTF-8 XDG_CACHE_HOME="$DIR.cache" HOME="$DIR.home"
mkdir -p "$HOME"
[ -d "$DIR" ] || python3 "$TOP/tests/bench/gen.py" "$N" "$DIR" >/dev/null || exit 1
# WORDS words: article numbers spread over the collection (gen.py puts the
# number in each title, no body holds one), so each word matches about one
# article and no early word decides the OR for the others
query() {
	python3 -c 'import sys; n, N = int(sys.argv[1]), int(sys.argv[2]); print(" OR ".join(str((i * 7919) % N) for i in range(n)))' "$1" "$N"
}
echo "collection: $N articles ($DIR); $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
for mode in index no-index; do
	for w in $SIZES; do
		flag=; [ "$mode" = no-index ] && flag=--no-index
		q=$(query "$w")
		"$BUILD/dossier" --corpus "$DIR" bench-query $flag "$q" 2>&1 |
			awk -v w="$w" -v m="$mode" -F'\t' '$1=="refresh"{r=$2} $1=="query"{printf "%s\t%s words\t%s hits\t%s ms (index refresh %s ms)\n", m, w, $3, $4, r}'
	done
done

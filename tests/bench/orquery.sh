#!/bin/sh
# Long OR queries (issue 19): the time `dossier bench-query` takes to filter
# a generated collection with OR queries of 17, 100 and 1,000 words, with
# the full-text index and without it (--no-index reads every body).
# Not part of make check or make bench (make bench keeps its section).
#
#   sh tests/bench/orquery.sh [WORDS...]   (default 17 100 1000)
#   ORQ_N="20000 100000"      collection sizes
#   BASE=/path/to/old/build   also time that build, for a before/after table
#   ORQ_WRITE=1               replace the section in BENCHMARKS.md
# Each collection is generated once into ${TMPDIR:-/tmp}/dossier-orbench-N
# (outside the repository) and kept for reruns; its index too.
set -u
TOP=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${BUILD:-build}
case "$BUILD" in /*) ;; *) BUILD="$TOP/$BUILD" ;; esac
NS=${ORQ_N:-"20000 100000"}
SIZES=${*:-"17 100 1000"}
BASE=${BASE:-}
TIMEOUT=${ORQ_TIMEOUT:-300}
# dirs N: point DIR and the hermetic HOME/cache at collection N, made once
dirs() {
	DIR="${TMPDIR:-/tmp}/dossier-orbench-$1"
	export XDG_CACHE_HOME="$DIR.cache" HOME="$DIR.home"
	mkdir -p "$HOME"
	[ -d "$DIR" ] || python3 "$TOP/tests/bench/gen.py" "$1" "$DIR" >/dev/null || exit 1
}
export LANG=C.UTF-8 LC_ALL=C.UTF-8
# WORDS words: article numbers spread over the collection (gen.py puts the
# number in each title, no body holds one), so each word matches about one
# article and no early word decides the OR for the others
query() {
	python3 -c 'import sys; n, N = int(sys.argv[1]), int(sys.argv[2]); print(" OR ".join(str((i * 7919) % N) for i in range(n)))' "$1" "$N"
}
# ms BUILD MODE WORDS: the query's time in ms (bench-query's own timer),
# "> TIMEOUT s" when it did not finish
ms() {
	flag=; [ "$2" = no-index ] && flag=--no-index
	r=$(timeout "$TIMEOUT" "$1/dossier" --corpus "$DIR" bench-query $flag "$(query "$3")" 2>/dev/null |
		awk -F'\t' '$1=="query"{print $4}')
	echo "${r:-> $TIMEOUT s}"
}
ROWS=
for N in $NS; do
	dirs "$N"
	"$BUILD/dossier" --corpus "$DIR" bench-query 1 >/dev/null 2>&1 # builds the index once
	for mode in index no-index; do
		for w in $SIZES; do
			after=$(ms "$BUILD" $mode "$w")
			before=-
			[ -n "$BASE" ] && before=$(ms "$BASE" $mode "$w")
			ROWS="$ROWS| $N | $w | $mode | $before | $after |
"
		done
	done
done
cpu=$(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)
SECTION=$(
	echo "<!-- orquery.sh begin -->"
	echo "## Long OR queries (issue 19)"
	echo
	echo "Written by \`ORQ_WRITE=1 ORQ_N=\"$NS\" BASE=OLD_BUILD ORQ_TIMEOUT=$TIMEOUT sh tests/bench/orquery.sh $SIZES\`"
	echo "(kept by \`make bench\`). $(date -u '+%Y-%m-%d %H:%M UTC'); $(nproc) cores, $cpu;"
	echo "shared machine, single runs. Each word is an article number, found in about"
	echo "one title and no body, so every word is looked up for every article;"
	echo "\`bench-query\` times the filter of the whole collection, in ms. Without the"
	echo "index (no-index) every body is read and folded (about 450 MB at 100,000"
	echo "articles), which is most of those rows."
	[ -n "$BASE" ] && echo "Before: the same script on a build of ${ORQ_BASE_REV:-the commit before the fix}; \"> $TIMEOUT s\": stopped."
	echo
	echo "| N | words | mode | before, ms | after, ms |"
	echo "|---:|---:|---|---:|---:|"
	printf '%s' "$ROWS"
	echo "<!-- orquery.sh end -->"
)
printf '%s\n' "$SECTION"
if [ "${ORQ_WRITE:-0}" = 1 ]; then
	F="$TOP/BENCHMARKS.md"
	if grep -q '^<!-- orquery.sh begin -->$' "$F"; then
		awk -v s="$SECTION" '/^<!-- orquery.sh begin -->$/ {print s; skip=1; next}
			/^<!-- orquery.sh end -->$/ {skip=0; next} !skip' "$F" >"$F.tmp" && mv "$F.tmp" "$F"
	else
		printf '\n%s\n' "$SECTION" >>"$F"
	fi
fi

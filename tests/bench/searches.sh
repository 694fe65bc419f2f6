#!/bin/sh
# Saved-search counts (issue 21: every count at 100,000 articles in under
# 50 ms after load): `dossier bench-searches` on a generated collection, a
# dozen searches as a reader keeps them (tags, dates, reading state, NOT/OR,
# @refs, source:/author:/title: fields, words and a phrase), with the
# full-text index's answers kept on disk (a start after an earlier one) and
# without (the first count after the index changed). Checks each count
# against `dossier list QUERY | wc -l` too. make bench keeps its section.
#
#   SB_N="100000"            collection sizes
#   SB_RUNS=5                runs per median
#   BASE=/path/to/old/build  also time that build (before/after)
#   SB_WRITE=1               replace the section in BENCHMARKS.md
# Each collection is generated once into ${TMPDIR:-/tmp}/dossier-sbench-N
# (outside the repository) and kept for reruns, its caches beside it.
set -u
TOP=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${BUILD:-build}
case "$BUILD" in /*) ;; *) BUILD="$TOP/$BUILD" ;; esac
NS=${SB_N:-100000}
RUNS=${SB_RUNS:-5}
BASE=${BASE:-}
export LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC
median() { sort -g | awk '{v[NR]=$1} END {if (!NR) print "-"; else if (NR%2) print v[(NR+1)/2]; else printf "%.2f\n", (v[NR/2]+v[NR/2+1])/2}'; }

META='tag:economy|tag:policy after:2022-06|tag:news -tag:region|date:2020..2021 is:unread tag:region|@s1 @s3|NOT (tag:economy OR tag:policy) is:unread'
FIELDS='source:"Northline Wire" is:unread|title:harbour -tag:news|author:smith OR source:"valley courier"'
WORDS='flood|"flood barrier"|zeppelin OR "harbour lock"'

# run BIN COLD QUERIES: RUNS runs of bench-searches, "WALL CPU" medians in
# ms; COLD=1 removes the kept answers before each run
# (the old build has its own caches: its index may be of another format)
run() {
	bin=$1 cold=$2 qs=$3 cache=$DIR.cache
	[ "$bin" = "$BUILD" ] || cache=$DIR.cache-base
	: >"$DIR.runs"
	i=0
	while [ $i -lt "$RUNS" ]; do
		[ "$cold" = 1 ] && rm -f "$cache"/dossier/*.fts.memo
		(IFS='|'; set -f; set -- $qs; XDG_CACHE_HOME=$cache "$bin/dossier" --corpus "$DIR" bench-searches "$@") |
			awk -F '\t' '$1=="searches" {print $3, $5}' >>"$DIR.runs"
		i=$((i + 1))
	done
	echo "$(cut -d' ' -f1 "$DIR.runs" | median) $(cut -d' ' -f2 "$DIR.runs" | median)"
}
count() { echo "$1" | awk -F'|' '{print NF}'; }

ROWS=""
for N in $NS; do
	DIR="${TMPDIR:-/tmp}/dossier-sbench-$N"
	export XDG_CACHE_HOME="$DIR.cache" HOME="$DIR.home" XDG_CONFIG_HOME="$DIR.config" \
	       XDG_STATE_HOME="$DIR.state"
	mkdir -p "$HOME"
	[ -d "$DIR" ] || python3 "$TOP/tests/bench/gen.py" "$N" "$DIR" >/dev/null || exit 1
	mkdir -p "$DIR/.dossier" && echo 'use: ukraine-defence' >"$DIR/.dossier/topics.yaml"
	ALL="$META|$FIELDS|$WORDS"
	# the caches and the index are made once, outside the timing
	(IFS='|'; set -f; set -- $ALL; "$BUILD/dossier" --corpus "$DIR" bench-searches "$@") >/dev/null
	[ -z "$BASE" ] || (IFS='|'; set -f; set -- $ALL; XDG_CACHE_HOME=$DIR.cache-base \
		"$BASE/dossier" --corpus "$DIR" bench-searches "$@") >/dev/null
	# every count is what list gives (bench-searches has no read state:
	# is:unread is every article, as for list with no state file)
	bad=0
	i=0
	IFS='|'; set -f; set -- $ALL; unset IFS; set +f
	for q in "$@"; do
		i=$((i + 1))
		case "$q" in *@s*) continue ;; esac
		want=$("$BUILD/dossier" --corpus "$DIR" list "$q" | wc -l)
		got=$("$BUILD/dossier" --corpus "$DIR" bench-searches "$q" | awk -F '\t' '$1=="searches" {print $4}')
		[ "$want" = "$got" ] || { echo "searches.sh: $q: $got, list gives $want" >&2; bad=1; }
	done
	[ $bad = 0 ] || exit 1
	nall=$(count "$ALL")
	for what in meta all-cold all-warm; do
		case $what in
		meta) qs=$META cold=0 label="$(count "$META") on tags, dates, state, NOT/OR, @refs" ;;
		all-cold) qs=$ALL cold=1 label="all $nall: those + $(count "$FIELDS") with fields + $(count "$WORDS") with words, no answers kept (the first count of these words ever, or after a refresh of over 5,000 articles)" ;;
		all-warm) qs=$ALL cold=0 label="all $nall, the index's answers kept on disk (any later start, also after edits)" ;;
		esac
		set -- $(run "$BUILD" "$cold" "$qs")
		old="-"
		[ -n "$BASE" ] && old=$(run "$BASE" 0 "$qs" | cut -d' ' -f1)
		ROWS="$ROWS| $N | $label | $1 | $2 | $old |
"
		echo "searches.sh: $N $what: wall $1 ms, CPU $2 ms, before: $old" >&2
	done
done

SECTION="<!-- bench-searches -->
## Saved-search counts (tests/bench/searches.sh)

- command: \`SB_N=\"$NS\" SB_RUNS=$RUNS${BASE:+ BASE=...} sh tests/bench/searches.sh\` (SB_WRITE=1 writes this section)
- date: $(date -u '+%Y-%m-%d %H:%M UTC'); dossier $(git -C "$TOP" rev-parse --short HEAD 2>/dev/null)
- machine: $(nproc) cores, $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo); load average $(cut -d' ' -f1-3 /proc/loadavg) when it ended
- \`dossier bench-searches\`: the time to count every search (total + unread)
  after the collection is loaded and the index opened; medians of $RUNS runs.
  Wall time waits for the other processes on a shared machine; CPU time
  (clock()) is the work itself. Target: under 50 ms at 100,000.
- each count checked against \`dossier list QUERY | wc -l\` first.
- before: the build before the whole-collection field terms and the kept
  answers (wall ms, same machine, same run, its own caches).

| N | searches | wall, ms | CPU, ms | before, wall ms |
|---:|---|---:|---:|---:|
$ROWS
Searches: \`$(echo "$ALL" | sed 's/|/` · `/g')\`
<!-- /bench-searches -->"
if [ "${SB_WRITE:-0}" = 1 ]; then
	OUT="$TOP/BENCHMARKS.md"
	printf '%s\n' "$SECTION" >"$OUT.section"
	awk -v secfile="$OUT.section" '
		BEGIN {while ((getline l < secfile) > 0) sec = sec (n++ ? "\n" : "") l}
		/^<!-- bench-searches -->$/ {skip = 1; print sec; done = 1; next}
		skip && /^<!-- \/bench-searches -->$/ {skip = 0; next}
		!skip {print}
		END {if (!done) print "\n" sec}' "$OUT" >"$OUT.new" && mv "$OUT.new" "$OUT"
	rm -f "$OUT.section"
fi
printf '%s\n' "$SECTION"

#!/bin/sh
# make bench CORPUS=DIR: loading a real folder (one the user names) beside
# its own read floor, measured in the same run: cold, warm and --no-cache
# `dossier list`, a full-text query beside grep, the related list, peak
# RSS, and the reader's cold start in tmux. Nothing is written to DIR (the
# cache and state go to a scratch folder). The report replaces, or is
# added as, its own section of BENCHMARKS.md between "<!-- bench-corpus-NAME
# -->" and "<!-- /bench-corpus-NAME -->", NAME from the folder's path; the
# generated rows and the other sections stay. Never part of make check.
#
#   sh tests/bench/corpus.sh DIR     (from bench.sh; BENCH_RUNS=5,
#   BENCH_QUERY=WORD (default: the), BENCH_OUT=BENCHMARKS.md)
set -u
TOP=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${BUILD:-build}
case "$BUILD" in /*) ;; *) BUILD="$TOP/$BUILD" ;; esac
DOSSIER="$BUILD/dossier"
RUNS=${BENCH_RUNS:-5}
OUT=${BENCH_OUT:-$TOP/BENCHMARKS.md}
Q=${BENCH_QUERY:-the}
C=$(cd "$1" 2>/dev/null && pwd) || { echo "bench: no folder $1" >&2; exit 2; }
[ -x "$DOSSIER" ] || { echo "bench: build first (make)" >&2; exit 1; }
# a marker name of lower-case letters and dashes (bench.sh keeps those)
NAME=$(echo "$C" | awk -F/ '{print tolower($(NF-1) "-" $NF)}' | sed 's/[^a-z]\{1,\}/-/g; s/^-//; s/-$//')
W=$(mktemp -d "${TMPDIR:-/tmp}/dossier-corpus.XXXXXX")
SOCK="dossier-corpus-$$"
cleanup() { tmux -L "$SOCK" kill-server 2>/dev/null; rm -rf "$W"; }
trap cleanup EXIT
trap 'exit 130' INT TERM
export LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=xterm-256color TZ=UTC
export HOME="$W/home" XDG_CACHE_HOME="$W/cache" XDG_CONFIG_HOME="$W/config" \
       XDG_STATE_HOME="$W/state"
mkdir -p "$HOME"
sh "$TOP/tests/deps.sh" time tmux || echo "bench: time or tmux missing; those cells stay empty" >&2
. "$TOP/tests/bench/benchlib.sh"

echo "bench: $C" >&2
files=$(find "$C" -type f | wc -l)
mb=$(du -sm "$C" | cut -f 1)
nart=$("$DOSSIER" --no-cache --corpus "$C" list 2>/dev/null | wc -l)
nonascii=$(find "$C" -type f -exec cat {} + | LC_ALL=C awk '{n += length($0) + 1; g = $0; m += gsub(/[\200-\377]/, "", g)} END {if (n) printf "%.2f", 100 * m / n; else print 0}')

find "$C" -type f -exec cat {} + >/dev/null # warm the page cache
floor=$(med sh -c "find '$C' -type f -exec cat {} + >/dev/null")
floor_cpu=$(i=0; while [ $i -lt "$RUNS" ]; do cpu_ms sh -c "find '$C' -type f -exec cat {} + >/dev/null"; i=$((i+1)); done | median)
cold=$(i=0; while [ $i -lt "$RUNS" ]; do rm -rf "$XDG_CACHE_HOME"; time_ms "$DOSSIER" --corpus "$C" list; i=$((i+1)); done | median)
cold_cpu=$(i=0; while [ $i -lt "$RUNS" ]; do rm -rf "$XDG_CACHE_HOME"; cpu_ms "$DOSSIER" --corpus "$C" list; i=$((i+1)); done | median)
nocache=$(med "$DOSSIER" --no-cache --corpus "$C" list)
nocache_cpu=$(i=0; while [ $i -lt "$RUNS" ]; do cpu_ms "$DOSSIER" --no-cache --corpus "$C" list; i=$((i+1)); done | median)
rm -rf "$XDG_CACHE_HOME"
rss_cold=$(rss_mb "$DOSSIER" --corpus "$C" list)
warm=$(med "$DOSSIER" --corpus "$C" list)
rss_warm=$(rss_mb "$DOSSIER" --corpus "$C" list)
rel=$("$DOSSIER" --corpus "$C" bench-related 1000 | cut -f 3)
build=$("$DOSSIER" --corpus "$C" bench-query "$Q" | awk -F '\t' '$1=="refresh" {print $2}')
qt=$(i=0; while [ $i -lt "$RUNS" ]; do "$DOSSIER" --corpus "$C" bench-query "$Q" | awk -F '\t' '$1=="query" {print $4}'; i=$((i+1)); done | median)
hits=$("$DOSSIER" --corpus "$C" bench-query "$Q" | awk -F '\t' '$1=="query" {print $3}')
gq=$(med grep -rli -- "$Q" "$C")

# the reader in tmux, no cache: the first screen (list and progress line),
# then the status line once every file is in
tui_first="-" tui_all="-"
if command -v tmux >/dev/null 2>&1; then
	tui_first=$(i=0; while [ $i -lt "$RUNS" ]; do rm -rf "$XDG_CACHE_HOME"; pane_ms "Loading .*files|$nart articles" "$DOSSIER" --corpus "$C"; i=$((i+1)); done | median)
	tui_all=$(i=0; while [ $i -lt "$RUNS" ]; do rm -rf "$XDG_CACHE_HOME"; pane_ms "$nart articles, [0-9]+ unread \| sort" "$DOSSIER" --corpus "$C"; i=$((i+1)); done | median)
	tmux -L "$SOCK" kill-server 2>/dev/null
fi

cpu=$(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)
ram=$(awk '/MemTotal/ {printf "%.1f GB", $2/1048576}' /proc/meminfo)
row() { printf '| %s | %s | %s | %s |\n' "$1" "$2" "$3" "$4"; }
{
	echo "<!-- bench-corpus-$NAME -->"
	echo "## A real folder: $(basename "$(dirname "$C")")/$(basename "$C")"
	echo
	echo "- command: \`make bench CORPUS=$C\` (tests/bench/corpus.sh), BENCH_RUNS=$RUNS"
	echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC'); dossier $(git -C "$TOP" rev-parse --short HEAD 2>/dev/null)"
	echo "- machine: $(nproc) cores, $cpu, $ram RAM; $(uname -sr); load average $(cut -d' ' -f1 /proc/loadavg) at the end"
	echo "- folder: $files files, $mb MB, $nart articles, $nonascii % of bytes non-ASCII"
	echo "- medians of $RUNS runs, warm page cache, in ms; the read floor is \`find DIR"
	echo "  -type f -exec cat {} + >/dev/null\` in the same run. CPU = user + sys of"
	echo "  the process (steadier than wall time on a shared machine)."
	echo
	echo "| measure | dossier | read floor or grep | ratio |"
	echo "|---|---:|---|---:|"
	row "cold load: \`dossier list\` (no cache; writes it), ms" "$cold" "cat every file: $floor" "$(ratio "$cold" "$floor")"
	row "cold load, CPU ms" "$cold_cpu" "find + cat CPU: $floor_cpu" "$(ratio "$cold_cpu" "$floor_cpu")"
	row "\`dossier --no-cache list\`, ms" "$nocache" "cat every file: $floor" "$(ratio "$nocache" "$floor")"
	row "\`dossier --no-cache list\`, CPU ms" "$nocache_cpu" "find + cat CPU: $floor_cpu" "$(ratio "$nocache_cpu" "$floor_cpu")"
	row "warm load: \`dossier list\` (cache present), ms" "$warm" "cat every file: $floor" "$(ratio "$warm" "$floor")"
	row "reader, cold start to the first screen (progress line), ms" "$tui_first" "cat every file: $floor" "$(ratio "$tui_first" "$floor")"
	row "reader, cold start until every article is in, ms" "$tui_all" "cat every file: $floor" "$(ratio "$tui_all" "$floor")"
	row "full-text index build (first query), ms" "$build" "cat every file: $floor" "$(ratio "$build" "$floor")"
	row "full-text \`$Q\` ($hits hits), ms/query" "$qt" "grep -rli: $gq" "$(ratio "$qt" "$gq")"
	row "related list, ms/article" "$rel" "" ""
	row "peak RSS cold list, MB" "$rss_cold" "" ""
	row "peak RSS warm list, MB" "$rss_warm" "" ""
	echo "<!-- /bench-corpus-$NAME -->"
} >"$W/section"

# replace the section in place, or add it at the end
if [ -f "$OUT" ] && grep -q "^<!-- bench-corpus-$NAME -->\$" "$OUT"; then
	awk -v b="<!-- bench-corpus-$NAME -->" -v e="<!-- /bench-corpus-$NAME -->" -v f="$W/section" '
		$0 == b {while ((getline l < f) > 0) print l; skip = 1; next}
		skip && $0 == e {skip = 0; next}
		!skip {print}' "$OUT" >"$W/out" && cat "$W/out" >"$OUT"
else
	{ [ -s "$OUT" ] && echo; cat "$W/section"; } >>"$OUT"
fi
echo "bench: wrote the $NAME section of $OUT" >&2

#!/bin/sh
# make bench-scale: warm queries and the reader at 100,000 and 1,000,000
# generated articles (issue 20: instant answers from the index, a million
# articles). Not run in CI: generating 1M articles takes ~15 minutes and
# ~5 GB, so the collections are made once under SCALE_DIR (default
# ${TMPDIR:-/tmp}/dossier-scale) and reused, or named with SCALE_CORPORA.
# Writes its own section of BENCHMARKS.md between "<!-- bench-scale -->"
# and "<!-- /bench-scale -->" (bench.sh keeps it).
# SCALE_PART=keys: only the reader's keystroke rows (scrolling, filtering),
# in their own section "<!-- bench-scale-keys -->"; with SCALE_CACHE=DIR
# the metadata cache and full-text index in DIR are kept warm between runs
# (else made once, untimed, before the rows). The keystroke rows run the
# headless reader with DOSSIER_TEST_NO_SIGN=1 (no signatures, no content
# index, no folding: at 1M those take 20-30 s a run); SCALE_SIGN=1 signs.
# SCALE_PART=reader: the reader at a warm start (issue 20, a million
# articles): first screen in tmux, peak RSS until the folder's refresh has
# ended, and the keystroke rows, in "<!-- bench-reader1m -->"; with
# SCALE_AB=BINARY (another build, e.g. main's) the same rows for it, in
# the same run.
set -u
TOP=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${BUILD:-build}
DOSSIER="$TOP/$BUILD/dossier"
SIZES=${SCALE_SIZES:-"100000 1000000"}
RUNS=${SCALE_RUNS:-5}
OUT=${BENCH_OUT:-$TOP/BENCHMARKS.md}
SDIR=${SCALE_DIR:-${TMPDIR:-/tmp}/dossier-scale}
PART=${SCALE_PART:-all}
TAG=bench-scale; [ "$PART" = keys ] && TAG=bench-scale-keys
[ "$PART" = reader ] && TAG=bench-reader1m
AB=${SCALE_AB:-}
W=$(mktemp -d "${TMPDIR:-/tmp}/dossier-scale.XXXXXX")
SOCK="dossier-scale-$$"
cleanup() { tmux -L "$SOCK" kill-server 2>/dev/null; rm -rf "$W"; }
trap cleanup EXIT
[ -x "$DOSSIER" ] || { echo "bench-scale: build first (make)" >&2; exit 1; }
export XDG_CACHE_HOME="${SCALE_CACHE:-$W/cache}" XDG_STATE_HOME="$W/state" XDG_CONFIG_HOME="$W/config" \
	HOME="$W" LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC
unset DOSSIER_NO_CACHE
# warm rows are within the last full check's window: an hour, so that a
# run of many minutes never checks every file under the rows it times
# (the first command after the window: tests/bench/sweep.py; benchlib.sh
# keeps any such check in the foreground)
export DOSSIER_CHECK_EVERY=3600

PANE_WAIT=120 # a cold 1M start is slow
. "$TOP/tests/bench/benchlib.sh"

ROWS="$W/rows"
: >"$ROWS"
add() { printf '| %s | %s | %s | %s | %s | %s |\n' "$@" >>"$ROWS"; }
# row N MEASURE CMD...: median ms and peak RSS of a warm command, beside the stat floor
row() {
	n=$1 what=$2; shift 2
	t=$(med "$@")
	add "$n" "$what, ms" "$t" "find -type f: $FLOOR" "$(ratio "$t" "$FLOOR")" "peak RSS $(rss_mb "$@") MB"
}

# hwm_at_refresh BIN C: start the reader on C in tmux, wait for the first
# screen, then for the refresh's "checking files" note to go; the peak RSS
# (VmHWM, MB) then, before the similarity index for the related pane is
# built (a job of its own, started once the load has ended)
hwm_at_refresh() {
	tmux -L "$SOCK" kill-server 2>/dev/null
	tmux -L "$SOCK" new-session -d -s b -x 120 -y 40 "$1 --corpus $2"
	wait_pane "$N articles" "$PANE_WAIT" || { echo -; return; }
	pid=$(tmux -L "$SOCK" list-panes -t b -F '#{pane_pid}')
	end=$(( $(date +%s) + PANE_WAIT ))
	while [ "$(date +%s)" -le "$end" ] &&
		tmux -L "$SOCK" capture-pane -p -t b | grep -q 'checking files'; do :; done
	awk '/VmHWM/ {printf "%.1f\n", $2 / 1024}' "/proc/$pid/status"
	tmux -L "$SOCK" kill-server 2>/dev/null
}
# hwm_rel_rebuild BIN C: the reader's peak RSS (MB) when the related
# index (.rel) must be built again from warm signatures: the .rel removed,
# the reader started, the peak read 5 s after the new .rel appears (the
# job's end, its adoption and the open article's related list)
hwm_rel_rebuild() {
	rm -f "$XDG_CACHE_HOME"/dossier/*.rel
	tmux -L "$SOCK" kill-server 2>/dev/null
	tmux -L "$SOCK" new-session -d -s b -x 120 -y 40 "$1 --corpus $2"
	wait_pane "$N articles" "$PANE_WAIT" || { echo -; return; }
	pid=$(tmux -L "$SOCK" list-panes -t b -F '#{pane_pid}')
	end=$(( $(date +%s) + 600 ))
	until ls "$XDG_CACHE_HOME"/dossier/*.rel >/dev/null 2>&1 || [ "$(date +%s)" -gt "$end" ]; do sleep 0.5; done
	sleep 5
	awk '/VmHWM/ {printf "%.1f\n", $2 / 1024}' "/proc/$pid/status"
	tmux -L "$SOCK" kill-server 2>/dev/null
}
# the status line of a first list (a large collection's warm start lists
# the newest articles from the cache's index while the rest is decoded)
FIRST="Loading: [0-9,]+ of [0-9,]+ articles"
# reader_rows N C: the warm reader's first screen (the whole list or a
# first list), the whole list, and memory, per binary
reader_rows() {
	for B in "$DOSSIER" $AB; do
		lab=""; [ "$B" != "$DOSSIER" ] && lab=" [$B]"
		tw=$(i=0; while [ $i -lt "$RUNS" ]; do pane_ms "$1 articles|$FIRST" "$B" --corpus "$2"; i=$((i+1)); done | median)
		tmux -L "$SOCK" kill-server 2>/dev/null
		add "$1" "reader$lab: warm start to first screen (tmux), ms" "$tw" "" "" "target < 500 ms at 1M"
		tw=$(i=0; while [ $i -lt "$RUNS" ]; do pane_ms "$1 articles" "$B" --corpus "$2"; i=$((i+1)); done | median)
		tmux -L "$SOCK" kill-server 2>/dev/null
		add "$1" "reader$lab: warm start to the whole list (tmux), ms" "$tw" "" "" "the first screen may list the newest first"
		rss=$(i=0; while [ $i -lt "$RUNS" ]; do hwm_at_refresh "$B" "$2"; i=$((i+1)); done | median)
		add "$1" "reader$lab: peak RSS from the start to the end of the folder's refresh (tmux), MB" "$rss" "" "" "target < 400 MB at 1M"
		rss=$(hwm_rel_rebuild "$B" "$2") # once: a rebuild takes a minute at 1M
		add "$1" "reader$lab: peak RSS while the related index is built again (no .rel; tmux), MB" "$rss" "" "" "target < 400 MB at 1M"
	done
}

for N in $SIZES; do
	C=""
	for d in ${SCALE_CORPORA:-}; do
		[ "$(find "$d" -type f -name '*.md' | head -n "$N" | wc -l)" -ge "$N" ] && C=$d && break
	done
	if [ -z "$C" ]; then
		C="$SDIR/gen-$N"
		if [ ! -f "$C/.complete" ]; then
			echo "bench-scale: generating $N articles in $C (once)" >&2
			rm -rf "$C" && python3 "$TOP/tests/bench/gen.py" "$N" "$C" && touch "$C/.complete"
		fi
	fi
	if [ "$PART" = keys ] || [ "$PART" = reader ]; then
		# warm, untimed: the cache, its full check and the full-text index
		"$DOSSIER" --corpus "$C" refresh >/dev/null 2>&1
		printf 'f zzzq <Enter>\n' >"$W/warm" # a word: builds the index
		env DOSSIER_TEST_NO_SIGN="$([ "${SCALE_SIGN:-0}" = 1 ] && echo 0 || echo 1)" \
			"$DOSSIER" --corpus "$C" --headless 120x40 --script "$W/warm" >/dev/null 2>&1
		rare=$("$DOSSIER" --corpus "$C" tags | awk -F '\t' '$1 >= 50 && $1 <= 500 {print $2; exit}')
		[ "$PART" = reader ] && reader_rows "$N" "$C"
	else
	[ -n "${SCALE_CACHE:-}" ] || rm -rf "$XDG_CACHE_HOME"
	FLOOR=$(med sh -c "find '$C' -type f | wc -l")
	# the first load writes the cache: once, not a median
	t0=$(now_ms); cold_rss=$(rss_mb "$DOSSIER" --corpus "$C" list --count); t1=$(now_ms)
	cold=$(echo "$t1 $t0" | awk '{printf "%.3f", $1-$2}')
	add "$N" "cold \`list --count\` (no cache; writes it), ms" "$cold" "find -type f: $FLOOR" "$(ratio "$cold" "$FLOOR")" "peak RSS $cold_rss MB"
	row "$N" "\`refresh\` (full check: every file stat-ed)" "$DOSSIER" --corpus "$C" refresh
	"$DOSSIER" --corpus "$C" refresh >/dev/null
	rare=$("$DOSSIER" --corpus "$C" tags | awk -F '\t' '$1 >= 50 && $1 <= 500 {print $2; exit}')
	common=$("$DOSSIER" --corpus "$C" tags | awk -F '\t' 'NR == 1 {print $2}')
	rare_n=$("$DOSSIER" --corpus "$C" list --count "tag:$rare")
	common_n=$("$DOSSIER" --corpus "$C" list --count "tag:$common")
	row "$N" "warm \`list --count tag:$rare\` ($rare_n hits; lean index)" "$DOSSIER" --corpus "$C" list --count "tag:$rare"
	row "$N" "warm \`list tag:$rare | head\`" sh -c "'$DOSSIER' --corpus '$C' list tag:$rare | head"
	row "$N" "warm \`list --count tag:$common\` ($common_n hits)" "$DOSSIER" --corpus "$C" list --count "tag:$common"
	row "$N" "warm \`list --count tag:$rare after:2020-01-01\`" "$DOSSIER" --corpus "$C" list --count "tag:$rare after:2020-01-01"
	row "$N" "warm \`tags\`" "$DOSSIER" --corpus "$C" tags
	row "$N" "warm \`list --count\` (all)" "$DOSSIER" --corpus "$C" list --count
	row "$N" "warm \`complete tags topic01\`" "$DOSSIER" --corpus "$C" complete tags topic01
	row "$N" "warm \`complete ids f001/\`" "$DOSSIER" --corpus "$C" complete ids f001/
	id=$("$DOSSIER" --corpus "$C" list "tag:$rare" | head -n 1 | cut -f 1)
	row "$N" "warm \`related\` (lean index)" "$DOSSIER" --corpus "$C" related "$id"
	src_n=$("$DOSSIER" --corpus "$C" list --count source:meridian)
	row "$N" "warm \`list --count source:meridian\` ($src_n hits; source column)" "$DOSSIER" --corpus "$C" list --count source:meridian
	row "$N" "warm \`list source:meridian | head\` (streamed: stops with head)" sh -c "'$DOSSIER' --corpus '$C' list source:meridian | head"
	row "$N" "warm \`list source:meridian\` (all $src_n lines, records read in place)" sh -c "'$DOSSIER' --corpus '$C' list source:meridian >/dev/null"
	# every article, in the cache's order and sorted (no query narrows them)
	for o in "" "--json" "--sort date" "--sort source" "--sort title"; do
		row "$N" "warm \`list $o\` (every article, to /dev/null)" sh -c "'$DOSSIER' --corpus '$C' list $o >/dev/null"
	done
	row "$N" "warm \`list --json source:meridian | head\`" sh -c "'$DOSSIER' --corpus '$C' list --json source:meridian | head"
	row "$N" "warm \`list --sort date 'source:meridian date:2023' | head\`" sh -c "'$DOSSIER' --corpus '$C' list --sort date 'source:meridian date:2023' | head"
	row "$N" "warm \`list --count after:2024-06-01\` (date column)" "$DOSSIER" --corpus "$C" list --count after:2024-06-01
	row "$N" "warm \`list --count 'source:meridian OR -date:2019 -lang:en'\`" "$DOSSIER" --corpus "$C" list --count 'source:meridian OR -date:2019 -lang:en'
	row "$N" "warm \`list --count 'title:shipping source:meridian'\` (title table)" "$DOSSIER" --corpus "$C" list --count 'title:shipping source:meridian'
	row "$N" "warm \`list --count title:shipping\` (title table)" "$DOSSIER" --corpus "$C" list --count title:shipping
	row "$N" "warm \`list title:shipping | head\`" sh -c "'$DOSSIER' --corpus '$C' list title:shipping | head"
	row "$N" "warm \`list --count is:unread\` (the state's ids)" "$DOSSIER" --corpus "$C" list --count is:unread
	row "$N" "warm \`list 'is:unread source:meridian' | head\`" sh -c "'$DOSSIER' --corpus '$C' list 'is:unread source:meridian' | head"
	row "$N" "warm \`list --sort title 'source:meridian date:2023-06' | head\` (hits' titles read)" sh -c "'$DOSSIER' --corpus '$C' list --sort title 'source:meridian date:2023-06' | head"
	row "$N" "warm \`list --sort title tag:$rare | head\`" sh -c "'$DOSSIER' --corpus '$C' list --sort title tag:$rare | head"
	# the reader: warm first screen in tmux (the snapshot start) and keys
	# in the list (headless reader: key path, layout and drawing, no terminal)
	if command -v tmux >/dev/null 2>&1; then
		tw=$(i=0; while [ $i -lt 3 ]; do pane_ms "$N articles|$FIRST" "$DOSSIER" --corpus "$C"; i=$((i+1)); done | median)
		tmux -L "$SOCK" kill-server 2>/dev/null
		add "$N" "reader: warm start to first screen (tmux), ms" "$tw" "find -type f: $FLOOR" "$(ratio "$tw" "$FLOOR")" "target < 500 ms at 1M"
	fi
	fi # PART
	for B in "$DOSSIER" $AB; do
	lab=""; [ "$B" != "$DOSSIER" ] && lab=" [$B]"
	K=200
	printf 'j\n' >"$W/s0"
	{ i=0; while [ $i -lt $K ]; do printf 'j <PageDown> '; i=$((i+1)); done; printf '\n'; } >"$W/s1"
	printf 'f tag:%s <Enter>\n' "$rare" >"$W/s2"
	F=20
	{ i=0; while [ $i -lt $F ]; do printf 'f tag:%s <Enter> F ' "$rare"; i=$((i+1)); done; printf '\n'; } >"$W/s3"
	# wall and CPU per key, the difference to a run without the keys; the
	# texts are not signed (DOSSIER_TEST_NO_SIGN=1: at 1M their index takes
	# 20-30 s a run and swamped the keys), so no near-duplicate folding
	# either; SCALE_SIGN=1 signs as the reader does
	ns=1; [ "${SCALE_SIGN:-0}" = 1 ] && ns=0
	keyrun() { RUNS=3 "$1" env DOSSIER_TEST_NO_SIGN=$ns "$B" --corpus "$C" --headless 120x40 --script "$W/$2"; }
	t0=$(keyrun med s0) c0=$(keyrun medcpu s0)
	t1=$(keyrun med s1) c1=$(keyrun medcpu s1)
	key=$(echo "$t1 $t0 $K" | awk '{printf "%.3f", ($1-$2)/($3*2)}')
	kc=$(echo "$c1 $c0 $K" | awk '{printf "%.3f", ($1-$2)/($3*2)}')
	add "$N" "reader$lab: key to redraw scrolling the list (headless, $((2 * K)) keys j/PageDown), ms per key" "$key" "CPU $kc ms per key" "" "target < 16 ms"
	t3=$(keyrun med s3) c3=$(keyrun medcpu s3)
	keys=$(( ${#rare} + 7 ))
	fk=$(echo "$t3 $t0 $F $keys" | awk '{printf "%.3f", ($1-$2)/($3*$4)}')
	fc=$(echo "$c3 $c0 $F $keys" | awk '{printf "%.3f", ($1-$2)/($3*$4)}')
	add "$N" "reader$lab: key to redraw filtering (headless, $F x \`f tag:$rare Enter F\`), ms per key" "$fk" "CPU $fc ms per key" "" "target < 16 ms"
	[ "$PART" = all ] && break
	done
	[ "$PART" = keys ] || [ "$PART" = reader ] && continue
	rss=$(rss_mb "$DOSSIER" --corpus "$C" --headless 120x40 --script "$W/s2")
	add "$N" "reader: peak RSS (headless: start, filter tag:$rare), MB" "$rss" "" "" "target < 400 MB at 1M"
	size=$(du -k "$XDG_CACHE_HOME"/dossier/*.meta | awk '{s += $1} END {print s}')
	add "$N" "metadata cache on disk (records, folders, lean index), KB per 1,000 articles" \
		"$(echo "$size $N" | awk '{printf "%.1f", $1 * 1000 / $2}')" "collection: $(du -sk "$C" | awk -v n="$N" '{printf "%.1f", $1 * 1000 / n}') KB per 1,000" "" ""
	# the full-text index (SCALE_FTS=0 skips it: ~5 min at 1M): built once
	# by the first word query, timed once; its size beside the collection's
	if [ "${SCALE_FTS:-1}" != 0 ]; then
		rm -f "$XDG_CACHE_HOME"/dossier/*.fts* # the reader rows may have built it
		t0=$(now_ms); "$DOSSIER" --corpus "$C" list --count zzzq >/dev/null 2>&1; t1=$(now_ms)
		add "$N" "full-text index build (first word query, once), ms" \
			"$(echo "$t1 $t0" | awk '{printf "%.0f", $1-$2}')" "find -type f: $FLOOR" "" ""
		fsize=$(du -k "$XDG_CACHE_HOME"/dossier/*.fts | awk '{s += $1} END {print s}')
		add "$N" "full-text index on disk, KB per 1,000 articles" \
			"$(echo "$fsize $N" | awk '{printf "%.1f", $1 * 1000 / $2}')" "collection: $(du -sk "$C" | awk -v n="$N" '{printf "%.1f", $1 * 1000 / n}') KB per 1,000" "" ""
	fi
	[ -n "${SCALE_CACHE:-}" ] || rm -rf "$XDG_CACHE_HOME"
done

cpu=$(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)
ram=$(awk '/MemTotal/ {printf "%.1f GB", $2/1048576}' /proc/meminfo)
SEC="$W/section"
{
	echo "<!-- $TAG -->"
	if [ "$PART" = keys ]; then
		echo '## The reader'"'"'s keystrokes at scale (`SCALE_PART=keys make bench-scale`)'
	elif [ "$PART" = reader ]; then
		echo '## A million articles in the reader: warm first screen, memory, keys (`SCALE_PART=reader make bench-scale`)'
	else
		echo '## Warm queries and the reader at scale (`make bench-scale`)'
	fi
	echo
	echo "- command: \`make bench-scale\` (tests/bench/scale.sh) with SCALE_SIZES=\"$SIZES\" SCALE_RUNS=$RUNS SCALE_PART=$PART; collections from tests/bench/gen.py"
	echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC'); dossier $(git -C "$TOP" rev-parse --short HEAD 2>/dev/null)"
	echo "- machine: $(nproc) cores, $cpu, $ram RAM; $(uname -sr); load average at the end: $(cut -d' ' -f1-3 /proc/loadavg). Shared: compare the ratios of one run."
	echo "- warm: the cache written and its last full check fresh (DOSSIER_CHECK_EVERY=3600); medians of $RUNS runs; \"beside it\" is \`find DIR -type f | wc -l\` in the same run (the cost of listing the files, a floor no per-file check can beat)."
	echo
	echo '| N | measure | dossier | beside it | ratio | note |'
	echo '|---:|---|---:|---|---:|---|'
	cat "$ROWS"
	echo "<!-- /$TAG -->"
} >"$SEC"
if [ -f "$OUT" ] && grep -q "^<!-- $TAG -->\$" "$OUT"; then
	awk -v sec="$SEC" -v tag="$TAG" '$0 == "<!-- " tag " -->" { while ((getline l < sec) > 0) print l; skip = 1; next }
		$0 == "<!-- /" tag " -->" { skip = 0; next } !skip' "$OUT" >"$W/out" && cp "$W/out" "$OUT"
else
	{ [ -f "$OUT" ] && cat "$OUT" && echo; cat "$SEC"; } >"$W/out" && cp "$W/out" "$OUT"
fi
echo "bench-scale: wrote $OUT" >&2

#!/bin/sh
# make bench: dossier beside newsboat and the read floor on generated
# collections, medians of several runs, all in one run on one machine (the
# machine is shared and noisy, so compare the ratios, not the absolutes).
# Writes BENCHMARKS.md. Never part of make check.
#
#   BENCH_SIZES="1000 10000"  shorter run (default 1000 10000 50000 100000)
#   BENCH_RUNS=5              runs per median
#   BENCH_OUT=BENCHMARKS.md   where the report goes
#   GEN=plain                 the older near-ASCII generator (gen.py), so
#                             rows from before issue 20 compare; default
#                             GEN=real: tests/bench/genreal.py, text with
#                             the character mix, markup, front matter and
#                             size spread of real posts
#   CORPUS=DIR                a real folder instead: tests/bench/corpus.sh
set -u
TOP=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${BUILD:-build}
case "$BUILD" in /*) ;; *) BUILD="$TOP/$BUILD" ;; esac
DOSSIER="$BUILD/dossier"
SIZES=${BENCH_SIZES:-"1000 10000 50000 100000"}
RUNS=${BENCH_RUNS:-5}
OUT=${BENCH_OUT:-$TOP/BENCHMARKS.md}
if [ -n "${CORPUS:-}" ]; then exec sh "$TOP/tests/bench/corpus.sh" "$CORPUS"; fi
GEN=${GEN:-real}
case "$GEN" in
real) GENPY="$TOP/tests/bench/genreal.py" ;;
plain) GENPY="$TOP/tests/bench/gen.py" ;;
*) echo "bench: GEN is real or plain" >&2; exit 2 ;;
esac
# Sections measured elsewhere survive a new run, in their order, each
# between its markers: "<!-- kept by bench.sh -->" … "<!-- /kept by
# bench.sh -->" (by hand: the vocabulary matcher), "<!-- orquery.sh begin
# -->" … "<!-- orquery.sh end -->" (tests/bench/orquery.sh), "<!--
# bench-NAME -->" … "<!-- /bench-NAME -->" (make bench-extract,
# tests/bench/textbench.sh).
KEEP=$(awk '/^<!-- (kept by bench\.sh|orquery\.sh begin|bench-[a-z0-9-]+) -->$/ {k = 1}
	k {print}
	k && /^<!-- (\/kept by bench\.sh|orquery\.sh end|\/bench-[a-z0-9-]+) -->$/ {k = 0; print ""}' "$OUT" 2>/dev/null)
W=$(mktemp -d "${TMPDIR:-/tmp}/dossier-bench.XXXXXX")
SOCK="dossier-bench-$$"
cleanup() { tmux -L "$SOCK" kill-server 2>/dev/null; rm -rf "$W"; }
trap cleanup EXIT
trap 'exit 130' INT TERM
export LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=xterm-256color TZ=UTC
export HOME="$W/home" XDG_CACHE_HOME="$W/cache" XDG_CONFIG_HOME="$W/config" \
       XDG_STATE_HOME="$W/state"
mkdir -p "$HOME"

sh "$TOP/tests/deps.sh" newsboat time tmux python3 || echo "bench: newsboat or time missing; those cells stay empty" >&2
[ -x "$DOSSIER" ] || { echo "bench: build first (make)" >&2; exit 1; }

. "$TOP/tests/bench/benchlib.sh"

# Is the interactive reader built? (main says so plainly when it is not)
mkdir -p "$W/empty"
if "$DOSSIER" --corpus "$W/empty" </dev/null 2>&1 | grep -q 'not built yet'; then HAVE_TUI=0; else HAVE_TUI=1; fi

# the floor of the tmux method itself: a shell that prints one line
TFLOOR=$(i=0; while [ $i -lt "$RUNS" ]; do pane_ms "^ready" "sh -c 'echo ready; sleep 30'"; i=$((i+1)); done | median)
# and of a key: Enter to a shell that prints one line when it gets it
KFLOOR=$(i=0; while [ $i -lt "$RUNS" ]; do
	pane_ms "^ready" "sh -c 'echo ready; read x; echo got; sleep 30'" >/dev/null
	key_ms Enter "^got"; i=$((i+1)); done | median)
tmux -L "$SOCK" kill-server 2>/dev/null
# net A FLOOR: A minus the floor of its method
net() { echo "$1 $2" | awk '{ if ($1 == "-" || $2 == "-") print "-"; else printf "%.3f", $1 - $2 }'; }
# target_note RATIO_TARGET NEWSBOAT_MS: the target, or why it cannot be
# judged (newsboat itself within 3x the floor of the method)
target_note() {
	echo "$2 $TFLOOR" | awk -v t="$1" '{ if ($1 != "-" && $2 != "-" && $1 < 3 * $2) printf "%s; newsboat within 3x the tmux floor (%s ms): not judged", t, $2; else print t }'
}

QUERIES="flood headline '\"flood barrier\"' zeppelin"
# a dozen saved searches, as a reader might keep them: tags, dates, reading
# state, references (s1 is the first), a source and a title field (asked
# article by article), and two with words (the full-text index's answers)
SEARCHES_META="tag:economy 'tag:policy after:2022-06' 'tag:topic0001 OR tag:topic0002' \
'tag:news -tag:region' 'date:2020..2021 tag:environment' 'tag:economy OR tag:policy' \
'is:unread tag:region' '@s1 @s4'"
SEARCHES="$SEARCHES_META 'source:\"Northline Wire\" is:unread' title:harbour flood '\"flood barrier\"'"
ROWS=""
add() { ROWS="$ROWS$1|$2|$3|$4|$5|$6
"; }

for N in $SIZES; do
	echo "bench: $N articles" >&2
	C="$W/c$N"
	python3 "$GENPY" "$N" "$C"
	mb=$(du -sm "$C" | cut -f 1)
	# the collection chooses the shipped vocabulary, so loads pay for tagging
	mkdir -p "$C/.dossier" && echo 'use: ukraine-defence' >"$C/.dossier/topics.yaml"
	find "$C" -type f -exec cat {} + >/dev/null # warm the page cache
	floor=$(med sh -c "find '$C' -type f -exec cat {} + >/dev/null")
	floor_cpu=$(i=0; while [ $i -lt "$RUNS" ]; do cpu_ms sh -c "find '$C' -type f -exec cat {} + >/dev/null"; i=$((i+1)); done | median)
	cold_cpu=$(i=0; while [ $i -lt "$RUNS" ]; do rm -rf "$XDG_CACHE_HOME"; cpu_ms "$DOSSIER" --corpus "$C" list; i=$((i+1)); done | median)

	# cold: no cache (and the cache written); warm: cache present
	cold=$(i=0; while [ $i -lt "$RUNS" ]; do rm -rf "$XDG_CACHE_HOME"; time_ms "$DOSSIER" --corpus "$C" list; i=$((i+1)); done | median)
	nocache=$(med "$DOSSIER" --no-cache --corpus "$C" list)
	"$DOSSIER" --corpus "$C" list >/dev/null
	warm=$(med "$DOSSIER" --corpus "$C" list)
	rss_warm=$(rss_mb "$DOSSIER" --corpus "$C" list)
	rm -rf "$XDG_CACHE_HOME"
	rss_cold=$(rss_mb "$DOSSIER" --corpus "$C" list)

	# the reader in tmux: start to the first screen (list + status line),
	# then Enter to the first article's text; peak RSS over that session
	tui_cold="-" tui_warm="-" tui_open="-" tui_rss="-" tui_first="-"
	if [ "$HAVE_TUI" = 1 ]; then
		# cold: the first screen is the empty list and the progress line; the
		# whole list is the full count without the progress line between it
		# and the sort (the list grows while it loads)
		tui_first=$(i=0; while [ $i -lt "$RUNS" ]; do rm -rf "$XDG_CACHE_HOME"; pane_ms "Loading .*files|$N articles" "$DOSSIER" --corpus "$C"; i=$((i+1)); done | median)
		tui_cold=$(i=0; while [ $i -lt "$RUNS" ]; do rm -rf "$XDG_CACHE_HOME"; pane_ms "$N articles, [0-9]+ unread \| sort" "$DOSSIER" --corpus "$C"; i=$((i+1)); done | median)
		tui_both=$(i=0; while [ $i -lt "$RUNS" ]; do
			rm -f "$W/tuirss"
			f=$(pane_ms "$N articles, [0-9]+ unread" /usr/bin/time -f %M -o "$W/tuirss" "$DOSSIER" --corpus "$C")
			o=$(key_ms Enter "Text [0-9]+/")
			tmux -L "$SOCK" send-keys -t b q
			k=0; while [ ! -s "$W/tuirss" ] && [ $k -lt 200 ]; do sleep 0.05; k=$((k+1)); done
			echo "$f $o $(cat "$W/tuirss" 2>/dev/null || echo 0)"
			i=$((i+1)); done)
		tui_warm=$(echo "$tui_both" | awk '{print $1}' | median)
		tui_open=$(echo "$tui_both" | awk '{print $2}' | median)
		tui_rss=$(echo "$tui_both" | awk '{print $3}' | median | awk '{printf "%.1f", $1/1024}')
		tmux -L "$SOCK" kill-server 2>/dev/null
	fi

	# the first related list of a collection signs every body (no NAME.sig
	# yet, whatever the reader runs above left); the next reads the file
	rm -f "$XDG_CACHE_HOME"/dossier/*.sig
	simcold=$("$DOSSIER" --corpus "$C" bench-related 1000 | cut -f 5)
	relout=$("$DOSSIER" --corpus "$C" bench-related 1000)
	rel=$(echo "$relout" | cut -f 3)
	simbuild=$(echo "$relout" | cut -f 5)
	rss_rel=$(rss_mb "$DOSSIER" --corpus "$C" bench-related 1000)

	# full text: the index is built by the first query, then timed per query
	rm -f "$XDG_CACHE_HOME"/dossier/*.fts*
	eval "set -- $QUERIES"
	build=$("$DOSSIER" --corpus "$C" bench-query "$@" | awk -F '\t' '$1=="refresh" {print $2}')
	rss_fts=$(rss_mb "$DOSSIER" --corpus "$C" bench-query "$@")
	for q in "$@"; do
		qt=$(i=0; while [ $i -lt "$RUNS" ]; do "$DOSSIER" --corpus "$C" bench-query "$q" | awk -F '\t' '$1=="query" {print $4}'; i=$((i+1)); done | median)
		hits=$("$DOSSIER" --corpus "$C" bench-query "$q" | awk -F '\t' '$1=="query" {print $3}')
		gq=$(med grep -rli -- "$q" "$C")
		[ "$q" = '"flood barrier"' ] && gq=$(med grep -rli -- "flood barrier" "$C")
		add "$N" "full-text \`$q\` ($hits hits), ms/query" "$qt" "grep -rli: $gq" "$(ratio "$qt" "$gq")" ""
	done
	noidx=$("$DOSSIER" --corpus "$C" bench-query --no-index flood | awk -F '\t' '$1=="query" {print $4}')
	# saved searches: every count at once (the index is built from above)
	eval "set -- $SEARCHES_META"
	nmeta=$#
	smeta=$(i=0; while [ $i -lt "$RUNS" ]; do "$DOSSIER" --corpus "$C" bench-searches "$@" | awk -F '\t' '$1=="searches" {print $3}'; i=$((i+1)); done | median)
	eval "set -- $SEARCHES"
	nsearch=$#
	scount=$(i=0; while [ $i -lt "$RUNS" ]; do "$DOSSIER" --corpus "$C" bench-searches "$@" | awk -F '\t' '$1=="searches" {print $3}'; i=$((i+1)); done | median)

	# newsboat on an RSS feed of the same N items from a local file
	nb_fill="-" nb_first="-" nb_list="-" nb_rss="-"
	if command -v newsboat >/dev/null 2>&1; then
		NH="$W/nb$N"
		mkdir -p "$NH/.newsboat"
		python3 "$TOP/tests/bench/rss.py" "$C" "$NH/feed.xml"
		echo "file://$NH/feed.xml" >"$NH/.newsboat/urls"
		nb_fill=$(i=0; while [ $i -lt "$RUNS" ]; do rm -f "$NH/.newsboat/cache.db"; HOME="$NH" time_ms newsboat -x reload; i=$((i+1)); done | median)
		rm -f "$NH/.newsboat/cache.db"
		nb_rss_fill=$(HOME="$NH" rss_mb newsboat -x reload)
		first_list=$(i=0; while [ $i -lt "$RUNS" ]; do
			rm -f "$NH/rss"
			f=$(pane_ms "N \\([0-9]+/[0-9]+.*Bench feed" env HOME="$NH" /usr/bin/time -f %M -o "$NH/rss" newsboat)
			l=$(key_ms Enter "Articles in feed")
			tmux -L "$SOCK" send-keys -t b q q
			k=0; while [ ! -s "$NH/rss" ] && [ $k -lt 200 ]; do sleep 0.05; k=$((k+1)); done
			echo "$f $l $(cat "$NH/rss" 2>/dev/null || echo 0)"
			i=$((i+1)); done)
		nb_first=$(echo "$first_list" | awk '{print $1}' | median)
		nb_list=$(echo "$first_list" | awk '{print $2}' | median)
		nb_rss=$(echo "$first_list" | awk '{print $3}' | median | awk '{printf "%.1f", $1/1024}')
		tmux -L "$SOCK" kill-server 2>/dev/null
	fi

	if [ "$HAVE_TUI" = 1 ]; then
		tui_full=$(echo "$tui_warm $tui_open" | awk '{printf "%.3f", $1+$2}')
		add "$N" "warm start to first screen (reader in tmux: list + status), ms" "$tui_warm" "newsboat first screen: $nb_first" "$(ratio "$tui_warm" "$nb_first")" ""
		add "$N" "warm start + Enter to the first article's text, ms" "$tui_full" "newsboat first screen + Enter to article list: $(echo "$nb_first $nb_list" | awk '{printf "%.3f", $1+$2}')" "$(ratio "$tui_full" "$(echo "$nb_first $nb_list" | awk '{printf "%.3f", $1+$2}')")" ""
		add "$N" "warm start to first screen, ms" "$tui_warm" "newsboat Enter to article list: $nb_list" "$(ratio "$tui_warm" "$nb_list")" "$(target_note "target <= 0.25" "$nb_list")"
		add "$N" "warm start to first screen net of the tmux floor, ms" "$(net "$tui_warm" "$TFLOOR")" "newsboat Enter to article list net of the key floor: $(net "$nb_list" "$KFLOOR")" "$(ratio "$(net "$tui_warm" "$TFLOOR")" "$(net "$nb_list" "$KFLOOR")")" "target <= 0.25 (each program's own time)"
		add "$N" "cold start (no cache) to the first screen (progress line), ms" "$tui_first" "tmux floor: $TFLOOR" "$(ratio "$tui_first" "$TFLOOR")" "target < 300 ms"
		add "$N" "cold start (no cache) to first screen, ms" "$tui_cold" "newsboat cache fill: $nb_fill" "$(ratio "$tui_cold" "$nb_fill")" "target <= 0.25"
		add "$N" "cold start to first screen, ms" "$tui_cold" "read floor: $floor" "$(ratio "$tui_cold" "$floor")" "target <= 3"
		add "$N" "peak RSS of the reader (first screen + Enter), MB" "$tui_rss" "newsboat interactive: $nb_rss" "$(ratio "$tui_rss" "$nb_rss")" "target <= 1"
	fi
	add "$N" "warm load: \`dossier list >/dev/null\` (cache present), ms" "$warm" "newsboat Enter to article list: $nb_list" "$(ratio "$warm" "$nb_list")" ""
	add "$N" "warm load, ms" "$warm" "newsboat first screen: $nb_first" "$(ratio "$warm" "$nb_first")" ""
	add "$N" "cold load: \`dossier list\` (no cache; writes it), ms" "$cold" "newsboat cache fill: $nb_fill" "$(ratio "$cold" "$nb_fill")" "target <= 0.25"
	add "$N" "cold load, process CPU ms (user + sys)" "$cold_cpu" "read floor, CPU of find + cat: $floor_cpu" "$(ratio "$cold_cpu" "$floor_cpu")" "10 ms steps"
	add "$N" "cold load, ms" "$cold" "read floor (cat every file, $mb MB): $floor" "$(ratio "$cold" "$floor")" "target <= 2 (issue 20)"
	add "$N" "\`dossier --no-cache list\`, ms" "$nocache" "read floor: $floor" "$(ratio "$nocache" "$floor")" ""
	add "$N" "full-text index build (first word query), ms" "$build" "newsboat cache fill: $nb_fill" "$(ratio "$build" "$nb_fill")" "lazy, once"
	add "$N" "full-text \`flood\` without the index (reads bodies), ms" "$noidx" "" "" ""
	add "$N" "related list (tags + content), ms/article (1000 articles)" "$rel" "" "" "target < 5"
	add "$N" "signing every body + content index + near-duplicate groups (first related list, no .sig), ms" "$simcold" "" "" "lazy, once"
	add "$N" "the same with the signatures read from NAME.sig, ms" "$simbuild" "" "" "each run that needs them"
	add "$N" "peak RSS with related lists, MB" "$rss_rel" "warm list: $rss_warm" "$(ratio "$rss_rel" "$rss_warm")" "growth = the content index"
	add "$N" "counts of $nmeta saved searches on tags, dates, state (total + unread), ms" "$smeta" "" "" "target < 50 at 100,000"
	add "$N" "counts of $nsearch saved searches, 2 fields and 2 with words among them, ms" "$scount" "" "" "target < 50 at 100,000"
	add "$N" "peak RSS warm list, MB" "$rss_warm" "newsboat interactive: $nb_rss" "$(ratio "$rss_warm" "$nb_rss")" "target <= 1"
	add "$N" "peak RSS cold list, MB" "$rss_cold" "newsboat -x reload: $nb_rss_fill" "$(ratio "$rss_cold" "${nb_rss_fill:--}")" ""
	add "$N" "peak RSS with full-text queries, MB" "$rss_fts" "" "" ""
	rm -rf "$C" "$W/nb$N" "$XDG_CACHE_HOME"
done

# keystroke to redraw on a 1 MB article: the headless reader (the same key
# path and drawing into its grid, no terminal) runs a script of K scroll
# keys; (time with keys - time without) / K
REDRAW="-"
if [ "$HAVE_TUI" = 1 ]; then
	B="$W/big"
	mkdir -p "$B"
	python3 - "$B/one.md" <<'PY'
import random, sys
rng = random.Random(1)
words = "the council budget river harbour barrier flood energy grid heat pump port strike water drought".split()
out, size = ["---\ntitle: One megabyte\n---\n"], 0
while size < 1 << 20:
    p = " ".join(rng.choice(words) for _ in range(rng.randint(40, 120))) + ".\n\n"
    out.append(p)
    size += len(p)
open(sys.argv[1], "w").write("".join(out))
PY
	K=200
	printf '<Enter> 2\n' >"$W/s0"
	{ printf '<Enter> 2\n'; i=0; while [ $i -lt $K ]; do printf 'j <PageDown> '; i=$((i+1)); done; printf '\n'; } >"$W/s1"
	"$DOSSIER" --corpus "$B" list >/dev/null
	t0=$(med "$DOSSIER" --corpus "$B" --headless 120x40 --script "$W/s0")
	t1=$(med "$DOSSIER" --corpus "$B" --headless 120x40 --script "$W/s1")
	REDRAW=$(echo "$t1 $t0 $K" | awk '{printf "%.3f", ($1-$2)/($3*2)}')
fi

cpu=$(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)
ram=$(awk '/MemTotal/ {printf "%.1f GB", $2/1048576}' /proc/meminfo)
nbv=$(newsboat -v 2>/dev/null | head -n 1)
{
	echo "# Benchmarks"
	echo
	echo "Generated by \`make bench\` (tests/bench/bench.sh) — do not edit by hand;"
	echo "the sections at the end come from other scripts, named in each, and are kept."
	echo
	echo "- command: \`make bench\` with BENCH_SIZES=\"$SIZES\" BENCH_RUNS=$RUNS GEN=$GEN"
	if [ "$GEN" = real ]; then
		echo "- collections: tests/bench/genreal.py — the character mix of real posts"
		echo "  (curly quotes, dashes, accented names, Cyrillic, Greek, Arabic and CJK"
		echo "  paragraphs in places: 2 % of bytes non-ASCII), Markdown with links,"
		echo "  lists, images, code and tables, 8 % HTML bodies, Jekyll and Hugo front"
		echo "  matter, sizes lognormal (median 4 KB, up to 1 MB). Rows before issue 20"
		echo "  used GEN=plain (gen.py: near-ASCII prose, 3-6 KB)."
	else
		echo "- collections: tests/bench/gen.py (GEN=plain: near-ASCII prose, 3-6 KB)"
	fi
	echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC')"
	echo "- machine: $(nproc) cores, $cpu, $ram RAM; $(uname -sr)"
	echo "- dossier $(git -C "$TOP" rev-parse --short HEAD 2>/dev/null); ${nbv:-newsboat not available}"
	echo "- medians of $RUNS runs, warm page cache; times in ms. The machine is shared:"
	echo "  compare the ratios (same run), not absolute numbers."
	if [ "$HAVE_TUI" = 0 ]; then
		echo "- The interactive reader is not on main yet: start-up is measured as"
		echo "  \`dossier list >/dev/null\` (load + every title printed), labelled so."
	fi
	echo "- newsboat: RSS feed of the same N items (title + body) from a file:// URL,"
	echo "  isolated HOME; first screen and Enter-to-article-list timed in tmux by"
	echo "  polling the pane; RSS with /usr/bin/time."
	echo "- floor of the tmux method (new session + polling until a shell's one"
	echo "  line shows): $TFLOOR ms; of a key (Enter to a shell's echo): $KFLOOR ms."
	echo "  Every time taken in tmux includes one of them; the \"net\" rows take it"
	echo "  out, which matters where the times are small (1k, 10k)."
	echo "- The poller (a tmux client per poll) keeps one of the two cores busy, so a"
	echo "  cold start in tmux cannot use both cores the way \`dossier list\` does."
	echo
	echo "Keystroke to redraw on a 1 MB article (headless reader, 400 keys j/PageDown,"
	echo "key path + layout + drawing into the grid, no terminal I/O): **$REDRAW ms** per key"
	echo "(target < 1 ms)."
	echo
	echo "| N | measure | dossier | beside it | ratio | note |"
	echo "|---:|---|---:|---|---:|---|"
	printf '%s' "$ROWS" | awk -F '|' 'NF >= 6 {printf "| %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6}'
	# related by content on a real collection, its own tags as the truth
	# (never used to rank): precision of the first 5 against a plain TF-IDF
	# cosine over every kept word of the rendered texts
	SIMC=${BENCH_SIMILAR_CORPUS:-/work/corpora/opensuse/_posts}
	if [ -d "$SIMC" ]; then
		echo
		echo "Related by content, tags not used to rank, on \`$SIMC\`"
		echo "(\`dossier --no-cache --corpus DIR bench-similar 300\`): of the first 5"
		echo "related articles of 300 sampled articles that carry a topic tag (a tag on"
		echo "at least 2 and under a fifth of the articles), how many share such a tag."
		echo
		echo '```'
		"$DOSSIER" --no-cache --corpus "$SIMC" bench-similar 300
		echo '```'
	fi
	if [ -n "$KEEP" ]; then echo; printf '%s\n' "$KEEP"; fi
} >"$OUT"
echo "bench: wrote $OUT" >&2

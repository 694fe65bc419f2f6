#!/bin/sh
# The renderer's speed targets (issue 14), each beside a yardstick timed in
# the same run: a 1 MB Markdown article renders in under 20 ms (beside
# md4c's own parse of the same bytes with callbacks that do nothing); a
# 1 MB HTML page (beside libxml2's parse alone); keystroke to redraw on the
# 1 MB Markdown article under 1 ms (beside the same file read as plain
# text: the cost of drawing styles, prefixes and the link list). Never part of make check (timing is not a test). `make bench`
# runs it after bench.sh; with BENCH_OUT=FILE it rewrites the
# "<!-- bench-render -->" section of FILE (BENCHMARKS.md), kept by bench.sh.
#   sh tests/bench/render.sh            (after make; prints the table)
set -eu
TOP=$(cd "$(dirname "$0")/../.." && pwd)
DOSSIER=${DOSSIER:-$TOP/${BUILD:-build}/dossier}
RUNS=${BENCH_RUNS:-15}
TMP=$(mktemp -d "${TMPDIR:-/tmp}/dossier-bench-render.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
python3 - "$TMP" <<'PY'
import sys, os
d = sys.argv[1]
blk, notes = [], []
i = 0
while sum(map(len, blk)) + sum(map(len, notes)) < 1_000_000:
    i += 1
    ref = f"[^n{i}]" if i % 20 == 0 else ""
    if ref:
        notes.append(f"[^n{i}]: The log for berth {i} — kept by the harbour office.\n"
                     f"    A second line of the note, indented.\n")
    blk.append(f"## Section {i}: the harbour’s week\n\n"
               f"The *council* voted on **Monday** to keep berth {i} open{ref} — see the "
               f"[minutes](https://example.org/minutes/{i}) and `pier {i}`; the café stayed "
               f"open (東京 delegation 🚢). A <em>second</em> line follows with ~~old~~ news.\n\n"
               f"- first point about berth {i}\n  - nested detail\n    1. deeper still\n- second point\n\n"
               f"> “We planned for this,” said the harbour master.\n\n"
               f"```\nberth {i}  open\n```\n\n"
               f"| Berth | Tonnes | Note |\n|---|--:|---|\n| {i} | {i * 7} | grain |\n\n"
               "{{< figure src=\"/a.jpg\" caption=\"A crane\" >}}\n\n")
md = "".join(blk) + "\n" + "".join(notes)
open(os.path.join(d, "big.md"), "w").write(md)
for sub, name in (("md", "one.md"), ("txt", "one.txt")):
    os.makedirs(os.path.join(d, sub))
    open(os.path.join(d, sub, name), "w").write("---\ntitle: One megabyte\n---\n" + md)
html = []
i = 0
while sum(map(len, html)) < 1_000_000:
    i += 1
    html.append(f"<h2>Section {i}</h2><p>The <b>council</b> voted &mdash; see <a href=\"https://e.org/{i}\">"
                f"the minutes</a>.<br>Second line.</p><ul><li>one</li><li>two <em>x</em></li></ul>"
                f"<table><tr><th>a</th><th>b</th></tr><tr><td>{i}</td><td>y</td></tr></table>\n")
open(os.path.join(d, "big.html"), "w").write("<html><body>" + "".join(html) + "</body></html>")
PY
# one bench-render run: "median min faults" (ms, ms, minor page faults per
# render: fresh memory touched) of RUNS renders in one process
br() { "$DOSSIER" bench-render "$@" "$RUNS" | cut -f3,4,7 | tr '\t' ' '; }
ratio() { echo "$1 $2" | awk '{ if ($2+0 > 0) printf "%.2f", $1/$2; else print "-" }'; }
set -- $(br "$TMP/big.md"); md=$1 mdmin=$2 mdpf=$3
set -- $(br --baseline "$TMP/big.md"); md0=$1 md0min=$2 md0pf=$3
set -- $(br --format html "$TMP/big.html"); html=$1 htmlpf=$3
set -- $(br --baseline --format html "$TMP/big.html"); html0=$1 html0pf=$3
bytes=$(wc -c <"$TMP/big.md" | tr -d ' ')
hbytes=$(wc -c <"$TMP/big.html" | tr -d ' ')

# keystroke to redraw: the headless reader (key path, layout, drawing into
# its grid, no terminal) with K scroll keys, less the same without them
now_ms() { date +%s%N | awk '{printf "%.3f\n", $1 / 1000000}'; }
median() { sort -g | awk '{v[NR]=$1} END {if (NR%2) print v[(NR+1)/2]; else printf "%.3f\n", (v[NR/2]+v[NR/2+1])/2}'; }
med_ms() {
	i=0
	while [ $i -lt "$RUNS" ]; do
		t0=$(now_ms); "$@" >/dev/null 2>&1; t1=$(now_ms)
		echo "$t1 $t0" | awk '{printf "%.3f\n", $1-$2}'
		i=$((i + 1))
	done | median
}
K=1000 # pairs; PageDown then PageUp always move, so every key redraws
export XDG_STATE_HOME="$TMP/state" XDG_CACHE_HOME="$TMP/cache"
keys() { # keys N: open the article, N x (PageDown PageUp)
	printf '<Enter> 2\n'; i=0; while [ $i -lt "$1" ]; do printf '<PageDown> <PageUp> '; i=$((i + 1)); done; printf '\n'
}
keys 0 >"$TMP/s0"
keys "$K" >"$TMP/s1"
per_key() { # per_key COLLECTION: ms per key on its one article
	"$DOSSIER" --corpus "$1" list >/dev/null
	a=$(med_ms "$DOSSIER" --corpus "$1" --headless 120x40 --script "$TMP/s0")
	b=$(med_ms "$DOSSIER" --corpus "$1" --headless 120x40 --script "$TMP/s1")
	echo "$b $a $K" | awk '{printf "%.3f", ($1-$2)/($3*2)}'
}
key_md=$(per_key "$TMP/md")
key_txt=$(per_key "$TMP/txt")

rows() {
	printf '| rendering 1 MB Markdown (median) | %s ms (min %s; %s page faults a render) | md4c parse alone, no-op callbacks: %s ms (min %s; %s faults) | %s | < 20 ms |\n' \
		"$md" "$mdmin" "$mdpf" "$md0" "$md0min" "$md0pf" "$(ratio "$md" "$md0") (of the minima: $(ratio "$mdmin" "$md0min"))"
	printf '| rendering 1 MB HTML (median) | %s ms (%s faults) | libxml2 htmlReadMemory alone: %s ms (%s faults) | %s | — |\n' \
		"$html" "$htmlpf" "$html0" "$html0pf" "$(ratio "$html" "$html0")"
	printf '| keystroke to redraw, 1 MB Markdown rendered | %s ms | same file as plain text: %s ms | %s | < 1 ms |\n' \
		"$key_md" "$key_txt" "$(ratio "$key_md" "$key_txt")"
}
table() {
	echo "| measure | dossier | beside it (same run) | ratio | target |"
	echo "|---|---:|---|---:|---|"
	rows
}
if [ -z "${BENCH_OUT:-}" ]; then
	table
	exit 0
fi
cpu=$(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)
{
	echo "<!-- bench-render -->"
	echo "## Rendering (issue 14): Markdown, HTML, keystroke to redraw"
	echo
	echo "From \`sh tests/bench/render.sh\` (run by \`make bench\` after bench.sh),"
	echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $cpu, load $(cut -d' ' -f1-3 /proc/loadavg);"
	echo "dossier $(git -C "$TOP" rev-parse --short HEAD 2>/dev/null). Medians of $RUNS runs in one process"
	echo "(\`dossier bench-render [--baseline] FILE RUNS\`); the Markdown article ($bytes bytes) has"
	echo "headings, emphasis, links, nested lists, quotes, code blocks, tables, inline HTML, a"
	echo "shortcode per section and a footnote every 20 sections; the HTML page is $hbytes bytes."
	echo "Keystroke to redraw: the headless reader (120x40) with $K × (PageDown, PageUp) less"
	echo "the same without them, per key. The machine is shared: compare the ratios."
	echo
	table
	echo "<!-- /bench-render -->"
} >"$TMP/section"
if grep -q '^<!-- bench-render -->$' "$BENCH_OUT" 2>/dev/null; then
	awk -v f="$TMP/section" '
		/^<!-- bench-render -->$/ {while ((getline l < f) > 0) print l; skip = 1; next}
		/^<!-- \/bench-render -->$/ {skip = 0; next}
		!skip {print}' "$BENCH_OUT" >"$TMP/out"
	cat "$TMP/out" >"$BENCH_OUT"
else
	{ echo; cat "$TMP/section"; } >>"$BENCH_OUT"
fi
echo "bench: wrote the rendering section of $BENCH_OUT" >&2

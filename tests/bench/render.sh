#!/bin/sh
# The renderer's speed target (issue 14): a 1 MB Markdown article renders
# in under 20 ms. Generates the article (headings, paragraphs with emphasis
# and links, nested lists, quotes, code blocks, tables, inline HTML and a
# shortcode), renders it RUNS times in one process and prints the median.
# Also a 1 MB HTML page. Never part of make check (timing is not a test).
#   sh tests/bench/render.sh            (after make)
set -eu
TOP=$(cd "$(dirname "$0")/../.." && pwd)
DOSSIER=${DOSSIER:-$TOP/${BUILD:-build}/dossier}
RUNS=${BENCH_RUNS:-15}
TMP=$(mktemp -d "${TMPDIR:-/tmp}/dossier-bench-render.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
python3 - "$TMP" <<'PY'
import sys, os
d = sys.argv[1]
blk = []
i = 0
while sum(map(len, blk)) < 1_000_000:
    i += 1
    blk.append(f"## Section {i}: the harbour’s week\n\n"
               f"The *council* voted on **Monday** to keep berth {i} open — see the "
               f"[minutes](https://example.org/minutes/{i}) and `pier {i}`; the café stayed "
               f"open (東京 delegation 🚢). A <em>second</em> line follows with ~~old~~ news.\n\n"
               f"- first point about berth {i}\n  - nested detail\n    1. deeper still\n- second point\n\n"
               f"> “We planned for this,” said the harbour master.\n\n"
               f"```\nberth {i}  open\n```\n\n"
               f"| Berth | Tonnes | Note |\n|---|--:|---|\n| {i} | {i * 7} | grain |\n\n"
               "{{< figure src=\"/a.jpg\" caption=\"A crane\" >}}\n\n")
open(os.path.join(d, "big.md"), "w").write("".join(blk))
html = []
i = 0
while sum(map(len, html)) < 1_000_000:
    i += 1
    html.append(f"<h2>Section {i}</h2><p>The <b>council</b> voted &mdash; see <a href=\"https://e.org/{i}\">"
                f"the minutes</a>.<br>Second line.</p><ul><li>one</li><li>two <em>x</em></li></ul>"
                f"<table><tr><th>a</th><th>b</th></tr><tr><td>{i}</td><td>y</td></tr></table>\n")
open(os.path.join(d, "big.html"), "w").write("<html><body>" + "".join(html) + "</body></html>")
PY
printf 'what\tbytes\tmedian ms\tmin ms\tlines\tlinks\n'
"$DOSSIER" bench-render "$TMP/big.md" "$RUNS" | sed 's/^render/markdown/'
"$DOSSIER" bench-render --format html "$TMP/big.html" "$RUNS" | sed 's/^render/html/'

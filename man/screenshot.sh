#!/bin/sh
# Regenerate man/screenshot.png (the README picture) from a real terminal
# (the sample collection's draft explainer, rendered from its Markdown):
# the reader runs in a detached tmux of fixed size, is driven by keys, its
# screen is captured with colours, turned into HTML by aha and rendered to
# PNG by headless Chromium. Run from the top folder: `make screenshot`.
set -eu
COLS=132 ROWS=36            # terminal size: three panes side by side
FONT_PX=15 LINE_PX=17       # line height under the font's box-glyph height, so │ joins
PAD=14                      # margin around the terminal, in pixels
OUT=man/screenshot.png
DOSSIER=${DOSSIER:-build/dossier}  # the Makefile passes $(BUILD)/dossier
[ -x "$DOSSIER" ] || { echo "screenshot: $DOSSIER missing (run make)" >&2; exit 1; }
sh tests/deps.sh tmux aha chromium fonts-dejavu-core optipng

# Everything private in one temporary folder: HOME and XDG dirs (the user's
# reading state and config stay untouched), the tmux socket, the browser profile.
tmp=$(mktemp -d)
tm() { tmux -S "$tmp/tmux.sock" "$@"; }
trap 'tm kill-server 2>/dev/null || true; rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM
mkdir -p "$tmp/home" "$tmp/config" "$tmp/state" "$tmp/data" "$tmp/cache"

# No tmux status bar (all ROWS go to the reader), 256 colours inside.
printf 'set -g status off\nset -g default-terminal tmux-256color\n' >"$tmp/tmux.conf"
unset TMUX NO_COLOR
env HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/config" XDG_STATE_HOME="$tmp/state" \
	XDG_DATA_HOME="$tmp/data" XDG_CACHE_HOME="$tmp/cache" LC_ALL=C.UTF-8 TERM=xterm-256color \
	tmux -S "$tmp/tmux.sock" -f "$tmp/tmux.conf" new-session -d -s shot -x "$COLS" -y "$ROWS" \
	"$DOSSIER --corpus examples"

# Synchronise on what the screen shows, never on time: poll until TEXT appears.
wait_for() {
	n=0
	until tm capture-pane -p -t shot 2>/dev/null | grep -qF -- "$1"; do
		n=$((n + 1))
		[ "$n" -lt 200 ] || { echo "screenshot: timed out waiting for '$1'" >&2; tm capture-pane -p -t shot >&2; exit 1; }
		sleep 0.05
	done
}
key() { tm send-keys -t shot "$@"; }

wait_for "26 articles, 26 unread"          # collection loaded
key /; key -l drawdown; key Enter; wait_for "Draft: what is in" # find the draft explainer by title
key Enter;            wait_for "25 unread"   # open it: a rendered Markdown article
key 2;                wait_for "> Text"      # focus the text pane
key G;                wait_for "Links:"      # to the end: headings, a list, strong text,
                                             # link numbers, the note and the link list

# Two aha quirks: it ignores SGR 2 (dim), which draws the pane borders and
# dates -- the default colours use no italic, so dim goes on as italic (3),
# styled as dim below; and a default-colour 39/49 right after reverse video
# (tmux writes ESC[0;7m ESC[39m ESC[49m) cancels the reverse, so drop 39/49
# after a reset, where they change nothing.
tm capture-pane -e -p -t shot |
	sed -e 's/\x1b\[\(0;\)\?2m/\x1b[\13m/g' \
		-e 's/\(\x1b\[0[0-9;]*m\)\x1b\[39m/\1/g' -e 's/\(\x1b\[0[0-9;]*m\)\x1b\[49m/\1/g' |
	aha --stylesheet --black --title dossier >"$tmp/raw.html"

# A dark terminal palette and DejaVu Sans Mono replace aha's stylesheet.
cat >"$tmp/style.css" <<EOF
body { margin: 0; padding: ${PAD}px; background: #1c1f24; color: #d7dae0; }
pre { margin: 0; font: ${FONT_PX}px/${LINE_PX}px 'DejaVu Sans Mono', monospace; }
.reset { color: #d7dae0; } .bg-reset { background: #1c1f24; }
.inverted { color: #1c1f24; } .bg-inverted { background: #d7dae0; }
.dimgray { color: #1c1f24; } .bg-black { background: #1c1f24; }
.red { color: #e06c75; } .bg-red { background: #e06c75; }
.green { color: #98c379; } .bg-green { background: #98c379; }
.yellow { color: #e5c07b; } .bg-yellow { background: #e5c07b; }
.blue { color: #61afef; } .bg-blue { background: #61afef; }
.purple { color: #c678dd; } .bg-purple { background: #c678dd; }
.cyan { color: #56b6c2; } .bg-cyan { background: #56b6c2; }
.white { color: #d7dae0; } .bg-white { background: #d7dae0; }
.bold { font-weight: bold; } .underline { text-decoration: underline; }
.italic { opacity: 0.5; }
EOF
# keep aha's markup, swap its <style> block for ours
sed '/<style/,/<\/style>/d; s#</head>#<style type="text/css">\n__CSS__\n</style>\n</head>#' "$tmp/raw.html" |
	sed -e "/__CSS__/{r $tmp/style.css" -e 'd}' >"$tmp/screen.html"

# Window = the terminal grid: DejaVu Sans Mono's advance is 1233/2048 em.
W=$(( (COLS * FONT_PX * 1233 + 2047) / 2048 + 2 * PAD ))
H=$(( ROWS * LINE_PX + 2 * PAD ))
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
	--disable-background-networking --disable-component-update --disable-sync \
	--user-data-dir="$tmp/chromium" --hide-scrollbars --window-size="$W,$H" \
	--screenshot="$tmp/shot.png" "file://$tmp/screen.html" >"$tmp/chromium.log" 2>&1 || {
	cat "$tmp/chromium.log" >&2; exit 1; }
# Chromium writes fast, loose PNGs; optipng keeps the picture lossless and small.
optipng -quiet -o2 "$tmp/shot.png"
cp "$tmp/shot.png" "$OUT"
echo "screenshot: wrote $OUT (${W}x${H})"

#!/bin/sh
# Mouse drag selects (issue 17) in a real terminal: tmux types SGR mouse
# reports (ESC [ < b ; x ; y M/m, as xterm sends them with modes 1002 and
# 1006) into the reader's pty; the reader must turn on button-event
# tracking itself (ncurses asks only for 1000), select from the press to
# the release in whole clusters, and hand the selection to y and m.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../tmuxlib.sh"

C="$TMP/c"
mkdir -p "$C"
cat >"$C/harbour.md" <<'ART'
---
title: Harbour cranes return
date: 2024-06-06
authors: [Lena Ortiz]
source: Port Gazette
url: https://example.org/harbour
---
The cranes at the east quay — idle since spring — moved again on Monday.
Dock workers in Tōkyō said 東京 crews watched the café's owner wave 👩‍👩‍👧.
ART
printf '#!/bin/sh\ncat >"%s/copied"\n' "$TMP" >"$TMP/rec"
chmod +x "$TMP/rec"
printf 'copy:\n  osc52: false\n  command: %s/rec\n' "$TMP" >"$TMP/cfg.yaml"
ST="$TMP/state.yaml"
# SGR reports: button;column;row, 1-based; M is a press or a motion, m a release
press() { T send-keys -t t -l "$(printf '\033[<0;%s;%sM' "$1" "$2")"; }
drag() { T send-keys -t t -l "$(printf '\033[<32;%s;%sM' "$1" "$2")"; }
release() { T send-keys -t t -l "$(printf '\033[<0;%s;%sm' "$1" "$2")"; }

# ncurses keeps only the last of several mouse reports read at once (a
# press that arrives with its first motion is lost), so each press is
# seen on the screen before the pointer moves, as a hand would do.
# the reader starts once the pty stream is recorded (its first bytes too)
start 100 24 "while [ ! -e $TMP/go ]; do sleep 0.05; done; TERM=xterm-256color $DOSSIER --corpus $C --state $ST --config $TMP/cfg.yaml"
T pipe-pane -t t -o "cat > $TMP/stream"
touch "$TMP/go"
check "reader up" "Articles 1/1"
T send-keys -t t Enter
check "article open" "workers in Tōkyō said 東京 crews watched"
# the text starts in column 33; 東 is columns 55-56 of row 10: a press on
# its right half, a drag back to the space after "workers" (16
# characters), then onto the next row and a release on the second column
# of the ZWJ family (columns 55-56 of row 11)
press 56 10
check "the press puts the cursor there" "> Text 9/10"
drag 40 10
check "the selection grows with its length" "Selected 16 characters: "
drag 56 11
release 56 11
check "released: the selection stays" "Selected 44 characters by mouse: m marks, y copies, \| pipes"
T send-keys -t t y
check "y copies the dragged selection" "Copied 44 characters with the citation to rec\."
want="“東京 crews watched the café's owner wave 👩‍👩‍👧”"
assert_eq "whole clusters from the press to the release" "$want" "$(head -n 1 "$TMP/copied" 2>/dev/null)"
T send-keys -t t m
check "m marks the dragged selection" "Marked 44 characters \(1 in this article\)"
# a click without a drag selects nothing; it ends a selection
press 40 8
check "a second press" "> Text 7/10"
drag 45 8
check "a second drag" "Selected 6 characters: "
release 45 8
check "a second release" "Selected 6 characters by mouse"
press 40 9
release 40 9
check "a click ends the selection" "Selection ended\."
T send-keys -t t q
check "quit" "EXIT=0"
T pipe-pane -t t
if grep -q "$(printf '\033\\[?1002h')" "$TMP/stream" 2>/dev/null; then pass "button-event tracking on"
else fail "button-event tracking on" "no ESC [ ? 1002 h in the pty stream"; fi
if grep -q "$(printf '\033\\[?1002l')" "$TMP/stream" 2>/dev/null; then pass "and off at the end"
else fail "and off at the end" "no ESC [ ? 1002 l in the pty stream"; fi
run_status "$DOSSIER" --corpus "$C" --state "$ST" marks
assert_match "the mark holds the dragged words" "harbour	[0-9]+	[0-9]+	ok	東京 crews watched the café's owner wave" "$OUT"

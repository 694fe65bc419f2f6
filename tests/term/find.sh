#!/bin/sh
# Finding things in a real terminal (tmux): the filter prompt typed key by
# key (as-you-type results, an error with its column, Ctrl-W, Esc restoring,
# history), the search highlight as the terminal draws it (capture-pane -e
# escape codes, with and without colour) and the tag browser.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../tmuxlib.sh"
# each part starts on a fresh reading state (a restart reopens the article
# read last)

gone() { # gone NAME PATTERN: poll until no line matches
	i=0
	while [ $i -lt 200 ]; do
		if ! T capture-pane -p -t t 2>/dev/null | grep -Eq -- "$2"; then pass "$1"; return; fi
		i=$((i + 1)); sleep 0.05
	done
	fail "$1" "/$2/ still on screen"; T capture-pane -p -t t >&2
}

# ---- the filter prompt
start 100 30 "cd $TOP && $DOSSIER --corpus tests/data/find"
check "start" "Articles 1/5"
T send-keys -t t f
check "f opens the filter prompt" "^filter: *$"
T send-keys -t t -l "tag:econ"
check "filters as you type (partial tag)" "filter: tag:econ, 0 of 5"
T send-keys -t t -l "omy"
check "filters as you type (whole tag)" "filter: tag:economy, 3 of 5"
gone "non-matching titles leave the list" "Drone strikes"
T send-keys -t t -l " ("
check "a parse error names its column" "col 14: expected a term after '\('"
check "the last good result stays" "filter: tag:economy, 3 of 5"
T send-keys -t t BSpace BSpace Enter
check "Enter keeps the filter" "3 of 5 articles match"
T send-keys -t t f C-w
check "Ctrl-W erases the word (live: no filter)" "filter: none"
T send-keys -t t Escape
check "Esc restores the filter from before" "filter: tag:economy, 3 of 5"
T send-keys -t t f C-u Up
check "Up recalls the history" "^filter: tag:economy"
T send-keys -t t C-u Enter
check "an empty filter clears it" "Filter cleared"
T send-keys -t t f
T send-keys -t t -l "source:wire"
T send-keys -t t Enter
check "a second filter" "filter: source:wire, 3 of 5"
T send-keys -t t F
check "F clears the filter" "Filter cleared: 5 articles"
T send-keys -t t q
check "quit" "EXIT=0"

# ---- the search highlight as the terminal shows it
# NO_COLOR (set by lib.sh): hits are drawn in reverse video.
hit_escape() { # the SGR sequence right before the first "$1" on the screen
	T capture-pane -p -e -t t | grep -a -- "$1" | head -n 1 |
		sed -n "s/.*\(\[[0-9;]*m\)$1.*/\1/p"
}
start 100 30 "cd $TOP && XDG_STATE_HOME=$TMP/st1 $DOSSIER --corpus tests/data/find"
check "start for search" "Articles 1/5"
T send-keys -t t j Enter 2 /
T send-keys -t t -l "kyiv"
check "search as you type counts hits" "hit 1/8"
T send-keys -t t Enter
check "Enter keeps the search" "^hit 1/8"
line=$(T capture-pane -p -e -t t | grep -a "is the capital" | head -n 1 | cat -v)
# "^[[7mKyiv^[[0m... is the capital. ^[[7mKYIV" : each hit starts reverse
# video, and what lies between hits is drawn without it
assert_match "a hit is in reverse video (NO_COLOR)" '\^\[\[([0-9]+;)*7m(\^\[\[[0-9;]*m)*Kyiv\^\[' "$line"
assert_match "every hit on the line, folded (KYIV, kyiv)" \
	'7mKYIV\^\[\[[0-9;]*m[^K]* again, and \^\[\[([0-9]+;)*7mkyiv' "$line"
assert_no_match "text between hits is not highlighted" '7m is the capital' "$line"
line=$(T capture-pane -p -e -t t | grep -a "case, but not" | head -n 1 | cat -v)
assert_match "a hit inside a longer word (substring)" '7mKyiv\^\[\[[0-9;]*m[^a]*an\.' "$line"
T send-keys -t t n n n n n n n
check "n moves to the last hit" "^hit 8/8"
T send-keys -t t n
check "n wraps with a note" "search wrapped to top: hit 1/8"
T send-keys -t t N
check "N wraps with a note" "search wrapped to bottom: hit 8/8"
T send-keys -t t q
check "quit after search" "EXIT=0"

# With colours: the configured colour of the current hit.
start 100 30 "cd $TOP && XDG_STATE_HOME=$TMP/st2 NO_COLOR= $DOSSIER --corpus tests/data/find"
check "start with colour" "Articles 1/5"
T send-keys -t t j Enter 2 /
T send-keys -t t -l "capital"
T send-keys -t t Enter
check "colour search" "^hit 1/1"
line=$(T capture-pane -p -e -t t | grep -a "Kyiv is the" | head -n 1 | cat -v)
# the only hit is the current one: search-current, black on magenta: SGR
# 30 and 45 (tmux may emit them in one or two sequences); the other hits'
# black on cyan is checked in tests/term/display.sh
assert_match "the current hit has the search-current colours (black on magenta)" \
	'(\[([0-9]+;)*30(;[0-9]+)*m.*45|45.*30)[0-9;]*mcapital' "$line"
T send-keys -t t q

# ---- the tag browser
start 100 30 "cd $TOP && XDG_STATE_HOME=$TMP/st3 $DOSSIER --corpus tests/data/find"
check "start for tags" "Articles 1/5"
T send-keys -t t t
check "t opens the tag browser" "Tags \([0-9]+\), by count"
check "counts per tag" "economy +3 +3 +0"
check "a sparkline per tag" "economy +3 +3 +0 +█ +█ +█"
T send-keys -t t s
check "s sorts by name" "Tags \([0-9]+\), by name"
T send-keys -t t /
T send-keys -t t -l "war"
T send-keys -t t Enter Enter
check "Enter filters by the tag" "filter: tag:war, 2 of 5"
gone "the overlay closed" "Tags \([0-9]+\)"
T send-keys -t t t Escape
gone "Esc closes the tag browser" "Tags \([0-9]+\)"
T send-keys -t t q
check "quit after tags" "EXIT=0"

# ---- LANG=C: the sparkline and the prompt stay ASCII
printf 't :dump\nq f tag : econ :dump\n' >"$TMP/c.keys"
out=$(cd "$TOP" && LC_ALL=C LANG=C "$DOSSIER" --corpus tests/data/find --headless 80x20 --script "$TMP/c.keys")
if printf '%s' "$out" | LC_ALL=C grep -q "$(printf '[\200-\377]')"; then
	fail "LANG=C tag browser and prompt emit only ASCII"
else pass "LANG=C tag browser and prompt emit only ASCII"; fi
assert_match "LANG=C sparkline uses ASCII levels" "economy +3 +[0-9]+ +[0-9]+ +@  @    @" "$out"
assert_match "LANG=C filter prompt" "^filter: tag:econ +0 of 5" "$out"

#!/bin/sh
# Near-duplicates in a real terminal: the signatures are made on a
# background job once the list is up, then the two copies of one story fold
# into one row with their count; z shows the copy under it and folds it
# again; the related pane of the story never offers its copy.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../tmuxlib.sh"
mkdir -p "$TMP/news"
cp -R "$TOP/tests/data/similar/." "$TMP/news/"
start 100 20 "$DOSSIER --corpus $TMP/news"
check "the copies fold into one row once the texts are read" "• 2024-03-05 \(2\) Port stoppag"
check "three rows for four articles" "Articles 1/3"
T send-keys -t t G z
check "z shows the copy under its row" "2024-03-04 +└ Dock workers"
check "z says so" "Showing 2 copies"
T send-keys -t t j Enter
check "the copy opens" "Title: +Dock workers strike at the"
check "its related pane: the follow-up" "│ Harbour talks resume"
if T capture-pane -p -t t | sed -n '2,6p' | grep -q '│ Port stoppage'; then
	fail "the related pane offers no copy" "$(T capture-pane -p -t t)"
else pass "the related pane offers no copy"; fi
T send-keys -t t z
check "z folds it again" "Folded 2 copies"
check "back to three rows" "Articles 3/3"
T send-keys -t t q
check "quits" "EXIT=0"

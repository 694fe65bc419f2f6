#!/bin/sh
# suite: alongside
# A warm start of a large collection (issue 20, a million articles): the
# first screen lists the 2,000 newest articles from the cache's index,
# with "Loading: N of 25,000 articles" in the status line, while the whole
# snapshot is decoded behind it; keys work on that list (the cursor
# moves, a filter applies); then the whole list replaces it with the
# cursor still on its article and the filter kept, the refresh's "checking
# files" runs and goes, nothing is said about changes. A second start,
# after an article was opened, opens it again on the first screen.
# DOSSIER_TEST_JOB_DELAY_MS holds the background jobs back so that the
# first screen and the keys come first; the screens are polled.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../tmuxlib.sh"

C="$TMP/big"
python3 "$(dirname "$0")/warmcoll.py" "$C"
"$DOSSIER" --corpus "$C" refresh >/dev/null # the cache, its index and a full check

start 120 20 "DOSSIER_TEST_JOB_DELAY_MS=2500 $DOSSIER --corpus $C"
check "the first screen lists the newest from the index" "2000 articles, 2000 unread \\| Loading: 2,000 of 25,000 articles"
check "... newest first" "^▶ 2058-[0-9-]* “Headline 24999”"
T send-keys -t t j j
check "keys move the cursor on the first list" "Loading: 2,000 of 25,000 articles \\| sort: date \\| 3/2000"
T send-keys -t t f "tag:t0" Enter
# (the filter's own job is held back too: it may apply to either list)
check "a filter typed on the first list" "filter: tag:t0"
check "the whole list replaces it, the filter kept" "filter: tag:t0, 8334 of 25000"
check "the refresh runs, then its note goes" "filter: tag:t0, 8334 of 25000 \\| 25000 unread in all \\| sort"
T send-keys -t t F
check "the whole collection" "25000 articles, 25000 unread \\| sort: date \\| [0-9]+/25000"
screen=$(T capture-pane -p -t t)
case "$screen" in
*"Updated from the folder"*) fail "an unchanged folder says nothing" "$screen" ;;
*) pass "an unchanged folder says nothing" ;;
esac
# open an article deep in the list (G: the oldest), quit
T send-keys -t t G Enter
check "the oldest opened" "Headline 0”"
T send-keys -t t q
check "quit" "EXIT=0"

start 120 20 "DOSSIER_TEST_JOB_DELAY_MS=2500 $DOSSIER --corpus $C"
check "a restart's first list holds the article read last" "Loading: 2,[0-9]+ of 25,000 articles \\| sort: date \\| 2[0-9]{3}/2[0-9]{3}"
check "... open at once" "Title: +“Headline 0” — Zoë Brontë"
check "then the whole list, still on it" "25000 articles, 24999 unread .*\\| 25000/25000"
T send-keys -t t q
check "quit again" "EXIT=0"

# a file added while the reader was closed: first list, whole snapshot,
# then the refresh's result with what changed said, as without a first list
printf -- '---\ntitle: “Naïve résumé” added later\ndate: 2070-01-01\n---\nBody.\n' >"$C/later.md"
start 120 20 "DOSSIER_TEST_JOB_DELAY_MS=1000 $DOSSIER --corpus $C"
check "a first list again" "Loading: 2,[0-9]+ of 25,000 articles"
check "then the new article" "25001 articles, 25000 unread"
check "and what changed is said" "^Updated from the folder: 1 new\\."
T send-keys -t t q
check "quit after the change" "EXIT=0"

#!/bin/sh
# suite: alongside
# A warm start of a large collection (issue 20, a million articles): the
# first screen lists the 2,000 newest articles from the cache's index,
# with "Loading: N of 2,500 articles" in the status line, while the whole
# snapshot is decoded behind it; keys work on that list (the cursor
# moves, a filter applies); then the whole list replaces it with the
# cursor still on its article and the filter kept, the refresh's "checking
# files" runs and goes, nothing is said about changes. A second start,
# after an article was opened, opens it again on the first screen.
# DOSSIER_TEST_JOB_DELAY_MS holds the background jobs back so that the
# first screen and the keys come first; the screens are polled.
# DOSSIER_TEST_FIRST_MIN=2000 makes the first list of 2,500 articles (it
# is made above 20,000 otherwise: the same list, ten times the files).
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../tmuxlib.sh"

C="$TMP/big"
python3 "$(dirname "$0")/warmcoll.py" "$C"
"$DOSSIER" --corpus "$C" refresh >/dev/null # the cache, its index and a full check
R="DOSSIER_TEST_FIRST_MIN=2000 $DOSSIER"

start 120 20 "DOSSIER_TEST_JOB_DELAY_MS=2500 $R --corpus $C"
check "the first screen lists the newest from the index" "2000 articles, 2000 unread \\| Loading: 2,000 of 2,500 articles"
check "... newest first" "^▶ 1996-11-04 “Headline 2499”"
T send-keys -t t j j
check "keys move the cursor on the first list" "Loading: 2,000 of 2,500 articles \\| sort: date \\| 3/2000"
T send-keys -t t f "tag:t0" Enter
# (the filter's own job is held back too: it may apply to either list)
check "a filter typed on the first list" "filter: tag:t0"
check "the whole list replaces it, the filter kept" "filter: tag:t0, 834 of 2500"
check "the refresh runs, then its note goes" "filter: tag:t0, 834 of 2500 \\| 2500 unread in all \\| sort"
T send-keys -t t F
check "the whole collection" "2500 articles, 2500 unread \\| sort: date \\| [0-9]+/2500"
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

start 120 20 "DOSSIER_TEST_JOB_DELAY_MS=2500 $R --corpus $C"
check "a restart's first list holds the article read last" "Loading: 2,257 of 2,500 articles \\| sort: date \\| 2257/2257"
check "... open at once" "Title: +“Headline 0” — Zoë Brontë"
check "then the whole list, still on it" "2500 articles, 2499 unread .*\\| 2500/2500"
T send-keys -t t q
check "quit again" "EXIT=0"

# a file added while the reader was closed: first list, whole snapshot,
# then the refresh's result with what changed said, as without a first list
printf -- '---\ntitle: “Naïve résumé” added later\ndate: 2070-01-01\n---\nBody.\n' >"$C/later.md"
start 120 20 "DOSSIER_TEST_JOB_DELAY_MS=1000 $R --corpus $C"
check "a first list again" "Loading: 2,[0-9]+ of 2,500 articles"
check "then the new article" "2501 articles, 2500 unread"
check "and what changed is said" "^Updated from the folder: 1 new\\."
T send-keys -t t q
check "quit after the change" "EXIT=0"

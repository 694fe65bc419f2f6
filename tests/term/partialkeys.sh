#!/bin/sh
# suite: alongside
# Keys on a partial list (tui/load.c): a warm start's first list (the
# 2,000 newest of 2,500 articles: DOSSIER_TEST_FIRST_MIN=2000 makes a
# first list above 2,000, not 20,000) while the whole snapshot decodes behind
# it, and a cold start's list growing while the files are read. Every
# background job is held back (DOSSIER_TEST_JOB_DELAY_MS) so the order is
# known: the load's job starts with the first screen, a filter's job half
# a second later, so the list changes while the filter's match still runs.
# - Enter on a filter whose match still runs says "Filtering…"; the new
#   list stops that match and applies the query itself: the message line
#   must then say its count, not go on saying "Filtering…" (the bug), on
#   the first list and on the growing one.
# - G on the first list goes to its end and says the rest is still
#   loading; when the whole list lands the cursor goes on to the true end.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../tmuxlib.sh"

C="$TMP/big"
python3 "$(dirname "$0")/warmcoll.py" "$C"
"$DOSSIER" --corpus "$C" refresh >/dev/null # the cache, its index and a full check
R="DOSSIER_TEST_FIRST_MIN=2000 $DOSSIER"
export XDG_STATE_HOME="$TMP/state"

# the message line (the screen's last line)
msg() { T capture-pane -p -t t | tail -n 1; }

start 120 20 "DOSSIER_TEST_JOB_DELAY_MS=2500 $R --corpus $C"
check "the first list" "2000 articles, 2000 unread \\| Loading: 2,000 of 2,500 articles"
sleep 0.5 # the filter's job starts well after the snapshot's
T send-keys -t t f "tag:t0" Enter
check "Enter while the match runs says so" "^Filtering…"
check "the whole list lands, the filter applied to it" "filter: tag:t0, 834 of 2500"
sleep 3 # past the dropped match's own delay
m=$(msg)
case "$m" in
"834 of 2500 articles match."*) pass "the message line says the count" ;;
*) fail "the message line says the count" "last line: $m" ;;
esac
T send-keys -t t q
check "quit" "EXIT=0"

start 120 20 "DOSSIER_TEST_JOB_DELAY_MS=2500 $R --corpus $C"
check "the first list again" "Loading: 2,000 of 2,500 articles \\| sort: date \\| 1/2000"
T send-keys -t t G
check "G: the end of the first list" "\\| 2000/2000"
check "... said to be the end of those loaded so far" \
	"^Last of the 2,000 loaded so far; the end of all 2,500 follows once loaded\\."
check "the whole list lands: the cursor goes on to the true end" "2500 articles.*\\| 2500/2500"
check "... the oldest" "“Headline 0”"
m=$(msg)
case "$m" in
*"loaded so far"*) fail "the note goes at the end" "last line: $m" ;;
*) pass "the note goes at the end" ;;
esac
T send-keys -t t q
check "quit after G" "EXIT=0"

# a cold start (no cache): a filter accepted while the list grows
start 120 20 "DOSSIER_TEST_JOB_DELAY_MS=2500 $R --no-cache --corpus $C"
sleep 0.5
T send-keys -t t f "tag:t0" Enter
check "Enter on the growing list while the match runs" "^Filtering…"
check "the whole list, the filter applied" "filter: tag:t0, 834 of 2500 \\| [0-9]+ unread in all \\| sort"
sleep 3
m=$(msg)
case "$m" in
"834 of 2500 articles match."*) pass "the message line says the count after growing" ;;
*) fail "the message line says the count after growing" "last line: $m" ;;
esac
T send-keys -t t q
check "quit the cold start" "EXIT=0"

#!/bin/sh
# suite: alongside
# A warm start of a large collection with a large reading state (issue 20:
# the first screen must not wait for the whole state): the first list is
# drawn from a glance at the state file (the article read last, the listed
# articles' read flags), the whole state is read right after; the bullets,
# the unread count and the article read last are right on the first
# screen; keys that move and open answer before the whole state is read,
# keys that change it (r, q) wait for it in order and are not lost; an
# article opened at once is read after a restart, the rest unchanged.
# 2,500 articles (tests/term/warmcoll.py --long: 60 paragraphs each, no
# tags); DOSSIER_TEST_FIRST_MIN=2000 makes a first list above 2,000 of
# them, not 20,000.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../tmuxlib.sh"

C="$TMP/big"
python3 "$(dirname "$0")/warmcoll.py" "$C" --long
"$DOSSIER" --corpus "$C" refresh >/dev/null
R="DOSSIER_TEST_FIRST_MIN=2000 $DOSSIER"
# every id read but each seventh (2,143 of 2,500), as bigstate.py writes
# it; the article read last (f24/a0090, “Headline 2490”: newest but nine,
# read) at a position down its text
S="$TMP/state.yaml"
"$DOSSIER" --corpus "$C" list | python3 "$TOP/tests/bench/bigstate.py" >"$S.tmp" 2>/dev/null
python3 - "$S.tmp" "$S" <<'PY'
import sys
t = open(sys.argv[1]).read()
t = t.replace("version: 1\n", 'version: 1\nlast: "f24/a0090"\n', 1)
t = t.replace('"f24/a0090": {read: true, position: 0}', '"f24/a0090": {read: true, position: 1500}')
open(sys.argv[2], "w").write(t)
PY
before=$("$DOSSIER" --corpus "$C" --state "$S" list --count is:unread)
[ "$before" = 357 ] && pass "the state: 357 unread" || fail "the state: 357 unread" "$before"

start 120 20 "DOSSIER_TEST_JOB_DELAY_MS=2500 $R --corpus $C --state $S"
check "the first list holds the article read last, open" "▶ 1996-10-26 “Headline 2490”"
check "... open at its position once the state is read" "Paragraph 2[0-9] of the text"
T send-keys -t t q
check "quit at once" "EXIT=0"

# the whole state held back 4 s (DOSSIER_TEST_STATE_DELAY_MS): the first
# screen looked at meanwhile is the glance's
start 120 20 "DOSSIER_TEST_JOB_DELAY_MS=2500 DOSSIER_TEST_STATE_DELAY_MS=4000 $R --corpus $C --state $S"
check "the first list" "Loading: 2,000 of 2,500 articles"
# (looked at at once: the whole state is not read for 4 s)
screen=$(T capture-pane -p -t t)
case "$screen" in
*"2000 articles, 286 unread | Loading"*) pass "... with the state's unread count" ;;
*) fail "... with the state's unread count" "$screen" ;;
esac
# the first screen's bullets: 2498 unread (each seventh id), 2497 read
case "$screen" in
*"• 1996-11-03 “Headline 2498”"*) pass "an unread article's bullet on the first screen" ;;
*) fail "an unread article's bullet on the first screen" "$screen" ;;
esac
case "$screen" in
*"• 1996-11-02 “Headline 2497”"*) fail "a read article without one" "$screen" ;;
*"  1996-11-02 “Headline 2497”"*) pass "a read article without one" ;;
*) fail "a read article without one" "$screen" ;;
esac
T send-keys -t t g j
T send-keys -t t Enter
sleep 1 # far less than the 4 s the state is held back
if T capture-pane -p -t t | grep -Eq "Title: +“Headline 2498”"; then
	pass "moving and opening do not wait for the whole state"
else
	fail "moving and opening do not wait for the whole state" "$(T capture-pane -p -t t)"
fi
# r (toggle-read) and q wait for it, in order: 2498 read by opening it,
# then made unread again, then the reader quits
T send-keys -t t r q
sleep 0.5
screen=$(T capture-pane -p -t t)
case "$screen" in
*"EXIT="*) fail "r and q wait for the whole state" "$screen" ;;
*"Loading: 2,000 of 2,500 articles"*) pass "r and q wait for the whole state" ;;
*) fail "r and q wait for the whole state" "$screen" ;;
esac
# and the status line says they wait (nothing else on screen changes)
case "$screen" in
*"| reading state: 2 keys wait |"*) pass "... and the status line says so" ;;
*) fail "... and the status line says so" "$screen" ;;
esac
check "then quit" "EXIT=0"
after=$("$DOSSIER" --corpus "$C" --state "$S" list --count is:unread)
[ "$after" = "$before" ] && pass "the held r is not lost: 2498 unread again, the rest unchanged" \
	|| fail "the held r is not lost: 2498 unread again, the rest unchanged" "$before -> $after"

# opened while the state is read, then quit at once: read after a restart
start 120 20 "DOSSIER_TEST_JOB_DELAY_MS=2500 DOSSIER_TEST_STATE_DELAY_MS=4000 $R --corpus $C --state $S"
check "the first list again" "Loading: 2,000 of 2,500 articles"
T send-keys -t t g j Enter
check "an article opened at once" "Title: +“Headline 2498”"
T send-keys -t t q
check "quit" "EXIT=0"
after=$("$DOSSIER" --corpus "$C" --state "$S" list --count is:unread)
[ "$after" = $((before - 1)) ] && pass "it is read after a restart, the rest unchanged" \
	|| fail "it is read after a restart, the rest unchanged" "$before -> $after"

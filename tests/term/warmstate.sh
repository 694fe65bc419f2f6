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
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../tmuxlib.sh"

C="$TMP/big"
python3 - "$C" <<'PY'
import datetime, os, random, sys
root = sys.argv[1]
day0 = datetime.date(1990, 1, 1)
names = ["Zoë Brontë", "Łukasz Nowak", "José Núñez", "王芳", "Ahmed Saïd"]
syl = ["ka", "lo", "mé", "nu", "rå", "ti", "zo", "be", "qu", "ye", "fa", "dö", "shi", "gro", "pla", "ven"]
for d in range(25):
    os.makedirs(os.path.join(root, "f%02d" % d))
    for i in range(1000):
        n = d * 1000 + i
        rnd = random.Random(n)
        with open(os.path.join(root, "f%02d" % d, "a%04d.md" % i), "w") as f:
            f.write("---\ntitle: “Headline %d” — %s\ndate: %s\n---\n"
                    "Café prices in 東京 🚢, line one.\n\n" % (n, names[n % 5], day0 + datetime.timedelta(days=n))
                    + "".join("Paragraph %d of the text — %s.\n\n" % (k, " ".join(rnd.choice(syl) + rnd.choice(syl) + rnd.choice(syl) for j in range(8))) for k in range(60)))
PY
"$DOSSIER" --corpus "$C" refresh >/dev/null
# every id read but each seventh (21,429 of 25,000), as bigstate.py writes
# it; the article read last (f24/a0990: newest but nine, read) at a
# position down its text
S="$TMP/state.yaml"
"$DOSSIER" --corpus "$C" list | python3 "$TOP/tests/bench/bigstate.py" >"$S.tmp" 2>/dev/null
python3 - "$S.tmp" "$S" <<'PY'
import sys
t = open(sys.argv[1]).read()
t = t.replace("version: 1\n", 'version: 1\nlast: "f24/a0990"\n', 1)
t = t.replace('"f24/a0990": {read: true, position: 0}', '"f24/a0990": {read: true, position: 1500}')
open(sys.argv[2], "w").write(t)
PY
before=$("$DOSSIER" --corpus "$C" --state "$S" list --count is:unread)
[ "$before" = 3571 ] && pass "the state: 3571 unread" || fail "the state: 3571 unread" "$before"

start 120 20 "DOSSIER_TEST_JOB_DELAY_MS=2500 $DOSSIER --corpus $C --state $S"
check "the first list holds the article read last, open" "▶ 2058-06-03 “Headline 24990”"
check "... open at its position once the state is read" "Paragraph 2[0-9] of the text"
T send-keys -t t q
check "quit at once" "EXIT=0"

# the whole state held back 4 s (DOSSIER_TEST_STATE_DELAY_MS): the first
# screen looked at meanwhile is the glance's
start 120 20 "DOSSIER_TEST_JOB_DELAY_MS=2500 DOSSIER_TEST_STATE_DELAY_MS=4000 $DOSSIER --corpus $C --state $S"
check "the first list" "Loading: 2,000 of 25,000 articles"
# (looked at at once: the whole state is not read for 4 s)
screen=$(T capture-pane -p -t t)
case "$screen" in
*"2000 articles, 286 unread | Loading"*) pass "... with the state's unread count" ;;
*) fail "... with the state's unread count" "$screen" ;;
esac
# the first screen's bullets: 24996 unread (each seventh id), 24998 read
case "$screen" in
*"• 2058-06-09 “Headline 24996”"*) pass "an unread article's bullet on the first screen" ;;
*) fail "an unread article's bullet on the first screen" "$screen" ;;
esac
case "$screen" in
*"• 2058-06-11 “Headline 24998”"*) fail "a read article without one" "$screen" ;;
*"  2058-06-11 “Headline 24998”"*) pass "a read article without one" ;;
*) fail "a read article without one" "$screen" ;;
esac
T send-keys -t t g j j j
T send-keys -t t Enter
sleep 1 # far less than the 4 s the state is held back
if T capture-pane -p -t t | grep -Eq "Title: +“Headline 24996”"; then
	pass "moving and opening do not wait for the whole state"
else
	fail "moving and opening do not wait for the whole state" "$(T capture-pane -p -t t)"
fi
# r (toggle-read) and q wait for it, in order: 24996 read by opening it,
# then made unread again, then the reader quits
T send-keys -t t r q
sleep 0.5
screen=$(T capture-pane -p -t t)
case "$screen" in
*"EXIT="*) fail "r and q wait for the whole state" "$screen" ;;
*"Loading: 2,000 of 25,000 articles"*) pass "r and q wait for the whole state" ;;
*) fail "r and q wait for the whole state" "$screen" ;;
esac
check "then quit" "EXIT=0"
after=$("$DOSSIER" --corpus "$C" --state "$S" list --count is:unread)
[ "$after" = "$before" ] && pass "the held r is not lost: 24996 unread again, the rest unchanged" \
	|| fail "the held r is not lost: 24996 unread again, the rest unchanged" "$before -> $after"

# opened while the state is read, then quit at once: read after a restart
start 120 20 "DOSSIER_TEST_JOB_DELAY_MS=2500 DOSSIER_TEST_STATE_DELAY_MS=4000 $DOSSIER --corpus $C --state $S"
check "the first list again" "Loading: 2,000 of 25,000 articles"
T send-keys -t t g j j j Enter
check "an article opened at once" "Title: +“Headline 24996”"
T send-keys -t t q
check "quit" "EXIT=0"
after=$("$DOSSIER" --corpus "$C" --state "$S" list --count is:unread)
[ "$after" = $((before - 1)) ] && pass "it is read after a restart, the rest unchanged" \
	|| fail "it is read after a restart, the rest unchanged" "$before -> $after"

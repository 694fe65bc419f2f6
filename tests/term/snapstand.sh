#!/bin/sh
# A warm start whose folder has not changed (issue 20, a million
# articles): the first screen comes from the cache and the refresh that
# follows finds the same articles, so it builds nothing new: the list,
# the filter typed meanwhile and the selection stay, nothing is said, the
# "checking files" note goes, and the cache still serves the next start.
# Then one file changed while the reader was closed: the refresh's full
# result replaces the list as before (tests/term/refresh.sh has more).
# DOSSIER_TEST_JOB_DELAY_MS holds the refresh back so that keys land first.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../tmuxlib.sh"

C="$TMP/c"
cp -R "$TOP/examples" "$C"
printf -- '---\ntitle: “Café” notes — Zoë in 東京\ndate: 2026-11-20\ntags: [air-defense]\n---\nBody 🚢.\n' \
	>"$C/cafe.md"
"$DOSSIER" --corpus "$C" refresh >/dev/null # the cache and its full check

start 120 40 "DOSSIER_TEST_JOB_DELAY_MS=3000 $DOSSIER --corpus $C"
check "first screen from the cache" "27 articles, 27 unread \\| checking files"
T send-keys -t t f
T send-keys -t t "tag:air-defense"
T send-keys -t t Enter
check "a filter typed before the refresh ends" "filter: tag:air-defense, [0-9]+ of 27"
T send-keys -t t j
check "the selection moved" "\\| 2/[0-9]+ "
check "the refresh ends: the note goes" "filter: tag:air-defense, [0-9]+ of 27 \\| 27 unread in all \\| sort"
sleep 0.3
screen=$(T capture-pane -p -t t)
case "$screen" in
*"Updated from the folder"*) fail "an unchanged folder says nothing" "$screen" ;;
*) pass "an unchanged folder says nothing" ;;
esac
case "$screen" in
*"| 2/"*) pass "the selection stays" ;;
*) fail "the selection stays" "$screen" ;;
esac
T send-keys -t t F
check "the filter is cleared as usual" "27 articles, 27 unread \\| sort"
T send-keys -t t G
check "the accented title is listed" "“Café” notes — Zoë in 東京"
T send-keys -t t q
check "quit" "EXIT=0"
assert_eq "the cache still lists every article" "27" "$("$DOSSIER" --corpus "$C" list | wc -l | tr -d ' ')"

# a change while the reader was closed: the refresh's whole result is taken
printf -- '---\ntitle: Naïve résumé added later\ndate: 2026-11-28\n---\nBody.\n' >"$C/later.md"
start 120 40 "DOSSIER_TEST_JOB_DELAY_MS=1000 $DOSSIER --corpus $C"
check "the snapshot first" "27 articles, 27 unread \\| checking files"
check "then the new article" "28 articles, 28 unread"
check "and what changed is said" "^Updated from the folder: 1 new\\."
T send-keys -t t q
check "quit after the change" "EXIT=0"

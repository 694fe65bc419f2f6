#!/bin/sh
# suite: long
# The first screen comes from the metadata cache while the folder is
# checked in the background (issue 7): an edited and a new article show up
# when the refresh ends, the selection stays on the same article; with no
# cache the reader answers keys while it loads; quitting mid-load is
# prompt and leaves no half-written cache; a damaged cache is reported.
# DOSSIER_TEST_JOB_DELAY_MS holds the background load back so that the
# states in between can be seen.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../tmuxlib.sh"

C="$TMP/c"
cp -R "$TOP/examples" "$C"
"$DOSSIER" --corpus "$C" list >/dev/null # writes the cache
sed -i 's/^title: "In a former furniture factory, drones by the thousand"$/title: "Drone workshop story, retitled on disk"/' \
	"$C/2024/drone-workshops.md"
printf -- '---\ntitle: A clipping added while the reader was closed\ndate: 2026-11-26\ntags: [air-defense]\n---\nBody.\n' \
	>"$C/added.md"
n=$(ls "$XDG_CACHE_HOME"/dossier/*.meta | wc -l)
assert_eq "one metadata cache written" "1" "$n"

start 120 40 "DOSSIER_TEST_JOB_DELAY_MS=4000 $DOSSIER --corpus $C"
check "first screen from the cache at once" "26 articles, 26 unread \\| checking files"
check "the old title until the refresh" "In a former furniture"
T send-keys -t t j
check "keys work on the snapshot" "\\| 2/26 "
check "the refresh adopts the new article" "27 articles, 27 unread"
check "and says what changed" "^Updated from the folder: 1 new, 1 changed\\."
check "the edited title" "Drone workshop story"
check "the selection stays on the same article" "\\| 3/27 "
T send-keys -t t q
check "quit" "EXIT=0"

# quitting while the refresh runs: at once, and the cache stays good
start 120 40 "DOSSIER_TEST_JOB_DELAY_MS=20000 $DOSSIER --corpus $C"
check "snapshot shown" "27 articles.*checking files"
T send-keys -t t q
check "quit during the refresh is prompt" "EXIT=0"
assert_eq "the cache still lists every article" "27" "$("$DOSSIER" --corpus "$C" list | wc -l | tr -d ' ')"
out=$("$DOSSIER" --corpus "$C" check 2>&1)
case "$out" in *damaged*) fail "cache not damaged by the quit" "$out" ;; *) pass "cache not damaged by the quit" ;; esac

# a damaged cache: said once in the message line, the folder loads anyway
for f in "$XDG_CACHE_HOME"/dossier/*.meta; do printf 'not a cache' >"$f"; done
start 120 40 "$DOSSIER --corpus $C"
check "a damaged cache is reported" "index file .*was damaged; rebuilt"
check "and the folder loads anyway" "27 articles, 27 unread"
T send-keys -t t q
check "quit after the rebuild" "EXIT=0"

# no cache: the reader answers keys while it loads, and q cancels the load
rm -rf "$XDG_CACHE_HOME/dossier"
start 120 40 "DOSSIER_TEST_JOB_DELAY_MS=20000 $DOSSIER --corpus $C"
check "loading shown" "Loading .*: finding files"
T send-keys -t t '?'
check "help opens while loading" "Show this help"
T send-keys -t t q
T send-keys -t t q
check "q quits while loading" "EXIT=0"
if ls "$XDG_CACHE_HOME"/dossier/*.meta >/dev/null 2>&1; then
	fail "a load cancelled before reading anything writes no cache" "$(ls "$XDG_CACHE_HOME"/dossier)"
else
	pass "a load cancelled before reading anything writes no cache"
fi

# R reads the folder again while the reader runs: a clipping saved in the
# meantime appears; nothing new is said so
start 120 40 "$DOSSIER --corpus $C"
check "loaded" "27 articles, 27 unread"
printf -- '---\ntitle: Saved while the reader was open\ndate: 2026-11-27\n---\nBody.\n' >"$C/later.md"
T send-keys -t t R
check "R adopts the new clipping" "28 articles, 28 unread"
check "and says so" "^Updated from the folder: 1 new\\."
check "the new clipping is listed" "Saved while the"
T send-keys -t t R
check "R with nothing new" "^Folder read again: no changes\\."
T send-keys -t t q
check "quit after R" "EXIT=0"

# the folder gone (unmounted, renamed): R keeps what is shown and says why
start 120 40 "$DOSSIER --corpus $C"
check "loaded again" "28 articles, 28 unread"
mv "$C" "$C.away"
T send-keys -t t R
check "a folder that cannot be read is reported" "No such file or directory; showing the articles read before"
check "and the list stays" "28 articles, 28 unread"
mv "$C.away" "$C"
T send-keys -t t q
check "quit with the folder back" "EXIT=0"

# a word filter accepted while the full-text index is still being built
# waits for it (no file read on the spot), then applies
rm -f "$XDG_CACHE_HOME"/dossier/*.fts*
start 170 40 "DOSSIER_TEST_JOB_DELAY_MS=3000 $DOSSIER --corpus $C"
check "refreshed" "28 articles, 28 unread \\| sort"
T send-keys -t t f
T send-keys -t t "drones"
T send-keys -t t Enter
check "the filter waits for the index" "^The filter will apply once the text is indexed\\."
check "the status line says so" "indexing text: [0-9]+%, then the filter"
check "then the filter applies" "^[0-9]+ of 28 articles match\\."
check "and the status line shows it" "filter: drones, [0-9]+ of 28"
T send-keys -t t q
check "quit after the filter" "EXIT=0"

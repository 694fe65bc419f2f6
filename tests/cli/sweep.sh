# suite: long
# The full check past check-every, in the background (core/cli/cli_sweep.c):
# the first command after the window answers at once from the folder-level
# check (an edit in place may still show its old metadata, as dossier(1)
# FILES says), a detached child (its own session, its stdio not the
# command's) stats every file and records what changed; a second command
# meanwhile starts no second child; a check that finds nothing changed
# patches the check time into the cache instead of rewriting it; refresh,
# a lock that cannot be made and a child that died all mean the foreground
# checks. Every child is waited for: none outlives the test.
. "$(dirname "$0")/../lib.sh"
unset DOSSIER_CHECK_EVERY DOSSIER_SWEEP
export DOSSIER_TEST_SWEEP_LOG="$TMP/sweep.log" # a sanitizer's report in a child lands here
: >"$DOSSIER_TEST_SWEEP_LOG"
F="$TMP/coll"
mkdir -p "$F/2025/inner"
printf -- '---\ntitle: \342\200\234First\342\200\235 \342\200\224 caf\303\251\ntags: [harbour]\n---\nx\n' >"$F/2025/one.md"
printf -- '---\ntitle: Second \345\214\227\344\272\254\ntags: [harbour]\n---\ny\n' >"$F/2025/inner/two.md"
printf -- '---\ntitle: Root e\314\201 \360\237\223\260\n---\nz\n' >"$F/top.md"
touch -d '1 hour ago' "$F" "$F/2025" "$F/2025/inner"
D() { "$DOSSIER" --corpus "$F" "$@"; }
D list >/dev/null # the cache, with a full check just now
CACHE="$XDG_CACHE_HOME/dossier"
META=$(ls "$CACHE"/*.meta)
LOCK="${META%.meta}.sweep"
# past the window: check-every 1, two seconds on
expire() { sleep 2; }
# wait_child PID: until it is gone (30 s at most); false if it is not
wait_child() {
	i=0
	while kill -0 "$1" 2>/dev/null && [ $i -lt 300 ]; do sleep 0.1; i=$((i + 1)); done
	! kill -0 "$1" 2>/dev/null
}
child_pid() { [ -s "$LOCK" ] && head -n 1 "$LOCK" || echo 0; }

# an article rewritten in place (its folder's time unchanged)
printf -- '---\ntitle: Rewritten in place \342\200\223 \303\245\ntags: [harbour]\n---\nx\n' >"$F/2025/one.md"
expire
run_status env DOSSIER_CHECK_EVERY=1 DOSSIER_TEST_SWEEP_DELAY_MS=5000 "$DOSSIER" --corpus "$F" list tag:harbour
PID=$(child_pid)
assert_eq "past the window: status" 0 "$STATUS"
assert_match "past the window: answered from the folders (old metadata allowed)" 'First' "$OUT"
assert_eq "past the window: nothing said" "" "$ERR"
if [ "$PID" -gt 1 ] && kill -0 "$PID" 2>/dev/null; then
	pass "the command returned while its child still checks"
else
	fail "the command returned while its child still checks" "lock: $(cat "$LOCK" 2>/dev/null)"
fi
SID=$(awk '{print $6}' "/proc/$PID/stat" 2>/dev/null)
OURSID=$(awk '{print $6}' "/proc/$$/stat")
PPID_OF=$(awk '{print $4}' "/proc/$PID/stat" 2>/dev/null)
if [ -n "$SID" ] && [ "$SID" != "$OURSID" ] && [ "$SID" != "$PID" ]; then
	pass "the child is in a session of its own, not its leader"
else
	fail "the child is in a session of its own, not its leader" "sid $SID ours $OURSID pid $PID"
fi
if [ "$PPID_OF" != "$$" ]; then pass "the child is not the test's"; else fail "the child is not the test's"; fi
NICE=$(awk '{print $19}' "/proc/$PID/stat" 2>/dev/null)
OURS=$(awk '{print $19}' "/proc/$$/stat")
WANT=$((OURS + 10 > 19 ? 19 : OURS + 10))
assert_eq "the child is niced" "$WANT" "$NICE"
# a second command meanwhile: no second child, the folders trusted
run_status env DOSSIER_CHECK_EVERY=1 "$DOSSIER" --corpus "$F" list --count
assert_eq "during the sweep: the count" 3 "$OUT"
assert_eq "during the sweep: the same child" "$PID" "$(child_pid)"
if wait_child "$PID"; then pass "the child ended"; else fail "the child ended"; fi
assert_eq "the child finished its check (marker emptied)" "" "$(cat "$LOCK")"
run_status env DOSSIER_CHECK_EVERY=60 "$DOSSIER" --corpus "$F" list tag:harbour
assert_match "after the sweep: the edit is seen" 'Rewritten in place' "$OUT"
assert_eq "after the sweep: the rest as a cold load" \
	"$(DOSSIER_NO_CACHE=1 "$DOSSIER" --corpus "$F" list tag:harbour)" "$OUT"

# nothing changed: the check time is patched in, the file not rewritten
cp "$META" "$TMP/before.meta"
INO=$(stat -c %i "$META")
expire
run_status env DOSSIER_CHECK_EVERY=1 DOSSIER_TEST_SWEEP_DELAY_MS=500 "$DOSSIER" --corpus "$F" list
PID=$(child_pid)
if [ "$PID" -gt 1 ] && wait_child "$PID"; then pass "unchanged: the child ended"; else
	fail "unchanged: the child ended" "lock: $(cat "$LOCK" 2>/dev/null)"; fi
assert_eq "unchanged: the same file (inode)" "$INO" "$(stat -c %i "$META")"
# cmp -l: 1-based offsets of the bytes that differ; the slot is bytes 49..64
DIFF=$(cmp -l "$TMP/before.meta" "$META" | awk '{print $1}')
assert_match "unchanged: the check time patched" '^(49|5[0-9]|6[0-4])$' "$DIFF"
assert_eq "unchanged: no byte outside the slot changed" "" \
	"$(printf '%s\n' "$DIFF" | awk 'NF && ($1 < 49 || $1 > 64)')"
run_status env DOSSIER_CHECK_EVERY=60 "$DOSSIER" --corpus "$F" list
assert_eq "unchanged: the listing" "$(DOSSIER_NO_CACHE=1 "$DOSSIER" --corpus "$F" list)" "$OUT"

# refresh is the check itself, in the foreground: no child
printf -- '---\ntitle: Refreshed \346\235\261\n---\nz\n' >"$F/top.md"
expire
run_status env DOSSIER_CHECK_EVERY=1 DOSSIER_TEST_SWEEP_DELAY_MS=3000 "$DOSSIER" --corpus "$F" refresh
assert_eq "refresh: the count" "3 articles" "$OUT"
assert_eq "refresh: no child started" "" "$(cat "$LOCK")"
assert_match "refresh: the edit is seen at once" 'Refreshed' \
	"$(DOSSIER_CHECK_EVERY=60 "$DOSSIER" --corpus "$F" list)"
# refresh with nothing changed: the stat sweep alone, no load; the file
# kept (its inode, every byte outside the check time's slot), the count
# a cold load's, and an edit made after it is seen by the next refresh
cp "$META" "$TMP/before2.meta"
INO=$(stat -c %i "$META")
run_status env DOSSIER_TEST_NO_LOAD=1 "$DOSSIER" --corpus "$F" refresh
assert_eq "refresh, unchanged: the count, without a load" \
	"$(DOSSIER_NO_CACHE=1 "$DOSSIER" --corpus "$F" list --count) articles" "$OUT"
assert_eq "refresh, unchanged: the same file (inode)" "$INO" "$(stat -c %i "$META")"
assert_eq "refresh, unchanged: no byte outside the slot changed" "" \
	"$(cmp -l "$TMP/before2.meta" "$META" | awk 'NF && ($1 < 49 || $1 > 64)')"
printf -- '---\ntitle: Refreshed twice\n---\nz\n' >"$F/top.md"
touch -d '1 hour ago' "$F"
run_status "$DOSSIER" --corpus "$F" refresh
assert_eq "refresh, an edit in place: the count" "3 articles" "$OUT"
assert_match "refresh, an edit in place: seen" 'Refreshed twice' \
	"$(DOSSIER_CHECK_EVERY=60 "$DOSSIER" --corpus "$F" list)"

# a sweep that died (its marker left, no lock held): the next command
# past the window checks every file itself, and the one after that may
# use the background again
printf '99999999\n' >"$LOCK"
printf -- '---\ntitle: Seen in the foreground\ntags: [harbour]\n---\nx\n' >"$F/2025/one.md"
expire
run_status env DOSSIER_CHECK_EVERY=1 DOSSIER_TEST_SWEEP_DELAY_MS=3000 "$DOSSIER" --corpus "$F" list
assert_match "a dead sweep's marker: the foreground checks" 'Seen in the foreground' "$OUT"
assert_eq "a dead sweep's marker: emptied, no child" "" "$(cat "$LOCK")"

# no lock file to be had (here a folder in its place; a read-only cache
# folder does the same): the foreground checks, as before
rm -f "$LOCK"
mkdir "$LOCK"
printf -- '---\ntitle: No lock, still seen\n---\nz\n' >"$F/top.md"
expire
run_status env DOSSIER_CHECK_EVERY=1 "$DOSSIER" --corpus "$F" list
assert_match "no lock: the foreground checks" 'No lock, still seen' "$OUT"
rmdir "$LOCK"

# DOSSIER_SWEEP=0: the foreground checks, no lock file made
printf -- '---\ntitle: Swept in front\n---\nz\n' >"$F/top.md"
expire
run_status env DOSSIER_CHECK_EVERY=1 DOSSIER_SWEEP=0 "$DOSSIER" --corpus "$F" list
assert_match "DOSSIER_SWEEP=0: the foreground checks" 'Swept in front' "$OUT"
assert_eq "DOSSIER_SWEEP=0: no lock file" "" "$(ls "$LOCK" 2>/dev/null)"

assert_eq "no child reported anything" "" "$(cat "$DOSSIER_TEST_SWEEP_LOG")"
# whatever failed above, no child outlives the test's folder
LEFT=$(child_pid)
if [ "$LEFT" -gt 1 ]; then wait_child "$LEFT" || :; fi

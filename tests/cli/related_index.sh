# The content index file (NAME.rel) written by the first `related` of a
# collection is keyed to the load that call made, not to the moment signing
# ended: with check-every 0 (every command checks every file, as if the
# bound had passed while signing) the first call still leaves an index file
# the next call answers from. The answers built streamed from the file are
# the in-memory ones (DOSSIER_NO_CACHE=1), before and after an edit.
. "$(dirname "$0")/../lib.sh"
C="$TMP/coll"
cp -R "$TOP/tests/data/similar" "$C"
printf -- '---\ntitle: \342\200\234Harbour\342\200\235 talks \342\200\224 day three\ndate: 2024-03-09\n---\nThe dockers\342\200\231 union and the port authority met a third time at the northern harbour; ships still wait at anchor, cranes idle. Caf\303\251 owners on the quay, Zo\303\253 among them, count the cost. \345\214\227\344\272\254 freight is rerouted. e\314\201 \360\237\232\242\n' >"$C/harbour-day-three.md"
# a folder changed this very second is not trusted by the lean index yet
find "$C" -type d -exec touch -d '1 hour ago' {} +
REL() { ls "$XDG_CACHE_HOME"/dossier/*.rel 2>/dev/null | head -n 1; }
same() { # NAME ARGS...: the same output as a load without caches
	name=$1
	shift
	want=$(DOSSIER_NO_CACHE=1 "$DOSSIER" --corpus "$C" "$@" 2>&1)
	got=$("$DOSSIER" --corpus "$C" "$@" 2>&1)
	assert_eq "$name" "$want" "$got"
}

# check-every 0 (lib.sh): the lean index never vouches for the collection
same "first related (builds the index file)" related harbour-strike
rel=$(REL)
if [ -n "$rel" ] && [ -s "$rel" ]; then
	pass "first related: index file written, keyed to its load"
else
	fail "first related: index file written, keyed to its load"
fi
same "related --json from the built index" related --json harbour-day-three
same "related -n 1" related -n 1 harbour-talks
same "related, none" related orchard-frost

# the next call, inside check-every, answers from that file without loading
unset DOSSIER_CHECK_EVERY
if command -v strace >/dev/null 2>&1; then
	strace -f -e trace=openat -o "$TMP/strace.log" "$DOSSIER" --corpus "$C" related harbour-strike >/dev/null 2>&1
	if grep -q '\.rel"' "$TMP/strace.log" && ! grep -q '\.sig"' "$TMP/strace.log"; then
		pass "next related answers from the first call's index file"
	else
		fail "next related answers from the first call's index file"
	fi
else
	skip "next related answers from the first call's index file (no strace)"
fi
same "next related: same answer" related harbour-strike

# an edit: a new load, a new snapshot, the index built again
export DOSSIER_CHECK_EVERY=0
before=$(stat -c '%i %s %Y' "$(REL)")
sed 's/harbour/estuary/g; s/ships/tankers/g' "$C/harbour-talks.md" >"$C/t.tmp" && mv "$C/t.tmp" "$C/harbour-talks.md"
same "related after an edit" related harbour-strike
same "related --json after an edit" related --json harbour-talks
after=$(stat -c '%i %s %Y' "$(REL)")
if [ "$before" != "$after" ]; then pass "after an edit: index file written anew"; else fail "after an edit: index file written anew"; fi
assert_eq "no scratch or temp file left beside it" "" "$(ls -A "$XDG_CACHE_HOME/dossier" | grep -v '\.\(meta\|sig\|rel\)$' || true)"

# the reader: its similarity job maps the index file; a start whose load
# finds the file there for it signs nothing (the signature file unread)
printf 'j q\n' >"$TMP/keys"
"$DOSSIER" --corpus "$C" --headless 80x24 --script "$TMP/keys" >/dev/null 2>&1
if command -v strace >/dev/null 2>&1; then
	strace -f -e trace=openat -o "$TMP/strace2.log" "$DOSSIER" --corpus "$C" --headless 80x24 --script "$TMP/keys" >/dev/null 2>&1
	if grep -q '\.rel"' "$TMP/strace2.log" && ! grep -q '\.sig"' "$TMP/strace2.log"; then
		pass "reader: a start maps the index file built for its load, signs nothing"
	else
		fail "reader: a start maps the index file built for its load, signs nothing"
	fi
else
	skip "reader: a start maps the index file built for its load (no strace)"
fi

# duplicates: the groups from the index file for the load, as a load
# without caches groups them
export DOSSIER_CHECK_EVERY=0
cp "$C/harbour-strike.md" "$C/harbour-strike-again.md"
same "duplicates from the index file" duplicates
same "duplicates --json from the index file" duplicates --json

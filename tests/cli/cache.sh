# The metadata cache seen from the command line: `check` and `list` say the
# same cold (no cache), warm (cache present) and with --no-cache; edits show
# up; a damaged cache is reported once and rebuilt; DOSSIER_NO_CACHE=1 and
# --no-cache write nothing; two instances at once leave a usable cache.
. "$(dirname "$0")/../lib.sh"
C="$TMP/coll"
cp -R "$TOP/tests/data/bad" "$C"
cp -R "$TOP/tests/data/core/." "$C/"
CACHE="$XDG_CACHE_HOME/dossier"

run_status env DOSSIER_NO_CACHE=1 "$DOSSIER" --corpus "$C" check
nocache_out=$OUT nocache_err=$ERR nocache_status=$STATUS
assert_eq "DOSSIER_NO_CACHE writes no cache" "" "$(ls "$CACHE" 2>/dev/null)"
run_status "$DOSSIER" --no-cache --corpus "$C" list
assert_eq "--no-cache writes no cache" "" "$(ls "$CACHE" 2>/dev/null)"
nocache_list=$OUT

run_status "$DOSSIER" --corpus "$C" check
assert_eq "cold check: stdout" "$nocache_out" "$OUT"
assert_eq "cold check: messages" "$nocache_err" "$ERR"
assert_eq "cold check: status" "$nocache_status" "$STATUS"
assert_match "cache file written" '\.meta$' "$(ls "$CACHE")"
run_status "$DOSSIER" --corpus "$C" check
assert_eq "warm check: stdout" "$nocache_out" "$OUT"
assert_eq "warm check: messages" "$nocache_err" "$ERR"
assert_eq "warm check: status" "$nocache_status" "$STATUS"
run_status "$DOSSIER" --corpus "$C" list
assert_eq "warm list" "$nocache_list" "$OUT"
# the same collection spelled differently shares the cache and the output
run_status "$DOSSIER" --corpus "$C/" list
assert_eq "warm list, root with a slash" "$nocache_list" "$OUT"
assert_eq "one cache file per collection" 1 "$(ls "$CACHE" | wc -l | tr -d ' ')"

# an edit is seen
printf -- '---\ntitle: Edited title\n---\nnew text\n' >"$C/2024/alpha.md"
run_status "$DOSSIER" --corpus "$C" list
assert_match "edited title listed" 'Edited title' "$OUT"
run_status env DOSSIER_NO_CACHE=1 "$DOSSIER" --corpus "$C" list
assert_eq "edited: warm equals uncached" "$OUT" "$("$DOSSIER" --corpus "$C" list 2>/dev/null)"

# a damaged cache: a message naming it, the right answer, then rebuilt
f=$(ls "$CACHE"/*.meta)
printf 'garbage' | dd of="$f" bs=1 seek=100 conv=notrunc 2>/dev/null
run_status env DOSSIER_NO_CACHE=1 "$DOSSIER" --corpus "$C" check
ref_out=$OUT
run_status "$DOSSIER" --corpus "$C" check
assert_eq "damaged cache: same check output" "$ref_out" "$OUT"
assert_match "damaged cache: message" 'index file .*\.meta was damaged; rebuilt' "$ERR"
run_status "$DOSSIER" --corpus "$C" check
assert_no_match "rebuilt cache: no message" 'damaged' "$ERR"
head -c 20 "$f" >"$f.t" && mv "$f.t" "$f"
run_status "$DOSSIER" --corpus "$C" list
assert_match "truncated cache: message" 'damaged; rebuilt' "$ERR"

# two instances refreshing at once
rm -f "$CACHE"/*.meta
touch "$C/2024/beta.md"
"$DOSSIER" --corpus "$C" list >"$TMP/p1" 2>&1 &
"$DOSSIER" --corpus "$C" list >"$TMP/p2" 2>&1
wait
ref=$(DOSSIER_NO_CACHE=1 "$DOSSIER" --corpus "$C" list 2>&1)
assert_eq "concurrent: first" "$ref" "$(cat "$TMP/p1")"
assert_eq "concurrent: second" "$ref" "$(cat "$TMP/p2")"
run_status "$DOSSIER" --corpus "$C" list
assert_eq "concurrent: cache usable after" "$ref" "$OUT"
assert_eq "no temp files left" 1 "$(ls "$CACHE" | wc -l | tr -d ' ')"

# word queries answered by the full-text index say what reading the files says
Q="$TOP/tests/data/query"
for q in kyiv '"gas deal"' 'kyiv -strikes' 'drones OR markets' zeppelin; do
	ref=$(DOSSIER_NO_CACHE=1 "$DOSSIER" --corpus "$Q" list "$q" 2>&1)
	assert_eq "list $q: index built" "$ref" "$("$DOSSIER" --corpus "$Q" list "$q" 2>&1)"
	assert_eq "list $q: index reused" "$ref" "$("$DOSSIER" --corpus "$Q" list "$q" 2>&1)"
done
assert_match "full-text index file" '\.fts$' "$(ls "$CACHE")"

# freshness by folder (check-every): names added, removed, renamed are seen
# at once; an article rewritten in place keeps its old metadata until the
# next full check (dossier refresh, or check-every 0)
F="$TMP/fresh"
mkdir -p "$F/2025/inner"
printf -- '---\ntitle: \342\200\234First\342\200\235 \342\200\224 caf\303\251\n---\nx\n' >"$F/2025/one.md"
printf -- '---\ntitle: Second \345\214\227\n---\ny\n' >"$F/2025/inner/two.md"
printf -- '---\ntitle: Root e\314\201 \360\237\223\260\n---\nz\n' >"$F/top.md"
age() { touch -d '1 hour ago' "$F" "$F/2025" "$F/2025/inner"; }
age
(
	unset DOSSIER_CHECK_EVERY
	"$DOSSIER" --corpus "$F" list >/dev/null
	printf -- '---\ntitle: Rewritten in place\n---\nx\n' >"$F/2025/one.md"
	run_status "$DOSSIER" --corpus "$F" list
	assert_match "check-every: an edit in place is not seen before the check" 'First' "$OUT"
	run_status env DOSSIER_CHECK_EVERY=0 "$DOSSIER" --corpus "$F" list
	assert_match "DOSSIER_CHECK_EVERY=0: the edit is seen" 'Rewritten in place' "$OUT"
	printf -- '---\ntitle: Rewritten again\n---\nx\n' >"$F/2025/one.md"
	run_status "$DOSSIER" --corpus "$F" refresh
	assert_eq "refresh: the count" "3 articles" "$OUT"
	assert_eq "refresh: status" 0 "$STATUS"
	run_status "$DOSSIER" --corpus "$F" list
	assert_match "after refresh: the edit is seen" 'Rewritten again' "$OUT"
	age
	"$DOSSIER" --corpus "$F" refresh >/dev/null
	printf -- '---\ntitle: Newcomer \342\200\223 \303\245\n---\nn\n' >"$F/2025/inner/three.md"
	mv "$F/top.md" "$F/top2.md"
	mkdir "$F/added"
	printf -- 'plain\n' >"$F/added/four.txt"
	run_status "$DOSSIER" --corpus "$F" list
	assert_eq "check-every: added, renamed, new folder seen at once" \
		"$(DOSSIER_NO_CACHE=1 "$DOSSIER" --corpus "$F" list)" "$OUT"
	assert_match "check-every: the new one" 'Newcomer' "$OUT"
	rm "$F/2025/inner/two.md"
	run_status "$DOSSIER" --corpus "$F" list
	assert_no_match "check-every: a removed one is gone" 'Second' "$OUT"
	# the config's check-every: 0 checks every file
	mkdir -p "$XDG_CONFIG_HOME/dossier"
	printf 'check-every: 0\n' >"$TMP/ce.yaml"
	age
	"$DOSSIER" --corpus "$F" list >/dev/null
	printf -- '---\ntitle: Seen with check-every 0\n---\nx\n' >"$F/2025/one.md"
	run_status "$DOSSIER" --config "$TMP/ce.yaml" --corpus "$F" list
	assert_match "config check-every 0: the edit is seen" 'Seen with check-every 0' "$OUT"
)

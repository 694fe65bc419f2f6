# Related by content and near-duplicates from the command line, on
# tests/data/similar (no tags): a strike report, a retitled, reflowed copy
# of it with a sentence added, a follow-up on the same dispute, and an
# unrelated orchard piece.
. "$(dirname "$0")/../lib.sh"
cd "$TOP/tests/data" || exit 1
S="--corpus similar"
json_check() { python3 -c "import json,sys; d=json.load(sys.stdin); $1" 2>&1; }

run_status "$DOSSIER" $S duplicates
assert_eq "duplicates: the copy grouped with the original, nothing else" \
	"$(printf '1\tharbour-strike\tDock workers strike at the northern harbour\n1\tharbour-strike-copy\tPort stoppage — ships wait at anchor')" "$OUT"
assert_eq "duplicates: exit 0" 0 "$STATUS"
out=$("$DOSSIER" $S duplicates --json | json_check "print([(x['group'], x['id']) for x in d])")
assert_eq "duplicates --json" "[(1, 'harbour-strike'), (1, 'harbour-strike-copy')]" "$out"
run_status "$DOSSIER" $S duplicates extra
assert_eq "duplicates takes no operand" 2 "$STATUS"

# untagged: the follow-up by content, never the copy, never the orchard
run_status "$DOSSIER" $S related harbour-strike
assert_eq "related by content: only the follow-up" "harbour-talks" "$(printf '%s\n' "$OUT" | cut -f2)"
assert_eq "related: the date column" "2024-03-07" "$(printf '%s\n' "$OUT" | cut -f4)"
assert_match "related: shared key terms say why" "dock" "$(printf '%s\n' "$OUT" | cut -f5)"
out=$("$DOSSIER" $S related --json harbour-strike | json_check "print(len(d), d[0]['id'], d[0]['date'], d[0]['shared_tags'], d[0]['content'] == d[0]['score'], 'dock' in d[0]['shared_terms'])")
assert_eq "related --json: date, content, shared terms" "1 harbour-talks 2024-03-07 [] True True" "$out"
run_status "$DOSSIER" $S related orchard-frost
assert_eq "related: an unrelated article has none" "" "$OUT"

# DOSSIER_TEST_NO_SIGN=1 (benchmarks): the headless reader never signs the
# texts, so the copy is not folded and the related pane ranks by tags
printf ':dump\n' >"$TMP/dump.keys"
folded=$("$DOSSIER" $S --headless 100x10 --script "$TMP/dump.keys" 2>&1)
assert_match "headless: the copy folded under its original" 'Articles 1/3' "$folded"
rm -rf "$XDG_CACHE_HOME"
plain=$(DOSSIER_TEST_NO_SIGN=1 "$DOSSIER" $S --headless 100x10 --script "$TMP/dump.keys" 2>&1)
assert_match "DOSSIER_TEST_NO_SIGN: every row, nothing folded" 'Articles 1/4' "$plain"
assert_match "DOSSIER_TEST_NO_SIGN: related by tags only" 'Related by tags' "$plain"
assert_eq "DOSSIER_TEST_NO_SIGN: no signature file" "" "$(ls "$XDG_CACHE_HOME"/dossier/*.sig 2>/dev/null)"

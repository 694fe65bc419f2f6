# The topic vocabulary is chosen, never imposed: none, the collection's own
# .dossier/topics.yaml, the config (per collection or for all), --topics;
# another choice re-derives the cached tags; case: proper keeps "Russian"
# the country apart from a white russian; topics suggest and check on our
# own fixture collection (tests/data/topics).
. "$(dirname "$0")/../lib.sh"

C="$TMP/coll"
cp -R "$TOP/tests/data/topics" "$C"
# derived tags of every article, "id:tag,tag" a line
derived() {
	"$DOSSIER" "$@" list --json | python3 -c '
import json, sys
for a in json.load(sys.stdin):
    if a["derived_tags"]: print(a["id"] + ":" + ",".join(sorted(a["derived_tags"])))'
}
cat >"$TMP/war.yaml" <<'Y'
places/russia: { label: Russia, case: proper, match: [Russia, Russian] }
places/kyiv: [Kyiv, Kiev]
Y

assert_eq "no vocabulary chosen: no derived tags" "" "$(derived --corpus "$C")"
out=$(derived --corpus "$C" --topics ukraine-defence)
assert_match "the shipped example by name" "^russian-tanker:places/dnipro,places/kyiv,places/russia$" "$out"
assert_no_match "the shipped example: a white russian is no country (case: proper)" "cocktail-night" "$out"
assert_eq "--topics FILE; case: proper leaves the white russian out" "kiev-letter:places/kyiv
kyiv-delegation:places/kyiv
russian-tanker:places/kyiv,places/russia" "$(derived --corpus "$C" --topics "$TMP/war.yaml")"
run_status "$DOSSIER" --corpus "$C" --topics "$TMP/nope.yaml" list
assert_eq "--topics on a missing file: exit 1" 1 "$STATUS"
assert_match "--topics on a missing file: says so" "nope.yaml.*cannot read topic vocabulary" "$ERR"
run_status "$DOSSIER" --corpus "$C" --topics nope list
assert_match "--topics on an unknown name: lists the shipped ones" "neither a file nor a shipped name \(ukraine-defence\)" "$ERR"

# the collection's own choice, and the cache follows every change of it
mkdir "$C/.dossier"
printf 'use: ukraine-defence\nplaces/russia: ~\nferries: { case: exact, match: [Harbour Board] }\n' >"$C/.dossier/topics.yaml"
assert_match "the collection's .dossier/topics.yaml" "^ferry-timetable:ferries$" "$(derived --corpus "$C")"
assert_no_match "its tag: ~ removes a shipped tag" "places/russia" "$(derived --corpus "$C")"
printf 'use: ukraine-defence\n' >"$C/.dossier/topics.yaml"
assert_no_match "an edited vocabulary re-derives (no stale cache)" "ferries" "$(derived --corpus "$C")"
rm "$C/.dossier/topics.yaml"
assert_eq "removed again: no derived tags, cache or not" "" "$(derived --corpus "$C")"

# the config: for this collection by name or folder, or for all
printf 'collections: {harbour: %s}\ntopics: {harbour: %s}\n' "$C" "$TMP/war.yaml" >"$TMP/by-name.yaml"
assert_match "config topics: for a collection by name" "russian-tanker:places/kyiv,places/russia" \
	"$(derived --config "$TMP/by-name.yaml" -C harbour)"
printf 'topics: {%s: %s}\n' "$C" "$TMP/war.yaml" >"$TMP/by-folder.yaml"
assert_match "config topics: for a folder" "russian-tanker:places/kyiv,places/russia" \
	"$(derived --config "$TMP/by-folder.yaml" --corpus "$C")"
assert_eq "config topics: for another folder only" "" "$(derived --config "$TMP/by-folder.yaml" --corpus "$TOP/tests/data/core")"
printf 'topics: %s\n' "$TMP/war.yaml" >"$TMP/all.yaml"
assert_match "config topics: for every collection" "kiev-letter:places/kyiv" "$(derived --config "$TMP/all.yaml" --corpus "$C")"

# topics check: each entry, its articles, the words that matched
run_status "$DOSSIER" --corpus "$C" --topics "$TMP/war.yaml" topics check
assert_eq "topics check: exit 0" 0 "$STATUS"
assert_eq "topics check: entries and counts" "places/russia	1
places/kyiv	3" "$(printf '%s\n' "$OUT" | grep -v '^[#	]')"
assert_match "topics check: the article and its words in context" \
	"	russian-tanker	russian tanker waits outside the harbour \| a russian tanker" "$OUT"
run_status "$DOSSIER" --corpus "$C" --topics "$TMP/war.yaml" topics check places/kyiv
assert_eq "topics check TAG: that entry only" "places/kyiv	3" "$(printf '%s\n' "$OUT" | grep -v '^[#	]')"
run_status "$DOSSIER" --corpus "$C" topics check
assert_eq "topics check without a vocabulary: exit 1" 1 "$STATUS"
assert_match "topics check without a vocabulary: says how to choose one" "topics suggest" "$ERR"
run_status "$DOSSIER" --corpus "$C" topics
assert_eq "topics without suggest or check: usage error" 2 "$STATUS"

# topics suggest: the recurring names, variants grouped, under the cap
run_status "$DOSSIER" --corpus "$C" topics suggest
assert_eq "suggest: exit 0" 0 "$STATUS"
printf '%s\n' "$OUT" >"$TMP/suggested.yaml"
assert_match "suggest: a name of two words" '^"harbour-board": \{ label: "Harbour Board"' "$OUT"
assert_match "suggest: accents grouped" '"Zürich Quay", "Zurich Quay"' "$OUT"
assert_match "suggest: transliterations grouped" '^"kyiv": \{ label: "Kyiv", match: \["Kyiv", "Kiev"\] \}  # 3 articles$' "$OUT"
assert_no_match "suggest: no sentence-initial words" '"(The|For|A)"' "$OUT"
run_status "$DOSSIER" --corpus "$C" --topics "$TMP/suggested.yaml" topics check
assert_eq "suggest: its YAML is a vocabulary, read without a problem" "0:" "$STATUS:$ERR"
assert_match "suggest: and it tags the articles" "^kyiv	3$" "$OUT"
run_status "$DOSSIER" --corpus "$C" topics suggest -n 2
assert_eq "suggest -n 2: two entries" 2 "$(printf '%s\n' "$OUT" | grep -vc '^#')"
out=$("$DOSSIER" --corpus "$C" topics suggest --json | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d[0]["tag"], d[0]["articles"], d[0]["case"])')
assert_eq "suggest --json" "harbour-board 6 fold" "$out"

# import can be told which vocabulary to use; without one, no tags
printf 'Harbour notes\n\nA Russian tanker left Kyiv for the harbour.\n' >"$TMP/raw.txt"
mkdir "$TMP/in"
run_status "$DOSSIER" --corpus "$C" import --into "$TMP/in" "$TMP/raw.txt"
assert_no_match "import without a vocabulary: no tags" "places/" "$(cat "$TMP/in"/*.md)"
rm -f "$TMP/in"/*.md
run_status "$DOSSIER" --corpus "$C" import --into "$TMP/in" --topics "$TMP/war.yaml" "$TMP/raw.txt"
assert_match "import --topics FILE: its tags" '"places/russia"' "$(cat "$TMP/in"/*.md)"

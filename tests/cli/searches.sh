#!/bin/sh
# Saved searches from the command line: `dossier searches [--json]` (name,
# total, unread, query) against `list QUERY | wc -l`, `list @NAME` and
# `list search:NAME`, per-collection searches (by -C and by folder), bad
# queries at FILE:LINE:COL with the others still listed, loops naming both
# searches, and a search saved from the reader's filter prompt (headless)
# round-tripping through the saved file while config.yaml stays untouched.
. "$(dirname "$0")/../lib.sh"
CFG="$XDG_CONFIG_HOME/dossier/config.yaml"
mkdir -p "$XDG_CONFIG_HOME/dossier" "$TMP/clips" "$TMP/cwd"
cp -R "$TOP/examples/." "$TMP/clips/"
cat >"$CFG" <<EOF
# my searches — keep this comment
searches:
  shipping: "tag:shipping"
  air: tag:air-defense OR @shipping      # refers to another
  words: "\\"air defence\\" OR Kharkiv"
  unread-air: "@air is:unread"
  broken: "tag:x (oops"
  loop-a: "@loop-b tag:a"
  loop-b: '@loop-a'
collections:
  news: $TMP/clips
collection-searches:
  news:
    local: "tag:places/kyiv -@shipping"
    shipping: "tag:shipping is:unread"
    people: 'author:"anselm brookes" OR author:takahashi OR source:"meridian daily" -title:kyiv'
    phrase: '"air defence" -@people lang:en'
EOF
cp "$CFG" "$TMP/cfg.before"
D() { (cd "$TMP/cwd" && "$DOSSIER" "$@"); }

run_status D --corpus "$TMP/clips" searches
assert_eq "searches: exit 1 when a query is bad" 1 "$STATUS"
assert_eq "bad queries at FILE:LINE:COL of their own column, loops naming both" \
"dossier: $CFG:7:23: search 'broken': expected ')' to close '(' at column 7
dossier: $CFG:8:12: search 'loop-a': searches 'loop-b' and 'loop-a' refer to each other in a loop
dossier: $CFG:9:12: search 'loop-b': searches 'loop-a' and 'loop-b' refer to each other in a loop" "$ERR"
names=$(printf '%s\n' "$OUT" | cut -f1 | tr '\n' ' ')
assert_eq "the others are listed in order (news's own too: its folder)" \
	"shipping air words unread-air local people phrase " "$names"
cp -R "$TMP/clips" "$TMP/other"
assert_eq "a folder with no name: the global searches only" "shipping air words unread-air " \
	"$(D --corpus "$TMP/other" searches 2>/dev/null | cut -f1 | tr '\n' ' ')"
printf '%s\n' "$OUT" >"$TMP/rows"
ok=1
while IFS="$(printf '\t')" read -r name total unread query; do
	n=$(D --corpus "$TMP/clips" list "$query" | wc -l)
	u=$(D --corpus "$TMP/clips" list "($query) is:unread" | wc -l)
	[ "$n" = "$total" ] && [ "$u" = "$unread" ] || { ok=0; fail "count of $name" "$total/$unread vs list: $n/$u"; }
	[ "$n" -gt 0 ] || { ok=0; fail "$name matches something" "$query"; }
	at=$(D --corpus "$TMP/clips" list "@$name" | wc -l)
	[ "$at" = "$n" ] || { ok=0; fail "list @$name" "$at vs $n"; }
done <"$TMP/rows"
[ $ok = 1 ] && pass "every count = list QUERY | wc -l, also is:unread and @NAME"
assert_eq "search:NAME = @NAME" "$(D --corpus "$TMP/clips" list @air)" "$(D --corpus "$TMP/clips" list search:air)"
assert_eq "@NAME is a sub-expression" "$(D --corpus "$TMP/clips" list '(tag:air-defense OR tag:shipping) -tag:places/kyiv')" \
	"$(D --corpus "$TMP/clips" list @air -tag:places/kyiv)"

run_status D --corpus "$TMP/clips" list @loop-a
assert_eq "a loop from the command line: usage error" 2 "$STATUS"
assert_match "names both searches" "searches 'loop-b' and 'loop-a' refer to each other in a loop" "$ERR"
run_status D --corpus "$TMP/clips" list tag:x @nobody
assert_match "an unknown name points at its column" "query:7: no saved search called 'nobody'" "$ERR"
run_status D --corpus "$TMP/clips" list '"@shipping"'
assert_eq "a quoted @word is a word, not a reference" 0 "$STATUS"

# per collection: by name and by folder; its shipping takes the global one's place
run_status D -C news searches
assert_eq "-C news: global order, the collection's shipping in place, then its own" \
	"shipping air words unread-air local people phrase " "$(printf '%s\n' "$OUT" | cut -f1 | tr '\n' ' ')"
assert_match "the collection's shipping" "^shipping	[0-9]+	[0-9]+	tag:shipping is:unread$" "$OUT"
assert_eq "by folder the same set" "$OUT" "$(D --corpus "$TMP/clips/" searches 2>/dev/null)"
assert_eq "list @local" "$(D -C news list 'tag:places/kyiv -(tag:shipping is:unread)')" "$(D -C news list @local)"

run_status D -C news searches --json
assert_eq "--json parses, same counts" "$(printf '%s\n' "$(D -C news searches 2>/dev/null)" | cut -f1-3 | tr '\t' ' ')" \
	"$(printf '%s' "$OUT" | python3 -c 'import json,sys
for o in json.load(sys.stdin): print(o["name"], o["total"], o["unread"])')"
assert_match "--json names the scope" '"collection": "news"' "$OUT"

# the reader reads one article of @air: its unread count drops by one
before=$(D -C news searches 2>/dev/null | awk -F '\t' '$1 == "air" { print $3 }')
printf 'S 2\n<Enter>\n:dump\n' >"$TMP/read.keys"
(cd "$TMP/cwd" && "$DOSSIER" -C news --headless 100x30 --script "$TMP/read.keys" >"$TMP/read.out" 2>&1)
assert_match "S 2 applies @air, named in the status line" "search: air, [0-9]+ of [0-9]+, [0-9]+ unread" "$(cat "$TMP/read.out")"
after=$(D -C news searches 2>/dev/null | awk -F '\t' '$1 == "air" { print $3 }')
assert_eq "reading one article of it: unread - 1" "$((before - 1))" "$after"

# saving from the filter prompt: into the saved file, config.yaml untouched
printf 'f "air <Space> defence" <Space> tag:energy-infrastructure <C-s> grid-energy <Enter>\n:dump\nf <C-u> tag:x <C-s> shipping <Enter>\n:dump\n' >"$TMP/save.keys"
out=$(cd "$TMP/cwd" && "$DOSSIER" -C news --headless 250x30 --script "$TMP/save.keys" 2>&1)
assert_match "saved and applied" "Saved as @grid-energy: [0-9]+ of [0-9]+ articles" "$out"
assert_match "a name the config uses is refused" "save search as: shipping +in $CFG:15; choose another name" "$out"
assert_eq "config.yaml is never written" "$(cat "$TMP/cfg.before")" "$(cat "$CFG")"
SAVED="$XDG_STATE_HOME/dossier/searches.yaml"
assert_match "the saved file holds it" '^  "grid-energy": "\\"air defence\\" tag:energy-infrastructure"$' "$(cat "$SAVED")"
run_status D -C news searches
assert_match "dossier searches lists the saved one" "^grid-energy	[0-9]+	[0-9]+	\"air defence\" tag:energy-infrastructure$" "$OUT"
n=$(D -C news list '"air defence" tag:energy-infrastructure' | wc -l)
assert_match "with the count list gives" "^grid-energy	$n	" "$OUT"
[ "$n" -gt 0 ] && pass "the saved search matches something" || fail "the saved search matches something"
assert_eq "list @grid-energy" "$n" "$(D -C news list @grid-energy | wc -l)"

#!/bin/sh
# Named collections: `collections:` in the config (~ expanded, a relative
# folder taken from the config's folder, bad entries as FILE:LINE:COL),
# `-C NAME` (always a name), `--corpus ARG` (a folder when one exists, else
# a name), `collection: NAME` as the default, the `collections` listing,
# and each collection keeping its own reading state and caches — also two
# whose folders have the same name.
. "$(dirname "$0")/../lib.sh"
CFG="$XDG_CONFIG_HOME/dossier/config.yaml"
mkdir -p "$XDG_CONFIG_HOME/dossier" "$HOME/clips" "$TMP/a/clips" "$TMP/b/clips" "$TMP/cwd"
cp -R "$TOP/tests/data/tui/." "$HOME/clips/"
printf -- '---\ntitle: Réunion à Genève — “quotes”\ndate: 2024-05-01\n---\nText.\n' >"$TMP/a/clips/geneve.md"
printf -- '---\ntitle: 東京の会議\ndate: 2024-05-02\n---\n本文。\n' >"$TMP/b/clips/tokyo.md"
printf -- '---\ntitle: Second\ndate: 2024-05-03\n---\nMore.\n' >"$TMP/b/clips/second.md"
mkdir -p "$XDG_CONFIG_HOME/dossier/rel"
printf -- '---\ntitle: Relative\n---\nx\n' >"$XDG_CONFIG_HOME/dossier/rel/r.md"
cat >"$CFG" <<EOF
collections:
  news: ~/clips
  geneva: $TMP/a/clips
  tokyo: $TMP/b/clips
  rel: rel
  gone: $TMP/nowhere
  -opt: $TMP/a/clips
  "two words": $TMP/a/clips
  news: $TMP/b/clips
  empty:
  list: [a, b]
EOF
D() { (cd "$TMP/cwd" && "$DOSSIER" "$@"); }

run_status D collections
assert_eq "collections: NAME TAB FOLDER TAB count or missing" "news	$HOME/clips	9
geneva	$TMP/a/clips	1
tokyo	$TMP/b/clips	2
rel	$XDG_CONFIG_HOME/dossier/rel	1
gone	$TMP/nowhere	missing" "$OUT"
assert_eq "collections: exit 0" 0 "$STATUS"
assert_eq "bad entries reported with FILE:LINE:COL" "dossier: $CFG:7:3: warning: collection name '-opt': use letters, digits, '.', '_' and '-' (not first); ignored
dossier: $CFG:8:3: warning: collection name 'two words': use letters, digits, '.', '_' and '-' (not first); ignored
dossier: $CFG:9:3: warning: collection 'news' is named twice; the first is kept
dossier: $CFG:10:9: warning: collections.empty: expected a folder; ignored
dossier: $CFG:11:9: warning: collections.list: expected a folder; ignored" "$ERR"

# from here on a clean config
cat >"$CFG" <<EOF
collections: {news: ~/clips, geneva: $TMP/a/clips, tokyo: $TMP/b/clips, gone: $TMP/nowhere}
EOF
run_status D -C tokyo list
assert_match "-C NAME lists that collection" "^second	2024-05-03" "$OUT"
assert_eq "-C NAME: both articles" 2 "$(printf '%s\n' "$OUT" | wc -l)"
by_name=$OUT
run_status D --corpus tokyo list
assert_eq "--corpus NAME with no such folder is the name" "$by_name" "$OUT"
mkdir -p "$TMP/cwd/tokyo"
printf -- '---\ntitle: A folder here\n---\nx\n' >"$TMP/cwd/tokyo/here.md"
run_status D --corpus tokyo list
assert_match "--corpus ARG: an existing folder wins over a name" "^here	" "$OUT"
run_status D -C tokyo list
assert_eq "-C is always a name, even with such a folder" "$by_name" "$OUT"
run_status D -C nope list
assert_eq "-C unknown name: exit 2" 2 "$STATUS"
assert_eq "-C unknown name: message" "dossier: no collection named 'nope' in the config (dossier collections lists them)" "$ERR"
run_status D -C tokyo --corpus "$TMP/a/clips" list
assert_eq "-C with --corpus: exit 2" 2 "$STATUS"
assert_match "-C with --corpus: message" "give one" "$ERR"
run_status D -C
assert_eq "-C without a value: exit 2" 2 "$STATUS"
run_status D -C gone list
assert_eq "-C naming a missing folder: exit 1" 1 "$STATUS"
assert_match "-C naming a missing folder: says which" "$TMP/nowhere" "$ERR"
printf 'collection: geneva\n' >>"$CFG"
run_status D list
assert_match "collection: NAME is the default" "^geneve	2024-05-01	" "$OUT"

# each collection its own state and caches, also with the same folder name
run_status D -C geneva mark geneve 0 4
assert_eq "mark in geneva" 0 "$STATUS"
run_status D -C tokyo mark tokyo 0 2
run_status D -C geneva marks
assert_match "geneva keeps its mark" "^geneve	0	4	ok	Text" "$OUT"
assert_no_match "geneva has not tokyo's mark" "tokyo" "$OUT"
run_status D -C tokyo marks
assert_match "tokyo keeps its mark" "^tokyo	0	2	ok	本文" "$OUT"
assert_no_match "tokyo has not geneva's mark" "geneve" "$OUT"
D -C news list >/dev/null 2>&1
assert_eq "one state file per collection (two named clips)" 2 \
	"$(ls "$XDG_STATE_HOME/dossier" | grep -c 'clips-[0-9a-f]*\.yaml$')"
assert_eq "one metadata cache per collection (three named clips)" 3 \
	"$(ls "$XDG_CACHE_HOME/dossier" | grep -c '^clips-.*\.meta$')"

# no collections configured
printf 'layout: {mode: wide}\n' >"$CFG"
run_status D collections
assert_eq "no collections: nothing listed, exit 0" "0:" "$STATUS:$OUT"
assert_match "no collections: says where they go" "no collections in the config" "$ERR"

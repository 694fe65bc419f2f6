# TOML (Hugo, Zola: "+++") and JSON (Hugo: "{") front matter read through
# the same field map as YAML: titles, unquoted dates, authors,
# tags from `tags` and Zola's [taxonomies], unknown tables kept; a broken
# TOML file said at FILE:LINE:COL and still listed with what came before
# the error; JSON that does not parse said and read as text; an old cache
# (format 11, which held such files as text) rebuilt.
. "$(dirname "$0")/../lib.sh"
C="$TMP/c"
mkdir -p "$C"
printf '+++\npath = "2025/06/26/quay"\ntitle = "Café “quay” report — 東京"\ndate = 2025-06-26T10:00:00Z\nauthors = ["Ana Núñez", '"'"'Bo'"'"']\n\n[extra]\nrelease = true\n\n[taxonomies]\ntags = ["Harbour", "night ferry"]\n+++\nThe Zola body.\n' >"$C/zola.md"
printf '+++\r\ntitle = "Hugo ferry"\r\ndate = 2024-06-20\r\nsource = "Coastline"\r\ntags = ["ferry"]\r\ncategories = ["transport"]\r\n+++\r\nBody.\r\n' >"$C/hugo.md"
printf '{\n  "title": "JSON grid report",\n  "date": "2024-03-05",\n  "tags": ["grid", "Harbour"],\n  "author": {"name": "Zoë"}\n}\n\nThe grid.\n' >"$C/json.md"
printf -- '---\ntitle: YAML post\ndate: 2024-01-02\ntags: [harbour]\n---\nBody.\n' >"$C/yaml.md"
printf '+++\ntitle = "Broken but listed"\ntags = ["harbour",\ndate = 2024-05-06\n+++\nBody.\n' >"$C/broken.md"
printf '+++\ntitle = "first"\ntitle = "second"\n+++\nBody.\n' >"$C/dup.md"
printf '+++\ntitle = "No closer"\n' >"$C/open.md"
printf '{\n  "title": "x",\n}\nBody.\n' >"$C/badjson.md"

run_status "$DOSSIER" --corpus "$C" list
assert_eq "list exits 0" "0" "$STATUS"
assert_match "Zola: title, date, tags from [taxonomies]" "^zola	2025-06-26		Café “quay” report — 東京	harbour,night-ferry$" "$OUT"
assert_match "Hugo TOML (CRLF): date, source, tags and categories" "^hugo	2024-06-20	Coastline	Hugo ferry	ferry,transport$" "$OUT"
assert_match "JSON: title, date, tags" "^json	2024-03-05		JSON grid report	grid,harbour$" "$OUT"
assert_match "YAML as before" "^yaml	2024-01-02		YAML post	harbour$" "$OUT"
assert_match "broken TOML still listed, title kept" "^broken			Broken but listed	$" "$OUT"
assert_match "duplicate key: the first wins" "^dup	.*	first	" "$OUT"
assert_match "unterminated TOML read as text" "^open			title = \"No closer\"	$" "$OUT"
assert_match "bad JSON read as text" "^badjson			\"title\": \"x\",	$" "$OUT"

run_status "$DOSSIER" --corpus "$C" list tag:harbour
assert_eq "one tag across the three syntaxes" "json yaml zola" "$(printf '%s\n' "$OUT" | cut -f1 | tr '\n' ' ' | sed 's/ $//')"

run_status "$DOSSIER" --corpus "$C" show zola
assert_match "show: authors" "^Authors: Ana Núñez, Bo$" "$OUT"
assert_match "show: unknown table kept" "^extra: release: true$" "$OUT"
assert_match "show: unknown key kept" "^path: 2025/06/26/quay$" "$OUT"
assert_no_match "show: the fence is not body" "^\+\+\+|title =" "$OUT"
assert_match "show: body after the fence" "^The Zola body\.$" "$OUT"
run_status "$DOSSIER" --corpus "$C" show json
assert_match "show JSON: author's name" "^Authors: Zoë$" "$OUT"
assert_no_match "show JSON: the object is not body" "\"title\"" "$OUT"

run_status "$DOSSIER" --corpus "$C" check
assert_eq "check exits 1" "1" "$STATUS"
ALL="$OUT
$ERR"
assert_match "syntax error at FILE:LINE:COL" "broken\.md:4:1: TOML syntax error: expected a value \(a string, number, boolean, date, array or inline table\)" "$ALL"
assert_match "duplicate key at FILE:LINE:COL" "dup\.md:3:1: warning: duplicate key 'title' \(first at line 2\); ignored" "$ALL"
assert_match "unterminated names its fence" "open\.md:1:1: malformed front matter: no closing '\+\+\+' within 64 KiB; read as text" "$ALL"
assert_match "bad JSON said at its brace" "badjson\.md:1:1: front matter: not a valid JSON object; read as text" "$ALL"
assert_no_match "good files: nothing to say" "/(zola|hugo|json|yaml)\.md" "$ALL"

# A cache of format 11 (before TOML was read) is an upgrade: rebuilt
# quietly, never reported as damage
CACHE=$(find "$XDG_CACHE_HOME" -type f 2>/dev/null | head -n 1)
if [ -n "$CACHE" ]; then
	printf '\013\000\000\000' | dd of="$CACHE" bs=1 seek=8 conv=notrunc 2>/dev/null
	run_status "$DOSSIER" --corpus "$C" list
	assert_match "format-11 cache: titles read" "^zola	2025-06-26		Café" "$OUT"
	assert_eq "format-11 cache: rebuilt without a word" "" "$ERR"
else
	fail "a cache file was written" "none under $XDG_CACHE_HOME"
fi

# The renderer from the command line: `show` prints the rendered text
# (Markdown, HTML, templates stripped, links numbered and listed), `show
# --raw` the file as stored, `links` the numbered targets. Golden files in
# tests/cli/golden/render-*.out (UPDATE=1 rewrites them after review).
. "$(dirname "$0")/../lib.sh"
GOLD="$TOP/tests/cli/golden"
golden() {
	name=$1; shift
	run_status "$@"
	actual=$(printf '%s\nexit %s' "$OUT" "$STATUS")
	if [ "${UPDATE:-}" = 1 ]; then printf '%s\n' "$actual" >"$GOLD/$name.out"; fi
	assert_eq "$name" "$(cat "$GOLD/$name.out" 2>/dev/null)" "$actual"
}
cd "$TOP/tests/data" || exit 1
R="--corpus render"
golden render-show-markdown "$DOSSIER" $R show briefing
golden render-show-html     "$DOSSIER" $R show pasted
golden render-show-hugo     "$DOSSIER" $R show hugo
golden render-show-text     "$DOSSIER" $R show clipping
golden render-show-raw      "$DOSSIER" $R show --raw briefing
golden render-show-notes    "$DOSSIER" $R show notes
golden render-links-notes   "$DOSSIER" $R links notes
golden render-links         "$DOSSIER" $R links briefing
golden render-links-html    "$DOSSIER" $R links pasted
golden render-links-json    "$DOSSIER" $R links --json pasted
golden render-links-none    "$DOSSIER" $R links clipping

# show --raw is the file byte for byte (it has no controls or CR)
assert_eq "show --raw is the stored file" "$(cat render/briefing.md)" "$("$DOSSIER" $R show --raw briefing)"
# metadata entities decoded in list and the JSON list too
assert_match "list: title entities decoded" "Harbour & rail — the week’s briefing" "$("$DOSSIER" $R list)"
assert_match "list --json: source entities decoded" '"source": "Northline \\"Wire\\""' "$("$DOSSIER" $R list --json)"

# usage errors
run_status "$DOSSIER" $R links
assert_eq "links without an ID: usage, exit 2" "2" "$STATUS"
run_status "$DOSSIER" $R links --bogus briefing
assert_eq "links --bogus: exit 2" "2" "$STATUS"
run_status "$DOSSIER" $R links nosuch
assert_eq "links of a missing article: exit 1" "1" "$STATUS"

# hostile link targets: a control character never reaches the output raw
H="$TMP/h"; mkdir -p "$H"
printf -- '---\ntitle: H\n---\n<a href="https://e.org/&#27;]0;x&#7;">t</a> [j](javascript:alert(1)) [m](-new-window)\n' >"$H/h.md"
out=$("$DOSSIER" --corpus "$H" links h)
assert_eq "links: controls escaped, nothing raw" "1	https://e.org/%1B]0;x%07	t
2	javascript:alert(1)	j
3	-new-window	m" "$out"
assert_match "show: javascript: link listed, not opened" '^\[2\] javascript:alert\(1\) \(not opened\)$' "$("$DOSSIER" --corpus "$H" show h)"
assert_match "show: '-new-window' not opened" '^\[3\] -new-window \(not opened\)$' "$("$DOSSIER" --corpus "$H" show h)"

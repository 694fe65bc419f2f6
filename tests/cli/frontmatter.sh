# Front matter as static-site generators write it (issue 19): YAML after
# leading blank lines is read (Hugo reads it; dossier showed "slug: …" as
# the title), with diag lines counted from the file's start; TOML and JSON
# after blank lines are read too (tests/cli/toml.sh has more);
# indented openers, which Hugo reads and dossier does not, are reported
# by check as FILE:LINE:COL; a folder named like an article is read as a
# folder and said when it holds no article.
. "$(dirname "$0")/../lib.sh"
C="$TMP/c"
mkdir -p "$C/bundle.md" "$C/empty.md" "$C/images.md"
printf '\n\n---\nslug: harbour-vote\ntitle: “Harbour vote” — a café’s view\ntags: [Port Strike]\n---\nBody text.\n' >"$C/blank.md"
printf '\357\273\277\r\n\r\n---\r\ntitle: Ünïcode after a BOM\r\n---\r\nBody.\r\n' >"$C/bom.md"
printf '\n\n---\ntitle: Bad date\ndate: 2024-13-45\n---\nBody.\n' >"$C/baddate.md"
printf '\n+++\ntitle = "Strike ends"\n+++\nThe strike ended.\n' >"$C/toml.md"
printf '{\n  "title": "Grid report"\n}\nThe grid.\n' >"$C/json.md"
printf '  ---\ntitle: Indented\n---\nBody.\n' >"$C/indent.md"
printf 'Inside a folder named like an article\n' >"$C/bundle.md/inner.md"
printf 'not an article\n' >"$C/images.md/photo.jpg"

run_status "$DOSSIER" --corpus "$C" list
assert_eq "list exits 0" "0" "$STATUS"
assert_match "blank lines: title read" "^blank	.*	“Harbour vote” — a café’s view	port-strike$" "$OUT"
assert_no_match "blank lines: no slug title" "slug:" "$OUT"
assert_match "BOM + CRLF blank lines: title read" "^bom	.*Ünïcode after a BOM" "$OUT"
assert_match "folder x.md: read as a folder" "^bundle.md/inner	" "$OUT"
assert_match "TOML after a blank line: title read" "^toml	.*	Strike ends" "$OUT"
assert_match "JSON: title read" "^json	.*	Grid report" "$OUT"
run_status "$DOSSIER" --corpus "$C" list tag:port-strike
assert_eq "blank lines: tags read" "blank" "$(printf '%s\n' "$OUT" | cut -f1)"

run_status "$DOSSIER" --corpus "$C" check
assert_eq "check exits 1" "1" "$STATUS"
assert_match "YAML line counted from the file start" "baddate.md:5:7: " "$OUT"
assert_no_match "blank-line front matter is not a problem" "blank.md|bom.md" "$OUT"
assert_no_match "TOML and JSON after blank lines: no problem" "toml.md|json.md" "$OUT"
assert_match "indented opener reported at its column" "indent.md:1:3: warning: indented '---' is not a front matter opener" "$OUT"
assert_match "empty folder x.md said" "empty.md: warning: a folder, not an article, and no articles in it" "$OUT"
assert_match "folder x.md without articles said" "images.md: warning: a folder, not an article" "$OUT"
assert_no_match "folder x.md with articles: nothing to say" "bundle.md:" "$OUT"

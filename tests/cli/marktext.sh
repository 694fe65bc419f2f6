# Marks count the text as read (issue 14): on a Markdown article, `mark`
# takes offsets into the rendered text, `marks` and `export` quote it
# without markup, `note` finds the mark by them, the filter finds words
# inside **bold** but not in a URL, and marks stored by earlier versions
# (offsets and quotes from the raw body) come back where they were in the
# file (ok, at offsets into the rendered text), or orphaned — never dropped.
. "$(dirname "$0")/../lib.sh"

C="$TMP/coll"
mkdir -p "$C/2024"
cat >"$C/2024/crane.md" <<'EOF'
---
title: "Crane day"
date: 2024-06-20
url: https://example.org/crane
---
Officials praised **the harbour’s new crane** on Monday; see [the quay report](https://example.org/zeppelinpath).

Dockers walked out at noon — a café stayed open.
EOF
D() { "$DOSSIER" --corpus "$C" "$@"; }

# The rendered text is the body of `show` (no prefixes in this fixture).
D show 2024/crane | sed '1,/^$/d' >"$TMP/text"
assert_no_match "show: no markup" '\*\*|\]\(' "$(cat "$TMP/text")"
# code point offsets of a passage in a file's text (after the front matter when raw=1)
cp_of() {
	python3 - "$@" <<'PY'
import sys
s = open(sys.argv[1], encoding='utf-8').read()
if len(sys.argv) > 3:
    s = s.split('\n---\n', 1)[1]
i = s.find(sys.argv[2])
print(i, i + len(sys.argv[2]))
PY
}

# ---- mark, marks, export, note on the rendered text ----------------------
set -- $(cp_of "$TMP/text" "the harbour’s new crane on Monday")
run_status D mark 2024/crane "$1" "$2"
assert_eq "mark on rendered offsets" "0:" "$STATUS:$ERR"
S=$1 E=$2
run_status D marks
assert_eq "marks: the words as read, ok" "2024/crane	$S	$E	ok	the harbour’s new crane on Monday		" "$OUT"
run_status D export -f md
assert_match "export md: quote without markup" "^> the harbour’s new crane on Monday$" "$OUT"
assert_no_match "export md: no asterisks" '\*\*' "$OUT"
run_status D export -f json
assert_eq "export json: text" "the harbour’s new crane on Monday" \
	"$(printf '%s' "$OUT" | python3 -c 'import json,sys; print(json.load(sys.stdin)["passages"][0]["text"])')"
run_status D note 2024/crane "$S" "$E" "Check the date"
assert_eq "note finds the mark by rendered offsets" "0:" "$STATUS:$ERR"
state=$(cat "$XDG_STATE_HOME"/dossier/*.yaml)
assert_match "state: text as read" 'text: "the harbour’s new crane on Monday"' "$state"
# the same passage by its raw-body offsets is another place: the words there differ
set -- $(cp_of "$C/2024/crane.md" "the harbour’s new crane" raw)
run_status D mark 2024/crane "$1" "$2"
D marks | grep -v "^2024/crane	$S	" >"$TMP/second"
assert_no_match "raw offsets are not the passage" "	the harbour’s new crane	" "$(cat "$TMP/second")"
run_status D mark 2024/crane 0 100000
assert_match "range names the text length" "outside the text of '2024/crane' \(0\.\.[0-9]+ code points\)" "$ERR"

# ---- the filter reads the words as read (index and files) ---------------
ids() { D $NC list "$@" | cut -f1; }
for how in index files; do
	NC=; [ $how = files ] && NC=--no-cache
	assert_eq "filter ($how): word in bold" "2024/crane" "$(ids 'harbour s new crane')"
	assert_eq "filter ($how): link text" "2024/crane" "$(ids '"quay report"')"
	assert_eq "filter ($how): word only in a URL" "" "$(ids zeppelinpath)"
	assert_eq "filter ($how): a word of the text" "2024/crane" "$(ids 'café')"
	[ $how = index ] && assert_eq "the filter built an index" "1" "$(ls "$XDG_CACHE_HOME"/dossier/*.fts | wc -l)"
done

# ---- marks stored before: raw offsets and quotes -------------------------
raw_mark() {
	set -- "$1" $(cp_of "$C/2024/crane.md" "$1" raw)
	printf '  - article: "2024/crane"\n    start: %s\n    end: %s\n    created: "2024-06-20T10:00:00Z"\n    text: "%s"\n' "$2" "$3" "$1"
}
{
	printf 'version: 1\nmarks:\n'
	raw_mark "harbour’s new crane"
	raw_mark "Dockers walked out at noon"
	raw_mark "praised **the harbour’s"
	raw_mark "zeppelinpath"
} >"$TMP/old.yaml"
run_status D --state "$TMP/old.yaml" marks
assert_eq "old marks: none dropped" "4" "$(printf '%s\n' "$OUT" | grep -c '^2024/crane')"
assert_match "old mark in bold: ok, right words" "^2024/crane	[0-9]+	[0-9]+	ok	harbour’s new crane	" "$OUT"
assert_match "old mark in a paragraph: ok" "^2024/crane	[0-9]+	[0-9]+	ok	Dockers walked out at noon	" "$OUT"
assert_match "old mark across markup: ok, markup gone" "	ok	praised the harbour’s	" "$OUT"
assert_match "old mark in a URL: orphaned, kept" "	orphaned	zeppelinpath	" "$OUT"
set -- $(cp_of "$TMP/text" "Dockers walked out at noon")
assert_match "shown at the rendered offsets" "^2024/crane	$1	$2	ok	" "$OUT"
run_status D --state "$TMP/old.yaml" export -f md
assert_match "old marks export without markup" "^> praised the harbour’s$" "$OUT"

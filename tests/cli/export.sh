# Marks and export from the command line: dossier mark / marks / export on
# a small fixture collection built here, every export format checked by a
# real parser (python3 json / PyYAML), no raw control characters, refusal
# to overwrite, failed writes that leave no file, re-anchoring after edits,
# and a corrupt state file that is reported and kept aside.
. "$(dirname "$0")/../lib.sh"

C="$TMP/coll"
mkdir -p "$C/2024"
cat >"$C/2024/quay.md" <<'EOF'
---
title: "Quay strike: day one"
date: 2024-06-20
source: Harbour Gazette
url: https://example.org/quay
tags: [strike, port]
---
Dockers walked out at dawn on Monday.

The union said the strike would last a week.
EOF
# hostile text: ESC, a C1 control as UTF-8, an invalid byte, RLO, CJK
printf -- '---\ntitle: "Evil \\e]0;pwned\\a title"\ndate: 2024-07-01\nsource: "Src \\x9b2J"\ntags: [other]\n---\nLine with \033[2J escape, \302\233 C1, bad \377 byte, \342\200\256 RLO and 東京.\n' >"$C/2024/evil.md"
cat >"$C/plain.md" <<'EOF'
A plain note without front matter

Tarrow river levels fell again this week.
EOF

D() { "$DOSSIER" --corpus "$C" "$@"; }
# code point offset of a passage in an article body (the text after the front matter)
cp_of() {
	python3 - "$1" "$2" <<'PY'
import sys
raw = open(sys.argv[1], 'rb').read().decode('utf-8', 'surrogateescape')
if raw.startswith('---\n'):
    raw = raw.split('\n---\n', 1)[1]
i = raw.find(sys.argv[2])
print(i, i + len(sys.argv[2]))
PY
}

# ---- mark ---------------------------------------------------------------
set -- $(cp_of "$C/2024/quay.md" "walked out at dawn")
run_status D mark 2024/quay "$1" "$2"
assert_eq "mark exits 0" "0:" "$STATUS:$ERR"
set -- $(cp_of "$C/2024/quay.md" "The union said")
run_status D mark 2024/quay "$1" "$2"
assert_eq "second mark" "0" "$STATUS"
set -- $(cp_of "$C/2024/evil.md" "東京.")
run_status D mark 2024/evil 0 "$2"
assert_eq "mark hostile passage" "0" "$STATUS"
run_status D mark plain 0 10
assert_eq "mark article without front matter" "0" "$STATUS"
state=$(ls "$XDG_STATE_HOME"/dossier/*.yaml 2>/dev/null)
assert_match "state file under XDG_STATE_HOME, named like the caches" "/dossier/coll-[0-9a-f]{16}\.yaml$" "$state"

run_status D mark no/such 0 5
assert_eq "mark unknown id exits 1" "1" "$STATUS"
assert_match "mark unknown id message" "^dossier: no article with id 'no/such'" "$ERR"
run_status D mark 2024/quay 5 5
assert_eq "empty range is a usage error" "2" "$STATUS"
run_status D mark 2024/quay 0 100000
assert_eq "range past the body is a usage error" "2" "$STATUS"
assert_match "range message names the text length" "outside the text of '2024/quay' \(0\.\.[0-9]+ code points\)" "$ERR"
run_status D mark 2024/quay x 5
assert_eq "non-numeric offset" "2" "$STATUS"
run_status D mark 2024/quay 1
assert_eq "missing argument" "2" "$STATUS"

# ---- marks --------------------------------------------------------------
run_status D marks
assert_eq "marks exits 0" "0" "$STATUS"
assert_eq "marks lists four" "4" "$(printf '%s\n' "$OUT" | grep -c .)"
assert_match "marks TSV line" "^2024/quay	8	26	ok	walked out at dawn		$" "$OUT"
assert_no_match "marks output has no ESC" "$(printf '\033')" "$OUT"
run_status D marks --json
printf '%s' "$OUT" >"$TMP/marks.json"
if python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert len(d)==4 and all(set(x)>={"id","start","end","status","text"} for x in d)' "$TMP/marks.json"; then
	pass "marks --json parses"; else fail "marks --json parses" "$OUT"; fi
run_status D marks tag:strike
assert_eq "marks with a query" "2" "$(printf '%s\n' "$OUT" | grep -c '^2024/quay')"
assert_no_match "query excludes others" "^plain" "$OUT"
run_status D marks "tag:("
assert_eq "bad query is a usage error" "2" "$STATUS"

# ---- export: every format ----------------------------------------------
no_controls() { # NAME FILE: no raw C0 (except TAB, LF), DEL or C1 in the file
	if python3 - "$2" <<'PY'
import sys, re
t = open(sys.argv[1], 'rb').read().decode('utf-8')  # also proves valid UTF-8
sys.exit(1 if re.search('[\x00-\x08\x0b-\x1f\x7f-\x9f]', t) else 0)
PY
	then pass "$1"; else fail "$1"; fi
}

for f in md txt yaml json org annotation; do
	run_status D export -f "$f"
	printf '%s' "$OUT" >"$TMP/out.$f"
	assert_eq "export -f $f exits 0" "0:" "$STATUS:$ERR"
	no_controls "export $f has no raw control characters and is UTF-8" "$TMP/out.$f"
done

md=$(cat "$TMP/out.md")
assert_match "md: title heading" "^## Quay strike: day one$" "$md"
assert_match "md: source" "^- Source: Harbour Gazette$" "$md"
assert_match "md: date" "^- Date: 2024-06-20$" "$md"
assert_match "md: url" "^- URL: <https://example.org/quay>$" "$md"
assert_match "md: id" "^- ID: 2024/quay$" "$md"
assert_match "md: passage as block quote" "^> walked out at dawn$" "$md"
assert_match "md: passage position" "^— 2024/quay, code points 8–26$" "$md"
first=$(printf '%s\n' "$md" | grep -n '^> walked' | cut -d: -f1)
second=$(printf '%s\n' "$md" | grep -n '^> The union' | cut -d: -f1)
if [ "$first" -lt "$second" ]; then pass "md: reading order"; else fail "md: reading order"; fi
assert_match "md: controls shown, not sent" 'Line with \^\[\[2J escape, <U\+009B> C1, bad � byte, <U\+202E> RLO' "$md"

txt=$(cat "$TMP/out.txt")
assert_match "txt: position line" "^Position: 8-26 \(ok\)$" "$txt"
assert_match "txt: id line" "^ID: plain$" "$txt"

if python3 - "$TMP/out.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
p = d["passages"]
assert len(p) == 4, p
q = [x for x in p if x["id"] == "2024/quay"]
assert q[0]["title"] == "Quay strike: day one" and q[0]["source"] == "Harbour Gazette"
assert q[0]["date"] == "2024-06-20" and q[0]["url"] == "https://example.org/quay"
assert (q[0]["start"], q[0]["end"], q[0]["text"], q[0]["status"]) == (8, 26, "walked out at dawn", "ok")
e = [x for x in p if x["id"] == "2024/evil"][0]
assert "\x1b[2J" in e["text"] and "\u009b" in e["text"] and "\ufffd" in e["text"], e
PY
then pass "json: parses, every field"; else fail "json: parses, every field"; fi

if python3 - "$TMP/out.annotation" "$C" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
assert d["@context"] == "http://www.w3.org/ns/anno.jsonld" and d["type"] == "AnnotationCollection"
items = d["first"]["items"]
assert d["total"] == len(items) == 4
for a in items:
    assert a["type"] == "Annotation" and a["id"].startswith("urn:dossier:")
    sel = {s["type"]: s for s in a["target"]["selector"]}
    q, pos = sel["TextQuoteSelector"], sel["TextPositionSelector"]
    assert set(q) >= {"exact", "prefix", "suffix"} and pos["end"] > pos["start"]
quay = [a for a in items if a["target"]["source"] == "https://example.org/quay"]
assert len(quay) == 2
q = {s["type"]: s for s in quay[0]["target"]["selector"]}
assert q["TextQuoteSelector"]["exact"] == "walked out at dawn"
assert q["TextQuoteSelector"]["prefix"] == "Dockers " and q["TextQuoteSelector"]["suffix"].startswith(" on Monday.")
assert q["TextPositionSelector"] == {"type": "TextPositionSelector", "start": 8, "end": 26}
plain = [a for a in items if a["target"]["source"].startswith("file:///") and
         a["target"]["source"].endswith("/coll/plain.md")]
assert len(plain) == 1, items
PY
then pass "annotation: W3C shape, selectors, sources"; else fail "annotation: W3C shape, selectors, sources"; fi

if python3 - "$TMP/out.yaml" <<'PY'
import yaml, sys
d = yaml.safe_load(open(sys.argv[1], encoding='utf-8'))
p = d["passages"]
assert len(p) == 4
q = [x for x in p if x["id"] == "2024/quay"][0]
assert (q["title"], q["start"], q["end"], q["text"]) == ("Quay strike: day one", 8, 26, "walked out at dawn")
e = [x for x in p if x["id"] == "2024/evil"][0]
assert "\x1b[2J" in e["text"] and "\u202e" in e["text"]
PY
then pass "yaml: re-read, same fields"; else fail "yaml: re-read, same fields"; fi

org=$(cat "$TMP/out.org")
assert_match "org: headline" "^\* Quay strike: day one$" "$org"
assert_match "org: id property" "^:DOSSIER_ID: 2024/quay$" "$org"
assert_match "org: quote" "^#\+BEGIN_QUOTE$" "$org"

run_status D export -f docx
assert_eq "unknown format is a usage error" "2" "$STATUS"
run_status D export -f json tag:strike
assert_eq "export with a query: only matching articles" "2" \
	"$(printf '%s' "$OUT" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["passages"]))')"

# ---- files: -o, extension, --force, failures ---------------------------
run_status D export -o "$TMP/m.json"
assert_eq "export -o exits 0" "0:" "$STATUS:$OUT"
if python3 -c 'import json,sys; json.load(open(sys.argv[1]))["passages"]' "$TMP/m.json"; then
	pass "format from the .json extension"; else fail "format from the .json extension"; fi
run_status D export -o "$TMP/m.annotation.json"
assert_match "format from .annotation.json" '"AnnotationCollection"' "$(cat "$TMP/m.annotation.json")"
echo "precious" >"$TMP/keep.md"
run_status D export -o "$TMP/keep.md"
assert_eq "refuses to overwrite: exit 1" "1" "$STATUS"
assert_match "refusal message" "keep.md exists; not overwritten \(use --force" "$ERR"
assert_eq "refused file unchanged" "precious" "$(cat "$TMP/keep.md")"
ln -s "$TMP/keep.md" "$TMP/link.md"
run_status D export -o "$TMP/link.md"
assert_eq "refuses a symlink too" "1:precious" "$STATUS:$(cat "$TMP/keep.md")"
run_status D export --force -o "$TMP/keep.md"
assert_eq "--force replaces" "0" "$STATUS"
assert_match "--force wrote the export" "^## Quay strike" "$(cat "$TMP/keep.md")"
run_status D export -o "$TMP/notes.foo"
assert_eq "unknown extension without -f" "2" "$STATUS"
run_status D export -o "$TMP/missing/dir/x.md"
assert_eq "missing folder: exit 1" "1" "$STATUS"
assert_match "missing folder: reason" "export failed: .*No such file or directory" "$ERR"

for step in write fsync rename; do
	mkdir -p "$TMP/inj"
	DOSSIER_TEST_FAIL_AT=$step run_status D export -o "$TMP/inj/x.md"
	assert_eq "injected $step failure: exit 1" "1" "$STATUS"
	assert_match "injected $step failure: message" "export failed: .*x\.md: .*\(at $step\); nothing written" "$ERR"
	assert_eq "injected $step failure: no file, no temp" "" "$(ls -A "$TMP/inj")"
done

# read-only folder as an unprivileged user (root ignores chmod 555)
mkdir -p "$TMP/ro"
chmod 755 "$TMP" "$C" "$C/2024" && chmod 555 "$TMP/ro" && chmod 644 "$C"/*.md "$C"/2024/*.md
cp "$state" "$TMP/state-copy.yaml" && chmod 644 "$TMP/state-copy.yaml"
asuser=""
if setpriv --reuid=65534 --regid=65534 --clear-groups true 2>/dev/null; then
	asuser="setpriv --reuid=65534 --regid=65534 --clear-groups"
elif runuser -u nobody -- true 2>/dev/null; then
	asuser="runuser -u nobody --"
fi
if [ -n "$asuser" ] && $asuser test -x "$DOSSIER" && ! $asuser test -w "$TMP/ro"; then
	run_status env HOME="$TMP/ro" $asuser "$DOSSIER" --corpus "$C" --state "$TMP/state-copy.yaml" \
		export -o "$TMP/ro/x.md"
	assert_eq "read-only folder: exit 1" "1" "$STATUS"
	assert_match "read-only folder: reason" "export failed: .*Permission denied" "$ERR"
	assert_eq "read-only folder: nothing left" "" "$(ls -A "$TMP/ro")"
else
	skip "read-only folder export: cannot run as an unprivileged user here"
fi

# ---- --state, re-anchoring after edits, corrupt state ---------------------
run_status D --state "$TMP/alt.yaml" marks
assert_eq "--state: another file, empty" "0:" "$STATUS:$OUT"
run_status D --state "$TMP/alt.yaml" mark plain 2 7
assert_eq "--state: mark saved there" "1" "$(grep -c 'article: "plain"' "$TMP/alt.yaml")"

{ printf -- '---\ntitle: "Quay strike: day one"\ndate: 2024-06-20\nsource: Harbour Gazette\nurl: https://example.org/quay\ntags: [strike, port]\n---\n'
  printf 'UPDATE: talks resume.\n\nDockers walked out at dawn on Monday.\n\nThe union said the strike could last a fortnight.\n'; } >"$C/2024/quay.md"
run_status D marks 2024/quay
run_status D marks tag:strike
assert_match "text moved: re-anchored" "^2024/quay	31	49	moved	walked out at dawn		$" "$OUT"
assert_eq "orphaned or moved, never dropped" "2" "$(printf '%s\n' "$OUT" | grep -c '^2024/quay')"
printf 'Tarrow is not mentioned any more.\n' >"$C/plain.md"
run_status D marks
assert_match "passage removed: orphaned with its stored text" "^plain	0	10	orphaned	A plain no		$" "$OUT"
run_status D export -f md
assert_match "orphaned passage still exported" "^> A plain no$" "$OUT"

printf 'version: 1\nmarks:\n  - article: [oops\n' >"$state"
run_status D marks
assert_eq "corrupt state: program goes on" "0:" "$STATUS:$OUT"
assert_match "corrupt state: FILE:LINE:COL" "^dossier: .*\.yaml:[0-9]+:[0-9]+: state file: " "$ERR"
assert_match "corrupt state: backup named" "kept as .*\.yaml\.corrupt-[0-9]{14}" "$ERR"
assert_eq "corrupt state: backup on disk" "1" "$(ls "$XDG_STATE_HOME"/dossier/ | grep -c 'corrupt-')"

# suite: long
# From marked passages to a cited brief (issue 17): notes and mark tags set
# from the command line and kept in the state file (also by two processes
# at once), the marktag: filter, 'changed' vs 'moved' vs 'orphaned', and
# the citation formats, each parsed back: CSL-JSON by shape, BibTeX by a
# strict brace-level parser (and pybtex when installed), RIS by its line
# grammar; pandoc --citeproc renders the --cite brief when pandoc is here.
. "$(dirname "$0")/../lib.sh"

C="$TMP/coll"
mkdir -p "$C/2024"
cat >"$C/2024/quay.md" <<'EOF2'
---
title: "Quay strike: 50% walk out & {unions} #1 — “day one”"
date: 2024-06-20
source: Harbour Gazette
url: https://example.org/quay?a=1%20b#top
accessed: 2024-07-01
authors: [Ada Brook, "van der Berg, Ludwig", Martin Luther King Jr.]
tags: [strike, port]
---
Dockers walked out at dawn on Monday, says the union’s Zoë Ærø.

The union said the strike would last a week — until the 東京 talks.

Pay offers were rejected twice before the vote.
EOF2
cat >"$C/2024/wire.md" <<'EOF2'
---
title: "Ferries cancelled as the strike spreads"
date: 2024-06
url: https://example.org/wire
authors: Reuters Staff
---
All ferries to the islands were cancelled on Tuesday morning.
EOF2
printf -- '---\ntitle: "Evil \\e]0;pwned\\a title"\ndate: 2024-07-01\nauthors: ["Eve \\x9b2J Ctrl"]\nsource: "Src \\x1b[2J"\n---\nLine with \033[2J escape and more text here.\n' >"$C/2024/evil.md"

D() { "$DOSSIER" --corpus "$C" "$@"; }
cp_of() {
	python3 - "$1" "$2" <<'PY'
import sys
raw = open(sys.argv[1], 'rb').read().decode('utf-8', 'surrogateescape')
raw = raw.split('\n---\n', 1)[1]
i = raw.find(sys.argv[2])
print(i, i + len(sys.argv[2]))
PY
}

# ---- notes and tags ---------------------------------------------------------
set -- $(cp_of "$C/2024/quay.md" "walked out at dawn")
W1=$1 W2=$2
run_status D mark 2024/quay "$W1" "$W2" --note "Check the time — “dawn”? 東京" --tag evidence --tag "#Key Quote"
assert_eq "mark --note --tag exits 0" "0:" "$STATUS:$ERR"
set -- $(cp_of "$C/2024/quay.md" "The union said the strike would last a week")
U1=$1 U2=$2
run_status D mark 2024/quay "$U1" "$U2"
set -- $(cp_of "$C/2024/quay.md" "Pay offers were rejected twice")
P1=$1 P2=$2
run_status D mark 2024/quay "$P1" "$P2" --tag=background
run_status D mark 2024/wire 0 20
run_status D mark 2024/evil 0 20 --note "$(printf 'bad \033]52;c;x\007 note')"
assert_eq "mark with a control in the note" "0" "$STATUS"
state=$(ls "$XDG_STATE_HOME"/dossier/*.yaml)
assert_match "state file: note" '^    note: "Check the time — “dawn”\? 東京"$' "$(cat "$state")"
assert_match "state file: tags normalised" '^    tags: \["evidence", "key-quote"\]$' "$(cat "$state")"
assert_match "state file: control escaped in the note" 'note: "bad \\u001[bB]\]52;c;x\\u0007 note"' "$(cat "$state")"

run_status D marks tag:port
assert_match "marks TSV: tags and note columns" "^2024/quay	$W1	$W2	ok	walked out at dawn	#evidence #key-quote	Check the time — “dawn”\? 東京$" "$OUT"
assert_match "marks TSV: empty columns when none" "^2024/quay	$U1	$U2	ok	The union said the strike would last a week		$" "$OUT"
run_status D marks
assert_no_match "marks: no raw ESC from a note" "$(printf '\033')" "$OUT"

run_status D note 2024/quay "$U1" "$U2" --tag evidence "A long note,
on two lines"
assert_eq "note exits 0" "0:" "$STATUS:$ERR"
printf 'From standard input\n\n' | D note 2024/wire 0 20 - >/dev/null
run_status D note 2024/quay "$P1" "$P2" --untag background
run_status D marks --json
printf '%s' "$OUT" >"$TMP/marks.json"
if python3 - "$TMP/marks.json" <<'PY'
import json, sys
d = {(x["id"], x["start"]): x for x in json.load(open(sys.argv[1]))}
q = [x for k, x in d.items() if k[0] == "2024/quay"]
assert [x["tags"] for x in q] == [["evidence", "key-quote"], ["evidence"], []], q
assert q[1]["note"] == "A long note,\non two lines" and q[2]["note"] is None, q
assert d[("2024/wire", 0)]["note"] == "From standard input"
assert all(x["status"] == "ok" and x["current"] is None for x in d.values())
PY
then pass "marks --json: notes, tags, note from stdin, --untag"; else fail "marks --json: notes, tags" "$OUT"; fi

run_status D note 2024/quay 1 2 "x"
assert_match "note: no such mark" "^dossier: note: '2024/quay' has no mark at 1\.\.2" "$ERR"
assert_eq "note: no such mark exits 1" "1" "$STATUS"
run_status D note 2024/quay "$W1" "$W2"
assert_eq "note without text or tag is a usage error" "2" "$STATUS"
run_status D note 2024/quay "$W1" "$W2" --tag "#"
assert_eq "an empty tag is a usage error" "2" "$STATUS"
run_status D mark 2024/quay "$W1" "$W2" --bogus
assert_eq "mark: unknown option" "2" "$STATUS"

# the mark tag filter, alone and with article terms
run_status D marks marktag:evidence
assert_eq "marktag: only tagged passages" "2" "$(printf '%s\n' "$OUT" | grep -c .)"
run_status D marks "marktag:#Key-Quote"
assert_eq "marktag: '#', case folded" "1" "$(printf '%s\n' "$OUT" | grep -c .)"
run_status D marks tag:strike -marktag:evidence
assert_eq "marktag: negated, with an article term" "1" "$(printf '%s\n' "$OUT" | grep -c "	$P1	")"
run_status D list marktag:evidence
assert_match "list marktag: the article of a tagged passage" "^2024/quay	" "$OUT"
assert_eq "list marktag: only that one" "1" "$(printf '%s\n' "$OUT" | grep -c .)"
run_status D marks marktag:
assert_eq "marktag: without a value" "2" "$STATUS"

# two processes noting different marks at the same time: both kept
for i in 1 2 3; do
	D note 2024/quay "$W1" "$W2" "parallel W $i" >/dev/null 2>&1 &
	pid=$!
	D note 2024/quay "$P1" "$P2" "parallel P $i" >/dev/null 2>&1
	wait $pid
	run_status D marks --json tag:port
	if printf '%s' "$OUT" | python3 -c "
import json, sys
n = {x['start']: x['note'] for x in json.load(sys.stdin)}
assert n[$W1] == 'parallel W $i' and n[$P1] == 'parallel P $i', n"; then
		pass "concurrent notes on two marks both kept ($i)"
	else
		fail "concurrent notes on two marks both kept ($i)" "$OUT"
	fi
done

# ---- citation formats ----------------------------------------------------------
for f in csl bibtex ris; do
	D export -f "$f" >"$TMP/refs.$f" 2>"$TMP/err"
	assert_eq "export -f $f exits 0" "0:" "$?:$(cat "$TMP/err")"
	if python3 -c 'import re,sys; t=open(sys.argv[1],"rb").read().decode("utf-8"); sys.exit(1 if re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f]", t) else 0)' "$TMP/refs.$f"; then
		pass "$f: UTF-8, no raw control characters"; else fail "$f: no raw control characters"; fi
done
D export -f json >"$TMP/passages.json"

if python3 - "$TMP/refs.csl" "$TMP/passages.json" <<'PY'
import json, sys
refs = json.load(open(sys.argv[1]))
passages = json.load(open(sys.argv[2]))["passages"]
assert isinstance(refs, list) and len(refs) == 3, refs
ids = [r["id"] for r in refs]
assert len(set(ids)) == 3
assert set(ids) == {p["citekey"] for p in passages}, (ids, [p["citekey"] for p in passages])
allowed = {"id", "type", "title", "author", "issued", "accessed", "URL", "container-title"}
for r in refs:
    assert set(r) <= allowed, set(r) - allowed
    assert r["type"] in ("article-newspaper", "webpage")
    assert isinstance(r["title"], str) and r["title"]
    for a in r.get("author", []):
        assert set(a) <= {"family", "given", "non-dropping-particle", "suffix", "literal"}, a
        assert ("literal" in a) != ("family" in a), a
        assert all(isinstance(v, str) and v for v in a.values())
    for k in ("issued", "accessed"):
        if k in r:
            dp = r[k]["date-parts"]
            assert len(dp) == 1 and 1 <= len(dp[0]) <= 3 and all(isinstance(x, int) for x in dp[0]), dp
quay = next(r for r in refs if r["container-title"] == "Harbour Gazette" if "container-title" in r)
assert quay["type"] == "article-newspaper"
assert quay["author"] == [{"family": "Brook", "given": "Ada"},
                          {"family": "Berg", "given": "Ludwig", "non-dropping-particle": "van der"},
                          {"family": "King", "given": "Martin Luther", "suffix": "Jr."}], quay["author"]
assert quay["issued"] == {"date-parts": [[2024, 6, 20]]} and quay["accessed"] == {"date-parts": [[2024, 7, 1]]}
assert quay["URL"] == "https://example.org/quay?a=1%20b#top"
assert quay["title"] == "Quay strike: 50% walk out & {unions} #1 — “day one”"
wire = next(r for r in refs if r["title"].startswith("Ferries"))
assert wire["type"] == "webpage" and wire["author"] == [{"literal": "Reuters Staff"}]
assert wire["issued"] == {"date-parts": [[2024, 6]]} and "container-title" not in wire
assert quay["id"] == "brook2024quay" and wire["id"] == "reuters2024ferries", ids
PY
then pass "csl: shape, names split, dates, keys shared with the json export"; else fail "csl: shape"; fi

if python3 - "$TMP/refs.bibtex" <<'PY'
import re, sys
t = open(sys.argv[1], encoding="utf-8").read()
# a strict reader: @type{key, field = {balanced}, ...}
entries, i = [], 0
while True:
    i = t.find("@", i)
    if i < 0: break
    m = re.compile(r"@(\w+)\{([a-z0-9]+),").match(t, i)
    assert m, t[i:i+40]
    typ, key, i, fields = m.group(1), m.group(2), m.end(), {}
    while True:
        m = re.compile(r"\s*(\w+) = \{").match(t, i)
        if not m:
            m = re.compile(r"\s*\}").match(t, i); assert m, t[i:i+40]; i = m.end(); break
        name, i, depth, start = m.group(1), m.end(), 1, m.end()
        while depth:
            c = t[i]
            if c == "\\": i += 2; continue
            depth += (c == "{") - (c == "}"); i += 1
        fields[name] = t[start:i-1]
        if t[i] == ",": i += 1
    entries.append((typ, key, fields))
assert len(entries) == 3, entries
by = {f["title"][:5]: (typ, key, f) for typ, key, f in entries}
typ, key, f = by["Quay "]
assert typ == "article" and key == "brook2024quay" and f["entrysubtype"] == "newspaper"
assert f["author"] == "Brook, Ada and van der Berg, Ludwig and King, Jr., Martin Luther", f["author"]
assert f["title"] == r"Quay strike: 50\% walk out \& \{unions\} \#1 — “day one”", f["title"]
assert f["journaltitle"] == "Harbour Gazette" and f["date"] == "2024-06-20" and f["urldate"] == "2024-07-01"
assert f["url"] == "https://example.org/quay?a=1%20b#top", f["url"]
typ, key, f = by["Ferri"]
assert typ == "online" and f["author"] == "{Reuters Staff}" and f["date"] == "2024-06" and "journaltitle" not in f
for typ, key, f in entries:
    for k, v in f.items():
        if k != "url":
            assert not re.search(r"(?<!\\)[&%#$_]", v), (k, v)
PY
then pass "bibtex: parses, names as Family, Given, TeX escaped, UTF-8 kept"; else fail "bibtex: parses"; fi
PYB=""
for py in python3 /usr/bin/python3; do
	if "$py" -c 'import pybtex' 2>/dev/null; then PYB=$py; break; fi
done
if [ -n "$PYB" ]; then
	if "$PYB" - "$TMP/refs.bibtex" <<'PY'
import sys
from pybtex.database import parse_file
db = parse_file(sys.argv[1], bib_format="bibtex")
e = db.entries["brook2024quay"]
p = e.persons["author"]
assert [str(x) for x in p][0] == "Brook, Ada", [str(x) for x in p]
assert p[1].prelast_names == ["van", "der"] and p[1].last_names == ["Berg"]
assert p[2].lineage_names == ["Jr."]
assert len(db.entries) == 3
PY
	then pass "bibtex: pybtex reads it, names split the same"; else fail "bibtex: pybtex reads it"; fi
else
	skip "bibtex: pybtex not installed (python3-pybtex)"
fi

if python3 - "$TMP/refs.ris" <<'PY'
import re, sys
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
assert lines[-1] == "", "ends with a newline"
recs, cur = [], None
for l in lines[:-1]:
    if l == "":
        assert cur is None, "blank line inside a record"; continue
    m = re.fullmatch(r"([A-Z][A-Z0-9])  - (.*)", l)
    assert m, l
    tag, val = m.groups()
    if tag == "TY":
        assert cur is None; cur = [(tag, val)]
    else:
        assert cur is not None, l; cur.append((tag, val))
    if tag == "ER":
        assert val == ""; recs.append(cur); cur = None
assert cur is None and len(recs) == 3
quay = next(r for r in recs if ("T2", "Harbour Gazette") in r)
assert quay[0] == ("TY", "NEWS")
assert [v for t, v in quay if t == "AU"] == ["Brook, Ada", "van der Berg, Ludwig", "King, Martin Luther, Jr."]
assert ("PY", "2024") in quay and ("DA", "2024/06/20/") in quay and ("Y2", "2024/07/01/") in quay
assert ("ID", "brook2024quay") in quay
wire = next(r for r in recs if ("AU", "Reuters Staff") in r)
assert wire[0] == ("TY", "ELEC") and ("DA", "2024/06//") in wire
PY
then pass "ris: line grammar, records, authors, dates"; else fail "ris: line grammar"; fi

run_status D export -o "$TMP/x.csl.json"
assert_match "format from .csl.json" '"type": "(article-newspaper|webpage)"' "$(cat "$TMP/x.csl.json")"
run_status D export -o "$TMP/x.bib"
assert_match "format from .bib" '^@article\{brook2024quay,' "$(cat "$TMP/x.bib")"
run_status D export -o "$TMP/x.ris"
assert_match "format from .ris" '^TY  - NEWS' "$(cat "$TMP/x.ris")"
run_status D export --cite -f json
assert_eq "--cite is for Markdown only" "2" "$STATUS"

# ---- authors, notes and keys in every passage format ------------------------------
for f in md txt yaml json org annotation; do
	out=$(D export -f "$f")
	assert_match "$f: carries the authors" "Brook.*Berg|Ada Brook" "$out"
	assert_match "$f: carries the note" "A long note" "$out"
done
md=$(D export -f md)
assert_match "md: authors line" "^- Authors: Ada Brook; van der Berg, Ludwig; Martin Luther King Jr\.$" "$md"
assert_match "md: note under the quote" "^\*\*Note:\*\* parallel W 3$" "$md"
assert_match "md: mark tags" "^Tags: #evidence #key-quote$" "$md"
assert_no_match "md: no raw ESC from a note" "$(printf '\033')" "$md"
D export -f annotation >"$TMP/a.jsonld"
if python3 - "$TMP/a.jsonld" <<'PY'
import json, sys
items = json.load(open(sys.argv[1]))["first"]["items"]
noted = [a for a in items if any(b["purpose"] == "commenting" for b in a["body"])]
assert noted and all(a["motivation"] == "commenting" for a in noted)
for a in items:
    assert all(b["type"] == "TextualBody" for b in a["body"])
tags = {b["value"] for a in items for b in a["body"] if b["purpose"] == "tagging"}
assert tags == {"evidence", "key-quote"}, tags
desc = [b["value"] for a in items for b in a["body"] if b["purpose"] == "describing"]
assert any(d.startswith("Ada Brook; van der Berg, Ludwig; Martin Luther King Jr.. Quay strike") for d in desc), desc
PY
then pass "annotation: note as commenting TextualBody, tags as tagging, authors in the citation"; else fail "annotation: bodies"; fi

# ---- pandoc renders the cited brief ---------------------------------------------------
run_status D export --cite -o "$TMP/brief.md"
assert_eq "export --cite exits 0" "0:" "$STATUS:$ERR"
brief=$(cat "$TMP/brief.md")
assert_match "--cite: [@key] after each quote" "^— \[@brook2024quay\]; 2024/quay, code points $W1–$W2$" "$brief"
assert_match "--cite: references section" "^::: \{#refs\}$" "$brief"
if command -v pandoc >/dev/null 2>&1; then
	out=$(pandoc --citeproc -t plain --wrap=none "$TMP/brief.md" 2>&1)
	assert_match "pandoc: citation rendered from the brief" "\(Brook, van der Berg, and King 2024\)" "$out"
	assert_match "pandoc: bibliography entry with the authors" "^Brook, Ada, Ludwig van der Berg, and Martin Luther King Jr\. 2024\. “Quay Strike" "$out"
	assert_match "pandoc: the organisation as written" "^Reuters Staff\. 2024" "$out"
	assert_match "pandoc: the quote, exactly" "walked out at dawn" "$out"
	assert_no_match "pandoc: no unresolved citation" "\?\?\?|brook2024quay" "$out"
	printf 'See [@brook2024quay].\n' >"$TMP/one.md"
	for b in x.csl.json x.bib; do
		out=$(pandoc --citeproc --bibliography "$TMP/$b" -t plain --wrap=none "$TMP/one.md" 2>&1)
		# biblatex drops a "von" part in citations unless useprefix is set
		assert_match "pandoc: reads the $b bibliography" "See \(Brook, (van der )?Berg, and King 2024\)" "$out"
		assert_match "pandoc: $b entry is a newspaper article" "Harbour Gazette, June 20, 2024" "$out"
	done
else
	skip "pandoc not installed: --citeproc rendering not checked"
fi

# ---- changed vs moved vs orphaned -----------------------------------------------------
{ sed -n '1,/^---$/p' "$C/2024/quay.md" | head -1; sed -n '2,/^---$/p' "$C/2024/quay.md"
  printf 'UPDATE: talks resume.\n\nDockers walked out at dawn on Monday, says the union’s Zoë Ærø.\n\n'
  printf 'The union said the stoppage would last a fortnight — until the 東京 talks.\n'; } >"$TMP/q.md"
mv "$TMP/q.md" "$C/2024/quay.md"
run_status D marks tag:port
assert_match "same words elsewhere: moved" "^2024/quay	[0-9]+	[0-9]+	moved	walked out at dawn	" "$OUT"
assert_match "words edited: changed, shown as marked" "^2024/quay	[0-9]+	[0-9]+	changed	The union said the strike would last a week	" "$OUT"
assert_match "passage gone: orphaned" "^2024/quay	$P1	$P2	orphaned	Pay offers were rejected twice	" "$OUT"
md=$(D export -f md tag:port)
assert_match "md: changed passage quoted as marked" "^> The union said the strike would last a week$" "$md"
assert_match "md: the current wording beside it" "code points [0-9]+–[0-9]+ \(changed since marked; the text now reads: “The union said the stoppage would last a fortnight”\)$" "$md"
if D export -f json tag:port | python3 -c '
import json, sys
p = {x["status"]: x for x in json.load(sys.stdin)["passages"]}
assert set(p) == {"moved", "changed", "orphaned"}, p.keys()
c = p["changed"]
assert c["text"] == "The union said the strike would last a week", c
assert c["current"] == "The union said the stoppage would last a fortnight", c
assert c["note"] == "A long note,\non two lines" and p["moved"]["current"] is None'; then
	pass "json: changed keeps the marked text, current beside it, note kept"
else
	fail "json: changed keeps the marked text"
fi
assert_match "txt: Now reads" "^Now reads: The union said the stoppage would last a fortnight$" "$(D export -f txt)"
run_status D marks --json tag:port
assert_match "marks --json: current wording" '"current": "The union said the stoppage would last a fortnight"' "$OUT"

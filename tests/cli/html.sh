# Web pages (.html/.htm) read in place (issue 15): metadata from the page
# through the field map, the article extracted from the page chrome as the
# body, a sidecar winning, charsets converted, and hostile pages (deep
# nesting, a huge page, billion laughs in an XHTML page) in bounded time.
. "$(dirname "$0")/../lib.sh"
C="$TMP/c"
cp -r "$TOP/tests/data/html/news" "$C"

run_status "$DOSSIER" --corpus "$C" list
assert_eq "list exits 0" 0 "$STATUS"
assert_match "news page: OpenGraph title, date, site, tags" \
	"^2024/harbour-cranes	2024-06-17	Northline Wire	Harbour cranes idle as dockers walk out	strikes,shipping,ports,labour$" "$OUT"
assert_match "blog: JSON-LD headline, date, publisher, keywords" \
	"^2024/quay-blog	2024-06-19	Dockside Notes	What the crane drivers told me	strikes,night-shifts$" "$OUT"
assert_match "byline page: date from the text" "^byline-in-text	2023-11-03		Ferry timetable cut for the winter	$" "$OUT"
assert_match "declared Latin-1 converted" "^latin1			Résumé of the café vote	$" "$OUT"
assert_match "undeclared legacy bytes read as windows-1252" "^legacy-undeclared			Undeclared café page	$" "$OUT"

run_status "$DOSSIER" --corpus "$C" show 2024/harbour-cranes
assert_match "authors from article:author" "^Authors: Marta Quist$" "$OUT"
assert_match "url: JSON-LD/canonical before og:url" "^URL: https://northline.example/2024/harbour-cranes\\?ref=canon$" "$OUT"
assert_match "paragraphs kept" "^The walkout, the first in eleven years, followed a breakdown in talks over night-shift pay. “We waited long enough,”" "$OUT"
assert_match "heading kept" "^## Ships wait in the roads$" "$OUT"
assert_match "quote kept (rendered)" "^│ Nobody wins a long stoppage" "$OUT"
assert_match "list kept (rendered)" "^• West quay: working at half strength$" "$OUT"
assert_match "link kept as a link (rendered)" "a retroactive rise. See the full timeline\\[1\\]\\.$" "$OUT"
assert_match "link target listed" "^\\[1\\] https://northline.example/timeline$" "$OUT"
assert_match "caption kept" "^The east quay cranes stood still on Monday afternoon.$" "$OUT"
for junk in "World" "Share on Social" "cookies" "morning briefing" "Port strike enters" "overdue" "Advertisement" "All rights reserved" "tracking" "By Marta Quist" "color:red"; do
	assert_no_match "dropped: $junk" "$junk" "$OUT"
done
assert_eq "the title heading is not repeated in the body" 1 "$(printf '%s\n' "$OUT" | grep -c 'Harbour cranes idle')"

run_status "$DOSSIER" --corpus "$C" show byline-in-text
assert_match "byline only in the text read as authors" "^Authors: Ines Varga, Pål Henriksen$" "$OUT"
assert_no_match "byline and date lines not body text" "^By Ines|^Published 3" "$OUT"
assert_no_match "masthead dropped" "Island Courier" "$OUT"

run_status "$DOSSIER" --corpus "$C" show 2024/quay-blog
assert_match "JSON-LD authors" "^Authors: Tomás Ruiz, Ada Brook$" "$OUT"
assert_no_match "share box and comments dropped" "Share this|Great piece|Archives" "$OUT"

run_status "$DOSSIER" --corpus "$C" related 2024/harbour-cranes
assert_match "related to a Markdown article" "^[0-9.]*	2024/strike-week-two	shipping,strikes	2024-06-24	" "$OUT"
run_status "$DOSSIER" --corpus "$C" list 'author:quist tag:labour'
assert_eq "filter on page metadata" "2024/harbour-cranes" "$(printf '%s\n' "$OUT" | cut -f1)"
run_status "$DOSSIER" --corpus "$C" list brazier
assert_eq "body words searchable" "2024/quay-blog" "$(printf '%s\n' "$OUT" | cut -f1)"

# marks: offsets into the extracted body, exported with the quote
run_status "$DOSSIER" --corpus "$C" mark 2024/harbour-cranes 0 6
assert_eq "mark on a page" 0 "$STATUS"
run_status "$DOSSIER" --corpus "$C" marks
assert_match "mark quotes the extracted text" "^2024/harbour-cranes	0	6	ok	Docker	" "$OUT"

# a sidecar wins over the page, field by field
printf 'title: From the sidecar\ntags: [sidecar-tag]\n' >"$C/latin1.yaml"
run_status "$DOSSIER" --corpus "$C" list
assert_match "sidecar title and tags win" "^latin1			From the sidecar	sidecar-tag$" "$OUT"

# .htm counts too; an empty page is listed
printf '<html><head><title>Short one</title></head><body><p>Just a line.</p></body></html>' >"$C/short.htm"
: >"$C/empty.html"
run_status "$DOSSIER" --corpus "$C" list short
assert_match ".htm read" "^short			Short one	$" "$OUT"

# hostile pages
H="$TMP/h"; mkdir -p "$H"
python3 -c "print('<html><head><title>Deep</title></head><body>' + '<div>' * 100000 + '<p>deep text</p>' + '</div>' * 100000 + '<p>after</p></body></html>')" >"$H/deep.html"
python3 -c "
import sys
s = '<?xml version=\"1.0\"?><!DOCTYPE html [<!ENTITY a \"aaaaaaaaaa\">'
for i in range(1, 10): s += '<!ENTITY a%d \"%s\">' % (i, ('&a%s;' % ('' if i == 1 else i - 1)) * 10)
s += ']><html><head><title>Laughs &a9;</title></head><body><p>&a9;</p></body></html>'
open('$H/laughs.html', 'w').write(s)"
printf '<?xml version="1.0"?><!DOCTYPE html [<!ENTITY x SYSTEM "file:///etc/passwd">]><html><head><title>XXE &x;</title></head><body><p>&x; leaked?</p></body></html>' >"$H/xxe.html"
{ printf '<html><head><title>Huge page</title></head><body>'; head -c 40000000 /dev/zero | tr '\0' 'x'; printf '</body></html>'; } >"$H/huge.html"
run_status timeout 30 "$DOSSIER" --corpus "$H" list
assert_eq "hostile pages listed in bounded time" "0" "$STATUS"
assert_match "huge page: metadata from its head" "^huge			Huge page	$" "$OUT"
run_status timeout 30 "$DOSSIER" --corpus "$H" check
assert_match "huge page reported" "huge.html: warning: page over 32 MiB; listed, body not displayed" "$OUT"
assert_match "deep page: nesting reported at its position" "deep.html:1:[0-9]*: warning: elements nested deeper than 256; the rest of the page is not read" "$OUT"
run_status timeout 30 "$DOSSIER" --corpus "$H" show xxe
assert_no_match "no external entity read" "root:" "$OUT"
run_status timeout 30 "$DOSSIER" --corpus "$H" show laughs
assert_eq "billion laughs: shown, not expanded" "0" "$STATUS"
assert_eq "billion laughs: bounded output" 1 "$([ "$(printf '%s' "$OUT" | wc -c)" -lt 10000 ] && echo 1 || echo 0)"
run_status timeout 30 "$DOSSIER" --corpus "$H" show deep
assert_eq "deep page shown" "0" "$STATUS"

# libxml2 set up once for the process: loader threads parsing their first
# pages at the same moment deadlocked in its lazy set-up (xmlDictCreate);
# forty small pages read cold by four threads, ten times over
P="$TMP/many"
mkdir -p "$P"
i=0
while [ $i -lt 40 ]; do
	printf '<!DOCTYPE html><html><head><meta charset="utf-8"><title>Quay notice %d — “berths”</title></head><body><article><h1>Quay notice %d</h1><p>The harbour office said berth %d reopens on Monday, after the crane inspection; café owners welcomed it.</p><p>Second paragraph with more words about the tides and the ferry timetable.</p></article></body></html>\n' $i $i $i >"$P/notice-$i.html"
	i=$((i + 1))
done
ok=0 runs=0
while [ $runs -lt 10 ]; do
	n=$(DOSSIER_THREADS=4 timeout 20 "$DOSSIER" --no-cache --corpus "$P" list 2>/dev/null | wc -l | tr -d ' ')
	[ "$n" = 40 ] && ok=$((ok + 1))
	runs=$((runs + 1))
done
assert_eq "40 pages read by four threads, ten cold loads, none stuck" "10" "$ok"

# dossier import of web pages and feeds (issue 15): RSS 2.0 with
# content:encoded and CDATA, RSS 1.0, Atom with html and text content, an
# HTML page; Markdown bodies and front matter; re-import skipped as a
# duplicate (same url, same text) unless --force; --url --date --tag;
# standard input; hostile feeds (billion laughs, external entity, 100,000
# items, not XML) with FILE:LINE:COL and nothing half-written.
. "$(dirname "$0")/../lib.sh"
W="$TOP/tests/data/import/web"
D="$TMP/out"

run_status "$DOSSIER" import --into "$D" "$W/rss2.xml" "$W/rss1.rdf" "$W/atom.xml" "$W/page.html"
assert_eq "import exits 0" 0 "$STATUS"
assert_eq "one article per item and page" 6 "$(ls "$D"/*.md | wc -l | tr -d ' ')"
assert_match "items named by file:line" "^imported .*/rss2.xml:7 -> cranes-idle-as-dockers-walk-out.md \(title \"Cranes idle as dockers walk out\", date 2024-06-17, 2 tags, 0 lines removed\)$" "$OUT"

F="$D/cranes-idle-as-dockers-walk-out.md"
assert_eq "RSS 2.0 front matter" '---
title: "Cranes idle as dockers walk out"
date: 2024-06-17
source: "Northline Wire – Ports"
authors:
  - "Marta Quist"
url: "https://northline.example/2024/cranes-idle?utm_source=rss"
tags:
  - "Strikes"
  - "Shipping & Ports"
imported-from: "rss2.xml"
---' "$(sed -n '1,/^---$/p;' "$F" | sed -n '1,13p')"
body=$(sed '1,/^---$/d' "$F")
assert_match "content:encoded preferred, emphasis kept" "^Dockers at the east quay stopped work on Monday, leaving \*forty\* ships waiting.$" "$body"
assert_match "heading kept" "^## Talks$" "$body"
assert_match "entities decoded" "the union said — “no date” is set.$" "$body"
assert_match "list kept" "^- West quay: half strength$" "$body"
assert_match "link kept as a link" "^Read the \[timeline\]\(https://northline.example/timeline\).$" "$body"
assert_no_match "no script, no teaser" "alert|Short teaser" "$body"

F="$D/ferry-timetable-fares-what-changes.md"
assert_match "RSS author: the name in parentheses" '^  - "Ines Varga"$' "$(cat "$F")"
assert_match "escaped HTML description converted" "^Café owners on the quay — and in Århus — are worried.$" "$(cat "$F")"
F="$D/school-reopens-after-storm-repairs.md"
assert_match "RSS 1.0: dc:date, dc:creator, dc:subject, channel title" 'date: 2023-11-03
source: "Island Courier"
authors:
  - "Pål Henriksen"' "$(cat "$F")"
F="$D/what-the-crane-drivers-told-me.md"
assert_match "Atom: alternate link, two authors" 'url: "https://dockside.example/crane-drivers"' "$(cat "$F")"
assert_match "Atom html content converted" "^> Like a second home, only colder.$" "$(cat "$F")"
assert_match "Atom text content shown as written" '^Plain text with \\\*stars\\\* and \\<angle brackets\\> kept as written.$' "$(cat "$D/a-plain-note.md")"
F="$D/quay-vote-dockers-back-the-deal.md"
assert_match "page: og:title, site, author, canonical" 'title: "Quay vote: dockers back the deal"
date: 2024-06-28
source: "Northline Wire"
authors:
  - "Marta Quist"
url: "https://northline.example/2024/quay-vote"' "$(cat "$F")"
assert_no_match "page chrome dropped" "Home|Share|©" "$(cat "$F")"

# the imported folder reads as a collection
run_status "$DOSSIER" --corpus "$D" check
assert_eq "imported articles check clean" 0 "$STATUS"

# re-import: duplicates skipped, nothing written
sums=$(cat "$D"/*.md | cksum)
run_status "$DOSSIER" import --into "$D" "$W/rss2.xml" "$W/page.html"
assert_eq "re-import exits 0" 0 "$STATUS"
assert_eq "three duplicates reported" 3 "$(printf '%s\n' "$OUT" | grep -c '^skipped .*: duplicate of .*(same url; --force imports it)$')"
assert_eq "nothing written on re-import" "$sums" "$(cat "$D"/*.md | cksum)"
# the same text under another url is a duplicate too
sed 's|quay-vote|quay-vote-amp|' "$W/page.html" >"$TMP/copy.html"
run_status "$DOSSIER" import --into "$D" "$TMP/copy.html"
assert_match "same body, other url" "^skipped .*copy.html: duplicate of .*quay-vote-dockers-back-the-deal.md \(same body; --force imports it\)$" "$OUT"
run_status "$DOSSIER" import --force --into "$D" "$W/page.html"
assert_match "--force imports a duplicate" "^imported .* -> quay-vote-dockers-back-the-deal-2.md " "$OUT"

# --url --date --tag --source, standard input
E="$TMP/e"
run_status sh -c "printf '<html><body><p>A note pasted from the clipboard, long enough to be an article body.</p></body></html>' | \"$DOSSIER\" import --into '$E' --url https://x.example/n --date 2024-07-01 --tag clip --tag 'Port Life' --source Desk -"
assert_eq "stdin import exits 0" 0 "$STATUS"
assert_match "options set the fields" 'date: 2024-07-01
source: "Desk"
url: "https://x.example/n"
tags:
  - "clip"
  - "Port Life"' "$(cat "$E"/*.md)"
run_status "$DOSSIER" import --into "$E" --date 2024-13-40 "$W/page.html"
assert_eq "bad --date is a usage error" "2" "$STATUS"
run_status "$DOSSIER" import --into "$E" --url https://x.example/ "$W/rss2.xml"
assert_match "--url with a feed of two items refused" "rss2.xml: --url names one article; this feed has 2" "$ERR"

# hostile feeds
H="$TMP/h"; mkdir -p "$H"; O="$TMP/ho"
python3 -c "
s = '<?xml version=\"1.0\"?>\n<!DOCTYPE rss [<!ENTITY a \"aaaaaaaaaa\">'
for i in range(1, 10): s += '<!ENTITY a%d \"%s\">' % (i, ('&a%s;' % ('' if i == 1 else i - 1)) * 10)
s += ']>\n<rss><channel><title>&a9;</title><item><title>x</title></item></channel></rss>'
open('$H/laughs.xml', 'w').write(s)"
run_status timeout 20 "$DOSSIER" import --into "$O" "$H/laughs.xml"
assert_eq "billion laughs refused" 1 "$STATUS"
assert_match "with its position" "laughs.xml:[0-9]+:[0-9]+: not a readable feed: Detected an entity reference loop" "$ERR"
assert_eq "nothing written" "" "$(ls "$O" 2>/dev/null)"
printf '<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<rss><channel><title>T</title><item><title>Leak &x;</title><link>https://e.example/x</link><description>body &x; here</description></item></channel></rss>\n' >"$H/xxe.xml"
run_status timeout 20 "$DOSSIER" import --into "$O" "$H/xxe.xml"
assert_no_match "external entity not read" "root:" "$(cat "$O"/*.md 2>/dev/null)"
printf '<?xml version="1.0"?>\n<rss><channel><title>T</title>\n<item><title>Broken</item></channel></rss>\n' >"$H/broken.xml"
run_status "$DOSSIER" import --into "$O" "$H/broken.xml"
assert_match "not well-formed: FILE:LINE:COL" "broken.xml:3:[0-9]+: not a readable feed: Opening and ending tag mismatch" "$ERR"
python3 -c "
import sys
w = open('$H/many.xml', 'w')
w.write('<?xml version=\"1.0\"?><rss><channel><title>Many</title>')
for i in range(100000): w.write('<item><title>Same %d</title><link>https://e.example/same</link><description>same</description></item>' % i)
w.write('</channel></rss>')"
run_status timeout 60 "$DOSSIER" import --into "$TMP/many" "$H/many.xml"
assert_eq "100,000 items in bounded time" 0 "$STATUS"
assert_match "items past the cap reported" "many.xml: warning: 100000 items; only the first 10000 are read" "$ERR"
assert_eq "one written, the rest duplicates" "1 9999" "$(ls "$TMP/many" | wc -l | tr -d ' ') $(printf '%s\n' "$OUT" | grep -c '^skipped')"

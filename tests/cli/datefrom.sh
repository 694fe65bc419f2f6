# An article whose metadata holds no date takes its file name's
# (Jekyll's _posts/2024-05-31-title.md, a Hugo bundle's folder) or else its
# URL's (front matter, sidecar or a page's canonical link; Zola's path): list, its date
# sort and date: queries, show's "(from the file name)", list --json's
# date_from; the front matter's date always wins, one that does not parse
# is still reported; the same answers from a full load, a warm cache and
# the lean index, and after an edit gives the file a date of its own.
. "$(dirname "$0")/../lib.sh"
unset DOSSIER_CHECK_EVERY
C="$TMP/c"
mkdir -p "$C/_posts" "$C/news" "$C/bundle/2024-04-02-coast-trip"
printf -- '---\ntitle: Jekyll post\ntags: [harbour]\n---\nBody.\n' >"$C/_posts/2024-05-31-jekyll-post.md"
printf -- '---\ntitle: Front matter wins\ndate: 2023-01-15\n---\nBody.\n' >"$C/_posts/2024-06-01-front-wins.md"
printf -- '---\ntitle: Bad date\ndate: not a date\n---\nBody.\n' >"$C/_posts/2024-02-10-bad-date.md"
printf -- '---\ntitle: Glued name\n---\nBody.\n' >"$C/_posts/2024-05-31x-glued.md"
printf -- '---\ntitle: Invalid name\n---\nBody.\n' >"$C/_posts/2024-02-30-invalid.md"
printf -- '---\ntitle: “Curly” name\n---\nBody.\n' >"$C/_posts/2024-05-15-“curly”-東京.md"
printf -- '---\ntitle: Name before URL\nurl: https://example.org/2024/07/01/x\n---\nBody.\n' >"$C/2024-05-12-name-first.md"
printf -- '---\ntitle: URL dated\nurl: https://example.org/news/2024/06/03/url-dated?d=2020-01-01\n---\nBody.\n' >"$C/news/url-dated.md"
printf -- '---\ntitle: Ambiguous URL\nlink: https://example.org/2024/06/03/2024-06-04-two\n---\nBody.\n' >"$C/news/ambiguous.md"
printf 'Sidecar URL\n\nBody.\n' >"$C/news/side.md"
printf 'url: https://example.org/20240520/side\n' >"$C/news/side.yaml"
printf 'Sidecar dated\n\nBody.\n' >"$C/news/side-dated.md"
printf 'date: 2022-02-02\nurl: https://example.org/2024-05-21-side\n' >"$C/news/side-dated.yaml"
printf '<html><head><title>Page dated</title><link rel="canonical" href="https://example.org/world/2024/05/25/page"></head><body><article><p>The page body, read as the article text.</p></article></body></html>\n' >"$C/news/page.html"
printf 'Bundle trip\n\nBody.\n' >"$C/bundle/2024-04-02-coast-trip/index.md"
# Zola's "path" key is the page's URL path (the Rust blog's only date)
printf '+++\ntitle = "Zola post"\npath = "2024/03/09/zola-post"\n[taxonomies]\ntags = ["harbour"]\n+++\nBody.\n' >"$C/news/zola.md"
find "$C" -type d -exec touch -d '1 hour ago' {} +

WANT_LIST='2024-05-12-name-first	2024-05-12		Name before URL	
_posts/2024-02-10-bad-date	2024-02-10		Bad date	
_posts/2024-02-30-invalid			Invalid name	
_posts/2024-05-15-“curly”-東京	2024-05-15		“Curly” name	
_posts/2024-05-31-jekyll-post	2024-05-31		Jekyll post	harbour
_posts/2024-05-31x-glued			Glued name	
_posts/2024-06-01-front-wins	2023-01-15		Front matter wins	
bundle/2024-04-02-coast-trip/index	2024-04-02		Bundle trip	
news/ambiguous			Ambiguous URL	
news/page	2024-05-25		Page dated	
news/side	2024-05-20		Sidecar URL	
news/side-dated	2022-02-02		Sidecar dated	
news/url-dated	2024-06-03		URL dated	
news/zola	2024-03-09		Zola post	harbour'
ids() { printf '%s\n' "$OUT" | cut -f1 | tr '\n' ' ' | sed 's/ $//'; }

# three passes: a full load (no cache), a cold load writing the cache,
# the warm cache (and its lean index) answering
for how in nocache cold warm; do
	if [ $how = nocache ]; then E="DOSSIER_NO_CACHE=1"; else E="DOSSIER_NO_CACHE=0"; fi
	run_status env $E "$DOSSIER" --corpus "$C" list
	assert_eq "$how: list" "$WANT_LIST" "$OUT"
	run_status env $E "$DOSSIER" --corpus "$C" list --sort date
	assert_eq "$how: list --sort date" "news/url-dated _posts/2024-05-31-jekyll-post news/page news/side _posts/2024-05-15-“curly”-東京 2024-05-12-name-first bundle/2024-04-02-coast-trip/index news/zola _posts/2024-02-10-bad-date _posts/2024-06-01-front-wins news/side-dated _posts/2024-02-30-invalid _posts/2024-05-31x-glued news/ambiguous" "$(ids)"
	run_status env $E "$DOSSIER" --corpus "$C" list date:2024-05..2024-06
	assert_eq "$how: list date:2024-05..2024-06" "2024-05-12-name-first _posts/2024-05-15-“curly”-東京 _posts/2024-05-31-jekyll-post news/page news/side news/url-dated" "$(ids)"
	run_status env $E "$DOSSIER" --corpus "$C" list --count 'before:2024-05-01'
	assert_eq "$how: list --count before:2024-05-01" "5" "$OUT"
	run_status env $E "$DOSSIER" --corpus "$C" list --json tag:harbour
	assert_match "$how: --json: date_from name" '^    "date_from": "name",$' "$OUT"
	assert_match "$how: --json: after the date" '^    "date": "2024-05-31",$' "$OUT"
	run_status env $E "$DOSSIER" --corpus "$C" list --json
	assert_eq "$how: --json: date_from of each" "name name null name name null null name null url url null url url" \
		"$(printf '%s\n' "$OUT" | sed -n 's/^    "date_from": "*\([a-z]*\)"*,$/\1/p' | tr '\n' ' ' | sed 's/ $//')"
	run_status env $E "$DOSSIER" --corpus "$C" show _posts/2024-05-31-jekyll-post
	assert_match "$how: show: from the file name" '^Date: 2024-05-31 \(from the file name\)$' "$OUT"
	run_status env $E "$DOSSIER" --corpus "$C" show news/url-dated
	assert_match "$how: show: from the URL" '^Date: 2024-06-03 \(from the URL\)$' "$OUT"
	run_status env $E "$DOSSIER" --corpus "$C" show news/side
	assert_match "$how: show: from the sidecar's URL" '^Date: 2024-05-20 \(from the URL\)$' "$OUT"
	run_status env $E "$DOSSIER" --corpus "$C" show news/page
	assert_match "$how: show: from the page's canonical URL" '^Date: 2024-05-25 \(from the URL\)$' "$OUT"
	run_status env $E "$DOSSIER" --corpus "$C" show news/zola
	assert_match "$how: show: from Zola's path" '^Date: 2024-03-09 \(from the URL\)$' "$OUT"
	run_status env $E "$DOSSIER" --corpus "$C" related --json _posts/2024-05-31-jekyll-post
	assert_match "$how: related --json: date_from" '"id": "news/zola",.*"date": "2024-03-09",.*"date_from": "url"' "$(printf '%s' "$OUT" | tr -d '\n')"
	run_status env $E "$DOSSIER" --corpus "$C" show _posts/2024-06-01-front-wins
	assert_match "$how: show: the front matter's date, no source said" '^Date: 2023-01-15$' "$OUT"
	run_status env $E "$DOSSIER" --corpus "$C" show news/ambiguous
	assert_no_match "$how: show: two dates in the URL: none" '^Date:' "$OUT"
	run_status env $E "$DOSSIER" --corpus "$C" check
	assert_eq "$how: check: exit 1 (the bad date)" "1" "$STATUS"
	assert_match "$how: check: the bad date still said" "2024-02-10-bad-date\.md:3:7: warning: date: cannot read 'not a date'" "$OUT$ERR"
	assert_eq "$how: check: nothing else to say" "1" "$(printf '%s\n%s\n' "$OUT" "$ERR" | grep -c 'warning\|error')"
done

# the lean index answers the date forms from the cache, as a full load
for q in 'date:2024-05..2024-06' 'after:2024-05-20' '-date:2024' 'date:2024-05 OR tag:harbour'; do
	run_status env DOSSIER_TEST_NO_LOAD=1 "$DOSSIER" --corpus "$C" list --json --sort date -- "$q"
	assert_eq "lean: list --json --sort date $q: answered" "0" "$STATUS"
	assert_eq "lean: list --json --sort date $q: as a full load" \
		"$(DOSSIER_NO_CACHE=1 "$DOSSIER" --corpus "$C" list --json --sort date -- "$q" 2>&1)" "$OUT"
done

# the file gets a date of its own: the front matter's, no longer the name's
# (edited in place: every file checked, as the other tests do)
export DOSSIER_CHECK_EVERY=0
printf -- '---\ntitle: Jekyll post\ntags: [harbour]\ndate: 2021-03-04\n---\nBody.\n' >"$C/_posts/2024-05-31-jekyll-post.md"
run_status "$DOSSIER" --corpus "$C" show _posts/2024-05-31-jekyll-post
assert_match "edited: the front matter's date" '^Date: 2021-03-04$' "$OUT"
run_status "$DOSSIER" --corpus "$C" list --json tag:harbour
assert_match "edited: --json date_from null" '^    "date_from": null,$' "$OUT"
run_status "$DOSSIER" --corpus "$C" list date:2024-05
assert_no_match "edited: out of May" 'jekyll-post' "$OUT"

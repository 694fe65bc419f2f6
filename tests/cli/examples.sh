# SPDX-License-Identifier: MIT
# The bundled sample collection is what a new user sees first (`make run`),
# so its promises are checked here: every file is one of the three metadata
# forms, every front matter is closed, all text is clean UTF-8 and none of
# it is borrowed from the seed articles. When the program is built, it must
# load the collection without a single diagnostic and list every article.
. "$(dirname "$0")/../lib.sh"

EX="$TOP/examples"
TAB=$(printf '\t')

# The files that deliberately carry no metadata at all (title = first line).
NOMETA="README.md
2024/kharkiv-school-letter.txt
briefs/air-raid-alert-notice.txt"

if [ ! -d "$EX" ]; then
	fail "examples/ exists"
	exit 0
fi
cd "$EX" || exit 1

find . -type f \( -name '*.md' -o -name '*.txt' -o -name '*.markdown' \) |
	sed 's|^\./||' | LC_ALL=C sort >"$TMP/articles"
find . -path ./.dossier -prune -o -type f \( -name '*.yaml' -o -name '*.yml' \) -print |
	sed 's|^\./||' | LC_ALL=C sort >"$TMP/sidecars"
find . -type f | sed 's|^\./||' | LC_ALL=C sort >"$TMP/all"

n=$(wc -l <"$TMP/articles")
if [ "$n" -ge 18 ] && [ "$n" -le 30 ]; then pass "collection has 18-30 article files ($n)"
else fail "collection has 18-30 article files" "found $n"; fi

# sidecar_of FILE: prints the sidecar beside FILE, if any.
sidecar_of() {
	stem=${1%.*}
	for ext in yaml yml; do
		if [ -f "$stem.$ext" ]; then echo "$stem.$ext"; return 0; fi
	done
	return 1
}

# closing_line FILE: line number of the line that ends the front matter.
closing_line() {
	awk 'NR > 1 && ($0 == "---" || $0 == "...") { print NR; exit }' "$1"
}

# Every article is exactly one of: front matter, sidecar, listed no-metadata.
bad_form=""; bad_close=""; both=""; n_fm=0; n_side=0; n_none=0; n_dots=0
while IFS= read -r f; do
	first=$(head -n 1 "$f")
	side=$(sidecar_of "$f") || side=""
	if [ "$first" = "---" ]; then
		n_fm=$((n_fm + 1))
		close=$(closing_line "$f")
		if [ -z "$close" ]; then bad_close="$bad_close $f"
		elif [ "$(sed -n "${close}p" "$f")" = "..." ]; then n_dots=$((n_dots + 1)); fi
		[ -n "$side" ] && both="$both $f"
	elif [ -n "$side" ]; then
		n_side=$((n_side + 1))
	elif printf '%s\n' "$NOMETA" | grep -Fxq -- "$f"; then
		n_none=$((n_none + 1))
	else
		bad_form="$bad_form $f"
	fi
done <"$TMP/articles"
assert_eq "every article has front matter, a sidecar or is a listed no-metadata file" "" "$bad_form"
assert_eq "every front matter has a closing --- or ... line" "" "$bad_close"
assert_eq "no article has both front matter and a sidecar" "" "$both"
if [ "$n_side" -ge 2 ]; then pass "at least two sidecar articles ($n_side)"
else fail "at least two sidecar articles" "found $n_side"; fi
if [ "$n_dots" -ge 1 ]; then pass "a front matter closed by ..."
else fail "a front matter closed by ..."; fi
if [ "$n_fm" -gt $((n / 2)) ]; then pass "most articles use front matter ($n_fm of $n)"
else fail "most articles use front matter" "$n_fm of $n"; fi

# The listed no-metadata files exist and really have no metadata.
missing=""
for f in $NOMETA; do
	if [ ! -f "$f" ]; then missing="$missing $f(absent)"
	elif [ "$(head -n 1 "$f")" = "---" ] || sidecar_of "$f" >/dev/null; then missing="$missing $f(has metadata)"
	elif [ -z "$(grep -m 1 '[^[:space:]]' "$f")" ]; then missing="$missing $f(no title line)"; fi
done
assert_eq "listed no-metadata files exist, have none and have a title line" "" "$missing"

# A sidecar belongs to an article, and a sidecar article's body has no fence.
orphans=""
while IFS= read -r y; do
	stem=${y%.*}
	[ -f "$stem.md" ] || [ -f "$stem.txt" ] || [ -f "$stem.markdown" ] || orphans="$orphans $y"
done <"$TMP/sidecars"
assert_eq "every sidecar sits beside its article" "" "$orphans"

# Two files with one stem would give two articles the same ID.
dups=$(sed 's/\.[^./]*$//' "$TMP/articles" | sort | uniq -d | tr '\n' ' ')
assert_eq "article IDs (paths without extension) are unique" "" "$dups"

# Clean text: valid UTF-8, no control characters but tab and newline, no CR.
badutf=""; cntrl=""
ctl=$(printf '[\001-\010\013-\037\177]')
while IFS= read -r f; do
	iconv -f UTF-8 -t UTF-8 "$f" >/dev/null 2>&1 || badutf="$badutf $f"
	LC_ALL=C grep -q "$ctl" "$f" && cntrl="$cntrl $f"
done <"$TMP/all"
assert_eq "all files are valid UTF-8" "" "$badutf"
assert_eq "no control characters or CR in examples" "" "$cntrl"

# The text exercises the reader: non-ASCII names, CJK, emoji, a tab list.
all_text=$(cat $(cat "$TMP/all"))
for want in 'Zoë' 'Łódź' 'São Paulo' 'Ångström' '—' '“' '和平不能' '🕊'; do
	case "$all_text" in
	*"$want"*) pass "examples contain $want" ;;
	*) fail "examples contain $want" ;;
	esac
done
if grep -q "^$TAB" $(cat "$TMP/articles"); then pass "a tab-indented list"
else fail "a tab-indented list"; fi
for d in 2024 2025 briefs; do
	if grep -q "^$d/" "$TMP/articles"; then pass "subfolder $d/ holds articles"
	else fail "subfolder $d/ holds articles"; fi
done

# Only example.org URLs, so nothing in the sample points at a real site.
realurl=$(grep -ho 'https\?://[^ )>"]*' $(cat "$TMP/all") | grep -v '^https://example\.org/' || true)
assert_eq "every URL is an https://example.org/ URL" "" "$realurl"

# ngrams N: stdin text -> one lower-case N-word sequence per line. Words are
# ASCII letter/digit runs, so punctuation and quote styles do not matter.
ngrams() {
	LC_ALL=C tr -cs 'A-Za-z0-9' '\n' | LC_ALL=C tr 'A-Z' 'a-z' |
		awk -v n="$1" 'NF { w[c++ % n] = $0; if (c >= n) { s = w[(c - n) % n];
			for (i = c - n + 1; i < c; i++) s = s " " w[i % n]; print s } }'
}
# borrowed: prints example files that share an 8-word sequence with a seed.
borrowed() {
	for s in "$SEEDS"/*; do [ -f "$s" ] && ngrams 8 <"$s"; done | sort -u >"$TMP/seed8"
	while IFS= read -r f; do
		ngrams 8 <"$f" | sort -u >"$TMP/ex8"
		hit=$(comm -12 "$TMP/seed8" "$TMP/ex8" | head -n 1)
		[ -n "$hit" ] && printf '%s: "%s"\n' "$f" "$hit"
	done
	return 0
}
if [ -d "$SEEDS" ] && [ -n "$(ls "$SEEDS" 2>/dev/null)" ]; then
	out=$(borrowed <"$TMP/all")
	assert_eq "no 8-word sequence of any seed appears in examples" "" "$out"
	# The detector itself must be able to fail: plant a seed's opening words.
	planted="$TMP/planted.md"
	for s in "$SEEDS"/*; do
		[ -f "$s" ] || continue
		words=$(ngrams 8 <"$s" | head -n 1)
		[ -n "$words" ] && break
	done
	printf 'Our own words, then %s and more.\n' "$words" >"$planted"
	out=$(echo "$planted" | borrowed)
	assert_match "the seed-overlap detector finds a planted seed sequence" "planted\.md" "$out"
else
	skip "seed overlap: $SEEDS absent"
fi

# With the program built: check is clean and list shows every article.
cd "$TOP" || exit 1
if [ ! -x "$DOSSIER" ]; then
	skip "dossier not built: check/list on examples"
	exit 0
fi
run_status "$DOSSIER" --corpus "$EX" check
if [ "$STATUS" -eq 2 ]; then
	skip "check not available yet (exit 2): $ERR"
else
	assert_eq "dossier check exits 0 on examples" "0" "$STATUS"
	[ "$STATUS" -eq 0 ] || printf '%s\n%s\n' "$OUT" "$ERR" | head -n 30 >&2
fi

run_status "$DOSSIER" --corpus "$EX" list
if [ "$STATUS" -eq 2 ]; then
	skip "list not available yet (exit 2): $ERR"
	exit 0
fi
assert_eq "dossier list exits 0 on examples" "0" "$STATUS"
# README.md is an article too unless the loader chooses to skip it.
expected=$(sed 's/\.[^./]*$//' "$TMP/articles" | grep -vx README | LC_ALL=C sort)
actual=$(printf '%s\n' "$OUT" | cut -f 1 | grep -v '^$' | grep -vx README | LC_ALL=C sort)
assert_eq "list shows every article ID exactly once" "$expected" "$actual"

# line ID: the list row for ID.
line() { printf '%s\n' "$OUT" | awk -F "$TAB" -v id="$1" '$1 == id'; }
assert_match "sidecar title is used" "The F-16’s other crew" \
	"$(line 2025/f16-ground-crews)"
assert_match "no-metadata title is the first line" "Letter: Our school is underground" \
	"$(line 2024/kharkiv-school-letter)"
assert_match "'2024-06-24 07:45:00 +0300' date is read" "^[^$TAB]*${TAB}2024-06-24" \
	"$(line 2024/kyiv-blackout-schedules)"
assert_match "ISO date-time is read" "^[^$TAB]*${TAB}2024-06-20" \
	"$(line 2024/patriot-search-europe)"
assert_match "draft (published: false) keeps its date" "^[^$TAB]*${TAB}2024-10-16" \
	"$(line briefs/drawdown-package-draft)"
assert_match "site: feeds the source" "The Harbour Ledger" \
	"$(line 2024/house-passes-aid-bill)"
assert_match "front matter closed by ... is read" "No decision on Storm Shadow" \
	"$(line 2024/storm-shadow-decision-deferred)"
assert_match "comma-separated sidecar tags are split" "ukraine-defense-contact-group,places/ramstein" \
	"$(line briefs/ramstein-pledges)"
assert_match "topics: feeds the tags" "sanctions,military-aid,g7" \
	"$(line briefs/frozen-assets-loan)"

# The vocabulary folds spellings, so the untagged files link into clusters:
# the letter (Kharkov, glide bombs, air defence) relates first to the Kharkiv
# glide-bomb report, and Kiev in the draft derives places/kyiv.
run_status "$DOSSIER" --corpus "$EX" related -n 1 2024/kharkiv-school-letter
assert_match "untagged letter relates to the Kharkiv report" "^[^$TAB]*${TAB}2024/kharkiv-glide-bombs${TAB}.*places/kharkiv" "$OUT"
run_status "$DOSSIER" --corpus "$EX" list 'tag:places/kharkiv'
assert_match "Kharkov in the letter derives places/kharkiv" "^2024/kharkiv-school-letter" "$OUT"
run_status "$DOSSIER" --corpus "$EX" list 'tag:weapons/himars'
assert_match "Himars derives weapons/himars" "^briefs/drawdown-package-draft" "$OUT"
run_status "$DOSSIER" --corpus "$EX" list 'tag:air-defense'
assert_match "US spelling in the untagged notice derives air-defense" "^briefs/air-raid-alert-notice" "$OUT"

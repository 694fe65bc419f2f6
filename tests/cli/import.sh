#!/bin/sh
# dossier import end to end: our own chrome fixture, usage errors, no
# overwrite on a rerun, nothing written into a read-only folder, and the
# five real seeds (when ../shared/seeds is there) imported into articles
# that are clean, dated where the text says so, and linked by shared tags.
ENV_SEEDS=${SEEDS:-}
. "$(dirname "$0")/../lib.sh"
[ -n "$ENV_SEEDS" ] && SEEDS=$ENV_SEEDS
DATA="$TOP/tests/data/import"

if [ ! -x "$DOSSIER" ]; then
	skip "dossier binary not built"
	exit 0
fi

# --- our fixture: every chrome kind, two dates -----------------------------
D="$TMP/fixture"
mkdir -p "$D"
run_status "$DOSSIER" import --into "$D" --verbose "$DATA/chrome.txt"
assert_eq "fixture imports" 0 "$STATUS"
assert_match "fixture report" \
	'^imported .*/chrome\.txt -> harbour-council-approves-new-ferry-timetable\.md \(title "Harbour council approves new ferry timetable", date 2024-03-04, [0-9]+ tags?, 26 lines removed\)$' "$OUT"
assert_match "verbose lists removed lines" '^  removed line 38: Most Popular Articles  \[Most Popular Articles\]$' "$OUT"
assert_match "verbose names the pattern" '^  removed line 23: Island school reopens after storm repairs  \[teaser headline\]$' "$OUT"
F="$D/harbour-council-approves-new-ferry-timetable.md"
assert_eq "front matter" '---
title: "Harbour council approves new ferry timetable"
date: 2024-03-04
url: "https://example.org/harbour/ferry"
imported-from: "chrome.txt"
---' "$(sed -n '1,/^---$/p;' "$F" | sed -n '1,6p')"
assert_no_match "no chrome left in fixture" 'Source link|Leave a Reply|Trending|FILE PHOTO|©|Read more|°C|min read|ago$|^on$|^Published$' "$(cat "$F")"

# --- rerun: a suffix, the first file untouched ----------------------------
before=$(cksum <"$F")
echo "edited by hand" >>"$F"
edited=$(cksum <"$F")
run_status "$DOSSIER" import --into "$D" "$DATA/chrome.txt"
assert_match "rerun: a duplicate (same url)" "^skipped .*chrome.txt: duplicate of .*harbour-council-approves-new-ferry-timetable.md \\(same url; --force imports it\\)$" "$OUT"
run_status "$DOSSIER" import --force --into "$D" "$DATA/chrome.txt"
assert_eq "rerun imports" 0 "$STATUS"
assert_match "rerun gets a suffix" '-> harbour-council-approves-new-ferry-timetable-2\.md ' "$OUT"
assert_eq "rerun leaves the first file alone" "$edited" "$(cksum <"$F")"
[ "$before" != "$edited" ] && pass "hand edit was real" || fail "hand edit was real"
assert_eq "no temp files left" "" "$(ls -A "$D" | grep '^\.' || true)"

# --- usage and failures ----------------------------------------------------
run_status "$DOSSIER" import
assert_eq "no files: usage error" 2 "$STATUS"
assert_match "no files: message" '^dossier: import: no files given' "$ERR"
run_status "$DOSSIER" import --into "$D" --frobnicate "$DATA/chrome.txt"
assert_eq "unknown option: usage error" 2 "$STATUS"
run_status "$DOSSIER" import --into "$TMP/nowhere/deeper" "$DATA/chrome.txt"
assert_eq "--into a missing folder creates it" "0:1" "$STATUS:$(ls "$TMP/nowhere/deeper" | wc -l)"
: >"$TMP/plainfile"
run_status "$DOSSIER" import --into "$TMP/plainfile" "$DATA/chrome.txt"
assert_eq "--into a file fails" 1 "$STATUS"
assert_match "--into a file: message" "^dossier: import: .*/plainfile: " "$ERR"
run_status "$DOSSIER" import --into "$D" "$DATA/nope.txt" "$DATA/wrapped.txt"
assert_eq "one bad file: exit 1" 1 "$STATUS"
assert_match "the good file still imported" '-> a-quiet-week-at-the-observatory\.md ' "$OUT"
assert_match "the bad file named" 'nope\.txt: No such file or directory' "$ERR"
run_status "$DOSSIER" import --into "$D" --source "Harbour Gazette" "$DATA/reference.txt"
assert_match "--source is written" '^source: "Harbour Gazette"$' "$(cat "$D"/the-us-army-said-on-friday-*.md)"

# --- a read-only folder: nothing written, clear message --------------------
RO="$TMP/readonly"
mkdir -p "$RO"
cp "$DATA/chrome.txt" "$TMP/in.txt"
chmod 555 "$RO"
chmod 755 "$TMP"
chmod 644 "$TMP/in.txt"
if [ "$(id -u)" -eq 0 ]; then
	# root ignores modes: run as an unprivileged user if one can be had
	if command -v setpriv >/dev/null 2>&1 && setpriv --reuid=65534 --regid=65534 --clear-groups test -x "$DOSSIER" 2>/dev/null; then
		run_status setpriv --reuid=65534 --regid=65534 --clear-groups "$DOSSIER" import --into "$RO" "$TMP/in.txt"
	else
		STATUS=skip
	fi
else
	run_status "$DOSSIER" import --into "$RO" "$TMP/in.txt"
fi
if [ "$STATUS" = skip ]; then
	skip "read-only folder (no unprivileged user can run the binary)"
else
	assert_eq "read-only folder: exit 1" 1 "$STATUS"
	assert_match "read-only folder: message" 'readonly: cannot write harbour-council-approves-new-ferry-timetable\.md \([a-z ]+\): Permission denied' "$ERR"
	assert_eq "read-only folder: nothing written" "" "$(ls -A "$RO")"
fi
chmod 755 "$RO"

# --- an injected failure at fsync: no file, no temp left --------------------
for step in write fsync; do
	FD="$TMP/fail-$step"
	mkdir -p "$FD"
	run_status env DOSSIER_TEST_FAIL_AT=$step "$DOSSIER" import --into "$FD" "$DATA/chrome.txt"
	assert_eq "failure at $step: exit 1" 1 "$STATUS"
	assert_match "failure at $step: message" "cannot write harbour-council-approves-new-ferry-timetable\.md \($step\)" "$ERR"
	assert_eq "failure at $step: nothing left" "" "$(ls -A "$FD")"
done

# --- the real seeds --------------------------------------------------------
if ! ls "$SEEDS"/*.txt >/dev/null 2>&1; then
	skip "seeds not present in $SEEDS"
	exit 0
fi
S="$TMP/seeds"
mkdir -p "$S"
run_status "$DOSSIER" import --into "$S" --topics ukraine-defence "$SEEDS"/*.txt
assert_eq "seeds import" 0 "$STATUS"
assert_eq "five articles" 5 "$(ls "$S"/*.md | wc -l | tr -d ' ')"

# seed N's article, from the report line
art() { printf '%s\n' "$OUT" | sed -n "s|^imported .*/$1_[0-9a-f]*\.txt -> \([^ ]*\) (.*|\1|p"; }
for n in 000 001 002 003 004; do
	f="$S/$(art $n)"
	if [ -f "$f" ]; then pass "seed $n has an article"; else fail "seed $n has an article"; continue; fi
	assert_eq "seed $n front matter opens" '---' "$(head -n 1 "$f")"
	assert_match "seed $n has a title" '^title: ".{10,}"$' "$(sed -n '2p' "$f")"
	assert_match "seed $n has tags" '^  - "people/' "$(sed -n '/^tags:/,/^[a-z-]*:/p' "$f")"
	assert_no_match "seed $n has no chrome" \
		'^(Source link|Leave a Reply|Read more|Trending|Exit mobile version|Most Popular Articles|Published|on|Breaking News|austinumerov|30\.1 C)$|^©|FILE PHOTO|Your email address|^May 31, 2024 at' \
		"$(sed '1,/^---$/d' "$f" | sed '1,/^---$/d')"
done
date_of() { sed -n 's/^date: //p' "$S/$(art "$1")"; }
assert_eq "seed 001 date from the caption" "2024-08-30" "$(date_of 001)"
assert_eq "seed 002 date from the time stamp" "2024-05-31" "$(date_of 002)"
assert_eq "seed 000 has no date evidence" "" "$(date_of 000)"
assert_eq "seed 004 has no date evidence" "" "$(date_of 004)"
assert_eq "no source guessed" "" "$(grep -h '^source:' "$S"/*.md)"

# the two reports of the Umerov-Austin meeting are each other's best match
A=$(art 000); B=$(art 001)
run_status "$DOSSIER" --corpus "$S" related "${A%.md}"
if [ "$STATUS" -eq 0 ]; then
	assert_eq "related: 001 first for 000" "${B%.md}" "$(printf '%s\n' "$OUT" | head -n 1 | cut -f 2)"
	run_status "$DOSSIER" --corpus "$S" related "${B%.md}"
	assert_eq "related: 000 first for 001" "${A%.md}" "$(printf '%s\n' "$OUT" | head -n 1 | cut -f 2)"
else
	# related not on this build yet: rank by the same IDF rule over front matter
	best() {
		awk -v me="$1" '
			FNR == 1 { f = FILENAME; sub(/.*\//, "", f); n++; intags = 0 }
			/^tags:/ { intags = 1; next }
			/^[^ ]/ { intags = 0 }
			intags && /^  - / {
				t = $0; sub(/^  - "/, "", t); sub(/"$/, "", t)
				while (t != "") { if (!((f, t) in has)) { has[f, t] = 1; df[t]++; tl[f] = tl[f] " " t }
					if (t !~ /\//) break; sub(/\/[^\/]*$/, "", t) }
			}
			END {
				m = split(tl[me], mine, " ")
				for (g in tl) if (g != me) {
					s = 0; for (i = 1; i <= m; i++) if ((g, mine[i]) in has) s += log(n / df[mine[i]])
					if (s > bs) { bs = s; bg = g }
				}
				print bg
			}' "$S"/*.md
	}
	assert_eq "tag overlap: 001 closest to 000" "$B" "$(best "$A")"
	assert_eq "tag overlap: 000 closest to 001" "$A" "$(best "$B")"
fi

# rerun over the seeds: duplicates skipped; with --force, suffixes, nothing replaced
sums=$(cat "$S"/*.md | cksum)
run_status "$DOSSIER" import --into "$S" --topics ukraine-defence "$SEEDS"/*.txt
assert_eq "seeds rerun without --force" "0 5" "$STATUS $(printf '%s\n' "$OUT" | grep -c '^skipped .*: duplicate of .* (same body; --force imports it)$')"
assert_eq "nothing written for duplicates" "$sums" "$(cat "$S"/*.md | cksum)"
run_status "$DOSSIER" import --force --into "$S" --topics ukraine-defence "$SEEDS"/*.txt
assert_eq "seeds rerun" 0 "$STATUS"
assert_eq "ten articles after rerun" 10 "$(ls "$S"/*.md | wc -l | tr -d ' ')"
assert_match "rerun suffix" '-2\.md \(' "$OUT"
assert_eq "first five unchanged" "$sums" "$(ls "$S"/*.md | grep -v -- '-2\.md$' | xargs cat | cksum)"

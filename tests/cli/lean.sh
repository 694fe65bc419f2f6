# suite: long
# Answers from the metadata cache's lean index (core/cli/cli_lean.c):
# `list [--count|--json|--sort] QUERY` (tags, dates, source:, lang:, other
# fields by decoding), `tags` and tag completion say
# exactly what a full load says (DOSSIER_NO_CACHE=1), before and after the
# collection changes, with and without a topic vocabulary.
. "$(dirname "$0")/../lib.sh"
unset DOSSIER_CHECK_EVERY
C="$TMP/coll"
cp -R "$TOP/tests/data/query" "$C"
printf -- '---\ntitle: \342\200\234Harbour\342\200\235 \342\200\224 caf\303\251 \345\214\227\344\272\254 e\314\201 \360\237\223\260\ntags: [Places/Harbourton, \345\214\227\344\272\254]\nsource: Wire\ndate: 2024-03-02\n---\nText.\n' >"$C/2024/unicode.md"
# untagged articles with content neighbours only (one a retitled copy)
mkdir -p "$C/2026"
cat >"$C/2026/tide-gates.md" <<'EOT'
---
title: Tide gates close early as the surge builds
date: 2019-01-10
---
Engineers at the estuary barrier closed the tide gates two hours early on Saturday,
after the surge forecast rose overnight. \342\200\234The sluices held,\342\200\235 said
Zo\303\253 Ferreira, the barrier\342\200\231s duty engineer \342\200\224 the gates, the sluices and the
pumping stations along the estuary all ran as planned. Engineers logged the surge
height at every gate; the barrier has now closed forty times this winter.
EOT
cat >"$C/2026/tide-gates-again.md" <<'EOT'
---
title: Barrier shut ahead of surge
date: 2019-01-11
---
Engineers at the estuary barrier closed the tide gates two hours early on Saturday,
after the surge forecast rose overnight. \342\200\234The sluices held,\342\200\235 said
Zo\303\253 Ferreira, the barrier\342\200\231s duty engineer \342\200\224 the gates, the sluices and the
pumping stations along the estuary all ran as planned. Engineers logged the surge
height at every gate; the barrier has now closed forty times this winter.
A later update added that the gates reopened at dawn.
EOT
cat >"$C/2026/sluice-review.md" <<'EOT'
---
title: Review of the estuary sluices
date: 2019-02-01
---
A review of the estuary sluices asks whether the barrier\342\200\231s pumping stations can
cope with a larger surge. The engineers want new gates at two sluices and a
second pumping line; the surge of January tested every gate on the barrier.
\345\214\227\344\272\254 engineers visited to compare notes on tide gates.
EOT
cat >"$C/2026/espresso.md" <<'EOT'
---
title: Caf\303\251 owners weigh the price of beans
date: 2019-02-03
---
Caf\303\251 owners say espresso beans cost a third more than last spring; roasters blame
freight and a poor harvest. Some caf\303\251s now roast their own beans, others have
raised the price of a cup.
EOT
for f in "$C"/2026/*.md; do printf '%b' "$(cat "$f")" >"$f.tmp" && mv "$f.tmp" "$f"; done
# sources and languages beside it: curly quotes, CJK, a combining mark,
# one undated, one with no source, two sharing a source
printf -- '---\ntitle: \342\200\234Zeitung\342\200\235 im Hafen\nsource: \342\200\234Nordwind\342\200\235 Zeitung\nlang: de\ndate: 2024-05-01\n---\nx\n' >"$C/2024/nordwind.md"
printf -- '---\ntitle: \346\235\261\344\272\254\343\201\256\346\270\257\nsource: \346\235\261\344\272\254\346\226\260\350\201\236\nlang: ja\ndate: 2023-11-30\n---\nx\n' >"$C/2023/tokyo.md"
printf -- '---\ntitle: Cafe\314\201 notes\nsource: Le Cafe\314\201\nlang: fr\n---\nundated\n' >"$C/2023/cafe.md"
printf -- '---\ntitle: No source here\ndate: 2022-08-08\n---\nx\n' >"$C/2022/nosource.md"
printf -- '---\ntitle: Second from Nordwind\nsource: \342\200\234Nordwind\342\200\235 Zeitung\nlang: DE\ndate: 2024-05-01\n---\nx\n' >"$C/2022/nordwind2.md"
# hostile titles and sources: ESC, a C1 control, bidi overrides and
# isolates, a zero-width joiner, a line separator (the output makes them
# safe the same way on both paths)
printf -- '---\ntitle: "Harbour \\e[31mred\\e[0m \\u202Eevil\\u202C \\u2066iso\\u2069 a\\u200Db \\u2028line \\u0085nel"\nsource: "Wire \\u202Eeriw"\ndate: 2024-04-04\ntags: [places]\n---\nx\n' >"$C/2024/hostile.md"
find "$C" -type d -exec touch -d '1 hour ago' {} +

# Under the sanitizers (make check's second pass sets SUITE_SAMPLE=3)
# every round of queries after the first asks one answer in three, a
# different third each round: there each run costs ~0.13 s (ASan's start,
# LeakSanitizer's scan at the exit), and the ~2,300 runs took 5 of the
# pass's 12 minutes. The normal pass asks every answer every round.
SAMPLE=${SUITE_SAMPLE:-1} ROUND=0 INQ=0 K=0
same() { # NAME ARGS...: the lean answer equals a full load's (warm: see warm)
	name=$1
	shift
	K=$((K + 1))
	[ "$INQ" = 1 ] && [ "$ROUND" -gt 1 ] && [ $(((K + ROUND) % SAMPLE)) -ne 0 ] && return 0
	want=$(DOSSIER_NO_CACHE=1 "$DOSSIER" --corpus "$C" "$@" 2>&1)
	assert_eq "lean $name" "$want" "$("$DOSSIER" --corpus "$C" "$@" 2>&1)"
}
# warm ARGS...: a run whose answer is not looked at, so that the cache (and
# for related the content index file) is written before the answers that
# are; once after each change, not before every answer (it doubled the
# runs)
warm() { "$DOSSIER" --corpus "$C" "$@" >/dev/null 2>&1; }
queries() {
	ROUND=$((ROUND + 1)) INQ=1
	# and there LeakSanitizer's exit scan (a third of a run's cost) looks
	# at the first round only: the later rounds ask the same answers of a
	# changed collection, through the same code
	saved_asan=${ASAN_OPTIONS-}
	[ "$SAMPLE" -gt 1 ] && [ "$ROUND" -gt 1 ] && export ASAN_OPTIONS="detect_leaks=0${saved_asan:+:$saved_asan}"
	warm list --count
	for q in tag:places tag:places/harbourton 'tag:places -tag:places/kyiv' \
		'tag:places after:2024-01-01' '-tag:places/kyiv tag:places' 'after:2024-01-01 tag:places' 'tag:places (source:wire OR title:harbour)' \
		'tag:\345\214\227\344\272\254' tag:nosuchtag 'tag:places date:2024' 'tag:PLACES'; do
		same "list $q" list -- "$q"
		same "list --count $q" list --count -- "$q"
	done
	# no tag: judged over the index's date, source and language columns
	for q in source:reuters 'source:kyiv*' 'source:\342\200\234nordwind\342\200\235' source:nordwind \
		'source:\346\235\261\344\272\254\346\226\260\350\201\236' 'source:le caf\303\251' source:cafe\314\201 \
		lang:fr lang:de lang:ja -lang:fr 'lang:fr OR lang:de' after:2024-01-01 before:2023-06-01 \
		date:2024-05 'date:2024-05-01..2024-06-30' -date:2024 'source:reuters OR after:2024-07-01' \
		'-source:reuters -lang:fr' 'source:bbc OR NOT date:2024' 'lang:de date:2024' \
		'(source:cnn OR source:bbc) -tag:places/kharkiv' 'title:harbour' 'title:zeitung OR lang:ja' \
		'title:red' 'title:evil' 'title:*line*' 'title:"a b"' 'title:caf\303\251' 'title:cafe\314\201' \
		'title:\346\235\261\344\272\254' 'title:"\342\200\234harbour\342\200\235"' -title:harbour 'title:harbour*' \
		'source:wire' 'source:eriw' \
		'-title:zeitung lang:de' 'author:nobody OR source:ap' 'source:nosuch' 'url:*' \
		is:read 'is:unread source:reuters' 'source:reuters -is:read' 'is:marked OR lang:fr' \
		'lang:de -is:marked' 'is:unread date:2024-05' is:marked -is:unread 'is:read OR is:marked'; do
		same "list $q" list -- "$q"
		same "list --count $q" list --count -- "$q"
		same "list --json $q" list --json -- "$q"
	done
	for s in date source title; do
		same "list --sort $s lang:de OR -date:2024" list --sort "$s" -- 'lang:de OR -date:2024'
		same "list --sort $s after:2022-01-01" list --sort "$s" after:2022-01-01
		same "list --sort $s tag:places" list --sort "$s" tag:places
		same "list --sort $s --count source:reuters" list --count --sort "$s" source:reuters
	done
	same "list --sort nosuch" list --sort nosuch source:reuters
	same "list --json" list --json tag:places
	same "tags" tags
	same "tags --json" tags --json
	same "complete tags" complete tags places/
	same "complete tags folded" complete tags Places/
	same "complete tags all" complete tags ''
	same "complete ids" complete ids 2024/
	same "complete ids all" complete ids ''
	same "complete ids 2024/k" complete ids 2024/k
	same "complete ids none" complete ids zzz
	same "complete ids 2023" complete ids 2023
	same "list --count, no query" list --count
	warm related 2024/kyiv-strikes
	for id in $(DOSSIER_NO_CACHE=1 "$DOSSIER" --corpus "$C" list | cut -f 1); do
		same "related $id" related "$id"
	done
	same "related --json" related --json 2024/kyiv-strikes
	same "related -n 2" related -n 2 2024/kyiv-strikes
	same "related, id with extension" related 2024/kyiv-strikes.md
	same "related, no such id" related 2024/nope
	same "related --json, untagged" related --json 2026/sluice-review
	REL=$(ls "$XDG_CACHE_HOME"/dossier/*.rel 2>/dev/null | head -n 1)
	INQ=0 # outside a round of queries: every answer
	export ASAN_OPTIONS="$saved_asan"
}
rel_ok() { # NAME: the content index file is there, and a warm related answers from it
	if [ -z "$REL" ] || [ ! -s "$REL" ]; then
		fail "$1: no content index file"
		return
	fi
	pass "$1: content index file written"
	# a folder changed this very second is not trusted by the lean index
	# yet: age them, and let a load see them as they are
	find "$C" -type d -exec touch -d '1 hour ago' {} +
	"$DOSSIER" --corpus "$C" related 2026/tide-gates >/dev/null 2>&1
	if command -v strace >/dev/null 2>&1; then
		strace -f -e trace=openat -o "$TMP/strace.log" "$DOSSIER" --corpus "$C" related 2026/tide-gates >/dev/null 2>&1
		if grep -q '\.rel"' "$TMP/strace.log" && ! grep -q '\.sig"' "$TMP/strace.log"; then
			pass "$1: warm related reads the index file, not the signatures"
		else
			fail "$1: warm related did not answer from the index file"
		fi
	else
		skip "$1: no strace"
	fi
}
# reading state (kept outside the cache, by id): one article read in the
# reader, one passage marked
printf 'j <Enter> q q\n' >"$TMP/keys"
"$DOSSIER" --corpus "$C" --headless 80x24 --script "$TMP/keys" >/dev/null 2>&1
"$DOSSIER" --corpus "$C" mark 2024/nordwind 0 1 >/dev/null
assert_eq "one article read" 1 "$(DOSSIER_NO_CACHE=1 "$DOSSIER" --corpus "$C" list --count is:read)"
assert_eq "one article marked" 1 "$(DOSSIER_NO_CACHE=1 "$DOSSIER" --corpus "$C" list --count is:marked)"
queries
rel_ok "first"
assert_match "untagged: content neighbour" '2026/sluice-review' \
	"$("$DOSSIER" --corpus "$C" related 2026/tide-gates 2>&1)"
case $("$DOSSIER" --corpus "$C" related 2026/tide-gates 2>&1) in
*tide-gates-again*) fail "untagged: the copy is left out" ;;
*) pass "untagged: the copy is left out" ;;
esac
# a damaged index file: never used wrongly (the load answers and rewrites it)
for at in 9 130 3000 20000; do
	printf 'X' | dd of="$REL" bs=1 seek=$at conv=notrunc 2>/dev/null
	same "related after a byte at $at flipped" related 2026/tide-gates
done
head -c 5000 "$REL" >"$REL.t" && mv "$REL.t" "$REL"
same "related, index file truncated" related 2026/sluice-review
# an article edited (written anew, as editors do): the index is rebuilt
sed 's/surge/flood/g; s/sluices/culverts/g' "$C/2026/sluice-review.md" >"$C/2026/sluice.tmp"
mv "$C/2026/sluice.tmp" "$C/2026/sluice-review.md"
queries
rel_ok "after an edit"
# which forms the index answers (DOSSIER_TEST_NO_LOAD: fail rather than load)
lean() { # NAME ARGS...: answered from the index
	name=$1
	shift
	run_status env DOSSIER_TEST_NO_LOAD=1 "$DOSSIER" --corpus "$C" "$@"
	assert_eq "from the index: $name" 0 "$STATUS"
}
loads() { # NAME ARGS...: loads the collection
	name=$1
	shift
	run_status env DOSSIER_TEST_NO_LOAD=1 "$DOSSIER" --corpus "$C" "$@"
	assert_eq "loads: $name" 1 "$STATUS"
	assert_match "loads: $name: said so" 'DOSSIER_TEST_NO_LOAD' "$ERR"
}
"$DOSSIER" --corpus "$C" list --count >/dev/null 2>&1 # warm
lean "list --count" list --count
lean "list --count source:" list --count source:reuters
lean "list source: OR NOT lang:" list 'source:reuters OR -lang:fr'
lean "list --count dates" list --count 'after:2024-01-01 -date:2024-05'
lean "list title: with a source" list 'title:gas source:reuters'
lean "list --sort date" list --sort date lang:de
lean "list --sort source" list --sort source 'lang:de OR lang:ja'
lean "list is:unread with a source" list 'is:unread source:reuters'
lean "list --count is:read alone (the state by id)" list --count is:read
lean "list is:marked alone" list is:marked
lean "list --count -is:unread" list --count -- -is:unread
lean "list --count title: alone (the title table)" list --count title:harbour
lean "list title: OR title:" list 'title:zeitung OR title:caf\303\251'
loads "list --count words" list --count gas
lean "list --sort title" list --sort title lang:de
loads "list --sort relevance" list --sort relevance:2024/gas-deal lang:de
loads "list other key" list --count 'extra_key:x'
# changes: the lean index steps aside until the load has seen them
printf -- '---\ntitle: Added\ntags: [places/new]\n---\nx\n' >"$C/2024/added.md"
queries
rel_ok "after an add"
rm "$C/2024/added.md"
mv "$C/2024/unicode.md" "$C/2023/unicode.md"
queries
rel_ok "after a removal and a move"
# renamed, so the articles after it in id order are numbered anew, with
# the same count: the content index file must not answer for them
mv "$C/2026/espresso.md" "$C/2026/warm-cups.md"
find "$C" -type d -exec touch -d '30 minutes ago' {} +
"$DOSSIER" --corpus "$C" list >/dev/null 2>&1 # a load sees them (signs nothing)
# a source edited (its folder touched, as an editor's rename-over does)
sed 's/^source: .*/source: Reuters/' "$C/2023/tokyo.md" >"$C/2023/tokyo.tmp" && mv "$C/2023/tokyo.tmp" "$C/2023/tokyo.md"
queries
# with a topic vocabulary: derived tags count too
printf 'maritime: { match: [harbour, port, Harbourton] }\n' >"$TMP/topics.yaml"
assert_match "the vocabulary derives its tag" 'maritime' \
	"$(DOSSIER_NO_CACHE=1 "$DOSSIER" --corpus "$C" --topics "$TMP/topics.yaml" tags 2>&1)"
warm --topics "$TMP/topics.yaml" list --count
same "list with topics" --topics "$TMP/topics.yaml" list tag:maritime
same "tags with topics" --topics "$TMP/topics.yaml" tags
# --count with --json is a usage error
run_status "$DOSSIER" --corpus "$C" list --count --json tag:places
assert_eq "--count --json: usage" 2 "$STATUS"
# past a quarter of the articles to decode (and 64), the load answers
M="$TMP/many"
mkdir -p "$M/d"
i=0
while [ $i -lt 300 ]; do
	if [ $i -lt 160 ]; then src=Alpha; elif [ $i -lt 170 ]; then src='B\303\251ta'; else src=Gamma; fi
	printf -- "---\ntitle: Item $i \342\200\224 x\nsource: $src\ndate: 2024-01-%02d\n---\nx\n" $((i % 28 + 1)) >"$M/d/a$i.md"
	i=$((i + 1))
done
# ties for the title order: the same title to the letter with other dates
# or ids, the same but for case, accents, a combining mark or quotes,
# only punctuation, CJK
for t in 'Same Title:2024-01-01' 'same title:2024-01-01' 'Same Title:2023-01-01' 'Same Title:2024-01-01' \
	'S\303\241me Title:2024-01-01' 'Sa\314\201me Title:' '\342\200\234Same\342\200\235 Title:2024-01-01' \
	'"\342\200\224 !":2024-01-01' '\346\270\257:2024-01-01' 'SAME TITLE:2024-01-01'; do
	i=$((i + 1))
	d=${t##*:}
	printf -- "---\ntitle: ${t%:*}\n${d:+date: $d\n}---\nx\n" >"$M/d/t$i.md"
done
find "$M" -type d -exec touch -d '1 hour ago' {} +
C=$M
"$DOSSIER" --corpus "$C" list --count >/dev/null 2>&1
lean "many: list --count source:alpha" list --count source:alpha
lean "many: list source:b\303\251ta" list 'source:b\303\251ta'
lean "many: list --count title with a source" list --count 'title:"item 1" source:b\303\251ta'
# a listing reads only what it prints, at any share of the collection
lean "many: list source:alpha (160 to print)" list source:alpha
lean "many: list (every article)" list
lean "many: list --json (every article)" list --json
lean "many: list --sort source (every article)" list --sort source
lean "many: list --count title: alone (the title table)" list --count 'title:item'
lean "many: list --count is:unread alone (the state by id)" list --count is:unread
for q in source:alpha 'source:b\303\251ta' 'title:"item 1" source:b\303\251ta' 'title:item' '-source:gamma'; do
	same "many: list $q" list -- "$q"
	same "many: list --count $q" list --count -- "$q"
	same "many: list --json $q" list --json -- "$q"
done
same "many: list" list
same "many: list --sort date" list --sort date
same "many: list --sort source --json" list --sort source --json
same "many: list --sort title source:b\303\251ta" list --sort title 'source:b\303\251ta'
same "many: list --sort title title:item" list --sort title 'title:"item 1"'
lean "many: list --sort title (a few)" list --sort title 'source:b\303\251ta'
lean "many: list --sort title (every article: the cache's title order)" list --sort title
lean "many: list --sort title, most articles" list --sort title -- '-source:gamma'
same "many: list --sort title" list --sort title
same "many: list --sort title --json" list --sort title --json
same "many: list --sort title, ties" list --sort title 'title:same'
same "many: list --sort title, most articles" list --sort title -- '-source:gamma'
same "many: list --sort title is:unread" list --sort title is:unread
# a record damaged in the cache part way through a listing: the load goes
# on where the listing stopped (nothing twice, nothing left out)
damaged() { # NAME ARGS...: the first answer after one record's title is damaged
	name=$1
	shift
	want=$(DOSSIER_NO_CACHE=1 "$DOSSIER" --corpus "$C" "$@" 2>/dev/null)
	"$DOSSIER" --corpus "$C" list --count >/dev/null 2>&1
	META=$(grep -la 'Item 150 ' "$XDG_CACHE_HOME"/dossier/*.meta | head -n 1)
	at=$(grep -boa 'Item 150 ' "$META" | head -n 1 | cut -d: -f 1)
	printf 'J' | dd of="$META" bs=1 seek="$at" conv=notrunc 2>/dev/null
	got=$("$DOSSIER" --corpus "$C" "$@" 2>"$TMP/damaged.err")
	assert_eq "damaged record: $name" "$want" "$got"
	assert_match "damaged record: $name: noticed" 'damaged' "$(cat "$TMP/damaged.err")"
}
damaged "list" list
damaged "list --json" list --json
damaged "list --sort date" list --sort date source:alpha
# the same listings formatted by threads (core/cli/cli_lean_par.c; by
# default from 10,000 hits) in pieces of 3 hits: byte for byte the load's,
# and a damaged record in a late piece stops it where the load goes on
export DOSSIER_TEST_PAR_MIN=1 DOSSIER_TEST_PAR_CHUNK=3 DOSSIER_TEST_PAR_THREADS=2
"$DOSSIER" --corpus "$C" list --count >/dev/null 2>&1
lean "threads: list (every article)" list
same "threads: list" list
same "threads: list --json" list --json
same "threads: list --sort date" list --sort date
same "threads: list --sort title --json" list --sort title --json
same "threads: list --sort source source:alpha" list --sort source source:alpha
damaged "threads: list" list
damaged "threads: list --json" list --json
damaged "threads: list --sort date" list --sort date source:alpha
damaged "threads: list --sort title --json" list --sort title --json
unset DOSSIER_TEST_PAR_MIN DOSSIER_TEST_PAR_CHUNK DOSSIER_TEST_PAR_THREADS
# the title table damaged: its checksum catches it, the records answer
"$DOSSIER" --corpus "$C" list --count >/dev/null 2>&1
META=$(grep -la 'item 150 ' "$XDG_CACHE_HOME"/dossier/*.meta | head -n 1)
at=$(grep -boa 'item 150 ' "$META" | head -n 1 | cut -d: -f 1)
printf 'j' | dd of="$META" bs=1 seek="$at" conv=notrunc 2>/dev/null
assert_eq "title table damaged: not misread" 1 "$("$DOSSIER" --corpus "$C" list --count 'title:"item 150"' 2>/dev/null)"
# every shape of object the --json fast path writes from a record's bytes
# (cli_json_line): plain ASCII records (a year or a month for a date, no
# date, extras with a key twice, an empty value, empty and long lists, a
# long title) beside records it leaves to the printer (a quote, a
# backslash, controls, bidi, U+2028, C1, DEL, CJK, emoji, combining
# marks), in one listing: byte for byte the load's
S="$TMP/shapes"
mkdir -p "$S/s"
long=$(printf 'word%s ' $(seq 1 600))
many=$(seq -s ', ' -f 'tag%03g' 1 60)
printf -- '---\ntitle: Year only\ndate: 2024\n---\nx\n' >"$S/s/a01.md"
printf -- '---\ntitle: Year and month\ndate: 2024-03\nsource: Wire\n---\nx\n' >"$S/s/a02.md"
printf -- '---\ntitle: No date, no source\n---\nx\n' >"$S/s/a03.md"
printf -- '---\ntitle: "%s"\ntags: [%s]\ndate: 2023-12-31\n---\nx\n' "$long" "$many" >"$S/s/a04.md"
printf -- '---\ntitle: Extras / slash\nmood: grim\nMood: calm\nrating: five\nempty: ""\nsummary: A plain summary\nlang: en\nurl: https://example.org/a?b=c&d=<e>\nauthor: [Ann One, Bo Two]\ntags: []\n---\nx\n' >"$S/s/a05.md"
printf -- '---\ntitle: '"'"'Say "hi" and back\\slash'"'"'\ntags: [q]\n---\nx\n' >"$S/s/a06.md"
printf -- '---\ntitle: "Line \\u2028 and \\u2029 sep"\ndate: 2024-01-02\n---\nx\n' >"$S/s/a07.md"
printf -- '---\ntitle: Plain title\ntags: [energy, \345\214\227\344\272\254]\n---\nx\n' >"$S/s/a08.md"
printf -- '---\ntitle: Plain\nsummary: "Emoji \360\237\223\260 and e\314\201"\n---\nx\n' >"$S/s/a09.md"
printf -- '---\ntitle: Plain\nrating: "\\e[31m \\u202Eevil\\u202C \\u2066x\\u2069 \\u200E \\u061C \\uFEFF"\n---\nx\n' >"$S/s/a10.md"
printf -- '---\ntitle: Plain\nauthor: ["Zo\\u0085e"]\nurl: "https://example.org/\\u007f"\n---\nx\n' >"$S/s/a11.md"
printf -- '---\ntitle: "Tab\\there, bell \\a, nul-free \\x01"\nsource: "\\u201cWire\\u201d"\n---\nx\n' >"$S/s/a12.md"
printf -- '---\ntitle: Plain again\ndate: 2022-02-02\nsource: Wire\ntags: [a, b]\n---\nx\n' >"$S/s/a13.md"
find "$S" -type d -exec touch -d '1 hour ago' {} +
C=$S
"$DOSSIER" --corpus "$C" list --count >/dev/null 2>&1
lean "shapes: list --json" list --json
same "shapes: list --json" list --json
same "shapes: list" list
same "shapes: list --json --sort date" list --json --sort date
same "shapes: list --json --sort source" list --json --sort source
same "shapes: list --json --sort title tag:q" list --json --sort title 'tag:q OR tag:a'
same "shapes: list --json -tag:q" list --json -- -tag:q

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
# sources and languages beside it: curly quotes, CJK, a combining mark,
# one undated, one with no source, two sharing a source
printf -- '---\ntitle: \342\200\234Zeitung\342\200\235 im Hafen\nsource: \342\200\234Nordwind\342\200\235 Zeitung\nlang: de\ndate: 2024-05-01\n---\nx\n' >"$C/2024/nordwind.md"
printf -- '---\ntitle: \346\235\261\344\272\254\343\201\256\346\270\257\nsource: \346\235\261\344\272\254\346\226\260\350\201\236\nlang: ja\ndate: 2023-11-30\n---\nx\n' >"$C/2023/tokyo.md"
printf -- '---\ntitle: Cafe\314\201 notes\nsource: Le Cafe\314\201\nlang: fr\n---\nundated\n' >"$C/2023/cafe.md"
printf -- '---\ntitle: No source here\ndate: 2022-08-08\n---\nx\n' >"$C/2022/nosource.md"
printf -- '---\ntitle: Second from Nordwind\nsource: \342\200\234Nordwind\342\200\235 Zeitung\nlang: DE\ndate: 2024-05-01\n---\nx\n' >"$C/2022/nordwind2.md"
find "$C" -type d -exec touch -d '1 hour ago' {} +

same() { # NAME ARGS...: the lean answer (run twice: cold, then warm) equals a full load's
	name=$1
	shift
	want=$(DOSSIER_NO_CACHE=1 "$DOSSIER" --corpus "$C" "$@" 2>&1)
	"$DOSSIER" --corpus "$C" "$@" >/dev/null 2>&1
	assert_eq "lean $name" "$want" "$("$DOSSIER" --corpus "$C" "$@" 2>&1)"
}
queries() {
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
		'-title:zeitung lang:de' 'author:nobody OR source:ap' 'source:nosuch' 'url:*' \
		is:read 'is:unread source:reuters' 'source:reuters -is:read' 'is:marked OR lang:fr' \
		'lang:de -is:marked' 'is:unread date:2024-05'; do
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
	for id in $(DOSSIER_NO_CACHE=1 "$DOSSIER" --corpus "$C" list | cut -f 1); do
		same "related $id" related "$id"
	done
	same "related --json" related --json 2024/kyiv-strikes
	same "related -n 2" related -n 2 2024/kyiv-strikes
	same "related, id with extension" related 2024/kyiv-strikes.md
	same "related, no such id" related 2024/nope
}
# reading state (kept outside the cache, by id): one article read in the
# reader, one passage marked
printf 'j <Enter> q q\n' >"$TMP/keys"
"$DOSSIER" --corpus "$C" --headless 80x24 --script "$TMP/keys" >/dev/null 2>&1
"$DOSSIER" --corpus "$C" mark 2024/nordwind 0 1 >/dev/null
assert_eq "one article read" 1 "$(DOSSIER_NO_CACHE=1 "$DOSSIER" --corpus "$C" list --count is:read)"
assert_eq "one article marked" 1 "$(DOSSIER_NO_CACHE=1 "$DOSSIER" --corpus "$C" list --count is:marked)"
queries
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
loads "list --count words" list --count gas
loads "list --sort title" list --sort title lang:de
loads "list --sort relevance" list --sort relevance:2024/gas-deal lang:de
loads "list other key" list --count 'extra_key:x'
# changes: the lean index steps aside until the load has seen them
printf -- '---\ntitle: Added\ntags: [places/new]\n---\nx\n' >"$C/2024/added.md"
queries
rm "$C/2024/added.md"
mv "$C/2024/unicode.md" "$C/2023/unicode.md"
queries
# a source edited (its folder touched, as an editor's rename-over does)
sed 's/^source: .*/source: Reuters/' "$C/2023/tokyo.md" >"$C/2023/tokyo.tmp" && mv "$C/2023/tokyo.tmp" "$C/2023/tokyo.md"
queries
# with a topic vocabulary: derived tags count too
printf 'maritime: { match: [harbour, port, Harbourton] }\n' >"$TMP/topics.yaml"
assert_match "the vocabulary derives its tag" 'maritime' \
	"$(DOSSIER_NO_CACHE=1 "$DOSSIER" --corpus "$C" --topics "$TMP/topics.yaml" tags 2>&1)"
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
find "$M" -type d -exec touch -d '1 hour ago' {} +
C=$M
"$DOSSIER" --corpus "$C" list --count >/dev/null 2>&1
lean "many: list --count source:alpha" list --count source:alpha
lean "many: list source:b\303\251ta" list 'source:b\303\251ta'
lean "many: list --count title with a source" list --count 'title:"item 1" source:b\303\251ta'
loads "many: list source:alpha (160 to decode)" list source:alpha
loads "many: list --count title: alone" list --count 'title:item'
loads "many: list --count is:unread alone" list --count is:unread
loads "many: list (every article)" list
for q in source:alpha 'source:b\303\251ta' 'title:"item 1" source:b\303\251ta' 'title:item' '-source:gamma'; do
	same "many: list $q" list -- "$q"
	same "many: list --count $q" list --count -- "$q"
done

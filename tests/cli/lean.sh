# Answers from the metadata cache's lean index (core/cli/cli_lean.c):
# `list [--count|--json] QUERY` with a tag, `tags` and tag completion say
# exactly what a full load says (DOSSIER_NO_CACHE=1), before and after the
# collection changes, with and without a topic vocabulary.
. "$(dirname "$0")/../lib.sh"
unset DOSSIER_CHECK_EVERY
C="$TMP/coll"
cp -R "$TOP/tests/data/query" "$C"
printf -- '---\ntitle: \342\200\234Harbour\342\200\235 \342\200\224 caf\303\251 \345\214\227\344\272\254 e\314\201 \360\237\223\260\ntags: [Places/Harbourton, \345\214\227\344\272\254]\nsource: Wire\ndate: 2024-03-02\n---\nText.\n' >"$C/2024/unicode.md"
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
queries
# changes: the lean index steps aside until the load has seen them
printf -- '---\ntitle: Added\ntags: [places/new]\n---\nx\n' >"$C/2024/added.md"
queries
rm "$C/2024/added.md"
mv "$C/2024/unicode.md" "$C/2023/unicode.md"
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

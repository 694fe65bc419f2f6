# Answers from the metadata cache's lean index (core/cli/cli_lean.c):
# `list [--count|--json] QUERY` with a tag, `tags` and tag completion say
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
date: 2026-01-10
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
date: 2026-01-11
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
date: 2026-02-01
---
A review of the estuary sluices asks whether the barrier\342\200\231s pumping stations can
cope with a larger surge. The engineers want new gates at two sluices and a
second pumping line; the surge of January tested every gate on the barrier.
\345\214\227\344\272\254 engineers visited to compare notes on tide gates.
EOT
cat >"$C/2026/espresso.md" <<'EOT'
---
title: Caf\303\251 owners weigh the price of beans
date: 2026-02-03
---
Caf\303\251 owners say espresso beans cost a third more than last spring; roasters blame
freight and a poor harvest. Some caf\303\251s now roast their own beans, others have
raised the price of a cup.
EOT
for f in "$C"/2026/*.md; do printf '%b' "$(cat "$f")" >"$f.tmp" && mv "$f.tmp" "$f"; done
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
	same "related --json, untagged" related --json 2026/sluice-review
	REL=$(ls "$XDG_CACHE_HOME"/dossier/*.rel 2>/dev/null | head -n 1)
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

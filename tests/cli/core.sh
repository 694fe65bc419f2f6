# The read-only CLI on fixture collections with known answers: list, show,
# related, tags, check; exit codes and messages. Golden files live in
# tests/cli/golden/ (UPDATE=1 rewrites them after a reviewed change).
. "$(dirname "$0")/../lib.sh"
CORE="$TOP/tests/data/core"
BAD="$TOP/tests/data/bad"
GOLD="$TOP/tests/cli/golden"

# golden NAME CMD... : stdout and exit status compared with golden/NAME.out
golden() {
	name=$1; shift
	run_status "$@"
	actual=$(printf '%s\nexit %s' "$OUT" "$STATUS")
	if [ "${UPDATE:-}" = 1 ]; then printf '%s\n' "$actual" >"$GOLD/$name.out"; fi
	assert_eq "$name" "$(cat "$GOLD/$name.out" 2>/dev/null)" "$actual"
}

cd "$TOP/tests/data" || exit 1
golden list      "$DOSSIER" --corpus core list
golden show      "$DOSSIER" --corpus core show 2024/alpha
golden show-jekyll "$DOSSIER" --corpus core show 2024/gamma
golden show-crlf "$DOSSIER" --corpus core show crlf
golden show-plain "$DOSSIER" --corpus core show plain
golden related   "$DOSSIER" --corpus core related 2024/alpha
golden related-n "$DOSSIER" --corpus core related -n 1 delta
golden tags      "$DOSSIER" --corpus core tags
golden check-bad "$DOSSIER" --corpus bad check
golden list-bad  "$DOSSIER" --corpus bad list

run_status "$DOSSIER" --corpus core check
assert_eq "check clean collection exits 0" "0:" "$STATUS:$OUT"
run_status "$DOSSIER" --corpus bad check
assert_match "check summary on stderr" '^dossier: 1[0-9] problems in 13 articles$' "$ERR"

# the body of a CRLF file carries no carriage return
assert_no_match "no CR in CRLF body" "$(printf '\r')" "$("$DOSSIER" --corpus core show crlf)"

# errors: messages on stderr, exit codes 1 and 2
run_status "$DOSSIER" --corpus core show no/such
assert_eq "unknown id" "1:dossier: no article with id 'no/such' (see dossier list)" "$STATUS:$ERR"
run_status "$DOSSIER" --corpus "$TMP/missing" list
assert_eq "missing collection" "1:dossier: $TMP/missing: No such file or directory" "$STATUS:$ERR"
run_status "$DOSSIER" bogus
assert_eq "unknown command" "2:dossier: unknown command 'bogus' (try dossier --help)" "$STATUS:$ERR"
run_status "$DOSSIER" --corpus core related -n many 2024/alpha
assert_eq "bad -n" "2" "$STATUS"
run_status "$DOSSIER" --corpus core show
assert_eq "show without id" "2" "$STATUS"
run_status "$DOSSIER" --corpus core tags --frobnicate
assert_eq "unknown option" "2:dossier: tags: unknown option '--frobnicate' (try dossier tags --help)" "$STATUS:$ERR"
run_status "$DOSSIER" --corpus
assert_eq "option without value" "2" "$STATUS"
run_status "$DOSSIER" --version
assert_match "version" '^dossier [0-9]+\.[0-9]+\.[0-9]+$' "$OUT"
run_status "$DOSSIER" --help
assert_match "help lists related" 'related \[-n N\]' "$OUT"
run_status "$DOSSIER" list --help
assert_eq "command help" "0:usage: dossier [--corpus DIR] list [-s ORDER] [--json] [--count] [QUERY]" "$STATUS:$(printf '%s\n' "$OUT" | head -n1)"

# --corpus defaults to the current folder
run_status sh -c "cd '$CORE' && '$DOSSIER' list | wc -l"
assert_eq "current folder is the default collection" "9" "$(echo $OUT)"

# the config's collection is used when --corpus is absent
mkdir -p "$XDG_CONFIG_HOME/dossier"
printf 'collection: %s\n' "$CORE" >"$XDG_CONFIG_HOME/dossier/config.yaml"
run_status sh -c "cd / && '$DOSSIER' list | wc -l"
assert_eq "config collection" "9" "$(echo $OUT)"
rm -f "$XDG_CONFIG_HOME/dossier/config.yaml"

# non-UTF-8 locale: nothing but ASCII on a terminal; a pipe gets the bytes
if script -qec true /dev/null >/dev/null 2>&1; then
	out=$(LC_ALL=C LANG=C script -qec "'$DOSSIER' --corpus core show 2024/gamma" /dev/null </dev/null)
	assert_match "ASCII fallback on a terminal" 'Zo<U\+00EB> <U\+00C5>ngstr<U\+00F6>m' "$out"
	assert_no_match "no raw UTF-8 on a terminal under LANG=C" "$(printf '[\200-\377]')" "$out"
else
	skip "script(1) not usable: no terminal check"
fi
out=$(LC_ALL=C LANG=C "$DOSSIER" --corpus core show 2024/gamma)
assert_match "LANG=C, pipe: the UTF-8 as it is" 'Zoë Ångström' "$out"

# --json: valid JSON (checked by a real parser) with the same answers as TSV
json_check() { python3 -c "import json,sys; d=json.load(sys.stdin); $1" 2>&1; }
out=$("$DOSSIER" --corpus core list --json | json_check "print(len(d), d[0]['id'], d[0]['date'], ','.join(d[0]['tags']), d[0]['authors'][1], d[2]['extra']['section'])")
assert_eq "list --json" "9 2024/alpha 2024-06-20 air-defense,weapons/atacms,places/kyiv Tomás Ruiz business" "$out"
out=$("$DOSSIER" --corpus core list --json tag:energy | json_check "print(' '.join(x['id'] for x in d))")
assert_eq "list --json QUERY" "2024/gamma crlf dots hugo" "$out"
out=$("$DOSSIER" --corpus core related --json 2024/alpha | json_check "print(d[1]['score'], d[1]['id'], d[1]['shared_tags'], d[1]['date'])")
assert_eq "related --json" "3.008 delta ['places/kyiv', 'weapons'] 2024-06-22" "$out"
# the first shares a tag and a key term: its content similarity says why
out=$("$DOSSIER" --corpus core related --json 2024/alpha | json_check "print(d[0]['id'], d[0]['shared_terms'], d[0]['content'] > 0)")
assert_eq "related --json: shared terms, content" "2024/beta ['barrier'] True" "$out"
out=$("$DOSSIER" --corpus core tags --json | json_check "print(d[0], len(d))")
assert_eq "tags --json" "{'tag': 'energy', 'count': 4} 8" "$out"
out=$("$DOSSIER" --corpus bad list --json | json_check "print(len(d))")
assert_eq "list --json on hostile metadata parses" "13" "$out"

# The raw seeds as a plain collection: no metadata, titles from the first
# line, vocabulary tags link them; the two Umerov-Austin reports first.
if [ -d "$SEEDS" ]; then
	run_status "$DOSSIER" --corpus "$SEEDS" list
	assert_eq "seeds load as five plain articles" "0:5" "$STATUS:$(printf '%s\n' "$OUT" | grep -c .)"
	run_status "$DOSSIER" --corpus "$SEEDS" check
	assert_eq "seeds: no metadata problems" "0:" "$STATUS:$OUT"
	a=$("$DOSSIER" --topics ukraine-defence --corpus "$SEEDS" related 000_02a938c8af9443a9 | head -n 1 | cut -f2)
	b=$("$DOSSIER" --topics ukraine-defence --corpus "$SEEDS" related 001_28d8b5cd206cd6e9 | head -n 1 | cut -f2)
	assert_eq "seeds: the Umerov-Austin reports rank first for each other" \
		"001_28d8b5cd206cd6e9 000_02a938c8af9443a9" "$a $b"
else
	skip "seeds folder absent ($SEEDS)"
fi

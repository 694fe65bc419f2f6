# dossier list QUERY on the fixture collection tests/data/query, whose
# front matter was chosen to give known answers: exact id lists for every
# kind of term, and exit 2 with a column and a caret for bad queries.
. "$(dirname "$0")/../lib.sh"

C="$TOP/tests/data/query"

# ids QUERY-WORDS...: the ids listed, space-separated
ids() {
	run_status "$DOSSIER" --corpus "$C" list "$@"
	[ "$STATUS" -eq 0 ] || { printf 'exit %s: %s' "$STATUS" "$ERR"; return; }
	printf '%s\n' "$OUT" | cut -f1 | tr '\n' ' ' | sed 's/ $//'
}

q() { # q NAME EXPECTED QUERY-WORDS...
	name=$1 want=$2
	shift 2
	assert_eq "$name" "$want" "$(ids "$@")"
}

q "empty query lists all" "2022/old 2023/markets 2024/gas-deal 2024/july-start 2024/june-end 2024/kyiv-post-roundup 2024/kyiv-strikes 2024/leap 2025/drones nodate"

# full text: whole words over title and body, case- and form-insensitive
q "word lower" "2024/june-end 2024/kyiv-post-roundup 2024/kyiv-strikes nodate" kyiv
q "word upper" "2024/june-end 2024/kyiv-post-roundup 2024/kyiv-strikes nodate" KYIV
q "word capitalised" "2024/june-end 2024/kyiv-post-roundup 2024/kyiv-strikes nodate" Kyiv
q "whole words only" "2023/markets" kyivan
q "phrase across a line break" "2024/kyiv-strikes" '"air defense"'
q "phrase order matters" "2023/markets" '"defense air"'
q "precomposed e-acute" "2023/markets 2024/kyiv-post-roundup" "café"
q "decomposed e-acute" "2023/markets 2024/kyiv-post-roundup" "$(printf 'cafe\314\201')"
q "sharp s folds to ss" "2023/markets 2024/kyiv-post-roundup" "straße"
q "STRASSE finds Straße" "2023/markets 2024/kyiv-post-roundup" STRASSE
q "lower-case or/not are words" "2022/old" or not

# fields
q "tag" "2024/june-end 2024/kyiv-strikes 2025/drones" tag:weapons
q "nested tag" "2024/kyiv-strikes" tag:weapons/atacms
q "tag segment is not a prefix" "" tag:weap
q "tag normalised (own and vocabulary tags)" "2022/old 2024/june-end 2024/kyiv-strikes" 'tag:"Air Defense"'
q "tag parent of nested" "2023/markets 2024/gas-deal 2024/leap" tag:economy
q "source" "2023/markets 2024/gas-deal" source:reuters
q "source substring" "2024/kyiv-post-roundup 2024/leap" source:KYIV
q "author" "2024/june-end 2024/kyiv-strikes" 'author:"jane smith"'
q "title" "2024/kyiv-post-roundup" title:post
q "title folded" "2024/july-start" title:ÉLECTIONS
q "lang" "2024/july-start" lang:fr
q "extra key" "2024/gas-deal nodate" editor:quist
q "extra key folded" "nodate" 'Editor:"VAN quist"'

# dates
q "date year" "2024/gas-deal 2024/july-start 2024/june-end 2024/kyiv-post-roundup 2024/kyiv-strikes 2024/leap" date:2024
q "date month" "2024/june-end 2024/kyiv-strikes" date:2024-06
q "date day (leap)" "2024/leap" date:2024-02-29
q "date range" "2024/july-start 2024/june-end" date:2024-06-30..2024-07-01
q "date open end" "2024/gas-deal 2024/july-start 2024/kyiv-post-roundup 2025/drones" date:2024-07..
q "date open start" "2022/old 2023/markets 2024/leap" date:..2024-05
q "after excludes the period" "2024/gas-deal 2024/july-start 2024/kyiv-post-roundup 2025/drones" after:2024-06
q "before excludes the period" "2022/old 2023/markets" before:2024
q "after day" "2025/drones" after:2024-12-31

# operators
q "implicit AND over argv words" "2023/markets 2024/gas-deal" tag:economy source:reuters
q "OR" "2022/old 2024/july-start" lang:fr OR source:ap
q "AND binds tighter than OR" "2023/markets 2024/gas-deal 2024/june-end 2024/kyiv-strikes 2024/leap 2025/drones" tag:economy OR tag:weapons -source:reuters
q "parentheses" "2024/june-end 2024/kyiv-strikes 2024/leap 2025/drones" "(tag:economy OR tag:weapons) -source:reuters"
q "NOT binds tighter than AND" "2024/gas-deal 2024/july-start 2024/kyiv-post-roundup 2024/leap" NOT tag:weapons date:2024
q "minus is a term after the first query word" "2024/gas-deal 2024/july-start 2024/kyiv-post-roundup 2024/leap" date:2024 -tag:weapons
q "minus is a term after --" "2024/gas-deal 2024/july-start 2024/kyiv-post-roundup 2024/leap" -- -tag:weapons date:2024
run_status "$DOSSIER" --corpus "$C" list -tag:weapons date:2024
assert_eq "a leading -word is an option: usage error with a hint" \
	"2:dossier: list: unknown option '-t' (a query word starting with '-' goes after '--' or after the first query word; NOT also negates)" "$STATUS:$ERR"
run_status "$DOSSIER" --corpus "$C" list kyiv --json
assert_eq "an option after the query is a usage error" \
	"2:dossier: list: option '--json' after the query; options go first (a query word starting with '-' goes after '--')" "$STATUS:$ERR"
q "undated never in a date range" "nodate" NOT date:2000..2030

# errors: exit 2, the column, the query and a caret
run_status "$DOSSIER" --corpus "$C" list "(tag:economy OR" source:ap
assert_eq "unbalanced paren exits 2" 2 "$STATUS"
assert_eq "unbalanced paren message" "dossier: query:26: expected ')' to close '(' at column 1
  (tag:economy OR source:ap
                           ^" "$ERR"
assert_eq "nothing on stdout after an error" "" "$OUT"

run_status "$DOSSIER" --corpus "$C" list kyiv OR
assert_eq "dangling OR" "2 dossier: query:8: expected a term after 'OR'" "$STATUS $(printf '%s\n' "$ERR" | head -n1)"

run_status "$DOSSIER" --corpus "$C" list "tag:"
assert_eq "empty value" "2 dossier: query:5: expected a value after 'tag:'" "$STATUS $(printf '%s\n' "$ERR" | head -n1)"

run_status "$DOSSIER" --corpus "$C" list date:2024-13
assert_eq "bad date" "2 dossier: query:6: expected a date (YYYY, YYYY-MM or YYYY-MM-DD), found '2024-13'" "$STATUS $(printf '%s\n' "$ERR" | head -n1)"

run_status "$DOSSIER" --corpus "$C" list kyiv publisher:x
assert_eq "unknown field lists the collection's fields" "2 dossier: query:6: unknown field 'publisher' (known fields: after, author, before, date, editor, is, lang, marktag, source, summary, tag, title, url)" "$STATUS $(printf '%s\n' "$ERR" | head -n1)"

run_status "$DOSSIER" --corpus "$C" list "Київ ("
assert_eq "column counts characters" "2 dossier: query:7: expected a term after '('" "$STATUS $(printf '%s\n' "$ERR" | head -n1)"
# the caret sits just after the '(' (the end of the query) however the query is printed (the letters
# themselves, or <U+XXXX> placeholders when the locale lacks them)
line=$(printf '%s\n' "$ERR" | sed -n 2p)
caret=$(printf '%s\n' "$ERR" | sed -n 3p)
before_paren=${line%%(*}
assert_eq "caret under the column" "$(($(printf '%s' "$before_paren" | wc -m) + 1))^" "$(printf '%s' "${caret%^}" | wc -m)$(printf '%s' "$caret" | tail -c 1)"

run_status "$DOSSIER" --corpus "$C" list --bogus kyiv
assert_eq "unknown option is a usage error" 2 "$STATUS"
# after --, "--x" is query text (NOT NOT x): it parses and matches nothing
q "-- ends the options" "" -- --x

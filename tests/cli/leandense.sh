# suite: long
# Dense listings from the lean index (core/cli/cli_lean.c): most articles
# printed, their records read ahead in pieces (metaindex_prefetch) and the
# output written in 64 KB pieces, must be byte for byte what a full load
# prints (DOSSIER_NO_CACHE=1), TSV and JSON, on titles, sources, tags and
# other fields with curly quotes, accents, combining marks, CJK, emoji and
# characters JSON escapes (quotes, backslashes, tabs, controls, line and
# paragraph separators, bidi controls); `| head` still gets the first lines,
# and a record damaged after more than a piece has been written hands over
# to the load with nothing twice and nothing left out.
. "$(dirname "$0")/../lib.sh"
unset DOSSIER_CHECK_EVERY
C="$TMP/dense"
mkdir -p "$C/a" "$C/b"
i=0
while [ $i -lt 1500 ]; do
	case $((i % 8)) in
	0) t="\"\\u201cQuoted\\u201d harbour \\u2014 caf\\u00e9 n${i}x\"" ;;
	1) t="\"\\u5317\\u4eac \\u6e2f\\u53e3 n${i}x \\u65b0\\u95fb\"" ;;
	2) t="\"Tab\\there \\\"dq\\\" back\\\\slash n${i}x\"" ;;
	3) t="\"Cafe\\u0301 \\U0001F4F0 n${i}x\"" ;;
	4) t="\"ctl \\u0001 del \\u007f sep \\u2028 par \\u2029 n${i}x\"" ;;
	5) t="\"bidi \\u202Eevil\\u202C \\u2066iso\\u2069 n${i}x\"" ;;
	6) t="Plain title n${i}x" ;;
	*) t="\"Zo\\u00eb Ferreira\\u2019s notes n${i}x\"" ;;
	esac
	case $((i % 4)) in
	0) tags='[harbour, "\u5317\u4eac"]' ;;
	1) tags='[Places/Harbourton]' ;;
	2) tags='["\u00e9conomie", "q\"uote"]' ;;
	*) tags='[]' ;;
	esac
	# two in three from one source: a dense listing
	case $((i % 6)) in
	0 | 1 | 2 | 3) s=Meridian ;;
	4) s='"\u201cNordwind\u201d Zeitung"' ;;
	*) s='"\u6771\u4eac\u65b0\u805e"' ;;
	esac
	d=""
	[ $((i % 50)) -ne 7 ] && d="date: 2024-$(printf %02d $((i % 12 + 1)))-$(printf %02d $((i % 28 + 1)))"
	dir=a; [ $i -ge 700 ] && dir=b
	printf -- '---\ntitle: %s\nsource: %s\ntags: %s\n%s\nsummary: "Sum \\"x\\" \\\\ y \\u2014 z\\tw"\nauthors: ["Zo\\u00eb", "\\u674e"]\nurl: https://example.org/n%s?q="a"\nrating: "5\\u2028 stars"\n---\nText.\n' \
		"$t" "$s" "$tags" "$d" "$i" "$i" >"$C/$dir/n$i.md"
	i=$((i + 1))
done
find "$C" -type d -exec touch -d '1 hour ago' {} +

same() { # NAME ARGS...: the lean answer (warm) equals a full load's
	name=$1
	shift
	want=$(DOSSIER_NO_CACHE=1 "$DOSSIER" --corpus "$C" "$@" 2>&1)
	assert_eq "dense $name" "$want" "$("$DOSSIER" --corpus "$C" "$@" 2>&1)"
}
"$DOSSIER" --corpus "$C" list --count >/dev/null 2>&1 # writes the cache
# the listings below are the index's (DOSSIER_TEST_NO_LOAD: fail rather than load)
for args in "list" "list --json" "list source:meridian"; do
	# shellcheck disable=SC2086
	run_status env DOSSIER_TEST_NO_LOAD=1 "$DOSSIER" --corpus "$C" $args
	assert_eq "from the index: $args" 0 "$STATUS"
done
assert_match "more than one 64 KB piece of JSON" '^[0-9]{6,}$' \
	"$("$DOSSIER" --corpus "$C" list --json | wc -c | tr -d ' ')"
same "list" list
same "list --json" list --json
same "list source:meridian" list source:meridian
same "list --json source:meridian" list --json source:meridian
same "list --json -source:meridian" list --json -- -source:meridian
same "list --sort date source:meridian" list --sort date source:meridian
same "list --sort source --json" list --sort source --json
same "list tag:\\u5317\\u4eac --json" list --json "tag:$(printf '\345\214\227\344\272\254')"
same "list 'source:meridian -tag:harbour'" list 'source:meridian -tag:harbour'
same "list 'source:meridian title:caf\303\251'" list --json 'source:meridian title:caf\303\251'
same "list --count source:meridian" list --count source:meridian
# a reader that stops early: the first lines, and the lister stops too
want=$(DOSSIER_NO_CACHE=1 "$DOSSIER" --corpus "$C" list --json | head -n 40)
assert_eq "dense list --json | head" "$want" "$("$DOSSIER" --corpus "$C" list --json | head -n 40)"
want=$(DOSSIER_NO_CACHE=1 "$DOSSIER" --corpus "$C" list | head -n 3)
assert_eq "dense list | head" "$want" "$("$DOSSIER" --corpus "$C" list | head -n 3)"
# a record damaged late in the listing, after pieces were written
damaged() { # NAME ARGS...
	name=$1
	shift
	want=$(DOSSIER_NO_CACHE=1 "$DOSSIER" --corpus "$C" "$@" 2>/dev/null)
	"$DOSSIER" --corpus "$C" list --count >/dev/null 2>&1
	META=$(grep -la 'n1446x' "$XDG_CACHE_HOME"/dossier/*.meta | head -n 1)
	at=$(grep -boa 'n1446x' "$META" | head -n 1 | cut -d: -f 1)
	printf 'm' | dd of="$META" bs=1 seek="$at" conv=notrunc 2>/dev/null
	got=$("$DOSSIER" --corpus "$C" "$@" 2>"$TMP/damaged.err")
	assert_eq "dense damaged record: $name" "$want" "$got"
	assert_match "dense damaged record: $name: noticed" 'damaged' "$(cat "$TMP/damaged.err")"
}
damaged "list" list
damaged "list --json" list --json
damaged "list source:meridian" list source:meridian
# the text itself, written out by hand (the comparisons above share the
# printers with the load, so they cannot see a fault in them)
"$DOSSIER" --corpus "$C" list --count >/dev/null 2>&1
assert_eq "dense TSV lines" "$(printf 'a/n0\t2024-01-01\tMeridian\t\342\200\234Quoted\342\200\235 harbour \342\200\224 caf\303\251 n0x\tharbour,\345\214\227\344\272\254
a/n10\t2024-11-11\t\342\200\234Nordwind\342\200\235 Zeitung\tTab here "dq" back\\slash n10x\t\303\251conomie,q"uote
a/n100\t2024-05-17\t\342\200\234Nordwind\342\200\235 Zeitung\tctl ^A del ^? sep   par   n100x\tharbour,\345\214\227\344\272\254
a/n101\t2024-06-18\t\346\235\261\344\272\254\346\226\260\350\201\236\tbidi <U+202E>evil<U+202C> <U+2066>iso<U+2069> n101x\tplaces/harbourton')" \
	"$("$DOSSIER" --corpus "$C" list 'n0x OR n10x OR n100x OR n101x' 2>&1 | grep -E '^a/n(0|10|100|101)	')"
json=$("$DOSSIER" --corpus "$C" list --json 2>&1)
for want in '"title": "Tab\there \"dq\" back\\slash n10x"' '"summary": "Sum \"x\" \\ y — z\tw"' \
	'"rating": "5\u2028 stars"' '"title": "ctl \u0001 del \u007F sep \u2028 par \u2029 n100x"' \
	'"title": "bidi \u202Eevil\u202C \u2066iso\u2069 n101x"' '"q\"uote"' '"title": "北京 港口 n1x 新闻"'; do
	k=$((${k:-0} + 1))
	case $json in
	*"$want"*) pass "dense JSON text $k written as escaped" ;;
	*) fail "dense JSON text $k written as escaped" "$want" ;;
	esac
done

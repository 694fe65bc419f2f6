# The README's query examples parse and find something in the sample
# collection, so the documentation cannot drift from the program.
. "$(dirname "$0")/../lib.sh"
queries=$(awk '/^## Queries/{q=1;next} /^## /{q=0} q && /^    /' "$TOP/README.md" | sed 's/^    //; s/  *#.*$//')
printf '%s\n' "$queries" | {
	while IFS= read -r q; do
		[ -n "$q" ] || continue
		run_status "$DOSSIER" --corpus "$TOP/examples" list "$q"
		if [ "$STATUS" = 0 ] && [ -n "$OUT" ]; then pass "README query: $q"
		else fail "README query: $q" "exit $STATUS, output: $OUT $ERR"; fi
	done
}

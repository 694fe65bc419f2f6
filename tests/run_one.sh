#!/bin/sh
# One test of the suite, for tests/run.sh's pool: a unit binary or a shell
# script, run with its output held in a file of its own and printed whole
# when it ends (tests running side by side never interleave their lines).
# Its PASS/FAIL/SKIP lines go to $SUITE_OUT/NAME.res (a unit binary's cmocka
# counts as one "UNIT NAME PASSED FAILED" line), its wall time to
# $SUITE_OUT/times. Expects BUILD and SUITE_OUT; takes the test's path.
item=$1
case "$item" in
*/tests/test_*) name=unit/$(basename "$item") ;;
*) name=$(basename "$(dirname "$item")")/$(basename "$item" .sh) ;;
esac
key=$(printf '%s' "$name" | tr / _)
RESULTS=$SUITE_OUT/$key.res
log=$SUITE_OUT/$key.log
export RESULTS
: >"$RESULTS"

# now, took: as tests/run.sh's (this runs as a process of its own)
now() { date +%s.%N | cut -c1-13; }
took() { awk -v a="$1" -v b="$(now)" -v n="$2" 'BEGIN {printf "%7.2f %s\n", b - a, n}' >>"$SUITE_OUT/times"; }
t0=$(now)
case "$name" in
unit/*)
	out=$(timeout 300 "$item" 2>&1); rc=$?
	p=$(printf '%s\n' "$out" | sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' | awk '{s+=$1} END {print s+0}')
	f=$(printf '%s\n' "$out" | sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' | awk '{s+=$1} END {print s+0}')
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
	if [ "$f" -gt 0 ]; then
		{ printf '%s\n' "$out" | grep -E 'FAIL|ERROR|error|runtime' | head -n 20
		  echo "FAIL $name"; } >"$log"
	fi
	echo "UNIT $name $p $f" >>"$RESULTS"
	;;
*)
	timeout 600 sh "$item" >"$log" 2>&1; rc=$?
	if [ "$rc" -ne 0 ]; then echo "FAIL $name: script exited $rc" >>"$RESULTS"; fi
	if [ ! -s "$RESULTS" ] && [ "$rc" -eq 0 ]; then echo "FAIL $name: no assertions ran" >>"$RESULTS"; fi
	;;
esac
took "$t0" "$name"
# one write: what the test printed (a failure's screen, a diff)
[ -s "$log" ] && cat "$log"
exit 0

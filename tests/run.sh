#!/bin/sh
# Runs every test and prints the closing line "N passed, N failed".
# Unit tests are cmocka binaries (their per-case counts are summed); the
# shell tests under tests/{cli,screen,term} write PASS/FAIL lines.
BUILD=${BUILD:-build}
TOP=$(cd "$(dirname "$0")/.." && pwd)
cd "$TOP" || exit 1
RESULTS=$(mktemp)
export BUILD RESULTS
passed=0 failed=0

for t in "$BUILD"/tests/test_*; do
	[ -x "$t" ] || continue
	out=$(timeout 300 "$t" 2>&1); rc=$?
	p=$(printf '%s\n' "$out" | sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' | awk '{s+=$1} END {print s+0}')
	f=$(printf '%s\n' "$out" | sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' | awk '{s+=$1} END {print s+0}')
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
	[ "$f" -gt 0 ] && { printf '%s\n' "$out" | grep -E 'FAIL|ERROR|error|runtime' | head -n 20; echo "FAIL unit $(basename "$t")"; }
	passed=$((passed + p)); failed=$((failed + f))
done

for dir in cli screen term; do
	for s in tests/$dir/*.sh; do
		[ -f "$s" ] || continue
		before=$(wc -l <"$RESULTS")
		timeout 600 sh "$s"; rc=$?
		after=$(wc -l <"$RESULTS")
		if [ "$rc" -ne 0 ]; then echo "FAIL $dir/$(basename "$s" .sh): script exited $rc" >>"$RESULTS"; fi
		if [ "$after" -eq "$before" ] && [ "$rc" -eq 0 ]; then echo "FAIL $dir/$(basename "$s" .sh): no assertions ran" >>"$RESULTS"; fi
	done
done

grep '^FAIL' "$RESULTS"
skipped=$(grep -c '^SKIP' "$RESULTS")
grep '^SKIP' "$RESULTS"
passed=$((passed + $(grep -c '^PASS' "$RESULTS")))
failed=$((failed + $(grep -c '^FAIL' "$RESULTS")))
rm -f "$RESULTS"
[ "$skipped" -gt 0 ] && echo "($skipped skipped)"
echo "$passed passed, $failed failed"
# make check runs the suite per build and sums the lines
[ -n "${SUMMARY:-}" ] && echo "$passed passed, $failed failed" >>"$SUMMARY"
[ "$failed" -eq 0 ]

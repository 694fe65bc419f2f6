#!/bin/sh
# Runs every test and prints the closing line "N passed, N failed".
# Unit tests are cmocka binaries (their per-case counts are summed); the
# shell tests under tests/{cli,screen,term} write PASS/FAIL lines.
BUILD=${BUILD:-build}
TOP=$(cd "$(dirname "$0")/.." && pwd)
cd "$TOP" || exit 1
RESULTS=$(mktemp)
TIMES=$(mktemp) # "SECONDS NAME" a line, for the slowest-first summary
export BUILD RESULTS
passed=0 failed=0

# now: seconds since the epoch with two decimals (for the wall times)
now() { date +%s.%N | cut -c1-13; }
# took START NAME: NAME's wall time since START into $TIMES
took() { awk -v a="$1" -v b="$(now)" -v n="$2" 'BEGIN {printf "%7.2f %s\n", b - a, n}' >>"$TIMES"; }
t_all=$(now)

for t in "$BUILD"/tests/test_*; do
	[ -x "$t" ] || continue
	t0=$(now)
	out=$(timeout 300 "$t" 2>&1); rc=$?
	took "$t0" "unit/$(basename "$t")"
	p=$(printf '%s\n' "$out" | sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' | awk '{s+=$1} END {print s+0}')
	f=$(printf '%s\n' "$out" | sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' | awk '{s+=$1} END {print s+0}')
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
	[ "$f" -gt 0 ] && { printf '%s\n' "$out" | grep -E 'FAIL|ERROR|error|runtime' | head -n 20; echo "FAIL unit $(basename "$t")"; }
	passed=$((passed + p)); failed=$((failed + f))
done

# run_script SCRIPT: one shell test, its lines into $RESULTS, and a FAIL
# line when it exits non-zero or asserts nothing; its wall time into $TIMES
run_script() {
	name=$(basename "$(dirname "$1")")/$(basename "$1" .sh)
	before=$(wc -l <"$RESULTS")
	t0=$(now)
	timeout 600 sh "$1"; rc=$?
	took "$t0" "$name"
	after=$(wc -l <"$RESULTS")
	if [ "$rc" -ne 0 ]; then echo "FAIL $name: script exited $rc" >>"$RESULTS"; fi
	if [ "$after" -eq "$before" ] && [ "$rc" -eq 0 ]; then echo "FAIL $name: no assertions ran" >>"$RESULTS"; fi
}

# Scripts marked "# suite: alongside" spend their time in timed holds
# (background jobs held back seconds on purpose, little CPU): they run one
# after another in a lane of their own, beside the others, each into its
# own results file, so their waits do not add to the suite's time.
lane=$(mktemp)
alongside=$(grep -l '^# suite: alongside' tests/term/*.sh 2>/dev/null)
( RESULTS=$lane; for s in $alongside; do run_script "$s"; done; took "$t_all" "(the alongside lane, from the start)" ) &
lane_pid=$!

for dir in cli screen term; do
	for s in tests/$dir/*.sh; do
		[ -f "$s" ] || continue
		case " $(echo $alongside) " in *" $s "*) continue ;; esac
		run_script "$s"
	done
done
wait "$lane_pid"
cat "$lane" >>"$RESULTS"
rm -f "$lane"

grep '^FAIL' "$RESULTS"
skipped=$(grep -c '^SKIP' "$RESULTS")
grep '^SKIP' "$RESULTS"
passed=$((passed + $(grep -c '^PASS' "$RESULTS")))
failed=$((failed + $(grep -c '^FAIL' "$RESULTS")))
rm -f "$RESULTS"
took "$t_all" "(the whole pass)"
echo "slowest 15 (wall seconds; the alongside lane runs beside the rest):"
grep -v ' (' "$TIMES" | sort -rn | head -n 15
grep ' (' "$TIMES"
# TIMES_OUT=FILE keeps every test's time
[ -n "${TIMES_OUT:-}" ] && sort -rn "$TIMES" >"$TIMES_OUT"
rm -f "$TIMES"
[ "$skipped" -gt 0 ] && echo "($skipped skipped)"
echo "$passed passed, $failed failed"
# make check runs the suite per build and sums the lines
[ -n "${SUMMARY:-}" ] && echo "$passed passed, $failed failed" >>"$SUMMARY"
[ "$failed" -eq 0 ]

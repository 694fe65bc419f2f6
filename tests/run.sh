#!/bin/sh
# Runs every test and prints the closing line "N passed, N failed".
# Unit tests are cmocka binaries (their per-case counts are summed); the
# shell tests under tests/{cli,screen,term} write PASS/FAIL lines.
#
# Tests run SUITE_JOBS at a time (default: the machine's cores) through
# tests/run_one.sh, each with its own results and log files: one test at a
# time left a core idle while a script waited on a process or a terminal.
# Scripts with a header line "# suite: long" start first, so the pool
# does not end with one long test running alone. Scripts marked
# "# suite: alongside" spend their time in timed holds (background jobs
# held back seconds on purpose, little CPU): they run one after another in
# a lane of their own beside the pool.
BUILD=${BUILD:-build}
TOP=$(cd "$(dirname "$0")/.." && pwd)
cd "$TOP" || exit 1
SUITE_OUT=$(mktemp -d)
export BUILD SUITE_OUT
JOBS=${SUITE_JOBS:-$(nproc 2>/dev/null || echo 2)}

# now: seconds since the epoch with two decimals (for the wall times)
now() { date +%s.%N | cut -c1-13; }
# took START NAME: NAME's wall time since START into the times file
took() { awk -v a="$1" -v b="$(now)" -v n="$2" 'BEGIN {printf "%7.2f %s\n", b - a, n}' >>"$SUITE_OUT/times"; }
t_all=$(now)

marked() { grep -l "^# suite: $1" tests/cli/*.sh tests/screen/*.sh tests/term/*.sh 2>/dev/null; }
alongside=$(marked alongside)
long=$(marked long)
marked_all=" $(echo $alongside $long) "
rest=$(for s in tests/cli/*.sh tests/screen/*.sh tests/term/*.sh; do
	case "$marked_all" in *" $s "*) continue ;; esac
	echo "$s"
done)
units=$(for t in "$BUILD"/tests/test_*; do [ -x "$t" ] && echo "$t"; done)

( for s in $alongside; do sh tests/run_one.sh "$s"; done
  took "$t_all" "(the alongside lane, from the start)" ) &
lane_pid=$!
printf '%s\n' $long $rest $units | xargs -P "$JOBS" -n 1 sh tests/run_one.sh
wait "$lane_pid"

# every test's lines, in one order whatever the order they ended in
all=$(cat "$SUITE_OUT"/*.res)
printf '%s\n' "$all" | grep '^FAIL'
printf '%s\n' "$all" | grep '^SKIP'
skipped=$(printf '%s\n' "$all" | grep -c '^SKIP')
unit_p=$(printf '%s\n' "$all" | awk '$1 == "UNIT" {s += $3} END {print s + 0}')
unit_f=$(printf '%s\n' "$all" | awk '$1 == "UNIT" {s += $4} END {print s + 0}')
passed=$((unit_p + $(printf '%s\n' "$all" | grep -c '^PASS')))
failed=$((unit_f + $(printf '%s\n' "$all" | grep -c '^FAIL')))
took "$t_all" "(the whole pass)"
echo "slowest 15 (wall seconds, $JOBS at a time; the alongside lane runs beside them):"
grep -v ' (' "$SUITE_OUT/times" | sort -rn | head -n 15
grep ' (' "$SUITE_OUT/times"
# TIMES_OUT=FILE keeps every test's time
[ -n "${TIMES_OUT:-}" ] && sort -rn "$SUITE_OUT/times" >"$TIMES_OUT"
rm -rf "$SUITE_OUT"
[ "$skipped" -gt 0 ] && echo "($skipped skipped)"
echo "$passed passed, $failed failed"
# make check runs the suite per build and sums the lines
[ -n "${SUMMARY:-}" ] && echo "$passed passed, $failed failed" >>"$SUMMARY"
[ "$failed" -eq 0 ]

# Timing helpers shared by tests/bench/bench.sh, corpus.sh and scale.sh
# (sourced, not run): wall times in ms from date, medians of RUNS runs,
# peak RSS from /usr/bin/time, the reader timed in tmux by polling its pane.
# The caller sets RUNS, W (a scratch folder) and SOCK (its tmux socket);
# PANE_WAIT (seconds, default 60) bounds how long pane_ms waits.
# A command past the check-every window checks in the foreground here
# (DOSSIER_SWEEP=0), as before the background check: no child that the
# rows do not time runs under them or outlives the scratch folder.
export DOSSIER_SWEEP=0

now_ms() { date +%s%N | awk '{printf "%.3f", $1 / 1e6}'; }
# median of the numbers on stdin
median() { sort -g | awk '{v[NR]=$1} END {if (!NR) print "-"; else if (NR%2) print v[(NR+1)/2]; else printf "%.3f\n", (v[NR/2]+v[NR/2+1])/2}'; }
# time_ms CMD...: wall time of one run in ms
time_ms() { t0=$(now_ms); "$@" >/dev/null 2>&1; t1=$(now_ms); echo "$t1 $t0" | awk '{printf "%.3f\n", $1-$2}'; }
# med CMD...: median of RUNS runs
med() { i=0; while [ $i -lt "$RUNS" ]; do time_ms "$@"; i=$((i+1)); done | median; }
# cpu_ms CMD...: CPU time (user + sys) of one run in ms; steadier than
# wall time on a shared machine
cpu_ms() { /usr/bin/time -f '%U %S' -o "$W/cpu" "$@" >/dev/null 2>&1; awk '{printf "%.0f\n", ($1+$2)*1000}' "$W/cpu" 2>/dev/null || echo -; }
# medcpu CMD...: median CPU ms of RUNS runs
medcpu() { i=0; while [ $i -lt "$RUNS" ]; do cpu_ms "$@"; i=$((i+1)); done | median; }
# peak RSS in MB of one run
rss_mb() { /usr/bin/time -f '%M' -o "$W/rss" "$@" >/dev/null 2>&1; awk '{printf "%.1f", $1/1024}' "$W/rss" 2>/dev/null || echo -; }
ratio() { echo "$1 $2" | awk '{ if ($2+0 > 0 && $1 != "-") printf "%.2f", $1/$2; else print "-" }'; }

# wait_pane PATTERN TIMEOUT_S: poll the tmux pane until a line matches
wait_pane() {
	end=$(( $(date +%s) + $2 ))
	while [ "$(date +%s)" -le "$end" ]; do
		tmux -L "$SOCK" capture-pane -p -t b 2>/dev/null | grep -Eq -- "$1" && return 0
	done
	return 1
}
# pane_ms PATTERN CMD: start CMD in a fresh 120x40 tmux pane, ms until PATTERN shows
pane_ms() {
	pat=$1; shift
	tmux -L "$SOCK" kill-server 2>/dev/null
	t0=$(now_ms)
	tmux -L "$SOCK" new-session -d -s b -x 120 -y 40 "$*"
	if wait_pane "$pat" "${PANE_WAIT:-60}"; then t1=$(now_ms); echo "$t1 $t0" | awk '{printf "%.3f\n", $1-$2}'; else echo -; fi
}
# key_ms KEY PATTERN: send KEY to the running pane, ms until PATTERN shows
key_ms() {
	t0=$(now_ms)
	tmux -L "$SOCK" send-keys -t b "$1"
	if wait_pane "$2" 60; then t1=$(now_ms); echo "$t1 $t0" | awk '{printf "%.3f\n", $1-$2}'; else echo -; fi
}

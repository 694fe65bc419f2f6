#!/bin/sh
# The reader's cold start (no metadata cache) in tmux, timed by polling the
# pane (issue 20): to the first screen (the status line), to the first
# listed rows, and to the whole list; beside the tmux method's own floor
# (a new session showing a shell's echo) and the read floor (cat of every
# file). Never part of make check (timing is not a test); its figures are
# kept by hand in BENCHMARKS.md between "<!-- bench-coldgrow -->" markers.
#   sh tests/bench/coldgrow.sh DIR [RUNS]     (after make; DOSSIER=... to
#   time another build)
set -eu
TOP=$(cd "$(dirname "$0")/../.." && pwd)
DOSSIER=${DOSSIER:-$TOP/${BUILD:-build}/dossier}
DIR=$1
RUNS=${2:-3}
TMP=$(mktemp -d "${TMPDIR:-/tmp}/dossier-coldgrow.XXXXXX")
SOCK="$TMP/sock"
T() { tmux -S "$SOCK" "$@"; }
trap 'T kill-server 2>/dev/null; rm -rf "$TMP"' EXIT
now() { date +%s%N; }
ms() { echo "$1 $2" | awk '{printf "%.0f\n", ($1 - $2) / 1e6}'; }
median() { sort -n | awk '{v[NR]=$1} END {print (NR%2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'; }
T -f /dev/null new-session -d -s keep -x 20 -y 5 "sleep 3600"
: >"$TMP/floor"
: >"$TMP/runs"
i=0
while [ "$i" -lt "$RUNS" ]; do
	t0=$(now)
	T new-session -d -s f -x 120 -y 30 "echo ready; sleep 30"
	until T capture-pane -p -t f 2>/dev/null | grep -q ready; do :; done
	ms "$(now)" "$t0" >>"$TMP/floor"
	T kill-session -t f
	rm -rf "$TMP/cache" "$TMP/state"
	t0=$(now) first="" rows="" full=""
	T new-session -d -s t -x 120 -y 30 \
		"XDG_CACHE_HOME=$TMP/cache XDG_STATE_HOME=$TMP/state $DOSSIER --corpus $DIR; sleep 600"
	while [ -z "$full" ]; do
		s=$(T capture-pane -p -t t 2>/dev/null) || continue
		t=$(now)
		case "$s" in *Loading*|*articles*) [ -n "$first" ] || first=$(ms "$t" "$t0") ;; esac
		if [ -z "$rows" ] && printf '%s\n' "$s" | grep -q '^[▶•] '; then rows=$(ms "$t" "$t0"); fi
		case "$s" in *Loading*) continue ;; esac # the list grows: not the whole yet
		if printf '%s\n' "$s" | grep -q 'filter: none | [0-9]* articles'; then full=$(ms "$t" "$t0"); fi
	done
	n=$(T capture-pane -p -t t | sed -n 's/.*filter: none | \([0-9]*\) articles.*/\1/p')
	echo "$first $rows $full $n" >>"$TMP/runs"
	T kill-session -t t
	i=$((i + 1))
done
t0=$(now)
find "$DIR" -type f -exec cat {} + >/dev/null
readfloor=$(ms "$(now)" "$t0")
printf 'runs (first screen, first rows, whole list, articles), ms:\n'
cat "$TMP/runs"
printf 'median: first screen %s, first rows %s, whole list %s; tmux floor %s; read floor (cat) %s\n' \
	"$(cut -d' ' -f1 "$TMP/runs" | median)" "$(cut -d' ' -f2 "$TMP/runs" | median)" \
	"$(cut -d' ' -f3 "$TMP/runs" | median)" "$(median <"$TMP/floor")" "$readfloor"

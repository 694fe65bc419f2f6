#!/bin/sh
# Start to the first key answered, in the reader, on a big collection with
# a big reading state (issue 20; BENCHMARKS.md "The first key"): a fresh
# 120x40 tmux pane per run on a fresh copy of STATE; the first screen is
# the status line's "N articles, M unread"; then g is sent and timed until
# "Articles 1/" shows. Prints "first_screen_ms first_key_ms" (both from
# the start). Not part of make check: it wants a warm cache of CORPUS in
# XDG_CACHE_HOME (dossier --corpus CORPUS refresh) and a state such as
# `dossier list | python3 tests/bench/bigstate.py`.
# usage: sh tests/bench/firstkey.sh BIN CORPUS STATE
TOP=$(cd "$(dirname "$0")/../.." && pwd)
SOCK=firstkey-$$
W=$(mktemp -d)
. "$TOP/tests/bench/benchlib.sh"
cp "$3" "$W/state.yaml"
tmux -L "$SOCK" kill-server 2>/dev/null
t0=$(now_ms)
tmux -L "$SOCK" new-session -d -s b -x 120 -y 40 "$1 --corpus $2 --state $W/state.yaml"
wait_pane "articles, [0-9,]+ unread" 60
t1=$(now_ms)
tmux -L "$SOCK" send-keys -t b g
wait_pane "Articles 1/" 60
t2=$(now_ms)
echo "$t0 $t1 $t2" | awk '{printf "%.0f %.0f\n", $2-$1, $3-$1}'
tmux -L "$SOCK" kill-server 2>/dev/null
rm -rf "$W"

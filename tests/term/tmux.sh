#!/bin/sh
# The real program in a real terminal (tmux): first screen, keys decoded
# from the terminal, resize down to 10x3 and back, the grid dump equal to
# what tmux shows, hostile text leaving no raw ESC in the pty stream, and
# quit / SIGINT / SIGTERM / SIGHUP restoring the tty. Waits by polling.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../tmuxlib.sh"
CORPUS="$TOP/tests/data/tui"

# ---- first screen, keys, history
start 100 24 "stty -g > $TMP/before; $DOSSIER --corpus $CORPUS; stty -g > $TMP/after"
check "first screen" "Articles 1/9"
T send-keys -t t Down Down Up Enter
check "arrow keys and Enter open" "Title: +Engineers race"
T send-keys -t t 3 Enter
check "open a related article" "Title: +(Air defence|Long-range)"
T send-keys -t t BSpace
check "Backspace goes back" "Title: +Engineers race"
T send-keys -t t BTab
check "Shift-Tab focuses the previous pane" "> Text"
T send-keys -t t NPage
check "PgDn scrolls the text" "Text [0-9]+/"
T send-keys -t t '?'
check "help overlay" "Keys \(Text pane\)"
T send-keys -t t q

# ---- resize
T resize-window -t t -x 60 -y 20
check "resize to 60x20 redraws" "^ +│  Related"
T resize-window -t t -x 10 -y 3
check "resize to 10x3 says too small" "too small"
for s in 1 2 3; do T resize-window -t t -x 31 -y 9; T resize-window -t t -x 12 -y 4; done
T resize-window -t t -x 100 -y 24
check "back to 100x24 after a resize storm" "Articles [0-9]+/9 .*Text"

# ---- grid dump equals what tmux shows (same screen, same size)
T send-keys -t t q
check "quit" "EXIT=0"
assert_eq "quit restores stty" "$(cat "$TMP/before")" "$(cat "$TMP/after")"
printf '<Enter>\n' >"$TMP/s.keys"
# both on a fresh reading state (a restart reopens the article read last)
(cd "$TOP" && XDG_STATE_HOME="$TMP/st-dump" "$DOSSIER" --corpus tests/data/tui --headless 100x24 --script "$TMP/s.keys") |
	sed 1d | sed -n '1,22p' >"$TMP/dump"
start 100 24 "cd $TOP && XDG_STATE_HOME=$TMP/st-cap $DOSSIER --corpus tests/data/tui"
check "second start" "Articles 1/9"
T send-keys -t t Enter
check "opened" "Title: +Air defence"
wait_signed
T capture-pane -p -t t | sed -n '1,22p' | sed 's/ *$//' >"$TMP/cap"
assert_eq "grid dump equals capture-pane" "$(cat "$TMP/dump")" "$(cat "$TMP/cap")"
T send-keys -t t q

# ---- hostile text: no raw ESC from content in the pty stream
start 100 24 "cd $TOP && XDG_STATE_HOME=$TMP/st-hostile $DOSSIER --corpus tests/data/tui"
T pipe-pane -t t -o "cat > $TMP/stream"
check "start for hostile" "Articles 1/9"
T send-keys -t t j j j j j Enter
check "hostile article shows placeholders" '\^\[\]52;c;SGVsbG8=\^G'
T send-keys -t t q
check "quit after hostile" "EXIT=0"
if grep -aq "52;c;" "$TMP/stream" && ! grep -aq "$(printf '\033]52')" "$TMP/stream" &&
   ! grep -aq "$(printf '\033]0;pwned')" "$TMP/stream" && ! grep -aq "$(printf '\302\233')" "$TMP/stream"; then
	pass "no OSC/C1 from content in the pty stream"
else fail "no OSC/C1 from content in the pty stream"; fi

# ---- signals restore the terminal, exit 128+signo
for spec in INT:2 TERM:15 HUP:1; do
	sig=${spec%:*} num=${spec#*:}
	start 80 24 "stty -g > $TMP/b.$sig; XDG_STATE_HOME=$TMP/st-$sig $DOSSIER --corpus $CORPUS; c=\$?; stty -g > $TMP/a.$sig; echo CODE=\$c"
	check "start for SIG$sig" "Articles 1/9"
	shpid=$(T display -p -t t '#{pane_pid}')
	pid=$(ps -o pid= --ppid "$shpid" | tr -d ' ' | head -n 1)
	kill -"$sig" "$pid"
	check "SIG$sig exits with 128+$num" "CODE=$((num + 128))"
	assert_eq "SIG$sig restores stty" "$(cat "$TMP/b.$sig")" "$(cat "$TMP/a.$sig" 2>/dev/null)"
done

# ---- not a terminal / dumb terminal
run_status sh -c "$DOSSIER --corpus $CORPUS </dev/null >/dev/null"
assert_eq "not a tty exits 1" "1" "$STATUS"
assert_match "not a tty message" "needs a terminal" "$ERR"
run_status env TERM=dumb script -qec "$DOSSIER --corpus $CORPUS" /dev/null
assert_match "TERM=dumb refused" "TERM is unset or 'dumb'" "$OUT"

# ---- vt100 and LANG=C
start 80 24 "cd $TOP && XDG_STATE_HOME=$TMP/st-vt100 TERM=vt100 $DOSSIER --corpus tests/data/tui; echo EXIT=\$?"
check "TERM=vt100 works" "Articles 1/9"
T send-keys -t t q
check "TERM=vt100 quits" "EXIT=0"
printf 'jjj <Enter> :dump\n' >"$TMP/c.keys"
out=$(cd "$TOP" && LC_ALL=C LANG=C "$DOSSIER" --corpus tests/data/tui --headless 80x24 --script "$TMP/c.keys")
if printf '%s' "$out" | LC_ALL=C grep -q "$(printf '[\200-\377]')"; then
	fail "LANG=C headless emits only ASCII"
else pass "LANG=C headless emits only ASCII"; fi
assert_match "LANG=C shows code points" "<U\+6771>" "$out"

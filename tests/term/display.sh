#!/bin/sh
# What the terminal shows for issue 19 (tmux): invisible characters as
# markers and ZWJ emoji as their pictographs, with the headless grid dump
# equal to the tmux screen at several widths (ncurses and tmux count the
# same columns); the word after a run of ZWSP at every wrap position; and
# the styles as the terminal draws them: marks underlined and the current
# search hit bold + reverse under NO_COLOR, its own colour with colour.
# Waits by polling (bounded), never by fixed sleeps.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../tmuxlib.sh"

D="$TOP/tests/data/invisible"

# same_screen NAME COLS ROWS KEYS TMUXKEYS WAIT: headless dump = tmux capture,
# each from a first start (a restart would reopen the article read last:
# the keys would not open the article named, and WAIT would wait out its
# 10 s)
same_screen() {
	printf '%s :dump\n' "$4" >"$TMP/s.keys"
	rm -f "$TMP/s.state"
	"$DOSSIER" --corpus "$D" --state "$TMP/s.state" --headless "${2}x${3}" --script "$TMP/s.keys" 2>&1 |
		sed 1d | sed -n "1,$(($3 - 2))p" >"$TMP/dump"
	rm -f "$TMP/s.state" # the headless run above saved its article read last
	start "$2" "$3" "$DOSSIER --corpus $D --state $TMP/s.state"
	wait_for "Articles" || true
	T send-keys -t t $5
	wait_for "$6" || true
	wait_signed
	T capture-pane -p -t t | sed -n "1,$(($3 - 2))p" | sed 's/ *$//' >"$TMP/cap"
	assert_eq "$1" "$(cat "$TMP/dump")" "$(cat "$TMP/cap")"
	T send-keys -t t q
	wait_for "EXIT=" || true # its state saved before the next one starts
}
for size in 100x24 60x16 37x14; do
	c=${size%x*} r=${size#*x}
	same_screen "markers: grid dump = tmux screen ($size)" "$c" "$r" "<Enter>" "Enter" "Title: +Bridge"
	same_screen "ZWJ emoji drawn as their pictographs: grid dump = tmux screen ($size)" "$c" "$r" \
		"j <Enter>" "j Enter" "Title: +Lab"
done

start 80 24 "$DOSSIER --corpus $D --state $TMP/t.state"
check "start" "Articles 1/2"
T send-keys -t t j Enter
check "a scientist: woman and microscope side by side" "The scientist 👩🔬 tested"
check "a family: each person" "family 👨👩👧"
T send-keys -t t k Enter
check "a run of ZWSP shows as markers before the word" "<U\+200B><U\+200B>not safe|<U\+200B> *$"
check "the word after the run is on screen" "not safe"
check "soft hyphen drawn as a hyphen" "soft-hyphen"
check "tag characters hidden after a letter are shown" "a<U\+E0041><U\+E0042>"
T send-keys -t t q

# ---- the report: "not" after 8 ZWSP, at every wrap position of the pane
printf -- '---\ntitle: Sweep\n---\n' >"$TMP/h.md"
mkdir -p "$TMP/sweep"
python3 -c "
import sys
for k in range(0, 60, 7):
    sys.stdout.write('Inspectors ' + 'o' * k + ' bridge is ' + '\u200b' * 8 + 'not' + str(k) + ' safe.\n\n')
" >"$TMP/body"
cat "$TMP/h.md" "$TMP/body" >"$TMP/sweep/sweep.md"
missing=""
for cols in 50 61 72 83; do
	start "$cols" 60 "$DOSSIER --corpus $TMP/sweep --state $TMP/w.state"
	wait_for "Articles 1/1" || true
	T send-keys -t t Enter
	wait_for "Title: +Sweep" || true
	cap=$(T capture-pane -p -t t -J | tr -d '\n')
	for k in 0 7 14 21 28 35; do
		printf '%s' "$cap" | grep -q "not$k safe" || printf '%s' "$cap" | grep -q "not$k" ||
			missing="$missing $cols:$k"
	done
	T send-keys -t t q
done
assert_eq "every 'notK' after a ZWSP run is on the tmux screen at 50-83 columns" "" "$missing"

# ---- styles as the terminal draws them
# attrs_at TEXT [NTH]: the attributes tmux shows on the first character of
# the NTH (default 1st) "TEXT" on screen, e.g. "bold reverse fg30 bg46";
# tmux writes SGR changes from cell to cell, so they are replayed here.
attrs_at() {
	T capture-pane -p -e -t t | python3 -c '
import re, sys
want, nth = sys.argv[1], int(sys.argv[2])
names = {1: "bold", 4: "underline", 7: "reverse"}
seen = 0
for line in sys.stdin.read().split("\n"):
    st, text, at = set(), "", []
    for m in re.finditer(r"\x1b\[([0-9;]*)m|([^\x1b])", line):
        if m.group(2) is not None:
            text += m.group(2); at.append(sorted(st)); continue
        for c in (m.group(1) or "0").split(";"):
            c = int(c or 0)
            if c == 0: st = set()
            elif c in names: st.add(names[c])
            elif c in (22, 24, 27): st.discard(names[c - 20])
            elif 30 <= c <= 37 or c == 39: st = {x for x in st if not x.startswith("fg")} | ({"fg%d" % c} if c != 39 else set())
            elif 40 <= c <= 47 or c == 49: st = {x for x in st if not x.startswith("bg")} | ({"bg%d" % c} if c != 49 else set())
    i = text.find(want)
    while i >= 0:
        seen += 1
        if seen == nth: print(" ".join(at[i])); sys.exit(0)
        i = text.find(want, i + 1)
' "$1" "${2:-1}"
}
# to_hit K: after a search, press n (waiting for each move) until hit K/3
to_hit() {
	wait_for "^hit [0-9]/3" || return
	k=$(T capture-pane -p -t t | sed -n 's/^hit \([0-9]\)\/3.*/\1/p' | tail -n 1)
	while [ "$k" != "$1" ]; do
		k=$((k % 3 + 1))
		T send-keys -t t n
		wait_for "hit $k/3" || return
	done
}
# NO_COLOR (lib.sh): a mark underlined (it had no attribute at all)
start 80 24 "$DOSSIER --corpus $D --state $TMP/m.state"
check "start for marks" "Articles 1/2"
T send-keys -t t Enter 2 G m
check "the last paragraph marked" "Marked [0-9]+ characters"
# (from its second cell: the first holds the text cursor, a reversed cell)
assert_eq "NO_COLOR: a mark is underlined (it had no attribute)" "underline" "$(attrs_at "afe for walkers")"
# the current hit bold and reversed, the other hits reversed only
T send-keys -t t /
T send-keys -t t -l "safe"
T send-keys -t t Enter
to_hit 2
check "the second hit is current" "^hit 2/3"
assert_eq "NO_COLOR: the current hit is bold and reverse" "bold reverse" "$(attrs_at "Safe for")"
assert_eq "NO_COLOR: another hit is reverse only" "reverse" "$(attrs_at "safe for lorries")"
T send-keys -t t q
check "quit" "EXIT=0"

# With colour: the current hit on magenta (45), the others on cyan (46)
start 80 24 "NO_COLOR= $DOSSIER --corpus $D --state $TMP/c.state"
check "start with colour" "Articles 1/2"
T send-keys -t t Enter 2 /
T send-keys -t t -l "safe"
T send-keys -t t Enter
to_hit 3
check "colour: third hit current" "^hit 3/3"
assert_eq "colour: the current hit: bold, black on magenta" "bg45 bold fg30" "$(attrs_at "safe for lorries")"
assert_eq "colour: another hit: black on cyan" "bg46 fg30" "$(attrs_at "Safe for")"
T send-keys -t t q

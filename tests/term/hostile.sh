#!/bin/sh
# suite: long
# The terminal half of the hostile-input checklist (TESTING.md), in a real terminal (tmux):
# the raw byte stream the program writes to the pty (pipe-pane) searched
# for bytes injected by hostile text and metadata; grid dump = what tmux
# shows for zero-width and wide characters; files vanishing while the
# reader runs; a 10 s resize storm down to 1x1; other locales and
# terminals; signals idle, mid-save and mid-export; ^Z and fg; the pty
# closing under the reader. Assertions are named "NN: ..." after the case.
# Waits by polling (bounded), never by fixed sleeps.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../tmuxlib.sh"
chmod 755 "$TMP"

# wait_file FILE: poll (bounded, 10 s) until FILE exists and is not empty
wait_file() {
	i=0
	while [ $i -lt 200 ]; do [ -s "$1" ] && return 0; i=$((i + 1)); sleep 0.05; done
	return 1
}
reader_pid() { # the reader under the pane's shell: by name, as the shell's
	# first child may still be the `stty -g` run before it (killing that
	# instead was the SIGHUP-during-load flake seen under load)
	shpid=$(T display -p -t t '#{pane_pid}')
	ps -o pid=,comm= --ppid "$shpid" | awk -v n="$(basename "$DOSSIER" | cut -c1-15)" '$2 == n { print $1; exit }'
}
# stream_clean NAME FILE: no byte from content that could drive the terminal
stream_clean() {
	if python3 - "$2" >"$TMP/why" <<'PY'
import sys, re
b = open(sys.argv[1], 'rb').read()
bad = {
    'OSC (ESC ])': rb'\x1b\]', 'DCS (ESC P)': rb'\x1bP', 'CSI 21 t': rb'\x1b\[21t',
    'BEL': rb'\x07', 'ENQ': rb'\x05', 'C1 as UTF-8': rb'\xc2[\x80-\x9f]',
    'bidi control': rb'\xe2\x80[\x8e\x8f\xaa-\xae]|\xe2\x81[\xa6-\xa9]|\xd8\x9c',
    'pwned/SGk= payload after ESC': rb'\x1b[^\x1b]{0,4}(pwned|SGk=)',
}
hits = [k for k, p in bad.items() if re.search(p, b)]
print(', '.join(hits))
sys.exit(1 if hits or not b else 0)
PY
	then pass "$1"; else fail "$1" "found: $(cat "$TMP/why") (stream $(wc -c <"$2") bytes)"; fi
}

# ---- fixtures ---------------------------------------------------------------
H="$TMP/h"; mkdir -p "$H"
python3 - "$H" <<'PY'
import sys, os
d = sys.argv[1]
def w(name, data): open(os.path.join(d, name), 'wb').write(data)
E = b'\x1b'
P = b' Scraped pages carry terminal escapes in ordinary prose, like this one.\n'
body = (b'OSC52 ' + E + b']52;c;SGk=\x07' + P + b'OSC0 ' + E + b']0;pwned\x07' + P + b'OSC2 ' + E + b']2;pwned\x1b\\' + P +
        b'OSC8 ' + E + b']8;;http://evil/\x07link' + E + b']8;;\x07' + P + b'DCS ' + E + b'P$q m' + E + b'\\' + P +
        b'report ' + E + b'[21t' + P + b'clear ' + E + b'[2J' + P + b'ENQ \x05 end' + P +
        b'C1 \xc2\x9b2J \xc2\x9d0;pwned\xc2\x9c' + P + b'Bidi \xe2\x80\xaeevil\xe2\x80\xac \xe2\x81\xa6iso\xe2\x81\xa9' + P)
meta = (b'---\ntitle: "Evil \\e]0;pwned\\a \\x9b2J \\u202Eevil title"\ndate: 2024-05-01\n'
        b'source: "Src \\e]52;c;SGk=\\a"\nauthor: "Au \\e[21t \\x05"\nurl: "http://x/\\e]8;;pwned\\a"\n'
        b'tags: [hostile, "tag \\e]2;pwned\\a", "\\u202Erlo"]\nsection: "Sec \\eP$q m\\e\\\\"\n---\n')
w('evil.md', meta + body)
w('friend.md', b'---\ntitle: "Friend \\e]0;pwned\\a of evil"\ndate: 2024-04-01\ntags: [hostile, "tag \\e]2;pwned\\a"]\n---\nA related article.\n')
zw = 'a\u200bb\u200dc\u2060d\ufeffe '
w('zw.md', ('---\ntitle: "Zero\u200bwidth\u2060 title"\ndate: 2024-03-01\n---\n' + (zw * 8 + 'end\n') * 5).encode())
em = ('fam \U0001F468\u200d\U0001F469\u200d\U0001F467\u200d\U0001F466 flag \U0001F1FA\U0001F1E6 '
      'heart \u2764\ufe0f thumb \U0001F44D\U0001F3FD key 1\ufe0f\u20e3 cjk \u6771\u4eac\u90fd '
      'hangul \uac00\ud7a3 deva \u0915\u093f ')
w('wide.md', ('---\ntitle: "\u6771\u4eac \U0001F44D wide"\ndate: 2024-02-01\n---\n' +
              '\n'.join('x' * k + em for k in range(0, 40, 3)) + '\n').encode())
PY

# ---- 18, 19, 21: the raw pty stream carries nothing from content ------------
start 100 30 "$DOSSIER --corpus $H --state $TMP/h.state"
T pipe-pane -t t -o "cat > $TMP/stream"
check "18: start" "Articles 1/4"
T send-keys -t t Enter
check "18: hostile article open, metadata shown as placeholders" 'Title: +Evil \^\[\]0;pwned\^G <U\+009B>2J'
check "21: bidi control in the title shown as a placeholder" '<U\+202E>evil title'
check "18: body shown as placeholders" 'OSC52 \^\[\]52;c;SGk=\^G'
check "18: related pane lists the hostile friend" 'Friend \^\[\]0;pwned\^G of'
T send-keys -t t 2 G
check "19: C1 placeholders on screen" 'C1 <U\+009B>2J <U\+009D>0;pwned<U\+009C>'
check "21: bidi placeholders on screen" '<U\+202E>evil<U\+202C> <U\+2066>iso<U\+2069>' # the paragraph is rendered: "Bidi" may end the line before
check "21: isolate placeholders on screen" '<U\+2066>iso<U\+2069>'
T send-keys -t t t
check "18: tag browser shows the hostile tag" 'tag-\^\[\]2;pwned\^G'
T send-keys -t t Escape q
check "18: quit" "EXIT=0"
T pipe-pane -t t
stream_clean "18/19/21: pty stream: no OSC, DCS, CSI 21 t, BEL, ENQ, C1 or bidi control from title, body, header, related pane or tag browser" "$TMP/stream"
title=$(T display -p -t t '#{pane_title}')
assert_no_match "18: terminal title unchanged" "pwned" "$title"

# ---- 22, 24: grid dump equals what tmux shows -------------------------------
same_screen() { # NAME COLS ROWS KEYS: headless dump = tmux capture, same keys, same size
	printf '%s :dump\n' "$4" >"$TMP/s.keys"
	rm -f "$TMP/s.state" # both fresh: a restart reopens the article read last
	"$DOSSIER" --corpus "$H" --state "$TMP/s.state" --headless "${2}x${3}" --script "$TMP/s.keys" 2>&1 |
		sed 1d | sed -n "1,$(($3 - 2))p" >"$TMP/dump"
	rm -f "$TMP/s.state"
	start "$2" "$3" "$DOSSIER --corpus $H --state $TMP/s.state"
	# (at 37 columns the pane title is cut before "1/4": the status line's count)
	wait_for "Articles 1/4| 4 articles" || wait_for "Articles"
	T send-keys -t t $5
	wait_for "$6" || true
	wait_signed
	T capture-pane -p -t t | sed -n "1,$(($3 - 2))p" | sed 's/ *$//' >"$TMP/cap"
	assert_eq "$1" "$(cat "$TMP/dump")" "$(cat "$TMP/cap")"
	T send-keys -t t q
	wait_for "EXIT=" || true # saved its state before the next one starts
}
same_screen "22: zero-width characters: grid dump = tmux screen (100x24)" 100 24 "jj <Enter>" "j j Enter" "Title: +Zero"
same_screen "24: emoji, flags, VS16, skin tones, CJK, Hangul, Devanagari: grid dump = tmux screen (80x24)" 80 24 "jjj <Enter>" "j j j Enter" "Title: +東京"
same_screen "24: wide clusters at the last column: grid dump = tmux screen (37x12)" 37 12 "jjj <Enter>" "j j j Enter" "Title"

# ---- 30: files deleted or truncated while the reader runs --------------------
V="$TMP/v"; mkdir -p "$V"
printf -- '---\ntitle: Gone soon\ndate: 2024-03-01\n---\nwill be deleted\n' >"$V/gone.md"
{ printf -- '---\ntitle: Cut short\ndate: 2024-02-01\n---\n'; python3 -c 'print("long text " * 2000)'; } >"$V/cut.md"
printf -- '---\ntitle: Stays\ndate: 2024-01-01\n---\nstill here\n' >"$V/stays.md"
start 100 24 "$DOSSIER --corpus $V --state $TMP/v.state"
check "30: start" "Articles 1/3"
rm "$V/gone.md"; truncate -s 60 "$V/cut.md"
T send-keys -t t Enter
check "30: deleted after listing: clear message for that item" "\(cannot open: No such file or directory\)"
T send-keys -t t 1 j Enter
check "30: truncated after listing: what is left, no crash" "Title: +Cut short"
T send-keys -t t 1 j Enter
check "30: the rest keeps working" "still here"
T send-keys -t t q
check "30: quits normally" "EXIT=0"

# ---- 31: resize storm 80x24 <-> 10x3 <-> 1x1 for 10 s -------------------------
start 80 24 "stty -g > $TMP/b31; $DOSSIER --corpus $H --state $TMP/r.state; c=\$?; stty -g > $TMP/a31; echo CODE=\$c"
check "31: start" "Articles 1/4"
T send-keys -t t Enter 2
check "31: text focused" "> Text"
wait_signed
T capture-pane -p -t t >"$TMP/before31"
end=$(( $(date +%s) + 10 )); n=0
while [ "$(date +%s)" -lt "$end" ]; do
	for s in 10x3 1x1 80x24 40x12 1x1 10x3 80x24; do
		T resize-window -t t -x "${s%x*}" -y "${s#*x}"; n=$((n + 1))
	done
done
T resize-window -t t -x 10 -y 3
check "31: 'too small' below the minimum" "small"
T resize-window -t t -x 80 -y 24
wait_for "> Text" || true
i=0; while [ $i -lt 100 ] && ! T capture-pane -p -t t | cmp -s - "$TMP/before31"; do i=$((i + 1)); sleep 0.05; done
assert_eq "31: after $n resizes the exact layout (and focus) is back" "$(cat "$TMP/before31")" "$(T capture-pane -p -t t)"
T send-keys -t t q
check "31: no crash: quits with 0" "CODE=0"
assert_eq "31: stty restored" "$(cat "$TMP/b31")" "$(cat "$TMP/a31" 2>/dev/null)"

# ---- 32: non-UTF-8 locales emit no UTF-8 and no C1 ----------------------------
for loc in "LANG=C LC_ALL=" "LC_ALL=POSIX" "LANG=en_US.ISO-8859-1 LC_ALL="; do
	rm -f "$TMP/l.state" # each locale from the start (a restart reopens the article read last)
	start 100 30 "env $loc $DOSSIER --corpus $H --state $TMP/l.state"
	T pipe-pane -t t -o "cat > $TMP/stream32"
	check "32: start ($loc)" "Articles 1/4"
	T send-keys -t t Enter j j j Enter
	check "32: non-ASCII as <U+XXXX> ($loc)" "<U\+6771><U\+4EAC>"
	T send-keys -t t q
	check "32: quit ($loc)" "EXIT=0"
	T pipe-pane -t t
	if LC_ALL=C grep -q "$(printf '[\200-\377]')" "$TMP/stream32"; then
		fail "32: no byte >= 0x80 in the pty stream ($loc)"; else pass "32: no byte >= 0x80 in the pty stream ($loc)"; fi
done

# ---- 33: terminals the reader cannot use ------------------------------------
for term in dumb bogus ""; do
	if [ -n "$term" ]; then run_status env TERM=$term script -qec "$DOSSIER --corpus $H" /dev/null
	else run_status env -u TERM script -qec "$DOSSIER --corpus $H" /dev/null; fi
	assert_eq "33: TERM=${term:-(unset)}: non-zero exit" "1" "$STATUS"
	assert_match "33: TERM=${term:-(unset)}: clear error, no escape sequences" "^dossier: (TERM is unset or 'dumb'|unknown terminal type \(check TERM\))" "$OUT"
	assert_no_match "33: TERM=${term:-(unset)}: no garbage" "$(printf '\033')" "$OUT"
done
run_status sh -c "$DOSSIER --corpus $H </dev/null >$TMP/notty"
assert_match "33: stdout not a tty: exit 1 with a message" "^1:dossier: the reader needs a terminal" "$STATUS:$ERR"

# ---- 34: vt100 / linux / screen usable, marks visible, stty restored ----------
# (NCURSES_GPM_TERMS= : under TERM=linux ncurses dlopens libgpm for the
# mouse, which leaks 10 bytes that LeakSanitizer turns into exit 1)
for term in vt100 linux screen; do
	start 80 24 "stty -g > $TMP/b34; NCURSES_GPM_TERMS= TERM=$term $DOSSIER --corpus $H --state $TMP/t34-$term.state; c=\$?; stty -g > $TMP/a34; echo CODE=\$c"
	check "34: TERM=$term usable" "Articles 1/4"
	T send-keys -t t j j Enter 2 m
	check "34: TERM=$term marks" "Marked [0-9]+ characters"
	# the mark's SGR (4 or 7) right before its text, whose ZWSP is a marker
	if T capture-pane -e -p -t t | grep -Eq "$(printf '\033\\[[0-9;]*[47][0-9;]*ma(\033\\[[0-9;]*m)*<U\\+200B>')"; then
		pass "34: TERM=$term: mark shown underlined or reversed"
	else fail "34: TERM=$term: mark shown underlined or reversed"; T capture-pane -e -p -t t | head -n 8 | od -c | head -n 20 >&2; fi
	T send-keys -t t q
	check "34: TERM=$term quits" "CODE=0"
	assert_eq "34: TERM=$term: stty -g identical" "$(cat "$TMP/b34")" "$(cat "$TMP/a34" 2>/dev/null)"
done

# ---- 38: signals idle (SIGQUIT; INT/TERM/HUP idle: tmux.sh), mid-save, mid-export
start 80 24 "stty -g > $TMP/b38; $DOSSIER --corpus $H --state $TMP/q.state; c=\$?; stty -g > $TMP/a38; echo CODE=\$c"
check "38: start for SIGQUIT" "Articles 1/4"
kill -QUIT "$(reader_pid)"
check "38: SIGQUIT idle: exit 131" "CODE=131"
assert_eq "38: SIGQUIT: stty restored" "$(cat "$TMP/b38")" "$(cat "$TMP/a38" 2>/dev/null)"
if T capture-pane -p -t t | grep -q "Articles"; then fail "38: SIGQUIT: alternate screen left"; else pass "38: SIGQUIT: alternate screen left"; fi

# mid-save: SIGTERM arrives while the mark is being written (test hook)
start 80 24 "stty -g > $TMP/b38; DOSSIER_TEST_KILL_AT=write:15 $DOSSIER --corpus $H --state $TMP/ms.state; c=\$?; stty -g > $TMP/a38; echo CODE=\$c"
check "38: start for mid-save" "Articles 1/4"
T send-keys -t t j j Enter 2 m
check "38: SIGTERM mid-save: exit 143" "CODE=143"
assert_eq "38: mid-save: stty restored" "$(cat "$TMP/b38")" "$(cat "$TMP/a38" 2>/dev/null)"
run_status "$DOSSIER" --corpus "$H" --state "$TMP/ms.state" marks
assert_eq "38: mid-save: the state file is the complete new one" "0:1:" "$STATUS:$(printf '%s\n' "$OUT" | grep -c '^zw	'):$ERR"
assert_eq "38: mid-save: no temp left" "" "$(ls -A "$TMP" | grep '\.tmp-')"

# mid-export: SIGINT arrives while the export is being written
"$DOSSIER" --corpus "$H" --state "$TMP/me.state" mark zw 0 9 >/dev/null 2>&1
start 80 24 "stty -g > $TMP/b38; DOSSIER_TEST_KILL_AT=half:2 $DOSSIER --corpus $H --state $TMP/me.state; c=\$?; stty -g > $TMP/a38; echo CODE=\$c"
check "38: start for mid-export" "Articles 1/4"
T send-keys -t t x C-u "$TMP/export38.md" Enter
check "38: SIGINT mid-export: exit 130" "CODE=130"
assert_eq "38: mid-export: stty restored" "$(cat "$TMP/b38")" "$(cat "$TMP/a38" 2>/dev/null)"
"$DOSSIER" --corpus "$H" --state "$TMP/me.state" export -o "$TMP/export38-cli.md" >/dev/null 2>&1
assert_eq "38: mid-export: the export file is complete" "$(cat "$TMP/export38-cli.md")" "$(cat "$TMP/export38.md" 2>/dev/null)"

# SIGHUP / SIGINT / SIGTERM during load (a 20,000-article collection)
M="$TMP/many"; mkdir -p "$M"
python3 -c '
import sys, os
for i in range(20000): open(os.path.join(sys.argv[1], "a%05d.md" % i), "w").write("Title %d\n\nbody\n" % i)' "$M"
start 80 24 "stty -g > $TMP/b38; $DOSSIER --corpus $M --state $TMP/l38.state; c=\$?; stty -g > $TMP/a38; echo CODE=\$c"
i=0; pid=""; while [ $i -lt 200 ] && [ -z "$pid" ]; do pid=$(reader_pid); i=$((i + 1)); sleep 0.01; done
kill -HUP "$pid"
check "38: SIGHUP during load (or just after): exit 129" "CODE=129"
assert_eq "38: SIGHUP during load: stty restored" "$(cat "$TMP/b38")" "$(cat "$TMP/a38" 2>/dev/null)"

# SIGTSTP (^Z) then fg redraws
T kill-session -t t 2>/dev/null
T -f /dev/null new-session -d -s t -x 80 -y 24 "env PS1='PROMPT$ ' bash --norc --noprofile -i"
check "38: interactive shell" 'PROMPT\$'
T send-keys -t t "stty -g > $TMP/b38z; $DOSSIER --corpus $H --state $TMP/z.state" Enter
check "38: reader in a job-control shell" "Articles 1/4"
T send-keys -t t Enter
check "38: article open before ^Z" "Title: +Evil"
wait_signed
T capture-pane -p -t t >"$TMP/beforez"
T send-keys -t t C-z
check "38: ^Z stops the reader, shell prompt back" "Stopped"
T send-keys -t t "fg" Enter
check "38: fg: redrawn" "Title: +Evil"
i=0; while [ $i -lt 100 ] && ! T capture-pane -p -t t | cmp -s - "$TMP/beforez"; do i=$((i + 1)); sleep 0.05; done
assert_eq "38: fg: the same screen as before ^Z" "$(cat "$TMP/beforez")" "$(T capture-pane -p -t t)"
T send-keys -t t q
check "38: quit after fg" 'PROMPT\$'
T send-keys -t t "stty -g > $TMP/a38z; echo STTY-SAVED" Enter
check "38: stty read after quit" "^STTY-SAVED"
assert_eq "38: ^Z/fg/quit: stty identical" "$(cat "$TMP/b38z")" "$(cat "$TMP/a38z" 2>/dev/null)"

# ---- 40: the terminal goes away under the reader ----------------------------
T kill-session -t t 2>/dev/null
T -f /dev/null new-session -d -s t -x 80 -y 24 "sh -c 'trap \"\" HUP; $DOSSIER --corpus $H --state $TMP/gone.state; echo \$? > $TMP/rc40'"
check "40: start" "Articles 1/4"
T send-keys -t t j j Enter 2 m
check "40: marked" "Marked [0-9]+ characters"
T kill-session -t t
if wait_file "$TMP/rc40"; then pass "40: pty closed: the reader exits (no busy loop, bounded wait)"
else fail "40: pty closed: the reader exits (no busy loop, bounded wait)"; fi
assert_match "40: pty closed: exit by SIGHUP (129) or EIO (1), not a crash" "^(129|1)$" "$(cat "$TMP/rc40" 2>/dev/null)"
run_status "$DOSSIER" --corpus "$H" --state "$TMP/gone.state" marks
assert_eq "40: pty closed: the mark was saved" "1" "$(printf '%s\n' "$OUT" | grep -c '^zw	')"

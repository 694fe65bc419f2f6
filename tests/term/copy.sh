#!/bin/sh
# Issue 17 in a real terminal: y copies the selection with its citation
# through OSC 52 (ESC ] 52 ; c ; BASE64 BEL in the raw pty stream, read
# with pipe-pane) and through copy.command (a recording program, no
# shell); with copy.osc52: false no OSC 52 byte goes out. | pipes the
# selection or the article to a shell command typed on the prompt line,
# its output shown in a window (sanitised) or discarded (pipe.output, ^O).
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../tmuxlib.sh"

C="$TMP/c"
mkdir -p "$C"
cat >"$C/harbour.md" <<'ART'
---
title: Harbour cranes return
date: 2024-06-06
authors: [Lena Ortiz]
source: Port Gazette
url: https://example.org/harbour
---
The cranes at the east quay — idle since spring — moved again on Monday.
Dock workers in Tōkyō said 東京 crews watched.
ART
printf '#!/bin/sh\ncat >"%s/copied"\n' "$TMP" >"$TMP/rec"
chmod +x "$TMP/rec"
printf 'copy:\n  command: %s/rec\n' "$TMP" >"$TMP/on.yaml"
printf 'copy:\n  osc52: false\n  command: %s/rec\n' "$TMP" >"$TMP/off.yaml"

# y with OSC 52 on (the default): the selection "The cranes" and its citation
start 100 24 "$DOSSIER --corpus $C --state $TMP/s1.yaml --config $TMP/on.yaml"
T pipe-pane -t t -o "cat > $TMP/stream-on"
check "reader up" "Articles 1/1"
T send-keys -t t Enter 2 v w w y
check "y says where it copied" "Copied 10 characters with the citation to the terminal \(OSC 52\) and rec"
T send-keys -t t Escape q
check "quit" "EXIT=0"
T pipe-pane -t t
want='“The cranes”
— Lena Ortiz, “Harbour cranes return”, Port Gazette, 2024-06-06, https://example.org/harbour [@ortiz2024harbour]'
assert_eq "copy.command got the passage and its citation" "$want" "$(cat "$TMP/copied" 2>/dev/null)"
got=$(python3 - "$TMP/stream-on" <<'PY'
import sys, re, base64
b = open(sys.argv[1], 'rb').read()
m = re.findall(rb'\x1b\]52;c;([A-Za-z0-9+/=]*)\x07', b)
print(base64.b64decode(m[-1]).decode() if m else 'NO OSC 52')
PY
)
assert_eq "OSC 52 in the pty stream carries the same text" "$want" "$got"

# y with copy.osc52: false: the command still runs, no OSC 52 goes out
rm -f "$TMP/copied"
start 100 24 "$DOSSIER --corpus $C --state $TMP/s2.yaml --config $TMP/off.yaml"
T pipe-pane -t t -o "cat > $TMP/stream-off"
check "reader up (osc52 off)" "Articles 1/1"
T send-keys -t t Enter 2 v w w y
check "y copies through the command only" "Copied 10 characters with the citation to rec\."
T send-keys -t t Escape q
check "quit (osc52 off)" "EXIT=0"
T pipe-pane -t t
assert_eq "copy.command ran" "$want" "$(cat "$TMP/copied" 2>/dev/null)"
if grep -q "$(printf '\033]52')" "$TMP/stream-off"; then fail "no OSC 52 when off" "found ESC ] 52"
else pass "no OSC 52 when off"; fi

# |: the article to sh -c, its output shown in a window (pipe.output:
# show, the default) through the display policy: the escape sequences it
# prints never reach the terminal; then the selection, output discarded
start 100 24 "$DOSSIER --corpus $C --state $TMP/s3.yaml --config $TMP/off.yaml"
T pipe-pane -t t -o "cat > $TMP/stream-pipe"
check "reader up (pipe)" "Articles 1/1"
T send-keys -t t Enter 2 '|'
check "pipe prompt" "pipe to shell command \(output shown; \^O discards it\):"
T send-keys -t t "cat > $TMP/piped; echo done \$((6*7)); printf '\\033]0;pwned\\007\\033[2Jhostile\\n'" Enter
check "the output is shown" "│ done 42"
check "escape sequences as placeholders" "│ \^\[\]0;pwned\^G\^\[\[2Jhostile"
check "the summary" "Piped the article to the command: exit 0, [0-9]+ bytes of output shown\."
assert_match "the article's text reached the command" "moved again on Monday" "$(cat "$TMP/piped" 2>/dev/null)"
assert_match "non-ASCII intact" "東京 crews" "$(cat "$TMP/piped" 2>/dev/null)"
T send-keys -t t q
check "q closes the output" "│▸The cranes at the east quay"
T send-keys -t t v w '|'
check "pipe prompt again" "pipe to shell command"
T send-keys -t t C-o
check "^O discards this one" "pipe to shell command \(output discarded; \^O shows it\):"
T send-keys -t t "tr a-z A-Z | tee $TMP/sel; exit 3" Enter
check "the exit status and size are told" "Piped the selection to the command: exit 3, 3 bytes of output discarded\."
assert_eq "the selection reached the command" "THE" "$(cat "$TMP/sel" 2>/dev/null)"
T send-keys -t t Escape q
check "quit (pipe)" "EXIT=0"
T pipe-pane -t t
if grep -q "pwned" "$TMP/stream-pipe"; then
	if grep -q "$(printf '\033]0;pwned')" "$TMP/stream-pipe"; then fail "no escape sequence from the output" "ESC ] 0;pwned in the pty stream"
	else pass "no escape sequence from the output"; fi
else fail "no escape sequence from the output" "the output never reached the screen"; fi

# pipe.output: discard in the config: a summary only, no window
printf 'pipe:\n  output: discard\n' >"$TMP/discard.yaml"
start 100 24 "$DOSSIER --corpus $C --state $TMP/s4.yaml --config $TMP/discard.yaml"
check "reader up (discard)" "Articles 1/1"
T send-keys -t t Enter 2 '|'
check "the prompt says discarded" "pipe to shell command \(output discarded; \^O shows it\):"
T send-keys -t t "wc -l" Enter
check "discarded by the config" "Piped the article to the command: exit 0, 2 bytes of output discarded\."
if T capture-pane -p -t t | grep -q "│ 2 *│"; then fail "no window when discarded" "the output is on screen"
else pass "no window when discarded"; fi
T send-keys -t t q
check "quit (discard)" "EXIT=0"

#!/bin/sh
# Issue 14 in a real terminal: an article's links open with $BROWSER
# (argv, no shell) — O then the number, or L, move, Enter — and a
# javascript: link is listed but never reaches the browser; o still opens
# the article's own URL. A fake $BROWSER records its argv.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../tmuxlib.sh"

C="$TMP/c"
mkdir -p "$C"
cat >"$C/post.md" <<'ART'
---
title: Links post
date: 2024-06-06
url: https://example.org/post
---
# Harbour links

See the [first page](https://example.org/one) and the
[second café page](https://example.org/two?a=1&b=$(id)), not the
[script](javascript:alert(1)).
ART
# the fake browser writes its whole entry at once: the waits below count
# entries, and one read between a header and its arguments saw half of one
cat >"$TMP/browser" <<BR
#!/bin/sh
e="browser \$#"
for a in "\$@"; do e="\$e
[\$a]"; done
printf '%s\\n' "\$e" >>"$TMP/browser.log"
BR
chmod +x "$TMP/browser"
cat >"$TMP/run" <<RUN
#!/bin/sh
export BROWSER="$TMP/browser --new-tab %s"
exec "$DOSSIER" --corpus "$C" --state "$TMP/state.yaml"
RUN
chmod +x "$TMP/run"

waitlog() { # waitlog N: until the log has N browser runs
	i=0
	while [ "$(grep -c '^browser' "$TMP/browser.log" 2>/dev/null || echo 0)" -lt "$1" ] && [ $i -lt 100 ]; do
		sleep 0.05; i=$((i + 1))
	done
}

start_in t 100 24 "$TMP/run"
check "start" "Articles 1/1"
T send-keys -t t Enter
check "the article rendered, links numbered" "page\\[2\\]"
T send-keys -t t O 2 Enter
waitlog 1
check "O 2 says what it opened" "Opened link 2: https://example.org/two"
assert_eq "O 2: \$BROWSER gets link 2 as one argument" "browser 2
[--new-tab]
[https://example.org/two?a=1&b=\$(id)]" "$(cat "$TMP/browser.log" 2>/dev/null)"

T send-keys -t t L
check "L lists the links" "Links 1/3"
T send-keys -t t j Enter
waitlog 2
check "Enter in the list opens the selected link" "Opened link 2"
assert_eq "L j Enter: link 2 again" "2" "$(grep -c 'example.org/two' "$TMP/browser.log")"

T send-keys -t t L 3 Enter
check "a javascript: link is not opened, the message says why" \
	"Not opened: link 3 is not http, https or mailto: javascript:alert"
T send-keys -t t o
waitlog 3
assert_eq "o still opens the article's own URL" "[https://example.org/post]" \
	"$(tail -n 1 "$TMP/browser.log")"
sleep 0.2
assert_eq "javascript: never reached the browser" "0" "$(grep -c 'javascript' "$TMP/browser.log")"
T send-keys -t t q
check "quit" "EXIT=0"

#!/bin/sh
# o and e in a real terminal (HOSTILE.md 41): a fake $BROWSER records its
# argv; a good URL reaches it as exactly one argument, a hostile one
# (an option, javascript:, file:, data:, a control character) runs nothing
# and the message line says why. A fake $EDITOR records its argv for e,
# and $VISUAL is preferred to it.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../tmuxlib.sh"

C="$TMP/c"
mkdir -p "$C"
art() { # art FILE DATE TITLE URL-YAML
	printf -- '---\ntitle: %s\ndate: %s\nurl: %s\n---\nBody of %s — naïve café.\nSecond line.\n' \
		"$3" "$2" "$4" "$3" >"$C/$1.md"
}
# newest first in the list: good, gpu, js, file, data, ctl
art good 2024-06-06 "Good link" '"https://example.org/café?q=1&x=$(id)"'
art gpu 2024-06-05 "Option link" "\"--gpu-launcher=touch $TMP/pwned\""
art js 2024-06-04 "Script link" '"javascript:alert(1)"'
art file 2024-06-03 "File link" '"file:///etc/shadow"'
art data 2024-06-02 "Data link" '"data:text/html;base64,PGI+eDwvYj4="'
art ctl 2024-06-01 "Control link" '"https://example.org/\e]52;c;SGk=\a"'
# recorders: one line with the argument count, then [arg] per argument
for p in browser editor visual; do
	printf '#!/bin/sh\n{ echo "%s $#"; for a in "$@"; do printf "[%%s]\\n" "$a"; done; } >>"%s/%s.log"\n' \
		"$p" "$TMP" "$p" >"$TMP/$p"
	chmod +x "$TMP/$p"
done
cat >"$TMP/run" <<EOF
#!/bin/sh
export BROWSER="$TMP/missing-browser:$TMP/browser --new-tab %s"
export EDITOR="$TMP/editor"
[ "\${1:-}" = visual ] && export VISUAL="$TMP/visual"
exec "$DOSSIER" --corpus "$C" --state "$TMP/state.yaml"
EOF
chmod +x "$TMP/run"

start_in t 100 24 "$TMP/run"
check "start" "Articles 1/6"
T send-keys -t t Enter o
check "o on a good URL: no complaint" "Good link"
i=0; while [ ! -s "$TMP/browser.log" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
assert_eq "good URL: the second \$BROWSER entry gets exactly the URL as one argument" \
	"browser 2
[--new-tab]
[https://example.org/café?q=1&x=\$(id)]" "$(cat "$TMP/browser.log" 2>/dev/null)"

# each hostile URL: the reason on the message line, nothing run
n=0
for want in "begins with '-'" "is not http, https or mailto: javascript:" \
	"is not http, https or mailto: file:" "is not http, https or mailto: data:" \
	"has a control character"; do
	n=$((n + 1))
	T send-keys -t t j Enter o
	check "41: hostile URL $n refused: $want" "Not opened: the URL $want"
done
sleep 0.3
assert_eq "41: no hostile URL reached the browser" "1" "$(grep -c '^browser' "$TMP/browser.log")"
if [ -e "$TMP/pwned" ]; then fail "41: --gpu-launcher did not run"; else pass "41: --gpu-launcher did not run"; fi

# e: $EDITOR at the file line of the text cursor (front matter: 5 lines,
# cursor on the body's second line), then reload
T send-keys -t t g Enter 2 j e
check "e reloads after the editor" "Reloaded after editing good"
assert_eq "e: \$EDITOR gets +LINE and the file" "editor 2
[+7]
[$C/good.md]" "$(cat "$TMP/editor.log" 2>/dev/null)"
T send-keys -t t q
check "quit" "EXIT=0"

start_in t 100 24 "$TMP/run visual"
check "start with \$VISUAL" "Articles 1/6"
T send-keys -t t Enter e
check "e with \$VISUAL reloads" "Reloaded after editing good"
assert_eq "\$VISUAL preferred to \$EDITOR" "visual 2" "$(head -n 1 "$TMP/visual.log" 2>/dev/null)"
assert_eq "\$EDITOR not run when \$VISUAL is set" "1" "$(grep -c '^editor' "$TMP/editor.log")"
T send-keys -t t q
check "quit (visual)" "EXIT=0"

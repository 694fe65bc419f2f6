#!/bin/sh
# Marks in a real terminal (tmux): selecting and marking, the marks view
# with delete and undo, exporting to a file (content checked), an export
# refused by a read-only folder (as an unprivileged user: root ignores
# chmod), two instances marking the same collection and both quitting (the
# state holds the union), and read state and the article read last
# surviving a restart.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../tmuxlib.sh"
CORPUS="$TOP/tests/data/tui"

ST="$TMP/state.yaml"
D="$DOSSIER --corpus $CORPUS --state $ST"

# ---- select and mark, marks view, undo
start_in t 100 24 "$D"
check "start" "Articles 1/9"
T send-keys -t t Enter 2 v
check "selection message" "Selecting from the cursor: w ) } extend"
T send-keys -t t w w m
check "m marks the selection" "Marked 14 characters \(1 in this article\)"
check "list shows the mark count" "Air defence.* ✎1│"
T send-keys -t t j j j j j m
check "m marks the paragraph under the cursor" "\(2 in this article\)"
T send-keys -t t M
check "marks view" "Marks 1/2 .*q closes"
check "marks view lists the passage" "ok +Air defence units reinforce .* Additional air"
T send-keys -t t j d
check "d deletes" "Mark deleted . u to undo"
T send-keys -t t u
check "u undoes the delete" "Marks [0-9]/2 "
T send-keys -t t Escape
check "Esc closes the marks view" "Articles 1/9"

# ---- export to a file, then the content
T send-keys -t t x
check "export prompt with a default name" "export to: dossier-marks-[0-9]{8}\.md"
T send-keys -t t C-u "$TMP/out.md" Enter
check "export written" "exported 2 passages to $TMP/out.md"
T send-keys -t t q
check "quit" "EXIT=0"
out=$(cat "$TMP/out.md" 2>/dev/null)
assert_match "export has the article title" "^## Air defence units reinforce Kyiv ahead of winter" "$out"
assert_match "export quotes the passage" "^> Additional air" "$out"
assert_match "export cites the ID" "2024/air-defense-kyiv" "$out"
run_status "$DOSSIER" --corpus "$CORPUS" --state "$ST" marks
assert_match "marks saved by the reader" "2024/air-defense-kyiv	0	14	ok	Additional air" "$OUT"

# ---- export refused by a read-only folder, as an unprivileged user
if command -v setpriv >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
	chmod 755 "$TMP"; mkdir -p "$TMP/ro" "$TMP/pub"; chmod 555 "$TMP/ro"; chmod 777 "$TMP/pub"
	cp "$ST" "$TMP/pub/state.yaml"; chmod 666 "$TMP/pub/state.yaml"
	start_in t 100 24 "HOME=$TMP/pub setpriv --reuid=65534 --regid=65534 --clear-groups $DOSSIER --corpus $CORPUS --state $TMP/pub/state.yaml"
	check "start as nobody" "Articles 1/9"
	T send-keys -t t x C-u "$TMP/ro/x.md" Enter
	check "read-only folder: export failed with the reason" "export failed: Permission denied"
	T send-keys -t t q
	check "quit as nobody" "EXIT=0"
	if [ -e "$TMP/ro/x.md" ] || [ -n "$(ls -A "$TMP/ro")" ]; then fail "read-only folder left empty"
	else pass "read-only folder left empty"; fi
else
	start_in t 100 24 "DOSSIER_TEST_FAIL_AT=write $D"
	check "start (injected failure)" "Articles 1/9"
	T send-keys -t t x C-u "$TMP/x.md" Enter
	check "injected full disk: export failed with the reason" "export failed: No space left"
	T send-keys -t t q
	check "quit" "EXIT=0"
fi

# ---- two instances mark the same collection, then both quit: union
S2="$TMP/two.yaml"
start_in a 100 24 "$DOSSIER --corpus $CORPUS --state $S2"
start_in b 100 24 "$DOSSIER --corpus $CORPUS --state $S2"
check "instance a" "Articles 1/9" a
check "instance b" "Articles 1/9" b
T send-keys -t a Enter 2 m
check "a marks" "Marked [0-9]+ characters" a
T send-keys -t b j j Enter 2 m
check "b marks" "Marked [0-9]+ characters" b
T send-keys -t a q
check "a quits" "EXIT=0" a
T send-keys -t b q
check "b quits" "EXIT=0" b
run_status "$DOSSIER" --corpus "$CORPUS" --state "$S2" marks
assert_match "union: a's mark kept" "^2024/air-defense-kyiv	0	" "$OUT"
assert_match "union: b's mark kept" "^2024/atacms	0	" "$OUT"

# ---- read state survives a restart (default XDG state place)
start_in t 100 24 "$DOSSIER --corpus $CORPUS"
check "fresh start" "9 articles, 9 unread"
T send-keys -t t j Enter
check "opened" "Title: +Engineers race"
T send-keys -t t q
check "quit after reading" "EXIT=0"
start_in t 100 24 "$DOSSIER --corpus $CORPUS"
check "read state survives a restart" "9 articles, 8 unread"
check "a restart shows the article read last" "Title: +Engineers race"
check "and selects it in the list" "Articles 2/9"
T send-keys -t t k Enter
check "reopened" "Title: +Air defence"
T send-keys -t t h
check "Back returns to the article shown at start-up" "Title: +Engineers race"
T kill-session -t t

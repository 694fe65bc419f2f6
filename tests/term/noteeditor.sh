#!/bin/sh
# Long notes in $EDITOR (issue 17): ^X on the note prompt and A on a mark
# open $VISUAL/$EDITOR (split into words, run without a shell) on a
# private temporary file in $TMPDIR holding the note; the curses screen
# is left and restored; what the editor leaves (multi-line, its final
# newline trimmed) is the note, in the marks view and in `dossier marks`.
# An editor that exits non-zero leaves the note as it was, and says so.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../tmuxlib.sh"

C="$TMP/c"
mkdir -p "$C" "$TMP/tmp dir"
cat >"$C/harbour.md" <<'ART'
---
title: Harbour cranes return
date: 2024-06-06
authors: [Lena Ortiz]
source: Port Gazette
---
The cranes at the east quay — idle since spring — moved again on Monday.
ART
# the fake editor: its first word is an option (EDITOR has arguments); it
# records the file's mode and name, then appends a line
cat >"$TMP/ed" <<EOF2
#!/bin/sh
[ "\$1" = "--wait" ] || { echo "no --wait: \$*" >"$TMP/edlog"; exit 9; }
stat -c '%a %n' "\$2" >"$TMP/edlog"
printf '%s\n' "Second line: the crane driver’s shift ran to 東京 time." >>"\$2"
EOF2
cat >"$TMP/bad" <<EOF2
#!/bin/sh
printf 'never kept\n' >>"\$1"
exit 3
EOF2
chmod +x "$TMP/ed" "$TMP/bad"
ST="$TMP/state.yaml"

# the reader's environment in a script (start's sh -c '...' takes no quotes)
printf '#!/bin/sh\nTMPDIR="%s/tmp dir" VISUAL= EDITOR="$(cat "%s/editor")" exec "%s" --corpus "%s" --state "%s"\n' \
	"$TMP" "$TMP" "$DOSSIER" "$C" "$ST" >"$TMP/reader"
chmod +x "$TMP/reader"
printf '%s --wait' "$TMP/ed" >"$TMP/editor"
start 100 24 "$TMP/reader"
check "reader up" "Articles 1/1"
T send-keys -t t Enter 2 v w w m
check "marked" "Marked 10 characters"
T send-keys -t t a
check "the note prompt offers the editor" "note \(#tags first; \^X editor\):"
T send-keys -t t "#evidence First line" C-x
check "the editor's note is saved" "Note saved\. . u to undo\."
assert_match "a private file in \$TMPDIR" "^600 $TMP/tmp dir/dossier-note-.*\.txt$" "$(cat "$TMP/edlog" 2>/dev/null)"
assert_eq "the temporary file is removed" "" "$(ls "$TMP/tmp dir")"
T send-keys -t t M
check "marks view shows the tag and the note" "#evidence First line"
check "and the editor's line" "Second line: the crane driver’s shift"
T send-keys -t t q q
check "quit" "EXIT=0"
run_status "$DOSSIER" --corpus "$C" --state "$ST" marks --json
assert_match "dossier marks has the multi-line note" '"note": *"First line\\nSecond line: the crane driver’s shift ran to 東京 time\."' "$OUT"
assert_match "and the tag" '^ *"evidence"$' "$OUT"

# an editor that fails: the note stays as it was; A opens the editor on
# the mark under the cursor
printf '%s' "$TMP/bad" >"$TMP/editor"
start 100 24 "$TMP/reader"
check "reader up again" "Articles 1/1"
T send-keys -t t Enter 2 A
check "a failing editor changes nothing" "bad exited with status 3\. The note is unchanged\."
T send-keys -t t q
check "quit again" "EXIT=0"
run_status "$DOSSIER" --corpus "$C" --state "$ST" marks --json
assert_match "the note as it was" '"note": *"First line\\nSecond line: the crane driver’s shift ran to 東京 time\."' "$OUT"
assert_eq "no temporary file left" "" "$(ls "$TMP/tmp dir")"

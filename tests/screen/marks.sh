#!/bin/sh
# Reading state in the reader (headless): the export prompt's default name
# (configured folder and format), read state and reading position surviving
# a restart, --state FILE, a corrupt state file reported with FILE:LINE:COL
# and its backup while the reader goes on, and an export refused with the
# reason when the write fails (injected), leaving no file.
. "$(dirname "$0")/../lib.sh"
[ -x "$DOSSIER" ] || { fail "build" "$DOSSIER missing"; exit 0; }
cd "$TOP" || exit 1
run() { printf '%s\n' "$1" >"$TMP/k.keys"; shift
	"$DOSSIER" --corpus tests/data/tui "$@" --headless 100x24 --script "$TMP/k.keys" 2>&1; }

# default export name: export.dir and export.format from the config
mkdir -p "$TMP/exp"
printf 'export:\n  format: json\n  dir: %s\n' "$TMP/exp" >"$TMP/cfg.yaml"
out=$(run '<Enter> 2 m x :dump' --config "$TMP/cfg.yaml")
assert_match "export prompt default name" \
	"^export to: $TMP/exp/dossier-marks-[0-9]{8}\.json" "$out"
out=$(run '<Enter> 2 x <Enter> :dump' --config "$TMP/cfg.yaml")
f=$(ls "$TMP/exp"/dossier-marks-*.json 2>/dev/null | head -n 1)
assert_match "export with the default name" "^exported 1 passage to $TMP/exp/dossier-marks-" "$out"
if [ -n "$f" ] && python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if "Additional air defence" in json.dumps(d) else 1)' "$f"; then
	pass "exported JSON parses and holds the passage"
else fail "exported JSON parses and holds the passage"; fi

# a failed write: the reason, no file left
out=$(DOSSIER_TEST_FAIL_AT=write run 'x <C-u> '"$TMP"'/exp/full.md <Enter> :dump')
assert_match "export failure shows the reason" "^export failed: No space left on device" "$out"
if [ -e "$TMP/exp/full.md" ] || ls -a "$TMP/exp" | grep -q tmp; then fail "no partial export file"
else pass "no partial export file"; fi

# read state and the reading position survive a restart (--state FILE)
st="$TMP/state.yaml"
run '<Enter> 2 jjjjj q' --state "$st" >/dev/null
out=$(run ':dump' --state "$st")
assert_match "read state survives a restart" "9 articles, 8 unread" "$out"
out=$(run '<Enter> :dump' --state "$st")
assert_match "reading position restored" "│▸The new systems will be placed" "$out"
assert_match "state file is YAML with the read article" "air-defense-kyiv" "$(cat "$st")"
out=$(run 'j r u :dump' --state "$st")
assert_match "u undoes a read change" "Undone: read state of 2024/power-grid" "$out"

# a corrupt state file: reported with its position and backup; reader goes on
printf 'read: [\n' >"$TMP/bad.yaml"
out=$(run '<Enter> 2 m :dump' --state "$TMP/bad.yaml")
bak=$(ls "$TMP"/bad.yaml.corrupt-* 2>/dev/null | head -n 1)
printf 'read: [\n' >"$TMP/bad2.yaml"
printf ':dump\n' >"$TMP/k.keys"
out1=$("$DOSSIER" --corpus tests/data/tui --state "$TMP/bad2.yaml" --headless 400x24 --script "$TMP/k.keys" 2>&1)
assert_match "corrupt state: backup and FILE:LINE:COL" \
	"^bad state file kept as $TMP/bad2.yaml.corrupt-[0-9]+: $TMP/bad2.yaml:[0-9]+:[0-9]+: " "$out1"
if [ -n "$bak" ]; then pass "corrupt state kept aside"; else fail "corrupt state kept aside"; fi
# the backup's name comes from the diagnostic's field, not from its text:
# a ';' in the path (which ends the old text's sentence) is shown whole
mkdir -p "$TMP/a;b"
printf 'read: [\n' >"$TMP/a;b/st.yaml"
out2=$("$DOSSIER" --corpus tests/data/tui --state "$TMP/a;b/st.yaml" --headless 400x24 --script "$TMP/k.keys" 2>&1)
assert_match "corrupt state: backup named in full" \
	"^bad state file kept as $TMP/a;b/st.yaml.corrupt-[0-9]+: $TMP/a;b/st.yaml:[0-9]+:[0-9]+: " "$out2"
assert_match "reader goes on after a corrupt state" "Marked [0-9]+ characters" "$out"

# a full disk while marking (injected ENOSPC): the message says NOT SAVED
# with the reason, never "Marked"; the status line keeps the count; q asks
# instead of quitting; at the end of the script the lost changes are
# listed on stderr and the exit status is 1.
printf '<Enter> 2 jjjjj m :dump q :dump x :dump\n' >"$TMP/k.keys"
DOSSIER_TEST_FAIL_AT=write "$DOSSIER" --corpus tests/data/tui --state "$TMP/full.yaml" \
	--headless 100x24 --script "$TMP/k.keys" >"$TMP/out" 2>"$TMP/err" && rc=0 || rc=$?
out=$(cat "$TMP/out"); err=$(cat "$TMP/err")
d1=$(printf '%s\n' "$out" | sed -n '/^=== dump 1/,/^=== dump 2/p')
d2=$(printf '%s\n' "$out" | sed -n '/^=== dump 2/,/^=== dump 3/p')
assert_match "full disk: the mark says NOT SAVED with the reason" \
	"^NOT SAVED \(write\): No space left on device — kept in memory, retried on the next change and on quit" "$d1"
assert_no_match "full disk: never 'Marked'" "Marked [0-9]+ characters" "$out"
assert_match "full disk: the status line shows NOT SAVED" "^ NOT SAVED: 3 changes \| tests/data/tui" "$d1"
assert_match "full disk: the mark is still shown" "✎1│" "$d1"
assert_match "full disk: q asks" "^3 changes NOT SAVED: r retry, w write to a file, Q quit losing them, Esc stay" "$d2"
assert_match "full disk: other keys keep the question" "^3 changes NOT SAVED: r retry" \
	"$(printf '%s\n' "$out" | sed -n '/^=== dump 3/,$p')"
assert_eq "full disk: exit status 1 when changes are lost" "1" "$rc"
assert_match "full disk: stderr says how many were lost" "^dossier: 3 changes lost:" "$err"
assert_match "full disk: stderr lists the mark" \
	'^  mark added in 2024/air-defense-kyiv: "The new systems will be placed around' "$err"
assert_match "full disk: stderr lists the read state" "^  2024/air-defense-kyiv marked read" "$err"
if [ -e "$TMP/full.yaml" ]; then fail "full disk: no state file written"; else pass "full disk: no state file written"; fi

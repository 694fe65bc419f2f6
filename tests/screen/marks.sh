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

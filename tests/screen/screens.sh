#!/bin/sh
# Headless screen tests (tig-style): every NAME.keys here is fed to
# `dossier --headless` and its grid dumps are compared with NAME.screen.
# A "#! ARGS" line in the script adds arguments (default: --headless 80x24
# on tests/data/tui). UPDATE=1 rewrites the expectations.
. "$(dirname "$0")/../lib.sh"
DIR="$TOP/tests/screen"
if [ ! -x "$DOSSIER" ]; then fail "build" "$DOSSIER missing"; exit 0; fi
for keys in "$DIR"/*.keys; do
	name=$(basename "$keys" .keys)
	args=$(sed -n 's/^#! *//p' "$keys" | head -n 1)
	[ -n "$args" ] || args="--headless 80x24"
	# shellcheck disable=SC2086
	actual=$(cd "$TOP" && timeout 20 "$DOSSIER" --corpus tests/data/tui $args --script "$keys" 2>&1)
	if [ "${UPDATE:-}" = 1 ]; then
		printf '%s\n' "$actual" >"$DIR/$name.screen"
		pass "$name (updated)"
		continue
	fi
	if [ ! -f "$DIR/$name.screen" ]; then fail "$name" "no $name.screen (run with UPDATE=1)"; continue; fi
	expected=$(cat "$DIR/$name.screen")
	if [ "$expected" = "$actual" ]; then pass "$name"; else
		fail "$name"
		printf '%s\n' "$actual" >"$TMP/actual"
		diff -u "$DIR/$name.screen" "$TMP/actual" | head -n 60 >&2
	fi
done

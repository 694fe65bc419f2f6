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
	# every script starts with no reading state; NAME.setup (sh, run in a
	# copy of the top folder holding tests/data/tui) may prepare marks or
	# edit articles first
	export XDG_STATE_HOME="$TMP/state-$name"
	run_dir="$TOP"
	if [ -f "$DIR/$name.setup" ]; then
		run_dir="$TMP/run-$name"
		mkdir -p "$run_dir/tests/data" && cp -R "$TOP/tests/data/tui" "$run_dir/tests/data/"
		if ! (cd "$run_dir" && DOSSIER="$DOSSIER" sh "$DIR/$name.setup" >"$TMP/setup.out" 2>&1); then
			fail "$name setup" "$(cat "$TMP/setup.out")"
			continue
		fi
	fi
	# shellcheck disable=SC2086
	actual=$(cd "$run_dir" && timeout 20 "$DOSSIER" --corpus tests/data/tui $args --script "$keys" 2>&1)
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

# The first list of a warm start (warm-first-restart.keys) ends as a
# plain warm start of the same cache and state does: the same dump.
for how in plain first; do
	export XDG_STATE_HOME="$TMP/state-wf-$how"
	mkdir -p "$TMP/wf-$how/tests/data" && cp -R "$TOP/tests/data/tui" "$TMP/wf-$how/tests/data/"
	(cd "$TMP/wf-$how" && DOSSIER="$DOSSIER" sh "$DIR/warm-first-restart.setup" >/dev/null 2>&1)
	[ $how = plain ] && printf ':dump\n' >"$TMP/wf.keys" || printf ':batches 2\n:batch\n:batch\n:dump\n' >"$TMP/wf.keys"
	(cd "$TMP/wf-$how" && "$DOSSIER" --corpus tests/data/tui --headless 100x12 --script "$TMP/wf.keys" >"$TMP/wf-$how.out" 2>&1)
done
assert_eq "a first list ends as a plain warm start" "$(cat "$TMP/wf-plain.out")" "$(cat "$TMP/wf-first.out")"
assert_match "... which was a first list" "Loading: 7 of 9 articles" \
	"$(cd "$TMP/wf-first" && printf ':batches 2\n:dump\n' >"$TMP/wf1.keys" && XDG_STATE_HOME="$TMP/state-wf-first" "$DOSSIER" --corpus tests/data/tui --headless 100x12 --script "$TMP/wf1.keys" 2>&1)"

# A first list whose cache turns out damaged past its index (one record's
# bytes changed: the first list leaves that article out, the whole cache
# fails its checksum): the note is said, the folder is read, and the
# whole collection replaces the first list.
export XDG_STATE_HOME="$TMP/state-wf-bad"
mkdir -p "$TMP/wf-bad/tests/data" && cp -R "$TOP/tests/data/tui" "$TMP/wf-bad/tests/data/"
(cd "$TMP/wf-bad" && "$DOSSIER" --corpus tests/data/tui refresh >/dev/null 2>&1)
meta=$(ls -t "$XDG_CACHE_HOME"/dossier/tui-*.meta | head -n 1)
python3 - "$meta" <<'PY'
import sys
p = sys.argv[1]
b = bytearray(open(p, "rb").read())
i = b.index(b"Engineers race")
b[i + 1] ^= 0x20
open(p, "wb").write(bytes(b))
PY
printf ':batches 3\n:dump\n:batch\n:dump\n:batch\n:dump\n' >"$TMP/wfbad.keys"
out=$(cd "$TMP/wf-bad" && "$DOSSIER" --corpus tests/data/tui --headless 100x12 --script "$TMP/wfbad.keys" 2>&1)
assert_match "a damaged record is left out of the first list" "2 articles, 2 unread \\| Loading: 2 of 9 articles" "$(printf '%s\n' "$out" | sed -n '/dump 1/,/dump 2/p')"
assert_match "... the damage is said" "^index file .* was damaged; rebu" "$(printf '%s\n' "$out" | sed -n '/dump 2/,/dump 3/p')"
assert_match "... and the folder read replaces the first list" "filter: none \\| 9 articles, 9 unread \\| sort" "$(printf '%s\n' "$out" | sed -n '/dump 3/,$p')"
assert_match "... its article back" "Engineers race" "$(printf '%s\n' "$out" | sed -n '/dump 3/,$p')"

export XDG_STATE_HOME="$TMP/state-oe"
# o and e: $BROWSER / $EDITOR run with argv (no shell); e reloads, keeping
# the selection and the read state.
printf '#!/bin/sh\nprintf "%%s\\n" "$@" >"%s/args"\n' "$TMP" >"$TMP/browser"
chmod +x "$TMP/browser"
printf 'j <Enter> o e :dump\n' >"$TMP/oe.keys"
out=$(cd "$TOP" && BROWSER="$TMP/browser --new-tab" EDITOR=true \
	"$DOSSIER" --corpus tests/data/tui --headless 100x24 --script "$TMP/oe.keys" 2>&1)
assert_eq "browser gets the URL as one argument" "--new-tab
https://example.org/grid" "$(cat "$TMP/args" 2>/dev/null)"
assert_match "edit reloads" "^Reloaded after editing 2024/power-grid" "$out"
assert_match "reload keeps selection and read state" "Articles 2/9.*Text" "$out"
assert_match "reload keeps read state" "9 articles, 8 unread" "$out"
printf 'o\n' >"$TMP/o.keys"
mkdir -p "$TMP/empty"
out=$(cd "$TOP" && "$DOSSIER" --corpus "$TMP/empty" --headless 80x24 --script "$TMP/o.keys" 2>&1)
assert_match "o with no article open" "^No article open" "$out"
# no $BROWSER: xdg-open, then sensible-browser (neither found on this PATH)
out=$(cd "$TOP" && PATH=/nonexistent "$DOSSIER" --corpus tests/data/tui --headless 80x24 --script "$TMP/o.keys" 2>&1)
assert_match "o without \$BROWSER tries xdg-open, sensible-browser" \
	'^Could not run xdg-open or the others: No such file or directory \(set \$BROWSER\)' "$out"

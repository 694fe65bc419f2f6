# No knot of files: in the call graph of the program (source files as
# nodes, read from the objects with nm), no set of files that call each
# other round in a circle is wider than three (issue 18).
. "$(dirname "$0")/../lib.sh"
if ! command -v nm >/dev/null 2>&1 || ! command -v python3 >/dev/null 2>&1; then
	skip "nm or python3 missing"; exit 0
fi
# the checker finds a circle of four and accepts one of three
printf 'a.c b.c\nb.c c.c\nc.c d.c\nd.c a.c\n' >"$TMP/four"
printf 'a.c b.c\nb.c c.c\nc.c a.c\nc.c d.c\n' >"$TMP/three"
out=$(python3 "$TOP/tests/callgraph.py" --edges "$TMP/four"); st=$?
assert_eq "a circle of four files is found" "1 4 a.c b.c c.c d.c" "$st $out"
out=$(python3 "$TOP/tests/callgraph.py" --edges "$TMP/three"); st=$?
assert_eq "a circle of three files is allowed" "0 " "$st $out"

cd "$TOP" || exit 1
out=$(python3 tests/callgraph.py "$BUILD" core/*/*.c tui/*.c config/*.c); st=$?
assert_eq "core/, tui/ and config/: no circle wider than three files" "0 " "$st $out"

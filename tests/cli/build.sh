# The build itself: a changed VERSION or CFLAGS rebuilds, nothing changed
# rebuilds nothing; a missing library stops the build at once naming its
# Debian package; debian/control's Build-Depends names every library;
# -Werror only in a git checkout (development, CI), not in a release tree
# or with WERROR=; `make clean` removes every build folder. Each make runs
# in its own folders under $TMP, never touching the real build.
. "$(dirname "$0")/../lib.sh"
# the suite runs inside make: its flags (BUILD, SAN, -j) must not leak in
mk() { env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL -u BUILD make --no-print-directory -s -C "$TOP" "$@"; }
flags0=$(cat "$BUILD/.flags" 2>/dev/null)
B="$TMP/b"
O="$B/core/base/hash.o"
stamp() { stat -c %Y.%y "$O" 2>/dev/null; }

run_status mk BUILD="$B" "$O"
assert_eq "one object builds" "0" "$STATUS"
t0=$(stamp)
sleep 1.1
mk BUILD="$B" "$O" >/dev/null 2>&1
assert_eq "nothing changed: not rebuilt" "$t0" "$(stamp)"
mk BUILD="$B" CFLAGS="-O1 -g" "$O" >/dev/null 2>&1
t1=$(stamp)
if [ "$t1" != "$t0" ]; then pass "changed CFLAGS: rebuilt"; else fail "changed CFLAGS: rebuilt"; fi
sleep 1.1
mk BUILD="$B" CFLAGS="-O1 -g" VERSION=9.9.9-test "$O" >/dev/null 2>&1
t2=$(stamp)
if [ "$t2" != "$t1" ]; then pass "changed VERSION: rebuilt"; else fail "changed VERSION: rebuilt"; fi
assert_match "the flags stamp holds the version" "DOSSIER_VERSION='\"9.9.9-test\"'" "$(cat "$B/.flags")"
assert_match "-Werror in a git checkout" " -Werror " "$(cat "$B/.flags")"
mk BUILD="$B" WERROR= "$O" >/dev/null 2>&1
assert_no_match "no -Werror with WERROR=" "-Werror" "$(cat "$B/.flags")"

# an absolute BUILD inside the tree (as tests/lib.sh passes it): the
# dependency file names the object as a relative BUILD does, so header
# changes still rebuild it in either spelling
A="build-abs-test-$$"
run_status mk BUILD="$TOP/$A" "$A/core/base/hash.o"
assert_eq "absolute BUILD in the tree: builds" "0" "$STATUS"
assert_match "absolute BUILD in the tree: the .d names the relative object" \
	"^$A/core/base/hash.o:" "$(head -n 1 "$TOP/$A/core/base/hash.d" 2>/dev/null)"
rm -rf "${TOP:?}/$A"

# a missing library: the build stops before compiling, naming the package
mkdir -p "$TMP/nopc"
run_status env PKG_CONFIG_LIBDIR="$TMP/nopc" PKG_CONFIG_PATH= \
	sh -c 'env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make --no-print-directory -s -C "$1" BUILD="$2" "$2/core/base/hash.o"' \
	sh "$TOP" "$TMP/b2"
assert_eq "missing library: the build fails" "2" "$STATUS"
assert_match "missing library: names the Debian package" \
	"library sqlite3 not found: install the Debian package libsqlite3-dev" "$ERR"
assert_match "missing library: every missing one" "install the Debian package libyaml-dev" "$ERR"
if [ -e "$TMP/b2/core/base/hash.o" ]; then fail "missing library: nothing compiled"; else pass "missing library: nothing compiled"; fi

# every library's Debian package is a Build-Depends
debs=$(mk print-lib-debs)
assert_match "print-lib-debs lists the libraries" "libsqlite3-dev" "$debs"
missing=""
for d in $debs; do
	sed -n '/^Build-Depends:/,/^[A-Z]/p' "$TOP/debian/control" | grep -Eq "[ ,]$d( |,|$)" || missing="$missing $d"
done
assert_eq "debian/control Build-Depends names every library" "" "$missing"

# a release tree (no .git): no -Werror; make clean removes every build folder
# (BUILD, which the suite exports as the real build folder's absolute
# path, must not reach these makes: clean would remove the real build)
R="$TMP/release"
mkdir -p "$R/build" "$R/build-asan" "$R/build-tsan" "$R/build-fuzz/fuzz"
env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL -u BUILD make --no-print-directory -s -C "$R" -f "$TOP/Makefile" print-lib-debs >/dev/null 2>&1
assert_no_match "no -Werror in a release tree" "-Werror" "$(cat "$R/build/.flags" 2>/dev/null)"
env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL -u BUILD make --no-print-directory -s -C "$R" -f "$TOP/Makefile" clean >/dev/null 2>&1
assert_eq "make clean removes every build folder" "" "$(ls "$R")"

# none of it touched the suite's own build (its flags stamp and binary)
assert_eq "the suite's build: flags stamp unchanged" "$flags0" "$(cat "$BUILD/.flags" 2>/dev/null)"
if [ -x "$BUILD/dossier" ]; then pass "the suite's build: still there"; else fail "the suite's build: still there"; fi

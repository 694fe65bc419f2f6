# Shared by every shell test: a hermetic environment, assertions that
# record PASS/FAIL lines for tests/run.sh to count, and helpers to run the
# program. Source it; it expects $BUILD (default build) and $RESULTS.
set -u
TOP=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${BUILD:-build}
case "$BUILD" in /*) ;; *) BUILD="$TOP/$BUILD" ;; esac
DOSSIER="$BUILD/dossier"
RESULTS=${RESULTS:-/dev/stdout}
SEEDS="$TOP/../shared/seeds"
T_NAME=$(basename "$0" .sh)

TMP=$(mktemp -d "${TMPDIR:-/tmp}/dossier-test.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
export HOME="$TMP/home" XDG_CONFIG_HOME="$TMP/home/.config" \
       XDG_STATE_HOME="$TMP/home/.local/state" XDG_CACHE_HOME="$TMP/home/.cache" \
       LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC NO_COLOR=1 TERM=xterm-256color
unset BROWSER EDITOR VISUAL
# Tests edit articles in place and look at once: every command checks
# every file (check-every 0). tests/cli/cache.sh unsets it to test the
# folder-time window itself.
export DOSSIER_CHECK_EVERY=0
# Nor does a command past the window leave a full check running in the
# background (a child that could outlive the test's folder): the command
# checks in the foreground, as it did before. tests/cli/sweep.sh unsets it.
export DOSSIER_SWEEP=0
mkdir -p "$HOME"
# With BROWSER/EDITOR unset the program falls back to xdg-open,
# sensible-browser, editor and vi: stubs that fail loudly stand in for them,
# so a test that presses o or e never starts a real program on this machine.
mkdir -p "$TMP/stubs"
for p in xdg-open sensible-browser x-www-browser editor vi; do
	printf '#!/bin/sh\necho "dossier test: real %s started" >&2\nexit 1\n' "$p" >"$TMP/stubs/$p"
	chmod +x "$TMP/stubs/$p"
done
PATH="$TMP/stubs:$PATH"

pass() { echo "PASS $T_NAME: $1" >>"$RESULTS"; }
fail() { echo "FAIL $T_NAME: $1" >>"$RESULTS"; shift; [ $# -gt 0 ] && printf '  %s\n' "$@" >&2; return 0; }
skip() { echo "SKIP $T_NAME: $1" >>"$RESULTS"; }

# assert_eq NAME EXPECTED ACTUAL
assert_eq() {
	if [ "$2" = "$3" ]; then pass "$1"; else
		fail "$1"
		printf -- '--- expected\n%s\n--- actual\n%s\n' "$2" "$3" | head -n 60 >&2
	fi
}

# assert_match NAME EXTENDED-REGEX TEXT
assert_match() {
	if printf '%s\n' "$3" | grep -Eq -- "$2"; then pass "$1"; else
		fail "$1" "no line matches /$2/ in:"; printf '%s\n' "$3" | head -n 30 >&2
	fi
}

# assert_no_match NAME EXTENDED-REGEX TEXT
assert_no_match() {
	if printf '%s\n' "$3" | grep -Eq -- "$2"; then
		fail "$1" "unexpected /$2/ in:"; printf '%s\n' "$3" | head -n 30 >&2
	else pass "$1"; fi
}

# run_status: runs "$@", sets OUT, ERR and STATUS
run_status() {
	OUT=$("$@" 2>"$TMP/stderr") && STATUS=0 || STATUS=$?
	ERR=$(cat "$TMP/stderr")
}

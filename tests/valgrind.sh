#!/bin/sh
# `make valgrind-check`: a load + export run of the real binary under
# valgrind (memcheck, full leak check) over tests/data/core — list, check,
# tags, related, show, mark, marks, export in every format, and an import.
# Any memcheck error or definite/indirect leak fails the run.
# usage: sh tests/valgrind.sh BUILD-DIR "valgrind ARGS..."
set -u
BUILD=${1:-build}
VG=${2:-valgrind --leak-check=full}
TOP=$(cd "$(dirname "$0")/.." && pwd)
cd "$TOP" || exit 1
command -v valgrind >/dev/null 2>&1 || { echo "valgrind-check: valgrind is not installed (apt-get install valgrind)" >&2; exit 1; }
TMP=$(mktemp -d "${TMPDIR:-/tmp}/dossier-vg.XXXXXX")
trap '[ -n "${KEEP:-}" ] || rm -rf "$TMP"' EXIT
export HOME="$TMP/home" XDG_CONFIG_HOME="$TMP/home/.config" XDG_STATE_HOME="$TMP/home/.local/state" \
       XDG_CACHE_HOME="$TMP/home/.cache" LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC NO_COLOR=1
# a command past check-every would leave the full check to a forked child
# (core/cli/cli_sweep.c), which valgrind follows into this run's logs and
# which could outlive $TMP: here the foreground checks, as it did before
export DOSSIER_SWEEP=0
mkdir -p "$HOME" "$TMP/out" "$TMP/import"
# A copy, so that nothing the run writes lands in the source tree.
cp -R tests/data/core "$TMP/coll"
D="$BUILD/dossier"
runs=0 bad=0
# vg NAME ARGS...: exit status 97 is valgrind's; the program's own status
# (check exits non-zero on purpose: the fixtures hold problems) is ignored.
vg() {
	name=$1; shift
	runs=$((runs + 1))
	$VG --error-exitcode=97 --log-file="$TMP/vg-$name.log" "$D" "$@" >"$TMP/out/$name.out" 2>&1
	rc=$?
	if [ "$rc" -eq 97 ] || grep -q 'ERROR SUMMARY: [1-9]' "$TMP/vg-$name.log"; then
		bad=$((bad + 1))
		echo "valgrind: FAIL $name: dossier $*"
		sed -n '1,80p' "$TMP/vg-$name.log"
	else
		echo "valgrind: ok   $name (exit $rc)"
	fi
}
C="$TMP/coll"
S="$TMP/state.yaml"
vg list --corpus "$C" --state "$S" list
vg list-json --corpus "$C" --state "$S" list --json 'tag:weapons OR date:2024'
vg check --corpus "$C" --state "$S" check
vg tags --corpus "$C" --state "$S" tags
vg related --corpus "$C" --state "$S" related 2024/alpha
vg show --corpus "$C" --state "$S" show 2024/alpha
vg mark --corpus "$C" --state "$S" mark 2024/alpha 0 12
vg mark2 --corpus "$C" --state "$S" mark crlf 2 9
vg marks --corpus "$C" --state "$S" marks
for f in json md txt yaml org annotation csl bibtex ris; do
	vg "export-$f" --corpus "$C" --state "$S" export -f "$f" -o "$TMP/out/export.$f"
done
vg import import --into "$TMP/import" tests/data/import/chrome.txt tests/data/import/wrapped.txt
[ -s "$TMP/out/export.json" ] || { echo "valgrind: the json export is missing or empty"; bad=$((bad + 1)); }
echo "valgrind: $runs runs, $bad with errors"
[ "$bad" -eq 0 ]

#!/bin/sh
# Install the Debian packages named on the command line that are missing,
# so `make run` and `make check` work on a fresh machine. Silent when all
# are present; uses sudo only when not already root. DOSSIER_NO_DEPS=1
# (set by debian/rules: a package build has its Build-Depends) skips it.
[ "${DOSSIER_NO_DEPS:-}" = 1 ] && exit 0
missing=""
for p in "$@"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
command -v apt-get >/dev/null 2>&1 || { echo "dossier: please install:$missing" >&2; exit 1; }
echo "dossier: installing:$missing" >&2
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
if [ -n "$SUDO" ] && ! command -v sudo >/dev/null 2>&1; then
	echo "dossier: please install:$missing (not root and no sudo)" >&2
	exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get install -y -q $missing >/dev/null 2>&1 || {
	$SUDO apt-get update -q >/dev/null 2>&1
	$SUDO apt-get install -y -q $missing >/dev/null || { echo "dossier: could not install:$missing" >&2; exit 1; }
}

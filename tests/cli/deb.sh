# The Debian package: dpkg-buildpackage -us -uc -b in a temporary copy of
# the tree, then the .deb must hold the binary, the man pages, the default
# config and both completions, and lintian must report nothing beyond the
# tags debian/README.source explains. Slow (about 15 s), so it runs only
# when RUN_DEB_TEST=1 (.ci/run sets it), and in `make check`'s normal
# pass only (the package is built from the tree with its own flags, so the
# sanitizer pass would build the same one again); otherwise a skip.
. "$(dirname "$0")/../lib.sh"
if [ "${RUN_DEB_TEST:-}" != 1 ]; then
	skip "Debian package build (set RUN_DEB_TEST=1 to run it)"
	exit 0
fi
for t in dpkg-buildpackage dh dpkg-deb; do
	if ! command -v "$t" >/dev/null 2>&1; then
		skip "Debian package build: $t not installed (apt-get install debhelper)"
		exit 0
	fi
done

# the suite's own build, which the package build must leave alone
flags0=$(cat "$BUILD/.flags" 2>/dev/null)
bin0=$(stat -c %Y.%i "$BUILD/dossier" 2>/dev/null)

# a copy of the tree without build output; the .deb lands next to it
SRC="$TMP/src"
mkdir -p "$SRC"
if git -C "$TOP" rev-parse --git-dir >/dev/null 2>&1; then
	(cd "$TOP" && git ls-files -co --exclude-standard | tar -cf - -T -) | tar -xf - -C "$SRC"
else
	(cd "$TOP" && tar -cf - --exclude=./build --exclude=./build-asan .) | tar -xf - -C "$SRC"
fi
# `make check` has already run the tests; the package build skips them.
# The suite's BUILD (the real build folder's absolute path, exported by
# tests/lib.sh) and make's flags must not reach debian/rules: with them
# the package's make rebuilt the suite's own build with dpkg's flags while
# other tests ran it ("Permission denied" mid-link in the CI).
run_status env -u BUILD -u MAKEFLAGS -u MFLAGS -u MAKELEVEL \
	sh -c 'cd "$1" && DEB_BUILD_OPTIONS=nocheck dpkg-buildpackage -us -uc -b' sh "$SRC"
assert_eq "dpkg-buildpackage -us -uc -b" "0" "$STATUS"
[ "$STATUS" = 0 ] || printf '%s\n' "$OUT" "$ERR" | tail -n 30 >&2
deb=$(ls "$TMP"/dossier_*_*.deb 2>/dev/null | head -n 1)
if [ -z "$deb" ]; then
	fail "a dossier_*.deb was built"
	exit 0
fi
list=$(dpkg-deb -c "$deb" | awk '{print $6}' | sed 's|^\./|/|')
for f in /usr/bin/dossier /usr/share/man/man1/dossier.1.gz /usr/share/man/man5/dossier-format.5.gz \
	/usr/share/man/man5/dossier-config.5.gz /usr/share/dossier/config.yaml \
	/usr/share/dossier/topics-ukraine-defence.yaml /usr/share/dossier/boilerplate.yaml \
	/usr/share/bash-completion/completions/dossier /usr/share/zsh/vendor-completions/_dossier \
	/usr/share/doc/dossier/copyright; do
	assert_match "package holds $f" "^$f\$" "$list"
done
assert_no_match "nothing under /usr/local" "^/usr/local" "$list"
depends=$(dpkg-deb -f "$deb" Depends)
assert_match "Depends names the shared libraries" "libyaml.*libutf8proc|libutf8proc.*libyaml" "$depends"
if command -v lintian >/dev/null 2>&1; then
	tags=$(lintian "$deb" 2>/dev/null | grep -v 'bogus-mail-host')
	assert_eq "lintian: nothing beyond debian/README.source" "" "$tags"
else
	skip "lintian not installed"
fi
assert_eq "the suite's build: flags stamp unchanged" "$flags0" "$(cat "$BUILD/.flags" 2>/dev/null)"
assert_eq "the suite's build: binary not rebuilt" "$bin0" "$(stat -c %Y.%i "$BUILD/dossier" 2>/dev/null)"

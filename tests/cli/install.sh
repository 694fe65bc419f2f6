# make install / uninstall into a temporary DESTDIR: the installed binary
# runs on the sample collection, every installed man page renders without
# warnings, and uninstall removes what install put there.
. "$(dirname "$0")/../lib.sh"
D="$TMP/dest"
run_status make -s -C "$TOP" BUILD="$BUILD" install DESTDIR="$D" PREFIX=/usr/local
assert_eq "make install" "0" "$STATUS"
bin="$D/usr/local/bin/dossier"
run_status "$bin" --corpus "$TOP/examples" list
assert_eq "installed binary lists the sample collection" "0:26" "$STATUS:$(printf '%s\n' "$OUT" | wc -l | tr -d ' ')"
for page in man1/dossier.1 man5/dossier-format.5 man5/dossier-config.5; do
	f="$D/usr/local/share/man/$page"
	if [ ! -f "$f" ]; then fail "installed $page"; continue; fi
	warn=$(MANWIDTH=80 man --warnings -l "$f" 2>&1 >/dev/null)
	assert_eq "man --warnings $page" "" "$warn"
	if command -v mandoc >/dev/null; then
		lint=$(mandoc -Tlint -W warning "$f" 2>&1)
		assert_eq "mandoc -Tlint $page" "" "$lint"
	fi
done
for f in config.yaml topics-ukraine-defence.yaml boilerplate.yaml; do
	[ -f "$D/usr/local/share/dossier/$f" ] && pass "installed share/dossier/$f" || fail "installed share/dossier/$f"
done
bc="$D/usr/local/share/bash-completion/completions/dossier"
zc="$D/usr/local/share/zsh/vendor-completions/_dossier"
if [ -f "$bc" ]; then
	run_status bash -c '. "$1" && complete -p dossier' sh "$bc"
	assert_match "installed bash completion registers _dossier" "complete -F _dossier dossier" "$OUT"
else fail "installed bash completion"; fi
if [ -f "$zc" ]; then
	assert_eq "installed zsh completion is a #compdef file" "#compdef dossier" "$(head -n 1 "$zc")"
else fail "installed zsh completion"; fi
run_status make -s -C "$TOP" BUILD="$BUILD" uninstall DESTDIR="$D" PREFIX=/usr/local
left=$(find "$D" -type f | sed "s|$D||")
assert_eq "uninstall removes every installed file" "" "$left"

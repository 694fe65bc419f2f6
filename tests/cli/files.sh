# Hostile files in a collection (hostile cases 27-30, TESTING.md): symlink loops, links
# out of the collection, FIFOs, folders named like articles, unreadable
# files, oversized front matter, a huge single line. Each is reported and
# skipped or loaded with what could be read; nothing hangs or crashes.
. "$(dirname "$0")/../lib.sh"
C="$TMP/c"
mkdir -p "$C/sub" "$C/folder.md"
printf -- '---\ntitle: Good\ntags: [t]\n---\nbody\n' >"$C/good.md"
ln -s .. "$C/sub/loop"
ln -s /etc/passwd "$C/passwd.md"
ln -s /dev/zero "$C/zero.md"
mkfifo "$C/fifo.md"
printf 'x' >"$C/sub/.hidden.md"
printf 'not an article\n' >"$C/notes.pdf"
# front matter larger than the cap: read as text, still listed
{ printf -- '---\n'; i=0; while [ $i -lt 4000 ]; do printf 'key%d: %s\n' $i 0123456789012345678; i=$((i+1)); done; printf -- '---\nafter\n'; } >"$C/bigfm.md"
# one 12 MB line without a newline
head -c 12000000 /dev/zero | tr '\0' 'a' >"$C/oneline.md"

run_status timeout 20 "$DOSSIER" --corpus "$C" list
assert_eq "list finishes" "0" "$STATUS"
assert_eq "articles listed (folder.md is a folder)" "bigfm good oneline" "$(printf '%s\n' "$OUT" | cut -f1 | tr '\n' ' ' | sed 's/ $//')" 
run_status timeout 20 "$DOSSIER" --corpus "$C" check
assert_eq "check exits 1" "1" "$STATUS"
assert_match "link loop not followed" "sub/loop: warning: symbolic link not followed" "$OUT"
assert_match "link out not followed" "passwd.md: warning: symbolic link not followed" "$OUT"
assert_match "device link not followed" "zero.md: warning: symbolic link not followed" "$OUT"
assert_match "fifo skipped" "fifo.md: warning: not a regular file; skipped" "$OUT"
assert_match "big front matter" "bigfm.md:1:1: malformed front matter: no closing '---' within 64 KiB; read as text" "$OUT"
assert_no_match "hidden files ignored" "hidden" "$OUT"

run_status timeout 20 "$DOSSIER" --corpus "$C" show oneline
assert_eq "12 MB line shown whole" "0:12000001" "$STATUS:$(printf '%s\n' "$OUT" | tail -n 1 | wc -c | tr -d ' ')"

# unreadable file and folder: needs a user root cannot be (root ignores modes)
as_user() { setpriv --reuid=65534 --regid=65534 --clear-groups -- "$@"; }
if setpriv --reuid=65534 --regid=65534 --clear-groups true 2>/dev/null; then
	U="$TMP/u"; mkdir -p "$U/closed"
	printf -- '---\ntitle: Secret\n---\nx\n' >"$U/secret.md"
	printf 'y\n' >"$U/open.md"; printf 'z\n' >"$U/closed/in.md"
	chmod 000 "$U/secret.md" "$U/closed"; chmod 755 "$TMP" "$U"; chmod 644 "$U/open.md"
	run_status as_user "$DOSSIER" --corpus "$U" check
	assert_match "unreadable file named" "secret.md: cannot read: Permission denied" "$OUT"
	assert_match "unreadable folder named" "closed: cannot read folder: Permission denied" "$OUT"
	run_status as_user "$DOSSIER" --corpus "$U" list
	assert_eq "the rest still loads" "0:open secret" "$STATUS:$(printf '%s\n' "$OUT" | cut -f1 | tr '\n' ' ' | sed 's/ $//')"
	chmod 000 "$U"
	run_status as_user "$DOSSIER" --corpus "$U" list
	assert_eq "unreadable collection" "1:dossier: $U: cannot read folder: Permission denied" "$STATUS:$ERR"
	chmod 755 "$U" "$U/closed"; chmod 644 "$U/secret.md"
else
	skip "unreadable files (setpriv cannot drop to an unprivileged user here)"
fi

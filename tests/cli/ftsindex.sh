# The full-text index is never trusted blindly: 24 bytes written over the
# .fts file at offset 50,000 (which made word queries lose rows silently)
# are found before any answer is given, the index is rebuilt and the
# message comes once; `check --index` runs the full check (checksum,
# SQLite's and FTS5's integrity checks), exit 1 and rebuilt when damaged.
# The index and its side files are 0600 whatever the umask.
. "$(dirname "$0")/../lib.sh"
command -v python3 >/dev/null 2>&1 || { skip "python3 missing (collection generator)"; exit 0; }
C="$TMP/big"
python3 "$TOP/tests/bench/gen.py" 600 "$C" >/dev/null
CACHE="$XDG_CACHE_HOME/dossier"
umask 022
QUERIES="flood barge tunnel ferry"
ref() { for w in $QUERIES; do "$DOSSIER" --no-cache --corpus "$C" list "$w" | wc -l; done | tr '\n' ' '; }
got() { for w in $QUERIES; do "$DOSSIER" --corpus "$C" list "$w" 2>>"$TMP/got.err" | wc -l; done | tr '\n' ' '; }
overwrite() { printf 'XXXXXXXXXXXXXXXXXXXXXXXX' | dd of="$1" bs=1 seek=50000 conv=notrunc 2>/dev/null; }
REF=$(ref)

run_status "$DOSSIER" --corpus "$C" check --index
assert_match "check --index before any word query: no index yet" ": no full-text index yet" "$OUT"
assert_eq "check --index before any word query: status 0" "0" "$STATUS"

: >"$TMP/got.err"
assert_eq "index built: same answers as the files" "$REF" "$(got)"
F=$(ls "$CACHE"/*.fts)
"$DOSSIER" --corpus "$C" bench-searches flood >/dev/null # the saved searches' answers: .memo
for s in "" -wal -shm .sum .lock .memo; do
	assert_eq "index file$s is 0600" "600" "$(stat -c %a "$F$s" 2>&1)"
done
run_status "$DOSSIER" --corpus "$C" check --index
assert_eq "check --index on a sound index" "$F: ok|0" "$OUT|$STATUS"

# overwritten between runs: found at the open, rebuilt, said once
overwrite "$F"
: >"$TMP/got.err"
assert_eq "overwritten index: same answers as the files" "$REF" "$(got)"
assert_eq "overwritten index: said once" \
	"dossier: full-text index damaged (checksum mismatch): rebuilt" "$(cat "$TMP/got.err")"
: >"$TMP/got.err"
assert_eq "rebuilt index: same answers" "$REF" "$(got)"
assert_eq "rebuilt index: nothing said" "" "$(cat "$TMP/got.err")"
assert_eq "rebuilt index is 0600" "600" "$(stat -c %a "$F")"

# check --index finds it too, with SQLite's own findings, and rebuilds
overwrite "$F"
run_status "$DOSSIER" --corpus "$C" check --index
assert_eq "check --index on an overwritten index: status 1" "1" "$STATUS"
assert_match "check --index: checksum mismatch" "^$F: checksum mismatch" "$OUT"
assert_match "check --index: rebuilt at once" "^dossier: full-text index damaged: rebuilt \(600 articles\)" "$ERR"
run_status "$DOSSIER" --corpus "$C" check --index
assert_eq "check --index after the rebuild" "$F: ok|0" "$OUT|$STATUS"
: >"$TMP/got.err"
assert_eq "after check --index: same answers, nothing said" "$REF|" "$(got)|$(cat "$TMP/got.err")"

# a checksum that was deleted: the index is not vouched for, so rebuilt
rm -f "$F.sum"
: >"$TMP/got.err"
assert_eq "no checksum: same answers" "$REF" "$(got)"
assert_match "no checksum: rebuilt, said" "damaged \(no checksum beside it\): rebuilt" "$(cat "$TMP/got.err")"
run_status "$DOSSIER" --corpus "$C" check --index extra
assert_eq "check --index takes nothing else" "2" "$STATUS"

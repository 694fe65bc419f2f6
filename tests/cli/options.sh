# The command line as the option table parses it (issues 18, 19): both GNU
# forms of options, --sort, article arguments as ID/ID.ext/path, export
# onto special files and to stdout, terminal-safe JSON and query errors,
# plurals, import's folder, and TSV bytes to a pipe in the C locale.
. "$(dirname "$0")/../lib.sh"
[ -x "$DOSSIER" ] || { fail "build" "$DOSSIER missing"; exit 0; }
EX="$TOP/examples"
Q="$TOP/tests/data/query"
D() { "$DOSSIER" --corpus "$EX" --state "$TMP/state.yaml" "$@"; }
ESC=$(printf '\033')

# ---- GNU forms that the hand-written parsers refused
run_status "$DOSSIER" --corpus="$Q" list tag:weapons
assert_eq "--corpus=DIR" "0:3" "$STATUS:$(printf '%s\n' "$OUT" | wc -l)"
run_status D related -n2 2024/kharkiv-glide-bombs
assert_eq "related -n2" "0:2" "$STATUS:$(printf '%s\n' "$OUT" | wc -l)"
run_status D related 2024/kharkiv-glide-bombs --count=1
assert_eq "related ID --count=1 (options after the ID)" "0:1" "$STATUS:$(printf '%s\n' "$OUT" | wc -l)"
D mark 2024/kharkiv-glide-bombs 0 20 >/dev/null 2>&1
run_status D export -fjson
assert_eq "export -fjson writes JSON" "0:dossier" "$STATUS:$(printf '%s' "$OUT" | python3 -c 'import json,sys; print(json.load(sys.stdin)["generator"])' 2>&1)"
run_status D export --format=yaml --output="$TMP/out.any"
assert_eq "export --format=yaml --output=FILE" "0:1" "$STATUS:$(python3 -c 'import sys,yaml; print(len(yaml.safe_load(open(sys.argv[1]))["passages"]))' "$TMP/out.any" 2>&1)"
run_status D export tag:x -o "$TMP/late.md"
assert_eq "export: -o after the query is a usage error, nothing written" "2:no" "$STATUS:$([ -e "$TMP/late.md" ] && echo yes || echo no)"

# ---- list --sort, in the reader's orders
ids() { printf '%s\n' "$OUT" | cut -f1 | tr '\n' ' ' | sed 's/ $//'; }
run_status "$DOSSIER" --corpus "$Q" list --sort title
assert_eq "list --sort title folds accents (Élections among the E's)" \
	"2025/drones 2024/july-start 2024/gas-deal 2024/kyiv-post-roundup 2024/kyiv-strikes 2024/leap 2023/markets 2022/old 2024/june-end nodate" "$(ids)"
run_status "$DOSSIER" --corpus "$Q" list -s date date:2024-06..2024-09
assert_eq "list -s date QUERY: newest first" "2024/kyiv-post-roundup 2024/july-start 2024/june-end 2024/kyiv-strikes" "$(ids)"
run_status "$DOSSIER" --corpus "$Q" list --sort relevance:2024/kyiv-strikes
assert_match "list --sort relevance:ID: the article leads" "^2024/kyiv-strikes$" "$(printf '%s\n' "$OUT" | head -n1 | cut -f1)"
run_status "$DOSSIER" --corpus "$Q" list --sort relevance
assert_eq "relevance without an article is a usage error" "2" "$STATUS"
run_status "$DOSSIER" --corpus "$Q" list --sort size
assert_eq "unknown order" "2:dossier: list: unknown order 'size' (date, title, source, relevance:ID)" "$STATUS:$ERR"

# ---- an article as ID, ID with extension, or a path to its file
run_status D show 2024/kharkiv-glide-bombs
want=$OUT
run_status D show 2024/kharkiv-glide-bombs.md
assert_eq "show ID.md" "0" "$STATUS"
assert_eq "show ID.md = show ID" "$want" "$OUT"
run_status sh -c "cd '$EX/2024' && '$DOSSIER' --corpus .. show kharkiv-glide-bombs.md"
assert_eq "show a path relative to the current folder" "0" "$STATUS"
assert_eq "show PATH = show ID" "$want" "$OUT"
run_status D show "$EX/2024/kharkiv-glide-bombs.md"
assert_eq "show an absolute path" "0" "$STATUS"
printf 'title: outside\n' >"$TMP/outside.md"
run_status D show "$TMP/outside.md"
assert_eq "a file outside the collection is refused" "1" "$STATUS"
assert_match "outside: says so" "is not inside the collection" "$ERR"

# ---- export never replaces what is not a regular file; -o - is stdout
mkfifo "$TMP/fifo"
run_status D export -f md --force -o "$TMP/fifo"
assert_eq "export --force onto a FIFO is refused" "1:fifo" "$STATUS:$([ -p "$TMP/fifo" ] && echo fifo || echo gone)"
assert_match "FIFO: message" "fifo is not a regular file; not replaced" "$ERR"
mkdir "$TMP/folder"
run_status D export -f md --force -o "$TMP/folder"
assert_eq "export --force onto a folder is refused" "1:folder" "$STATUS:$([ -d "$TMP/folder" ] && echo folder)"
run_status sh -c "cd '$TMP' && '$DOSSIER' --corpus '$EX' --state '$TMP/state.yaml' export -o - -f txt"
assert_eq "export -o - writes to standard output" "0:no file" "$STATUS:$([ -e "$TMP/-" ] && echo file || echo no file)"
assert_match "export -o -: the passage on stdout" "kharkiv" "$OUT"

# ---- terminal safety
run_status "$DOSSIER" --corpus "$TOP/tests/data/tui" list --json
assert_eq "list --json: no raw bidi control (U+202E)" "0:0" "$STATUS:$(printf '%s' "$OUT" | grep -c "$(printf '\342\200\256')")"
assert_match "list --json: it is escaped" 'evil\\u202Esource' "$OUT"
run_status "$DOSSIER" --corpus "$Q" list "date:${ESC}[31m"
assert_eq "query error: exit 2, no raw ESC" "2:0" "$STATUS:$(printf '%s' "$ERR" | grep -c "$ESC")"
assert_match "query error: ESC shown as a placeholder" "found '\\^\\[\\[31m'" "$ERR"

# ---- plurals
mkdir -p "$TMP/one"
printf -- '---\ntitle: One\ndate: 2024-13-40\n---\nText.\n' >"$TMP/one/a.md"
run_status "$DOSSIER" --corpus "$TMP/one" check
assert_match "check: 1 problem in 1 article" "^dossier: 1 problem in 1 article$" "$ERR"
printf -- '---\ntitle: Two\n---\nText.\n' >"$TMP/one/b.md"
run_status "$DOSSIER" --corpus "$TMP/one" check
assert_match "check: 1 problem in 2 articles" "^dossier: 1 problem in 2 articles$" "$ERR"

# ---- import without --into says where it writes
mkdir -p "$TMP/here"
printf 'Harbour cranes idle\n\nDockers in Pórto Vell stopped work on Monday.\n' >"$TMP/raw.txt"
run_status sh -c "cd '$TMP/here' && '$DOSSIER' import '$TMP/raw.txt'"
assert_eq "import without --into: exit 0, one file in the collection folder" "0:1" "$STATUS:$(ls "$TMP/here" | wc -l)"
assert_match "import without --into: tells where" "^dossier: import: no --into given; writing into the collection folder $TMP/here$" "$ERR"

# ---- the C locale: bytes as they are to a pipe, escapes only for controls
run_status env LC_ALL=C LANG=C "$DOSSIER" --corpus "$Q" list 'title:*lections*'
assert_match "C locale, pipe: UTF-8 bytes kept" "	Élections in France	" "$OUT"
assert_no_match "C locale, pipe: no <U+XXXX>" "<U\\+" "$OUT"
run_status env LC_ALL=C LANG=C "$DOSSIER" --corpus "$TOP/tests/data/tui" list
assert_eq "C locale, pipe: controls still escaped" "0" "$(printf '%s' "$OUT" | grep -c "$ESC")"
if script -qec true /dev/null >/dev/null 2>&1; then
	out=$(LC_ALL=C LANG=C script -qec "'$DOSSIER' --corpus '$Q' list title:\*lections\*" /dev/null </dev/null)
	assert_match "C locale, terminal: <U+00C9> placeholder" "<U\\+00C9>lections" "$out"
else
	skip "script(1) not usable: no terminal check"
fi

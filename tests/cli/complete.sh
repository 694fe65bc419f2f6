# suite: long
# Shell completion: the hidden `dossier complete` (IDs by prefix, tags,
# query fields, export formats; silent and empty when the collection cannot
# be loaded), then the bash function driven in a bash subshell (COMP_WORDS,
# COMP_CWORD, COMP_LINE set as bash would) and the zsh function in a real
# zsh via zpty when zsh is installed. Expected candidates are computed from
# `dossier list`/`tags`/`--help`, not written down.
. "$(dirname "$0")/../lib.sh"
[ -x "$DOSSIER" ] || { fail "build" "$DOSSIER missing"; exit 0; }
EX="$TOP/examples"
D() { "$DOSSIER" --corpus "$EX" "$@"; }
lines() { tr '\n' ' ' | sed 's/ $//'; }

all_ids=$(D list | cut -f1)
all_tags=$(D tags | cut -f2 | LC_ALL=C sort)

# ---- dossier complete
run_status D complete ids 2024/k
assert_eq "complete ids by prefix" "$(printf '%s\n' "$all_ids" | grep '^2024/k' | lines)" "$(printf '%s\n' "$OUT" | lines)"
assert_match "complete ids prefix matched something" "^2024/k" "$OUT"
run_status D complete ids
assert_eq "complete ids, no prefix: every id" "$(printf '%s\n' "$all_ids" | lines)" "$(printf '%s\n' "$OUT" | lines)"
run_status D complete ids -- zzz-nothing
assert_eq "complete ids, no match: nothing" "0:" "$STATUS:$OUT"

run_status D complete tags places/
want=$(printf '%s\n' "$all_tags" | grep '^places/' | lines)
assert_eq "complete tags by prefix" "$want" "$(printf '%s\n' "$OUT" | lines)"
assert_match "complete tags prefix matched something" "^places/" "$OUT"
run_status D complete tags Places/
assert_eq "complete tags folds the prefix" "$want" "$(printf '%s\n' "$OUT" | lines)"
run_status D complete tags
assert_eq "complete tags, no prefix: every tag" "$(printf '%s\n' "$all_tags" | lines)" "$(printf '%s\n' "$OUT" | LC_ALL=C sort | lines)"

run_status D complete fields
for f in title: source: author: date: after: before: is: tag: editor:; do
	assert_match "complete fields offers $f" "^$f\$" "$OUT"
done
bad=
for f in $OUT; do
	case $f in is:) v=read ;; *) v=2024 ;; esac
	run_status D --state "$TMP/state.yaml" list "$f$v"
	[ "$STATUS" = 0 ] || bad="$bad $f($STATUS)"
done
assert_eq "every offered field is accepted by list FIELD:x" "" "$bad"
run_status D complete fields ti
assert_eq "complete fields by prefix" "title:" "$OUT"

run_status D complete formats
fmts=$OUT
assert_match "complete formats offers annotation" "^annotation\$" "$fmts"
bad=
for f in $fmts; do
	run_status D --state "$TMP/state.yaml" export -f "$f"
	[ "$STATUS" = 0 ] || bad="$bad $f"
done
assert_eq "every offered format is accepted by export -f" "" "$bad"

for kind in ids tags fields; do
	run_status "$DOSSIER" --corpus "$TMP/no-such-folder" complete "$kind" x
	assert_eq "complete $kind on a missing collection: exit 0, silent" "0||" "$STATUS|$OUT|$ERR"
done
run_status D complete bogus
assert_eq "complete with an unknown kind is a usage error" "2" "$STATUS"

# ---- bash
help_cmds=$("$DOSSIER" --help | sed '/^$/q' | sed 's/^usage://; s/^ *//; s/   *[^ ].*$//; s/\[[^]]*\]//g' |
	awk '{ for (i = 1; i < NF; i++) if ($i == "dossier") { if ($(i + 1) ~ /^[a-z]+$/) print $(i + 1); break } }' |
	LC_ALL=C sort | lines)
BC="$TOP/config/completions/dossier.bash"
if command -v bash >/dev/null 2>&1; then
	# bcomp LINE WORD...: complete at the end of LINE, split into WORDs as bash does
	bcomp() {
		bash -c '. "$1"; COMP_LINE=$2; COMP_POINT=${#2}; shift 2
			COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _dossier
			printf "%s\n" "${COMPREPLY[@]}"' sh "$BC" "$@" 2>&1 | LC_ALL=C sort | lines
	}
	assert_eq "bash: subcommands = dossier --help" "$help_cmds" "$(bcomp "$DOSSIER " "$DOSSIER" "")"
	assert_eq "bash: global options" "--collection --config --corpus" "$(bcomp "$DOSSIER --co" "$DOSSIER" --co)"
	out=$(bcomp "$DOSSIER --corpus $EX show 2024/k" "$DOSSIER" --corpus "$EX" show 2024/k)
	assert_eq "bash: IDs for show" "$(printf '%s\n' "$all_ids" | grep '^2024/k' | LC_ALL=C sort | lines)" "$out"
	out=$(bcomp "$DOSSIER --corpus $EX related -n 3 2024/k" "$DOSSIER" --corpus "$EX" related -n 3 2024/k)
	assert_match "bash: IDs for related after -n N" "2024/k" "$out"
	out=$(bcomp "$DOSSIER --corpus $EX mark 2024/kharkiv-glide-bombs " "$DOSSIER" --corpus "$EX" mark 2024/kharkiv-glide-bombs "")
	assert_eq "bash: no IDs for mark START" "" "$out"
	# bash splits tag:pla into tag, :, pla (':' is in COMP_WORDBREAKS)
	out=$(bcomp "$DOSSIER --corpus $EX list tag:places/" "$DOSSIER" --corpus "$EX" list tag : places/)
	assert_eq "bash: tags after tag:" "$want" "$out"
	out=$(bcomp "$DOSSIER --corpus $EX marks kyiv -tag:places/" "$DOSSIER" --corpus "$EX" marks kyiv -tag : places/)
	assert_eq "bash: tags after -tag:" "$want" "$out"
	out=$(bash -c '. "$1"; COMP_WORDBREAKS=" "; COMP_LINE="$2 --corpus $3 list tag:places/k"; COMP_POINT=${#COMP_LINE}
		COMP_WORDS=("$2" --corpus "$3" list tag:places/k); COMP_CWORD=4; _dossier; printf "%s\n" "${COMPREPLY[@]}"' \
		sh "$BC" "$DOSSIER" "$EX" 2>&1 | lines)
	assert_eq "bash: whole tag:VALUE words when ':' does not break words" \
		"$(printf '%s\n' "$all_tags" | grep '^places/k' | sed 's/^/tag:/' | lines)" "$out"
	out=$(bcomp "$DOSSIER --corpus $EX list ti" "$DOSSIER" --corpus "$EX" list ti)
	assert_eq "bash: query fields" "title:" "$out"
	out=$(bcomp "$DOSSIER list is:" "$DOSSIER" list is :)
	assert_eq "bash: is: values" "marked read unread" "$out"
	out=$(bcomp "$DOSSIER export -f " "$DOSSIER" export -f "")
	assert_eq "bash: formats after -f" "$(printf '%s\n' $fmts | LC_ALL=C sort | lines)" "$out"
	# every command's options are the option table's, both forms
	for c in $help_cmds; do
		want_opts=$("$DOSSIER" complete options "$c" | awk -F '\t' '{ print $1; if ($2 != "") print $2 }' | LC_ALL=C sort | lines)
		out=$(bcomp "$DOSSIER $c -" "$DOSSIER" "$c" -)
		assert_eq "bash: $c options = the option table" "$want_opts" "$out"
	done
	want_opts=$("$DOSSIER" complete options | awk -F '\t' '{ print $1; if ($2 != "") print $2 }' | LC_ALL=C sort | lines)
	assert_eq "bash: global options = the option table" "$want_opts" "$(bcomp "$DOSSIER -" "$DOSSIER" -)"
	out=$(bcomp "$DOSSIER list --sort " "$DOSSIER" list --sort "")
	assert_eq "bash: orders after --sort" "date relevance: source title" "$out"
	out=$(bcomp "$DOSSIER list -s t" "$DOSSIER" list -s t)
	assert_eq "bash: orders after -s" "title" "$out"
	out=$(bcomp "$DOSSIER export --format j" "$DOSSIER" export --format j)
	assert_eq "bash: formats after --format" "json" "$out"
	out=$(bcomp "$DOSSIER related --count " "$DOSSIER" related --count "")
	assert_eq "bash: nothing after --count" "" "$out"
	out=$(bcomp "$DOSSIER --corpus $EX related --count 3 2024/k" "$DOSSIER" --corpus "$EX" related --count 3 2024/k)
	assert_match "bash: IDs for related after --count N" "2024/k" "$out"
	mkdir -p "$TMP/dirs/alpha" "$TMP/dirs/beta"
	: >"$TMP/dirs/afile"
	out=$(bcomp "$DOSSIER --corpus $TMP/dirs/a" "$DOSSIER" --corpus "$TMP/dirs/a")
	assert_eq "bash: folders only after --corpus" "$TMP/dirs/alpha" "$out"
	out=$(bcomp "$DOSSIER --config $TMP/dirs/a" "$DOSSIER" --config "$TMP/dirs/a")
	assert_eq "bash: files after --config" "$TMP/dirs/afile $TMP/dirs/alpha" "$out"
	out=$(bcomp "$DOSSIER import --into $TMP/dirs/a" "$DOSSIER" import --into "$TMP/dirs/a")
	assert_eq "bash: folders only after import --into" "$TMP/dirs/alpha" "$out"
	out=$(bcomp "$DOSSIER export --output $TMP/dirs/a" "$DOSSIER" export --output "$TMP/dirs/a")
	assert_eq "bash: files after export --output" "$TMP/dirs/afile $TMP/dirs/alpha" "$out"
	mkdir -p "$XDG_CONFIG_HOME/dossier"
	printf 'collections: {news: %s, notes: /nowhere, work: /x}\n' "$EX" >"$XDG_CONFIG_HOME/dossier/config.yaml"
	out=$(bcomp "$DOSSIER -C n" "$DOSSIER" -C n)
	assert_eq "bash: collection names after -C" "news notes" "$out"
	out=$(bcomp "$DOSSIER -C news show 2024/k" "$DOSSIER" -C news show 2024/k)
	assert_eq "bash: -C NAME chooses the collection asked for IDs" \
		"$(printf '%s\n' "$all_ids" | grep '^2024/k' | LC_ALL=C sort | lines)" "$out"
	rm "$XDG_CONFIG_HOME/dossier/config.yaml"
	out=$(bcomp "$DOSSIER --corpus $TMP/no-such show " "$DOSSIER" --corpus "$TMP/no-such" show "")
	assert_eq "bash: nothing, and no noise, on a missing collection" "" "$out"
else
	skip "bash not installed"
fi

# ---- zsh's option specs, as text (no zsh needed): per command, the options
# its _arguments block names are the option table's, both forms
ZF="$TOP/config/completions/_dossier"
zsh_opts() { # the options named in the `CMD)` case of _dossier (the global block for "")
	if [ -z "$1" ]; then
		awk '/_arguments -C/ { on = 1 } on && /1:command/ { exit } on' "$ZF"
	else
		awk -v c="$1" '$0 ~ "^\t\t" c "\\)$" { on = 1; next } on && /;;/ { exit } on' "$ZF"
	fi | sed 's/_arguments\( -[A-Za-z]\)*//' | grep -oE -- "(^|[' {,()*])--?[A-Za-z][A-Za-z-]*" | sed "s/^[' {,()*]//" | LC_ALL=C sort -u | lines
}
for c in "" $help_cmds; do
	want_opts=$("$DOSSIER" complete options $c | awk -F '\t' '{ print $1; if ($2 != "") print $2 }' | LC_ALL=C sort | lines)
	assert_eq "zsh spec: ${c:-global} options = the option table" "$want_opts" "$(zsh_opts "$c")"
done

# ---- zsh, in a real interactive zsh on a pty, compadd recording candidates
if command -v zsh >/dev/null 2>&1 && zsh -fc 'zmodload zsh/zpty' 2>/dev/null; then
	ZDIR="$TOP/config/completions"
	zcomp() { # zcomp LINE: candidates offered at the end of LINE
		: >"$TMP/zout"
		PATH="$(dirname "$DOSSIER"):$PATH" zsh -f -c '
			zmodload zsh/zpty
			zpty z zsh -f -i
			zpty -w z "PS1=\"\"; fpath=($1 \$fpath); autoload -U compinit; compinit -u -D"
			zpty -w z "compadd() { local -a h; builtin compadd -A h \"\$@\"; (( \$#h )) && print -rl -- \$h >> $2; builtin compadd \"\$@\"; }"
			zpty -w z "zstyle \":completion:*\" menu no; LISTMAX=100000; touch $2.ready"
			i=0; while [[ ! -e $2.ready && i -lt 100 ]]; do sleep 0.05; i=$((i+1)); done
			zpty -n -w z "$3"$'"'"'\t'"'"'
			i=0; while [[ ! -s $2 && i -lt 40 ]]; do sleep 0.05; i=$((i+1)); done
			sleep 0.3
			zpty -d z' sh "$ZDIR" "$TMP/zout" "$1" >/dev/null 2>&1
		LC_ALL=C sort -u "$TMP/zout" | lines
	}
	assert_eq "zsh: subcommands = dossier --help" "$help_cmds" "$(zcomp "dossier ")"
	assert_eq "zsh: IDs for show" "$(printf '%s\n' "$all_ids" | grep '^2024/k' | LC_ALL=C sort | lines)" \
		"$(zcomp "dossier --corpus $EX show 2024/k")"
	assert_eq "zsh: tags after tag:" "$want" "$(zcomp "dossier --corpus $EX list tag:places/")"
	assert_eq "zsh: query fields" "title:" "$(zcomp "dossier --corpus $EX list ti")"
else
	skip "zsh (with zpty) not installed"
fi

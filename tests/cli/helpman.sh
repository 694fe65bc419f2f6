# `dossier --help` and `dossier COMMAND --help` against the built man page
# build/man/dossier.1 (mdoc): the same subcommands, the same options overall
# and, command by command, the same options in the SYNOPSIS and in the
# COMMANDS list as in that command's --help. Compared both ways, so a flag
# added to the program but not documented (or the reverse) fails here.
. "$(dirname "$0")/../lib.sh"
MAN="$BUILD/man/dossier.1"
[ -f "$MAN" ] || { fail "build" "$MAN missing (run make)"; exit 0; }
[ -x "$DOSSIER" ] || { fail "build" "$DOSSIER missing"; exit 0; }

# sorted, one a line, joined by spaces for readable diffs
set_of() { sort -u | tr '\n' ' ' | sed 's/ $//'; }

# options written in usage text: -x and --xxx after a space, '[' or '|'
usage_opts() { grep -oE '(^|[[ |])--?[A-Za-z][A-Za-z-]*' | sed 's/^[[ |]//'; }

# the usage part of --help lines (the description follows 2+ spaces)
run_status "$DOSSIER" --help
assert_eq "dossier --help exits 0" "0" "$STATUS"
usage=$(printf '%s\n' "$OUT" | sed 's/^usage://; s/^ *//; s/   *[^ ].*$//; s/  *$//')
help_opts=$(printf '%s\n' "$usage" | usage_opts | set_of)
help_cmds=$(printf '%s\n' "$usage" | sed 's/\[[^]]*\]//g' |
	awk '{ for (i = 1; i < NF; i++) if ($i == "dossier") { if ($(i + 1) ~ /^[a-z]+$/) print $(i + 1); break } }' | set_of)

# mdoc: "Fl -json" is --json, "Fl n" is -n
man_opts_of() { grep -oE 'Fl -?[A-Za-z][A-Za-z-]*' | sed 's/^Fl /-/'; }
section() { awk -v s="$1" '/^\.Sh / { on = ($2 == s); next } on' "$MAN"; }
man_opts=$(man_opts_of <"$MAN" | set_of)
man_syn_cmds=$(section SYNOPSIS | awk '$1 == ".Cm" { print $2 }' | set_of)
man_list_cmds=$(section COMMANDS | awk '$1 == ".It" && $2 == "Cm" { print $3 }' | set_of)

assert_match "help lists subcommands" "list" "$help_cmds"
assert_eq "subcommands: --help = man SYNOPSIS" "$help_cmds" "$man_syn_cmds"
assert_eq "subcommands: --help = man COMMANDS" "$help_cmds" "$man_list_cmds"
assert_match "help lists options" "--corpus" "$help_opts"
assert_eq "options: --help = man page" "$help_opts" "$man_opts"
assert_no_match "the hidden complete command stays out of --help" "complete" "$OUT"

# per command: `dossier C --help` against the SYNOPSIS block naming C and
# the COMMANDS entry for C (global --corpus and --help left aside)
local_opts() { usage_opts | grep -vxE -- '--corpus|--help|-h' | set_of; }
for c in $help_cmds; do
	run_status "$DOSSIER" "$c" --help
	assert_eq "dossier $c --help exits 0" "0" "$STATUS"
	assert_match "dossier $c --help names $c" "^usage: dossier .*\\b$c\\b" "$OUT"
	h=$(printf '%s\n' "$OUT" | sed 's/^usage://' | local_opts)
	syn=$(section SYNOPSIS | awk -v c="$c" '
		$1 == ".Nm" { if (hit) exit; buf = ""; next }
		{ buf = buf "\n" $0 } $1 == ".Cm" && $2 == c { hit = 1 }
		END { if (hit) print buf }' | man_opts_of | grep -vxE -- '--corpus|--help|-h' | set_of)
	item=$(section COMMANDS | awk -v c="$c" '$1 == ".It" && $2 == "Cm" && $3 == c' |
		man_opts_of | grep -vxE -- '--corpus|--help|-h' | set_of)
	assert_eq "$c: options of --help = man SYNOPSIS" "$h" "$syn"
	assert_eq "$c: options of --help = man COMMANDS" "$h" "$item"
done

# the page itself is clean mdoc
if command -v mandoc >/dev/null 2>&1; then
	lint=$(mandoc -Tlint -W warning "$MAN" 2>&1 | grep -v 'referenced manual not found')
	assert_eq "mandoc -Tlint dossier.1" "" "$lint"
else
	skip "mandoc not installed"
fi

# The man page build/man/dossier.1 (mdoc) against the option table
# (core/cli/cli_options.c, as `dossier complete options [CMD]` prints it) and
# against --help, which is generated from the table: the same subcommands;
# per command, the SYNOPSIS shows each option in its usage form (short when
# there is one) and the COMMANDS entry names both forms; the OPTIONS section
# lists the global options. Compared both ways, so an option added to the
# table but not documented (or the reverse) fails here.
. "$(dirname "$0")/../lib.sh"
MAN="$BUILD/man/dossier.1"
[ -f "$MAN" ] || { fail "build" "$MAN missing (run make)"; exit 0; }
[ -x "$DOSSIER" ] || { fail "build" "$DOSSIER missing"; exit 0; }

# sorted, one a line, joined by spaces for readable diffs
set_of() { sort -u | tr '\n' ' ' | sed 's/ $//'; }
# mdoc: "Fl -json" is --json, "Fl n" is -n
man_opts_of() { grep -oE 'Fl -?[A-Za-z][A-Za-z-]*' | sed 's/^Fl /-/'; }
section() { awk -v s="$1" '/^\.Sh / { on = ($2 == s); next } on' "$MAN"; }
# table rows of CMD (none: the global options): long TAB short TAB ARG TAB help
table() { "$DOSSIER" complete options ${1:+"$1"}; }
# every form of each option; the usage form (short when there is one)
table_forms() { table "$@" | awk -F '\t' '$1 != "--help" { print $1; if ($2 != "") print $2 }' | set_of; }
table_usage() { table "$@" | awk -F '\t' '$1 != "--help" { print ($2 != "" ? $2 : $1) }' | set_of; }

run_status "$DOSSIER" --help
assert_eq "dossier --help exits 0" "0" "$STATUS"
help_cmds=$(printf '%s\n' "$OUT" | sed '/^$/q' | sed 's/^usage://; s/^ *//; s/   *[^ ].*$//; s/\[[^]]*\]//g' |
	awk '{ for (i = 1; i < NF; i++) if ($i == "dossier") { if ($(i + 1) ~ /^[a-z]+$/) print $(i + 1); break } }' | set_of)
man_syn_cmds=$(section SYNOPSIS | awk '$1 == ".Cm" { print $2 }' | set_of)
man_list_cmds=$(section COMMANDS | awk '$1 == ".It" && $2 == "Cm" { print $3 }' | set_of)
assert_match "help lists subcommands" "list" "$help_cmds"
assert_eq "subcommands: --help = man SYNOPSIS" "$help_cmds" "$man_syn_cmds"
assert_eq "subcommands: --help = man COMMANDS" "$help_cmds" "$man_list_cmds"
assert_no_match "the hidden complete command stays out of --help" "complete" "$OUT"
assert_no_match "hidden options stay out of --help" "--(no-cache|headless|script)" "$OUT"

# the global options: the table = the OPTIONS section = the reader's SYNOPSIS line (+ -h --version)
want=$(table | awk -F '\t' '{ print $1; if ($2 != "") print $2 }' | set_of)
assert_match "table: global options" "--corpus" "$want"
got=$(section OPTIONS | awk '$1 == ".It"' | man_opts_of | set_of)
assert_eq "global options: table = man OPTIONS" "$want" "$got"
got=$(section SYNOPSIS | awk '$1 == ".Nm" { n++ } n <= 1' | man_opts_of | set_of)
want=$(table | awk -F '\t' '$3 != "" { print ($2 != "" ? $2 : $1) }' | set_of)
assert_eq "global options with a value: table = the reader's SYNOPSIS" "$want" "$got"

for c in $help_cmds; do
	# the SYNOPSIS block naming c (its options after .Cm c)
	syn=$(section SYNOPSIS | awk -v c="$c" '
		$1 == ".Nm" { if (hit) exit; buf = ""; next }
		hit { buf = buf "\n" $0 } $1 == ".Cm" && $2 == c { hit = 1 }
		END { print buf }' | man_opts_of | set_of)
	assert_eq "$c: table usage forms = man SYNOPSIS" "$(table_usage "$c")" "$syn"
	# the COMMANDS entry of c, with its nested option list
	item=$(section COMMANDS | awk -v c="$c" '
		$1 == ".It" && $2 == "Cm" { on = ($3 == c) } on' | man_opts_of | set_of)
	assert_eq "$c: table, both forms = man COMMANDS" "$(table_forms "$c")" "$item"
	# --help of c: its usage line is the SYNOPSIS', and every option is listed with its help
	run_status "$DOSSIER" "$c" --help
	assert_eq "dossier $c --help exits 0" "0" "$STATUS"
	h=$(printf '%s\n' "$OUT" | head -n1 | grep -oE '(^|[[ |])--?[A-Za-z][A-Za-z-]*' | sed 's/^[[ |]//' |
		grep -vx -- '--corpus' | set_of)
	assert_eq "$c: --help usage line = man SYNOPSIS" "$syn" "$h"
	missing=$(table "$c" | while IFS='	' read -r long short arg help; do
		printf '%s\n' "$OUT" | grep -qF -- "$long" && printf '%s\n' "$OUT" | grep -qF -- "$help" || echo "$long"
	done)
	assert_eq "$c: --help lists every option with its help" "" "$missing"
done

# the page itself is clean mdoc
if command -v mandoc >/dev/null 2>&1; then
	lint=$(mandoc -Tlint -W warning "$MAN" 2>&1 | grep -v 'referenced manual not found')
	assert_eq "mandoc -Tlint dossier.1" "" "$lint"
else
	skip "mandoc not installed"
fi

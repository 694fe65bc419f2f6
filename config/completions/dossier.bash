# bash completion for dossier(1)                           -*- shell-script -*-
# SPDX-License-Identifier: MIT
# Subcommands are listed here (tests/cli/complete.sh checks them against
# `dossier --help`); options and what their values are come from the
# program's option table, and article IDs, tags, query fields, export
# formats and list orders from the program too, `dossier complete KIND --
# PREFIX`, asked with the --corpus/--config already typed on the line.

# _dossier_ask KIND PREFIX: the program's candidates, one a line; silent.
_dossier_ask()
{
	local prog=${COMP_WORDS[0]:-dossier}
	prog=${prog/#\~/$HOME}
	command -v -- "$prog" >/dev/null 2>&1 || prog=dossier
	"$prog" "${_dossier_globals[@]}" complete "$1" -- "$2" 2>/dev/null
}

# _dossier_opts CMD: the options of CMD (empty: the global ones) from the
# option table, "NAME ARG" a line for each form (ARG empty for a flag).
_dossier_opts()
{
	_dossier_ask options "$1" | awk -F '\t' '{ print $1, $3; if ($2 != "") print $2, $3 }'
}

# _dossier_add PREFIX WORD...: append PREFIX+WORD to COMPREPLY for each
# word, shell-quoted, dropping what readline will not replace (the text up
# to the last ':' of the current word when ':' breaks words).
_dossier_add()
{
	local pre=$1 w q
	shift
	for w in "$@"; do
		[[ -n $w ]] || continue
		w=$pre$w
		[[ $_dossier_cut ]] && w=${w#"$_dossier_cut"}
		printf -v q '%q' "$w"
		COMPREPLY+=("$q")
	done
}

# A query word (list, marks, export): field names, then tag names after
# tag:, read/unread/marked after is:. A leading '-' negates and is kept.
_dossier_query_word()
{
	local full=$1 neg= q field val
	[[ $full == -* ]] && neg=- && q=${full#-} || q=$full
	if [[ $q == *:* ]]; then
		field=${q%%:*}
		val=${q#*:}
		case $field in
		tag)
			local -a tags
			mapfile -t tags < <(_dossier_ask tags "$val")
			_dossier_add "${neg}tag:" "${tags[@]}"
			;;
		is)
			_dossier_add "${neg}is:" $(compgen -W 'read unread marked' -- "$val")
			;;
		esac
	else
		local -a fields
		mapfile -t fields < <(_dossier_ask fields "$q")
		_dossier_add "$neg" "${fields[@]}"
		((${#COMPREPLY[@]})) && compopt -o nospace 2>/dev/null
	fi
}

_dossier()
{
	COMPREPLY=()
	# seen by the helpers through bash's dynamic scoping
	local -a _dossier_globals=()
	local _dossier_cut=
	local cur=${COMP_WORDS[COMP_CWORD]} prev= full
	((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}
	# the whole word under the cursor, even when bash split it at ':'
	if [[ -n ${COMP_LINE-} ]]; then
		full=${COMP_LINE:0:COMP_POINT}
		full=${full##*[[:space:]]}
	else
		full=$cur
	fi
	if [[ $full == *:* && ${COMP_WORDBREAKS-:} == *:* ]]; then
		_dossier_cut=${full%"${full##*:}"}
		[[ $cur == : ]] && cur=
		[[ $prev == : ]] && prev=${COMP_WORDS[COMP_CWORD - 2]}
	fi

	# global options, then the subcommand
	local i=1 cmd= ci=0 w
	while ((i < COMP_CWORD)); do
		w=${COMP_WORDS[i]}
		case $w in
		--corpus | --config | --state | --collection | -C | --topics)
			# not the value being typed: it may not exist yet (-C n names no collection)
			((i + 1 < COMP_CWORD)) && _dossier_globals+=("$w" "${COMP_WORDS[i + 1]/#\~/$HOME}")
			((i += 2))
			;;
		--headless | --script) ((i += 2)) ;;
		-*) ((i++)) ;;
		*)
			cmd=$w ci=$i
			break
			;;
		esac
	done

	[[ $cmd == complete || $cmd == bench-* ]] && return
	# the options of the subcommand (or the global ones) and their values
	local -A vals=()
	local opts= name arg
	while read -r name arg; do
		opts="$opts $name"
		[[ -n $arg ]] && vals[$name]=$arg
	done < <(_dossier_opts "$cmd")
	if [[ -n $prev && -n ${vals[$prev]-} ]]; then
		[[ $prev == -C || $prev == --collection ]] && vals[$prev]=COLLECTION
		case ${vals[$prev]} in
		DIR)
			compopt -o filenames 2>/dev/null
			mapfile -t COMPREPLY < <(compgen -d -- "$cur")
			;;
		FILE)
			compopt -o filenames 2>/dev/null
			mapfile -t COMPREPLY < <(compgen -f -- "$cur")
			;;
		FORMAT | ORDER | COLLECTION)
			local -a words
			case ${vals[$prev]} in
			FORMAT) arg=formats ;;
			ORDER) arg=orders ;;
			*) arg=collections ;;
			esac
			mapfile -t words < <(_dossier_ask "$arg" "$cur")
			_dossier_add '' "${words[@]}"
			[[ ${COMPREPLY[*]} == *: ]] && compopt -o nospace 2>/dev/null
			;;
		esac
		return
	fi

	if [[ -z $cmd ]]; then
		if [[ $cur == -* ]]; then
			COMPREPLY=($(compgen -W "$opts" -- "$cur"))
		else
			COMPREPLY=($(compgen -W 'list show links related duplicates tags check marks mark note export import collections searches refresh topics' -- "$cur"))
		fi
		return
	fi

	# "--" ends the options
	local dashdash=
	for ((i = ci + 1; i < COMP_CWORD; i++)); do
		[[ ${COMP_WORDS[i]} == -- ]] && dashdash=1
	done

	if [[ -z $dashdash && ( $cur == --* || $cur == - ) ]]; then
		COMPREPLY=($(compgen -W "$opts" -- "$cur"))
		return
	fi

	case $cmd in
	list | marks | export)
		[[ -z $dashdash && $full == -[a-z] ]] && COMPREPLY=($(compgen -W "$opts" -- "$cur"))
		_dossier_query_word "$full"
		;;
	show | links | related | mark | note)
		# the article ID is the first word that is not an option
		local npos=0
		for ((i = ci + 1; i < COMP_CWORD; i++)); do
			w=${COMP_WORDS[i]}
			if [[ -n ${vals[$w]-} ]]; then
				((i++)) # an option's value
			elif [[ $w != -* ]]; then
				((npos++))
			fi
		done
		if ((npos == 0)); then
			local -a ids
			mapfile -t ids < <(_dossier_ask ids "$cur")
			_dossier_add '' "${ids[@]}"
		fi
		;;
	import)
		compopt -o filenames 2>/dev/null
		mapfile -t COMPREPLY < <(compgen -f -- "$cur")
		;;
	topics)
		# suggest or check, then (check) the tags to look at
		local sub=
		for ((i = ci + 1; i < COMP_CWORD; i++)); do
			w=${COMP_WORDS[i]}
			[[ $w != -* ]] && { sub=$w; break; }
		done
		if [[ -z $sub ]]; then
			COMPREPLY=($(compgen -W 'suggest check' -- "$cur"))
		elif [[ $sub == check ]]; then
			local -a tags
			mapfile -t tags < <(_dossier_ask tags "$cur")
			_dossier_add '' "${tags[@]}"
		fi
		;;
	esac
}

complete -F _dossier dossier

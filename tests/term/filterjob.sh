#!/bin/sh
# suite: long
# The filter's match runs in the background (core/find/bgfilter.h): with every
# background job held back (DOSSIER_TEST_JOB_DELAY_MS), keys typed while a
# match runs are echoed in the prompt at once, the status line says
# "filtering… N%", a query typed over a running one cancels it (its result
# never shows), and the result applied is the last query's; after Enter the
# list keeps answering keys until the match ends; a body word is answered
# by the full-text index on the match's thread. A tag or a saved search
# picked while the match is held back: "Filtering…", then the count (named
# by the saved search), and the query in the filter history.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../tmuxlib.sh"

# now NAME PATTERN: the screen shows PATTERN a moment after the last key
# (0.4 s: far less than the 3 s every match is held back)
now() {
	sleep 0.4
	if T capture-pane -p -t t | grep -Eq -- "$2"; then pass "$1"; else
		fail "$1" "no /$2/ on screen"; T capture-pane -p -t t >&2; fi
}
# until_never NAME PATTERN FINAL: poll until FINAL shows, failing if
# PATTERN shows on the way
until_never() {
	i=0 seen=0
	while [ $i -lt 200 ]; do
		s=$(T capture-pane -p -t t)
		printf '%s\n' "$s" | grep -Eq -- "$2" && seen=1
		printf '%s\n' "$s" | grep -Eq -- "$3" && break
		i=$((i + 1)); sleep 0.05
	done
	if [ $seen = 0 ] && [ $i -lt 200 ]; then pass "$1"; else
		fail "$1" "/$2/ seen ($seen) or /$3/ never"; T capture-pane -p -t t >&2; fi
}

export XDG_STATE_HOME="$TMP/state" XDG_CACHE_HOME="$TMP/cache"
start 100 30 "cd $TOP && DOSSIER_TEST_JOB_DELAY_MS=3000 $DOSSIER --corpus tests/data/find"
check "loaded (after the held-back load)" "5 articles, 5 unread"
T send-keys -t t f
check "f opens the prompt" "^filter: *$"
T send-keys -t t -l "tag:war"
now "typed keys are echoed while the match runs" "^filter: tag:war"
now "the status line says it is filtering" "\\| filtering… [0-9]+%"
now "the list is not filtered yet" "Articles 1/5 "
T send-keys -t t C-u
T send-keys -t t -l "source:wi"
now "typing over a running match: echoed at once" "^filter: source:wi"
T send-keys -t t -l "re"
now "and again" "^filter: source:wire"
until_never "the cancelled query's result never shows; the last query's does" \
	"tag:war, 2 of 5" "filter: source:wire, 3 of 5"
check "the prompt tells the count" "^filter: source:wire .*3 of 5"
check "no longer filtering" "3 of 5 \\| 5 unread in all \\| sort"

# Tab while a match runs: its list of tags stays in the prompt when the
# match (of the completed word) lands; the status line has the count, and
# the next key brings the prompt's count back
T send-keys -t t C-u
T send-keys -t t -l "tag:c"
T send-keys -t t Tab
now "Tab while a match runs: completed, the rest listed" "^filter: tag:city +city +city/kyiv"
until_never "the match landing leaves Tab's list" "^filter: tag:city +[0-9]+ of 5" \
	"filter: tag:city, 2 of 5 \\| 5 unread in all"
check "... which is still there" "^filter: tag:city +city +city/kyiv"
T send-keys -t t -l "/"
T send-keys -t t BSpace
check "the next key: the count again" "^filter: tag:city +2 of 5"
T send-keys -t t C-u
T send-keys -t t -l "source:wire"
check "source:wire again" "filter: source:wire, 3 of 5 \\| 5 unread in all"

# Enter while the match runs: the list answers keys meanwhile
T send-keys -t t C-u
T send-keys -t t -l "tag:economy"
T send-keys -t t Enter
now "Enter while it runs: said so" "^Filtering…"
T send-keys -t t j
now "j moves the selection while the match runs" "Articles 2/5"
check "then it applies, and says so" "^3 of 5 articles match\\."
check "the last query is the filter" "filter: tag:economy, 3 of 5"

# a word (the body) once the index is built: the match asks the index on
# its own thread
check "the index is built" "filter: tag:economy, 3 of 5 \\| 5 unread in all \\| sort"
T send-keys -t t f C-u
T send-keys -t t -l "harvest"
T send-keys -t t Enter
check "a body word through the index" "^2 of 5 articles match\\."
T send-keys -t t q
check "quit" "EXIT=0"

# picked WHAT COUNT QUERY: after the pick, "Filtering…" while the match is
# held back, then COUNT; QUERY is in the filter history; then quit
picked() {
	now "the $1 picked: filtering" "^Filtering…"
	check "then the $1's count" "$2"
	T send-keys -t t f C-u Up
	check "the $1 in the filter history" "^filter: $3"
	T send-keys -t t Escape q
	check "quit after the $1" "EXIT=0"
}

# ---- a tag picked from the tag browser while its match runs
start 100 30 "cd $TOP && DOSSIER_TEST_JOB_DELAY_MS=3000 XDG_STATE_HOME=$TMP/st2 $DOSSIER --corpus tests/data/find"
check "loaded again" "5 articles, 5 unread"
T send-keys -t t t
check "t opens the tag browser" "Tags \\([0-9]+\\)"
T send-keys -t t /
T send-keys -t t -l "war"
T send-keys -t t Enter Enter
picked tag "^2 of 5 articles match\\." "tag:war"

# ---- a saved search picked while its match runs: the count names it
mkdir -p "$TMP/conf/dossier"
printf 'searches:\n  economy: tag:economy\n' >"$TMP/conf/dossier/config.yaml"
start 100 30 "cd $TOP && DOSSIER_TEST_JOB_DELAY_MS=3000 XDG_CONFIG_HOME=$TMP/conf XDG_STATE_HOME=$TMP/st3 $DOSSIER --corpus tests/data/find"
check "loaded with a saved search" "5 articles, 5 unread"
T send-keys -t t S
check "S lists it" "1 economy"
T send-keys -t t Enter
picked search "^@economy: 3 of 5 articles\\." "@economy"

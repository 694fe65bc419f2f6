# Shared by the tmux tests (tests/term/*.sh), sourced after tests/lib.sh:
# a private tmux server, polling helpers that wait on the screen (bounded,
# never a fixed sleep), and sessions that run one command in a fixed size.
# Exits the test with a skip when tmux is missing.
if ! command -v tmux >/dev/null 2>&1; then skip "tmux not installed"; exit 0; fi
[ -x "$DOSSIER" ] || { fail "build" "$DOSSIER missing"; exit 0; }
SOCK="$TMP/tmux.sock"
T() { tmux -S "$SOCK" "$@"; }
# a reader killed with the server may still be saving its state: retry
trap 'T kill-server 2>/dev/null; rm -rf "$TMP" 2>/dev/null || { sleep 0.5; rm -rf "$TMP"; }' EXIT

# wait_for [SESSION] PATTERN: poll the pane (bounded, 10 s) until a line
# matches; SESSION defaults to t.
wait_for() {
	s=t; [ $# -gt 1 ] && { s=$1; shift; }
	i=0
	while [ $i -lt 200 ]; do
		if T capture-pane -p -t "$s" 2>/dev/null | grep -Eq -- "$1"; then return 0; fi
		i=$((i + 1)); sleep 0.05
	done
	return 1
}
# wait_signed [SESSION]: poll (bounded, 10 s) until the related pane no
# longer says the texts are being read (the reader's background signing,
# tui/simjob.c, has ended), so a capture compares with a headless dump,
# which signs before its first screen
wait_signed() {
	i=0
	# the title may be cut: "Related by tags; readi"
	while [ $i -lt 200 ] && T capture-pane -p -t "${1:-t}" 2>/dev/null |
		grep -Eq 'Related( [0-9]+/[0-9]+,)? by tags|Reading the texts'; do
		i=$((i + 1)); sleep 0.05
	done
}
# check NAME PATTERN [SESSION]: an assertion that waits for PATTERN
check() {
	if wait_for "${3:-t}" "$2"; then pass "$1"; else
		fail "$1" "no /$2/ on screen"; T capture-pane -p -t "${3:-t}" >&2; fi
}
# start_in SESSION COLS ROWS CMD: a shell in a fixed-size session running
# CMD, then printing EXIT=status and lingering so the screen can be read
start_in() {
	T kill-session -t "$1" 2>/dev/null
	T -f /dev/null new-session -d -s "$1" -x "$2" -y "$3" "sh -c '$4; echo EXIT=\$?; sleep 60'"
}
start() { start_in t "$@"; } # start COLS ROWS CMD

# a session that lives for the whole test keeps the server up between runs
T -f /dev/null new-session -d -s keep -x 20 -y 5 "sleep 900"

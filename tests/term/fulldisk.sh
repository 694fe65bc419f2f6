#!/bin/sh
# A full disk under the reading state, in a real terminal (tmux): marking
# says NOT SAVED (never "Marked"), q asks instead of quitting, r retries
# once there is room (exit 0, the mark saved), w writes the state to a file
# the user names (exit 1, the file opens with --state), Q quits losing the
# changes (exit 1, each listed). Run twice: on a real 64 KiB tmpfs filled
# up (skipped when mount is not permitted) and with the injected ENOSPC
# (DOSSIER_TEST_FAIL_AT=write@FLAG: writes fail while FLAG exists, the
# copy too, so there w shows why it failed).
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../tmuxlib.sh"
CORPUS="$TOP/tests/data/tui"

# scenario NAME DIR FULL FREE ENV: DIR holds the state; FULL and FREE are
# commands that fill the disk and make room again
scenario() {
	name=$1 dir=$2 full=$3 free=$4 env=$5
	st="$dir/state.yaml"
	D="$env $DOSSIER --corpus $CORPUS --state $st"
	# 1: mark on a full disk, q asks, room comes back, r saves and quits
	eval "$full"
	start_in t 100 24 "$D"
	check "$name: start" "Articles 1/9"
	T send-keys -t t Enter 2 m
	check "$name: marking says NOT SAVED with the reason" "^NOT SAVED \(write\): No space left on device"
	check "$name: the status line keeps NOT SAVED" "^ NOT SAVED: [0-9]+ changes? \|"
	if T capture-pane -p -t t | grep -q "Marked [0-9]"; then fail "$name: never 'Marked'"
	else pass "$name: never 'Marked'"; fi
	T send-keys -t t q
	check "$name: q asks" "changes? NOT SAVED: r retry, w write to a file, Q quit losing them"
	T send-keys -t t r
	check "$name: r on a full disk asks again" "changes? NOT SAVED: r retry"
	eval "$free"
	T send-keys -t t r
	check "$name: r with room saves and quits" "EXIT=0"
	run_status "$DOSSIER" --corpus "$CORPUS" --state "$st" marks
	assert_match "$name: the mark reached the state file" "^2024/air-defense-kyiv	0	" "$OUT"

	# 2: a change on a full disk, w writes the state to a named file
	eval "$full"
	start_in t 100 24 "$D"
	check "$name: restart" "Articles 1/9"
	T send-keys -t t j Enter 2 m q
	check "$name: w: q asks" "changes? NOT SAVED: r retry"
	T send-keys -t t w
	check "$name: w asks for a file" "^write the reading state to:"
	T send-keys -t t "$TMP/$name-copy.yaml" Enter
	if [ "$name" = injected ]; then # every write fails: so does the copy
		check "$name: w on a full disk says why" "copy.yaml: reading state not written \(write\): No space left"
		T send-keys -t t Q
		check "$name: then Q quits with status 1" "EXIT=1"
	else
		check "$name: w writes the copy and quits with status 1" "EXIT=1"
		check "$name: w says where the changes are" "changes? written to $TMP/$name-copy.yaml instead"
		run_status "$DOSSIER" --corpus "$CORPUS" --state "$TMP/$name-copy.yaml" marks
		assert_match "$name: the copy holds the old mark" "^2024/air-defense-kyiv	0	" "$OUT"
		assert_match "$name: the copy holds the new mark" "^2024/power-grid	0	" "$OUT"
	fi

	# 3: Q quits losing the changes: each listed, status 1
	start_in t 100 24 "$D"
	check "$name: third start" "Articles 1/9"
	T send-keys -t t j j Enter 2 m q
	check "$name: Q: q asks" "changes? NOT SAVED: r retry"
	T send-keys -t t Escape
	check "$name: Esc goes on reading, still NOT SAVED" "^NOT SAVED \(write\): No space left on device: changes kept in memory"
	T send-keys -t t q Q
	check "$name: Q quits with status 1" "EXIT=1"
	check "$name: the lost changes are listed" "^dossier: [0-9]+ changes lost:"
	check "$name: the lost mark is listed" "^  mark added in 2024/atacms: \""
	eval "$free"
	run_status "$DOSSIER" --corpus "$CORPUS" --state "$st" marks
	assert_no_match "$name: the lost mark is not in the state file" "^2024/atacms" "$OUT"
}

if mkdir -p "$TMP/full" && mount -t tmpfs -o size=64k tmpfs "$TMP/full" 2>/dev/null; then
	scenario tmpfs "$TMP/full" \
		'dd if=/dev/zero of="$dir/filler" bs=4k count=64 2>/dev/null; :' \
		'rm -f "$dir/filler"' ""
	T kill-session -t t 2>/dev/null
	umount "$TMP/full" 2>/dev/null || umount -l "$TMP/full"
else
	skip "tmpfs full disk (mount not permitted; the injected ENOSPC still runs)"
fi
mkdir -p "$TMP/inj"
scenario injected "$TMP/inj" 'touch "$TMP/disk-full"' 'rm -f "$TMP/disk-full"' \
	"DOSSIER_TEST_FAIL_AT=write@$TMP/disk-full"
T kill-session -t t 2>/dev/null

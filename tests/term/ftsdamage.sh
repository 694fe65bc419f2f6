#!/bin/sh
# The full-text index damaged under the reader (tmux): 24 bytes written
# over the .fts file while the reader runs are found before the next word
# filter is answered; the filter is answered from the files (the right
# count), the damage is said once, and the index is rebuilt in the
# background. Damage found when the index is opened is said once too.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../tmuxlib.sh"
command -v python3 >/dev/null 2>&1 || { skip "python3 missing (collection generator)"; exit 0; }
C="$TMP/big"
python3 "$TOP/tests/bench/gen.py" 600 "$C" >/dev/null
n_tunnel=$("$DOSSIER" --no-cache --corpus "$C" list tunnel | wc -l | tr -d ' ')
n_ferry=$("$DOSSIER" --no-cache --corpus "$C" list ferry | wc -l | tr -d ' ')
"$DOSSIER" --corpus "$C" list flood >/dev/null # builds the index
F=$(ls "$XDG_CACHE_HOME"/dossier/*.fts)
# the reader may still be stamping the index it opened (FILE.sum: size,
# mtime): the damage comes after that, or the race is the test's, not the
# reader's (bounded wait)
stamped() {
	python3 - "$F" <<'PY'
import os, sys, time
f = sys.argv[1]
for _ in range(200):
    try:
        w = open(f + ".sum").read().split()
        st = os.stat(f)
        if int(w[4]) == st.st_size and int(w[5]) * 10**9 + int(w[6]) == st.st_mtime_ns:
            sys.exit(0)
    except (OSError, IndexError, ValueError):
        pass
    time.sleep(0.05)
sys.exit(1)
PY
}
overwrite() { stamped; printf 'XXXXXXXXXXXXXXXXXXXXXXXX' | dd of="$F" bs=1 seek=50000 conv=notrunc 2>/dev/null; }

start_in t 100 24 "$DOSSIER --corpus $C"
check "start" "Articles 1/600"
# the reader's own check of the files ends first ("filter: none" comes
# with it): until then the index is not opened and a word is answered
# from the files, so the damage would be found when the index opens (the
# case below), as a loaded machine once showed
check "the files checked" "filter: none \\| 600 articles, 600 unread \\| sort"
T send-keys -t t f tunnel Enter
check "filter from the sound index" "^$n_tunnel of 600 articles match\."
overwrite
T send-keys -t t f C-u ferry Enter
check "the answer is right (from the files)" "filter: ferry, $n_ferry of 600"
# the message line may already show the next message: the session's
# messages (!) keep every one
T send-keys -t t '!'
check "damage found before the answer, said" "full-text index damaged \(checksum mismatch\): answered from the files"
T send-keys -t t Escape
T send-keys -t t f C-u tunnel Enter
check "after the rebuild: right, nothing said" "^$n_tunnel of 600 articles match\."
T send-keys -t t q
check "quit" "EXIT=0"

# damaged while no reader ran: the open finds it, says so once
overwrite
start_in t 100 24 "$DOSSIER --corpus $C"
check "restart" "Articles 1/600"
# as above: a word typed before the reader's own file check ends is
# answered from the files, and the index (and its damage) is opened later
check "the files checked again" "filter: none \\| 600 articles, 600 unread \\| sort"
T send-keys -t t f tunnel Enter
check "the filter is right" "filter: tunnel, $n_tunnel of 600"
T send-keys -t t '!'
check "opening the index finds the damage, said" "full-text index damaged \(checksum mismatch\): rebuilt"
T send-keys -t t Escape
T send-keys -t t f C-u ferry Enter
check "said once" "^$n_ferry of 600 articles match\."
T send-keys -t t q
check "quit again" "EXIT=0"
run_status "$DOSSIER" --corpus "$C" check --index
assert_eq "the rebuilt index is sound" "0" "$STATUS"
T kill-session -t t

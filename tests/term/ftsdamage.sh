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
overwrite() { printf 'XXXXXXXXXXXXXXXXXXXXXXXX' | dd of="$F" bs=1 seek=50000 conv=notrunc 2>/dev/null; }

start_in t 100 24 "$DOSSIER --corpus $C"
check "start" "Articles 1/600"
T send-keys -t t f tunnel Enter
check "filter from the sound index" "^$n_tunnel of 600 articles match\."
overwrite
T send-keys -t t f C-u ferry Enter
check "damage found before the answer, said" "^full-text index damaged \(checksum mismatch\): answered from the files"
check "the answer is right (from the files)" "filter: ferry, $n_ferry of 600"
T send-keys -t t f C-u tunnel Enter
check "after the rebuild: right, nothing said" "^$n_tunnel of 600 articles match\."
T send-keys -t t q
check "quit" "EXIT=0"

# damaged while no reader ran: the open finds it, says so once
overwrite
start_in t 100 24 "$DOSSIER --corpus $C"
check "restart" "Articles 1/600"
T send-keys -t t f tunnel Enter
check "opening the index finds the damage, said" "^full-text index damaged \(checksum mismatch\): rebuilt"
check "the filter is right" "filter: tunnel, $n_tunnel of 600"
T send-keys -t t f C-u ferry Enter
check "said once" "^$n_ferry of 600 articles match\."
T send-keys -t t q
check "quit again" "EXIT=0"
run_status "$DOSSIER" --corpus "$C" check --index
assert_eq "the rebuilt index is sound" "0" "$STATUS"
T kill-session -t t

#!/bin/sh
# Loading a large collection shows progress in the status line instead of
# a frozen screen (issue 3): 4,000 files, no cache, each read slowed by
# 500 µs (DOSSIER_TEST_FEED_DELAY_US, a slow disk: it was 40,000 files at
# full speed, ten times the files to write and read), the pane polled
# while the reader loads; then the first screen. Waits by polling, never
# sleeps.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../tmuxlib.sh"

C="$TMP/big"
python3 - "$C" <<'PY'
import os, sys
root = sys.argv[1]
for d in range(40):
    os.makedirs(os.path.join(root, "f%02d" % d))
    for i in range(100):
        with open(os.path.join(root, "f%02d" % d, "a%04d.md" % i), "w") as f:
            f.write("Headline %d %d about the grid\n\nA short body of text about air defence.\n" % (d, i))
PY

T -f /dev/null new-session -d -s t -x 100 -y 20 "DOSSIER_TEST_FEED_DELAY_US=500 $DOSSIER --no-cache --corpus $C; sleep 30"
seen=""
i=0
while [ $i -lt 400 ]; do # up to 20 s
	screen=$(T capture-pane -p -t t 2>/dev/null)
	if printf '%s\n' "$screen" | grep -Eq "Loading: [0-9,]+ of 4,000 files"; then seen=progress; fi
	if printf '%s\n' "$screen" | grep -q "4000 articles"; then break; fi
	i=$((i + 1)); sleep 0.05
done
assert_eq "progress shown in the status line while loading" "progress" "$seen"
assert_match "then the first screen" "4000 articles" "$(T capture-pane -p -t t)"

#!/bin/sh
# A cold start (no cache) of 4,000 articles shows the list growing while
# the files are read (issue 20): rows and "Loading: N of 4,000 files"
# together on screen before the load ends, keys moving the cursor during
# it, then the full count with the cursor still on its article. Each read
# is slowed (DOSSIER_TEST_FEED_DELAY_US=750, a slow disk) so that a fast
# machine still shows the partial list (it was 20,000 articles at 150 µs:
# the same load time, five times the files); waits by polling the pane.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../tmuxlib.sh"

C="$TMP/big"
python3 - "$C" <<'PY'
import datetime, os, random, sys
root = sys.argv[1]
# later files are newer: read later, they come in above the rows shown
day0 = datetime.date(2000, 1, 1)
names = ["Zoë Brontë", "Łukasz Nowak", "José Núñez", "王芳", "Ahmed Saïd"]
# a body of its own per article (its number in every word triple): one
# body for all made them copies of one text, folded into one row when
# the near-duplicate job ended (a race with the checks below)
words = ("air defence café prices 東京 grid harbour barrier flood ministry "
         "council budget rail drought tariff vote reservoir ferry union "
         "strike pension clinic wheat port").split()
rng = random.Random(20)
for d in range(20):
    os.makedirs(os.path.join(root, "f%02d" % d))
    for i in range(200):
        n = d * 200 + i
        with open(os.path.join(root, "f%02d" % d, "a%04d.md" % i), "w") as f:
            f.write("---\ntitle: “Headline %d” — %s on the grid\ndate: %s\n---\n"
                    "A short body about %s.\n"
                    % (n, names[n % 5], day0 + datetime.timedelta(days=n),
                       " ".join("%s %s-%d" % (rng.choice(words), rng.choice(words), n)
                                for _ in range(6))))
PY

T -f /dev/null new-session -d -s t -x 120 -y 20 \
	"DOSSIER_TEST_FEED_DELAY_US=750 $DOSSIER --no-cache --corpus $C; sleep 60"
# the list's third row (the pane's fourth line): its headline number
row3() { T capture-pane -p -t t | sed -n '4s/^[▶•] [0-9-]* “Headline \([0-9]*\)”.*/\1/p'; }
partial="" keys="" picked="" i=0
while [ $i -lt 1200 ]; do # up to 60 s
	screen=$(T capture-pane -p -t t 2>/dev/null)
	# rows listed, a count short of the whole, and the progress line at once
	n=$(printf '%s\n' "$screen" | sed -n 's/.*| \([0-9][0-9]*\) articles, .*Loading: [0-9,]* of 4,000 files.*/\1/p')
	# (keys once a screenful is listed: a selection in the last screenful
	# cannot keep its row, the list does not scroll past its end)
	if [ -n "$n" ] && [ "$n" -gt 0 ] && [ "$n" -lt 4000 ] &&
		printf '%s\n' "$screen" | grep -q "^▶ 20[0-9-]* “Headline"; then
		partial="$n"
		if [ -z "$keys" ] && [ "$n" -gt 40 ]; then T send-keys -t t j j; keys=sent; fi
	fi
	# once the keys are in, the selection is on the third row and stays on
	# that row of the screen (rows come in above it, the list scrolls)
	if [ -n "$keys" ] && [ -z "$picked" ] &&
		printf '%s\n' "$screen" | grep -Eq "Articles ([3-9]|[1-9][0-9]+)/"; then picked=$(row3); fi
	if printf '%s\n' "$screen" | grep -q "filter: none | 4000 articles"; then break; fi
	i=$((i + 1)); sleep 0.05
done
if [ -n "$partial" ]; then pass "rows and the progress line while loading ($partial articles listed)"; else
	fail "rows and the progress line while loading" "never saw a partial list"; fi
check "then the whole collection" "filter: none \| 4000 articles, 4000 unread"
assert_match "no progress line once loaded" "^$" \
	"$(T capture-pane -p -t t | grep 'Loading' || true)"
if [ -n "$picked" ]; then
	assert_eq "the article selected during the load is still selected, on its row" \
		"$picked" "$(row3)"
	assert_match "... which moved down the list as rows came in above it" \
		"Articles ([4-9]|[1-9][0-9]+)/4000" "$(T capture-pane -p -t t)"
else
	fail "a key during the load" "the selection never moved"
fi

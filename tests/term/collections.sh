#!/bin/sh
# Switching collections in the reader (C): the overlay lists the named
# collections with the current one ticked, Enter switches (the status line
# names the collection), and each collection keeps its own reading state:
# marks made in one never show in the other, and switching back returns to
# the article read there. Also ! (the messages overlay) in a real terminal.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../tmuxlib.sh"
mkdir -p "$XDG_CONFIG_HOME/dossier" "$TMP/news/2024" "$TMP/work"
cp -R "$TOP/tests/data/tui/." "$TMP/work/"
printf -- '---\ntitle: Réunion à Genève — “quotes”\ndate: 2024-05-01\ntags: [diplomacy]\n---\nLes délégués sont arrivés à Genève.\n\nUne deuxième phrase, plus longue, pour la marque.\n' >"$TMP/news/2024/geneve.md"
printf -- '---\ntitle: 東京の会議\ndate: 2024-05-02\ntags: [diplomacy]\n---\n会議は東京で開かれた。\n' >"$TMP/news/2024/tokyo.md"
cat >"$XDG_CONFIG_HOME/dossier/config.yaml" <<CFG
collections:
  news: $TMP/news
  work: $TMP/work
  gone: $TMP/nowhere
CFG

start 100 24 "$DOSSIER -C news"
check "starts on news, named in the status line" "^ news \| filter: none"
T send-keys -t t j Enter 2 m
check "mark in news" "Marked .*\(1 in this article\)"
T send-keys -t t C
check "collections overlay" "Collections +Enter switches"
check "news ticked as current" "✓ news +$TMP/news +\(reading\)"
check "a missing folder is shown" "gone +$TMP/nowhere +\(missing\)"
T send-keys -t t j Enter
check "switched: the status line names work" "^ work \| filter: none"
check "work's articles" "Articles 1/9"
check "work: the messages key in the status line" "3 problems \(!\)"
T send-keys -t t M
check "work has no marks of news" "No marks yet"
T send-keys -t t 1 j j Enter 2 m
check "mark in work" "Marked .*\(1 in this article\)"
T send-keys -t t '!'
check "! lists the load problems" "hostile.md:11:10: warning: invalid UTF-8"
check "! lists the messages, the switch too" "Reading work: $TMP/work"
T send-keys -t t q C
check "work ticked as current" "✓ work +$TMP/work +\(reading\)"
T send-keys -t t j Enter
check "gone: the folder is refused, the overlay stays" "gone: $TMP/nowhere is not a folder"
check "the overlay stays open" "Collections +Enter switches"
T send-keys -t t k k Enter
check "switched back to news" "^ news \| filter: none"
check "news reopens the article read there" "▶ 2024-05-01 Réunion à Gen"
T send-keys -t t M
check "news's marks view has its one mark" "Marks 1/1 "
check "the mark is the Geneva passage" "Réunion à Genève"
T send-keys -t t q q
check "quit" "EXIT=0"

run_status "$DOSSIER" -C news marks
assert_match "news state: its mark" "^2024/geneve	" "$OUT"
assert_eq "news state: only its mark" 1 "$(printf '%s\n' "$OUT" | grep -c .)"
run_status "$DOSSIER" -C work marks
assert_match "work state: its mark" "^2024/long-range|^2024/" "$OUT"
assert_eq "work state: only its mark" 1 "$(printf '%s\n' "$OUT" | grep -c .)"
case "$OUT" in *geneve*) fail "work state holds no news mark";; *) pass "work state holds no news mark";; esac

# a reading state that cannot be saved is never dropped by a switch
touch "$TMP/fail"
start 100 24 "DOSSIER_TEST_FAIL_AT=write@$TMP/fail $DOSSIER -C news"
check "start (saving fails)" "^ news \| filter: none"
T send-keys -t t 2 G m
check "the mark is not saved" "NOT SAVED"
T send-keys -t t C j Enter
check "no switch while the state is not saved" "Not switched to work: the reading state here is NOT SAVED"
check "still news" "^ NOT SAVED: [0-9]+ changes? \| news \|"
rm "$TMP/fail"
T send-keys -t t C j Enter
check "once it saves, the switch goes ahead" "^ work \| filter: none"
T send-keys -t t q
check "quit (after the failed save)" "EXIT=0"
run_status "$DOSSIER" -C news marks
assert_eq "news: the mark saved at the switch" 2 "$(printf '%s\n' "$OUT" | grep -c .)"

# no collections in the config: C says how to name some
rm "$XDG_CONFIG_HOME/dossier/config.yaml"
start 100 24 "$DOSSIER --corpus $TMP/news"
check "unnamed folder: its path in the status line" "^ $TMP/news \| filter"
T send-keys -t t C
check "C without collections says how to add them" "No collections in the config"
T send-keys -t t q
check "quit (no collections)" "EXIT=0"

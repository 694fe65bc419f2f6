#!/bin/sh
# Saved searches in a real terminal (tmux): S shows the searches with their
# counts, Enter applies one (the status line names it), reading an article
# of it lowers its unread count in the status line and in the view, and a
# query saved from the filter prompt with Ctrl-S appears there.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../tmuxlib.sh"
mkdir -p "$XDG_CONFIG_HOME/dossier"
cat >"$XDG_CONFIG_HOME/dossier/config.yaml" <<'EOF'
searches:
  economy: tag:economy
  kyiv-war: "tag:city/kyiv tag:war"
EOF
start 100 30 "cd $TOP && $DOSSIER --corpus tests/data/find"
check "start" "Articles 1/5"
T send-keys -t t S
check "S lists the searches with counts" "1 economy +3 +3  tag:economy"
check "and the second" "2 kyiv-war +1 +1  tag:city/kyiv tag:war"
T send-keys -t t Enter
check "Enter applies it, the status line names it" "search: economy, 3 of 5, 3 unread"
T send-keys -t t Enter
check "reading one of its articles: 2 unread" "search: economy, 3 of 5, 2 unread"
T send-keys -t t S
check "the view counts it too" "1 economy +3 +2  tag:economy"
T send-keys -t t 2
check "2 applies the second search" "search: kyiv-war, 1 of 5, 1 unread"
T send-keys -t t f C-u
T send-keys -t t -l "source:wire"
T send-keys -t t C-s
check "Ctrl-S asks for a name" "^save search as:"
T send-keys -t t -l "wires"
T send-keys -t t Enter
check "saved and applied" "Saved as @wires: 3 of 5 articles"
check "named in the status line" "search: wires, 3 of 5"
T send-keys -t t S
check "listed in the view" "3 wires +3 +[0-9]+  source:wire"
T send-keys -t t q q
check "quit" "EXIT=0"

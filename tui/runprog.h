/* SPDX-License-Identifier: MIT
 * Outside programs run with the terminal handed over (curses left, the
 * screen restored after); what went wrong said on the message line. */
#ifndef DOSSIER_TUI_RUNPROG_H
#define DOSSIER_TUI_RUNPROG_H

#include <stdbool.h>

#include "core/base/launch.h"

struct tui;

/* Run the commands (launch_spawn: the first that runs); frees cmds.
 * 0 when one ran and exited 0, else -1 with the reason on the message
 * line (editor: the hint names $VISUAL/$EDITOR, else $BROWSER). */
int runprog_cmds(struct tui *t, struct launch_cmds *cmds, bool editor);
/* $VISUAL/$EDITOR (else editor, vi) on path, as argv (no shell). */
int runprog_editor(struct tui *t, const char *path);

#endif

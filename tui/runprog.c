/* SPDX-License-Identifier: MIT
 * Handing the terminal to an outside program ($BROWSER, $VISUAL/$EDITOR
 * for an article or a note) and taking it back. Its own file so that
 * whoever runs one (tui_run.c, marknote.c) does not call back into the
 * key loop's files. */
#include "tui/runprog.h"

#include <stdlib.h>
#include <string.h>

#include "tui/context.h"
#include "tui/term.h"
#include "tui/tui.h"

/* Run the commands with the terminal handed over; the outcome on the
 * message line. Frees cmds; 0 when the command ran and exited 0. */
int runprog_cmds(struct tui *t, struct launch_cmds *cmds, bool editor)
{
	if (!t->headless) term_suspend();
	struct launch_result res;
	int rc = launch_spawn(cmds, &res);
	if (!t->headless) term_resume();
	if (rc < 0)
		context_message(t, true, "Could not run %s%s: %s (set $%s).", cmds->cmd[0].v[0],
				cmds->n > 1 ? " or the others" : "", strerror(res.err),
				editor ? "VISUAL or $EDITOR" : "BROWSER");
	else if (res.status != 0)
		context_message(t, true, "%s exited with status %d.", cmds->cmd[res.ran].v[0],
				res.status);
	launch_cmds_free(cmds);
	return rc == 0 && res.status == 0 ? 0 : -1;
}

int runprog_editor(struct tui *t, const char *path)
{
	struct launch_cmds cmds;
	launch_editor_argv(getenv("VISUAL"), getenv("EDITOR"), path, 0, &cmds);
	return runprog_cmds(t, &cmds, true);
}

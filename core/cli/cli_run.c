/* SPDX-License-Identifier: MIT
 * Subcommand dispatch: the one place that links every command, so the
 * commands and the helpers they share (core/cli/cli.c, core/cli/cli_options.c)
 * never call round through the table. */
#include "core/cli/cli.h"

#include <errno.h>
#include <string.h>

#include "core/find/ftsindex.h"

#define CLI_RUNNER(name, run, operands, summary, flags) run,
static int (*const cli_runners[])(struct cli_ctx *, const struct cli_args *) = {
	CLI_COMMAND_TABLE(CLI_RUNNER)};
#undef CLI_RUNNER

int cli_run(struct cli_ctx *cx, int argc, char **argv)
{
	const struct cli_command *c = cli_command_find(argv[0]);
	if (!c) {
		cli_error(cx, "unknown command '%s' (try dossier --help)", argv[0]);
		return EXIT_USAGE;
	}
	struct cli_args a;
	int rc = cli_args_parse(&a, c->name, argc, argv, cx->err);
	if (rc != 0) return rc;
	if (cli_flag(&a, "help")) {
		cli_command_help_print(cx->out, c);
		return EXIT_OK;
	}
	/* the full check past check-every goes to the background, before any
	 * thread starts; `refresh` is that check, in the foreground */
	if (cli_runners[c - cli_commands] != cli_refresh) cli_sweep_begin(cx);
	rc = cli_runners[c - cli_commands](cx, &a);
	ftsindex_close(cx->fts);
	cx->fts = NULL;
	cx->fts_tried = false;
	if (cx->loaded && cx->exiting) dossier_close_exiting(&cx->d);
	else if (cx->loaded) dossier_close(&cx->d);
	cx->loaded = false;
	/* A closed or failing stdout (dossier list >&-) must not look
	 * like success: every fputs before this went unchecked. */
	errno = 0;
	if (fflush(cx->out) != 0 || ferror(cx->out)) {
		cli_error(cx, "cannot write the output: %s", strerror(errno ? errno : EIO));
		if (rc == EXIT_OK) rc = EXIT_PROBLEM;
	}
	return rc;
}

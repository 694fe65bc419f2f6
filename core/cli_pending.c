/* SPDX-License-Identifier: MIT
 * Subcommands whose implementation has not landed yet: they say so plainly
 * and fail. Each moves to its own cli_*.c when it is built. */
#include "core/cli.h"

static int pending(struct cli_ctx *cx, const char *name)
{
	cli_error(cx, "%s: not implemented yet", name);
	return EXIT_PROBLEM;
}


int cli_import(struct cli_ctx *cx, int argc, char **argv) { (void)argc; return pending(cx, argv[0]); }

/* SPDX-License-Identifier: MIT
 * Subcommand dispatch for the scriptable front end. One table names every
 * command with its usage line, so `--help` and the dispatcher agree. */
#include "core/cli.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "core/util.h"

struct cli_cmd {
	const char *name;
	int (*run)(struct cli_ctx *cx, int argc, char **argv);
	const char *usage;
};

static const struct cli_cmd commands[] = {
	{"list", cli_list, "list [--json] [QUERY]"},
	{"show", cli_show, "show ID"},
	{"related", cli_related, "related [-n N] [--json] ID"},
	{"tags", cli_tags, "tags [--json]"},
	{"check", cli_check, "check"},
	{"marks", cli_marks, "marks [--json] [QUERY]"},
	{"mark", cli_mark, "mark ID START END"},
	{"export", cli_export, "export [-f md|txt|yaml|json|org|annotation] [-o FILE] [--force] [QUERY]"},
	{"import", cli_import, "import [--into DIR] [--source NAME] [--verbose] FILE..."},
	/* hidden: used by make bench, not in --help */
	{"bench-related", cli_bench_related, "bench-related [N]"},
	{"bench-query", cli_bench_query, "bench-query [--no-index] QUERY..."},
};

void cli_error(struct cli_ctx *cx, const char *fmt, ...)
{
	va_list ap;
	fputs("dossier: ", cx->err);
	va_start(ap, fmt);
	vfprintf(cx->err, fmt, ap);
	va_end(ap);
	fputc('\n', cx->err);
}

bool cli_is_command(const char *name)
{
	for (size_t i = 0; i < ARRAY_LEN(commands); i++)
		if (strcmp(commands[i].name, name) == 0) return true;
	return false;
}

int cli_load(struct cli_ctx *cx)
{
	if (cx->loaded) return 0;
	const char *env = getenv("DOSSIER_NO_CACHE");
	if (env && strcmp(env, "1") == 0) cx->no_cache = true;
	const struct dossier_open_opts o = {
		.fm = cx->fieldmap, .vocab = cx->vocab, .vocab_hash = cx->vocab_hash,
		.use_cache = !cx->no_cache};
	if (dossier_open_with(&cx->d, cx->corpus, &o) < 0) {
		for (size_t i = 0; i < cx->d.diags.n; i++) {
			char *s = diag_format(&cx->d.diags.items[i]);
			cli_error(cx, "%s", s);
			free(s);
		}
		dossier_close(&cx->d);
		return -1;
	}
	if (cx->d.cache_note) cli_error(cx, "%s", cx->d.cache_note);
	cx->loaded = true;
	return 0;
}

int cli_run(struct cli_ctx *cx, int argc, char **argv)
{
	for (size_t i = 0; i < ARRAY_LEN(commands); i++) {
		if (strcmp(commands[i].name, argv[0]) != 0) continue;
		for (int a = 1; a < argc; a++) {
			if (strcmp(argv[a], "--") == 0) break;
			if (strcmp(argv[a], "--help") == 0 || strcmp(argv[a], "-h") == 0) {
				fprintf(cx->out, "usage: dossier [--corpus DIR] %s\n", commands[i].usage);
				return EXIT_OK;
			}
		}
		int rc = commands[i].run(cx, argc, argv);
		if (cx->loaded) dossier_close(&cx->d);
		cx->loaded = false;
		return rc;
	}
	cli_error(cx, "unknown command '%s' (try dossier --help)", argv[0]);
	return EXIT_USAGE;
}

/* SPDX-License-Identifier: MIT
 * Subcommand dispatch for the scriptable front end. One table names every
 * command with its usage line, so `--help` and the dispatcher agree. */
#include "core/cli.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/query.h"
#include "core/store.h"
#include "core/strbuf.h"
#include "core/ftsindex.h"
#include "core/util.h"

struct cli_cmd {
	const char *name;
	int (*run)(struct cli_ctx *cx, int argc, char **argv);
	const char *usage;
};

static const struct cli_cmd commands[] = {
	{"list", cli_list, "list [--json] [QUERY]"},
	{"show", cli_show, "show [--raw] ID"},
	{"links", cli_links, "links [--json] ID"},
	{"related", cli_related, "related [-n N] [--json] ID"},
	{"tags", cli_tags, "tags [--json]"},
	{"check", cli_check, "check"},
	{"marks", cli_marks, "marks [--json] [QUERY]"},
	{"mark", cli_mark, "mark ID START END"},
	{"export", cli_export, "export [-f md|txt|yaml|json|org|annotation] [-o FILE] [--force] [QUERY]"},
	{"import", cli_import, "import [--into DIR] [--source NAME] [-v | --verbose] FILE..."},
	{"collections", cli_collections, "collections"},
	/* hidden: candidates for the shell completion scripts, not in --help */
	{"complete", cli_complete, "complete ids|tags|fields|formats|collections [--] [PREFIX]"},
	/* hidden: used by make bench, not in --help */
	{"bench-related", cli_bench_related, "bench-related [N]"},
	{"bench-query", cli_bench_query, "bench-query [--no-index] QUERY..."},
	{"bench-render", cli_bench_render, "bench-render [--format F] FILE [RUNS]"},
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

void cli_print_diags(struct cli_ctx *cx, struct diag_list *dl)
{
	for (size_t i = 0; i < dl->n; i++) {
		char *s = diag_format(&dl->items[i]);
		cli_error(cx, "%s", s);
		free(s);
	}
	diag_list_free(dl);
}

struct store *cli_store_open(struct cli_ctx *cx)
{
	char *path = cx->state_path ? xstrdup(cx->state_path) : store_default_path(cx->corpus);
	if (!path) {
		cli_error(cx, "no place for the reading state: set XDG_STATE_HOME or HOME, or use --state FILE");
		return NULL;
	}
	struct diag_list dl = DIAG_LIST_INIT;
	struct store *st = store_open(path, &dl);
	free(path);
	cli_print_diags(cx, &dl);
	return st;
}

int cli_query_parse(struct cli_ctx *cx, const char *cmd, int n, char **words, struct query **q)
{
	struct strbuf text = STRBUF_INIT;
	bool opts = true;
	*q = NULL;
	for (int i = 0; i < n; i++) {
		if (opts && strcmp(words[i], "--") == 0) {
			opts = false;
			continue;
		}
		if (opts && strncmp(words[i], "--", 2) == 0) {
			cli_error(cx, "%s: unknown option '%s'", cmd, words[i]);
			strbuf_free(&text);
			return EXIT_USAGE;
		}
		if (text.len) strbuf_addc(&text, ' ');
		strbuf_adds(&text, words[i]);
	}
	struct query_error err = {0};
	*q = query_parse(strbuf_str(&text), &cx->d, &err);
	if (!*q) {
		char *msg = query_error_format(strbuf_str(&text), &err);
		cli_error(cx, "%s", msg);
		free(msg);
		query_error_free(&err);
	}
	strbuf_free(&text);
	return *q ? EXIT_OK : EXIT_USAGE;
}

struct cli_qctx {
	const struct dossier *d;
	const struct store *st;
	struct ftsindex *fx;
};

static int q_text_match(void *ctx, size_t art, const char *const *words, size_t n)
{
	const struct cli_qctx *c = ctx;
	return ftsindex_text_match(c->fx, art, words, n);
}

static bool q_is_read(void *ctx, size_t art)
{
	const struct cli_qctx *c = ctx;
	return c->st && store_is_read(c->st, c->d->coll.items[art].id);
}

static bool q_is_marked(void *ctx, size_t art)
{
	const struct cli_qctx *c = ctx;
	const struct mark *first;
	return c->st && store_marks_for(c->st, c->d->coll.items[art].id, &first) > 0;
}

bool cli_query_match(struct cli_ctx *cx, const struct query *q, const struct store *st, size_t art)
{
	/* word terms: the full-text index answers, refreshed on first use */
	if (!cx->fts_tried && query_needs_body(q)) {
		cx->fts_tried = true;
		cx->fts = cli_fts_open(cx);
	}
	struct cli_qctx c = {&cx->d, st, cx->fts};
	struct query_env env = {.d = &cx->d, .is_read = q_is_read, .is_marked = q_is_marked,
				.text_match = cx->fts ? q_text_match : NULL, .ctx = &c};
	return query_match(q, &env, art);
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
		ftsindex_close(cx->fts);
		cx->fts = NULL;
		cx->fts_tried = false;
		if (cx->loaded) dossier_close(&cx->d);
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
	cli_error(cx, "unknown command '%s' (try dossier --help)", argv[0]);
	return EXIT_USAGE;
}

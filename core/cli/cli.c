/* SPDX-License-Identifier: MIT
 * What the scriptable front end's subcommands share: loading, the reading
 * state, queries, messages. The dispatch is core/cli/cli_run.c; the commands
 * and their options are the table in core/cli/cli_options.h. */
#include "core/cli/cli.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/find/query.h"
#include "core/state/store.h"
#include "core/base/strbuf.h"
#include "core/find/ftsindex.h"
#include "core/text/utf8.h"
#include "core/base/util.h"

void cli_error(struct cli_ctx *cx, const char *fmt, ...)
{
	va_list ap;
	fputs("dossier: ", cx->err);
	va_start(ap, fmt);
	vfprintf(cx->err, fmt, ap);
	va_end(ap);
	fputc('\n', cx->err);
}

/* The raw path of cli_safe_text: one code point at a time. */
static void raw_text(struct strbuf *sb, const char *s, size_t len, int max, bool layout)
{
	size_t i = 0;
	for (int n = 0; i < len && n < max; n++) {
		int32_t cp;
		size_t k = utf8_decode(s + i, len - i, &cp);
		if (cp == '\n' || cp == '\t') strbuf_addc(sb, layout ? (char)cp : ' ');
		else if (cp < 0x20 || cp == 0x7f) strbuf_addf(sb, "^%c", (char)(cp ^ 0x40));
		else if ((cp >= 0x80 && cp <= 0x9f) || cp == 0x2028 || cp == 0x2029 || cp == 0x061c ||
			 cp == 0x200e || cp == 0x200f || (cp >= 0x202a && cp <= 0x202e) ||
			 (cp >= 0x2066 && cp <= 0x2069))
			strbuf_addf(sb, "<U+%04X>", (unsigned)cp);
		else if (cp == UTF8_REPLACEMENT && k == 1) strbuf_adds(sb, "\xEF\xBF\xBD"); /* a bad byte */
		else strbuf_add(sb, s + i, k);
		i += k;
	}
}

void cli_safe_text(const struct cli_ctx *cx, struct strbuf *sb, const char *s, size_t len, int max,
		   bool layout)
{
	if (cx->raw_text) {
		raw_text(sb, s, len, max, layout);
		return;
	}
	if (!layout) {
		utf8_display_fit(sb, s, len, max, cx->display_flags);
		return;
	}
	struct dcluster dc;
	size_t pos = 0;
	while (utf8_display_next(s, len, &pos, cx->display_flags, &dc)) {
		if (dc.newline) strbuf_addc(sb, '\n');
		else if (dc.tab) strbuf_addc(sb, '\t');
		else strbuf_add(sb, dc.text, dc.len);
	}
}

void cli_put_field(struct cli_ctx *cx, const char *s)
{
	struct strbuf sb = STRBUF_INIT;
	if (s) cli_safe_text(cx, &sb, s, strlen(s), INT_MAX, false);
	fputs(strbuf_str(&sb), cx->out);
	strbuf_free(&sb);
}

bool cli_cache_off(const struct cli_ctx *cx)
{
	/* a vocabulary without its hash: dossier_open_with uses no cache */
	return cx->no_cache || util_env_is("DOSSIER_NO_CACHE", "1") ||
	       (cx->vocab && !cx->vocab_hash);
}

int cli_load(struct cli_ctx *cx)
{
	if (cx->loaded) return 0;
	/* test hook (tests/cli/lean.sh, sweep.sh): say so instead of loading,
	 * so a test can tell what the index and the stat sweep answer alone */
	if (util_env_is("DOSSIER_TEST_NO_LOAD", "1")) {
		cli_error(cx, "would load the collection (DOSSIER_TEST_NO_LOAD)");
		return -1;
	}
	if (util_env_is("DOSSIER_NO_CACHE", "1")) cx->no_cache = true;
	const struct dossier_open_opts o = {
		.fm = cx->fieldmap, .vocab = cx->vocab, .vocab_hash = cx->vocab_hash,
		.use_cache = !cx->no_cache, .check_every = cli_check_bound(cx),
		.save_later = cx->save_later};
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

/* Is word, after the query began, one of cmd's options? A long option or
 * an exact short one ("-o") is taken for a misplaced option rather than
 * for a negated term: `export tag:x -o brief.md` must not print to stdout. */
static bool misplaced_option(const struct cli_args *a, const char *word)
{
	if (strncmp(word, "--", 2) == 0) return true;
	for (size_t i = 0; i < a->nopts; i++)
		if (word[0] == '-' && word[1] == a->opts[i]->shrt && word[1] && !word[2]) return true;
	return false;
}

/* Print a query error, its lines made terminal-safe (the message quotes
 * what was typed, which may hold ESC); the caret line keeps its column
 * since the query line was already made safe the same way. */
static void print_query_error(struct cli_ctx *cx, const char *msg)
{
	struct strbuf sb = STRBUF_INIT;
	for (const char *p = msg; *p;) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		if (sb.len) strbuf_addc(&sb, '\n');
		utf8_display_fit(&sb, p, n, INT_MAX, 0);
		p += n + (nl != NULL);
	}
	cli_error(cx, "%s", strbuf_str(&sb));
	strbuf_free(&sb);
}

int cli_query_parse(struct cli_ctx *cx, const struct cli_args *a, struct query **q)
{
	struct strbuf text = STRBUF_INIT;
	bool opts = !a->dashdash;
	*q = NULL;
	for (int i = 0; i < a->argc; i++) {
		const char *w = a->argv[i];
		if (opts && strcmp(w, "--") == 0) {
			opts = false;
			continue;
		}
		if (opts && misplaced_option(a, w)) {
			cli_error(cx, "%s: option '%s' after the query; options go first (a query word "
				      "starting with '-' goes after '--')", a->cmd, w);
			strbuf_free(&text);
			return EXIT_USAGE;
		}
		if (text.len) strbuf_addc(&text, ' ');
		strbuf_adds(&text, w);
	}
	struct query_error err = {0};
	struct search_set ss; /* for @NAME; their own problems are for `searches` to tell */
	struct diag_list ignored = DIAG_LIST_INIT;
	cli_search_set(cx, &ss, &ignored);
	diag_list_free(&ignored);
	struct query_names names = search_set_names(&ss);
	*q = query_parse_names(strbuf_str(&text), &cx->d, &names, &err);
	search_set_free(&ss);
	if (!*q) {
		char *msg = query_error_format(strbuf_str(&text), &err);
		print_query_error(cx, msg);
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

static int q_text_set(void *ctx, const char *const *words, size_t n, unsigned char *hits,
		      unsigned char *known, size_t nart)
{
	const struct cli_qctx *c = ctx;
	return ftsindex_text_set(c->fx, words, n, hits, known, nart);
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
	if (query_needs_marks(q)) { /* marktag: an article matches through one of its passages */
		const struct mark *first;
		size_t n = st ? store_marks_for(st, cx->d.coll.items[art].id, &first) : 0;
		for (size_t i = 0; i < n; i++)
			if (cli_query_match_mark(cx, q, st, art, &first[i])) return true;
		return false;
	}
	return cli_query_match_mark(cx, q, st, art, NULL);
}

bool cli_query_match_mark(struct cli_ctx *cx, const struct query *q, const struct store *st,
			  size_t art, const struct mark *m)
{
	/* word terms: the full-text index answers, refreshed on first use */
	if (!cx->fts_tried && query_needs_body(q)) {
		cx->fts_tried = true;
		cx->fts = cli_fts_open(cx);
	}
	struct cli_qctx c = {&cx->d, st, cx->fts};
	struct query_env env = {.d = &cx->d, .is_read = q_is_read, .is_marked = q_is_marked,
				.text_match = cx->fts ? q_text_match : NULL,
				.text_set = cx->fts ? q_text_set : NULL, .ctx = &c};
	return query_match_mark(q, &env, art, m);
}

/* SPDX-License-Identifier: MIT
 * The hidden `dossier complete KIND PREFIX` command: candidates for the
 * bash and zsh completion scripts, one per line, taken from the collection
 * itself so article IDs, tags and front-matter keys never go stale. It runs
 * while the user types, so it never prints a message: on any trouble it
 * prints nothing and exits 0, and the shell simply offers no candidates.
 * Deliberately left out of `dossier --help`. */
#include "core/cli/cli.h"

#include <stdlib.h>
#include <string.h>

#include "core/output/export.h"
#include "core/collection/order.h"
#include "core/base/strbuf.h"
#include "core/text/utf8.h"
#include "core/base/util.h"
#include "core/meta/metaindex.h"
#include "core/find/query_complete.h"

/* A candidate must survive the shell's line-based read: no control
 * characters (tab, newline, escapes) and nothing empty. */
static bool complete_printable(const char *s)
{
	if (!*s) return false;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p < 0x20 || *p == 0x7f) return false;
	return true;
}

static bool complete_prefixed(const char *s, const char *prefix, size_t plen)
{
	return strncmp(s, prefix, plen) == 0 && complete_printable(s);
}

static int complete_strcmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Every id starting with prefix (ids are sorted by the loader). Only the
 * metadata is read: no vocabulary, no tag index. */
static void complete_ids(struct cli_ctx *cx, const char *prefix)
{
	size_t plen = strlen(prefix);
	struct metaindex *mx = cli_lean_open(cx);
	if (mx) { /* from the cache's index: ids ascend, so the ones with the
		   * prefix are one run, found by binary search; only their
		   * records' paths are read */
		bool ok = true;
		size_t lo = 0, hi = metaindex_count(mx);
		while (ok && lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			char *id = metaindex_id(mx, mid);
			ok = id != NULL;
			if (id && strcmp(id, prefix) < 0) lo = mid + 1;
			else hi = mid;
			free(id);
		}
		struct strbuf out = STRBUF_INIT;
		for (size_t i = lo; ok && i < metaindex_count(mx); i++) {
			char *id = metaindex_id(mx, i);
			ok = id != NULL;
			bool in = id && strncmp(id, prefix, plen) == 0;
			if (in && complete_printable(id)) strbuf_addf(&out, "%s\n", id);
			free(id);
			if (!in) break;
		}
		if (ok) fputs(strbuf_str(&out), cx->out);
		strbuf_free(&out);
		metaindex_close(mx);
		if (ok) return;
	}
	struct collection c = {0};
	struct diag_list dl = DIAG_LIST_INIT;
	if (collection_load(&c, cx->corpus, cx->fieldmap, &dl, NULL, NULL) == 0)
		for (size_t i = 0; i < c.n; i++)
			if (complete_prefixed(c.items[i].id, prefix, plen)) fprintf(cx->out, "%s\n", c.items[i].id);
	collection_free(&c);
	diag_list_free(&dl);
}

/* complete_tags from the cache's lean index, without loading the
 * collection; false when it cannot answer. */
static bool complete_tags_lean(struct cli_ctx *cx, const char *prefix)
{
	struct metaindex *mx = cli_lean_open(cx);
	if (!mx) return false;
	size_t flen, plen = strlen(prefix), hits = 0, n = metaindex_ntags(mx);
	for (int pass = 0; pass < 2; pass++) {
		/* the prefix as typed, then (when nothing matched) folded */
		char *folded = pass ? (hits ? NULL : utf8_fold(prefix, plen, &flen)) : NULL;
		const char *want = pass ? folded : prefix;
		size_t wlen = pass ? flen : plen;
		if (pass && (!folded || strcmp(folded, prefix) == 0)) {
			free(folded);
			break;
		}
		for (size_t t = 0; t < n; t++) {
			size_t len;
			const char *s = metaindex_tag_name(mx, t, &len);
			char *name = xstrndup(s, len);
			if (complete_prefixed(name, want, wlen)) {
				fprintf(cx->out, "%s\n", name);
				hits++;
			}
			free(name);
		}
		free(folded);
	}
	metaindex_close(mx);
	return true;
}

/* Tags (own, nested parents and vocabulary-derived, as the tag index holds
 * them) starting with prefix; when none does, with its folded form, since
 * tags are stored folded ("Places/H" finds "places/harbourton"). */
static void complete_tags(struct cli_ctx *cx, const char *prefix)
{
	if (complete_tags_lean(cx, prefix)) return;
	struct dossier d = {0};
	if (dossier_open(&d, cx->corpus, cx->fieldmap, cx->vocab, NULL, NULL) < 0) {
		dossier_close(&d);
		return;
	}
	size_t flen, plen = strlen(prefix), hits = 0;
	for (size_t i = 0; i < d.tags.n; i++)
		if (complete_prefixed(d.tags.tags[i].name, prefix, plen)) {
			fprintf(cx->out, "%s\n", d.tags.tags[i].name);
			hits++;
		}
	char *folded = hits ? NULL : utf8_fold(prefix, plen, &flen);
	if (folded && strcmp(folded, prefix) != 0)
		for (size_t i = 0; i < d.tags.n; i++)
			if (complete_prefixed(d.tags.tags[i].name, folded, flen))
				fprintf(cx->out, "%s\n", d.tags.tags[i].name);
	free(folded);
	dossier_close(&d);
}

/* "name:" for the query fields and for every extra front-matter key in the
 * collection, sorted, without duplicates. The built-in names need no
 * collection, so they are offered even when it cannot be loaded. */
static void complete_fields(struct cli_ctx *cx, const char *prefix)
{
	struct collection c = {0};
	struct diag_list dl = DIAG_LIST_INIT;
	const char **names = NULL; /* borrowed from query_complete_fields and c */
	size_t n = 0, cap = 0, plen = strlen(prefix);
	for (size_t i = 0; i < query_complete_nfields; i++) {
		ARRAY_RESERVE(names, cap, n + 1);
		names[n++] = query_complete_fields[i];
	}
	if (collection_load(&c, cx->corpus, cx->fieldmap, &dl, NULL, NULL) == 0)
		for (size_t i = 0; i < c.n; i++)
			for (size_t k = 0; k < c.items[i].nextra; k++) {
				const char *key = c.items[i].extra[k].key;
				/* a key with a space or colon cannot be typed as key:value */
				if (strpbrk(key, " :\"()")) continue;
				ARRAY_RESERVE(names, cap, n + 1);
				names[n++] = key;
			}
	qsort(names, n, sizeof *names, complete_strcmp);
	for (size_t i = 0; i < n; i++) {
		if (i && strcmp(names[i], names[i - 1]) == 0) continue;
		if (complete_prefixed(names[i], prefix, plen)) fprintf(cx->out, "%s:\n", names[i]);
	}
	free(names);
	collection_free(&c);
	diag_list_free(&dl);
}

/* The names `export -f` accepts, from the export module's own parser. */
static void complete_formats(struct cli_ctx *cx, const char *prefix)
{
	static const char *const names[] = {"md", "markdown", "txt", "text", "yaml",
					    "yml", "json", "org", "annotation", "csl", "csl-json",
					    "bibtex", "biblatex", "ris"};
	size_t plen = strlen(prefix);
	enum export_format f;
	for (size_t i = 0; i < ARRAY_LEN(names); i++)
		if (export_format_parse(names[i], &f) && complete_prefixed(names[i], prefix, plen))
			fprintf(cx->out, "%s\n", names[i]);
}

/* The names -C accepts: the collections of the config. */
static void complete_collections(struct cli_ctx *cx, const char *prefix)
{
	size_t plen = strlen(prefix);
	for (size_t i = 0; cx->collections && i < cx->collections->n; i++)
		if (complete_prefixed(cx->collections->v[i].name, prefix, plen))
			fprintf(cx->out, "%s\n", cx->collections->v[i].name);
}

/* The list orders (`list --sort`). */
static void complete_orders(struct cli_ctx *cx, const char *prefix)
{
	size_t plen = strlen(prefix);
	for (int i = 0; i < ORDER_COUNT; i++)
		if (complete_prefixed(order_names[i], prefix, plen))
			fprintf(cx->out, "%s%s\n", order_names[i], i == ORDER_RELEVANCE ? ":" : "");
}

/* The options of a command (prefix names it; empty: the global ones),
 * from the option table: "--long TAB -s TAB ARG TAB help" a line. */
static void complete_options(struct cli_ctx *cx, const char *cmd)
{
	if (*cmd && !cli_command_find(cmd)) return;
	cli_options_print(cx->out, *cmd ? cmd : NULL);
}

int cli_complete(struct cli_ctx *cx, const struct cli_args *a)
{
	static const struct {
		const char *kind;
		void (*run)(struct cli_ctx *cx, const char *prefix);
	} kinds[] = {
		{"ids", complete_ids},
		{"tags", complete_tags},
		{"fields", complete_fields},
		{"formats", complete_formats},
		{"orders", complete_orders},
		{"options", complete_options},
		{"collections", complete_collections},
	};
	int argc = a->argc;
	char **argv = a->argv;
	/* "--" before the prefix keeps a prefix such as "-h" from being an option */
	const char *prefix = argc >= 2 ? argv[argc - 1] : "";
	if (argc == 3 && strcmp(argv[1], "--") != 0) argc = 0;
	if (argc == 2 && strcmp(argv[1], "--") == 0) prefix = "";
	if (argc < 1 || argc > 3) {
		cli_error(cx, "usage: dossier [--corpus DIR] complete ids|tags|fields|formats|orders|collections|options [--] [PREFIX]");
		return EXIT_USAGE;
	}
	for (size_t i = 0; i < ARRAY_LEN(kinds); i++)
		if (strcmp(kinds[i].kind, argv[0]) == 0) {
			kinds[i].run(cx, prefix);
			return EXIT_OK;
		}
	cli_error(cx, "complete: unknown kind '%s' (ids, tags, fields, formats, orders, collections, options)", argv[0]);
	return EXIT_USAGE;
}

/* SPDX-License-Identifier: MIT
 * `dossier collections`: the named collections of the config with their
 * folders and article counts, so a script (or the completion) can see
 * what -C accepts and which folders are gone. */
#include "core/cli/cli.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/base/strbuf.h"
#include "core/meta/metaindex.h"
#include "core/text/utf8.h"

static void put_field(struct cli_ctx *cx, const char *s)
{
	struct strbuf sb = STRBUF_INIT;
	utf8_display_fit(&sb, s, strlen(s), INT_MAX, cx->display_flags);
	fputs(strbuf_str(&sb), cx->out);
	strbuf_free(&sb);
}

/* NAME<TAB>FOLDER<TAB>count, or "missing" (no such folder) or "unreadable".
 * Each collection is loaded as `list` would (its own cache), one at a time. */
int cli_collections(struct cli_ctx *cx, const struct cli_args *a)
{
	if (a->argc > 0) {
		cli_error(cx, "collections: takes no arguments");
		return EXIT_USAGE;
	}
	const struct collections *c = cx->collections;
	if (!c || c->n == 0) {
		cli_error(cx, "no collections in the config (collections: NAME: FOLDER, see dossier-config(5))");
		return EXIT_OK;
	}
	for (size_t i = 0; i < c->n; i++) {
		put_field(cx, c->v[i].name);
		fputc('\t', cx->out);
		put_field(cx, c->v[i].path);
		fputc('\t', cx->out);
		struct stat st;
		if (stat(c->v[i].path, &st) < 0 || !S_ISDIR(st.st_mode)) {
			fputs("missing\n", cx->out);
			continue;
		}
		struct dossier d;
		const struct dossier_open_opts o = {
			.fm = cx->fieldmap, .vocab = cx->vocab, .vocab_hash = cx->vocab_hash,
			.use_cache = !cli_cache_off(cx),
			.check_every = cx->check_every};
		if (dossier_open_with(&d, c->v[i].path, &o) < 0) fputs("unreadable\n", cx->out);
		else fprintf(cx->out, "%zu\n", d.coll.n);
		dossier_close(&d);
	}
	return EXIT_OK;
}

/* A full check now: every file stat-ed against the metadata cache, so an
 * article edited in place (which a query trusting folder times may miss
 * for check-every seconds) is read again and recorded. Nothing changed
 * (the usual case): the stat sweep alone, the count from the lean index
 * the sweep just vouched for; a million articles took a full load
 * (seconds, ~2 GB) for the same answer. Else the load, as before. */
int cli_refresh(struct cli_ctx *cx, const struct cli_args *a)
{
	(void)a;
	cx->check_every = 0;
	if (!cli_cache_off(cx) && cli_sweep_same(cx) == 1) {
		struct metaindex *mx = cli_lean_open_at(cx, INT_MAX);
		if (mx) {
			fprintf(cx->out, "%zu articles\n", metaindex_count(mx));
			metaindex_close(mx);
			return EXIT_OK;
		}
	}
	if (cli_load(cx) < 0) return EXIT_PROBLEM;
	fprintf(cx->out, "%zu articles\n", cx->d.coll.n);
	return EXIT_OK;
}

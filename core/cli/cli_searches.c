/* SPDX-License-Identifier: MIT
 * `dossier searches`: every saved search in effect for the collection with
 * its article and unread counts, counted the way the reader counts them
 * (core/find/searches.c), and the hidden bench-searches timing for make bench. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/cli/cli.h"
#include "core/find/ftsindex.h"
#include "core/base/json.h"
#include "core/state/store.h"
#include "core/base/strbuf.h"
#include "core/base/util.h"

void cli_search_set(struct cli_ctx *cx, struct search_set *ss, struct diag_list *diags)
{
	const char *coll = searches_collection_of(cx->collections, cx->corpus);
	search_set_init(ss, cx->searches, coll, cx->loaded ? &cx->d : NULL, diags);
}

struct sctx {
	const struct dossier *d;
	const struct store *st;
	struct ftsindex *fx;
};

static bool s_is_read(void *ctx, size_t art)
{
	const struct sctx *c = ctx;
	return c->st && store_is_read(c->st, c->d->coll.items[art].id);
}

static bool s_is_marked(void *ctx, size_t art)
{
	const struct sctx *c = ctx;
	const struct mark *first;
	return c->st && store_marks_for(c->st, c->d->coll.items[art].id, &first) > 0;
}

static int s_text_match(void *ctx, size_t art, const char *const *words, size_t n)
{
	const struct sctx *c = ctx;
	return ftsindex_text_match(c->fx, art, words, n);
}

/* Count ss over the loaded collection with the reading state and, when a
 * query has words, the full-text index. */
static void count_all(struct cli_ctx *cx, struct search_set *ss, const struct store *st)
{
	if (ss->needs_body && !cx->fts_tried) {
		cx->fts_tried = true;
		cx->fts = cli_fts_open(cx);
	}
	struct sctx c = {&cx->d, st, cx->fts};
	struct query_env env = {.d = &cx->d, .is_read = s_is_read, .is_marked = s_is_marked,
				.text_match = cx->fts ? s_text_match : NULL, .ctx = &c};
	const struct query_text_bits text = {cx->fts ? ftsindex_text_bits : NULL, ftsindex_knows, cx->fts};
	search_set_count(ss, &env, &text);
}

/* NAME<TAB>TOTAL<TAB>UNREAD<TAB>QUERY per search; a bad one is reported
 * (FILE:LINE:COL) and left out, and the exit status is then 1. */
int cli_searches(struct cli_ctx *cx, const struct cli_args *a)
{
	if (a->argc > 0) {
		cli_error(cx, "searches: takes no arguments (dossier list @NAME runs one)");
		return EXIT_USAGE;
	}
	if (cli_load(cx) < 0) return EXIT_PROBLEM;
	struct search_set ss;
	struct diag_list diags = DIAG_LIST_INIT;
	cli_search_set(cx, &ss, &diags);
	bool bad = diags.n > 0;
	cli_print_diags(cx, &diags);
	if (ss.n == 0 && !bad)
		cli_error(cx, "no saved searches (searches: NAME: QUERY, see dossier-config(5))");
	struct store *st = ss.n ? cli_store_open(cx) : NULL;
	count_all(cx, &ss, st);
	bool as_json = cli_flag(a, "json");
	struct strbuf sb = STRBUF_INIT;
	struct json j;
	if (as_json) {
		json_init(&j, &sb, true);
		json_begin_array(&j);
	}
	for (size_t i = 0; i < ss.n; i++) {
		if (!ss.q[i]) continue;
		const struct search_entry *e = ss.e[i];
		if (as_json) {
			json_begin_object(&j);
			json_kv_string(&j, "name", e->name);
			json_kv_int(&j, "total", (int64_t)ss.total[i]);
			json_kv_int(&j, "unread", (int64_t)ss.unread[i]);
			json_kv_string(&j, "query", e->query);
			json_kv_string(&j, "collection", e->collection);
			json_end_object(&j);
			continue;
		}
		cli_put_field(cx, e->name);
		fprintf(cx->out, "\t%zu\t%zu\t", ss.total[i], ss.unread[i]);
		cli_put_field(cx, e->query);
		fputc('\n', cx->out);
	}
	if (as_json) {
		json_end_array(&j);
		strbuf_addc(&sb, '\n');
		fputs(strbuf_str(&sb), cx->out);
	}
	strbuf_free(&sb);
	store_free(st);
	search_set_free(&ss);
	return bad ? EXIT_PROBLEM : EXIT_OK;
}

/* bench-searches [QUERY...]: the time to count every saved search (or one
 * search per QUERY) over the collection, after the index refresh (timed
 * apart): "searches N MS TOTAL CPU-MS". */
int cli_bench_searches(struct cli_ctx *cx, const struct cli_args *a)
{
	if (cli_load(cx) < 0) return EXIT_PROBLEM;
	struct searches own = {0};
	for (int i = 0; i < a->argc; i++) {
		char name[32];
		snprintf(name, sizeof name, "s%d", i + 1);
		searches_add(&own, name, a->argv[i], NULL, "(bench)", 0, 0);
	}
	struct search_set ss;
	struct diag_list diags = DIAG_LIST_INIT;
	const struct searches *keep = cx->searches;
	if (a->argc > 0) cx->searches = &own;
	cli_search_set(cx, &ss, &diags);
	cx->searches = keep;
	int rc = diags.n ? EXIT_USAGE : EXIT_OK;
	cli_print_diags(cx, &diags);
	double t0 = util_now_ms();
	if (ss.needs_body) {
		cx->fts_tried = true;
		cx->fts = cli_fts_open(cx);
	}
	fprintf(cx->out, "refresh\t%.1f\n", util_now_ms() - t0);
	t0 = util_now_ms();
	clock_t c0 = clock(); /* CPU time too: on a busy machine the wall clock waits */
	count_all(cx, &ss, NULL);
	double cpu = (double)(clock() - c0) * 1000.0 / CLOCKS_PER_SEC;
	size_t total = 0;
	for (size_t i = 0; i < ss.n; i++) total += ss.total[i];
	fprintf(cx->out, "searches\t%zu\t%.2f\t%zu\t%.2f\n", ss.n, util_now_ms() - t0, total, cpu);
	search_set_free(&ss);
	searches_free(&own);
	return rc;
}

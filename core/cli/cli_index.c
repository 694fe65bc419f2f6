/* SPDX-License-Identifier: MIT
 * The command line's side of the indexes: opening the full-text index for
 * a query that needs bodies, its full check (check --index), and two
 * hidden timing commands that `make bench` runs (bench-related,
 * bench-query), since per-article costs cannot be timed from outside one
 * process. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/find/bgindex.h"
#include "core/cli/cli.h"
#include "core/find/ftscheck.h"
#include "core/find/ftsindex.h"
#include "core/find/query.h"
#include "core/find/related.h"
#include "core/base/util.h"
#include "core/base/xdg.h"

struct ftsindex *cli_fts_open(struct cli_ctx *cx)
{
	if (cx->no_cache || !cx->loaded) return NULL;
	char *note = NULL; /* the same build as the reader's (core/find/bgindex.h) */
	struct ftsindex *fx = bgindex_build_now(&cx->d.coll, &note);
	if (note) cli_error(cx, "%s", note); /* without an index the query runs, slower */
	free(note);
	return fx;
}

/* The per-query check only vouches that the file is as last written; this
 * reads all of it. Problems go to stdout as "FILE: problem"; a damaged
 * index is rebuilt at once (exit 1: something was wrong). */
int cli_check_index(struct cli_ctx *cx)
{
	if (cli_load(cx) < 0) return EXIT_PROBLEM;
	char *file = xdg_collection_file(XDG_BASE_CACHE, cx->d.coll.root, ".fts");
	if (!file) {
		cli_error(cx, "full-text index: no cache folder (set HOME or XDG_CACHE_HOME)");
		return EXIT_PROBLEM;
	}
	struct strbuf rep = STRBUF_INIT;
	int r = ftscheck_full(file, &rep), rc = EXIT_OK;
	if (r < 0) {
		fprintf(cx->out, "%s: no full-text index yet (the first word query builds it)\n", file);
	} else if (r > 0) {
		fprintf(cx->out, "%s: ok\n", file);
	} else {
		rc = EXIT_PROBLEM;
		for (const char *l = strbuf_str(&rep); *l;) {
			size_t len = strcspn(l, "\n");
			fprintf(cx->out, "%s: %.*s\n", file, (int)len, l);
			l += len + (l[len] == '\n');
		}
		char *err = NULL; /* the note would repeat what was just printed */
		struct ftsindex *fx = ftsindex_open(cx->d.coll.root, &err);
		free(err);
		long n = fx ? ftsindex_refresh(fx, &cx->d.coll, NULL, NULL, NULL, &err) : -1;
		if (n >= 0) cli_error(cx, "full-text index damaged: rebuilt (%ld articles)", n);
		else cli_error(cx, "full-text index damaged; rebuilding failed: %s", err ? err : "");
		free(err);
		ftsindex_close(fx);
	}
	strbuf_free(&rep);
	free(file);
	return rc;
}

/* bench-related [N]: related lists of N articles spread over the
 * collection; prints the mean time per article in milliseconds, then the
 * lists' total length, the content index build in ms and the number of
 * near-duplicate groups. */
int cli_bench_related(struct cli_ctx *cx, const struct cli_args *a)
{
	long want = a->argc > 0 ? strtol(a->argv[0], NULL, 10) : 1000;
	if (cli_load(cx) < 0) return EXIT_PROBLEM;
	size_t n = cx->d.coll.n;
	if (!n || want < 1) return EXIT_OK;
	size_t k = (size_t)want < n ? (size_t)want : n, total = 0;
	/* the content index and the near-duplicate groups, built by the first
	 * related list in the reader: timed apart */
	double t0 = util_now_ms();
	dossier_sign(&cx->d, !cx->no_cache, NULL); /* from the signature file when warm */
	double build = util_now_ms() - t0;
	t0 = util_now_ms();
	for (size_t i = 0; i < k; i++) {
		struct related *r;
		/* a stride coprime with the generator's period of 10, so every kind of
		 * article is sampled (every 10th has no metadata) */
		size_t got = related_compute_with(&cx->d.coll, &cx->d.tags, &cx->d.sim, (i * 7919u) % n,
						  20, &r);
		total += got;
		related_free(r, got);
	}
	double ms = util_now_ms() - t0;
	fprintf(cx->out, "related\t%zu\t%.4f\t%zu\t%.1f\t%zu\n", k, ms / (double)k, total, build,
		cx->d.sim.ngroups);
	return EXIT_OK;
}

/* bench-query [--no-index] QUERY...: for each query, the time to filter
 * the whole collection (after one index refresh, timed separately). */
int cli_bench_query(struct cli_ctx *cx, const struct cli_args *a)
{
	int first = 0, argc = a->argc;
	char **argv = a->argv;
	bool use_index = !cli_flag(a, "no-index");
	if (cli_load(cx) < 0) return EXIT_PROBLEM;
	double t0 = util_now_ms();
	struct ftsindex *fx = use_index ? cli_fts_open(cx) : NULL;
	fprintf(cx->out, "refresh\t%.1f\n", util_now_ms() - t0);
	size_t n = cx->d.coll.n;
	size_t *out = xcalloc(n ? n : 1, sizeof *out);
	int rc = EXIT_OK;
	for (int i = first; i < argc; i++) {
		struct query_error qerr;
		struct query *q = query_parse(argv[i], &cx->d, &qerr);
		if (!q) {
			query_error_free(&qerr);
			rc = EXIT_USAGE;
			continue;
		}
		struct query_env env = {.d = &cx->d, .text_match = fx ? ftsindex_text_match : NULL,
					.text_set = fx ? ftsindex_text_set : NULL,
					.ctx = fx};
		t0 = util_now_ms();
		size_t hits = query_filter(q, &env, NULL, n, out);
		fprintf(cx->out, "query\t%s\t%zu\t%.2f\n", argv[i], hits, util_now_ms() - t0);
		query_free(q);
	}
	free(out);
	ftsindex_close(fx);
	return rc;
}

/* SPDX-License-Identifier: MIT
 * `related ID` when the content index file is not there for the articles
 * as they are: after the load, the signatures are brought up to date in
 * their file and the index file is built streamed from it
 * (core/find/simbuild.h), keyed to this load's snapshot (the metadata
 * cache as the load left it, read however long signing took), and the
 * answer comes from that file as a warm call's does. Why: holding every
 * signature and the index took 4 GB at 1,000,000 articles, and a key
 * taken after signing was refused once check-every had passed, so a
 * long first call wrote no index file and the next paid again. */
#include "core/cli/cli.h"

#include <stdlib.h>

#include "core/find/related.h"
#include "core/find/sigcache.h"
#include "core/find/simbuild.h"
#include "core/find/simfile.h"
#include "core/meta/metaindex.h"

/* The content index file as a related_content. */
static bool sf_walk(void *ctx, size_t art, void (*visit)(void *vctx, uint32_t b, float sim),
		    void *vctx)
{
	return simfile_walk(ctx, art, visit, vctx);
}
static long sf_why(void *ctx, const struct article *a, size_t art, size_t b, const char **out,
		   size_t max)
{
	(void)a;
	return simfile_why(ctx, art, b, out, max);
}
static int sf_copy(void *ctx, size_t a, size_t b) { return simfile_copy(ctx, a, b); }

struct related_content cli_simfile_content(struct simfile *sf, size_t n)
{
	return (struct related_content){n, sf_walk, sf_why, sf_copy, sf};
}

static bool rd_next(void *ctx, size_t a, const struct simsig **out)
{
	return sigcache_reader_next(ctx, a, out);
}


/* The index file over the loaded collection, keyed to k (its metadata
 * part: the load's snapshot): the one there when it was built so, else
 * built now. NULL when it cannot be. */
static struct simfile *index_for_load(struct cli_ctx *cx, uint64_t meta_fp, size_t chunk)
{
	const struct collection *c = &cx->d.coll;
	char *sigf = sigcache_file(cx->corpus), *relf = simfile_path(cx->corpus);
	struct simfile_key k;
	struct simfile *sf = NULL;
	if (sigf && relf && simfile_key_now(cx->corpus, meta_fp, c->n, &k))
		sf = simfile_open(relf, &k, c->n);
	if (!sf && sigf && relf) {
		struct sigcache_stats st;
		sigcache_compute(c, sigf, NULL, NULL, NULL, NULL, &st);
		struct sigcache_reader *r = sigcache_reader_open(c, sigf, NULL);
		/* keyed to the signature file it reads (another run may replace it);
		 * not when it could not be written (its records are not all now's) */
		if (st.current && simfile_key_now(cx->corpus, meta_fp, c->n, &k) &&
		    sigcache_reader_file(r, sigf)) {
			const struct simbuild_src src = {c->n, rd_next, r};
			if (simbuild_write(relf, &src, &k, chunk) == 0) sf = simfile_open(relf, &k, c->n);
		}
		sigcache_reader_close(r);
	}
	free(sigf);
	free(relf);
	return sf;
}

struct simfile *cli_index_for_load(struct cli_ctx *cx)
{
	if (cx->no_cache) return NULL;
	/* the load's snapshot: the metadata cache as this load saved it (the
	 * load has just checked every folder, every file when a full check
	 * was due), whatever its age by the time signing ends */
	struct metaindex *mx = cli_lean_open_at(cx, METAINDEX_AS_SAVED);
	if (!mx) return NULL;
	bool same = metaindex_count(mx) == cx->d.coll.n;
	uint64_t fp = metaindex_fingerprint(mx);
	metaindex_close(mx);
	return same ? index_for_load(cx, fp, 0) : NULL;
}

int cli_related_indexed(struct cli_ctx *cx, size_t art, size_t max, bool as_json)
{
	size_t n = cx->d.coll.n;
	struct simfile *sf = cli_index_for_load(cx);
	if (!sf) return -1;
	const struct related_src src = related_src_of(&cx->d.coll);
	const struct related_content rc = cli_simfile_content(sf, n);
	struct related *r;
	bool failed = false;
	size_t nr = related_compute_content(&src, &cx->d.tags, &rc, art, max, &r, &failed);
	if (!failed) cli_related_print(cx, r, nr, &cx->d.tags, &cx->d.coll, NULL, as_json);
	related_free(r, nr);
	simfile_close(sf);
	return failed ? -1 : EXIT_OK;
}

/* SPDX-License-Identifier: MIT
 * A background load: dossier_open_with on a bgjob thread, with the file
 * counter read by the reader's loop and, for a fed load, each article
 * read put in a loadfeed for the reader to take. */
#include "core/collection/bgload.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "core/base/bgjob.h"
#include "core/collection/loadfeed.h"
#include "core/meta/metacache.h"
#include "core/base/util.h"

struct bgload {
	char *root;                    /* owned */
	bool snap;                     /* dossier_open_snapshot, not a load */
	struct dossier_open_opts opts; /* what it points to is borrowed */
	struct metacache *mc;          /* owned, may be NULL */
	struct loadfeed *feed;         /* owned, NULL when not fed */
	atomic_size_t total;           /* the scan's count */
	struct dossier d;              /* the result, moved out by finish */
	struct bgjob *job;             /* owned */
};

static void on_files(void *ctx, size_t files)
{
	bgjob_set_progress(ctx, files, 0);
}

static void on_found(void *ctx, size_t files)
{
	struct bgload *b = ctx;
	atomic_store(&b->total, files);
}

static void on_loaded(void *ctx, const struct article *a)
{
	struct bgload *b = ctx;
	loadfeed_put(b->feed, a);
}

static int load(struct bgjob *job, void *arg)
{
	struct bgload *b = arg;
	struct dossier_open_opts o = b->opts;
	o.progress = on_files;
	o.pctx = job;
	o.cache = b->mc;
	o.cancel = bgjob_cancel_flag(job);
	o.found = on_found;
	o.loaded = b->feed ? on_loaded : NULL;
	o.lctx = b;
	int rc = dossier_open_with(&b->d, b->root, &o);
	if (b->feed) loadfeed_close(b->feed); /* a waiting take returns */
	return rc;
}

/* The whole snapshot behind a first list (bgload_start_snapshot). */
static int snapshot(struct bgjob *job, void *arg)
{
	struct bgload *b = arg;
	struct dossier_open_opts o = b->opts;
	o.progress = on_files;
	o.pctx = job;
	o.cancel = bgjob_cancel_flag(job);
	return dossier_open_snapshot(&b->d, b->root, &o, &b->mc);
}

struct bgload *bgload_start_snapshot(const char *root, const struct dossier_open_opts *o)
{
	struct bgload *b = xcalloc(1, sizeof *b);
	b->root = xstrdup(root);
	b->opts = *o;
	b->snap = true;
	atomic_init(&b->total, 0);
	b->job = bgjob_start(snapshot, b);
	return b;
}

struct bgload *bgload_start_fed(const char *root, const struct dossier_open_opts *o,
				struct metacache *mc, size_t gate)
{
	struct bgload *b = xcalloc(1, sizeof *b);
	b->root = xstrdup(root);
	b->opts = *o;
	b->mc = mc;
	atomic_init(&b->total, 0);
	if (gate != (size_t)-1) b->feed = loadfeed_new(gate);
	b->job = bgjob_start(load, b);
	return b;
}

struct bgload *bgload_start(const char *root, const struct dossier_open_opts *o,
			    struct metacache *mc)
{
	return bgload_start_fed(root, o, mc, (size_t)-1);
}

size_t bgload_files(const struct bgload *b)
{
	size_t done, total;
	bgjob_progress(b->job, &done, &total);
	return done;
}

size_t bgload_total(const struct bgload *b)
{
	return atomic_load(&((struct bgload *)b)->total);
}

size_t bgload_take(struct bgload *b, struct article **batch, bool wait)
{
	*batch = NULL;
	return b->feed ? loadfeed_take(b->feed, batch, wait) : 0;
}

bool bgload_finished(const struct bgload *b) { return bgjob_finished(b->job); }

int bgload_finish(struct bgload *b, struct dossier *d, bool cancel)
{
	return bgload_finish_cache(b, d, cancel, NULL);
}

int bgload_finish_cache(struct bgload *b, struct dossier *d, bool cancel, struct metacache **mc)
{
	if (mc) *mc = NULL;
	if (cancel) bgjob_cancel(b->job);
	if (b->feed) loadfeed_close(b->feed); /* a put waiting at the gate returns */
	int rc = bgjob_join(b->job);
	if (rc == -2) {
		dossier_close(&b->d);
		memset(d, 0, sizeof *d);
	} else {
		*d = b->d;
	}
	if (mc && rc != -2) {
		*mc = b->mc;
		b->mc = NULL;
	}
	loadfeed_free(b->feed);
	metacache_close(b->mc);
	free(b->root);
	free(b);
	return rc;
}

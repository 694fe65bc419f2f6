/* SPDX-License-Identifier: MIT
 * A background load: dossier_open_with on a bgjob thread, with the file
 * counter read by the reader's loop. */
#include "core/collection/bgload.h"

#include <stdlib.h>
#include <string.h>

#include "core/base/bgjob.h"
#include "core/meta/metacache.h"
#include "core/base/util.h"

struct bgload {
	char *root;                    /* owned */
	struct dossier_open_opts opts; /* what it points to is borrowed */
	struct metacache *mc;          /* owned, may be NULL */
	struct dossier d;              /* the result, moved out by finish */
	struct bgjob *job;             /* owned */
};

static void on_files(void *ctx, size_t files)
{
	bgjob_set_progress(ctx, files, 0);
}

static int load(struct bgjob *job, void *arg)
{
	struct bgload *b = arg;
	struct dossier_open_opts o = b->opts;
	o.progress = on_files;
	o.pctx = job;
	o.cache = b->mc;
	o.cancel = bgjob_cancel_flag(job);
	return dossier_open_with(&b->d, b->root, &o);
}

struct bgload *bgload_start(const char *root, const struct dossier_open_opts *o,
			    struct metacache *mc)
{
	struct bgload *b = xcalloc(1, sizeof *b);
	b->root = xstrdup(root);
	b->opts = *o;
	b->mc = mc;
	b->job = bgjob_start(load, b);
	return b;
}

size_t bgload_files(const struct bgload *b)
{
	size_t done, total;
	bgjob_progress(b->job, &done, &total);
	return done;
}

bool bgload_finished(const struct bgload *b) { return bgjob_finished(b->job); }

int bgload_finish(struct bgload *b, struct dossier *d, bool cancel)
{
	if (cancel) bgjob_cancel(b->job);
	int rc = bgjob_join(b->job);
	if (rc == -2) {
		dossier_close(&b->d);
		memset(d, 0, sizeof *d);
	} else {
		*d = b->d;
	}
	metacache_close(b->mc);
	free(b->root);
	free(b);
	return rc;
}

/* SPDX-License-Identifier: MIT
 * store_open on a bgjob thread; the store and its diags are the thread's
 * until bgstore_finish joins it. */
#include "core/state/bgstore.h"

#include <stdlib.h>

#include "core/base/bgjob.h"
#include "core/base/diag.h"
#include "core/base/util.h"
#include "core/state/store.h"

struct bgstore {
	struct bgjob *job;     /* owned */
	char *path;            /* owned */
	struct store *st;      /* written by the thread; the caller's after the join */
	struct diag_list dl;   /* likewise */
};

static int run(struct bgjob *job, void *arg)
{
	struct bgstore *b = arg;
	/* test hook: the tmux tests look at the first screen, and move
	 * around it, while the whole state is held back this long */
	bgjob_test_hold(job, "DOSSIER_TEST_STATE_DELAY_MS");
	b->st = store_open(b->path, &b->dl);
	return 0;
}

struct bgstore *bgstore_start(const char *path)
{
	struct bgstore *b = xcalloc(1, sizeof *b);
	b->path = xstrdup(path);
	b->dl = (struct diag_list)DIAG_LIST_INIT;
	b->job = bgjob_start(run, b);
	return b;
}

bool bgstore_finished(const struct bgstore *b)
{
	return bgjob_finished(b->job);
}

struct store *bgstore_finish(struct bgstore *b, struct diag_list *dl)
{
	bgjob_join(b->job);
	struct store *st = b->st;
	diag_list_move(dl, &b->dl);
	diag_list_free(&b->dl);
	free(b->path);
	free(b);
	return st;
}

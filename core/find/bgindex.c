/* SPDX-License-Identifier: MIT
 * The full-text index build, once for both callers: open + refresh, run
 * directly (command line, headless reader) or as a bgjob whose progress
 * the reader's loop shows; the job alone touches the index while it runs. */
#include "core/find/bgindex.h"

#include <stdlib.h>
#include <string.h>

#include "core/base/bgjob.h"
#include "core/find/ftsindex.h"
#include "core/base/strbuf.h"
#include "core/base/util.h"

struct bgindex {
	struct ftsindex *fx;         /* owned; the job's alone until finish */
	const struct collection *c;  /* borrowed, unchanged while the job runs */
	struct bgjob *job;           /* owned */
};

/* Keep both messages when opening repaired the index and refresh failed. */
static void note_add(char **note, char *msg)
{
	if (!msg) return;
	if (!*note) {
		*note = msg;
		return;
	}
	struct strbuf sb = STRBUF_INIT;
	strbuf_addf(&sb, "%s; %s", *note, msg);
	free(*note);
	free(msg);
	*note = strbuf_steal(&sb);
}

struct ftsindex *bgindex_build_now(const struct collection *c, char **note)
{
	*note = NULL;
	char *err = NULL;
	struct ftsindex *fx = ftsindex_open(c->root, &err);
	note_add(note, err);
	err = NULL;
	if (fx && ftsindex_refresh(fx, c, NULL, NULL, NULL, &err) < 0) {
		note_add(note, err);
		ftsindex_close(fx);
		return NULL;
	}
	return fx;
}

static void on_progress(void *ctx, size_t done, size_t total)
{
	bgjob_set_progress(ctx, done, total);
}

/* On the job's thread: nothing else touches b->fx or changes b->c. */
static int build(struct bgjob *job, void *arg)
{
	struct bgindex *b = arg;
	char *err = NULL;
	long n = ftsindex_refresh(b->fx, b->c, on_progress, job, bgjob_cancel_flag(job), &err);
	free(err);
	return n < 0 ? -1 : 0;
}

struct bgindex *bgindex_start(const struct collection *c, char **note)
{
	*note = NULL;
	struct ftsindex *fx = ftsindex_open(c->root, note);
	if (!fx) return NULL;
	struct bgindex *b = xcalloc(1, sizeof *b);
	b->fx = fx;
	b->c = c;
	b->job = bgjob_start(build, b);
	return b;
}

void bgindex_progress(const struct bgindex *b, size_t *done, size_t *total)
{
	bgjob_progress(b->job, done, total);
}

bool bgindex_finished(const struct bgindex *b) { return bgjob_finished(b->job); }

struct ftsindex *bgindex_finish(struct bgindex *b, bool cancel)
{
	if (cancel) bgjob_cancel(b->job);
	int rc = bgjob_join(b->job);
	struct ftsindex *fx = b->fx;
	free(b);
	if (rc < 0 || cancel) {
		ftsindex_close(fx);
		return NULL;
	}
	return fx;
}

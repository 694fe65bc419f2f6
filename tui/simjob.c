/* SPDX-License-Identifier: MIT
 * See simjob.h. The job reads the collection, fills its own array of
 * signatures and builds the content index over them (seconds at 100,000
 * articles: not on the reader's thread); only the reader's thread puts
 * them on the articles, after the job has ended, so the two never write
 * the same memory. */
#include "tui/simjob.h"

#include <stdlib.h>

#include "core/base/bgjob.h"
#include "core/base/util.h"
#include "core/find/sigcache.h"
#include "core/find/similar.h"
#include "tui/fold.h"
#include "tui/tui.h"

struct simjob {
	struct bgjob *job;
	const struct collection *c; /* borrowed: t->d.coll, unchanged while the job runs */
	char *file;                 /* owned: the signature file, or NULL */
	struct simsig **out;        /* owned: c->n entries */
	size_t n;
	struct simindex si;         /* built over out and the signatures c had */
};

static void job_progress(void *ctx, size_t done, size_t total)
{
	bgjob_set_progress(ctx, done, total);
}

static int job_run(struct bgjob *job, void *arg)
{
	struct simjob *s = arg;
	int rc = sigcache_compute(s->c, s->file, s->out, bgjob_cancel_flag(job), job_progress, job, NULL);
	if (rc != 0 || atomic_load(bgjob_cancel_flag(job))) return -2; /* quitting: no index */
	const struct simsig **all = xcalloc(s->n + 1, sizeof *all);
	for (size_t i = 0; i < s->n; i++) all[i] = s->out[i] ? s->out[i] : s->c->items[i].sig;
	simindex_build(&s->si, all, s->n);
	free(all);
	return 0;
}

static void job_free(struct simjob *s)
{
	sigcache_drop(s->out, s->n);
	simindex_free(&s->si);
	free(s->out);
	free(s->file);
	free(s);
}

bool simjob_ready(const struct tui *t) { return t->sim_ready; }

bool simjob_running(const struct tui *t) { return t->simjob != NULL; }

/* The signatures are on the articles and si (moved; NULL: build it here)
 * is the index over them: fold the list's copies, the cursor staying on
 * its article. */
static void adopt(struct tui *t, struct simindex *si)
{
	if (si) {
		simindex_free(&t->d.sim);
		t->d.sim = *si;
		*si = (struct simindex)SIMINDEX_INIT;
	} else {
		simindex_ensure(&t->d.sim, &t->d.coll); /* built by dossier_sign */
	}
	t->sim_ready = true;
	fold_reset(t);
}

unsigned simjob_kick(struct tui *t, bool loading)
{
	if (t->sim_ready || t->simjob || !t->loaded || loading) return R_NONE;
	if (t->headless) {
		dossier_sign(&t->d, !t->no_cache, NULL);
		adopt(t, NULL);
		return R_RESORT | R_DRAW_ALL;
	}
	struct simjob *s = xcalloc(1, sizeof *s);
	s->c = &t->d.coll;
	s->n = t->d.coll.n;
	s->out = xcalloc(s->n + 1, sizeof *s->out);
	s->file = !t->no_cache && t->d.coll.root ? sigcache_file(t->d.coll.root) : NULL;
	t->simjob = s;
	s->job = bgjob_start(job_run, s);
	return R_NONE;
}

unsigned simjob_poll(struct tui *t)
{
	struct simjob *s = t->simjob;
	if (!s || !bgjob_finished(s->job)) return R_NONE;
	int rc = bgjob_join(s->job);
	t->simjob = NULL;
	if (rc == 0) {
		sigcache_install(&t->d.coll, s->out);
		adopt(t, &s->si);
	}
	job_free(s);
	return rc == 0 ? R_RESORT | R_DRAW_ALL : R_NONE;
}

void simjob_drop(struct tui *t)
{
	struct simjob *s = t->simjob;
	t->sim_ready = false;
	fold_free(t);
	if (!s) return;
	bgjob_cancel(s->job);
	bgjob_join(s->job);
	t->simjob = NULL;
	job_free(s);
}

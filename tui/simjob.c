/* SPDX-License-Identifier: MIT
 * See simjob.h. With a cache folder the job brings the signature file up
 * to date and builds the content index file from it streamed
 * (core/find/simbuild.h), keyed to the load's snapshot so the next start
 * and `related` take it as it is; the reader then maps it (simindex_of_file)
 * and holds no signature: at 1,000,000 articles the signatures and the
 * index in memory took the reader past 2.5 GB. Without one (--no-cache),
 * or when the file cannot be written, it signs into its own array and
 * builds the index in memory. Either way only the reader's thread puts
 * the result on the dossier, after the job has ended, so the two never
 * write the same memory. */
#include "tui/simjob.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config/config.h"
#include "core/base/bgjob.h"
#include "core/base/strbuf.h"
#include "core/base/util.h"
#include "core/base/xdg.h"
#include "core/find/sigcache.h"
#include "core/find/simbuild.h"
#include "core/find/simfile.h"
#include "core/find/similar.h"
#include "core/meta/fieldmap.h"
#include "core/meta/metaindex.h"
#include "tui/fold.h"
#include "tui/tui.h"

struct simjob {
	struct bgjob *job;
	const struct collection *c; /* borrowed: t->d.coll, unchanged while the job runs */
	char *file;                 /* owned: the signature file, or NULL */
	struct simsig **out;        /* owned: c->n entries */
	size_t n;
	struct simindex si;         /* built over out and the signatures c had */
	/* the load's snapshot: the metadata cache as it saved it (its stat
	 * taken when the job starts; read on the job if still that file) */
	char *meta;                 /* owned: the cache file, or NULL */
	struct stat meta_st;
	const struct fieldmap *fm;  /* the load's: borrowed (t's settings), or defaults */
	struct fieldmap defaults;   /* owned */
	uint64_t vocab_hash;
	bool snap;
	uint64_t meta_fp;
};

static void job_progress(void *ctx, size_t done, size_t total)
{
	if (ctx) bgjob_set_progress(ctx, done, total);
}

static bool rd_next(void *ctx, size_t a, const struct simsig **out)
{
	return sigcache_reader_next(ctx, a, out);
}

static bool same_stat(const struct stat *a, const struct stat *b)
{
	return a->st_ino == b->st_ino && a->st_dev == b->st_dev && a->st_size == b->st_size &&
	       a->st_mtim.tv_sec == b->st_mtim.tv_sec && a->st_mtim.tv_nsec == b->st_mtim.tv_nsec;
}

/* The snapshot's fingerprint, when the cache file is still the one the
 * load saved (a refresh started meanwhile replaces it: then none). Read
 * here, not on the reader's thread: 60-120 ms at 1,000,000 articles. */
static void read_snapshot(struct simjob *s)
{
	if (!s->meta) return;
	struct metaindex *mx = metaindex_open_file(s->meta, s->c->root, s->fm, s->vocab_hash,
						   METAINDEX_AS_SAVED);
	struct stat now;
	s->snap = mx && metaindex_count(mx) == s->n && stat(s->meta, &now) == 0 &&
		  same_stat(&now, &s->meta_st);
	if (s->snap) s->meta_fp = metaindex_fingerprint(mx);
	metaindex_close(mx);
}

/* The index file over the signature file: keyed to the snapshot at root's
 * index file name when there is one, else a file of this job's own,
 * removed once mapped. 0 (s->si is the file), -2 cancelled, -1 failed. */
static int make_file(struct simjob *s, const atomic_int *cancel, void *job)
{
	const char *root = s->c->root;
	read_snapshot(s);
	char *rel = simfile_path(root);
	struct simfile_key k;
	struct simfile *sf = NULL;
	if (rel && s->snap && simfile_key_now(root, s->meta_fp, s->n, &k))
		sf = simfile_open(rel, &k, s->n); /* built for this load already */
	int rc = sf ? 0 : -1;
	struct sigcache_stats st = {0};
	if (!sf && rel &&
	    sigcache_compute(s->c, s->file, NULL, cancel, job_progress, job, &st) != 0)
		rc = -2;
	/* a signature file that could not be written: in memory instead */
	if (!sf && rel && rc != -2 && st.current) {
		struct sigcache_reader *r = sigcache_reader_open(s->c, s->file, cancel);
		bool keyed = s->snap && simfile_key_now(root, s->meta_fp, s->n, &k) &&
			     sigcache_reader_file(r, s->file);
		struct strbuf own = STRBUF_INIT;
		if (!keyed) { /* no snapshot: a private file, never taken by another run */
			memset(&k, 0, sizeof k);
			strbuf_addf(&own, "%s.reader-%ld", rel, (long)getpid());
		}
		const char *to = keyed ? rel : own.buf;
		const struct simbuild_src src = {s->n, rd_next, r};
		int err = simbuild_write(to, &src, &k, 0);
		sigcache_reader_close(r);
		if (err == 0) sf = simfile_open(to, &k, s->n);
		if (!keyed && err == 0) unlink(to); /* the mapping stays */
		rc = err == ECANCELED ? -2 : sf ? 0 : -1;
		strbuf_free(&own);
	}
	free(rel);
	if (sf) simindex_of_file(&s->si, sf);
	return rc;
}

/* Signatures and index; 0, or -2 when cancelled. */
static int sim_make(struct simjob *s, const atomic_int *cancel, void *job)
{
	if (s->file) {
		int rc = make_file(s, cancel, job);
		if (rc != -1) return rc;
	}
	int rc = sigcache_compute(s->c, s->file, s->out, cancel, job_progress, job, NULL);
	if (rc != 0 || (cancel && atomic_load(cancel))) return -2; /* quitting: no index */
	const struct simsig **all = xcalloc(s->n + 1, sizeof *all);
	for (size_t i = 0; i < s->n; i++) all[i] = s->out[i] ? s->out[i] : s->c->items[i].sig;
	simindex_build(&s->si, all, s->n);
	free(all);
	return 0;
}

static int job_run(struct bgjob *job, void *arg)
{
	return sim_make(arg, bgjob_cancel_flag(job), job);
}

static void job_free(struct simjob *s)
{
	sigcache_drop(s->out, s->n);
	simindex_free(&s->si);
	free(s->out);
	free(s->file);
	free(s->meta);
	fieldmap_free(&s->defaults);
	free(s);
}

bool simjob_ready(const struct tui *t) { return t->sim_ready; }

bool simjob_running(const struct tui *t) { return t->simjob != NULL; }

/* The signatures are on the articles and si (moved) is the index over
 * them: fold the list's copies, the cursor staying on its article. */
static void adopt(struct tui *t, struct simindex *si)
{
	simindex_free(&t->d.sim);
	t->d.sim = *si;
	*si = (struct simindex)SIMINDEX_INIT;
	t->sim_ready = true;
	fold_reset(t);
}

/* A job for t's collection, with what identifies its load's snapshot
 * (taken here, while no load runs: only a stat). */
static struct simjob *job_new(struct tui *t)
{
	struct simjob *s = xcalloc(1, sizeof *s);
	s->c = &t->d.coll;
	s->n = t->d.coll.n;
	s->out = xcalloc(s->n + 1, sizeof *s->out);
	s->file = !t->no_cache && t->d.coll.root ? sigcache_file(t->d.coll.root) : NULL;
	fieldmap_init_default(&s->defaults);
	s->fm = t->settings ? &t->settings->fieldmap : &s->defaults;
	s->vocab_hash = t->vocab ? t->vocab_hash : 0;
	if (s->file && (!t->vocab || t->vocab_hash)) { /* as the load keys its cache */
		s->meta = xdg_collection_file(XDG_BASE_CACHE, t->d.coll.root, ".meta");
		if (s->meta && stat(s->meta, &s->meta_st) != 0) {
			free(s->meta);
			s->meta = NULL;
		}
	}
	return s;
}

unsigned simjob_kick(struct tui *t, bool loading)
{
	if (t->sim_ready || t->simjob || !t->loaded || loading) return R_NONE;
	struct simjob *s = job_new(t);
	if (t->headless) { /* on the spot: screens do not depend on timing */
		sim_make(s, NULL, NULL);
		sigcache_install(&t->d.coll, s->out);
		adopt(t, &s->si);
		job_free(s);
		return R_RESORT | R_DRAW_ALL;
	}
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
	/* the build's freed memory stays with its thread's heap otherwise: at
	 * a million articles 20 MB, under the related list computed next */
	util_heap_trim();
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

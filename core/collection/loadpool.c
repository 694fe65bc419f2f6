/* SPDX-License-Identifier: MIT
 * Reading a collection's files on several threads while the folder scan
 * is still finding them: the scan (on the calling thread) adds files in
 * scan order, the threads take them in that order under one mutex, and
 * each result stays in its own job slot, so what the collection is made of
 * does not depend on the thread count or on who read what. A file's cache
 * record is encoded on the thread that read it, not afterwards on one. */
#include "core/collection/loadpool.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/base/strbuf.h"
#include "core/base/util.h"
#include "core/meta/article_load.h"
#include "core/meta/metablob.h"

/* Jobs live in blocks that never move, so a thread may fill one while
 * the scan adds more. */
#define JOB_BLOCK 1024
/* Fewer files than this are read on the calling thread alone: starting
 * threads would cost more than it saves. */
#define THREADS_FROM 64
#define PROGRESS_EVERY 256

struct loadpool {
	const char *root; /* borrowed */
	const struct fieldmap *fm;
	const struct collection_load_opts *o;
	bool encode;
	pthread_mutex_t mu;
	pthread_cond_t more; /* a job added, the scan over, or stopped */
	struct loadjob **blocks; /* under mu */
	size_t nblocks, blocks_cap;
	size_t njobs, next; /* under mu: added, taken */
	bool scan_done;     /* under mu */
	atomic_bool stop;   /* set under mu (with a broadcast) */
	atomic_size_t done;
	size_t reported;    /* the calling thread's last progress count */
	pthread_t *tids;
	size_t started, wanted;
};

/* min(online CPUs, 8); DOSSIER_THREADS overrides (1: all on the calling
 * thread); never more than the files. */
static size_t threads_for(size_t files)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	if (n < 1) n = 1;
	if (n > 8) n = 8;
	if (files < THREADS_FROM) n = 1;
	size_t v = util_env_size("DOSSIER_THREADS", 0);
	if (v >= 1) n = v > 64 ? 64 : (long)v;
	return (size_t)n < files ? (size_t)n : (files ? files : 1);
}

struct loadpool *loadpool_new(const char *root, const struct fieldmap *fm,
			      const struct collection_load_opts *o, bool encode)
{
	struct loadpool *p = xcalloc(1, sizeof *p);
	p->root = root;
	p->fm = fm;
	p->o = o;
	p->encode = encode;
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->more, NULL);
	atomic_init(&p->stop, false);
	atomic_init(&p->done, 0);
	return p;
}

static struct loadjob *job_at(const struct loadpool *p, size_t k)
{
	return &p->blocks[k / JOB_BLOCK][k % JOB_BLOCK];
}

static void set_stop(struct loadpool *p)
{
	pthread_mutex_lock(&p->mu);
	atomic_store(&p->stop, true);
	pthread_cond_broadcast(&p->more);
	pthread_mutex_unlock(&p->mu);
}

static bool cancelled(const struct loadpool *p)
{
	return p->o->cancel && atomic_load_explicit(p->o->cancel, memory_order_relaxed);
}

/* The next job in order, waiting while the scan may still add one; NULL
 * when there is none left or the load stopped. */
static struct loadjob *take(struct loadpool *p)
{
	struct loadjob *j = NULL;
	pthread_mutex_lock(&p->mu);
	while (!atomic_load(&p->stop)) {
		if (p->next < p->njobs) {
			j = job_at(p, p->next++);
			break;
		}
		if (p->scan_done) break;
		pthread_cond_wait(&p->more, &p->mu);
	}
	pthread_mutex_unlock(&p->mu);
	return j;
}

/* What a reading thread keeps from file to file (owned by it): the read
 * buffer, and the buffer a cache record is encoded in before it is
 * copied out at its size; a file's worth of mallocs and reallocs each
 * (and, for the read buffer, malloc consolidating its free lists) saved. */
struct scratch {
	struct article_readbuf read;
	struct strbuf blob;
};

/* Read one file: the article, the caller's each while its text is in
 * memory, then its cache record (after each: derived tags are part of it). */
static void job_run(const struct loadpool *p, struct loadjob *j, struct scratch *sc)
{
	const char *body;
	size_t blen;
	char *buf;
	struct stat st;
	article_load_file_stat(&j->a, p->root, j->rel, p->fm, &j->diags, &body, &blen, &buf, &st,
			       &sc->read);
	if (st.st_mode) {
		metacache_stat_of(&j->file, &st);
		j->have_file = true;
	}
	if (p->o->each) p->o->each(p->o->ectx, &j->a, body, blen);
	free(buf);
	if (p->encode && !(j->a.flags & ART_UNREADABLE)) {
		strbuf_reset(&sc->blob);
		metablob_encode(&sc->blob, &j->a, p->root, &j->diags, 0);
		j->blen = sc->blob.len;
		j->blob = xmalloc(sc->blob.len + 1);
		memcpy(j->blob, sc->blob.buf ? sc->blob.buf : "", sc->blob.len + 1);
	}
}

/* The calling thread's progress report, when another PROGRESS_EVERY files
 * are in (or, with all set, whenever the count moved). */
static void report(struct loadpool *p, bool all)
{
	size_t done = atomic_load(&p->done);
	if (!p->o->progress || done == p->reported) return;
	if (all || done / PROGRESS_EVERY > p->reported / PROGRESS_EVERY) {
		p->o->progress(p->o->pctx, done);
		p->reported = done;
	}
}

/* Take and read jobs until none is left; the calling thread (caller
 * true) also reports progress. */
static void work(struct loadpool *p, bool caller)
{
	struct loadjob *j;
	struct scratch sc = {{NULL, 0}, STRBUF_INIT};
	while ((j = take(p))) {
		job_run(p, j, &sc);
		atomic_fetch_add(&p->done, 1);
		if (caller) report(p, false);
		if (cancelled(p)) set_stop(p);
	}
	free(sc.read.p);
	strbuf_free(&sc.blob);
}

static void *thread_main(void *arg)
{
	work(arg, false);
	return NULL;
}

/* Start threads up to wanted - 1 (the calling thread is the last one); a
 * thread that cannot start leaves its share to the others. */
static void start_threads(struct loadpool *p, size_t wanted)
{
	if (p->tids || wanted < 2) return;
	p->wanted = wanted;
	p->tids = xcalloc(wanted, sizeof *p->tids);
	for (size_t t = 1; t < wanted; t++) {
		if (pthread_create(&p->tids[p->started], NULL, thread_main, p) != 0) break;
		p->started++;
	}
}

void loadpool_add(struct loadpool *p, const char *rel)
{
	pthread_mutex_lock(&p->mu);
	if (p->njobs == p->nblocks * JOB_BLOCK) {
		ARRAY_RESERVE(p->blocks, p->blocks_cap, p->nblocks + 1);
		p->blocks[p->nblocks++] = xcalloc(JOB_BLOCK, sizeof **p->blocks);
	}
	job_at(p, p->njobs)->rel = xstrdup(rel);
	p->njobs++;
	size_t n = p->njobs;
	pthread_cond_signal(&p->more);
	pthread_mutex_unlock(&p->mu);
	/* enough files to share: the threads read while the scan goes on */
	if (n == THREADS_FROM) start_threads(p, threads_for(SIZE_MAX));
}

bool loadpool_poll(struct loadpool *p)
{
	if (cancelled(p)) set_stop(p);
	if (atomic_load(&p->stop)) return false;
	report(p, false);
	return true;
}

bool loadpool_finish(struct loadpool *p)
{
	pthread_mutex_lock(&p->mu);
	p->scan_done = true;
	size_t n = p->njobs;
	pthread_cond_broadcast(&p->more);
	pthread_mutex_unlock(&p->mu);
	if (!p->tids) start_threads(p, threads_for(n));
	if (cancelled(p)) set_stop(p);
	work(p, true);
	for (size_t t = 0; t < p->started; t++) pthread_join(p->tids[t], NULL);
	bool stopped = atomic_load(&p->stop);
	/* the others may have finished the last files: the total is reported
	 * once all are in (and a cancel it leads to is seen by the caller) */
	if (!stopped) report(p, true);
	return !stopped;
}

size_t loadpool_count(const struct loadpool *p) { return p->njobs; }

size_t loadpool_taken(const struct loadpool *p)
{
	return p->next < p->njobs ? p->next : p->njobs;
}

struct loadjob *loadpool_job(struct loadpool *p, size_t k)
{
	return job_at(p, k);
}

void loadpool_free(struct loadpool *p)
{
	if (!p) return;
	for (size_t k = 0; k < p->njobs; k++) {
		struct loadjob *j = job_at(p, k);
		free(j->rel);
		article_free(&j->a);
		diag_list_free(&j->diags);
		free(j->blob);
	}
	for (size_t b = 0; b < p->nblocks; b++) free(p->blocks[b]);
	free(p->blocks);
	free(p->tids);
	pthread_cond_destroy(&p->more);
	pthread_mutex_destroy(&p->mu);
	free(p);
}

/* SPDX-License-Identifier: MIT
 * A thread per job (see bgjob.h). The counters are C11 atomics: the loop
 * reads them while the job writes them. */
#include "core/base/bgjob.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <time.h>

#include "core/base/util.h"

struct bgjob {
	pthread_t th;
	bool threaded;
	bgjob_fn fn;
	void *arg; /* borrowed */
	int rc;
	atomic_size_t done, total;
	atomic_bool finished;
	atomic_int cancel;
};

bool bgjob_test_hold(struct bgjob *j, const char *var)
{
	for (size_t ms = util_env_size(var, 0); ms > 0 && !atomic_load(&j->cancel);
	     ms = ms > 10 ? ms - 10 : 0)
		util_sleep_ms(10);
	return !atomic_load(&j->cancel);
}

static void *run(void *p)
{
	struct bgjob *j = p;
	/* test hook: DOSSIER_TEST_JOB_DELAY_MS=N holds every job back N ms
	 * before it starts (a cancel still ends it at once, with -2), so that
	 * the tmux tests can look at the reader while it loads or indexes */
	j->rc = bgjob_test_hold(j, "DOSSIER_TEST_JOB_DELAY_MS") ? j->fn(j, j->arg) : -2;
	atomic_store(&j->finished, true);
	return NULL;
}

struct bgjob *bgjob_start(bgjob_fn fn, void *arg)
{
	struct bgjob *j = xcalloc(1, sizeof *j);
	j->fn = fn;
	j->arg = arg;
	atomic_init(&j->done, 0);
	atomic_init(&j->total, 0);
	atomic_init(&j->finished, false);
	atomic_init(&j->cancel, 0);
	j->threaded = pthread_create(&j->th, NULL, run, j) == 0;
	if (!j->threaded) run(j);
	return j;
}

void bgjob_set_progress(struct bgjob *j, size_t done, size_t total)
{
	atomic_store(&j->done, done);
	atomic_store(&j->total, total);
}

void bgjob_progress(const struct bgjob *j, size_t *done, size_t *total)
{
	*done = atomic_load(&((struct bgjob *)j)->done);
	*total = atomic_load(&((struct bgjob *)j)->total);
}

bool bgjob_finished(const struct bgjob *j)
{
	return atomic_load(&((struct bgjob *)j)->finished);
}

void bgjob_cancel(struct bgjob *j)
{
	if (j) j->cancel = 1;
}

const atomic_int *bgjob_cancel_flag(const struct bgjob *j) { return &j->cancel; }

int bgjob_join(struct bgjob *j)
{
	if (!j) return 0;
	if (j->threaded) pthread_join(j->th, NULL);
	int rc = j->rc;
	free(j);
	return rc;
}

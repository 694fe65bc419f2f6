/* SPDX-License-Identifier: MIT
 * A background load's articles, handed over in batches (see loadfeed.h):
 * one mutex and two condition variables around a growing array of copies. */
#include "core/collection/loadfeed.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/base/util.h"

struct loadfeed {
	pthread_mutex_t mu;
	pthread_cond_t room;   /* a take made room under the gate, or closed */
	pthread_cond_t filled; /* a put, or closed */
	size_t gate;
	struct article *pending; /* owned: put, not yet taken */
	size_t npending, cap;
	bool closed;
	long delay_us; /* test hook, see loadfeed_new */
};

struct loadfeed *loadfeed_new(size_t gate)
{
	struct loadfeed *f = xcalloc(1, sizeof *f);
	pthread_mutex_init(&f->mu, NULL);
	pthread_cond_init(&f->room, NULL);
	pthread_cond_init(&f->filled, NULL);
	f->gate = gate;
	/* Test hook: DOSSIER_TEST_FEED_DELAY_US=N makes each put take N µs
	 * longer (a slow disk), so that the tmux tests see the list grow on
	 * any machine. */
	size_t us = util_env_size("DOSSIER_TEST_FEED_DELAY_US", 0);
	f->delay_us = us <= 1000000 ? (long)us : 0;
	return f;
}

void loadfeed_put(struct loadfeed *f, const struct article *a)
{
	if (f->delay_us)
		nanosleep(&(struct timespec){f->delay_us / 1000000, f->delay_us % 1000000 * 1000}, NULL);
	struct article copy;
	article_copy(&copy, a); /* outside the lock: the threads copy in parallel */
	pthread_mutex_lock(&f->mu);
	while (f->gate && f->npending >= f->gate && !f->closed) pthread_cond_wait(&f->room, &f->mu);
	if (f->closed) {
		pthread_mutex_unlock(&f->mu);
		article_free(&copy);
		return;
	}
	ARRAY_RESERVE(f->pending, f->cap, f->npending + 1);
	f->pending[f->npending++] = copy;
	pthread_cond_broadcast(&f->filled);
	pthread_mutex_unlock(&f->mu);
}

size_t loadfeed_take(struct loadfeed *f, struct article **batch, bool wait)
{
	pthread_mutex_lock(&f->mu);
	size_t want = f->gate ? f->gate : 1;
	while (wait && f->npending < want && !f->closed) pthread_cond_wait(&f->filled, &f->mu);
	size_t n = f->npending;
	*batch = n ? f->pending : NULL;
	if (n) {
		f->pending = NULL;
		f->npending = f->cap = 0;
	}
	pthread_cond_broadcast(&f->room);
	pthread_mutex_unlock(&f->mu);
	return n;
}

void loadfeed_close(struct loadfeed *f)
{
	pthread_mutex_lock(&f->mu);
	f->closed = true;
	pthread_cond_broadcast(&f->room);
	pthread_cond_broadcast(&f->filled);
	pthread_mutex_unlock(&f->mu);
}

bool loadfeed_closed(struct loadfeed *f)
{
	pthread_mutex_lock(&f->mu);
	bool c = f->closed;
	pthread_mutex_unlock(&f->mu);
	return c;
}

void loadfeed_free(struct loadfeed *f)
{
	if (!f) return;
	for (size_t i = 0; i < f->npending; i++) article_free(&f->pending[i]);
	free(f->pending);
	pthread_cond_destroy(&f->room);
	pthread_cond_destroy(&f->filled);
	pthread_mutex_destroy(&f->mu);
	free(f);
}

static int by_id(const void *x, const void *y)
{
	return strcmp(((const struct article *)x)->id, ((const struct article *)y)->id);
}

/* The batch is sorted (small), then merged from the back into the grown
 * array: linear in the collection, where sorting it all again is not. */
void loadfeed_merge(struct collection *c, struct article *batch, size_t n)
{
	if (!n) {
		free(batch);
		return;
	}
	qsort(batch, n, sizeof *batch, by_id);
	ARRAY_RESERVE(c->items, c->cap, c->n + n);
	size_t i = c->n, j = n, k = c->n + n;
	while (j > 0) {
		if (i > 0 && strcmp(c->items[i - 1].id, batch[j - 1].id) > 0) c->items[--k] = c->items[--i];
		else c->items[--k] = batch[--j];
	}
	c->n += n;
	free(batch);
}

/* SPDX-License-Identifier: MIT
 * The filter's match on a bgjob (see bgfilter.h): query_filter over slices
 * of the collection, with progress and a cancel check between slices. The
 * reading state is copied before the thread starts, so the job never asks
 * the reader's loop anything. */
#include "core/find/bgfilter.h"

#include <stdlib.h>
#include <time.h>

#include "core/base/bgjob.h"
#include "core/collection/tags.h"
#include "core/find/foldtitles.h"
#include "core/find/ftsindex.h"
#include "core/find/query.h"
#include "core/base/util.h"

/* Articles per slice: small enough that a cancel is seen within a few file
 * reads, large enough that the checks cost nothing. */
#define SLICE 64
/* Titles folded between cancel checks while the table is made: well under
 * a millisecond each. */
#define TITLE_SLICE 4096

enum { ST_READ = 1, ST_MARKED = 2 };

struct bgfilter {
	struct query *q;       /* owned; the job's alone until finish */
	struct query_env env;  /* ctx is this struct: the callbacks below */
	unsigned char *state;  /* owned: ST_* per article, NULL when q needs none */
	struct ftsindex *fx;   /* borrowed, the job's alone until finish */
	struct foldtitles *titles; /* owned until finish hands it back; NULL: none */
	bool titles_make;      /* complete it before matching */
	size_t n;
	const uint32_t *cand;  /* borrowed (the tag index's postings): the only
				* articles that can match, ascending; NULL: all n */
	size_t ncand;
	size_t *out;           /* owned: matches, room for n + 1 */
	long count, ms;        /* written by the job, read after join */
	struct bgjob *job;     /* owned */
};

static bool st_read(void *ctx, size_t art)
{
	const struct bgfilter *b = ctx;
	return b->state && (b->state[art] & ST_READ);
}

static bool st_marked(void *ctx, size_t art)
{
	const struct bgfilter *b = ctx;
	return b->state && (b->state[art] & ST_MARKED);
}

static int fx_match(void *ctx, size_t art, const char *const *words, size_t n)
{
	return ftsindex_text_match(((struct bgfilter *)ctx)->fx, art, words, n);
}

static int fx_set(void *ctx, const char *const *words, size_t n, unsigned char *hits,
		  unsigned char *known, size_t nart)
{
	return ftsindex_text_set(((struct bgfilter *)ctx)->fx, words, n, hits, known, nart);
}

/* On the job's thread: the whole answer of the query's caches is the same
 * as one query_filter call, slice by slice. */
static int run(struct bgjob *job, void *arg)
{
	struct bgfilter *b = arg;
	const atomic_int *stop = bgjob_cancel_flag(job);
	size_t *in = xcalloc(SLICE, sizeof *in);
	size_t k = 0, i = 0, total = b->cand ? b->ncand : b->n;
	const struct collection *c = &b->env.d->coll;
	while (b->titles_make && b->titles->n < c->n && !atomic_load(stop))
		foldtitles_extend(b->titles, c, b->titles->n + TITLE_SLICE);
	/* the table is made once: *ms (the reader's guess of what the next
	 * query costs, FILTER_LIVE_MS) is the match alone */
	double t0 = util_now_ms();
	while (i < total && !atomic_load(stop)) {
		size_t m = total - i < SLICE ? total - i : SLICE;
		for (size_t j = 0; j < m; j++) in[j] = b->cand ? b->cand[i + j] : i + j;
		k += query_filter(b->q, &b->env, in, m, b->out + k);
		i += m;
		bgjob_set_progress(job, i, total);
	}
	free(in);
	b->ms = (long)(util_now_ms() - t0);
	b->count = (long)k;
	return i < total ? -2 : 0;
}

struct bgfilter *bgfilter_start(struct query *q, const struct query_env *env, struct ftsindex *fx)
{
	return bgfilter_start_titles(q, env, fx, NULL);
}

struct bgfilter *bgfilter_start_titles(struct query *q, const struct query_env *env,
				       struct ftsindex *fx, struct foldtitles *titles)
{
	struct bgfilter *b = xcalloc(1, sizeof *b);
	if (titles && titles->n > env->d->coll.n) { /* not this collection's */
		foldtitles_free(titles);
		titles = foldtitles_new();
	}
	b->titles = titles;
	b->q = q;
	b->n = env->d->coll.n;
	b->fx = fx;
	/* a tag every match must carry: its postings (an article under its
	 * tags and their parents, as tag: matches) are the candidates, so a
	 * tag filter at 1,000,000 articles reads hundreds, not every one */
	const char *tag = query_required_tag(q);
	const struct tagindex *ti = &env->d->tags;
	if (tag && ti->narticles == b->n) {
		const struct tag_entry *e = tagindex_get(ti, tag);
		static const uint32_t none[1] = {0};
		b->cand = e ? e->arts : none;
		b->ncand = e ? e->n : 0;
	}
	b->out = xcalloc((b->cand ? b->ncand : b->n) + 1, sizeof *b->out);
	if (query_needs_state(q)) {
		/* only the articles the job will judge: a tag's candidates,
		 * not every article (a lookup each, on the reader's thread) */
		b->state = xcalloc(b->n + 1, 1);
		size_t total = b->cand ? b->ncand : b->n;
		for (size_t k = 0; k < total; k++) {
			size_t i = b->cand ? b->cand[k] : k;
			b->state[i] = (env->is_read && env->is_read(env->ctx, i) ? ST_READ : 0) |
				      (env->is_marked && env->is_marked(env->ctx, i) ? ST_MARKED : 0);
		}
	}
	/* a whole table pays when every article is tried; a tag's few
	 * candidates fold their own titles (or take them from the table) */
	b->titles_make = titles && !b->cand && query_needs_titles(q);
	b->env = (struct query_env){env->d, st_read, st_marked, b, fx ? fx_match : NULL,
				    fx ? fx_set : NULL, titles};
	b->job = bgjob_start(run, b);
	return b;
}

void bgfilter_progress(const struct bgfilter *b, size_t *done, size_t *total)
{
	bgjob_progress(b->job, done, total);
}

bool bgfilter_finished(const struct bgfilter *b) { return bgjob_finished(b->job); }

bool bgfilter_wait(const struct bgfilter *b, long ms)
{
	double end = util_now_ms() + (double)ms;
	while (!bgjob_finished(b->job)) {
		if (util_now_ms() >= end) return false;
		nanosleep(&(struct timespec){0, 500000L}, NULL);
	}
	return true;
}

long bgfilter_finish(struct bgfilter *b, bool cancel, size_t **out, long *ms)
{
	return bgfilter_finish_titles(b, cancel, out, ms, NULL);
}

long bgfilter_finish_titles(struct bgfilter *b, bool cancel, size_t **out, long *ms,
			    struct foldtitles **titles)
{
	if (cancel) bgjob_cancel(b->job);
	bool ok = bgjob_join(b->job) >= 0 && !cancel;
	long count = ok ? b->count : -1;
	*out = ok ? b->out : NULL;
	if (!ok) free(b->out);
	if (ms) *ms = ok ? b->ms : 0;
	if (titles) *titles = b->titles;
	else foldtitles_free(b->titles);
	query_free(b->q);
	free(b->state);
	free(b);
	return count;
}

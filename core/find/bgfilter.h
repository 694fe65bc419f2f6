/* SPDX-License-Identifier: MIT
 * A query matched over the whole collection on another thread (core/base/bgjob.h),
 * so that the reader's filter prompt keeps answering keys while a slow
 * query runs. The job owns its parsed query (a query is used by one thread
 * at a time) and a copy of the reading state it may ask about. */
#ifndef DOSSIER_BGFILTER_H
#define DOSSIER_BGFILTER_H

#include <stdbool.h>
#include <stddef.h>

struct bgfilter;
struct foldtitles;
struct ftsindex;
struct query;
struct query_env;

/* Match q (owned: moved in, freed by bgfilter_finish) against articles
 * 0..env->d->coll.n-1 on a new thread. env's reading-state callbacks are
 * asked here, on the calling thread, once per article (only when q asks
 * about reading state); its text callbacks are not used: fx (borrowed, may
 * be NULL) answers full-text terms on the job's thread instead. The
 * collection and fx belong to the job, unchanged and untouched, until
 * bgfilter_finish. Never NULL. */
struct bgfilter *bgfilter_start(struct query *q, const struct query_env *env, struct ftsindex *fx);
/* The same with the collection's folded titles (foldtitles.h; owned,
 * moved in, may be NULL: titles are folded per article): when q looks at
 * titles and every article is tried, the job first completes the table
 * (in slices: a cancel stops it between them), then matches with it.
 * The table is the job's alone until bgfilter_finish_titles hands it
 * back, whole or as far as it got; it must be env->d's own. */
struct bgfilter *bgfilter_start_titles(struct query *q, const struct query_env *env,
				       struct ftsindex *fx, struct foldtitles *titles);
/* Articles tried so far of total. */
void bgfilter_progress(const struct bgfilter *b, size_t *done, size_t *total);
bool bgfilter_finished(const struct bgfilter *b);
/* Wait at most ms milliseconds for the job to finish; true when it has. */
bool bgfilter_wait(const struct bgfilter *b, long ms);
/* Wait for the job (asking it to stop first when cancel) and free b and its
 * query. Returns how many articles matched, with their numbers in ascending
 * order in *out (owned by the caller, room for n + 1), or -1 when cancel
 * was asked or the job was cancelled (*out NULL). *ms (may be NULL): how long the matching took
 * (not the making of a titles table, done once). */
long bgfilter_finish(struct bgfilter *b, bool cancel, size_t **out, long *ms);
/* The same, and *titles (owned by the caller, NULL when none was given)
 * the table given to bgfilter_start_titles, as far as it was built. */
long bgfilter_finish_titles(struct bgfilter *b, bool cancel, size_t **out, long *ms,
			    struct foldtitles **titles);

#endif

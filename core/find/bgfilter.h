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
/* Articles tried so far of total. */
void bgfilter_progress(const struct bgfilter *b, size_t *done, size_t *total);
bool bgfilter_finished(const struct bgfilter *b);
/* Wait at most ms milliseconds for the job to finish; true when it has. */
bool bgfilter_wait(const struct bgfilter *b, long ms);
/* Wait for the job (asking it to stop first when cancel) and free b and its
 * query. Returns how many articles matched, with their numbers in ascending
 * order in *out (owned by the caller, room for n + 1), or -1 when cancel
 * was asked or the job was cancelled (*out NULL). *ms (may be NULL): how long the matching took. */
long bgfilter_finish(struct bgfilter *b, bool cancel, size_t **out, long *ms);

#endif

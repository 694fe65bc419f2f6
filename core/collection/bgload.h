/* SPDX-License-Identifier: MIT
 * Loading a collection on another thread (core/base/bgjob.h), so that the
 * reader answers keys and shows progress while the folder is scanned and
 * changed files are read: after a snapshot start it is the refresh, on a
 * cold start the whole load, whose articles can be taken in batches as
 * they are read (core/collection/loadfeed.h) so the list grows. */
#ifndef DOSSIER_BGLOAD_H
#define DOSSIER_BGLOAD_H

#include <stdbool.h>
#include <stddef.h>

#include "core/collection/dossier.h"

struct bgload;
struct metacache;

/* Start dossier_open_with(root, o) on a new thread. o is copied; what it
 * points to (field map, vocabulary) must outlive the load; o->progress
 * and the hooks are ignored (see bgload_files, bgload_take). mc: owned,
 * may be NULL (then the load opens the cache itself when o->use_cache). */
struct bgload *bgload_start(const char *root, const struct dossier_open_opts *o,
			    struct metacache *mc);
/* The same, also feeding each article read to bgload_take; gate as
 * loadfeed_new (0 for the reader; N: steps of N for screen tests). */
struct bgload *bgload_start_fed(const char *root, const struct dossier_open_opts *o,
				struct metacache *mc, size_t gate);
/* Start dossier_open_snapshot(root, o) on a new thread: the whole
 * snapshot behind a first list (core/collection/firstlist.h); o as for
 * bgload_start. bgload_files counts the records decoded so far;
 * bgload_finish_cache hands over the open cache with the result. */
struct bgload *bgload_start_snapshot(const char *root, const struct dossier_open_opts *o);
/* Files seen so far (scanned, then checked or read). */
size_t bgload_files(const struct bgload *b);
/* Article files the scan found (0: the scan has not ended). */
size_t bgload_total(const struct bgload *b);
/* A fed load's articles read since the last take (loadfeed_take: *batch
 * is owned by the caller). 0 for a load that is not fed. */
size_t bgload_take(struct bgload *b, struct article **batch, bool wait);
bool bgload_finished(const struct bgload *b);
/* Wait for the load (asking it to stop first when cancel), free b and
 * move the result into *d. Returns dossier_open_with's result: 0, -1, or
 * -2 when cancelled (then *d is empty and need not be closed). Articles
 * fed but not taken are dropped. */
int bgload_finish(struct bgload *b, struct dossier *d, bool cancel);
/* The same; *mc (may be NULL) gets the load's metadata cache unless it
 * returns -2 (owned by the caller: a snapshot's, for its refresh; NULL
 * when caching is off). A snapshot that found nothing returns -1: d is
 * empty but for the note of a damaged cache. */
int bgload_finish_cache(struct bgload *b, struct dossier *d, bool cancel, struct metacache **mc);

#endif

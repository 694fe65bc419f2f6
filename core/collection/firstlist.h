/* SPDX-License-Identifier: MIT
 * The first screen of a warm start of a large collection, from the
 * metadata cache's lean index (core/meta/metaindex.h) alone: the newest
 * articles, and the ones around the article read last, decoded from their
 * records while the whole cache is decoded behind them. Why: at 1,000,000
 * articles opening and decoding the whole cache takes about a second
 * before anything could be drawn; the first screen needs a few thousand. */
#ifndef DOSSIER_FIRSTLIST_H
#define DOSSIER_FIRSTLIST_H

#include <stddef.h>

#include "core/collection/dossier.h"

/* How many articles either side of the article read last a reader's
 * first list holds, so that a list scrolled to it shows the same rows
 * before and after the whole collection comes (a taller pane than this
 * differs). */
#define FIRSTLIST_AROUND 256

struct metaindex;

/* The lean index of root's cache when a first list is worth it: the cache
 * holds more than min articles and has a usable index for o's settings (o
 * as for dossier_open_snapshot: NULL with no cache, another field map or
 * vocabulary). Owned: give it to firstlist_read. */
struct metaindex *firstlist_index(const char *root, const struct dossier_open_opts *o,
				  size_t min);
/* d gets the want newest articles of mx (newest first by date, ties by
 * id: the reader's first order, core/collection/order.h), and the article
 * whose id is around (may be NULL) with up to near articles either side
 * of it in that order, each decoded after its own checksum;
 * sorted by id, their tags indexed; no diagnostics (the whole load has
 * them); d->vocab is vocab. Closes mx. Returns the number of articles the
 * cache holds. */
size_t firstlist_read(struct dossier *d, struct metaindex *mx, const char *root,
		      const struct vocab *vocab, size_t want, const char *around, size_t near);

#endif

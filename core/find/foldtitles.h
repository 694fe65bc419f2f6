/* SPDX-License-Identifier: MIT
 * Every title of a collection folded once (NFKC + case fold, as queries
 * match them) into one buffer with offsets, so that a filter typed key by
 * key, or many saved searches counted together, do not fold each title
 * again for every query. */
#ifndef DOSSIER_FOLDTITLES_H
#define DOSSIER_FOLDTITLES_H

#include <stdbool.h>
#include <stddef.h>

#include "core/collection/collection.h"

/* The folded titles of articles 0..n-1 of one collection. Memory: the
 * folded text plus a NUL and an 8-byte offset per article, about 60 bytes
 * per article for news titles (60 MB at 1,000,000). A table made for one
 * collection means nothing for another: its owner drops it whenever the
 * collection changes. */
struct foldtitles {
	char *buf;   /* owned: title i at buf + off[i], NUL-terminated */
	size_t *off; /* owned: room for cap; off[n] is the end */
	size_t n;    /* articles folded so far (from 0) */
	size_t cap, len, bufcap;
};

/* An empty table (n 0), to be filled by foldtitles_extend. Owned by the
 * caller: foldtitles_free. */
struct foldtitles *foldtitles_new(void);
/* Fold the titles of c's articles ft->n..upto-1 (upto clamped to c->n),
 * so that a build may stop between slices and go on later. */
void foldtitles_extend(struct foldtitles *ft, const struct collection *c, size_t upto);
/* A table of every title of c at once. */
struct foldtitles *foldtitles_make(const struct collection *c);
/* Folded title of article i (< ft->n), borrowed from ft; *len its bytes. */
static inline const char *foldtitles_get(const struct foldtitles *ft, size_t i, size_t *len)
{
	*len = ft->off[i + 1] - ft->off[i] - 1;
	return ft->buf + ft->off[i];
}
/* Does ft hold every title of c (c's article count)? */
static inline bool foldtitles_covers(const struct foldtitles *ft, const struct collection *c)
{
	return ft && ft->n == c->n;
}
/* One title folded as foldtitles and queries fold it (caller frees). */
char *foldtitles_fold(const char *s, size_t *outlen);
void foldtitles_free(struct foldtitles *ft);
/* For an owner that lends its table to one job at a time (the reader's
 * filter): the table in *slot moved out (*slot NULL after), or a new
 * empty one when the slot is empty (lent already); and a table back
 * (owned, may be NULL) into *slot, keeping the fuller of the two. */
struct foldtitles *foldtitles_lend(struct foldtitles **slot);
void foldtitles_keep(struct foldtitles **slot, struct foldtitles *ft);

#endif

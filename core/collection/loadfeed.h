/* SPDX-License-Identifier: MIT
 * The articles a background load has read so far, handed to the reader in
 * batches so that a cold start's list grows while the files are read: the
 * loading threads put a copy of each article as it is read, the reader
 * takes what has gathered on its tick and merges it into the partial
 * collection it shows. The copies are the only thing both sides touch,
 * always under the feed's lock. */
#ifndef DOSSIER_LOADFEED_H
#define DOSSIER_LOADFEED_H

#include <stdbool.h>
#include <stddef.h>

#include "core/collection/collection.h"

struct loadfeed;

/* gate 0: puts never wait. gate N: a put waits while N articles are
 * untaken, so a taker that waits (loadfeed_take) sees batches of exactly
 * N in the order one loading thread read them (screen tests step a load
 * that way). Never NULL. */
struct loadfeed *loadfeed_new(size_t gate);
/* From any loading thread: put a deep copy of a (the caller keeps a).
 * After loadfeed_close it does nothing. */
void loadfeed_put(struct loadfeed *f, const struct article *a);
/* Take the articles put since the last take, in the order they were put:
 * *batch gets a malloc'd array of them (owned by the caller, NULL when
 * none). wait: block until a gate's worth (gate 0: one article) is there
 * or the feed is closed. Returns the count. */
size_t loadfeed_take(struct loadfeed *f, struct article **batch, bool wait);
/* The load ended or is abandoned: waiting puts and takes return, later
 * puts do nothing. What was put stays to be taken. */
void loadfeed_close(struct loadfeed *f);
bool loadfeed_closed(struct loadfeed *f);
/* Free f and any articles still untaken. f may be NULL. */
void loadfeed_free(struct loadfeed *f);

/* Merge a batch (n articles; the articles are moved in, the array is
 * freed) into c, which stays sorted by id: the partial collection the
 * reader shows. Equal ids stay side by side (the full load's unique ids
 * come with the final collection). */
void loadfeed_merge(struct collection *c, struct article *batch, size_t n);

#endif

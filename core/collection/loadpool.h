/* SPDX-License-Identifier: MIT
 * The threads that read a collection's files while the folder scan is
 * still finding them (collection.c's only helper): the scan adds files in
 * scan order, the threads take them in that order, each result kept in
 * its own slot so the collection can be put together in scan order. */
#ifndef DOSSIER_LOADPOOL_H
#define DOSSIER_LOADPOOL_H

#include <stdbool.h>
#include <stddef.h>

#include "core/base/diag.h"
#include "core/collection/collection.h"
#include "core/meta/article.h"
#include "core/meta/metacache.h"

/* One file to read. Written only by the thread that took it, until the
 * pool has been run; then the caller's (it may move a and diags out). */
struct loadjob {
	char *rel;          /* owned: the path below the root */
	struct article a;   /* the article as read */
	struct diag_list diags; /* its problems, all its own */
	unsigned char *blob; /* owned: its cache record (metablob_encode), or NULL */
	size_t blen;
	struct metacache_stat file; /* the file's stat as opened (have_file) */
	bool have_file;
};

struct loadpool;

/* A pool for the files under root, read with fm and o (its each, progress
 * and cancel; borrowed). encode: also encode each article's cache record
 * on the thread that read it. */
struct loadpool *loadpool_new(const char *root, const struct fieldmap *fm,
			      const struct collection_load_opts *o, bool encode);
/* Queue rel (copied) as the next file to read; on the calling thread,
 * during the scan. Threads start once there are enough files to share. */
void loadpool_add(struct loadpool *p, const char *rel);
/* Between files of the scan: report progress when due. False once the
 * load is cancelled (the scan should stop). */
bool loadpool_poll(struct loadpool *p);
/* The scan is over: read what is left here and on the threads, and wait
 * for all. Returns false when the load was cancelled. */
bool loadpool_finish(struct loadpool *p);
/* The jobs in the order added; after loadpool_finish. Those a cancel left
 * untaken (k >= loadpool_taken) are still zeroed but for rel. */
size_t loadpool_count(const struct loadpool *p);
size_t loadpool_taken(const struct loadpool *p);
struct loadjob *loadpool_job(struct loadpool *p, size_t k);
void loadpool_free(struct loadpool *p);

#endif

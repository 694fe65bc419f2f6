/* SPDX-License-Identifier: MIT
 * A collection: every article under a root folder, found recursively, with
 * its metadata read and every problem kept as a diagnostic. */
#ifndef DOSSIER_COLLECTION_H
#define DOSSIER_COLLECTION_H

#include <stdatomic.h>
#include <stddef.h>

#include "core/base/arena.h"
#include "core/meta/article.h"
#include "core/base/diag.h"
#include "core/meta/fieldmap.h"

/* Owns its articles. Article numbers (indexes into items) are stable for
 * the collection's lifetime and are what indexes and panes refer to. */
struct collection {
	char *root; /* owned */
	struct article *items;
	size_t n, cap;
	/* owned: the strings of the articles taken from the cache for a
	 * snapshot (article.h: in_arena); empty otherwise */
	struct arena arena;
};

/* Called now and then while loading, for a progress display. */
typedef void (*collection_progress_fn)(void *ctx, size_t files_seen);

/* Load root recursively. Returns 0, or -1 when root itself cannot be read
 * (diag added). Problems with single files are diags; those files still
 * load with what could be read. Articles are sorted by id. */
int collection_load(struct collection *c, const char *root, const struct fieldmap *fm,
		    struct diag_list *diags, collection_progress_fn progress, void *pctx);
/* The same, calling each(ctx, article, body, len) once per article while
 * its text is in memory (body NULL when unreadable or binary), so derived
 * data such as vocabulary tags costs no second read. */
int collection_load_with(struct collection *c, const char *root, const struct fieldmap *fm,
			 struct diag_list *diags, collection_progress_fn progress, void *pctx,
			 void (*each)(void *ctx, struct article *a, const char *body, size_t len),
			 void *ectx);
struct metacache;
/* Everything collection_load_with takes, plus a metadata cache: articles
 * whose file and sidecars are unchanged since the cache recorded them are
 * taken from it without being opened (each is not called for them: their
 * derived data is cached too); the others are read and recorded. The
 * caller saves the cache afterwards (metacache_save).
 *
 * The files to read are read on several threads: min(online CPUs, 8), or
 * the number in the environment variable DOSSIER_THREADS (1: all on the
 * calling thread); one thread for fewer than 64 files. So each may be
 * called from several threads at once, for different articles, and must
 * only touch the article it is given and read-only data. progress is only
 * called on the calling thread, with a count that only grows. The result
 * and the order of the diagnostics do not depend on the thread count.
 *
 * Returns -2 when *cancel became non-zero during the load (polled once per
 * file; it may be set from another thread or from progress): c is left
 * empty (still freed with collection_free) and diags may hold some of the
 * files' problems. The files read before the cancel are recorded in the
 * cache; records not reached are not marked seen, so only a cache that
 * started empty may be saved after a cancel (dossier_open_with does). */
struct collection_load_opts {
	collection_progress_fn progress;
	void *pctx;
	void (*each)(void *ctx, struct article *a, const char *body, size_t len);
	void *ectx;
	struct metacache *cache; /* borrowed; NULL: read every file */
	const atomic_int *cancel; /* borrowed; NULL: never cancelled */
	/* Freshness by folder (metacache.h): when the cache's last full check
	 * is less than check_every seconds old, folders whose stat is
	 * unchanged are taken from the cache without a stat per file; else
	 * (and when check_every <= 0) every file is stat-ed and the check's
	 * time recorded. */
	int check_every;
	/* NULL, or called once on the calling thread when the folder scan
	 * ends, with the number of article files found (a progress total);
	 * its context is each's */
	void (*found)(void *ectx, size_t files);
	/* A refresh of a snapshot (collection_from_cache on this cache, which
	 * gave snap_n articles; 0: none): when the scan finds exactly the
	 * articles the snapshot decoded, all unchanged, nothing is decoded
	 * again: *same (required then) is set, the records are kept for the
	 * save, and c is left empty, the snapshot standing for the result. */
	size_t snap_n;
	bool *same;
};
int collection_load_with_opts(struct collection *c, const char *root, const struct fieldmap *fm,
			      struct diag_list *diags, const struct collection_load_opts *o);
/* The collection as the cache last saw it, without reading the folder
 * (a snapshot start: the refresh that follows finds what changed). Ids,
 * order and duplicate-id handling as collection_load. Returns the number
 * of articles; 0 when the cache holds none (c is then empty but valid). */
size_t collection_from_cache(struct collection *c, const char *root, struct metacache *mc,
			     struct diag_list *diags);
/* The same, calling progress (may be NULL) now and then with the records
 * decoded so far; when *cancel (may be NULL) becomes non-zero it stops and
 * returns 0 with c empty. */
size_t collection_from_cache_with(struct collection *c, const char *root, struct metacache *mc,
				  struct diag_list *diags, collection_progress_fn progress,
				  void *pctx, const atomic_int *cancel);
void collection_free(struct collection *c);
/* Article number for an id, or -1 (binary search over the sorted ids). */
long collection_find(const struct collection *c, const char *id);

#endif

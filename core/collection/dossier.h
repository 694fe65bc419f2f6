/* SPDX-License-Identifier: MIT
 * The core context: one loaded collection with its indexes. The CLI and
 * the TUI both hold one and pass it explicitly; nothing here is global. */
#ifndef DOSSIER_DOSSIER_H
#define DOSSIER_DOSSIER_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include "core/collection/collection.h"
#include "core/base/diag.h"
#include "core/meta/fieldmap.h"
#include "core/find/similar.h"
#include "core/collection/tags.h"

struct vocab;
struct sigcache_stats;
struct metacache;

struct dossier {
	struct collection coll;
	struct tagindex tags;
	struct simindex sim;       /* built on first use: simindex_ensure(&d->sim, &d->coll) */
	const struct vocab *vocab; /* borrowed; NULL: no derived tags */
	struct diag_list diags;    /* every problem found while loading */
	char *cache_note;          /* owned or NULL: e.g. a damaged cache was rebuilt */
	struct dossier_saver *saver; /* owned or NULL: a cache save still running
				      * (dossier_open_opts.save_later) */
};

/* Load root and build the indexes. Returns 0, or -1 when root cannot be
 * read at all (the reason is in d->diags). */
int dossier_open(struct dossier *d, const char *root, const struct fieldmap *fm,
		 const struct vocab *vocab, collection_progress_fn progress, void *pctx);

/* dossier_open with the metadata cache (core/meta/metacache.h): unchanged
 * articles come from $XDG_CACHE_HOME/dossier/ without being opened, and
 * the cache is written back when anything changed. */
struct dossier_open_opts {
	const struct fieldmap *fm;  /* borrowed; NULL: the defaults */
	const struct vocab *vocab;  /* borrowed; NULL: no derived tags */
	/* vocab_hash() of the chosen vocabulary (every text it loaded), so
	 * that choosing or editing another re-derives tags. With a vocab but a
	 * 0 hash the cache is not used (it could hold stale derived tags). */
	uint64_t vocab_hash;
	bool use_cache;             /* false: read every file (tests, --no-cache) */
	collection_progress_fn progress;
	void *pctx;
	/* borrowed: an already open cache (dossier_open_snapshot's), used and
	 * saved instead of opening one; the caller closes it */
	struct metacache *cache;
	const atomic_int *cancel; /* NULL: never; set: stop, return -2 */
	/* collection_load_opts.check_every: 0 (the default) stats every
	 * file; the CLI passes the configured bound */
	int check_every;
	/* NULL, or called with each article read from its file, complete
	 * (derived tags too) but before ids are made unique; from the loading
	 * threads, several at once (see collection_load_with_opts): it may only
	 * read the article. Not called for articles taken from the cache. */
	void (*loaded)(void *lctx, const struct article *a);
	/* NULL, or called once when the folder scan ends, with the number of
	 * article files found */
	void (*found)(void *lctx, size_t files);
	void *lctx;
	/* The refresh of a snapshot (dossier_open_snapshot with this cache):
	 * when the folder holds exactly its articles, unchanged, the load
	 * decodes nothing again and builds no second collection: *same is set,
	 * d holds only the scan's problems, and the cache is saved from the
	 * snapshot. Borrowed and read on the loading thread: the caller must
	 * not change it until the load ends. NULL: always a full result. */
	const struct dossier *snapshot;
	bool *same;
	/* Write the metadata cache on a thread of its own while the caller
	 * goes on (a cold `list` prints meanwhile); dossier_close waits for
	 * it. Only for a caller that changes nothing in d until then. */
	bool save_later;
};
/* Returns 0, -1 (root unreadable) or -2 (cancelled; d is still closed
 * with dossier_close). */
int dossier_open_with(struct dossier *d, const char *root, const struct dossier_open_opts *o);
/* The collection as the metadata cache last saw it, without reading the
 * folder: the first screen of a warm start. Returns 0, or -1 when the
 * cache has nothing for this root and settings (then d is empty but can
 * be closed). *mc gets the open cache (owned by the caller, NULL when
 * caching is off) to hand to the dossier_open_with that refreshes it.
 * o->progress is called with the records decoded so far; -2 when
 * o->cancel was set (d empty, *mc still the caller's). */
int dossier_open_snapshot(struct dossier *d, const char *root, const struct dossier_open_opts *o,
			  struct metacache **mc);
/* What a refresh changed, by id: new, gone, and changed articles (any
 * field loading computed differs: a sidecar edit counts). */
struct dossier_changes {
	size_t added, removed, changed;
};
void dossier_compare(const struct dossier *was, const struct dossier *now,
		     struct dossier_changes *ch);
/* Give every article its content signature (from the signature file
 * beside the metadata cache when use_cache, core/find/sigcache.h) and
 * build d->sim over them: what related and duplicates need, and the load
 * no longer does. st (may be NULL) gets what it took from where. */
void dossier_sign(struct dossier *d, bool use_cache, struct sigcache_stats *st);
void dossier_close(struct dossier *d);
/* dossier_close for a process that exits next: waits for the cache's
 * writer and frees nothing (freeing 100,000 articles a field at a time
 * was 2 % of a cold `list`'s CPU). The caller keeps d where a leak
 * checker finds it until the exit (main's frame, then exit()). */
void dossier_close_exiting(struct dossier *d);

#endif

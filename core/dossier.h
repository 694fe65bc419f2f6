/* SPDX-License-Identifier: MIT
 * The core context: one loaded collection with its indexes. The CLI and
 * the TUI both hold one and pass it explicitly; nothing here is global. */
#ifndef DOSSIER_DOSSIER_H
#define DOSSIER_DOSSIER_H

#include <stdbool.h>
#include <stdint.h>

#include "core/collection.h"
#include "core/diag.h"
#include "core/fieldmap.h"
#include "core/tags.h"

struct vocab;

struct dossier {
	struct collection coll;
	struct tagindex tags;
	const struct vocab *vocab; /* borrowed; NULL: no derived tags */
	struct diag_list diags;    /* every problem found while loading */
	char *cache_note;          /* owned or NULL: e.g. a damaged cache was rebuilt */
};

/* Load root and build the indexes. Returns 0, or -1 when root cannot be
 * read at all (the reason is in d->diags). */
int dossier_open(struct dossier *d, const char *root, const struct fieldmap *fm,
		 const struct vocab *vocab, collection_progress_fn progress, void *pctx);

/* dossier_open with the metadata cache (core/metacache.h): unchanged
 * articles come from $XDG_CACHE_HOME/dossier/ without being opened, and
 * the cache is written back when anything changed. */
struct dossier_open_opts {
	const struct fieldmap *fm;  /* borrowed; NULL: the defaults */
	const struct vocab *vocab;  /* borrowed; NULL: no derived tags */
	/* metacache_hash() over the vocabulary texts (shipped + user file),
	 * so that editing the vocabulary re-derives tags. With a vocab but a
	 * 0 hash the cache is not used (it could hold stale derived tags). */
	uint64_t vocab_hash;
	bool use_cache;             /* false: read every file (tests, --no-cache) */
	collection_progress_fn progress;
	void *pctx;
};
int dossier_open_with(struct dossier *d, const char *root, const struct dossier_open_opts *o);
void dossier_close(struct dossier *d);

#endif

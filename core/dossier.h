/* SPDX-License-Identifier: MIT
 * The core context: one loaded collection with its indexes. The CLI and
 * the TUI both hold one and pass it explicitly; nothing here is global. */
#ifndef DOSSIER_DOSSIER_H
#define DOSSIER_DOSSIER_H

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
};

/* Load root and build the indexes. Returns 0, or -1 when root cannot be
 * read at all (the reason is in d->diags). */
int dossier_open(struct dossier *d, const char *root, const struct fieldmap *fm,
		 const struct vocab *vocab, collection_progress_fn progress, void *pctx);
void dossier_close(struct dossier *d);

#endif

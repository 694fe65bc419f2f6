/* SPDX-License-Identifier: MIT
 * Loading a collection on another thread (core/base/bgjob.h), so that the
 * reader answers keys and shows progress while the folder is scanned and
 * changed files are read: after a snapshot start it is the refresh, on a
 * cold start the whole load. */
#ifndef DOSSIER_BGLOAD_H
#define DOSSIER_BGLOAD_H

#include <stdbool.h>
#include <stddef.h>

#include "core/collection/dossier.h"

struct bgload;

/* Start dossier_open_with(root, o) on a new thread. o is copied; what it
 * points to (field map, vocabulary) must outlive the load; o->progress
 * is ignored (see bgload_files). mc: owned, may be NULL (then the load
 * opens the cache itself when o->use_cache). */
struct bgload *bgload_start(const char *root, const struct dossier_open_opts *o,
			    struct metacache *mc);
/* Files seen so far (scanned, then checked or read). */
size_t bgload_files(const struct bgload *b);
bool bgload_finished(const struct bgload *b);
/* Wait for the load (asking it to stop first when cancel), free b and
 * move the result into *d. Returns dossier_open_with's result: 0, -1, or
 * -2 when cancelled (then *d is empty and need not be closed). */
int bgload_finish(struct bgload *b, struct dossier *d, bool cancel);

#endif

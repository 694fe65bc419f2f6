/* SPDX-License-Identifier: MIT
 * Building the full-text index (core/find/ftsindex.h) for a loaded collection:
 * here and now for the command line and the reader's headless runs, or on
 * another thread (core/base/bgjob.h) beside the background load, so that the
 * reader answers keys while the bodies are indexed. */
#ifndef DOSSIER_BGINDEX_H
#define DOSSIER_BGINDEX_H

#include <stdbool.h>
#include <stddef.h>

#include "core/collection/collection.h"

struct ftsindex;
struct bgindex;

/* Open the index of c's folder and bring it up to date now. Returns the
 * index (owned by the caller, ftsindex_close), or NULL when there is none
 * to use. *note (owned, may be NULL) says what went wrong, or what was
 * repaired even when an index is returned. */
struct ftsindex *bgindex_build_now(const struct collection *c, char **note);

/* Open the index now and refresh it on a new thread. NULL (with *note)
 * when it cannot be opened: there is nothing to wait for. c is borrowed
 * and must not change until bgindex_finish. */
struct bgindex *bgindex_start(const struct collection *c, char **note);
/* Articles checked so far of total (total 0: not known yet). */
void bgindex_progress(const struct bgindex *b, size_t *done, size_t *total);
bool bgindex_finished(const struct bgindex *b);
/* Wait for the build (asking it to stop first when cancel) and free b.
 * Returns the index, ready for queries, or NULL when the build failed or
 * was cancelled (the index is then closed). */
struct ftsindex *bgindex_finish(struct bgindex *b, bool cancel);

#endif

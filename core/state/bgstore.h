/* SPDX-License-Identifier: MIT
 * The reading state opened on a thread of its own: behind a big
 * collection's first list, a state that lists most of a million articles
 * takes half a second to read, and the keys that only move around the
 * list need not wait for it (tui.c holds the others). */
#ifndef DOSSIER_BGSTORE_H
#define DOSSIER_BGSTORE_H

#include <stdbool.h>

struct bgstore;
struct store;
struct diag_list;

/* Start store_open(path) on a thread (path copied). Never NULL. */
struct bgstore *bgstore_start(const char *path);
bool bgstore_finished(const struct bgstore *b);
/* Wait for it, free b, and return the store (never NULL; owned by the
 * caller) with store_open's problems appended to dl. */
struct store *bgstore_finish(struct bgstore *b, struct diag_list *dl);

#endif

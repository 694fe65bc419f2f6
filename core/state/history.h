/* SPDX-License-Identifier: MIT
 * Back/forward reading history, like a browser's: opening an article drops
 * the forward part. Holds article IDs (not numbers) so it survives a reload
 * of the collection. Pure data: no terminal, no files. */
#ifndef DOSSIER_HISTORY_H
#define DOSSIER_HISTORY_H

#include <stddef.h>

/* Owns its strings. pos is the index of the current entry (n == 0: none). */
struct history {
	char **ids;
	size_t n, cap, pos;
	size_t max; /* oldest entries are dropped beyond this (0: 1000) */
};

#define HISTORY_INIT {NULL, 0, 0, 0, 0}

/* Visit id: drops entries after the current one, appends id (unless it is
 * already the current entry). */
void history_push(struct history *h, const char *id);
/* Step back / forward; returns the new current id (borrowed) or NULL when
 * there is nothing in that direction (position unchanged). */
const char *history_back(struct history *h);
const char *history_forward(struct history *h);
const char *history_current(const struct history *h); /* NULL when empty */
void history_free(struct history *h);

#endif

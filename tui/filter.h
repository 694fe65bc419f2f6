/* SPDX-License-Identifier: MIT
 * Finding in the article list: the filter prompt (f filters as you type,
 * F clears) with its full-text index, and the title search (/ n N in the
 * list). */
#ifndef DOSSIER_TUI_FILTER_H
#define DOSSIER_TUI_FILTER_H

#include <stdbool.h>

struct tui;

/* find.c: the filter (f, F) and the list title search (/ n N) */
unsigned find_filter_open(struct tui *t);
unsigned find_filter_clear(struct tui *t);
/* Set the filter to text (NULL/"" clears); false and a message on a
 * query error. */
bool find_filter_set(struct tui *t, const char *text);
/* Rebuild t->order from t->sorted and t->fmatch, keeping the selection. */
void find_apply(struct tui *t);
/* After (re)loading: re-evaluate the filter text on the new collection. */
void find_reload(struct tui *t);
/* Work left for a pause in typing (deferred body filter); 0 when none. */
bool find_idle_pending(const struct tui *t);
unsigned find_idle(struct tui *t);
/* The full-text index: opened and built in the background (find_fts_start,
 * called by the filter); find_fts_poll shows progress and ends the build. */
void find_fts_start(struct tui *t);
unsigned find_fts_poll(struct tui *t);
unsigned find_list_search(struct tui *t);
unsigned find_list_next(struct tui *t, int dir);
void find_free(struct tui *t);
#endif

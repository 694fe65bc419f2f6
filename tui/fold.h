/* SPDX-License-Identifier: MIT
 * Near-duplicates folded in the article list: the copies of one text
 * (core/find/dupes.h, known once the signatures are in, tui/simjob.c)
 * show as one row with their count; z opens and closes a group. */
#ifndef DOSSIER_TUI_FOLD_H
#define DOSSIER_TUI_FOLD_H

#include <stddef.h>
#include <stdint.h>

struct tui;

/* Per group of the content index: is it open, and how many of its
 * members the current list holds. Owned arrays, ngroups + 1 entries. */
struct fold {
	unsigned char *open;
	uint32_t *count;
	size_t ngroups;
};

/* Fold t->order in place (after the filter built it), the selected
 * article staying on screen: a group's row is its first member in the
 * list order, or the selected article when it is one of them. */
void fold_apply(struct tui *t);
/* Groups changed (new signatures, new collection): all closed again. */
void fold_reset(struct tui *t);
/* The fold key on the list's selected row: R_RESORT when the list must
 * be folded again (filter_apply, which keeps the selected article). */
unsigned fold_toggle(struct tui *t);
void fold_free(struct tui *t);

#endif

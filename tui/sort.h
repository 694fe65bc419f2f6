/* SPDX-License-Identifier: MIT
 * The article list's sort order (t->sort): date, title, source, relevance. */
#ifndef DOSSIER_TUI_SORT_H
#define DOSSIER_TUI_SORT_H

#include <stdbool.h>
#include <stddef.h>

struct tui;

/* Re-sort every article into t->sorted and rebuild the list through the
 * filter, keeping the selected article selected. */
void sort_apply(struct tui *t);
/* The list (t->order, t->norder): t->sorted minus what match[] (per
 * article; NULL: keep all) drops. A narrow filter costs its matches, not
 * the collection: a table scan eight entries at a time, then an order by
 * rank. Returns t->norder. */
size_t sort_filter(struct tui *t, const bool *match);

#endif

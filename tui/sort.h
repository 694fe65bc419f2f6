/* SPDX-License-Identifier: MIT
 * The article list's sort order (t->sort): date, title, source, relevance. */
#ifndef DOSSIER_TUI_SORT_H
#define DOSSIER_TUI_SORT_H

struct tui;

/* Re-sort every article into t->sorted and rebuild the list through the
 * filter, keeping the selected article selected. */
void sort_apply(struct tui *t);

#endif

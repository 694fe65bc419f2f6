/* SPDX-License-Identifier: MIT
 * The related pane (pane_related.c) as the rest of the reader sees it. */
#ifndef DOSSIER_TUI_PANE_RELATED_H
#define DOSSIER_TUI_PANE_RELATED_H

struct pane;

/* Article number of the selected related entry, or -1. */
long pane_related_selected(struct pane *p);

#endif

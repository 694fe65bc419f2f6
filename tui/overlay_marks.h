/* SPDX-License-Identifier: MIT
 * The marks overlay (M): every marked passage of the collection, one row
 * each; Enter opens the article at the passage, d deletes, u undoes. */
#ifndef DOSSIER_TUI_OVERLAY_MARKS_H
#define DOSSIER_TUI_OVERLAY_MARKS_H

struct tui;

/* Push the marks view (or say there are no marks); returns reactions. */
unsigned overlay_marks_open(struct tui *t);

#endif

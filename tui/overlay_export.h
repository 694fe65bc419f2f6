/* SPDX-License-Identifier: MIT
 * Exporting the marks from the reader (x): the file name prompt, then,
 * when the file exists, an overlay asking whether to replace it. */
#ifndef DOSSIER_TUI_OVERLAY_EXPORT_H
#define DOSSIER_TUI_OVERLAY_EXPORT_H

struct tui;

/* Open the file name prompt (or say there are no marks); returns reactions. */
unsigned overlay_export_open(struct tui *t);

#endif

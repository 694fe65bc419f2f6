/* SPDX-License-Identifier: MIT
 * The saved-searches overlay (S): every search in effect with its article
 * and unread counts; Enter (or 1-9) filters the list by one. */
#ifndef DOSSIER_TUI_OVERLAY_SEARCHES_H
#define DOSSIER_TUI_OVERLAY_SEARCHES_H

struct tui;

/* Push the searches view, counted now; returns reactions. */
unsigned overlay_searches_open(struct tui *t);
/* In the filter prompt (save-search): apply its query, then ask for a
 * name and save it (tui/searchset.h), then filter by it as @NAME. */
unsigned overlay_searches_save_open(struct tui *t);

#endif

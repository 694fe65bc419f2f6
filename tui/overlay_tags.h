/* SPDX-License-Identifier: MIT
 * The tag browser overlay (t): tags with their article, unread and marked
 * counts and a sparkline per month; Enter filters the list by a tag. */
#ifndef DOSSIER_TUI_OVERLAY_TAGS_H
#define DOSSIER_TUI_OVERLAY_TAGS_H

struct tui;

/* Push the tag browser; returns reactions. */
unsigned overlay_tags_open(struct tui *t);

#endif

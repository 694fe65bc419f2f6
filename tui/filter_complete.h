/* SPDX-License-Identifier: MIT
 * Tab in the filter prompt: complete the word at the cursor from the
 * collection's tags, sources, authors, languages, fields and saved
 * searches (core/find/query_complete.h). */
#ifndef DOSSIER_TUI_FILTER_COMPLETE_H
#define DOSSIER_TUI_FILTER_COMPLETE_H

struct tui;

/* Completes, or lists the candidates in the prompt's note; what to redraw. */
unsigned filter_complete(struct tui *t);

#endif

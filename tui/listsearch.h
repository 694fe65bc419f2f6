/* SPDX-License-Identifier: MIT
 * The title search in the article list (/ n N with the list focused). */
#ifndef DOSSIER_TUI_LISTSEARCH_H
#define DOSSIER_TUI_LISTSEARCH_H

struct tui;

/* /: open the search prompt; the selection follows the first match. */
unsigned listsearch_open(struct tui *t);
/* n (dir 1) or N (dir -1): the next title holding the last search. */
unsigned listsearch_next(struct tui *t, int dir);
/* The collection was replaced: the folded titles go (the search stays). */
void listsearch_forget(struct tui *t);
void listsearch_free(struct tui *t);

#endif

/* SPDX-License-Identifier: MIT
 * Search in the open article (/ n N in the text pane), every hit drawn in
 * the search style. */
#ifndef DOSSIER_TUI_TEXTSEARCH_H
#define DOSSIER_TUI_TEXTSEARCH_H

#include <stddef.h>
#include <stdint.h>

struct tui;
struct grid;

unsigned textsearch_open(struct tui *t);
unsigned textsearch_next(struct tui *t, int dir);
/* Draw body[start..end) like grid_put (tabs counted from column origin,
 * the line's first column), hits of the active search in the "search"
 * style. */
int textsearch_draw_line(struct tui *t, struct grid *g, int row, int col, int maxcol,
			 const char *body, size_t blen, size_t start, size_t end, uint16_t style,
			 int origin);
void textsearch_free(struct tui *t);
/* The body changed (another article, a reload): drop hits, keep the needle. */
void textsearch_forget(struct tui *t);

#endif

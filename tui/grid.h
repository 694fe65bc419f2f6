/* SPDX-License-Identifier: MIT
 * The screen as data: a grid of cells (display cluster bytes, width, style)
 * that panes draw into without knowing the terminal. tui/term.c copies it to
 * ncurses; the headless mode dumps it as text for the screen tests. */
#ifndef DOSSIER_TUI_GRID_H
#define DOSSIER_TUI_GRID_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "core/text/utf8.h"

/* A cell holds one display cluster. width 0 marks the right half of the
 * wide cluster in the cell before it; such a cell is never drawn itself. */
struct cell {
	char text[UTF8_UNIT_MAX]; /* one display unit (utf8_display_next) */
	uint8_t len, width;
	uint16_t style;
};

/* Owns cells (rows * cols). */
struct grid {
	int rows, cols;
	struct cell *cells;
	unsigned utf8_flags; /* utf8_display_next flags (UTF8_ASCII in LANG=C) */
};

void grid_init(struct grid *g, unsigned utf8_flags);
void grid_resize(struct grid *g, int rows, int cols); /* clears; 0x0 allowed */
void grid_free(struct grid *g);
void grid_clear(struct grid *g);
struct cell *grid_at(struct grid *g, int row, int col); /* NULL when outside */

/* Fill cols [col, col+n) of row with spaces in style. */
void grid_fill(struct grid *g, int row, int col, int n, uint16_t style);

/* Draw s[0..n) on one line from col, stopping before maxcol (exclusive,
 * clamped to the grid). Every byte goes through utf8_display_next: controls
 * become placeholders drawn in ctl_style, tabs and newlines one space
 * (tab_origin >= 0: tabs expand to the next multiple of 8 counted from
 * column tab_origin). A wide cluster never straddles maxcol: the remaining
 * column is blanked instead. Returns the column after the last cell drawn. */
int grid_put(struct grid *g, int row, int col, int maxcol, const char *s, size_t n,
	     uint16_t style, uint16_t ctl_style, int tab_origin);
/* Same for a NUL-terminated string; controls share style. */
int grid_puts(struct grid *g, int row, int col, int maxcol, const char *s, uint16_t style);
/* Put one ASCII or UTF-8 glyph known to be width 1 (box lines, markers). */
void grid_glyph(struct grid *g, int row, int col, const char *glyph, uint16_t style);

/* Write the rows as text, trailing spaces removed, one line per row. With
 * styles, each row is followed by a line of style letters ('.' = style 0). */
void grid_dump(const struct grid *g, FILE *out, bool styles);

#endif

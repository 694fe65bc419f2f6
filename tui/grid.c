/* SPDX-License-Identifier: MIT
 * Cell grid: the single place where display clusters become screen cells,
 * so clipping at pane edges (never half a wide cluster) is decided once. */
#include "tui/grid.h"

#include <stdlib.h>
#include <string.h>

#include "core/text/utf8.h"
#include "core/base/util.h"

void grid_init(struct grid *g, unsigned utf8_flags)
{
	memset(g, 0, sizeof *g);
	g->utf8_flags = utf8_flags;
}

void grid_resize(struct grid *g, int rows, int cols)
{
	if (rows < 0) rows = 0;
	if (cols < 0) cols = 0;
	free(g->cells);
	g->rows = rows;
	g->cols = cols;
	g->cells = xcalloc((size_t)rows * (size_t)cols + 1, sizeof *g->cells);
	grid_clear(g);
}

void grid_free(struct grid *g)
{
	free(g->cells);
	g->cells = NULL;
	g->rows = g->cols = 0;
}

static void cell_set(struct cell *c, const char *s, size_t n, int width, uint16_t style)
{
	if (n >= sizeof c->text) n = sizeof c->text - 1;
	memcpy(c->text, s, n);
	c->text[n] = '\0';
	c->len = (uint8_t)n;
	c->width = (uint8_t)width;
	c->style = style;
}

void grid_clear(struct grid *g)
{
	size_t n = (size_t)g->rows * (size_t)g->cols;
	for (size_t i = 0; i < n; i++) cell_set(&g->cells[i], " ", 1, 1, 0);
}

struct cell *grid_at(struct grid *g, int row, int col)
{
	if (row < 0 || col < 0 || row >= g->rows || col >= g->cols) return NULL;
	return &g->cells[(size_t)row * (size_t)g->cols + (size_t)col];
}

/* Overwriting half of a wide cluster must not leave the other half. */
static void cell_claim(struct grid *g, int row, int col)
{
	struct cell *c = grid_at(g, row, col);
	if (!c) return;
	if (c->width == 0) {
		struct cell *l = grid_at(g, row, col - 1);
		if (l) cell_set(l, " ", 1, 1, l->style);
	} else if (c->width == 2) {
		struct cell *r = grid_at(g, row, col + 1);
		if (r) cell_set(r, " ", 1, 1, r->style);
	}
}

void grid_fill(struct grid *g, int row, int col, int n, uint16_t style)
{
	for (int i = 0; i < n; i++) {
		cell_claim(g, row, col + i);
		struct cell *c = grid_at(g, row, col + i);
		if (c) cell_set(c, " ", 1, 1, style);
	}
}

void grid_glyph(struct grid *g, int row, int col, const char *glyph, uint16_t style)
{
	cell_claim(g, row, col);
	struct cell *c = grid_at(g, row, col);
	if (c) cell_set(c, glyph, strlen(glyph), 1, style);
}

int grid_put(struct grid *g, int row, int col, int maxcol, const char *s, size_t n,
	     uint16_t style, uint16_t ctl_style, int tab_origin)
{
	if (maxcol > g->cols) maxcol = g->cols;
	if (row < 0 || row >= g->rows) return col;
	size_t pos = 0;
	struct dcluster dc;
	while (col < maxcol && utf8_display_next(s, n, &pos, g->utf8_flags, &dc)) {
		if (dc.tab || dc.newline) {
			int stop = col + 1;
			if (dc.tab && tab_origin >= 0)
				stop = tab_origin + ((col - tab_origin) / 8 + 1) * 8;
			if (stop > maxcol) stop = maxcol;
			grid_fill(g, row, col, stop - col, style);
			col = stop;
		} else if (dc.placeholder && dc.width == dc.len) {
			/* ^[, <U+200B>: ASCII, one cell per byte, all or nothing */
			int w = dc.len;
			if (col + w > maxcol) {
				grid_fill(g, row, col, maxcol - col, ctl_style);
				col = maxcol;
				break;
			}
			for (int i = 0; i < w; i++) {
				char b[2] = {dc.text[i], '\0'};
				grid_glyph(g, row, col + i, b, ctl_style);
			}
			col += w;
		} else if (dc.width == 2) {
			if (col + 2 > maxcol) { /* never split a wide cluster */
				grid_fill(g, row, col, 1, style);
				col = maxcol;
				break;
			}
			cell_claim(g, row, col);
			cell_claim(g, row, col + 1);
			cell_set(grid_at(g, row, col), dc.text, dc.len, 2, style);
			cell_set(grid_at(g, row, col + 1), "", 0, 0, style);
			col += 2;
		} else if (dc.width == 1) { /* U+FFFD for a bad byte is a placeholder */
			cell_claim(g, row, col);
			cell_set(grid_at(g, row, col), dc.text, dc.len, 1,
				 dc.placeholder ? ctl_style : style);
			col += 1;
		} /* width 0: nothing to draw, nothing counted (wrap agrees) */
	}
	return col;
}

int grid_puts(struct grid *g, int row, int col, int maxcol, const char *s, uint16_t style)
{
	return grid_put(g, row, col, maxcol, s, strlen(s), style, style, -1);
}

void grid_dump(const struct grid *g, FILE *out, bool styles)
{
	for (int r = 0; r < g->rows; r++) {
		const struct cell *row = &g->cells[(size_t)r * (size_t)g->cols];
		int last = g->cols - 1;
		while (last >= 0 && row[last].width == 1 && row[last].len == 1 &&
		       row[last].text[0] == ' ')
			last--;
		for (int c = 0; c <= last; c++)
			if (row[c].width > 0) fwrite(row[c].text, 1, row[c].len, out);
		fputc('\n', out);
		if (!styles) continue;
		for (int c = 0; c < g->cols; c++) {
			unsigned s = row[c].style;
			fputc(s == 0 ? '.' : s < 10 ? '0' + (int)s : 'a' + (int)(s - 10) % 26, out);
		}
		fputc('\n', out);
	}
}

/* SPDX-License-Identifier: MIT
 * Pane rectangles; see layout.h. */
#include "tui/layout.h"

#include <string.h>

enum layout_mode layout_mode_parse(const char *s)
{
	if (s && strcmp(s, "wide") == 0) return LAYOUT_WIDE;
	if (s && strcmp(s, "stacked") == 0) return LAYOUT_STACKED;
	return LAYOUT_AUTO;
}

static int clamp(int v, int lo, int hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

void layout_compute(struct layout *l, int rows, int cols, const struct layout_params *p)
{
	memset(l, 0, sizeof *l);
	l->rows = rows > 0 ? rows : 0;
	l->cols = cols > 0 ? cols : 0;
	l->vsep1 = l->vsep2 = -1;
	if (l->rows < LAYOUT_MIN_ROWS || l->cols < LAYOUT_MIN_COLS) {
		l->too_small = true;
		return;
	}
	int body = l->rows - 2; /* status and message lines */
	l->status = (struct rect){l->rows - 2, 0, 1, l->cols};
	l->message = (struct rect){l->rows - 1, 0, 1, l->cols};

	int list_w = clamp(l->cols * clamp(p->list_pct, 10, 80) / 100, 12, l->cols - 14);
	l->vsep1 = list_w;
	l->pane[PANE_LIST] = (struct rect){0, 0, body, list_w};
	int rest_col = list_w + 1, rest_w = l->cols - rest_col;

	l->stacked = p->mode == LAYOUT_STACKED ||
		     (p->mode == LAYOUT_AUTO && l->cols < p->stack_below);
	if (!l->stacked) {
		int rel_w = clamp(l->cols * clamp(p->related_pct, 10, 60) / 100, 10, rest_w - 21);
		if (rel_w >= 10) {
			int text_w = rest_w - rel_w - 1;
			l->pane[PANE_TEXT] = (struct rect){0, rest_col, body, text_w};
			l->vsep2 = rest_col + text_w;
			l->pane[PANE_RELATED] = (struct rect){0, l->vsep2 + 1, body, rel_w};
			return;
		}
		l->stacked = true; /* too narrow for three columns after all */
	}
	/* related under the text: a third of the height, at least a title and
	 * two entries, and the text keeps at least 3 rows */
	int rel_h = body / 3;
	if (rel_h < 3) rel_h = body >= 7 ? 3 : 0;
	int text_h = body - rel_h;
	l->pane[PANE_TEXT] = (struct rect){0, rest_col, text_h, rest_w};
	if (rel_h > 0) l->pane[PANE_RELATED] = (struct rect){text_h, rest_col, rel_h, rest_w};
}

int layout_pane_at(const struct layout *l, int row, int col)
{
	for (int i = 0; i < PANE_COUNT; i++) {
		const struct rect *r = &l->pane[i];
		if (row >= r->row && row < r->row + r->rows && col >= r->col && col < r->col + r->cols)
			return i;
	}
	return -1;
}

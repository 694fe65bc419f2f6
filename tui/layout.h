/* SPDX-License-Identifier: MIT
 * Where each pane goes for a given screen size: three panes side by side,
 * or the related pane stacked under the text on narrow screens, down to a
 * "terminal too small" state. Pure arithmetic, so it is unit-tested at every
 * size from 1x1 up; no rectangle is ever negative. */
#ifndef DOSSIER_TUI_LAYOUT_H
#define DOSSIER_TUI_LAYOUT_H

#include <stdbool.h>

struct rect {
	int row, col, rows, cols;
};

enum { PANE_LIST, PANE_TEXT, PANE_RELATED, PANE_COUNT };

enum layout_mode { LAYOUT_AUTO, LAYOUT_WIDE, LAYOUT_STACKED };

struct layout_params {
	enum layout_mode mode;
	int list_pct, related_pct, stack_below;
};

#define LAYOUT_MIN_COLS 30
#define LAYOUT_MIN_ROWS 8

/* Each pane rect includes its one-row title bar. A zero-sized rect means
 * the pane is hidden. vsep/hsep: separator columns/row (-1 when none). */
struct layout {
	int rows, cols;
	bool too_small, stacked;
	struct rect pane[PANE_COUNT];
	struct rect status, message;
	int vsep1, vsep2; /* columns of the vertical separators, or -1 */
};

enum layout_mode layout_mode_parse(const char *s); /* NULL/unknown -> auto */
void layout_compute(struct layout *l, int rows, int cols, const struct layout_params *p);
/* Pane under screen position (row, col), or -1. */
int layout_pane_at(const struct layout *l, int row, int col);

#endif

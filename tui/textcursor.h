/* SPDX-License-Identifier: MIT
 * The text pane's cursor: a byte offset into the shown text, always on a
 * grapheme-cluster boundary, moved by word, sentence and paragraph
 * (core/segment) or by display column from row to row. A selection is the
 * text between the cursor and the place v was pressed. Terminal-free. */
#ifndef DOSSIER_TUI_TEXTCURSOR_H
#define DOSSIER_TUI_TEXTCURSOR_H

#include <stdbool.h>
#include <stddef.h>

enum tc_unit { TC_WORD, TC_SENTENCE, TC_PARAGRAPH };

/* The cursor moved one unit forward (dir > 0) or back (dir < 0).
 * Without a selection it goes to the start of the next / previous unit.
 * With one (selecting, anchor = where v was pressed) the moving end goes
 * to unit ends on the right of the anchor and to unit starts on its left,
 * so w ) } grow a selection to whole words and b ( { shrink it back word
 * by word (and grow it leftwards once it reaches the anchor). */
size_t textcursor_move(const char *text, size_t len, size_t cur, enum tc_unit u, int dir,
		       bool selecting, size_t anchor);

/* The start of the cluster ending at pos (pos > 0). */
size_t textcursor_cluster_start(const char *text, size_t len, size_t pos);

/* Display columns from rs to cur (cur in [rs, re]). */
int textcursor_col(const char *text, size_t len, size_t rs, size_t cur, unsigned flags);
/* The start of the cluster of row [rs, re) covering display column col
 * (its last cluster when the row is shorter; rs when it is empty). */
size_t textcursor_at_col(const char *text, size_t len, size_t rs, size_t re, int col,
			 unsigned flags);

/* What a mouse pointer is on: the cluster [start, end) under it, or, past
 * the end of a row (or on its decoration), the empty range at the row's
 * end (or start). */
struct tc_hit {
	size_t start, end;
};

/* The cluster of the slice [rs, re) at display column col (0 = the
 * slice's first column); col < 0 is the slice's start, a column past the
 * slice's last cluster is its end (an empty hit). Never splits a cluster:
 * a click on the right half of a wide character hits the whole of it. */
struct tc_hit textcursor_hit(const char *text, size_t len, size_t rs, size_t re, int col,
			     unsigned flags);

/* A mouse drag from the press to the pointer: the selection covers both
 * clusters and everything between, whichever way the drag went. Sets the
 * anchor (the end that stays) and the caret (the moving end), so the
 * keyboard can go on resizing the selection; start..end is
 * min(anchor, caret)..max(anchor, caret). */
void textcursor_drag(struct tc_hit press, struct tc_hit at, size_t *anchor, size_t *caret);

#endif

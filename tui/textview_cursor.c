/* SPDX-License-Identifier: MIT
 * The text pane's cursor and selection (textview.h): the cursor is a byte
 * of the shown text moved by unit (textcursor.c) or by line at the same
 * column; a selection runs from where v was pressed to the cursor. */
#include "tui/textview.h"

#include "core/text/utf8.h"
#include "tui/keymap.h"
#include "tui/textcursor.h"

/* Keep the cursor on the cursor line: a line moved to by page, search,
 * click or a restored position puts it at the line's start. */
void textview_caret_sync(struct text_view *v, size_t line)
{
	if (!is_body(v, line)) return;
	if (v->caret <= v->tlen && (line_of_byte(v, v->caret) == line ||
				    (v->caret > 0 && line_of_byte(v, v->caret - 1) == line)))
		return; /* on the line, or just past its end */
	v->caret = row_at(v, line)->start;
}

/* The selection from the anchor to the cursor, the cursor where it is
 * (a unit motion may leave it just past its line's end). */
static void sel_follow_exact(struct text_view *v)
{
	if (!v->sel.active) return;
	v->sel.start = v->caret < v->sel.anchor ? v->caret : v->sel.anchor;
	v->sel.end = v->caret < v->sel.anchor ? v->sel.anchor : v->caret;
}

/* The selection runs between where v was pressed and the cursor. */
void textview_sel_follow(struct text_view *v, size_t cursor)
{
	textview_caret_sync(v, cursor);
	sel_follow_exact(v);
}

/* The selection's size, shown as it grows. */
void textview_sel_report(const struct pane_ctx *c, const struct text_view *v)
{
	size_t n = textmarks_cp_of(v->text, v->tlen, v->sel.end) -
		   textmarks_cp_of(v->text, v->tlen, v->sel.start);
	pane_message(c, false, "Selected %zu character%s: w ) } b ( { j k resize, m marks, y copies, v ends.",
		     n, n == 1 ? "" : "s");
}

bool textview_sel_begin(struct pane *p, const struct pane_ctx *c, struct text_view *v)
{
	if (v->raw) {
		pane_message(c, false, "Select and mark on the rendered text (\\ shows it).");
		return false;
	}
	if (!is_body(v, p->sel)) {
		pane_message(c, false, "Move the cursor onto the text to select.");
		return false;
	}
	textview_caret_sync(v, p->sel);
	v->sel.active = true;
	v->sel.anchor = v->sel.start = v->sel.end = v->caret;
	return true;
}

void textview_line_move(struct pane *p, const struct pane_ctx *c, struct text_view *v, bool down,
			size_t last)
{
	size_t cur = p->sel;
	int col = is_body(v, p->sel) ? textcursor_col(v->text, v->tlen, row_at(v, p->sel)->start,
						       v->caret, c->utf8_flags) : 0;
	if (down && p->sel < last) p->sel++;
	if (!down && p->sel > 0) p->sel--;
	if (p->sel != cur && is_body(v, p->sel))
		v->caret = textcursor_at_col(v->text, v->tlen, row_at(v, p->sel)->start,
					     row_at(v, p->sel)->end, col, c->utf8_flags);
}

/* w b ) ( } { and the arrows: the cursor by unit (textcursor.c); with a
 * selection its moving end, shown with its size. */
unsigned textview_cursor_move(struct pane *p, const struct pane_ctx *c, struct text_view *v,
			      enum action a, int rows)
{
	if (!is_body(v, p->sel)) {
		p->sel = v->td.n ? v->body_first : p->sel; /* onto the text first */
		textview_caret_sync(v, p->sel);
		textview_fit(p, v, rows);
		return R_DRAW_TEXT | R_DRAW_STATUS;
	}
	if (a == ACT_CHAR_NEXT || a == ACT_CHAR_PREV) {
		if (a == ACT_CHAR_NEXT && v->caret < v->tlen)
			v->caret = utf8_cluster_end(v->text, v->tlen, v->caret);
		else if (a == ACT_CHAR_PREV && v->caret > 0)
			v->caret = textcursor_cluster_start(v->text, v->tlen, v->caret);
	} else {
		enum tc_unit u = a == ACT_EXTEND_WORD || a == ACT_WORD_BACK	? TC_WORD
				 : a == ACT_EXTEND_SENTENCE || a == ACT_SENTENCE_BACK ? TC_SENTENCE
										   : TC_PARAGRAPH;
		int dir = a == ACT_EXTEND_WORD || a == ACT_EXTEND_SENTENCE || a == ACT_EXTEND_PARAGRAPH ? 1 : -1;
		v->caret = textcursor_move(v->text, v->tlen, v->caret, u, dir, v->sel.active, v->sel.anchor);
	}
	/* a selection's right end is exclusive: its line is the one of the
	 * last selected byte */
	bool right = v->sel.active && v->caret > v->sel.anchor;
	p->sel = line_of_byte(v, right ? v->caret - 1 : v->caret);
	if (!right && v->caret >= v->tlen && v->caret > 0) p->sel = line_of_byte(v, v->caret - 1);
	sel_follow_exact(v);
	if (v->sel.active) textview_sel_report(c, v);
	textview_fit(p, v, rows);
	return R_DRAW_TEXT | R_DRAW_STATUS;
}


/* What the pointer is on at document line n, text column col; above the
 * body: its start, below it: its end. */
static struct tc_hit hit_at(const struct text_view *v, size_t n, int col, unsigned flags)
{
	if (n < v->body_first || !v->td.n) return (struct tc_hit){0, 0};
	if (!is_body(v, n)) return (struct tc_hit){v->tlen, v->tlen};
	return textdoc_hit(&v->td, n - v->body_first, col, flags);
}

unsigned textview_mouse(struct pane *p, const struct pane_ctx *c, struct text_view *v, int button,
			int row, int col, int rows)
{
	size_t lines = doc_lines(v);
	if (rows < 1 || !lines) return R_NONE;
	if (button == MOUSE_CLICK) {
		size_t n = p->top + (size_t)(row > 0 ? row : 0);
		if (n >= lines) return R_NONE;
		p->sel = n;
		if (v->sel.active) pane_message(c, false, "Selection ended.");
		v->sel.active = false; /* a press starts afresh */
		v->drag = is_body(v, n) && !v->raw;
		if (!v->drag) {
			textview_caret_sync(v, n);
			return R_DRAW_TEXT | R_DRAW_STATUS;
		}
		v->press = hit_at(v, n, col - 1, c->utf8_flags); /* column 0: the margin */
		v->caret = v->press.start;
		return R_DRAW_TEXT | R_DRAW_STATUS;
	}
	if (!v->drag) return R_NONE; /* a release or motion after a press elsewhere */
	if (button == MOUSE_RELEASE) {
		v->drag = false;
		if (!v->sel.active) return R_NONE; /* a click: no motion, no selection */
	}
	/* past the top or bottom edge: scroll a line (each motion event) */
	size_t max_top = lines > (size_t)rows ? lines - (size_t)rows : 0;
	if (row < 0) {
		if (p->top > 0) p->top--;
		row = 0;
		col = 0;
	} else if (row >= rows) {
		if (p->top < max_top) p->top++;
		row = rows - 1;
		col = 1 << 20; /* the row's end */
	}
	size_t n = p->top + (size_t)row;
	if (n >= lines) n = lines - 1, col = 1 << 20;
	struct tc_hit at = hit_at(v, n, col - 1, c->utf8_flags);
	textcursor_drag(v->press, at, &v->sel.anchor, &v->caret);
	v->sel.active = true;
	sel_follow_exact(v);
	bool right = v->caret > v->sel.anchor;
	p->sel = line_of_byte(v, right ? v->caret - 1 : v->caret);
	if (p->sel < p->top) p->top = p->sel;
	if (p->sel >= p->top + (size_t)rows) p->top = p->sel - (size_t)rows + 1;
	if (v->sel.start < v->sel.end && button == MOUSE_RELEASE) {
		size_t k = textmarks_cp_of(v->text, v->tlen, v->sel.end) -
			   textmarks_cp_of(v->text, v->tlen, v->sel.start);
		pane_message(c, false, "Selected %zu character%s by mouse: m marks, y copies, | pipes, a click ends.",
			     k, k == 1 ? "" : "s");
	} else if (v->sel.start < v->sel.end) {
		textview_sel_report(c, v);
	} else if (button == MOUSE_RELEASE) {
		v->sel.active = false;
	}
	return R_DRAW_TEXT | R_DRAW_STATUS;
}

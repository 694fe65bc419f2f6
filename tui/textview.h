/* SPDX-License-Identifier: MIT
 * The text pane's private state, shared by pane_text.c (loading, layout,
 * drawing, keys) and textview_cursor.c (the cursor and the selection). */
#ifndef DOSSIER_TUI_TEXTVIEW_H
#define DOSSIER_TUI_TEXTVIEW_H

#include "core/text/render.h"
#include "tui/pane.h"
#include "tui/textdoc.h"
#include "tui/textheader.h"
#include "tui/textmarks.h"

struct text_view {
	long art;              /* article shown, -1 none */
	char *body;            /* owned: the body as stored */
	size_t blen;
	struct render_doc *doc;/* owned: the body rendered, once per open */
	bool raw;              /* \: show body (plain-wrapped), not doc */
	const char *text;      /* what is shown: doc->text, or body when raw */
	size_t tlen;
	char *note;            /* owned: shown instead of the body */
	struct textdoc td;     /* the shown text as rows, cached per width */
	struct textheader hd;  /* the header lines (and the note) at width;
				* the body's rows are td.rows */
	int width;             /* width lines were built for; 0: stale */
	size_t body_first;     /* index of the first body line */
	struct textmarks tm;   /* the article's marks as byte ranges of text */
	struct selection sel;
	size_t caret;          /* the cursor: a byte of text on the row p->sel
				* (caret_sync), on a cluster boundary */
	bool drag;             /* button 1 is down since a press on the text */
	struct tc_hit press;   /* what that press was on */
	bool pending;          /* put the cursor on pending_cp once lines exist */
	size_t pending_cp;     /* code points into the rendered text */
};

/* Lines in the document: header lines, then the body's rows. */
static inline size_t doc_lines(const struct text_view *v)
{
	return v->hd.n + (v->text && !v->note ? v->td.n : 0);
}

static inline bool is_body(const struct text_view *v, size_t line)
{
	return v->text && !v->note && line >= v->body_first && line - v->body_first < v->td.n;
}

/* The body row of document line (is_body). */
static inline const struct tdrow *row_at(const struct text_view *v, size_t line)
{
	return &v->td.rows[line - v->body_first];
}

/* The text pane line holding body byte off. */
static inline size_t line_of_byte(const struct text_view *v, size_t off)
{
	if (!v->text || v->note || v->td.n == 0) return v->body_first;
	return v->body_first + textdoc_row_of(&v->td, off);
}

/* Scroll so the cursor line is visible (pane_text.c). */
void textview_fit(struct pane *p, const struct text_view *v, int rows);

/* textview_cursor.c: keep the cursor on line (a line reached by page,
 * search or click puts it at the line's start); the selection follows. */
void textview_caret_sync(struct text_view *v, size_t line);
void textview_sel_follow(struct text_view *v, size_t line);
/* The selection's size in the message line. */
void textview_sel_report(const struct pane_ctx *c, const struct text_view *v);
/* v: start a selection at the cursor; false (with a message) off the text. */
bool textview_sel_begin(struct pane *p, const struct pane_ctx *c, struct text_view *v);
/* j k: the cursor to the next / previous line at the same column. */
void textview_line_move(struct pane *p, const struct pane_ctx *c, struct text_view *v, bool down,
			size_t last);
/* w b ) ( } { Right Left: the cursor by unit. */
unsigned textview_cursor_move(struct pane *p, const struct pane_ctx *c, struct text_view *v,
			      enum action a, int rows);
/* The mouse in the text pane (row, col of the pane's content; either
 * may be outside it while dragging): a press puts the cursor on the
 * cluster under the pointer, a drag selects from the press to the
 * pointer (scrolling a line when past the top or bottom edge), a
 * release ends the drag and keeps the selection for m, y and |. */
unsigned textview_mouse(struct pane *p, const struct pane_ctx *c, struct text_view *v, int button,
			int row, int col, int rows);

#endif

/* SPDX-License-Identifier: MIT
 * The article body as display rows at a width: the rendered document
 * (core/text/render.h: hanging prefixes, verbatim code, tables laid out, rules,
 * style spans) or the raw body plain-wrapped. Built once per width; rows
 * are byte ranges of the shown text, so search hits, marks and the
 * selection land on them exactly. Drawing goes through grid_put. */
#ifndef DOSSIER_TUI_TEXTDOC_H
#define DOSSIER_TUI_TEXTDOC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/text/render.h"
#include "core/text/wrap.h"
#include "tui/grid.h"
#include "tui/textcursor.h"

struct pane_ctx;
struct textmarks;
struct selection;

/* One display row. kind is an enum render_line_kind (RL_TEXT for raw). */
struct tdrow {
	size_t start, end;   /* bytes of the shown text; a table row: from its
			      * first slice to the end of its last */
	size_t key;          /* non-decreasing over rows: what row_of searches */
	const char *prefix;  /* display-only, borrowed from the doc; "" none */
	uint8_t kind;
	uint8_t flags;        /* internal (a code row wider than the pane) */
	uint32_t table, trow;/* RL_TABLE_ROW: layout index, row within it */
};

/* A style run: from off to the next run's off (spans flattened, the
 * innermost span wins). */
struct tdstyle {
	size_t off;
	uint16_t style;      /* enum style; STYLE_NORMAL: the row's own */
};

struct textdoc {
	const char *text;    /* borrowed: doc->text, or the raw body */
	size_t len;
	const struct render_doc *doc; /* borrowed; NULL: raw, plain wrapped */
	int width;           /* built for; 0: not built */
	unsigned flags;
	struct tdrow *rows;  /* owned */
	size_t n, cap;
	struct render_layout *tables; /* owned: doc's tables laid out at width */
	size_t ntables;
	struct tdstyle *styles; /* owned: built once per doc */
	size_t nstyles, styles_cap;
	int code_over;       /* columns the widest code row overflows its room
			      * at this width (0: none is clipped) */
	int hscroll;         /* columns of every code row scrolled off to the
			      * left (< >); 0 for a new text, kept <= code_over + 1 */
};

/* Show text[0..len) (doc NULL: raw) — forgets rows; styles are built
 * here once. */
void textdoc_set(struct textdoc *td, const struct render_doc *doc, const char *text, size_t len);
/* Lay the rows out at width (no-op when already at width and flags). */
void textdoc_build(struct textdoc *td, int width, unsigned flags);
void textdoc_free(struct textdoc *td);
/* Scroll the code rows by delta columns (clamped: 0 .. the widest row's
 * end in view). Returns whether anything moved. */
bool textdoc_hscroll(struct textdoc *td, int delta);
/* The row showing byte off of the text (a table cell's row exactly). */
size_t textdoc_row_of(const struct textdoc *td, size_t off);
/* Draw row i from col to end (exclusive): prefix, then the text with
 * render styles, marks, the selection and search hits. */
void textdoc_draw(const struct pane_ctx *c, struct grid *g, int row, int col, int end,
		  const struct textdoc *td, size_t i, const struct textmarks *tm,
		  const struct selection *sel);
/* What column col of row i (0 = where textdoc_draw starts it, the prefix
 * included) shows: the cluster there, or an empty hit at the row's text end
 * (past it) or start (on its prefix). Terminal-free (the mouse). */
struct tc_hit textdoc_hit(const struct textdoc *td, size_t i, int col, unsigned flags);

#endif

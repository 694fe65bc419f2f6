/* SPDX-License-Identifier: MIT
 * The text pane's metadata header (title, source, date, authors, url, own
 * tags, derived tags, other keys) as lines at a width: values wrapped with
 * a hanging indent after a key column; a key too long for it, or any key
 * on a narrow pane, on lines of its own. Split from pane_text.c. */
#ifndef DOSSIER_TUI_TEXTHEADER_H
#define DOSSIER_TUI_TEXTHEADER_H

#include <stddef.h>
#include <stdint.h>

#include "tui/grid.h"

struct article;

struct thline {
	const char *base;      /* borrowed from the header (or the caller) */
	size_t start, end;
	const char *label;     /* header key on the first line of a field */
	uint16_t style;
	int indent;            /* columns before the text (header values) */
};

struct thfield {
	const char *label;     /* borrowed (article key or a literal) */
	char *key;             /* owned: label and ':', for a key on its own lines */
	char *val;             /* owned */
	uint16_t style;
};

/* Owns fields and lines. */
struct textheader {
	struct thfield *h;
	size_t nh, hcap;
	struct thline *lines;
	size_t n, cap;
};

/* The fields of a (borrowed until the next load or clear). */
void textheader_load(struct textheader *th, const struct article *a);
void textheader_clear(struct textheader *th);
void textheader_free(struct textheader *th);
/* Lines at width (replacing any), then one blank line. */
void textheader_build(struct textheader *th, int width, unsigned flags);
/* Append a line (the "(empty)" note); base borrowed. */
void textheader_add(struct textheader *th, const char *base, size_t s, size_t e,
		    const char *label, uint16_t style, int indent);
/* Draw line i from col to end. */
void textheader_draw(const struct textheader *th, size_t i, struct grid *g, int row, int col,
		     int end);

#endif

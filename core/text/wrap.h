/* SPDX-License-Identifier: MIT
 * Word-wrap text into display lines by display width (per grapheme cluster,
 * utf8.h's width policy). Lines are byte ranges into the caller's text, so
 * marks and search hits map onto lines without copying. */
#ifndef DOSSIER_WRAP_H
#define DOSSIER_WRAP_H

#include <stddef.h>

struct wrap_line {
	size_t start, end; /* byte range in the text; end excludes the newline */
	int width;         /* display columns used (tabs expanded) */
	int para;          /* paragraph number, 0-based and without gaps
			    * (paragraphs = runs of non-blank lines, as in
			    * segment.h); a blank line carries the number of the
			    * paragraph before it (0 before the first) */
	unsigned char blank; /* a blank (whitespace-only) source line: start ==
			      * end, width 0; several in a row are kept, one
			      * display line each, but never start a paragraph */
};

/* Owns lines. Rebuild only when width or text changes: that is the cache. */
struct wrap {
	int width;
	unsigned flags;    /* utf8_display_next flags used */
	struct wrap_line *lines;
	size_t n, cap;
	size_t nparas;     /* paragraphs seen */
};

/* Columns a TAB at column col advances on a line of the given width: to the
 * next multiple of 8, but never past the edge (a tab is blank space, so
 * clipping it loses nothing). Draw tabs with this so pane and wrap agree. */
int wrap_tab_advance(int col, int width);

/* Wrap text[0..len) at width columns (width >= 1). Breaks at spaces, never
 * splits a cluster, never puts a wide cluster past the edge; a word longer
 * than the width is broken by cluster; a line may also break before or after
 * a wide (CJK) cluster and after ZWSP or a soft hyphen (both drawn as
 * markers). A grapheme cluster is measured whole, as the sum of its display
 * units. Whitespace at a break belongs to no line. Source
 * lines end at LF, U+2028, U+2029; a trailing line break adds no line; an
 * empty text has no lines. Only a single cluster wider than the whole width
 * (a CJK character at width 1, a <U+202E> placeholder at width 5) makes a
 * line wider than width: it then stands alone and the caller clips it.
 * Linear in len: each cluster is measured at most twice. */
void wrap_text(struct wrap *w, const char *text, size_t len, int width, unsigned flags);
void wrap_free(struct wrap *w);
/* Index of the line holding byte offset off (binary search). */
size_t wrap_line_of(const struct wrap *w, size_t off);

#endif

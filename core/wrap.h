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
	int para;          /* paragraph number (paragraphs split by blank lines) */
	unsigned char blank; /* the line separating two paragraphs */
};

/* Owns lines. Rebuild only when width or text changes: that is the cache. */
struct wrap {
	int width;
	unsigned flags;    /* utf8_display_next flags used */
	struct wrap_line *lines;
	size_t n, cap;
};

/* Wrap text[0..len) at width columns (width >= 1). Breaks at spaces, never
 * splits a cluster, never puts a wide cluster past the edge; a word longer
 * than the width is broken by cluster. Linear in len. */
void wrap_text(struct wrap *w, const char *text, size_t len, int width, unsigned flags);
void wrap_free(struct wrap *w);
/* Index of the line holding byte offset off (binary search). */
size_t wrap_line_of(const struct wrap *w, size_t off);

#endif

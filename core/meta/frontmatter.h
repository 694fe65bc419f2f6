/* SPDX-License-Identifier: MIT
 * Front matter (Jekyll/Hugo style "---" fences) and sidecar YAML → the
 * article's fields, through the configurable field map. Every problem is a
 * diag at the YAML position in the file; the article keeps what was read. */
#ifndef DOSSIER_FRONTMATTER_H
#define DOSSIER_FRONTMATTER_H

#include <stdbool.h>
#include <stddef.h>

#include "core/meta/article.h"
#include "core/base/diag.h"
#include "core/meta/fieldmap.h"

/* Front matter larger than this is not parsed (hostile input, TESTING.md: cap first). */
#define FRONTMATTER_MAX (64 * 1024)

/* Front matter another static-site generator reads but dossier does not,
 * reported by the loader (check) at open_line:open_col. */
enum fm_other {
	FM_OTHER_NONE,
	FM_OTHER_TOML,     /* "+++" ... "+++" (Hugo) */
	FM_OTHER_JSON,     /* a '{' first (Hugo) */
	FM_OTHER_INDENTED, /* "---" after blanks on its line (Hugo) */
};

struct fm_split {
	bool found;        /* a complete fenced block */
	bool unterminated; /* an opener with no closer within the cap */
	size_t bom;        /* 3 when the file starts with a UTF-8 BOM */
	size_t yaml_off, yaml_len; /* the YAML between the fences */
	int yaml_line;     /* 1-based line of yaml_off */
	size_t body_off;   /* first byte after the closing fence line */
	int body_line;     /* 1-based line of body_off */
	int open_line, open_col; /* where the opener (or other front matter) starts */
	enum fm_other other;
};

/* Find front matter at the start of buf (the head of the file). An opener
 * is exactly "---" plus optional trailing blanks, on the first line that
 * is not blank (blank lines before it are skipped, as Hugo does; Jekyll
 * shows such a file as text); the closer is "---" or "..." the same way.
 * CRLF and CR line ends count. */
void frontmatter_split(const char *buf, size_t len, struct fm_split *out);

/* The warning for front matter of kind other, e.g. "TOML front matter
 * ('+++') is not read ...". */
const char *frontmatter_other_msg(enum fm_other other);

/* Read YAML metadata into a. line_base: file line of the YAML's first line. */
void frontmatter_read(struct article *a, const char *yaml, size_t len, const char *path,
		      int line_base, const struct fieldmap *fm, struct diag_list *diags);

/* Character references (&amp; &#58; &eacute;) in every metadata value that
 * is shown or exported (title, source, url, summary, lang, authors, other
 * keys) decoded in place: scraped metadata often carries HTML escapes.
 * frontmatter_read calls it; tags are names, not text, and stay as read. */
void frontmatter_decode_entities(struct article *a);

#endif

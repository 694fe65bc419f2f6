/* SPDX-License-Identifier: MIT
 * Front matter (YAML in Jekyll/Hugo style "---" fences, TOML in Hugo/Zola
 * "+++" fences, Hugo's JSON object) and sidecar YAML → the article's
 * fields, through the configurable field map. Every problem is a diag at
 * its position in the file; the article keeps what was read. */
#ifndef DOSSIER_FRONTMATTER_H
#define DOSSIER_FRONTMATTER_H

#include <stdbool.h>
#include <stddef.h>

#include "core/meta/article.h"
#include "core/base/diag.h"
#include "core/meta/fieldmap.h"

/* Front matter larger than this is not parsed (hostile input, TESTING.md: cap first). */
#define FRONTMATTER_MAX (64 * 1024)

/* The syntax of the front matter: YAML between "---" fences (Jekyll,
 * Hugo), TOML between "+++" fences (Hugo, Zola), or a JSON object (Hugo). */
enum fm_syntax { FM_YAML, FM_TOML, FM_JSON };

/* An opener that Hugo reads but dossier does not, reported by the loader
 * (check) at open_line:open_col. */
enum fm_other {
	FM_OTHER_NONE,
	FM_OTHER_INDENTED,      /* "---" after blanks on its line (Hugo) */
	FM_OTHER_INDENTED_TOML, /* "+++" after blanks on its line (Hugo) */
};

struct fm_split {
	bool found;        /* a complete block */
	bool unterminated; /* an opener with no closer within the cap */
	enum fm_syntax syntax; /* of the block (or of the unterminated opener) */
	size_t bom;        /* 3 when the file starts with a UTF-8 BOM */
	/* the metadata: YAML or TOML between the fences; for JSON the object
	 * itself, from its '{' to its '}' */
	size_t yaml_off, yaml_len;
	int yaml_line;     /* 1-based line of yaml_off */
	size_t body_off;   /* first byte after the closing fence line */
	int body_line;     /* 1-based line of body_off */
	int open_line, open_col; /* where the opener (or other front matter) starts */
	enum fm_other other;
};

/* Find front matter at the start of buf (the head of the file). An opener
 * is exactly "---" (YAML) or "+++" (TOML) plus optional trailing blanks,
 * on the first line that is not blank (blank lines before it are skipped,
 * as Hugo does; Jekyll shows such a file as text); the closer is the same
 * fence ("..." also closes YAML). A '{' first on that line opens JSON
 * when a quote, a '}' or nothing follows it on the line (so "{{< figure
 * >}}" or "{Draft}" stays text); the object ends at its matching '}'
 * (braces in strings do not count), which must end its line: Hugo writes
 * the '}' on a line of its own, and a compact one-line object works too.
 * CRLF and CR line ends count. */
void frontmatter_split(const char *buf, size_t len, struct fm_split *out);

/* The warning for an opener of kind other, e.g. "indented '---' is not a
 * front matter opener here ...". */
const char *frontmatter_other_msg(enum fm_other other);
/* What closes front matter of syntax s, for messages: "'---'", "'+++'",
 * "'}' at a line end". */
const char *frontmatter_closer(enum fm_syntax s);

/* Read YAML metadata into a. line_base: file line of the YAML's first line. */
void frontmatter_read(struct article *a, const char *yaml, size_t len, const char *path,
		      int line_base, const struct fieldmap *fm, struct diag_list *diags);
/* The same for metadata in syntax s (the block frontmatter_split found:
 * text + yaml_off, yaml_len, at yaml_line, open_col); col: the column of
 * the text's first byte (JSON's nodes all sit there). Returns false only
 * when nothing could be read (JSON that does not parse, reported at
 * line:col): the caller then shows the file as text. */
bool frontmatter_read_as(struct article *a, enum fm_syntax s, const char *text, size_t len,
			 const char *path, int line_base, int col, const struct fieldmap *fm,
			 struct diag_list *diags);

/* Character references (&amp; &#58; &eacute;) in every metadata value that
 * is shown or exported (title, source, url, summary, lang, authors, other
 * keys) decoded in place: scraped metadata often carries HTML escapes.
 * frontmatter_read calls it; tags are names, not text, and stay as read. */
void frontmatter_decode_entities(struct article *a);

#endif

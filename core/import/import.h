/* SPDX-License-Identifier: MIT
 * Raw article import: turns pasted or scraped text (one paragraph a line,
 * or hard-wrapped, with page chrome mixed in) into an article with front
 * matter, and writes it without ever overwriting or half-writing a file. */
#ifndef DOSSIER_IMPORT_H
#define DOSSIER_IMPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "core/meta/article.h"
#include "core/import/boilerplate.h"
#include "core/base/diag.h"

struct vocab;

struct import_removed {
	int line;         /* 1-based line in the input */
	char *text;       /* owned: the line, trimmed */
	const char *why;  /* borrowed: the pattern, or a fixed reason */
};

/* What import_parse found. Owns everything. */
struct import_result {
	char *title;           /* never NULL after a successful parse */
	int date;              /* YYYYMMDD, 0 when the text shows none */
	char *source;          /* NULL unless clear evidence or given */
	char *url;             /* NULL unless found or given */
	struct strlist authors;
	struct strlist tags;   /* from the vocabulary (and the page or feed) */
	char *body;            /* paragraphs separated by blank lines */
	struct import_removed *removed;
	size_t nremoved, removed_cap;
};

/* Analyse raw text. b and v may be NULL (nothing removed / no tags);
 * source, when not NULL, is used as the source. Returns 0, or -1 when the
 * text has no content at all (a diag says so). */
int import_parse(const char *text, size_t len, const struct boilerplate *b,
		 const struct vocab *v, const char *source, const char *path,
		 struct import_result *r, struct diag_list *diags);
void import_result_free(struct import_result *r);

/* The article file: YAML front matter (title, date, source, authors, url,
 * tags, imported-from when from is not NULL) and the body. Caller frees. */
char *import_render(const struct import_result *r, const char *from, size_t *len);

/* A file-name stem from a title: ASCII-folded, lowercase, words joined by
 * '-', at most max bytes, never empty ("article"). Caller frees. */
char *import_slug(const char *title, size_t max);

/* Write data into dir as STEM.md, or STEM-2.md, STEM-3.md ... when taken,
 * with fsutil_write_atomic(FSUTIL_NO_OVERWRITE): a complete file under a
 * free name or nothing, never replacing a file. Returns 0 with *written
 * (owned path), or -1 with a diag naming the failed step. */
int import_write(const char *dir, const char *stem, const char *data, size_t len,
		 char **written, struct diag_list *diags);

#endif

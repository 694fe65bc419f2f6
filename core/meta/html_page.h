/* SPDX-License-Identifier: MIT
 * A web page read as an article: its metadata (html_meta, plus the byline
 * and date the page shows) and its main content as Markdown. One entry
 * point for reading .html files in place, import and the extraction bench. */
#ifndef DOSSIER_HTML_PAGE_H
#define DOSSIER_HTML_PAGE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/meta/article.h"
#include "core/base/diag.h"
#include "core/meta/fieldmap.h"
#include "core/meta/html_meta.h"

struct html_page {
	struct html_meta meta; /* page keys, and "byline"/"dateline" from the text */
	char *body;            /* owned: Markdown (plain text when read plain) */
	size_t body_len;
};

/* Read raw[0..len). The body does not depend on the configuration (mark
 * offsets must not move when it changes). plain: body as plain text (for measuring). Returns 0,
 * or -1 with a diag when nothing could be parsed (body is then ""). */
int html_page_read(const char *raw, size_t len, const char *path, bool plain,
		   struct html_page *pg, struct diag_list *diags);

/* Set a's fields from the page's metadata through the field map (fields a
 * already has, from a sidecar, are kept). Problems become diags on path
 * without a position (the YAML is ours, not the page's). */
void html_page_apply(const struct html_page *pg, struct article *a, const char *path,
		     const struct fieldmap *fm, struct diag_list *diags);

void html_page_free(struct html_page *pg);

/* True for a name ending in .html or .htm (any case). */
bool html_page_is_html(const char *name);

#endif

/* SPDX-License-Identifier: MIT
 * A web page's metadata: <title>, <meta name=author|description|keywords>,
 * OpenGraph and article: properties, <link rel=canonical> and JSON-LD
 * articles, gathered as key -> values under the names the page uses, then
 * written as YAML so they go through the same configurable field map as
 * front matter (a page is read like a Markdown file with front matter). */
#ifndef DOSSIER_HTML_META_H
#define DOSSIER_HTML_META_H

#include <libxml/tree.h>

#include "core/meta/article.h"
#include "core/meta/fieldmap.h"
#include "core/base/strbuf.h"

struct html_meta_pair {
	char *key;            /* owned: "og:title", "author", "datepublished" ... */
	struct strlist vals;  /* in page order, no duplicates */
};

/* Owns its pairs. */
struct html_meta {
	struct html_meta_pair *v;
	size_t n, cap;
};

/* Read doc's metadata into m (appends). */
void html_meta_read(xmlDocPtr doc, struct html_meta *m);
/* Add one value (trimmed, blanks collapsed; empty values ignored). */
void html_meta_add(struct html_meta *m, const char *key, const char *val);
/* The first value of key, or NULL (borrowed). */
const char *html_meta_get(const struct html_meta *m, const char *key);

/* YAML for frontmatter_read: one key per pair, skipping pairs whose field
 * (by fm) is already set on a (a sidecar wins); list fields as lists. */
void html_meta_yaml(const struct html_meta *m, const struct fieldmap *fm,
		    const struct article *a, struct strbuf *yaml);

void html_meta_free(struct html_meta *m);

#endif

/* SPDX-License-Identifier: MIT
 * RSS 2.0, RSS 1.0 (RDF) and Atom feeds: each item or entry one article
 * (title, link, date, authors, categories, content), the feed's title as
 * its source. Parsed with html_parse_xml: well-formed XML only, no
 * network, no entity expansion. */
#ifndef DOSSIER_FEED_H
#define DOSSIER_FEED_H

#include <stdbool.h>
#include <stddef.h>

#include "core/meta/article.h"
#include "core/base/diag.h"

/* Items past this are not read (a warning says so): bounded time. */
#define FEED_MAX_ITEMS 10000

enum feed_kind { FEED_NONE, FEED_RSS2, FEED_RSS1, FEED_ATOM };

struct feed_item {
	char *title;          /* owned or NULL */
	char *link;           /* owned or NULL */
	char *date;           /* owned or NULL: the date as written */
	struct strlist authors, tags;
	char *body;           /* owned, never NULL: Markdown (HTML content converted) */
	int line;             /* where the item starts in the feed file */
};

/* Owns its items. */
struct feed {
	enum feed_kind kind;
	char *title;          /* owned or NULL: the feed's title */
	struct feed_item *items;
	size_t n, cap;
};

/* Whether buf looks like a feed (a <rss>, <feed> or <rdf:RDF> root in its
 * first 2 KiB). */
bool feed_sniff(const char *buf, size_t len);

/* Read a feed. Returns 0, or -1 with a FILE:LINE:COL diag (not XML, not a
 * feed, refused entities). */
int feed_read(const char *buf, size_t len, const char *path, struct feed *f, struct diag_list *diags);
void feed_free(struct feed *f);

#endif

/* SPDX-License-Identifier: MIT
 * Import of web pages and feed items: an HTML page (its metadata and
 * extracted article) or one feed item becomes an import_result, written
 * like a text import (Markdown body, YAML front matter). */
#ifndef DOSSIER_IMPORT_WEB_H
#define DOSSIER_IMPORT_WEB_H

#include <stdbool.h>
#include <stddef.h>

#include "core/base/diag.h"
#include "core/import/feed.h"
#include "core/meta/fieldmap.h"
#include "core/import/import.h"

enum import_kind { IMPORT_TEXT, IMPORT_HTML, IMPORT_FEED };

/* What a file holds: a feed (by its root element), an HTML page (by its
 * name or an <html>, <!doctype html>, <head> or <body> near the start), or
 * text. */
enum import_kind import_kind_of(const char *name, const char *text, size_t len);

/* r from a page. Returns 0, or -1 with a diag when nothing could be read
 * or the page holds no text. */
int import_from_page(const char *text, size_t len, const char *path, const struct fieldmap *fm,
		     struct import_result *r, struct diag_list *diags);

/* r from item e of f (the feed's title is the source). */
void import_from_item(const struct feed *f, const struct feed_item *e, struct import_result *r);

#endif

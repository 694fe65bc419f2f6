/* SPDX-License-Identifier: MIT
 * Hostile-safe parsing of web pages and feeds with libxml2: no network, no
 * external entities, no entity expansion, nesting bounded by the parser
 * (256), declared charsets converted, undeclared legacy bytes read as
 * windows-1252. Shared by the page reader (html_meta, html_extract) and
 * the feed reader (feed). */
#ifndef DOSSIER_HTML_PARSE_H
#define DOSSIER_HTML_PARSE_H

#include <stdbool.h>
#include <stddef.h>

#include <libxml/tree.h>

#include "core/base/diag.h"

/* Pages and feeds larger than this are not parsed whole (hostile input:
 * a 200 MB page). */
#define HTML_PARSE_MAX ((size_t)32 << 20)

/* The charset a page declares in its first 4 KiB (<meta charset>,
 * http-equiv content, an XML declaration), lower-cased into out; false
 * when none. */
bool html_declared_charset(const char *buf, size_t len, char *out, size_t outsz);

/* Parse an HTML page. Returns a document the caller frees with
 * xmlFreeDoc, or NULL (with a diag on path) when nothing could be read. */
/* Initialise libxml2 once for the whole process. Its lazy set-up is not
 * safe when two loader threads parse their first pages at once (they
 * deadlocked in xmlDictCreate); every entry point into libxml2 calls this
 * first. */
void html_parse_init(void);

xmlDocPtr html_parse_page(const char *buf, size_t len, const char *path, struct diag_list *diags);

/* Parse an XML feed strictly (a feed must be well-formed): NULL with a
 * FILE:LINE:COL diag on the first fatal error. */
xmlDocPtr html_parse_xml(const char *buf, size_t len, const char *path, struct diag_list *diags);

/* Tests on libxml2 nodes, case-insensitive on the local name. */
bool html_is(const xmlNode *n, const char *name);
/* An attribute's value, or NULL; borrowed from the document. */
const char *html_attr(const xmlNode *n, const char *name);

/* Append n's text (descendants, depth-bounded, entity references never
 * expanded) to sb with runs of white space collapsed to one space. */
struct strbuf;
void html_text_collapse(const xmlNode *n, struct strbuf *sb);

/* Trim and collapse white space of s in place; returns s. */
char *html_squeeze(char *s);

#endif

/* SPDX-License-Identifier: MIT
 * Main-content extraction from a web page: score the DOM (text and link
 * density, paragraphs, commas, class/id hints) to find the article's
 * container, keep its paragraphs, headings, lists, quotes, tables and
 * captions, and drop navigation, share bars, related lists, comments,
 * cookie and newsletter boxes and ads. Also reads the byline and date
 * lines the page shows, for pages whose metadata does not say. */
#ifndef DOSSIER_HTML_EXTRACT_H
#define DOSSIER_HTML_EXTRACT_H

#include <stdbool.h>
#include <stddef.h>

#include <libxml/tree.h>

/* Per-node facts, indexed through node->_private (the document must be
 * one this module may annotate: one from html_parse_page). */
struct html_ninfo {
	size_t text, link; /* visible characters, and those inside links */
	size_t commas;
	unsigned paras;    /* <p> descendants with text */
	float score;
	bool junk;         /* dropped with everything under it */
	bool scored;       /* a candidate container */
};

/* The extraction. Owns its arrays; borrows the document. */
struct html_extract {
	const xmlNode **roots; /* the kept subtrees, in document order */
	size_t nroots;
	char *byline;          /* owned or NULL: "Ada Brook" from a byline the page shows */
	char *dateline;        /* owned or NULL: the text of a visible date (<time> or a date line) */
	const char *title;     /* borrowed: the page title given to html_extract_run */
	struct html_ninfo *info;
	size_t ninfo, info_cap;
	bool whole;            /* html_extract_whole: only junk is dropped */
	bool no_class_junk;    /* the retry: class names drop nothing */
};

/* Extract from doc; title (may be NULL) is the page's title, so a heading
 * repeating it is left out of the body. Never fails: a page with no
 * article-like block keeps its whole <body>. */
void html_extract_run(xmlDocPtr doc, const char *title, struct html_extract *x);

/* The whole <body> kept (a feed item's content is all article): only
 * furniture and hidden elements are dropped. */
void html_extract_whole(xmlDocPtr doc, struct html_extract *x);

/* Whether n (under one of x->roots) is body content. */
bool html_extract_keep(const struct html_extract *x, const xmlNode *n);

void html_extract_free(struct html_extract *x);

/* A short line that is a byline ("By Ada Brook and Tomás Ruiz"). */
bool html_extract_is_byline(const char *s);

#endif

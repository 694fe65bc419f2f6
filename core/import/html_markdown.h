/* SPDX-License-Identifier: MIT
 * The extracted part of a page as Markdown (headings, paragraphs, lists,
 * quotes, code, tables, emphasis, links kept as links) for reading in place
 * and for import, or as plain text for measuring the extractor. */
#ifndef DOSSIER_HTML_MARKDOWN_H
#define DOSSIER_HTML_MARKDOWN_H

#include <stdbool.h>
#include <stddef.h>

#include "core/import/html_extract.h"
#include "core/base/strbuf.h"

/* Append the kept content of x to out: Markdown, or plain text when plain
 * (blocks separated by blank lines, no markup). A heading repeating
 * x->title is left out; a byline paragraph near the top ("By Ada Brook")
 * is left out and stored in x->byline when the page had none. */
void html_markdown_write(struct html_extract *x, bool plain, struct strbuf *out);

/* An HTML fragment (a feed item's content) as Markdown: all of it, only
 * scripts, styles and hidden or furniture elements dropped. Caller frees;
 * "" for nothing. */
char *html_markdown_fragment(const char *html, size_t len);

#endif

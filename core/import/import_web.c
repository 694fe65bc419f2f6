/* SPDX-License-Identifier: MIT
 * Web pages and feed items as import results (see import_web.h). */
#include "core/import/import_web.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/base/date.h"
#include "core/meta/html_page.h"
#include "core/base/util.h"

enum import_kind import_kind_of(const char *name, const char *text, size_t len)
{
	if (feed_sniff(text, len)) return IMPORT_FEED;
	if (name && html_page_is_html(name)) return IMPORT_HTML;
	size_t n = len < 1024 ? len : 1024;
	static const char *const marks[] = {"<html", "<!doctype html", "<head", "<body"};
	for (size_t i = 0; i < n; i++) {
		if (text[i] != '<') continue;
		for (size_t k = 0; k < ARRAY_LEN(marks); k++)
			if (n - i >= strlen(marks[k]) && strncasecmp(text + i, marks[k], strlen(marks[k])) == 0)
				return IMPORT_HTML;
	}
	return IMPORT_TEXT;
}

/* The first line of the body, shortened, as a title of last resort. */
static char *title_from(const char *body)
{
	while (*body == '#' || *body == ' ' || *body == '\n' || *body == '>') body++;
	size_t n = strcspn(body, "\n");
	if (n > 80) {
		n = 80;
		while (n > 40 && body[n] != ' ') n--;
		while (n && ((unsigned char)body[n] & 0xC0) == 0x80) n--;
	}
	return n ? xstrndup(body, n) : xstrdup("Untitled");
}

/* The body as a file ends: with a newline. Returns a new string. */
static char *body_line(const char *s)
{
	size_t n = strlen(s);
	char *b = xmalloc(n + 2);
	memcpy(b, s, n + 1);
	if (n && s[n - 1] != '\n') b[n] = '\n', b[n + 1] = '\0';
	return b;
}

int import_from_page(const char *text, size_t len, const char *path, const struct fieldmap *fm,
		     struct import_result *r, struct diag_list *diags)
{
	memset(r, 0, sizeof *r);
	struct html_page pg;
	if (html_page_read(text, len, path, false, &pg, diags) < 0) {
		html_page_free(&pg);
		return -1;
	}
	if (!pg.body_len) {
		diag_add(diags, DIAG_ERROR, path, 0, 0, "no article text found in the page; not imported");
		html_page_free(&pg);
		return -1;
	}
	struct article a;
	memset(&a, 0, sizeof a);
	html_page_apply(&pg, &a, path, fm, diags);
	r->title = a.title ? a.title : title_from(pg.body);
	a.title = NULL;
	r->date = a.date;
	r->source = a.source, a.source = NULL;
	r->url = a.url, a.url = NULL;
	r->authors = a.authors, memset(&a.authors, 0, sizeof a.authors);
	r->tags = a.tags, memset(&a.tags, 0, sizeof a.tags);
	r->body = body_line(pg.body);
	article_free(&a);
	html_page_free(&pg);
	return 0;
}

void import_from_item(const struct feed *f, const struct feed_item *e, struct import_result *r)
{
	memset(r, 0, sizeof *r);
	r->body = body_line(e->body);
	r->title = e->title ? xstrdup(e->title) : title_from(e->body);
	int ymd;
	if (e->date && date_parse(e->date, &ymd)) r->date = ymd;
	r->source = xstrdup(f->title);
	r->url = xstrdup(e->link);
	for (size_t i = 0; i < e->authors.n; i++) strlist_push(&r->authors, e->authors.v[i]);
	for (size_t i = 0; i < e->tags.n; i++) strlist_push(&r->tags, e->tags.v[i]);
}

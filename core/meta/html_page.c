/* SPDX-License-Identifier: MIT
 * The page pipeline (see html_page.h): parse once, read the metadata,
 * extract, write Markdown; the byline found on the way is cleaned into
 * names. */
#include "core/meta/html_page.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "core/base/date.h"
#include "core/meta/frontmatter.h"
#include "core/import/html_extract.h"
#include "core/import/html_markdown.h"
#include "core/text/html_parse.h"
#include "core/base/util.h"

bool html_page_is_html(const char *name)
{
	size_t n = strlen(name);
	return (n > 5 && strcasecmp(name + n - 5, ".html") == 0) ||
	       (n > 4 && strcasecmp(name + n - 4, ".htm") == 0);
}

/* "By Ada Brook and Tomás Ruiz, Northline Wire | June 3" -> two names:
 * the "By", what follows a bar, a date or a comma-separated outlet go. */
static void byline_names(struct html_meta *m, const char *line)
{
	char *s = html_squeeze(xstrdup(line));
	char *p = s;
	static const char *const by[] = {"by ", "von ", "par ", "por ", "words by "};
	for (size_t i = 0; i < ARRAY_LEN(by); i++)
		if (strncasecmp(p, by[i], strlen(by[i])) == 0) p += strlen(by[i]);
	char *bar = strpbrk(p, "|\xE2"); /* '|' or a dash/bullet in UTF-8 */
	if (bar && (*bar == '|' || strncmp(bar, "\xE2\x80\x94", 3) == 0 ||
		    strncmp(bar, "\xE2\x80\x93", 3) == 0 || strncmp(bar, "\xE2\x80\xA2", 3) == 0))
		*bar = '\0';
	/* " and " and "&" join names; a comma ends them unless a name follows */
	char *save = NULL;
	for (char *part = strtok_r(p, ",", &save); part; part = strtok_r(NULL, ",", &save)) {
		char *q = part;
		for (;;) {
			char *and = strstr(q, " and ");
			char *amp = strstr(q, " & ");
			char *cut = and && (!amp || and < amp) ? and : amp;
			if (cut) *cut = '\0';
			char *name = html_squeeze(q);
			bool digit = strpbrk(name, "0123456789") != NULL;
			size_t words = 0;
			for (char *w = name; *w; w++) words += *w == ' ';
			if (*name && !digit && words <= 4 && strlen(name) < 60 &&
			    (isupper((unsigned char)name[0]) || (unsigned char)name[0] >= 0xC3))
				html_meta_add(m, "byline", name);
			if (!cut) break;
			q = cut + (cut == and ? 5 : 3);
		}
		if (m->n && !html_meta_get(m, "byline")) break;
	}
	free(s);
}

int html_page_read(const char *raw, size_t len, const char *path, bool plain,
		   struct html_page *pg, struct diag_list *diags)
{
	memset(pg, 0, sizeof *pg);
	xmlDocPtr doc = html_parse_page(raw, len, path, diags);
	if (!doc) {
		pg->body = xstrdup("");
		return -1;
	}
	html_meta_read(doc, &pg->meta);
	struct html_extract x;
	const char *title = NULL; /* the heading that repeats it is not body text */
	static const char *const tkeys[] = {"headline", "og:title", "twitter:title", "html-title"};
	for (size_t i = 0; i < ARRAY_LEN(tkeys) && !title; i++) title = html_meta_get(&pg->meta, tkeys[i]);
	html_extract_run(doc, title, &x);
	struct strbuf sb = STRBUF_INIT;
	html_markdown_write(&x, plain, &sb);
	if (x.byline) byline_names(&pg->meta, x.byline);
	int ymd = 0;
	if (x.dateline && !date_parse(x.dateline, &ymd)) ymd = date_find(x.dateline, strlen(x.dateline), NULL, NULL);
	if (ymd) { /* stored as YYYY-MM-DD: the line may hold a time or a word */
		char iso[11];
		date_format(ymd, iso);
		html_meta_add(&pg->meta, "dateline", iso);
	}
	html_extract_free(&x);
	xmlFreeDoc(doc);
	if (!sb.buf) strbuf_adds(&sb, "");
	pg->body_len = sb.len;
	pg->body = strbuf_steal(&sb);
	return 0;
}

void html_page_apply(const struct html_page *pg, struct article *a, const char *path,
		     const struct fieldmap *fm, struct diag_list *diags)
{
	struct strbuf y = STRBUF_INIT;
	html_meta_yaml(&pg->meta, fm, a, &y);
	if (y.len) {
		struct diag_list dl = DIAG_LIST_INIT;
		frontmatter_read(a, y.buf, y.len, path, 1, fm, &dl);
		for (size_t i = 0; i < dl.n; i++)
			if (diags) diag_add(diags, DIAG_WARNING, path, 0, 0, "page metadata: %s", dl.items[i].msg);
		diag_list_free(&dl);
	}
	strbuf_free(&y);
}

void html_page_free(struct html_page *pg)
{
	html_meta_free(&pg->meta);
	free(pg->body);
	memset(pg, 0, sizeof *pg);
}

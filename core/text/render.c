/* SPDX-License-Identifier: MIT
 * The renderer's front door: picks the format, runs the template pass and
 * the Markdown, HTML or plain-text front end, and answers offset questions
 * (rendered text ↔ body) from the map the builder made. */
#include "core/text/render_int.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/meta/article.h"
#include "core/meta/html_page.h"
#include "core/base/util.h"

bool render_format_parse(const char *name, enum render_format *out)
{
	static const struct { const char *name; enum render_format f; } names[] = {
		{"markdown", RENDER_MARKDOWN}, {"md", RENDER_MARKDOWN}, {"text", RENDER_TEXT},
		{"txt", RENDER_TEXT}, {"plain", RENDER_TEXT}, {"html", RENDER_HTML}};
	for (size_t i = 0; i < ARRAY_LEN(names); i++)
		if (name && strcasecmp(name, names[i].name) == 0) {
			*out = names[i].f;
			return true;
		}
	return false;
}

enum render_format render_format_of(const struct article *a)
{
	enum render_format f;
	if (render_format_parse(article_get_extra(a, "format"), &f)) return f;
	const char *dot = a->path ? strrchr(a->path, '.') : NULL;
	if (dot && (strcmp(dot, ".md") == 0 || strcmp(dot, ".markdown") == 0)) return RENDER_MARKDOWN;
	/* a web page's body is its extracted article as Markdown (html_page) */
	if (a->path && html_page_is_html(a->path)) return RENDER_MARKDOWN;
	return RENDER_TEXT;
}

/* Plain text: every line as it is, nothing parsed, nothing eaten. */
static void render_plain_text(struct rb *b, const char *s, size_t len)
{
	size_t i = 0;
	while (i < len) {
		const char *nl = memchr(s + i, '\n', len - i);
		size_t k = nl ? (size_t)(nl - s) - i : len - i;
		if (k == 0) rb_blank_line(b);
		else {
			rb_text(b, s + i, k, i);
			rb_break(b);
		}
		i += k + 1;
	}
}

/* Plain text: the text is the body (less a final newline), one verbatim
 * run, so every offset, line breaks included, maps to itself. */
static struct render_doc *render_text_body(const char *body, size_t len)
{
	struct rb b;
	rb_init(&b, RENDER_TEXT, len, NULL);
	render_plain_text(&b, body, len);
	struct render_doc *d = rb_finish(&b);
	if (d->len <= len && memcmp(d->text, body, d->len) == 0) {
		d->map[0] = (struct render_map){0, (uint32_t)d->len, 0, (uint32_t)d->len, true};
		d->nmap = d->len > 0;
	}
	render_index_sources(d);
	return d;
}

struct render_doc *render_body(const char *body, size_t len, enum render_format fmt)
{
	if (len > RENDER_BODY_MAX) len = RENDER_BODY_MAX;
	if (fmt == RENDER_TEXT) return render_text_body(body, len);
	struct tmpl_out t;
	tmpl_strip(body, len, &t);
	struct foot f;
	bool notes = fmt == RENDER_MARKDOWN && foot_scan(strbuf_str(&t.text), t.text.len, &f);
	const struct strbuf *src = notes ? &f.out.text : &t.text;
	/* the map is made in body offsets as the text is added: through
	 * both passes in one go (note pass output → template pass output →
	 * body), or none when the template pass cut nothing */
	struct tmpl_out both = {0};
	if (notes) tmpl_compose(&f.out, &t, &both);
	bool cut = !(t.n == 1 && t.segs[0].copied && t.segs[0].in_off == 0 && t.segs[0].out_off == 0);
	struct rb b;
	rb_init(&b, fmt, src->len, notes ? &both : cut ? &t : NULL);
	if (fmt == RENDER_HTML) rb_html_block(&b, strbuf_str(src), src->len, 0);
	else render_markdown(&b, strbuf_str(src), src->len, notes ? &f : NULL);
	struct render_doc *d = rb_finish(&b);
	tmpl_free(&both);
	if (notes) foot_free(&f);
	tmpl_free(&t);
	if (d->len > UINT32_MAX) { /* offsets would not fit the map */
		render_doc_free(d);
		return render_text_body(body, len);
	}
	render_index_sources(d);
	return d;
}

size_t render_parse_only(const char *body, size_t len, enum render_format fmt)
{
	if (fmt == RENDER_MARKDOWN) return render_md_parse_only(body, len);
	if (fmt == RENDER_HTML) return render_html_parse_only(body, len);
	size_t n = 0;
	for (const char *p = body, *e = body + len; p < e && (p = memchr(p, '\n', (size_t)(e - p))) != NULL; p++) n++;
	return n;
}

void render_doc_free(struct render_doc *d)
{
	if (!d) return;
	for (size_t i = 0; i < d->nlinks; i++) {
		free(d->links[i].url);
		if (d->links[i].shown != d->links[i].url) free(d->links[i].shown);
		free(d->links[i].text);
	}
	free(d->links);
	free(d->text);
	free(d->spans);
	free(d->lines);
	free(d->tables);
	free(d->cells);
	free(d->map);
	free(d->by_src);
	free(d->pool);
	free(d);
}

const char *render_line_prefix(const struct render_doc *d, const struct render_line *l)
{
	return d->pool + l->prefix;
}

const char *render_line_cont(const struct render_doc *d, const struct render_line *l)
{
	return d->pool + l->cont;
}

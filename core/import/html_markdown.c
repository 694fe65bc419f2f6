/* SPDX-License-Identifier: MIT
 * HTML subset -> Markdown (see html_markdown.h). Inline content gathers
 * in a paragraph buffer (white space collapsed as a browser does); a
 * block element flushes it. Lists and quotes render their children with a
 * writer of their own and indent or prefix the lines, so nesting needs no
 * special cases. Depth is bounded like the parser's. */
#include "core/import/html_markdown.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "core/base/date.h"
#include "core/text/html_parse.h"
#include "core/base/util.h"

#define DEPTH_MAX 300

struct mw {
	struct html_extract *x;
	bool plain;
	struct strbuf out;  /* finished blocks */
	struct strbuf para; /* the paragraph being gathered */
	bool space;         /* a blank is pending in para */
	int *blocks;        /* blocks written so far (shared with sub-writers) */
	bool *title_done;
};

static void block_children(struct mw *w, const xmlNode *n, int depth);

static void mw_init(struct mw *w, const struct mw *parent)
{
	memset(w, 0, sizeof *w);
	w->x = parent->x;
	w->plain = parent->plain;
	w->blocks = parent->blocks;
	w->title_done = parent->title_done;
}

static void put_block(struct mw *w, const char *s, size_t n)
{
	if (!n) return;
	if (w->out.len) strbuf_adds(&w->out, "\n\n");
	strbuf_add(&w->out, s, n);
	(*w->blocks)++;
}

/* Markdown characters in text are escaped, so a star in the text does not
 * start emphasis. */
static void add_text(struct mw *w, const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		bool ws = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
		if (c == 0xC2 && (unsigned char)s[1] == 0xA0) ws = true, s++;
		if (ws) {
			w->space = w->para.len > 0 && w->para.buf[w->para.len - 1] != '\n';
			continue;
		}
		if (w->space) strbuf_addc(&w->para, ' ');
		w->space = false;
		if (!w->plain && strchr("\\*_`[]<", c)) strbuf_addc(&w->para, '\\');
		strbuf_addc(&w->para, (char)c);
	}
}

static void trim(struct strbuf *sb)
{
	while (sb->len && strchr(" \n", sb->buf[sb->len - 1])) sb->buf[--sb->len] = '\0';
}

/* End the paragraph being gathered: a block of its own, unless it is the
 * byline near the top. */
static void flush(struct mw *w)
{
	trim(&w->para);
	w->space = false;
	if (!w->para.len) return;
	const char *p = w->para.buf;
	if (*w->blocks < 4 && w->para.len < 120 && html_extract_is_byline(p)) {
		if (!w->x->byline) w->x->byline = xstrdup(p);
		strbuf_reset(&w->para);
		return;
	}
	size_t ds, de;
	if (*w->blocks < 4 && w->para.len < 80 && date_find(p, w->para.len, &ds, &de) &&
	    ds < 24 && w->para.len - de < 8) {
		/* "Published 3 November 2023": the date line, not body text */
		if (!w->x->dateline) w->x->dateline = xstrdup(p);
		strbuf_reset(&w->para);
		return;
	}
	if (!w->plain && (strchr("#>+-=", p[0]) || (isdigit((unsigned char)p[0]) && strchr(p, '.') &&
						     strspn(p, "0123456789") + 1 < w->para.len &&
						     p[strspn(p, "0123456789")] == '.'))) {
		/* a line that would read as Markdown structure */
		struct strbuf e = STRBUF_INIT;
		strbuf_addc(&e, '\\');
		strbuf_add(&e, p, w->para.len);
		put_block(w, e.buf, e.len);
		strbuf_free(&e);
	} else {
		put_block(w, p, w->para.len);
	}
	strbuf_reset(&w->para);
}

static int heading_level(const xmlNode *n)
{
	const char *t = (const char *)n->name;
	return (t[0] == 'h' || t[0] == 'H') && t[1] >= '1' && t[1] <= '6' && !t[2] ? t[1] - '0' : 0;
}

static bool block_tag(const xmlNode *n)
{
	static const char *const tags[] = {
		"p", "div", "section", "article", "main", "ul", "ol", "dl", "dt", "dd", "li", "pre",
		"blockquote", "table", "figure", "figcaption", "hr", "address", "center", "body",
		"tr", "td", "th", "tbody", "thead", "tfoot", "details", "summary", "caption",
	};
	if (heading_level(n)) return true;
	for (size_t i = 0; i < ARRAY_LEN(tags); i++)
		if (html_is(n, tags[i])) return true;
	return false;
}

static void inline_children(struct mw *w, const xmlNode *n, int depth);

/* Emphasis, code and links wrap their text tightly: blanks stay outside. */
static void wrapped(struct mw *w, const xmlNode *n, const char *open, const char *close, int depth)
{
	struct mw in;
	mw_init(&in, w);
	inline_children(&in, n->children, depth + 1);
	if (in.out.len) { /* blocks inside a link or emphasis (<a><p>…</p></a>) */
		flush(w);
		put_block(w, in.out.buf, in.out.len);
	}
	strbuf_free(&in.out);
	trim(&in.para);
	if (!in.para.len) {
		strbuf_free(&in.para);
		return;
	}
	bool lead = in.para.buf[0] == ' ';
	if ((lead || in.space) && w->para.len) w->space = true;
	if (w->space && w->para.len) strbuf_addc(&w->para, ' ');
	w->space = false;
	strbuf_adds(&w->para, open);
	strbuf_adds(&w->para, in.para.buf + lead);
	strbuf_adds(&w->para, close);
	strbuf_free(&in.para);
}

static bool safe_href(const char *h)
{
	return h && (strncasecmp(h, "http://", 7) == 0 || strncasecmp(h, "https://", 8) == 0 ||
		     strncasecmp(h, "mailto:", 7) == 0) && !strpbrk(h, " ()<>\n\t");
}

static void inline_node(struct mw *w, const xmlNode *n, int depth)
{
	if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
		if (n->content) add_text(w, (const char *)n->content);
		return;
	}
	if (n->type != XML_ELEMENT_NODE || depth > DEPTH_MAX || !html_extract_keep(w->x, n)) return;
	if (html_is(n, "br")) {
		trim(&w->para);
		if (w->para.len) strbuf_adds(&w->para, w->plain ? "\n" : "\\\n");
		w->space = false;
	} else if (w->plain) {
		inline_children(w, n->children, depth + 1);
	} else if (html_is(n, "em") || html_is(n, "i") || html_is(n, "cite")) {
		wrapped(w, n, "*", "*", depth);
	} else if (html_is(n, "strong") || html_is(n, "b")) {
		wrapped(w, n, "**", "**", depth);
	} else if (html_is(n, "code") || html_is(n, "kbd") || html_is(n, "tt")) {
		wrapped(w, n, "`", "`", depth);
	} else if (html_is(n, "a") && safe_href(html_attr(n, "href"))) {
		struct strbuf close = STRBUF_INIT;
		strbuf_adds(&close, "](");
		strbuf_adds(&close, html_attr(n, "href"));
		strbuf_addc(&close, ')');
		wrapped(w, n, "[", close.buf, depth);
		strbuf_free(&close);
	} else {
		inline_children(w, n->children, depth + 1);
	}
}

static void inline_children(struct mw *w, const xmlNode *n, int depth)
{
	for (; n; n = n->next) {
		if (n->type == XML_ELEMENT_NODE && block_tag(n)) {
			/* a block inside inline content (a <div> in a <span>) */
			flush(w);
			block_children(w, n, depth);
		} else {
			inline_node(w, n, depth);
		}
	}
}

/* Render n's children with a writer of its own; returns its text (owned). */
static char *sub_render(struct mw *w, const xmlNode *n, int depth)
{
	struct mw in;
	mw_init(&in, w);
	block_children(&in, n, depth + 1);
	flush(&in);
	strbuf_free(&in.para);
	return strbuf_steal(&in.out);
}

/* Each line of text prefixed: first with first, the rest with rest. */
static void put_prefixed(struct mw *w, const char *text, const char *first, const char *rest)
{
	if (!text || !*text) return;
	struct strbuf b = STRBUF_INIT;
	bool start = true, firstline = true;
	for (const char *p = text; *p; p++) {
		if (start) {
			if (*p != '\n' || rest[0] == '>') strbuf_adds(&b, firstline ? first : rest);
			firstline = false;
			start = false;
		}
		strbuf_addc(&b, *p);
		if (*p == '\n') start = true;
	}
	trim(&b);
	put_block(w, b.buf, b.len);
	strbuf_free(&b);
}

static void list(struct mw *w, const xmlNode *n, int depth)
{
	bool ordered = html_is(n, "ol");
	int num = 1;
	struct strbuf items = STRBUF_INIT;
	for (const xmlNode *k = n->children; k; k = k->next) {
		if (k->type != XML_ELEMENT_NODE || !html_extract_keep(w->x, k)) continue;
		char *t = sub_render(w, k, depth);
		if (t && *t) {
			char mark[16];
			if (w->plain) mark[0] = '\0';
			else if (ordered) snprintf(mark, sizeof mark, "%d. ", num++);
			else strcpy(mark, "- ");
			const char *indent = !w->plain ? (ordered ? "   " : "  ") : "";
			struct mw one;
			mw_init(&one, w);
			put_prefixed(&one, t, mark, indent);
			if (items.len) strbuf_adds(&items, w->plain ? "\n\n" : "\n");
			strbuf_adds(&items, strbuf_str(&one.out));
			strbuf_free(&one.out);
		}
		free(t);
	}
	put_block(w, items.buf, items.len);
	strbuf_free(&items);
}

/* One table row per line: Markdown's "| a | b |" with a rule after the
 * first row; plain text joins cells with a blank. */
static void table(struct mw *w, const xmlNode *t, int depth)
{
	struct strbuf b = STRBUF_INIT;
	int rows = 0;
	const xmlNode *stack[3] = {t->children, NULL, NULL};
	int sp = 0;
	const xmlNode *k = stack[0];
	while (k || sp > 0) {
		if (!k) {
			k = stack[--sp];
			continue;
		}
		const xmlNode *next = k->next;
		if (html_is(k, "thead") || html_is(k, "tbody") || html_is(k, "tfoot")) {
			if (sp < 2) stack[sp++] = next, next = k->children;
		} else if (html_is(k, "tr") && html_extract_keep(w->x, k)) {
			int cells = 0;
			if (rows) strbuf_addc(&b, '\n');
			for (const xmlNode *c = k->children; c; c = c->next) {
				if (!html_is(c, "td") && !html_is(c, "th")) continue;
				struct mw in;
				mw_init(&in, w);
				inline_children(&in, c->children, depth + 1);
				flush(&in);
				strbuf_adds(&b, w->plain ? (cells ? " " : "") : (cells ? " | " : "| "));
				for (const char *p = strbuf_str(&in.out); *p; p++)
					if (*p == '|' && !w->plain) strbuf_adds(&b, "\\|");
					else strbuf_addc(&b, *p == '\n' ? ' ' : *p);
				strbuf_free(&in.out);
				strbuf_free(&in.para);
				cells++;
			}
			if (!w->plain && cells) strbuf_adds(&b, " |");
			if (!w->plain && rows == 0 && cells) {
				strbuf_addc(&b, '\n');
				for (int i = 0; i < cells; i++) strbuf_adds(&b, "| --- ");
				strbuf_addc(&b, '|');
			}
			rows++;
		}
		k = next;
	}
	put_block(w, b.buf, b.len);
	strbuf_free(&b);
}

/* A layout table (cells holding paragraphs) is read as containers. */
static bool layout_table(const xmlNode *t, int depth)
{
	for (const xmlNode *k = t->children; k; k = k->next) {
		if (k->type != XML_ELEMENT_NODE) continue;
		if (html_is(k, "p") || html_is(k, "div") || html_is(k, "table") || heading_level(k)) return true;
		if (depth < 4 && layout_table(k, depth + 1)) return true;
	}
	return false;
}

static void block(struct mw *w, const xmlNode *n, int depth)
{
	if (!html_extract_keep(w->x, n)) return;
	int h = heading_level(n);
	flush(w);
	if (h) {
		struct mw in;
		mw_init(&in, w);
		inline_children(&in, n->children, depth + 1);
		trim(&in.para);
		const char *t = strbuf_str(&in.para);
		if (!*w->title_done && w->x->title && strcasecmp(t, w->x->title) == 0) {
			*w->title_done = true;
		} else if (in.para.len) {
			struct strbuf b = STRBUF_INIT;
			if (!w->plain) {
				for (int i = 0; i < h; i++) strbuf_addc(&b, '#');
				strbuf_addc(&b, ' ');
			}
			for (const char *p = t; *p; p++) strbuf_addc(&b, *p == '\n' ? ' ' : *p);
			put_block(w, b.buf, b.len);
			strbuf_free(&b);
		}
		strbuf_free(&in.para);
		strbuf_free(&in.out);
	} else if (html_is(n, "ul") || html_is(n, "ol")) {
		list(w, n, depth);
	} else if (html_is(n, "blockquote")) {
		char *t = sub_render(w, n, depth);
		put_prefixed(w, t, w->plain ? "" : "> ", w->plain ? "" : "> ");
		free(t);
	} else if (html_is(n, "pre")) {
		struct strbuf t = STRBUF_INIT;
		html_text_collapse(n, &t); /* collapsed: code keeps its words, not its layout */
		if (t.len) {
			struct strbuf b = STRBUF_INIT;
			if (!w->plain) strbuf_adds(&b, "```\n");
			strbuf_add(&b, t.buf, t.len);
			if (!w->plain) strbuf_adds(&b, "\n```");
			put_block(w, b.buf, b.len);
			strbuf_free(&b);
		}
		strbuf_free(&t);
	} else if (html_is(n, "table") && !layout_table(n, 0)) {
		table(w, n, depth);
	} else if (html_is(n, "hr")) {
		if (!w->plain) put_block(w, "* * *", 5);
	} else {
		block_children(w, n, depth + 1);
		flush(w);
	}
}

static void block_children(struct mw *w, const xmlNode *n, int depth)
{
	if (depth > DEPTH_MAX) return;
	for (const xmlNode *k = n->children; k; k = k->next) {
		if (k->type == XML_ELEMENT_NODE && block_tag(k)) block(w, k, depth);
		else inline_node(w, k, depth);
	}
}

void html_markdown_write(struct html_extract *x, bool plain, struct strbuf *out)
{
	int blocks = 0;
	bool title_done = false;
	struct mw w = {.x = x, .plain = plain, .blocks = &blocks, .title_done = &title_done};
	for (size_t i = 0; i < x->nroots; i++) {
		const xmlNode *r = x->roots[i];
		if (block_tag(r) || html_is(r, "html")) block(&w, r, 0);
		else {
			inline_node(&w, r, 0);
			flush(&w);
		}
	}
	flush(&w);
	strbuf_free(&w.para);
	if (w.out.len) {
		if (out->len) strbuf_adds(out, "\n\n");
		strbuf_add(out, w.out.buf, w.out.len);
	}
	strbuf_free(&w.out);
}

char *html_markdown_fragment(const char *html, size_t len)
{
	struct strbuf out = STRBUF_INIT;
	xmlDocPtr d = len ? html_parse_page(html, len, NULL, NULL) : NULL;
	if (d) {
		struct html_extract x;
		html_extract_whole(d, &x);
		html_markdown_write(&x, false, &out);
		html_extract_free(&x);
		xmlFreeDoc(d);
	}
	if (!out.buf) strbuf_adds(&out, "");
	return strbuf_steal(&out);
}

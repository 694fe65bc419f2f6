/* SPDX-License-Identifier: MIT
 * HTML into the render builder: blocks and whole bodies through libxml2's
 * HTML parser (recovering, no network, no entity loading), walked without
 * recursion so any depth is safe; single inline tags inside Markdown by a
 * small tag reader; character references for metadata and Markdown. */
#include "core/text/render_int.h"

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/text/html_parse.h"
#include "core/text/utf8.h"
#include "core/base/util.h"

/* ---- character references ------------------------------------------ */

/* One reference at s[0] == '&': its code point and length, or 0. */
static size_t entity_at(const char *s, size_t len, int32_t *cp)
{
	size_t i = 1;
	if (i < len && s[i] == '#') {
		bool hex = i + 1 < len && (s[i + 1] == 'x' || s[i + 1] == 'X');
		i += hex ? 2 : 1;
		size_t start = i;
		uint32_t v = 0;
		bool big = false;
		for (; i < len && i - start < 16; i++) {
			int dgt = s[i] >= '0' && s[i] <= '9' ? s[i] - '0'
				: hex && s[i] >= 'a' && s[i] <= 'f' ? s[i] - 'a' + 10
				: hex && s[i] >= 'A' && s[i] <= 'F' ? s[i] - 'A' + 10 : -1;
			if (dgt < 0) break;
			v = v * (hex ? 16 : 10) + (uint32_t)dgt;
			if (v > 0x10FFFF) big = true, v = 0x110000;
		}
		if (i == start || i >= len || s[i] != ';') return 0;
		*cp = big || v == 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF) ? UTF8_REPLACEMENT : (int32_t)v;
		return i + 1;
	}
	char name[40];
	size_t n = 0;
	while (i < len && n < sizeof name - 1 && ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= '0' && s[i] <= '9')))
		name[n++] = s[i++];
	if (!n || i >= len || s[i] != ';') return 0;
	name[n] = '\0';
	const htmlEntityDesc *e = htmlEntityLookup((const xmlChar *)name);
	if (!e) {
		if (strcmp(name, "apos") != 0) return 0;
		*cp = '\'';
	} else {
		*cp = (int32_t)e->value;
	}
	return i + 1;
}

char *render_decode_entities(const char *s, size_t len, size_t *outlen)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i = 0;
	while (i < len) {
		const char *amp = memchr(s + i, '&', len - i);
		size_t k = amp ? (size_t)(amp - s) : len;
		strbuf_add(&sb, s + i, k - i);
		if (!amp) break;
		int32_t cp;
		size_t n = entity_at(s + k, len - k, &cp);
		if (n) {
			char enc[4];
			strbuf_add(&sb, enc, utf8_encode(cp, enc));
			i = k + n;
		} else {
			strbuf_addc(&sb, '&');
			i = k + 1;
		}
	}
	if (outlen) *outlen = sb.len;
	char *r = strbuf_steal(&sb);
	return r ? r : xstrdup("");
}

void render_decode_entities_inplace(char **s)
{
	if (!*s || !strchr(*s, '&')) return;
	char *d = render_decode_entities(*s, strlen(*s), NULL);
	free(*s);
	*s = d;
}

/* ---- single inline tags (Markdown raw HTML spans) -------------------- */

enum { T_SPAN = 1, T_LINK, T_SUPPRESS };

/* The value of attribute name in a tag's text (decoded; caller frees), or NULL. */
static char *tag_attr(const char *t, size_t len, const char *name)
{
	size_t i = 1, nl = strlen(name);
	while (i < len && t[i] != ' ' && t[i] != '\t' && t[i] != '\n' && t[i] != '>' && t[i] != '/') i++;
	while (i < len) {
		while (i < len && (t[i] == ' ' || t[i] == '\t' || t[i] == '\n' || t[i] == '/')) i++;
		size_t ns = i;
		while (i < len && t[i] != '=' && t[i] != ' ' && t[i] != '>' && t[i] != '\t' && t[i] != '\n' && t[i] != '/') i++;
		size_t ne = i;
		if (i >= len || t[i] == '>') break;
		while (i < len && (t[i] == ' ' || t[i] == '\t' || t[i] == '\n')) i++;
		if (i >= len || t[i] != '=') continue;
		i++;
		while (i < len && (t[i] == ' ' || t[i] == '\t' || t[i] == '\n')) i++;
		size_t vs, ve;
		if (i < len && (t[i] == '"' || t[i] == '\'')) {
			char q = t[i++];
			vs = i;
			while (i < len && t[i] != q) i++;
			ve = i++;
		} else {
			vs = i;
			while (i < len && t[i] != ' ' && t[i] != '>' && t[i] != '\t' && t[i] != '\n') i++;
			ve = i;
		}
		if (ve > len) ve = len;
		if (ne - ns == nl && strncasecmp(t + ns, name, nl) == 0)
			return render_decode_entities(t + vs, ve - vs, NULL);
	}
	return NULL;
}

/* Is name (n bytes) one of set (lower case)? The first letter and the
 * length are looked at before the rest (this runs for every element). */
static bool name_is(const char *name, size_t n, const char *const *set)
{
	if (n == 0) return false;
	char c = (char)(name[0] | 0x20);
	for (; *set; set++)
		if ((*set)[0] == c && strnlen(*set, n + 1) == n && strncasecmp(name, *set, n) == 0) return true;
	return false;
}

static const char *const EMPH[] = {"em", "i", "cite", "dfn", "var", NULL};
static const char *const STRONG[] = {"strong", "b", NULL};
static const char *const CODE[] = {"code", "tt", "kbd", "samp", NULL};
static const char *const STRIKE[] = {"s", "del", "strike", NULL};
static const char *const DROP[] = {"script", "style", "template", "noscript", "iframe", "object",
				   "svg", "math", "head", "title", "textarea", "select", NULL};

static void inline_pop(struct rb *b, struct rb_inline *in)
{
	uint8_t k = in->stack[--in->depth];
	if (k == T_SPAN) rb_span_end(b);
	else if (k == T_LINK) rb_link_end(b);
	else if (k == T_SUPPRESS && in->suppress) in->suppress--;
}

void rb_html_tag(struct rb *b, struct rb_inline *in, const char *t, size_t len, size_t s_off)
{
	if (len < 3 || t[0] != '<' || t[1] == '!' || t[1] == '?') return; /* comments, <!--more--> */
	bool close = t[1] == '/';
	size_t ns = close ? 2 : 1, i = ns;
	while (i < len && ((t[i] >= 'a' && t[i] <= 'z') || (t[i] >= 'A' && t[i] <= 'Z') || (t[i] >= '0' && t[i] <= '9'))) i++;
	const char *name = t + ns;
	size_t nl = i - ns;
	uint8_t kind = name_is(name, nl, DROP) ? T_SUPPRESS : strncasecmp(name, "a", nl) == 0 && nl == 1 ? T_LINK
		     : name_is(name, nl, EMPH) || name_is(name, nl, STRONG) || name_is(name, nl, CODE) || name_is(name, nl, STRIKE) ? T_SPAN : 0;
	if (close) {
		if (nl == 0 && in->depth) { /* "</>": close the innermost */
			inline_pop(b, in);
			return;
		}
		for (int k = in->depth - 1; k >= 0; k--)
			if (in->stack[k] == kind && kind) {
				while (in->depth > k) inline_pop(b, in);
				return;
			}
		return;
	}
	if (in->suppress) return;
	if (nl == 2 && strncasecmp(name, "br", 2) == 0) {
		rb_break(b);
		return;
	}
	if (nl == 3 && strncasecmp(name, "img", 3) == 0) {
		char *alt = tag_attr(t, len, "alt");
		rb_image_begin(b);
		rb_image_alt(b, alt, s_off == RB_NO_SRC ? b->cursor : s_off, len);
		rb_image_end(b);
		free(alt);
		return;
	}
	if (!kind || (len >= 2 && t[len - 2] == '/') || in->depth >= (int)sizeof in->stack) return;
	char *href = NULL;
	if (kind == T_LINK && !(href = tag_attr(t, len, "href"))) return;
	in->stack[in->depth++] = kind;
	if (kind == T_SUPPRESS) in->suppress++;
	else if (kind == T_LINK) rb_link_begin(b, href, s_off == RB_NO_SRC ? b->cursor : s_off);
	else rb_span_begin(b, name_is(name, nl, EMPH) ? RS_EMPH : name_is(name, nl, STRONG) ? RS_STRONG
			      : name_is(name, nl, CODE) ? RS_CODE : RS_STRIKE, 0);
	free(href);
}

/* ---- whole HTML fragments through libxml2 ---------------------------- */

struct hw {
	struct rb *b;
	const char *html;
	size_t len, base, cur; /* source of the fragment; where text was last found */
	bool space;            /* whitespace seen since the last word */
	int pre;
	struct { bool ordered; long next; } *lists;
	size_t nlists, lists_cap;
	char memo_name[128][12];      /* element names classified lately */
	uint32_t memo_cls[128];       /* and their classes (name_class) */
};

static bool is(const xmlNode *n, const char *name)
{
	return xmlStrcasecmp(n->name, (const xmlChar *)name) == 0;
}

static const char *const BLOCK[] = {"p", "div", "section", "article", "header", "footer", "main",
				    "aside", "nav", "figure", "figcaption", "dl", "dt", "dd", "address",
				    "details", "summary", "center", "form", "fieldset", "caption", NULL};

/* What an element is, as bits: its sets (DROP, CODE, EMPH, STRONG,
 * STRIKE, BLOCK) and one of the tags the walk treats on its own. Worked
 * out once per name: this was a fifth of rendering a page. */
enum {
	C_DROP = 1 << 0, C_CODE = 1 << 1, C_EMPH = 1 << 2, C_STRONG = 1 << 3, C_STRIKE = 1 << 4, C_BLOCK = 1 << 5,
	C_SPAN = C_CODE | C_EMPH | C_STRONG | C_STRIKE,
	C_TAG_SHIFT = 8,
};
enum { TG_OTHER, TG_A, TG_BR, TG_HR, TG_UL, TG_OL, TG_LI, TG_BLOCKQUOTE, TG_PRE, TG_IMG, TG_TABLE, TG_TR, TG_TD, TG_TH, TG_NTAGS };

static uint32_t name_class_of(const xmlNode *n)
{
	static const char *const tags[TG_NTAGS] = {"", "a", "br", "hr", "ul", "ol", "li", "blockquote", "pre", "img", "table", "tr", "td", "th"};
	const char *name = (const char *)n->name;
	size_t nl = strlen(name);
	uint32_t c = (name_is(name, nl, DROP) ? C_DROP : 0) | (name_is(name, nl, CODE) ? C_CODE : 0) |
		     (name_is(name, nl, EMPH) ? C_EMPH : 0) | (name_is(name, nl, STRONG) ? C_STRONG : 0) |
		     (name_is(name, nl, STRIKE) ? C_STRIKE : 0) | (name_is(name, nl, BLOCK) ? C_BLOCK : 0);
	for (uint32_t t = 1; t < TG_NTAGS; t++)
		if (is(n, tags[t])) return c | t << C_TAG_SHIFT;
	return c;
}

/* The class of n's name, from a small table of names seen (every node
 * has its own copy of its name: the table is by content). */
static uint32_t name_class(struct hw *w, const xmlNode *n)
{
	const char *name = (const char *)n->name;
	uint32_t h = 2166136261u;
	size_t nl = 0;
	for (; nl < 12 && name[nl]; nl++) h = (h ^ (unsigned char)name[nl]) * 16777619u;
	if (nl == 0 || nl >= 12) return name_class_of(n);
	h = (h ^ (h >> 15)) % 128;
	if (memcmp(w->memo_name[h], name, nl + 1) != 0) {
		memcpy(w->memo_name[h], name, nl + 1);
		w->memo_cls[h] = name_class_of(n);
	}
	return w->memo_cls[h];
}

/* A word of text: mapped to where it stands in the fragment when it is
 * found close after the last one (it is not when entities were decoded). */
static void hw_word(struct hw *w, const char *s, size_t n)
{
	struct rb *b = w->b;
	if (w->space && !rb_at_space(b)) rb_text(b, " ", 1, RB_NO_SRC);
	w->space = false;
	size_t win = w->len - w->cur < 512 + n ? w->len - w->cur : 512 + n;
	const char *f = NULL; /* the first place it is (memmem's set-up cost more) */
	for (const char *h = w->html + w->cur, *e = h + (win >= n ? win - n + 1 : 0); n && h < e; h++) {
		if (!(h = memchr(h, s[0], (size_t)(e - h)))) break;
		if (memcmp(h, s, n) == 0) {
			f = h;
			break;
		}
	}
	if (f && w->base != RB_NO_SRC) {
		size_t at = (size_t)(f - w->html);
		rb_text(b, s, n, w->base + at);
		w->cur = at + n;
	} else {
		rb_text_unit(b, s, n, w->base == RB_NO_SRC ? b->cursor : w->base + w->cur, 0);
	}
}

static void hw_text(struct hw *w, const char *s)
{
	struct rb *b = w->b;
	if (b->table_depth > 0 && b->cell_depth == 0) return; /* whitespace between rows */
	size_t len = strlen(s);
	if (w->pre) {
		rb_code_text(b, s, len, RB_NO_SRC);
		return;
	}
	size_t i = 0;
	while (i < len) {
		if (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r' || s[i] == '\f') {
			w->space = true;
			i++;
			continue;
		}
		size_t k = i;
		while (k < len && !(s[k] == ' ' || s[k] == '\t' || s[k] == '\n' || s[k] == '\r' || s[k] == '\f')) k++;
		hw_word(w, s + i, k - i);
		i = k;
	}
}

static char *attr(const xmlNode *n, const char *name)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
	if (!v) return NULL;
	char *r = xstrdup((const char *)v);
	xmlFree(v);
	return r;
}

/* Enter an element; returns false when its children are to be skipped. */
static bool hw_enter(struct hw *w, const xmlNode *n)
{
	struct rb *b = w->b;
	const char *name = (const char *)n->name;
	size_t nl = strlen(name);
	uint32_t cls = name_class(w, n), tag = cls >> C_TAG_SHIFT;
	if (cls & C_DROP) return false;
	bool inline_el = (cls & C_SPAN) || tag == TG_A;
	if (inline_el && w->space && !w->pre && !rb_at_space(b)) { /* the space goes before the span */
		rb_text(b, " ", 1, RB_NO_SRC);
		w->space = false;
	}
	if (cls & C_BLOCK) rb_block_begin(b, RL_TEXT, 0);
	else if (nl == 2 && (name[0] == 'h' || name[0] == 'H') && name[1] >= '1' && name[1] <= '6') {
		rb_block_begin(b, RL_HEADING, (uint32_t)(name[1] - '0'));
		rb_span_begin(b, RS_HEADING, (uint32_t)(name[1] - '0'));
	} else if (tag == TG_BR) rb_break(b);
	else if (tag == TG_HR) rb_rule(b);
	else if (tag == TG_UL || tag == TG_OL) {
		ARRAY_RESERVE(w->lists, w->lists_cap, w->nlists + 1);
		char *start = attr(n, "start");
		w->lists[w->nlists].ordered = tag == TG_OL;
		w->lists[w->nlists].next = start ? strtol(start, NULL, 10) % 1000000000L : 1;
		w->nlists++;
		free(start);
	} else if (tag == TG_LI) {
		char marker[24] = "•";
		if (w->nlists && w->lists[w->nlists - 1].ordered)
			snprintf(marker, sizeof marker, "%ld.", w->lists[w->nlists - 1].next++);
		else if (w->nlists > 1)
			snprintf(marker, sizeof marker, "%s", (w->nlists - 1) % 3 == 1 ? "◦" : (w->nlists - 1) % 3 == 2 ? "▪" : "•");
		rb_item_begin(b, marker);
	} else if (tag == TG_BLOCKQUOTE) rb_quote_begin(b);
	else if (tag == TG_PRE) {
		rb_block_begin(b, RL_CODE, 0);
		rb_span_begin(b, RS_CODEBLOCK, 0);
		w->pre++;
	} else if (cls & C_CODE) rb_span_begin(b, RS_CODE, 0);
	else if (cls & C_EMPH) rb_span_begin(b, RS_EMPH, 0);
	else if (cls & C_STRONG) rb_span_begin(b, RS_STRONG, 0);
	else if (cls & C_STRIKE) rb_span_begin(b, RS_STRIKE, 0);
	else if (tag == TG_A) {
		char *href = attr(n, "href");
		if (href) rb_link_begin(b, href, w->base == RB_NO_SRC ? b->cursor : w->base + w->cur);
		free(href);
	} else if (tag == TG_IMG) {
		char *alt = attr(n, "alt");
		if (w->space && !rb_at_space(b)) rb_text(b, " ", 1, RB_NO_SRC);
		w->space = false;
		rb_image_begin(b);
		rb_image_alt(b, alt, w->base == RB_NO_SRC ? b->cursor : w->base + w->cur, 0);
		rb_image_end(b);
		free(alt);
	} else if (tag == TG_TABLE) rb_table_begin(b);
	else if (tag == TG_TR) rb_row_begin(b);
	else if (tag == TG_TD || tag == TG_TH) {
		char *al = attr(n, "align");
		rb_cell_begin(b, tag == TG_TH, al && !strcasecmp(al, "center") ? 1 : al && !strcasecmp(al, "right") ? 2 : 0);
		free(al);
		w->space = false;
	}
	return true;
}

static void hw_leave(struct hw *w, const xmlNode *n)
{
	struct rb *b = w->b;
	const char *name = (const char *)n->name;
	size_t nl = strlen(name);
	uint32_t cls = name_class(w, n), tag = cls >> C_TAG_SHIFT;
	if (cls & C_BLOCK) rb_block_end(b), w->space = false;
	else if (nl == 2 && (name[0] == 'h' || name[0] == 'H') && name[1] >= '1' && name[1] <= '6') {
		rb_span_end(b);
		rb_block_end(b);
		w->space = false;
	} else if (tag == TG_UL || tag == TG_OL) {
		if (w->nlists) w->nlists--;
		rb_list_end(b);
	} else if (tag == TG_LI) rb_item_end(b), w->space = false;
	else if (tag == TG_BLOCKQUOTE) rb_quote_end(b), w->space = false;
	else if (tag == TG_PRE) {
		w->pre--;
		rb_span_end(b);
		rb_block_end(b);
	} else if (cls & C_SPAN)
		rb_span_end(b);
	else if (tag == TG_A) {
		xmlChar *h = xmlGetProp(n, (const xmlChar *)"href");
		if (h) rb_link_end(b);
		xmlFree(h);
	} else if (tag == TG_TABLE) rb_table_end(b);
	else if (tag == TG_TR) rb_row_end(b);
	else if (tag == TG_TD || tag == TG_TH) rb_cell_end(b);
}

size_t render_html_parse_only(const char *s, size_t len)
{
	if (len == 0 || len > INT_MAX / 2) return 0;
	html_parse_init();
	htmlDocPtr doc = htmlReadMemory(s, (int)len, NULL, "UTF-8",
					HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_RECOVER);
	size_t n = doc && xmlDocGetRootElement(doc) ? 1 : 0;
	if (doc) xmlFreeDoc(doc);
	return n;
}

void rb_html_block(struct rb *b, const char *html, size_t len, size_t s_off)
{
	if (len == 0 || len > INT_MAX / 2) return;
	/* libxml2 wants UTF-8 without NUL: repair a copy (offsets past a
	 * repaired byte are found again by searching for the words) */
	size_t n;
	char *fixed = utf8_repair(html, len, &n);
	for (size_t i = 0; i < n; i++)
		if (fixed[i] == '\0') fixed[i] = ' ';
	html_parse_init();
	htmlDocPtr doc = htmlReadMemory(fixed, (int)n, NULL, "UTF-8",
					HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_RECOVER);
	struct hw w = {.b = b, .html = html, .len = len, .base = s_off};
	xmlNode *node = doc ? xmlDocGetRootElement(doc) : NULL;
	xmlNode *top = node;
	/* iterative walk: enter, children, leave, next sibling or parent */
	while (node) {
		bool down = false;
		if (node->type == XML_ELEMENT_NODE) down = hw_enter(&w, node) && node->children;
		else if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
			if (node->content) hw_text(&w, (const char *)node->content);
		}
		if (down) {
			node = node->children;
			continue;
		}
		if (node->type == XML_ELEMENT_NODE && !(name_class(&w, node) & C_DROP))
			hw_leave(&w, node);
		while (node != top && !node->next) {
			node = node->parent;
			hw_leave(&w, node);
		}
		node = node == top ? NULL : node->next;
	}
	/* a fragment leaves nothing open behind it */
	rb_block_end(b);
	if (doc) xmlFreeDoc(doc);
	free(fixed);
	free(w.lists);
}

/* SPDX-License-Identifier: MIT
 * The feed reader (see feed.h). Elements are matched by local name (and
 * the namespace where names clash: content:encoded, dc:*), so prefixes
 * chosen by the publisher do not matter. Text is gathered from text and
 * CDATA nodes only: an entity reference is never expanded. */
#include "core/import/feed.h"

#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "core/import/html_markdown.h"
#include "core/text/html_parse.h"
#include "core/base/strbuf.h"
#include "core/base/util.h"

#define NS_CONTENT "http://purl.org/rss/1.0/modules/content/"
#define NS_DC "http://purl.org/dc/elements/1.1/"
#define TEXT_DEPTH 64

bool feed_sniff(const char *buf, size_t len)
{
	size_t n = len < 2048 ? len : 2048;
	for (size_t i = 0; i + 4 < n; i++) {
		if (buf[i] != '<') continue;
		const char *p = buf + i + 1;
		size_t left = n - i - 1;
		if ((left > 3 && strncmp(p, "rss", 3) == 0 && (p[3] == ' ' || p[3] == '>')) ||
		    (left > 4 && strncmp(p, "feed", 4) == 0 && (p[4] == ' ' || p[4] == '>')) ||
		    (left > 7 && strncmp(p, "rdf:RDF", 7) == 0))
			return true;
		if (*p != '?' && *p != '!') return false; /* the first element is something else */
	}
	return false;
}

static bool named(const xmlNode *n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

static bool in_ns(const xmlNode *n, const char *ns)
{
	return n->ns && n->ns->href && strcmp((const char *)n->ns->href, ns) == 0;
}

static void text_of(const xmlNode *n, struct strbuf *sb, int depth)
{
	for (const xmlNode *k = n->children; k; k = k->next) {
		if ((k->type == XML_TEXT_NODE || k->type == XML_CDATA_SECTION_NODE) && k->content)
			strbuf_adds(sb, (const char *)k->content);
		else if (k->type == XML_ELEMENT_NODE && depth < TEXT_DEPTH)
			text_of(k, sb, depth + 1);
	}
}

/* The element's text (owned), blanks collapsed; NULL when empty. */
static char *text_dup(const xmlNode *n, bool squeeze)
{
	struct strbuf sb = STRBUF_INIT;
	text_of(n, &sb, 0);
	if (!sb.buf) return NULL;
	char *s = strbuf_steal(&sb);
	if (squeeze) html_squeeze(s);
	if (!*s) {
		free(s);
		return NULL;
	}
	return s;
}

static void set_once(char **field, const xmlNode *n)
{
	if (*field) return;
	*field = text_dup(n, true);
}

/* Plain text content as Markdown that shows it as written: the
 * characters Markdown would read as markup are escaped. */
static char *plain_body(const char *s)
{
	struct strbuf sb = STRBUF_INIT;
	for (; *s; s++) {
		if (strchr("\\*_`[]<>#", *s)) strbuf_addc(&sb, '\\');
		strbuf_addc(&sb, *s);
	}
	if (!sb.buf) strbuf_adds(&sb, "");
	return strbuf_steal(&sb);
}

/* Atom <content>/<summary>: type text (default), html (escaped HTML) or
 * xhtml (a <div> of XHTML). */
static char *atom_body(const xmlNode *n)
{
	const char *type = html_attr(n, "type");
	if (type && strcmp(type, "xhtml") == 0) {
		xmlBufferPtr b = xmlBufferCreate();
		for (xmlNode *k = n->children; k; k = k->next) xmlNodeDump(b, n->doc, k, 0, 0);
		char *md = html_markdown_fragment((const char *)xmlBufferContent(b), (size_t)xmlBufferLength(b));
		xmlBufferFree(b);
		return md;
	}
	char *t = text_dup(n, false);
	if (!t) return NULL;
	char *out = type && (strcmp(type, "html") == 0 || strstr(type, "html"))
			    ? html_markdown_fragment(t, strlen(t))
			    : plain_body(html_squeeze(t));
	free(t);
	return out;
}

static char *html_body(const xmlNode *n)
{
	char *t = text_dup(n, false);
	if (!t) return NULL;
	char *md = html_markdown_fragment(t, strlen(t));
	free(t);
	return md;
}

static void add_name(struct strlist *l, char *s)
{
	if (!s) return;
	if (strlist_has(l, s)) free(s);
	else strlist_push_own(l, s);
}

/* One <item> (RSS) or <entry> (Atom). */
static void read_item(struct feed *f, const xmlNode *it)
{
	ARRAY_RESERVE(f->items, f->cap, f->n + 1);
	struct feed_item *e = &f->items[f->n++];
	memset(e, 0, sizeof *e);
	e->line = (int)xmlGetLineNo(it);
	char *encoded = NULL, *content = NULL, *description = NULL;
	for (const xmlNode *k = it->children; k; k = k->next) {
		if (k->type != XML_ELEMENT_NODE) continue;
		const char *nm = (const char *)k->name;
		if (!strcmp(nm, "title")) {
			set_once(&e->title, k);
		} else if (!strcmp(nm, "link")) {
			const char *href = html_attr(k, "href"), *rel = html_attr(k, "rel");
			if (href && (!rel || !strcmp(rel, "alternate"))) {
				if (!e->link) e->link = html_squeeze(xstrdup(href));
			} else if (!href) {
				set_once(&e->link, k);
			}
		} else if (!strcmp(nm, "guid") && !e->link) {
			const char *perma = html_attr(k, "isPermaLink");
			char *g = text_dup(k, true);
			if (g && (!perma || strcmp(perma, "false") != 0) && strstr(g, "://")) e->link = g;
			else free(g);
		} else if (!strcmp(nm, "pubDate") || !strcmp(nm, "published") ||
			   (!strcmp(nm, "date") && in_ns(k, NS_DC))) {
			set_once(&e->date, k);
		} else if (!strcmp(nm, "updated") && !e->date) {
			set_once(&e->date, k);
		} else if (!strcmp(nm, "author") || (!strcmp(nm, "creator") && in_ns(k, NS_DC))) {
			const xmlNode *name = NULL;
			for (const xmlNode *c = k->children; c; c = c->next)
				if (named(c, "name")) name = c;
			char *s = text_dup(name ? name : k, true);
			/* RSS 2.0 writes "mail@example.org (Name)" */
			char *paren = s ? strchr(s, '(') : NULL;
			if (paren && strchr(s, '@') && paren > s) {
				char *close = strrchr(paren, ')');
				if (close) *close = '\0';
				memmove(s, paren + 1, strlen(paren + 1) + 1);
				html_squeeze(s);
			}
			if (s && strchr(s, '@') && !strchr(s, ' ')) free(s), s = NULL; /* a bare address */
			add_name(&e->authors, s);
		} else if (!strcmp(nm, "category") || (!strcmp(nm, "subject") && in_ns(k, NS_DC))) {
			const char *term = html_attr(k, "term");
			add_name(&e->tags, term ? html_squeeze(xstrdup(term)) : text_dup(k, true));
		} else if (!strcmp(nm, "encoded") && in_ns(k, NS_CONTENT)) {
			if (!encoded) encoded = html_body(k);
		} else if (!strcmp(nm, "content") && f->kind == FEED_ATOM) {
			if (!content) content = atom_body(k);
		} else if (!strcmp(nm, "summary") && f->kind == FEED_ATOM) {
			if (!description) description = atom_body(k);
		} else if (!strcmp(nm, "description")) {
			if (!description) description = html_body(k);
		}
	}
	/* the fullest content first: content:encoded, Atom content, then the
	 * description or summary */
	char *pick = encoded && *encoded ? encoded : content && *content ? content : description;
	e->body = pick ? xstrdup(pick) : xstrdup("");
	free(encoded);
	free(content);
	free(description);
}

static void read_items(struct feed *f, const xmlNode *parent, const char *item, size_t *seen)
{
	for (const xmlNode *k = parent->children; k; k = k->next) {
		if (!named(k, item)) continue;
		if (++*seen <= FEED_MAX_ITEMS) read_item(f, k);
	}
}

int feed_read(const char *buf, size_t len, const char *path, struct feed *f, struct diag_list *diags)
{
	memset(f, 0, sizeof *f);
	xmlDocPtr doc = html_parse_xml(buf, len, path, diags);
	if (!doc) return -1;
	const xmlNode *root = xmlDocGetRootElement(doc);
	size_t seen = 0;
	if (named(root, "rss")) {
		f->kind = FEED_RSS2;
		for (const xmlNode *c = root->children; c; c = c->next) {
			if (!named(c, "channel")) continue;
			for (const xmlNode *t = c->children; t; t = t->next)
				if (named(t, "title")) set_once(&f->title, t);
			read_items(f, c, "item", &seen);
		}
	} else if (named(root, "RDF")) {
		f->kind = FEED_RSS1;
		for (const xmlNode *c = root->children; c; c = c->next)
			if (named(c, "channel"))
				for (const xmlNode *t = c->children; t; t = t->next)
					if (named(t, "title")) set_once(&f->title, t);
		read_items(f, root, "item", &seen);
	} else if (named(root, "feed")) {
		f->kind = FEED_ATOM;
		for (const xmlNode *t = root->children; t; t = t->next)
			if (named(t, "title")) set_once(&f->title, t);
		read_items(f, root, "entry", &seen);
	} else {
		diag_add(diags, DIAG_ERROR, path, root ? (int)xmlGetLineNo(root) : 0, 0,
			 "not a feed: the root element is <%s>, not <rss>, <rdf:RDF> or <feed>",
			 root ? (const char *)root->name : "?");
		xmlFreeDoc(doc);
		return -1;
	}
	if (seen > FEED_MAX_ITEMS)
		diag_add(diags, DIAG_WARNING, path, 0, 0, "%zu items; only the first %d are read", seen,
			 FEED_MAX_ITEMS);
	xmlFreeDoc(doc);
	return 0;
}

void feed_free(struct feed *f)
{
	for (size_t i = 0; i < f->n; i++) {
		struct feed_item *e = &f->items[i];
		free(e->title);
		free(e->link);
		free(e->date);
		free(e->body);
		strlist_free(&e->authors);
		strlist_free(&e->tags);
	}
	free(f->items);
	free(f->title);
	memset(f, 0, sizeof *f);
}

/* SPDX-License-Identifier: MIT
 * Main-content extraction (see html_extract.h). Three passes over the
 * DOM, each depth-bounded: count text, links and paragraphs per element
 * and mark page furniture as junk by tag, hidden state and class/id;
 * score containers from the paragraphs they hold (more text and commas,
 * fewer links: more article-like); keep the best container and its
 * article-like siblings. Scores live beside the DOM, reached through
 * node->_private. */
#include "core/import/html_extract.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/base/date.h"
#include "core/text/html_parse.h"
#include "core/base/strbuf.h"
#include "core/base/util.h"

#define DEPTH_MAX 300

struct xctx {
	struct html_extract *x;
};

static struct html_ninfo *info_of(const struct html_extract *x, const xmlNode *n)
{
	uintptr_t i = (uintptr_t)n->_private;
	return i && i <= x->ninfo ? &x->info[i - 1] : NULL;
}

/* Furniture by tag: never article text. */
static bool junk_tag(const xmlNode *n)
{
	static const char *const tags[] = {
		"script", "style", "noscript", "nav", "footer", "aside", "iframe", "svg",
		"button", "select", "input", "textarea", "template", "object", "embed", "canvas",
		"head", "dialog", "menu", "header", "link", "meta", "img", "picture", "video",
		"audio", "map",
	};
	for (size_t i = 0; i < ARRAY_LEN(tags); i++)
		if (strcasecmp((const char *)n->name, tags[i]) == 0) return true;
	return false;
}

static bool hidden(const xmlNode *n)
{
	if (html_attr(n, "hidden")) return true;
	const char *a = html_attr(n, "aria-hidden");
	if (a && strcasecmp(a, "true") == 0) return true;
	const char *s = html_attr(n, "style");
	if (!s) return false;
	char buf[200];
	size_t k = 0;
	for (; *s && k + 1 < sizeof buf; s++)
		if (*s != ' ') buf[k++] = (char)tolower((unsigned char)*s);
	buf[k] = '\0';
	return strstr(buf, "display:none") || strstr(buf, "visibility:hidden");
}

static bool any_in(const char *s, const char *const *words, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strstr(s, words[i])) return true;
	return false;
}

/* class and id, lower-cased, space-joined (at most cap bytes). */
static void class_id(const xmlNode *n, char *out, size_t cap)
{
	size_t k = 0;
	const char *parts[] = {html_attr(n, "class"), html_attr(n, "id")};
	for (size_t p = 0; p < 2; p++) {
		for (const char *s = parts[p]; s && *s && k + 2 < cap; s++)
			out[k++] = (char)tolower((unsigned char)*s);
		if (k + 1 < cap) out[k++] = ' ';
	}
	out[k] = '\0';
}

static const char *const strong_neg[] = {
	"comment", "disqus", "share", "sharing", "social", "related", "recommend",
	"cookie", "consent", "gdpr", "newsletter", "subscribe", "signup", "sign-up",
	"promo", "sponsor", "advert", "outbrain", "taboola", "popup", "modal", "popular",
	"trending", "more-stories", "breadcrumb", "byline", "author", "sr-only",
	"visually-hidden", "screen-reader", "print-only", "toolbar", "tags", "paywall",
	"read-more", "readmore", "login", "timestamp", "dateline", "published", "caption-credit",
};
static const char *const weak_neg[] = {
	"sidebar", "footer", "nav", "menu", "widget", "banner", "masthead", "header",
	"meta", "aside", "rail", "utility", "skip", "hidden", "teaser", "card", "date",
};
static const char *const positive[] = {
	"article", "content", "entry", "post", "story", "main", "body", "text", "blog",
	"prose", "paragraph", "hentry",
};

/* An ad box: a class token "ad", "ads", "ad-…", "ads-…", "…-ad". */
static bool ad_token(const char *s)
{
	while (*s) {
		while (*s == ' ') s++;
		const char *e = s;
		while (*e && *e != ' ') e++;
		size_t n = (size_t)(e - s);
		if ((n == 2 && memcmp(s, "ad", 2) == 0) || (n == 3 && memcmp(s, "ads", 3) == 0) ||
		    (n > 3 && (memcmp(s, "ad-", 3) == 0 || memcmp(s, "ad_", 3) == 0)) ||
		    (n > 4 && memcmp(s, "ads-", 4) == 0) || (n > 3 && memcmp(e - 3, "-ad", 3) == 0))
			return true;
		s = e;
	}
	return false;
}

/* +25 for article-like class/id, -25 for furniture-like (readability's
 * rule), and whether the class alone makes the element junk. */
static int class_weight(const xmlNode *n, bool *junk)
{
	char ci[256];
	class_id(n, ci, sizeof ci);
	*junk = false;
	if (ci[0] == ' ' && ci[1] == '\0') return 0;
	bool pos = any_in(ci, positive, ARRAY_LEN(positive));
	bool strong = any_in(ci, strong_neg, ARRAY_LEN(strong_neg)) || ad_token(ci);
	bool weak = any_in(ci, weak_neg, ARRAY_LEN(weak_neg));
	/* the page's own containers are never dropped for a class name */
	bool top = html_is(n, "body") || html_is(n, "html") || html_is(n, "main") || html_is(n, "article");
	if (!top) *junk = strong || (weak && !pos);
	return (pos ? 25 : 0) - (strong || weak ? 25 : 0);
}

static bool comments(const xmlNode *n)
{
	char ci[256];
	class_id(n, ci, sizeof ci);
	return strstr(ci, "comment") || strstr(ci, "disqus") || strstr(ci, "repl");
}

static float density(const struct html_ninfo *ni)
{
	return ni->text ? (float)ni->link / (float)ni->text : 0;
}

static bool visible_byte(unsigned char c)
{
	return c > ' ' && (c & 0xC0) != 0x80;
}

/* Pass 1: counts, junk, byline and date, bottom-up. */
static void count(struct xctx *c, xmlNode *n, int depth, bool in_link, bool in_junk)
{
	struct html_extract *x = c->x;
	for (; n; n = n->next) {
		if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) continue;
		if (n->type != XML_ELEMENT_NODE) continue;
		ARRAY_RESERVE(x->info, x->info_cap, x->ninfo + 1);
		struct html_ninfo *ni = &x->info[x->ninfo++];
		memset(ni, 0, sizeof *ni);
		n->_private = (void *)(uintptr_t)x->ninfo;
		size_t me = x->ninfo;
		bool cj = false;
		if (!x->no_class_junk) class_weight(n, &cj);
		/* a form is furniture, unless the whole page sits in one (ASP.NET) */
		bool form = html_is(n, "form");
		if (form) cj = true;
		bool junk = junk_tag(n) || hidden(n);
		bool link = in_link || html_is(n, "a");
		if (depth < DEPTH_MAX) count(c, n->children, depth + 1, link, in_junk || junk);
		ni = &x->info[me - 1]; /* the array may have moved */
		ni->junk = junk || depth >= DEPTH_MAX;
		bool cj_late = cj;
		for (xmlNode *k = n->children; k; k = k->next) {
			if (k->type == XML_TEXT_NODE || k->type == XML_CDATA_SECTION_NODE) {
				for (const unsigned char *s = k->content; s && *s; s++) {
					if (!visible_byte(*s)) continue;
					ni->text++;
					if (link) ni->link++;
					if (*s == ',') ni->commas++;
				}
			} else if (k->type == XML_ELEMENT_NODE) {
				const struct html_ninfo *ki = info_of(x, k);
				if (!ki || ki->junk) continue;
				ni->text += ki->text;
				ni->link += ki->link;
				ni->commas += ki->commas;
				ni->paras += ki->paras;
			}
		}
		if (html_is(n, "p") && ni->text > 0) ni->paras++;
		/* a class name alone does not drop a box of running text, unless
		 * it says comments */
		if (cj_late && (ni->paras < (form ? 3u : 5u) || density(ni) > 0.2f || comments(n))) ni->junk = true;
		/* the byline and date the page shows, before they are dropped */
		if (!in_junk && !x->byline && ni->text >= 3 && ni->text <= 100) {
			const char *rel = html_attr(n, "rel"), *ip = html_attr(n, "itemprop");
			char ci[256];
			class_id(n, ci, sizeof ci);
			if (strstr(ci, "byline") || strstr(ci, "author") || (rel && strcmp(rel, "author") == 0) ||
			    (ip && strcmp(ip, "author") == 0)) {
				struct strbuf sb = STRBUF_INIT;
				html_text_collapse(n, &sb);
				x->byline = strbuf_steal(&sb);
			}
		}
		if (!in_junk && !x->dateline && html_is(n, "time")) {
			const char *dt = html_attr(n, "datetime");
			struct strbuf sb = STRBUF_INIT;
			if (dt && *dt) strbuf_adds(&sb, dt);
			else html_text_collapse(n, &sb);
			x->dateline = strbuf_steal(&sb);
		}
	}
}

/* Readability's base score by tag. */
static float tag_base(const xmlNode *n)
{
	const char *t = (const char *)n->name;
	if (!strcasecmp(t, "div") || !strcasecmp(t, "article") || !strcasecmp(t, "section") ||
	    !strcasecmp(t, "main"))
		return 5;
	if (!strcasecmp(t, "pre") || !strcasecmp(t, "td") || !strcasecmp(t, "blockquote")) return 3;
	if (!strcasecmp(t, "address") || !strcasecmp(t, "ol") || !strcasecmp(t, "ul") ||
	    !strcasecmp(t, "dl") || !strcasecmp(t, "dd") || !strcasecmp(t, "dt") || !strcasecmp(t, "li"))
		return -3;
	if ((t[0] == 'h' || t[0] == 'H') && t[1] >= '1' && t[1] <= '6' && !t[2]) return -5;
	if (!strcasecmp(t, "th")) return -5;
	return 0;
}

static bool is_block(const xmlNode *n)
{
	static const char *const blocks[] = {
		"p", "div", "section", "article", "table", "ul", "ol", "dl", "pre", "blockquote",
		"h1", "h2", "h3", "h4", "h5", "h6", "figure", "main", "form", "header", "footer",
	};
	for (size_t i = 0; i < ARRAY_LEN(blocks); i++)
		if (html_is(n, blocks[i])) return true;
	return false;
}

/* A paragraph for scoring: <p>, <pre>, <td>, or a div/section that holds
 * text but no block of its own (the "div used as a paragraph"). */
static bool para_like(const xmlNode *n)
{
	if (html_is(n, "p") || html_is(n, "pre") || html_is(n, "td")) return true;
	if (!html_is(n, "div") && !html_is(n, "section")) return false;
	for (const xmlNode *k = n->children; k; k = k->next)
		if (k->type == XML_ELEMENT_NODE && is_block(k)) return false;
	return true;
}

static void add_score(struct html_extract *x, xmlNode *a, float s)
{
	struct html_ninfo *ai = info_of(x, a);
	if (!ai || ai->junk) return;
	if (!ai->scored) {
		bool j;
		ai->scored = true;
		ai->score = tag_base(a) + (float)class_weight(a, &j);
	}
	ai->score += s;
}

/* Pass 2: each paragraph gives its score to its container, half to the
 * next one up, less further up. */
static void score(struct html_extract *x, xmlNode *n, int depth)
{
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE) continue;
		const struct html_ninfo *ni = info_of(x, n);
		if (!ni || ni->junk) continue;
		if (para_like(n) && ni->text >= 25) {
			float s = 1.0f + (float)ni->commas + (ni->text / 100 < 3 ? (float)(ni->text / 100) : 3.0f);
			xmlNode *a = n->parent;
			for (int lv = 0; lv < 4 && a && a->type == XML_ELEMENT_NODE; lv++, a = a->parent)
				add_score(x, a, lv == 0 ? s : lv == 1 ? s / 2 : s / (float)(lv * 3));
		}
		if (depth < DEPTH_MAX) score(x, n->children, depth + 1);
	}
}

static void best(struct html_extract *x, xmlNode *n, int depth, xmlNode **top, float *ts)
{
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE) continue;
		struct html_ninfo *ni = info_of(x, n);
		if (!ni || ni->junk) continue;
		if (ni->scored) {
			ni->score *= 1.0f - density(ni);
			if (ni->score > *ts) *ts = ni->score, *top = n;
		}
		if (depth < DEPTH_MAX) best(x, n->children, depth + 1, top, ts);
	}
}

bool html_extract_is_byline(const char *s)
{
	static const char *const by[] = {"By ", "BY ", "by ", "Von ", "Par ", "Por "};
	for (size_t i = 0; i < ARRAY_LEN(by); i++) {
		size_t k = strlen(by[i]);
		if (strncmp(s, by[i], k) == 0 && (isupper((unsigned char)s[k]) || (unsigned char)s[k] >= 0xC3))
			return true;
	}
	return false;
}

static void push_root(struct html_extract *x, const xmlNode *n, size_t *cap)
{
	ARRAY_RESERVE(x->roots, *cap, x->nroots + 1);
	x->roots[x->nroots++] = n;
}

static bool same_class(const xmlNode *a, const xmlNode *b)
{
	const char *ca = html_attr(a, "class"), *cb = html_attr(b, "class");
	return ca && cb && *ca && strcmp(ca, cb) == 0;
}

/* Pass 3: the top container and its siblings that look like more of it
 * (readability's sibling rule). */
static void gather(struct html_extract *x, xmlNode *top, float ts)
{
	size_t cap = 0;
	xmlNode *parent = top->parent;
	if (!parent || parent->type != XML_ELEMENT_NODE || html_is(top, "body")) {
		push_root(x, top, &cap);
		return;
	}
	float threshold = ts * 0.2f > 10 ? ts * 0.2f : 10;
	for (xmlNode *s = parent->children; s; s = s->next) {
		if (s->type != XML_ELEMENT_NODE) continue;
		const struct html_ninfo *si = info_of(x, s);
		if (!si || si->junk) continue;
		bool keep = s == top;
		float bonus = same_class(s, top) ? ts * 0.2f : 0;
		if (!keep && si->scored && si->score + bonus >= threshold) keep = true;
		if (!keep && html_is(s, "p")) {
			float d = density(si);
			if (si->text > 80 && d < 0.25f) keep = true;
			else if (si->text > 0 && si->text <= 80 && d == 0) {
				struct strbuf sb = STRBUF_INIT;
				html_text_collapse(s, &sb);
				keep = strstr(strbuf_str(&sb), ". ") || (sb.len && sb.buf[sb.len - 1] == '.');
				strbuf_free(&sb);
			}
		}
		if (keep) push_root(x, s, &cap);
	}
}

static xmlNode *find_body(xmlNode *n, int depth)
{
	for (; n && depth < 4; n = n->next) {
		if (html_is(n, "body")) return n;
		if (n->type == XML_ELEMENT_NODE) {
			xmlNode *b = find_body(n->children, depth + 1);
			if (b) return b;
		}
	}
	return NULL;
}

/* One extraction; returns the visible characters kept. */
static size_t run_once(xmlDocPtr doc, struct html_extract *x)
{
	xmlNode *root = xmlDocGetRootElement(doc);
	struct xctx c = {.x = x};
	count(&c, root, 0, false, false);
	xmlNode *body = find_body(root, 0);
	if (!body) body = root;
	score(x, body, 0);
	xmlNode *top = NULL;
	float ts = 0;
	best(x, body, 0, &top, &ts);
	if (!top) top = body;
	/* climb while the container above holds clearly more article text
	 * than this one (the article is split over several blocks) */
	for (int i = 0; i < 3 && top != body && top->parent && top->parent->type == XML_ELEMENT_NODE; i++) {
		const struct html_ninfo *ti = info_of(x, top), *pi = info_of(x, top->parent);
		if (!ti || !pi || pi->junk || pi->paras < ti->paras + 3 || density(pi) > 0.3f ||
		    pi->text > ti->text * 2)
			break;
		top = top->parent;
	}
	gather(x, top, ts);
	size_t kept = 0;
	for (size_t i = 0; i < x->nroots; i++) kept += info_of(x, x->roots[i])->text;
	return kept;
}

void html_extract_run(xmlDocPtr doc, const char *title, struct html_extract *x)
{
	memset(x, 0, sizeof *x);
	x->title = title;
	if (!xmlDocGetRootElement(doc)) return;
	if (run_once(doc, x) >= 400) return;
	/* too little: class names misled us (readability's retry) */
	html_extract_free(x);
	x->title = title;
	x->no_class_junk = true;
	run_once(doc, x);
}

void html_extract_whole(xmlDocPtr doc, struct html_extract *x)
{
	memset(x, 0, sizeof *x);
	xmlNode *root = xmlDocGetRootElement(doc);
	if (!root) return;
	struct xctx c = {.x = x};
	count(&c, root, 0, false, false);
	xmlNode *body = find_body(root, 0);
	size_t cap = 0;
	push_root(x, body ? body : root, &cap);
	x->whole = true;
}

static bool heading(const xmlNode *n)
{
	const char *t = (const char *)n->name;
	return (t[0] == 'h' || t[0] == 'H') && t[1] >= '1' && t[1] <= '6' && !t[2];
}

/* Readability's conditional clean, simplified: containers that are mostly
 * links, or smaller than a sentence with no heading, are not article text. */
bool html_extract_keep(const struct html_extract *x, const xmlNode *n)
{
	if (n->type != XML_ELEMENT_NODE) return true;
	const struct html_ninfo *ni = info_of(x, n);
	if (!ni) return false;
	if (ni->junk) return false;
	if (x->whole) return true;
	for (size_t i = 0; i < x->nroots; i++)
		if (x->roots[i] == n) return true;
	float d = density(ni);
	if (html_is(n, "p")) return !(ni->text < 200 && d > 0.6f);
	if (heading(n) || html_is(n, "figcaption") || html_is(n, "blockquote") || html_is(n, "pre"))
		return d < 0.8f;
	bool list = html_is(n, "ul") || html_is(n, "ol");
	bool box = list || html_is(n, "div") || html_is(n, "section") || html_is(n, "table") ||
		   html_is(n, "figure") || html_is(n, "span");
	if (!box || ni->commas >= 10) return true;
	bool j;
	int w = class_weight(n, &j);
	if (w < 0 && ni->paras == 0 && !x->no_class_junk) return false;
	if ((w < 25 && d > 0.35f && ni->paras < 2) || d > 0.6f) return false;
	if (list && ni->paras == 0 && d > 0.2f) return false;
	return true;
}

void html_extract_free(struct html_extract *x)
{
	free(x->roots);
	free(x->byline);
	free(x->dateline);
	free(x->info);
	memset(x, 0, sizeof *x);
}


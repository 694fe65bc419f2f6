/* SPDX-License-Identifier: MIT
 * Page metadata (see html_meta.h). The keys keep the page's own names so
 * the configuration decides what feeds which field; only JSON-LD names
 * are folded to lower case like every front-matter key. */
#include "core/meta/html_meta.h"

#include <stdlib.h>
#include <string.h>

#include "core/text/html_parse.h"
#include "core/base/json_read.h"
#include "core/base/util.h"

#define WALK_DEPTH 40
#define JSONLD_MAX (1u << 20)

void html_meta_add(struct html_meta *m, const char *key, const char *val)
{
	if (!val) return;
	char *v = html_squeeze(xstrdup(val));
	if (!*v || strlen(v) > 4096) {
		free(v);
		return;
	}
	for (size_t i = 0; i < m->n; i++) {
		if (strcmp(m->v[i].key, key) != 0) continue;
		if (strlist_has(&m->v[i].vals, v) || m->v[i].vals.n >= 64) free(v);
		else strlist_push_own(&m->v[i].vals, v);
		return;
	}
	ARRAY_RESERVE(m->v, m->cap, m->n + 1);
	struct html_meta_pair *p = &m->v[m->n++];
	memset(p, 0, sizeof *p);
	p->key = xstrdup(key);
	strlist_push_own(&p->vals, v);
}

const char *html_meta_get(const struct html_meta *m, const char *key)
{
	for (size_t i = 0; i < m->n; i++)
		if (strcmp(m->v[i].key, key) == 0) return m->v[i].vals.v[0];
	return NULL;
}

/* Comma-separated keywords become separate values. */
static void add_split(struct html_meta *m, const char *key, const char *val)
{
	char *s = xstrdup(val);
	for (char *save = NULL, *t = strtok_r(s, ",;", &save); t; t = strtok_r(NULL, ",;", &save))
		html_meta_add(m, key, t);
	free(s);
}

static bool is_url(const char *s)
{
	return strstr(s, "://") != NULL;
}

/* An author or publisher: a string, an object with a name, or a list. */
static void ld_names(struct html_meta *m, const char *key, const struct jval *v, int depth)
{
	if (!v || depth > 4) return;
	if (v->type == JSTR && !is_url(v->str)) html_meta_add(m, key, v->str);
	else if (v->type == JOBJ) ld_names(m, key, json_get(v, "name"), depth + 1);
	else if (v->type == JARR)
		for (size_t i = 0; i < v->n; i++) ld_names(m, key, &v->kids[i], depth + 1);
}

static bool ld_article_type(const struct jval *t)
{
	if (!t) return false;
	if (t->type == JARR) {
		for (size_t i = 0; i < t->n; i++)
			if (ld_article_type(&t->kids[i])) return true;
		return false;
	}
	if (t->type != JSTR) return false;
	size_t n = strlen(t->str);
	return (n >= 7 && strcmp(t->str + n - 7, "Article") == 0) || strcmp(t->str, "BlogPosting") == 0 ||
	       strcmp(t->str, "Report") == 0;
}

static void ld_scalar(struct html_meta *m, const char *key, const struct jval *v)
{
	if (v && (v->type == JSTR || v->type == JNUM)) html_meta_add(m, key, v->str);
}

/* JSON-LD: an article object, a list of them, or a @graph holding one. */
static void ld_walk(struct html_meta *m, const struct jval *v, int depth)
{
	if (!v || depth > 4) return;
	if (v->type == JARR) {
		for (size_t i = 0; i < v->n; i++) ld_walk(m, &v->kids[i], depth + 1);
		return;
	}
	if (v->type != JOBJ) return;
	ld_walk(m, json_get(v, "@graph"), depth + 1);
	if (!ld_article_type(json_get(v, "@type"))) return;
	ld_scalar(m, "headline", json_get(v, "headline"));
	ld_scalar(m, "datepublished", json_get(v, "datePublished"));
	ld_names(m, "author", json_get(v, "author"), 0);
	ld_names(m, "publisher.name", json_get(v, "publisher"), 0);
	ld_scalar(m, "url", json_get(v, "url"));
	ld_scalar(m, "description", json_get(v, "description"));
	const struct jval *kw = json_get(v, "keywords");
	if (kw && kw->type == JSTR) add_split(m, "keywords", kw->str);
	else if (kw && kw->type == JARR)
		for (size_t i = 0; i < kw->n; i++)
			if (kw->kids[i].type == JSTR) html_meta_add(m, "keywords", kw->kids[i].str);
}

/* <meta name=…> names read, and the key each is stored under. */
static const char *meta_key(const char *name)
{
	static const char *const map[][2] = {
		{"author", "author"}, {"description", "description"}, {"keywords", "keywords"},
		{"og:title", "og:title"}, {"og:site_name", "og:site_name"}, {"og:url", "og:url"},
		{"og:description", "og:description"}, {"twitter:title", "twitter:title"},
		{"article:published_time", "article:published_time"},
		{"article:author", "article:author"}, {"article:tag", "article:tag"},
		{"date", "pubdate"}, {"pubdate", "pubdate"}, {"publish-date", "pubdate"},
		{"dc.date", "pubdate"}, {"dcterms.date", "pubdate"}, {"dc.creator", "author"},
		{"byl", "byline"}, {"parsely-pub-date", "pubdate"}, {"sailthru.date", "pubdate"},
	};
	for (size_t i = 0; i < ARRAY_LEN(map); i++)
		if (strcasecmp(name, map[i][0]) == 0) return map[i][1];
	return NULL;
}

static void walk(struct html_meta *m, const xmlNode *n, int depth)
{
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE) continue;
		if (html_is(n, "title") && !html_meta_get(m, "html-title")) {
			struct strbuf sb = STRBUF_INIT;
			html_text_collapse(n, &sb);
			html_meta_add(m, "html-title", strbuf_str(&sb));
			strbuf_free(&sb);
		} else if (html_is(n, "meta")) {
			const char *name = html_attr(n, "property");
			if (!name || !meta_key(name)) name = html_attr(n, "name");
			if (!name) name = html_attr(n, "itemprop");
			const char *content = html_attr(n, "content");
			const char *key = name ? meta_key(name) : NULL;
			if (name && strcmp(name, "datePublished") == 0) key = "datepublished";
			if (key && content) {
				if (strcmp(key, "keywords") == 0 || strcmp(key, "article:tag") == 0)
					add_split(m, key, content);
				else if (strcmp(key, "article:author") != 0 || !is_url(content))
					html_meta_add(m, key, content);
			}
		} else if (html_is(n, "link")) {
			const char *rel = html_attr(n, "rel"), *href = html_attr(n, "href");
			if (rel && href && strcasecmp(rel, "canonical") == 0) html_meta_add(m, "canonical", href);
		} else if (html_is(n, "script")) {
			const char *type = html_attr(n, "type");
			if (type && strcasecmp(type, "application/ld+json") == 0 && n->children &&
			    n->children->content) {
				const char *s = (const char *)n->children->content;
				size_t len = strlen(s);
				struct jval *v = len <= JSONLD_MAX ? json_read(s, len) : NULL;
				ld_walk(m, v, 0);
				json_val_free(v);
			}
		}
		if (depth < WALK_DEPTH) walk(m, n->children, depth + 1);
	}
}

void html_meta_read(xmlDocPtr doc, struct html_meta *m)
{
	walk(m, xmlDocGetRootElement(doc), 0);
}

static void yaml_quote(struct strbuf *sb, const char *s)
{
	strbuf_addc(sb, '"');
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\') strbuf_addc(sb, '\\'), strbuf_addc(sb, (char)c);
		else if (c < 0x20 || c == 0x7F) strbuf_addc(sb, ' ');
		else strbuf_addc(sb, (char)c);
	}
	strbuf_addc(sb, '"');
}

static bool field_set(const struct article *a, enum field f)
{
	switch (f) {
	case FIELD_TITLE: return a->title != NULL;
	case FIELD_DATE: return a->date != 0;
	case FIELD_SOURCE: return a->source != NULL;
	case FIELD_URL: return a->url != NULL;
	case FIELD_AUTHORS: return a->authors.n > 0;
	case FIELD_TAGS: return a->tags.n > 0;
	case FIELD_SUMMARY: return a->summary != NULL;
	case FIELD_LANG: return a->lang != NULL;
	default: return false;
	}
}

void html_meta_yaml(const struct html_meta *m, const struct fieldmap *fm,
		    const struct article *a, struct strbuf *yaml)
{
	/* in the map's order, so the first choice comes first for every field */
	for (int f = 0; f < FIELD_COUNT; f++) {
		if (field_set(a, (enum field)f)) continue; /* a sidecar said */
		for (size_t k = 0; k < fm->keys[f].n; k++) {
			const struct html_meta_pair *p = NULL;
			for (size_t i = 0; i < m->n && !p; i++)
				if (strcmp(m->v[i].key, fm->keys[f].v[k]) == 0) p = &m->v[i];
			if (!p) continue;
			yaml_quote(yaml, p->key);
			strbuf_adds(yaml, ": ");
			if (f == FIELD_AUTHORS || f == FIELD_TAGS) {
				strbuf_addc(yaml, '[');
				for (size_t j = 0; j < p->vals.n; j++) {
					if (j) strbuf_adds(yaml, ", ");
					yaml_quote(yaml, p->vals.v[j]);
				}
				strbuf_addc(yaml, ']');
			} else {
				yaml_quote(yaml, p->vals.v[0]);
			}
			strbuf_addc(yaml, '\n');
		}
	}
}

void html_meta_free(struct html_meta *m)
{
	for (size_t i = 0; i < m->n; i++) {
		free(m->v[i].key);
		strlist_free(&m->v[i].vals);
	}
	free(m->v);
	memset(m, 0, sizeof *m);
}

/* SPDX-License-Identifier: MIT
 * The front-matter key -> article field map, with the brief's defaults. */
#include "core/meta/fieldmap.h"

#include <string.h>

#include "core/base/util.h"

static const char *const names[FIELD_COUNT] = {
#define FIELD_NAME(id, name) name,
	FIELD_INFO(FIELD_NAME)
#undef FIELD_NAME
};

const char *field_name(enum field f)
{
	return f >= 0 && f < FIELD_COUNT ? names[f] : "?";
}

void fieldmap_init_default(struct fieldmap *fm)
{
	/* after the front-matter names, the names web pages use (html_meta):
	 * JSON-LD, OpenGraph, <meta>, then what the page only shows; a dotted
	 * name is an entry of a mapping (Zola's [taxonomies] table) */
	static const char *const defaults[FIELD_COUNT][8] = {
		[FIELD_TITLE] = {"title", "headline", "og:title", "twitter:title", "html-title"},
		[FIELD_DATE] = {"date", "published", "datepublished", "article:published_time", "pubdate",
				"dateline"},
		[FIELD_SOURCE] = {"source", "site", "og:site_name", "publisher.name"},
		[FIELD_URL] = {"url", "link", "source_url", "canonical", "og:url"},
		[FIELD_AUTHORS] = {"authors", "author", "article:author", "byline"},
		[FIELD_TAGS] = {"tags", "categories", "category", "keywords", "topics", "article:tag",
				"taxonomies.tags", "taxonomies.categories"},
		[FIELD_SUMMARY] = {"summary", "description", "excerpt", "og:description"},
		[FIELD_LANG] = {"lang", "language"},
	};
	memset(fm, 0, sizeof *fm);
	for (int f = 0; f < FIELD_COUNT; f++)
		for (int k = 0; k < 8 && defaults[f][k]; k++) strlist_push(&fm->keys[f], defaults[f][k]);
}

int fieldmap_set(struct fieldmap *fm, const char *field, const char *const *keys, size_t n)
{
	for (int f = 0; f < FIELD_COUNT; f++) {
		if (strcmp(names[f], field) != 0) continue;
		strlist_free(&fm->keys[f]);
		for (size_t i = 0; i < n; i++) strlist_push(&fm->keys[f], keys[i]);
		return 0;
	}
	return -1;
}

enum field fieldmap_lookup(const struct fieldmap *fm, const char *key, int *rank)
{
	/* the first byte first: most keys differ there (a lookup per key of
	 * every front matter loaded) */
	for (int f = 0; f < FIELD_COUNT; f++)
		for (size_t k = 0; k < fm->keys[f].n; k++)
			if (fm->keys[f].v[k][0] == key[0] && strcmp(fm->keys[f].v[k], key) == 0) {
				if (rank) *rank = (int)k;
				return (enum field)f;
			}
	return FIELD_NONE;
}

void fieldmap_free(struct fieldmap *fm)
{
	for (int f = 0; f < FIELD_COUNT; f++) strlist_free(&fm->keys[f]);
}

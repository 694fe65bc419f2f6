/* SPDX-License-Identifier: MIT
 * Tag postings and IDF weights; see tags.h. A string map (core/base/map)
 * finds entries by name; entries end sorted by name. */
#include "core/collection/tags.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/base/strbuf.h"
#include "core/text/utf8.h"
#include "core/base/util.h"

char *tag_normalize(const char *s, size_t len)
{
	size_t flen;
	char *f = utf8_fold(s, len, &flen);
	/* rewritten in place: a '-' is written only for blanks read before
	 * it, so the write position never passes the read position */
	size_t n = 0;
	size_t seg_start = 0; /* where the current path segment starts */
	bool pending_space = false;
	for (size_t i = 0; i < flen; i++) {
		char c = f[i];
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '-') {
			/* runs of blanks (and dashes around them) become one '-' */
			if (n > seg_start) pending_space = true;
			continue;
		}
		if (c == '/') {
			pending_space = false;
			if (n > seg_start) {
				f[n++] = '/';
				seg_start = n;
			}
			continue;
		}
		if (pending_space) f[n++] = '-';
		pending_space = false;
		f[n++] = c;
	}
	if (n && f[n - 1] == '/') n--;
	f[n] = '\0';
	if (n == 0) {
		free(f);
		return NULL;
	}
	return f;
}

static struct tag_entry *entry_get(struct tagindex *ti, const char *name, size_t n, size_t *cap)
{
	size_t e;
	if (map_get_n(&ti->names, name, n, &e)) return &ti->tags[e];
	ARRAY_RESERVE(ti->tags, *cap, ti->n + 1);
	struct tag_entry *t = &ti->tags[ti->n];
	memset(t, 0, sizeof *t);
	t->name = xstrndup(name, n);
	map_put(&ti->names, t->name, ti->n++);
	return t;
}

/* Post art to tag and to each parent ("a/b/c" -> "a/b", "a"). Articles
 * come in ascending order, so a repeat is always the last posting. */
static void post(struct tagindex *ti, const char *tag, uint32_t art, size_t *cap)
{
	size_t n = strlen(tag);
	bool exact = true;
	for (;;) {
		struct tag_entry *e = entry_get(ti, tag, n, cap);
		if (!(e->n && e->arts[e->n - 1] == art)) {
			ARRAY_RESERVE(e->arts, e->cap, e->n + 1);
			e->arts[e->n++] = art;
		}
		if (exact && !(e->nholders && e->holders[e->nholders - 1] == art)) {
			ARRAY_RESERVE(e->holders, e->holders_cap, e->nholders + 1);
			e->holders[e->nholders++] = art;
		}
		exact = false;
		while (n > 0 && tag[n - 1] != '/') n--;
		if (n == 0) return;
		n--; /* drop the '/' */
	}
}

static int entry_cmp(const void *a, const void *b)
{
	return strcmp(((const struct tag_entry *)a)->name, ((const struct tag_entry *)b)->name);
}

void tagindex_build(struct tagindex *ti, const struct collection *c)
{
	memset(ti, 0, sizeof *ti);
	size_t cap = 0;
	ti->narticles = c->n;
	for (size_t i = 0; i < c->n; i++) {
		const struct article *a = &c->items[i];
		for (size_t t = 0; t < a->tags.n; t++) post(ti, a->tags.v[t], (uint32_t)i, &cap);
		for (size_t t = 0; t < a->derived.n; t++) post(ti, a->derived.v[t], (uint32_t)i, &cap);
	}
	if (ti->n > 1) qsort(ti->tags, ti->n, sizeof *ti->tags, entry_cmp);
	map_clear(&ti->names); /* the entries moved */
	for (size_t e = 0; e < ti->n; e++) map_put(&ti->names, ti->tags[e].name, e);
	for (size_t e = 0; e < ti->n; e++) {
		ti->tags[e].weight = log((double)c->n / (double)ti->tags[e].n);
		tagindex_share_holders(&ti->tags[e]);
	}
}

void tagindex_share_holders(struct tag_entry *e)
{
	if (e->holders == e->arts || e->nholders != e->n ||
	    (e->n && memcmp(e->holders, e->arts, e->n * sizeof *e->arts) != 0))
		return;
	free(e->holders);
	e->holders = e->arts;
	e->holders_cap = 0;
}

long tagindex_find(const struct tagindex *ti, const char *name)
{
	size_t e;
	return map_get(&ti->names, name, &e) ? (long)e : -1;
}

const struct tag_entry *tagindex_get(const struct tagindex *ti, const char *name)
{
	long r = tagindex_find(ti, name);
	return r >= 0 ? &ti->tags[r] : NULL;
}

void tagindex_free(struct tagindex *ti)
{
	for (size_t e = 0; e < ti->n; e++) {
		free(ti->tags[e].name);
		if (ti->tags[e].holders != ti->tags[e].arts) free(ti->tags[e].holders);
		free(ti->tags[e].arts);
	}
	free(ti->tags);
	map_free(&ti->names);
	memset(ti, 0, sizeof *ti);
}

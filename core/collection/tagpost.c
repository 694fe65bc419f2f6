/* SPDX-License-Identifier: MIT
 * The tag index of a snapshot taken from the cache's lean index instead of
 * posting every article's tags again (tags.h: tagindex_from_lean). Why: at
 * 1,000,000 articles the postings cost ~185 ms of a warm start; the index
 * saved with the cache holds them already, sorted and checked. */
#include "core/collection/tags.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/base/util.h"
#include "core/meta/article_load.h"
#include "core/meta/metacache.h"
#include "core/meta/metaindex.h"

/* Article art of mx is article art of c: read from the record c's article
 * of that number came from (its path's stem is the id). */
static bool same_article(const struct collection *c, const struct metaindex *mx,
			 const struct metacache *mc, size_t art)
{
	size_t rec = metaindex_record_no(mx, art), stem = 0;
	if (rec >= metacache_count(mc)) return false;
	const char *rel = metacache_rel(mc, rec), *id = c->items[art].id;
	return article_load_is_article(rel, &stem) && strlen(id) == stem &&
	       strncmp(rel, id, stem) == 0;
}

/* n article numbers of a list of mx, strictly ascending (as tags.c posts
 * them), into an owned array; NULL when they are not. */
static uint32_t *postings(const struct metaindex *mx, size_t t, size_t n, bool holders)
{
	uint32_t *v = xcalloc(n ? n : 1, sizeof *v);
	for (size_t k = 0; k < n; k++) {
		v[k] = (uint32_t)(holders ? metaindex_tag_holder(mx, t, k) : metaindex_tag_art(mx, t, k));
		if (k && v[k] <= v[k - 1]) {
			free(v);
			return NULL;
		}
	}
	return v;
}

/* Are tag t's holders in mx its articles, arts[0..n) (then they are
 * shared, not copied: tags.h)? */
static bool same_holders(const struct metaindex *mx, size_t t, const uint32_t *arts, size_t n,
			 size_t nh)
{
	if (!arts || nh != n) return false;
	for (size_t k = 0; k < n; k++)
		if (metaindex_tag_holder(mx, t, k) != arts[k]) return false;
	return true;
}

bool tagindex_from_lean(struct tagindex *ti, const struct collection *c,
			const struct metaindex *mx, const struct metacache *mc)
{
	memset(ti, 0, sizeof *ti);
	if (!mx || !mc || metaindex_count(mx) != c->n) return false;
	for (size_t i = 0; i < c->n; i++)
		if (!same_article(c, mx, mc, i)) return false;
	size_t nt = metaindex_ntags(mx);
	ti->tags = xcalloc(nt ? nt : 1, sizeof *ti->tags);
	ti->narticles = c->n;
	for (size_t t = 0; t < nt; t++) {
		size_t len, n = metaindex_tag_count(mx, t), nh = metaindex_tag_nholders(mx, t);
		const char *name = metaindex_tag_name(mx, t, &len);
		struct tag_entry *e = &ti->tags[ti->n++];
		e->name = xstrndup(name, len);
		e->arts = postings(mx, t, n, false);
		e->holders = same_holders(mx, t, e->arts, n, nh) ? e->arts : postings(mx, t, nh, true);
		e->n = e->cap = n;
		e->nholders = nh;
		e->holders_cap = e->holders == e->arts ? 0 : nh;
		/* a name holding a NUL, an empty list, a bad order: posted again */
		if (!len || memchr(name, '\0', len) || !n || !e->arts || !e->holders) {
			tagindex_free(ti);
			return false;
		}
		e->weight = log((double)c->n / (double)n);
		map_put(&ti->names, e->name, t);
	}
	return true;
}

/* SPDX-License-Identifier: MIT
 * A warm start's first list from the lean index (firstlist.h): the date
 * column puts every article in the reader's first order without decoding
 * one, then only the articles shown first are read from their records. */
#include "core/collection/firstlist.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/base/util.h"
#include "core/collection/order.h"
#include "core/meta/metaindex.h"

/* Article numbers newest first, ties by number (the collection's id
 * order), as collection_order's ORDER_DATE (order_radix over the date
 * keys: stable). Owned, n entries. */
static size_t *date_order(const struct metaindex *mx, size_t n)
{
	uint32_t *key = xcalloc(n + 1, sizeof *key);
	size_t *order = xcalloc(n + 1, sizeof *order);
	for (size_t i = 0; i < n; i++) {
		order[i] = i;
		key[i] = order_date_key(metaindex_date(mx, i));
	}
	order_radix(order, n, key);
	free(key);
	return order;
}

/* The number of the article called id (ids ascend with the numbers), or
 * SIZE_MAX: a binary search reading one record's path a step. */
static size_t find_id(const struct metaindex *mx, const char *id)
{
	size_t lo = 0, hi = metaindex_count(mx);
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		char *at = metaindex_id(mx, mid);
		if (!at) return SIZE_MAX;
		int c = strcmp(at, id);
		free(at);
		if (c == 0) return mid;
		if (c < 0) lo = mid + 1;
		else hi = mid;
	}
	return SIZE_MAX;
}

static int by_id(const void *x, const void *y)
{
	return strcmp(((const struct article *)x)->id, ((const struct article *)y)->id);
}

/* The articles picked (pick[i] true), decoded into c, sorted by id with
 * one of each id (a damaged index could name a record twice). */
static void decode_picked(const struct metaindex *mx, const bool *pick, size_t n,
			  struct collection *c)
{
	for (size_t i = 0; i < n; i++) {
		if (!pick[i]) continue;
		ARRAY_RESERVE(c->items, c->cap, c->n + 1);
		struct article *a = &c->items[c->n];
		memset(a, 0, sizeof *a);
		if (metaindex_article(mx, i, a)) c->n++;
		else article_free(a); /* damaged: the whole load reads that file */
	}
	qsort(c->items, c->n, sizeof *c->items, by_id);
	size_t o = 0;
	for (size_t i = 0; i < c->n; i++) {
		if (o && strcmp(c->items[o - 1].id, c->items[i].id) == 0) article_free(&c->items[i]);
		else c->items[o++] = c->items[i];
	}
	c->n = o;
}

struct metaindex *firstlist_index(const char *root, const struct dossier_open_opts *o,
				  size_t min)
{
	/* the cache dossier_open_snapshot would use, or none */
	if (!o->use_cache || (o->vocab && !o->vocab_hash)) return NULL;
	struct fieldmap defaults;
	if (!o->fm) fieldmap_init_default(&defaults);
	struct metaindex *mx = metaindex_open_snapshot(root, o->fm ? o->fm : &defaults,
						       o->vocab ? o->vocab_hash : 0);
	if (!o->fm) fieldmap_free(&defaults);
	if (mx && metaindex_count(mx) <= min) {
		metaindex_close(mx);
		mx = NULL;
	}
	return mx;
}

size_t firstlist_read(struct dossier *d, struct metaindex *mx, const char *root,
		      const struct vocab *vocab, size_t want, const char *around, size_t near)
{
	memset(d, 0, sizeof *d);
	d->vocab = vocab;
	size_t n = metaindex_count(mx);
	size_t *order = date_order(mx, n);
	bool *pick = xcalloc(n + 1, sizeof *pick);
	for (size_t r = 0; r < want && r < n; r++) pick[order[r]] = true;
	size_t at = around ? find_id(mx, around) : SIZE_MAX;
	for (size_t r = 0; at != SIZE_MAX && r < n; r++) {
		if (order[r] != at) continue;
		size_t from = r > near ? r - near : 0;
		for (size_t k = from; k < n && k <= r + near; k++) pick[order[k]] = true;
		break;
	}
	free(order);
	d->coll.root = xstrdup(root);
	decode_picked(mx, pick, n, &d->coll);
	free(pick);
	metaindex_close(mx);
	tagindex_build(&d->tags, &d->coll);
	return n;
}

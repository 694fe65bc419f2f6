/* SPDX-License-Identifier: MIT
 * `list --sort` answered from the metadata cache's lean index
 * (core/cli/cli_lean.c): date and source over the index's columns, title
 * by the title order the cache's writer sorted (metaindex_title_order),
 * else from the hits' records. Each puts the hits exactly where
 * collection_order puts them after a load (tests/cli/lean.sh). */
#include "core/cli/cli.h"

#include <stdlib.h>
#include <string.h>

#include "core/base/util.h"
#include "core/collection/order.h"
#include "core/meta/metablob.h"
#include "core/meta/metaindex.h"

/* --sort date or source over the columns, as collection_order sorts:
 * the key, then newest first, then by article number (the id): art[]
 * comes ascending, and each pass of order_radix keeps what it ties. */
static int lean_value_cmp(const void *x, const void *y, void *ctx)
{
	char *const *v = ctx; /* per value: its text (NULL: none) */
	return order_text_compare(v[*(const size_t *)x], v[*(const size_t *)y]);
}

/* Sort the article numbers art[0..n) (ascending) by key. */
static void lean_sort(const struct metaindex *mx, size_t *art, size_t n, enum order_key key)
{
	uint32_t *k = xcalloc(metaindex_count(mx) + 1, sizeof *k); /* per article number */
	for (size_t i = 0; i < n; i++) k[art[i]] = order_date_key(metaindex_date(mx, art[i]));
	order_radix(art, n, k);
	if (key == ORDER_SOURCE) { /* each distinct source placed once, then by its place */
		size_t nv = metaindex_nvalues(mx, MX_SOURCE);
		char **txt = xcalloc(nv + 1, sizeof *txt);
		size_t *byv = xcalloc(nv + 1, sizeof *byv);
		uint32_t *rank = xcalloc(nv + 1, sizeof *rank);
		for (size_t v = 0; v < nv; v++) {
			size_t len;
			const char *s = metaindex_value(mx, MX_SOURCE, v, &len);
			txt[v] = s ? xstrndup(s, len) : NULL;
			byv[v] = v;
		}
		qsort_r(byv, nv, sizeof *byv, lean_value_cmp, txt);
		for (size_t r = 0; r < nv; r++) rank[byv[r]] = (uint32_t)r;
		for (size_t i = 0; i < n; i++) k[art[i]] = rank[metaindex_value_of(mx, MX_SOURCE, art[i])];
		order_radix(art, n, k);
		for (size_t v = 0; v < nv; v++) free(txt[v]);
		free(txt);
		free(byv);
		free(rank);
	}
	free(k);
}

/* --sort title: the candidates' titles read from their records and put
 * in order as collection_order puts them (over a collection of just
 * these, in article order, so its ties by id stay ties by id); false
 * when a record does not read. */
static bool lean_sort_title(struct metaindex *mx, size_t *art, size_t n)
{
	struct collection sub = {.n = n, .items = xcalloc(n ? n : 1, sizeof *sub.items)};
	struct metaindex_rec rec = {0};
	bool ok = true;
	for (size_t k = 0; k < n && ok; k++) {
		ok = metaindex_read(mx, art[k], &rec);
		sub.items[k].title = ok ? xstrdup(rec.view.title) : NULL;
		sub.items[k].date = rec.view.date;
	}
	metaindex_rec_free(&rec);
	if (ok) {
		size_t *order = collection_order(&sub, NULL, ORDER_TITLE, -1);
		size_t *was = xmalloc((n ? n : 1) * sizeof *was);
		memcpy(was, art, n * sizeof *art);
		for (size_t k = 0; k < n; k++) art[k] = was[order[k]];
		free(was);
		free(order);
	}
	for (size_t k = 0; k < n; k++) free(sub.items[k].title);
	free(sub.items);
	return ok;
}

/* --sort title by the cache's title order: the hits art[0..n) (ascending)
 * as they come in it. Why: the order is a total one (keys, date, number),
 * so over any subset it is the subset's own; a walk of the order (4 bytes
 * an article) costs less than reading and folding the hits' titles. */
static void lean_sort_by_order(const struct metaindex *mx, const unsigned char *order,
			       size_t *art, size_t n)
{
	size_t nart = metaindex_count(mx);
	if (n == nart) { /* every article: the order itself */
		for (size_t k = 0; k < n; k++) art[k] = metablob_load_u32(order + 4 * k);
		return;
	}
	unsigned char *hit = xcalloc(nart ? nart : 1, 1);
	for (size_t k = 0; k < n; k++) hit[art[k]] = 1;
	for (size_t i = 0, k = 0; i < nart && k < n; i++) {
		uint32_t a = metablob_load_u32(order + 4 * i);
		if (hit[a]) art[k++] = a;
	}
	free(hit);
}

bool cli_lean_sort(struct metaindex *mx, size_t *art, size_t n, enum order_key key)
{
	if (key != ORDER_TITLE) {
		lean_sort(mx, art, n, key);
		return true;
	}
	const unsigned char *order = metaindex_title_order(mx);
	if (!order) return lean_sort_title(mx, art, n);
	lean_sort_by_order(mx, order, art, n);
	return true;
}

/* SPDX-License-Identifier: MIT
 * The article list's order (s cycles it): every article sorted by date,
 * title, source or relevance to the open article; the filter then keeps
 * what matches (filter_apply). */
#include "tui/sort.h"

#include <stdlib.h>
#include <strings.h>

#include "core/related.h"
#include "core/util.h"
#include "tui/filter.h"
#include "tui/tui.h"

/* Newest first; on the same date by id, which is article number order
 * (the collection is sorted by id), so no string is compared. */
static int cmp_date(const struct article *a, const struct article *b)
{
	if (a->date != b->date) return a->date > b->date ? -1 : 1;
	return (a > b) - (a < b);
}

static int cmp_str(const char *x, const char *y)
{
	if (!x || !y) return x ? -1 : y ? 1 : 0; /* missing values last */
	return strcasecmp(x, y);
}

struct sort_ctx {
	const struct tui *t;
	double *score; /* relevance: related score to the open article */
};

static int cmp_order(const void *pa, const void *pb, void *ctx)
{
	const struct sort_ctx *sc = ctx;
	const struct tui *t = sc->t;
	size_t ia = *(const size_t *)pa, ib = *(const size_t *)pb;
	const struct article *a = &t->d.coll.items[ia], *b = &t->d.coll.items[ib];
	int c = 0;
	switch (t->sort) {
	case SORT_TITLE: c = cmp_str(a->title, b->title); break;
	case SORT_SOURCE: c = cmp_str(a->source, b->source); break;
	case SORT_RELEVANCE: {
		double sa = sc->score[ia], sb = sc->score[ib];
		c = sa > sb ? -1 : sa < sb ? 1 : 0;
		break;
	}
	default: break;
	}
	return c ? c : cmp_date(a, b);
}

void sort_apply(struct tui *t)
{
	size_t n = t->d.coll.n;
	free(t->sorted);
	t->sorted = xcalloc(n + 1, sizeof *t->sorted);
	for (size_t i = 0; i < n; i++) t->sorted[i] = i;
	struct sort_ctx sc = {t, NULL};
	if (t->sort == SORT_RELEVANCE) {
		sc.score = xcalloc(n + 1, sizeof *sc.score);
		if (t->cur >= 0) {
			struct related *r = NULL;
			size_t nr = related_compute(&t->d.coll, &t->d.tags, (size_t)t->cur, n, &r);
			for (size_t i = 0; i < nr; i++) sc.score[r[i].art] = r[i].score;
			related_free(r, nr);
			sc.score[t->cur] = 1e300; /* the open article leads */
		}
	}
	qsort_r(t->sorted, n, sizeof *t->sorted, cmp_order, &sc);
	free(sc.score);
	filter_apply(t); /* the list: sorted minus what the filter drops */
}

/* SPDX-License-Identifier: MIT
 * The article list's order (s cycles it): every article sorted by date,
 * title, source or relevance to the open article, by core's
 * collection_order (core/collection/order.c, the same as `dossier list --sort`); the
 * filter then keeps what matches (filter_apply, through listorder_build: a
 * narrow filter is ordered by each article's rank, not by a walk over all). */
#include "tui/sort.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/collection/order.h"
#include "core/base/util.h"
#include "tui/filter.h"
#include "tui/tui.h"

_Static_assert(SORT_RELEVANCE == (int)ORDER_RELEVANCE && SORT_COUNT == (int)ORDER_COUNT,
	       "the reader's sort modes are core's order keys");

void sort_apply(struct tui *t)
{
	free(t->sorted);
	t->sorted = collection_order(&t->d.coll, &t->d.tags, (enum order_key)t->sort, t->cur);
	t->coll_gen++; /* every new collection comes through here (load.c install) */
	size_t n = t->d.coll.n;
	free(t->rank);
	t->rank = NULL;
	t->nrank = 0;
	if (t->sorted && n < UINT32_MAX) {
		t->rank = xcalloc(n + 1, sizeof *t->rank);
		for (size_t i = 0; i < n; i++) t->rank[t->sorted[i]] = (uint32_t)i;
		t->nrank = n;
	}
	filter_apply(t); /* the list: sorted minus what the filter drops */
}

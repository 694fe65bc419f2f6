/* SPDX-License-Identifier: MIT
 * The article list's order (s cycles it): every article sorted by date,
 * title, source or relevance to the open article, by core's
 * collection_order (core/collection/order.c, the same as `dossier list --sort`); the
 * filter then keeps what matches (filter_apply). */
#include "tui/sort.h"

#include <stdlib.h>

#include "core/collection/order.h"
#include "tui/filter.h"
#include "tui/tui.h"

_Static_assert(SORT_RELEVANCE == (int)ORDER_RELEVANCE && SORT_COUNT == (int)ORDER_COUNT,
	       "the reader's sort modes are core's order keys");

void sort_apply(struct tui *t)
{
	free(t->sorted);
	t->sorted = collection_order(&t->d.coll, &t->d.tags, (enum order_key)t->sort, t->cur);
	t->coll_gen++; /* every new collection comes through here (load.c install) */
	filter_apply(t); /* the list: sorted minus what the filter drops */
}

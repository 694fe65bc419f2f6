/* SPDX-License-Identifier: MIT
 * The list through the filter (listorder.h): t->sorted minus what the
 * filter drops. A leaf: it calls nothing else of the reader, so filter.c
 * and sort.c may both use it without a circle between them. */
#include "tui/listorder.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/base/util.h"
#include "tui/tui.h"

static int u64_cmp(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

/* The articles match[] keeps, in list order, into out (room for coll.n):
 * when few (at most 1 in 16), found eight table entries at a time and
 * ordered by t->rank, so a narrow filter at 1,000,000 articles does not
 * walk every article; false (nothing written) when many or no rank. */
static bool sort_matches(const struct tui *t, const bool *match, size_t *out, size_t *nout)
{
	size_t n = t->d.coll.n, max = n / 16, m = 0;
	if (!t->rank || t->nrank != n) return false;
	uint64_t *key = xcalloc(max + 1, sizeof *key);
	/* the table eight entries at a time: most words are all false */
	for (size_t i = 0; i < n; i += 8) {
		uint64_t w = 0;
		size_t k = n - i < 8 ? n - i : 8;
		memcpy(&w, match + i, k);
		if (!w) continue;
		for (size_t j = i; j < i + k; j++) {
			if (!match[j]) continue;
			if (m == max) {
				free(key);
				return false; /* many: the walk over sorted is as quick */
			}
			key[m++] = (uint64_t)t->rank[j] << 32 | (uint64_t)j;
		}
	}
	qsort(key, m, sizeof *key, u64_cmp);
	for (size_t i = 0; i < m; i++) out[i] = (size_t)(key[i] & UINT32_MAX);
	free(key);
	*nout = m;
	return true;
}

size_t listorder_build(struct tui *t, const bool *match)
{
	size_t n = t->d.coll.n, m = 0;
	free(t->order);
	t->order = xcalloc(n + 1, sizeof *t->order);
	if (!match && t->sorted) /* no filter: the sorted list as it is */
		memcpy(t->order, t->sorted, (m = n) * sizeof *t->order);
	else if (match && !sort_matches(t, match, t->order, &m))
		for (size_t i = 0; t->sorted && i < n; i++)
			if (match[t->sorted[i]]) t->order[m++] = t->sorted[i];
	t->norder = m;
	t->list_gen++; /* what was counted over the list is stale (counts.c) */
	return m;
}

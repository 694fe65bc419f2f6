/* SPDX-License-Identifier: MIT
 * Reading history as an array with a cursor; see history.h. */
#include "core/state/history.h"

#include <stdlib.h>
#include <string.h>

#include "core/base/util.h"

void history_push(struct history *h, const char *id)
{
	if (h->n && strcmp(h->ids[h->pos], id) == 0) return;
	if (h->n) {
		for (size_t i = h->pos + 1; i < h->n; i++) free(h->ids[i]);
		h->n = h->pos + 1;
	}
	size_t max = h->max ? h->max : 1000;
	if (h->n >= max) {
		free(h->ids[0]);
		memmove(h->ids, h->ids + 1, (h->n - 1) * sizeof *h->ids);
		h->n--;
	}
	ARRAY_RESERVE(h->ids, h->cap, h->n + 1);
	h->ids[h->n++] = xstrdup(id);
	h->pos = h->n - 1;
}

const char *history_back(struct history *h)
{
	if (h->n == 0 || h->pos == 0) return NULL;
	return h->ids[--h->pos];
}

const char *history_forward(struct history *h)
{
	if (h->n == 0 || h->pos + 1 >= h->n) return NULL;
	return h->ids[++h->pos];
}

const char *history_current(const struct history *h)
{
	return h->n ? h->ids[h->pos] : NULL;
}

void history_free(struct history *h)
{
	for (size_t i = 0; i < h->n; i++) free(h->ids[i]);
	free(h->ids);
	memset(h, 0, sizeof *h);
}

/* SPDX-License-Identifier: MIT
 * See sigindex.h. The table is open addressing over the stored hashes,
 * at most half full; records are put in file order, a later one of an
 * equal hash taking the slot (as a map of the paths kept the last). */
#include "core/find/sigindex.h"

#include <stdlib.h>
#include <string.h>

#include "core/base/hash.h"
#include "core/base/util.h"

#define SI_SEED 0x51c

static uint64_t path_hash(const char *path) { return hash_bytes(path, strlen(path), SI_SEED); }

void sigindex_add(struct sigindex *x, uint64_t off, uint32_t len, const char *path)
{
	if (x->n == x->cap) {
		x->cap = x->cap ? x->cap * 2 : 1024;
		x->off = xrealloc(x->off, x->cap * sizeof *x->off);
		x->len = xrealloc(x->len, x->cap * sizeof *x->len);
		x->hash = xrealloc(x->hash, x->cap * sizeof *x->hash);
	}
	x->off[x->n] = off;
	x->len[x->n] = len;
	x->hash[x->n++] = path_hash(path);
	free(x->slot); /* built again on the next miss */
	x->slot = NULL;
}

static void build(struct sigindex *x)
{
	x->nslots = 16;
	while (x->nslots < 2 * x->n) x->nslots *= 2;
	x->slot = xcalloc(x->nslots, sizeof *x->slot);
	for (size_t i = 0; i < x->n; i++) {
		size_t s = (size_t)x->hash[i] & (x->nslots - 1);
		while (x->slot[s] && x->hash[x->slot[s] - 1] != x->hash[i]) s = (s + 1) & (x->nslots - 1);
		x->slot[s] = (uint32_t)i + 1;
	}
}

bool sigindex_find(struct sigindex *x, const char *path, size_t *i)
{
	if (!x->n) return false;
	uint64_t h = path_hash(path);
	if (x->next < x->n && x->hash[x->next] == h) {
		*i = x->next++;
		return true;
	}
	if (!x->slot) build(x);
	for (size_t s = (size_t)h & (x->nslots - 1); x->slot[s]; s = (s + 1) & (x->nslots - 1))
		if (x->hash[x->slot[s] - 1] == h) {
			*i = x->slot[s] - 1;
			x->next = *i + 1;
			return true;
		}
	return false;
}

void sigindex_clear(struct sigindex *x)
{
	x->n = x->next = 0;
	free(x->slot);
	x->slot = NULL;
}

void sigindex_free(struct sigindex *x)
{
	free(x->off);
	free(x->len);
	free(x->hash);
	free(x->slot);
	memset(x, 0, sizeof *x);
}

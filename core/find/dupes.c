/* SPDX-License-Identifier: MIT
 * Near-duplicate grouping (see dupes.h). Each sketch of 32 values is cut
 * into 8 bands of 4; articles with an equal band are candidates, checked
 * against the estimated Jaccard similarity and joined with union-find.
 * Two texts with similarity 0.7 share a band with probability 0.9, two
 * with 0.3 with 0.06, and then still fail the check. */
#include "core/find/dupes.h"

#include <stdlib.h>
#include <string.h>

#include "core/collection/collection.h"
#include "core/find/similar.h"
#include "core/base/util.h"

#define BANDS 8
#define ROWS (SIM_MINHASH / BANDS)

struct band_key {
	uint64_t key;
	uint32_t art;
};

static int band_cmp(const void *x, const void *y)
{
	const struct band_key *a = x, *b = y;
	if (a->key != b->key) return a->key < b->key ? -1 : 1;
	return (a->art > b->art) - (a->art < b->art);
}

static uint32_t uf_find(uint32_t *parent, uint32_t x)
{
	while (parent[x] != x) {
		parent[x] = parent[parent[x]];
		x = parent[x];
	}
	return x;
}

static void uf_join(uint32_t *parent, uint32_t a, uint32_t b)
{
	a = uf_find(parent, a);
	b = uf_find(parent, b);
	if (a != b) parent[a > b ? a : b] = a < b ? a : b; /* the lower number is the root */
}

static bool has_sketch(const struct simsig *s)
{
	return s && s->nshingles >= SIM_MIN_SHINGLES;
}

void dupes_group(const struct collection *c, uint32_t **group, size_t *ngroups)
{
	const struct simsig **sigs = xcalloc(c->n + 1, sizeof *sigs);
	for (size_t a = 0; a < c->n; a++) sigs[a] = c->items[a].sig;
	dupes_group_sigs(sigs, c->n, group, ngroups);
	free(sigs);
}

/* The sketches of sigs, as dupes_group_sketches reads them. */
static const uint16_t *sig_sketch(void *ctx, size_t a)
{
	const struct simsig *const *sigs = ctx;
	return has_sketch(sigs[a]) ? sigs[a]->minhash : NULL;
}

void dupes_group_sigs(const struct simsig *const *sigs, size_t n, uint32_t **group,
		      size_t *ngroups)
{
	dupes_group_sketches(sig_sketch, (void *)sigs, n, group, ngroups);
}

/* Estimated Jaccard similarity of two sketches (simsig_jaccard). */
static double sketch_jaccard(const uint16_t *a, const uint16_t *b)
{
	size_t same = 0;
	for (size_t i = 0; i < SIM_MINHASH; i++) same += a[i] == b[i];
	return (double)same / SIM_MINHASH;
}

void dupes_group_sketches(const uint16_t *(*sketch)(void *ctx, size_t a), void *ctx, size_t n,
			  uint32_t **group, size_t *ngroups)
{
	*group = xcalloc(n + 1, sizeof **group);
	*ngroups = 0;
	/* one band at a time: the same pairs are compared as when all bands
	 * were sorted together (a run is one band's articles sharing a key;
	 * the groups are the components, whatever the order of the joins),
	 * with an eighth of the keys in memory (256 MB at 1,000,000 before) */
	struct band_key *keys = xcalloc(n + 1, sizeof *keys);
	uint32_t *parent = xcalloc(n + 1, sizeof *parent);
	for (size_t a = 0; a < n; a++) parent[a] = (uint32_t)a;
	for (size_t b = 0; b < BANDS; b++) {
		size_t nk = 0;
		for (size_t a = 0; a < n; a++) {
			const uint16_t *m = sketch(ctx, a);
			if (!m) continue;
			uint64_t k = (uint64_t)b << 60;
			for (size_t r = 0; r < ROWS; r++) k ^= (uint64_t)m[b * ROWS + r] << (16 * r);
			/* the band number in the top bits may overlap the last row:
			 * mixing it in only has to keep bands apart, not be unique */
			keys[nk++] = (struct band_key){k * 0x9e3779b97f4a7c15ull + b, (uint32_t)a};
		}
		qsort(keys, nk, sizeof *keys, band_cmp);
		for (size_t i = 0; i < nk;) {
			size_t j = i + 1;
			while (j < nk && keys[j].key == keys[i].key) j++;
			/* each member against the run's first: linear in the run */
			for (size_t k = i + 1; k < j; k++) {
				uint32_t x = keys[i].art, y = keys[k].art;
				if (uf_find(parent, x) == uf_find(parent, y)) continue;
				if (sketch_jaccard(sketch(ctx, x), sketch(ctx, y)) >= DUPES_JACCARD)
					uf_join(parent, x, y);
			}
			i = j;
		}
	}
	free(keys);
	/* number the groups of two or more by their first article */
	uint32_t *size = xcalloc(n + 1, sizeof *size);
	for (size_t a = 0; a < n; a++) size[uf_find(parent, (uint32_t)a)]++;
	for (size_t a = 0; a < n; a++) {
		uint32_t r = uf_find(parent, (uint32_t)a);
		if (size[r] < 2) continue;
		if (r == a) (*group)[a] = (uint32_t)++*ngroups;
		else (*group)[a] = (*group)[r]; /* the root is the lowest: numbered already */
	}
	free(size);
	free(parent);
}

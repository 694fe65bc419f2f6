/* SPDX-License-Identifier: MIT
 * Near-duplicates: articles whose texts share most of their word triples
 * (a syndicated copy, a re-import, a reprint under a new title with a
 * paragraph added) grouped by their MinHash sketches (core/similar.h).
 * Locality-sensitive banding finds the candidates, so the cost is about
 * linear in the collection, never a comparison of every pair. */
#ifndef DOSSIER_DUPES_H
#define DOSSIER_DUPES_H

#include <stddef.h>
#include <stdint.h>

struct collection;
struct simsig;

/* Estimated Jaccard similarity of word triples from which two articles
 * count as copies of one text. */
#define DUPES_JACCARD 0.5

/* *group (owned, c->n entries) gets each article's group, numbered 1.. in
 * the order of the groups' first articles, or 0 when it has no copy;
 * *ngroups the number of groups. Articles without a sketch (too short)
 * are never grouped. */
void dupes_group(const struct collection *c, uint32_t **group, size_t *ngroups);
/* The same over n signatures (entries may be NULL), borrowed. */
void dupes_group_sigs(const struct simsig *const *sigs, size_t n, uint32_t **group,
		      size_t *ngroups);
/* The same over n articles' MinHash sketches: sketch(ctx, a) gives
 * article a's SIM_MINHASH values (borrowed), NULL when it has none (too
 * short to call a copy); asked more than once for some articles. Lets a
 * build that keeps no signatures (simbuild.h) group from the sketches
 * alone. */
void dupes_group_sketches(const uint16_t *(*sketch)(void *ctx, size_t a), void *ctx, size_t n,
			  uint32_t **group, size_t *ngroups);

#endif

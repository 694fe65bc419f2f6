/* SPDX-License-Identifier: MIT
 * What the two builders of the content index share (similar.c in memory,
 * simbuild.c streamed to the index file), so both weigh, select and order
 * exactly alike and the files they write are the same bytes. */
#ifndef DOSSIER_SIMINDEX_INT_H
#define DOSSIER_SIMINDEX_INT_H

#include <stddef.h>
#include <stdint.h>

#include "core/find/similar.h"

struct sim_pick {
	float w;     /* normalised weight (after sim_select) */
	uint32_t id; /* term id */
	uint16_t i;  /* the term's place in the signature */
};

struct sim_posting {
	uint32_t art;
	float w;
};

/* A term's IDF weight when df of the with signatures that have terms hold it. */
float sim_idf(size_t with, uint32_t df);
/* The terms of a signature the index keeps, heaviest first, normalised,
 * into v (room for SIM_TERMS): its nterms counts tf, ids[i] term i's id
 * (UINT32_MAX: not known, left out), idf per id. Returns how many. */
size_t sim_select(const uint16_t *tf, size_t nterms, const uint32_t *ids, const float *idf,
		  struct sim_pick *v);
/* Heaviest first; ties by article number. */
int sim_posting_cmp(const void *x, const void *y);
/* Reorder v[0..n) so that v[0..k) are the first k by sim_posting_cmp (in
 * no particular order among themselves): quickselect, median of three. */
void sim_select_top(struct sim_posting *v, size_t n, size_t k);

#endif

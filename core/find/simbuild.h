/* SPDX-License-Identifier: MIT
 * The content index file (core/find/simfile.h) built without holding the
 * index or the signatures in memory: at 1,000,000 articles the in-memory
 * build (simindex_build, then simfile_write) took 4 GB. One pass over the
 * signatures, read one at a time, gives the terms their ids and document
 * frequencies, keeps each sketch (64 bytes) for the near-duplicate groups
 * and spools each article's term ids and counts to a scratch file; a
 * second pass over the spool writes each article's block as it goes and
 * sorts its postings in runs of `chunk` articles into another scratch
 * file, merged term by term at the end (a term keeps only the SIM_WALK_MAX
 * postings a walk reads). The file is the same bytes simfile_write writes
 * from simindex_build over the same signatures, whatever the chunk. */
#ifndef DOSSIER_SIMBUILD_H
#define DOSSIER_SIMBUILD_H

#include <stdbool.h>
#include <stddef.h>

#include "core/find/simfile.h"
#include "core/find/similar.h"

/* Where the signatures come from: n articles, read once in order a = 0 ..
 * n-1. next sets *out to article a's signature (NULL: none), borrowed
 * until the next call; false stops the build (cancelled, or the source
 * failed). */
struct simbuild_src {
	size_t n;
	bool (*next)(void *ctx, size_t a, const struct simsig **out);
	void *ctx;
};

/* Articles per sorted run of postings by default: about 4.7 MB of
 * postings at SIM_SELECT terms each, twice (read and sorted); the merge
 * then reads 245 runs at 1,000,000 articles, a 48 KB buffer each. Why not
 * 16,384 (19 MB twice): the reader's similarity job builds this file
 * while holding its whole collection, and those 38 MB were its peak. */
#define SIMBUILD_CHUNK 4096

/* Write the index file over src's signatures, keyed k, atomically (the
 * scratch files sit beside it, removed from the folder at once). chunk: articles per run
 * (0: SIMBUILD_CHUNK). Returns 0, ECANCELED when the source stopped, or
 * an errno value. */
int simbuild_write(const char *file, const struct simbuild_src *src, const struct simfile_key *k,
		   size_t chunk);

/* A source over an array of n signatures (entries may be NULL), borrowed:
 * src->ctx points into *arr, which must outlive src. */
struct simbuild_arr {
	const struct simsig *const *sigs;
};
void simbuild_src_array(struct simbuild_src *src, struct simbuild_arr *arr,
			const struct simsig *const *sigs, size_t n);

#endif

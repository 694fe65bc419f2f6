/* SPDX-License-Identifier: MIT
 * Where each record of the signature file (sigcache.h) is, by its path,
 * without a copy of the paths: per record its offset, length and the
 * path's hash (20 bytes). Found in file order first (the file is written
 * in the collection's order, so a start that changed nothing never looks
 * further), else through a table of the hashes built on the first miss.
 * Why: a map of the copied paths took ~100 MB at 1,000,000 articles, in
 * the reader's peak while its similarity job read the file (561 MB). A
 * record found is only a candidate: the caller reads it and compares its
 * path (a path recorded twice, only in a damaged file: either record may
 * be found, and is checked as any other). */
#ifndef DOSSIER_SIGINDEX_H
#define DOSSIER_SIGINDEX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct sigindex {
	uint64_t *off;  /* owned: record i's first byte */
	uint32_t *len;  /* owned: its length */
	uint64_t *hash; /* owned: its path's hash */
	size_t n, cap;
	uint32_t *slot; /* owned, or NULL until a miss: record + 1 per slot, 0 empty */
	size_t nslots;  /* a power of two */
	size_t next;    /* the record after the one found last */
};

#define SIGINDEX_INIT {0}

/* Record n: at off, len bytes, of path (not kept). */
void sigindex_add(struct sigindex *x, uint64_t off, uint32_t len, const char *path);
/* The record of path, as a candidate (see above): true and *i set. */
bool sigindex_find(struct sigindex *x, const char *path, size_t *i);
/* Forget every record (the memory kept). */
void sigindex_clear(struct sigindex *x);
void sigindex_free(struct sigindex *x);

#endif

/* SPDX-License-Identifier: MIT
 * The content index (core/find/similar.h) kept on disk beside the
 * signature file ($XDG_CACHE_HOME/dossier/NAME.rel), so a warm `related`
 * maps it and walks only the open article's terms instead of reading every
 * signature and building the index (2.7 s and 370 MB at 100,000 articles).
 * Keyed to the metadata cache and signature files it was built from; every
 * block is checked (bounds, its own number, a checksum) when it is used, so
 * a stale, damaged or hostile file is never used wrongly: the caller then
 * loads as before. */
#ifndef DOSSIER_SIMFILE_H
#define DOSSIER_SIMFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/find/similar.h"

struct collection;

/* What the index was built from: the articles as the metadata cache holds
 * them (metaindex_fingerprint, their count), the signatures' version and
 * the signature file's stat. */
struct simfile_key {
	int64_t v[8];
};

/* The index file of the collection at root (caller frees), NULL without
 * a cache folder. */
char *simfile_path(const char *root);
/* The key of root's cache files as they are now (meta_fp and n from the
 * metadata cache's lean index); false without a signature file. */
bool simfile_key_now(const char *root, uint64_t meta_fp, size_t n, struct simfile_key *k);
/* Write si (built over c's signatures, si->narticles == c->n) to file,
 * atomically. Returns 0 or an errno value. */
int simfile_write(const char *file, const struct simindex *si, const struct collection *c,
		  const struct simfile_key *k);

/* For a writer that streams the same layout (core/find/simbuild.h): the
 * header's size, a block's checksum, and the header itself (h: the
 * SIMFILE_HEADER bytes, filled) of a file of len bytes over n articles
 * and nterms terms whose groups start at byte groups. */
#define SIMFILE_HEADER 128
uint64_t simfile_sum(const void *p, size_t len);
void simfile_header(unsigned char *h, uint64_t n, uint64_t nterms, uint64_t groups, uint64_t len,
		    const struct simfile_key *k);

struct simfile;
/* The mapped file when it was built from key k over n articles, else NULL. */
struct simfile *simfile_open(const char *file, const struct simfile_key *k, size_t n);
void simfile_close(struct simfile *f);
/* Let the mapped pages read so far go (they come back from the page
 * cache when read again; what was borrowed from the mapping stays valid).
 * Why: each related list reads a few MB of the file, scattered; a reader
 * at 1,000,000 articles kept every page it had read and grew by ~3 MB an
 * opened article (700 MB after a hundred). */
void simfile_let_go(const struct simfile *f);
/* As simindex_walk: visit(ctx, b, sim) for the postings shared with art,
 * in the same order with the same values. False when a block it needed is
 * damaged (what was visited must then be thrown away). */
bool simfile_walk(const struct simfile *f, size_t art,
		  void (*visit)(void *ctx, uint32_t b, float sim), void *ctx);
/* As simindex_why; the terms are borrowed from the mapping. -1: damaged. */
long simfile_why(const struct simfile *f, size_t a, size_t b, const char **out, size_t max);
/* Articles of the file; article a's near-duplicate group (0: none; the
 * groups are checked by simfile_open). */
size_t simfile_count(const struct simfile *f);
uint32_t simfile_group(const struct simfile *f, size_t a);
/* As simindex_cosine (0 when a block is damaged). */
double simfile_cosine(const struct simfile *f, size_t a, size_t b);
/* Is b a near-duplicate of a (as simindex's groups say)? -1: damaged. */
int simfile_copy(const struct simfile *f, size_t a, size_t b);

#endif

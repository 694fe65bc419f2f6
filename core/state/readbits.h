/* SPDX-License-Identifier: MIT
 * The reading state as bits per article of the metadata cache's index, and
 * a small binary companion file that keeps them between commands. Why: a
 * state naming most of a million articles is a 38 MB YAML file; `is:`
 * terms answered from it parsed it whole and probed a hash per article on
 * every command. The companion is derived, never the source of truth: it
 * is keyed to the state file (path, size, mtime, ctime, inode) and to the
 * index's fingerprint and article count, checksummed, and rebuilt from the
 * YAML state whenever any of that differs or it does not read. */
#ifndef DOSSIER_READBITS_H
#define DOSSIER_READBITS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>

#include "core/meta/metaindex.h"
#include "core/state/store.h"

struct readbits {
	unsigned char *read, *marked; /* owned, per article: 1 when so */
	size_t nart;
};

/* What the companion is keyed to: the state file as stat(2) saw it
 * before it was read (a missing file: st_ino 0), its path, and the index. */
struct readbits_key {
	struct stat st;
	const char *state_path; /* borrowed */
	uint64_t fingerprint;   /* metaindex_fingerprint */
	size_t nart;            /* metaindex_count */
};

/* The companion's place for the collection at corpus (caller frees);
 * NULL when there is no cache folder. */
char *readbits_path(const char *corpus);
/* Read file when it was written for exactly k; false when it is missing,
 * stale, truncated or damaged (rb is then empty). */
bool readbits_load(const char *file, const struct readbits_key *k, struct readbits *rb);
/* Bits of st's read and marked ids for the index's articles (ids ascend
 * with the article numbers: one merge over the sorted ids); false when an
 * article's id does not read (rb is then empty). */
bool readbits_build(const struct store *st, const struct metaindex *mx, struct readbits *rb);
/* Write rb for k, atomically; 0 or an errno value. */
int readbits_save(const char *file, const struct readbits_key *k, const struct readbits *rb);
void readbits_free(struct readbits *rb);

#endif

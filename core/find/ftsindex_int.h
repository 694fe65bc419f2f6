/* SPDX-License-Identifier: MIT
 * What the full-text index's two halves share: opening and refreshing
 * (core/find/ftsindex.c) and answering queries (core/find/ftsquery.c). */
#ifndef DOSSIER_FTSINDEX_INT_H
#define DOSSIER_FTSINDEX_INT_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>

#include "core/find/ftscheck.h"
#include "core/find/ftsindex.h"

/* Bump when the tokenizer, the schema or what is indexed changes: the
 * index is rebuilt. 2: the rendered text's words (article_text_words_read), no
 * longer the raw body (markup, URLs). */
#define FTS_FORMAT 2
#define FTS_BATCH 2000
#define FTS_MEMO 16
#define FTS_LOCK_WAIT_MS 5000

struct memo {
	char *key;       /* owned: the words joined by ' ' */
	unsigned char *bits; /* owned: one bit per article */
};

struct ftsindex {
	sqlite3 *db;
	char *file;        /* owned */
	int64_t *rowid_of; /* per article number; 0 = not answered */
	size_t n;
	struct { int64_t rowid; size_t art; } *by_rowid; /* sorted by rowid */
	size_t nby;
	struct memo memo[FTS_MEMO];
	size_t memo_next;
	size_t stale;
	size_t lookups; /* run_query calls, for ftsindex_stats */
	struct ftscheck_stamp seen; /* the file as last verified or stamped */
	bool verified;     /* seen is valid: the file matched its checksum */
	bool damaged;      /* found damaged: not used until rebuilt by refresh */
	char *note;        /* owned: the damage, to say once (ftsindex_take_note) */
};

/* Damage found: stop answering, and make sure the next open rebuilds even
 * if this process ends first. The note is said once. */
void ftsindex_set_damaged(struct ftsindex *fx, const char *why);
const char *ftsindex_verify_why(enum ftscheck_result r);

#endif

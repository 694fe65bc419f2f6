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
/* 3: a rowid is never given twice (meta 'nextrow'): the contentless body
 * keeps a deleted row's words, so an article edited twice could get its
 * old rowid back and match words it no longer had. */
#define FTS_FORMAT 3
#define FTS_BATCH 2000
#define FTS_MEMO 16
#define FTS_LOCK_WAIT_MS 5000
#define FTS_DISK_MEMO 64              /* answers kept on disk (ftsmemo.c) */
#define FTS_MEMO_MAX_ROWS (1u << 26)  /* rowids beyond: nothing kept on disk */

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
	/* owned: art_of[rowid] + 1 (0: not live) for rowids up to nart_of, when
	 * they are dense enough; NULL: look up by_rowid (run_query's hot loop) */
	uint32_t *art_of;
	size_t nart_of;
	struct memo memo[FTS_MEMO];
	struct ftsmemo *disk; /* owned: FILE.memo's answers, read on first use (ftsmemo.c) */
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

/* FILE.memo (core/find/ftsmemo.c): the answer for key (words joined by
 * ' ') as one bit per article (caller frees), or NULL when none is kept
 * for the index as verified now. Call after the index is trusted. */
unsigned char *ftsmemo_find(struct ftsindex *fx, const char *key);
/* Keep bits (one per article) as key's answer, written at close. */
void ftsmemo_put(struct ftsindex *fx, const char *key, const unsigned char *bits);
/* The index's rows changed: no answer kept holds (the file is removed). */
void ftsmemo_forget(struct ftsindex *fx);
/* A refresh about to index ntodo articles (rebuilt: every row was dropped
 * first) keeps the answers current, article by article, when they are
 * few (FTS_MEMO_UPDATE_MAX); else they are forgotten. */
#define FTS_MEMO_UPDATE_MAX 5000
void ftsmemo_update_begin(struct ftsindex *fx, size_t ntodo, bool rebuilt);
/* The body text[0..len) (as indexed) now has rowid. */
void ftsmemo_update_article(struct ftsindex *fx, int64_t rowid, const char *text, size_t len);
/* After the refresh and its new stamp (ok false: it failed). */
void ftsmemo_update_end(struct ftsindex *fx, bool ok);
/* Write what changed (best effort: it is a cache) and free. */
void ftsmemo_close(struct ftsindex *fx);

#endif

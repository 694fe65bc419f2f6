/* SPDX-License-Identifier: MIT
 * The full-text index: article bodies in SQLite FTS5 under
 * $XDG_CACHE_HOME/dossier/, tokenized by the same folding as the query
 * language (utf8_fold, runs of utf8_is_word_cp), so that a word or phrase
 * term is answered without reading a file. A cache like the metadata one:
 * keyed by article id + size + mtime, refreshed incrementally, rebuildable. */
#ifndef DOSSIER_FTSINDEX_H
#define DOSSIER_FTSINDEX_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

#include "core/collection/collection.h"

struct ftsindex;

/* Open (creating it, mode 0600, when missing) the index of the collection
 * at root. Returns NULL with *err (owned message) when SQLite cannot open
 * it; a damaged index file (its checksum, core/find/ftscheck.h, does not match,
 * or SQLite refuses it) is deleted and created afresh (*err then says so
 * and the handle is returned). Nothing is indexed until ftsindex_refresh. */
struct ftsindex *ftsindex_open(const char *root, char **err);
struct ftsindex *ftsindex_open_file(const char *file, char **err);

/* Called now and then by refresh: done of total articles checked. */
typedef void (*ftsindex_progress_fn)(void *ctx, size_t done, size_t total);

/* Bring the index up to date with c: bodies of new or changed articles
 * (id, size, mtime) are read and indexed, vanished ones forgotten. Commits
 * every few thousand articles, so an interrupted refresh keeps its work.
 * cancel (may be NULL) is polled: set *cancel to stop early (the articles
 * not reached are simply not answered by the index). Returns the number of
 * articles (re)indexed, or -1 with *err on a database error.
 * Threads: refresh may run in a background thread while the caller does
 * anything else EXCEPT use this handle (text_match) or change c; start
 * answering queries from the handle once refresh has returned. */
long ftsindex_refresh(struct ftsindex *fx, const struct collection *c,
		      ftsindex_progress_fn progress, void *pctx, const atomic_int *cancel,
		      char **err);

/* struct query_env's text_match with ctx = the ftsindex: do the folded
 * words[0..n) occur consecutively in article art's body? 1 yes, 0 no, -1
 * cannot say (not indexed since its last change: the caller reads it).
 * Results of one word list are kept for the next articles of a filter.
 * Before a word list is looked up, the file is checked (a stat() while it
 * is as last verified); damage, or any SQLite error, makes every answer -1
 * until the next ftsindex_refresh, which rebuilds the index. */
int ftsindex_text_match(void *fx, size_t art, const char *const *words, size_t n);
/* struct query_env's text_set with ctx = the ftsindex: the same question
 * for every article at once, one index lookup per term (what long OR
 * queries need: text_match remembers only the last 16 terms). The same
 * check of the file first; damage or an SQLite error: -1. */
int ftsindex_text_set(void *fx, const char *const *words, size_t n, unsigned char *hits,
		      unsigned char *known, size_t nart);
/* The same for every article at once: a bitmap (bit art % 8 of byte
 * art / 8) of the articles whose body holds the words, borrowed until a
 * later query pushes it out of the memo; NULL when the index cannot say.
 * Its bits mean something only for the articles ftsindex_knows. */
const unsigned char *ftsindex_text_bits(void *fx, const char *const *words, size_t n);
bool ftsindex_knows(const void *fx, size_t art);
/* The damage found while answering, once (then NULL). Caller frees. */
char *ftsindex_take_note(struct ftsindex *fx);

struct ftsindex_stats {
	size_t indexed;  /* articles the index answers for */
	size_t stale;    /* rows of vanished versions waiting for a rebuild */
	size_t lookups;  /* index queries run since opening (one per term and filter) */
};
struct ftsindex_stats ftsindex_stats(const struct ftsindex *fx);
void ftsindex_close(struct ftsindex *fx);

/* The tokenizer, for tests: calls tok for every word of text after
 * folding (NFKC + case fold), as the index sees it. */
void ftsindex_tokenize(const char *text, size_t len,
		       void (*tok)(void *ctx, const char *word, size_t n), void *ctx);

#endif

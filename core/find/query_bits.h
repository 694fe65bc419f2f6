/* SPDX-License-Identifier: MIT
 * A query over the whole collection at once, as a bitmap of articles: tag
 * terms from the tag index's postings, words from the full-text index's
 * answer, dates and reading state in one loop each, AND / OR / NOT as word
 * operations. What has no whole-collection answer (fields, ...) is asked
 * article by article through query_match, so the meaning is the same. */
#ifndef DOSSIER_QUERY_BITS_H
#define DOSSIER_QUERY_BITS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/find/query.h"

struct foldtitles;

/* The whole answer of the full-text index for words: a bitmap (bit a % 8
 * of byte a / 8), borrowed until the next call; NULL when it cannot say.
 * knows(ctx, art): is art's body in that index? */
struct query_text_bits {
	const unsigned char *(*bits)(void *ctx, const char *const *words, size_t n);
	bool (*knows)(const void *ctx, size_t art);
	void *ctx;
};

/* Shared by the queries evaluated together (the saved searches): what
 * only needs making once. Zero it, set env (and text), free after. */
struct query_bits_ctx {
	const struct query_env *env;  /* borrowed; env->d is the collection */
	struct query_text_bits text;  /* bits NULL: words through env */
	const uint64_t *read;         /* borrowed: read state, 1 bit per article; NULL: env */
	/* every title folded, on first use: env->titles when it holds them
	 * all (borrowed), else titles_own (made here) */
	const struct foldtitles *titles;
	struct foldtitles *titles_own;
	struct query_bits_col *cols;  /* owned: fields as columns of distinct values */
	size_t ncols;
};

/* Words of n bits. */
static inline size_t query_bits_words(size_t n) { return (n + 63) / 64; }
/* The articles matching q into out (query_bits_words(d->coll.n) words). */
void query_bits(const struct query *q, struct query_bits_ctx *c, uint64_t *out);
void query_bits_ctx_free(struct query_bits_ctx *c);

#endif

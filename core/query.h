/* SPDX-License-Identifier: MIT
 * The query language shared by the TUI filter and the CLI (close to
 * notmuch): field terms, bare words and "phrases", AND (implicit), OR,
 * NOT/-, parentheses. Parse errors carry the column and what was expected. */
#ifndef DOSSIER_QUERY_H
#define DOSSIER_QUERY_H

#include <stdbool.h>
#include <stddef.h>

#include "core/dossier.h"

struct query;

struct query_error {
	int col;   /* 1-based column (in code points) in the query text */
	char *msg; /* owned, e.g. "expected ')' to close '(' at column 3" */
};

/* What matching may consult besides the article: reading state. NULL
 * callbacks make is:read / is:marked match nothing. */
struct query_env {
	const struct dossier *d;
	bool (*is_read)(void *ctx, size_t art);
	bool (*is_marked)(void *ctx, size_t art);
	void *ctx;
};

/* Parse text; d (may be NULL) gives the known extra fields so that a field
 * no article has is an error listing the known ones. Returns NULL and fills
 * *err on error (free with query_error_free). An empty query matches all. */
struct query *query_parse(const char *text, const struct dossier *d, struct query_error *err);
/* Does article number art match? Reads the body from disk only when the
 * query has full-text terms and the metadata alone cannot decide. */
bool query_match(const struct query *q, const struct query_env *env, size_t art);
bool query_needs_body(const struct query *q);
void query_free(struct query *q);
void query_error_free(struct query_error *err);

#endif

/* SPDX-License-Identifier: MIT
 * The query language shared by the TUI filter and the CLI (close to
 * notmuch): field terms, bare words and "phrases", AND (implicit), OR,
 * NOT/-, parentheses. Parse errors carry the column and what was expected.
 *
 * Syntax (precedence NOT > AND > OR; AND is implicit between terms):
 *   word, "a phrase"    whole words, consecutive, in the title or the body
 *   tag:X               own or derived tag X (normalised), or X/anything
 *   source: author: title: url: summary: lang:, and any other front-matter
 *                       key of the collection (editor:quist): the value occurs
 *                       as whole words (id:446 is not 1446); field:"quoted
 *                       value" works; '*' makes a pattern for the whole value
 *                       (id:*446*); unquoted field:>N >=N <N <=N compare numbers
 *   date:FROM..TO       inclusive; YYYY, YYYY-MM or YYYY-MM-DD; either end
 *                       may be left open; date:2024-06 is that month
 *   after:D before:D    strictly after / before the whole period D
 *                       (after:2024-06 starts on 2024-07-01)
 *   is:read is:unread is:marked
 *   @NAME, search:NAME  the saved search NAME (core/find/searches.h), as if its
 *                       query stood there in parentheses
 *   marktag:X           a passage whose mark carries tag X (or X/anything);
 *                       asked of one passage (query_match_mark); an
 *                       article alone never matches it
 *   NOT x, -x, a OR b, a AND b, ( ... )   (operators in capitals only)
 * All matching is NFKC + case-fold insensitive (utf8_fold). Articles with
 * no date never match date terms. */
#ifndef DOSSIER_QUERY_H
#define DOSSIER_QUERY_H

#include <stdbool.h>
#include <stddef.h>

#include "core/collection/dossier.h"

struct query;
struct foldtitles;

struct query_error {
	int col;   /* 1-based column (in code points) in the query text */
	char *msg; /* owned, e.g. "expected ')' to close '(' at column 3" */
};

/* What matching may consult besides the article: reading state. NULL
 * callbacks make is:read / is:marked match nothing (is:unread: all). */
struct query_env {
	const struct dossier *d;
	bool (*is_read)(void *ctx, size_t art);
	bool (*is_marked)(void *ctx, size_t art);
	void *ctx;
	/* Optional full-text index (the persistent index can answer here
	 * instead of reading files): does article art hold the folded words
	 * words[0..n) consecutively in its body? 1 yes, 0 no, -1 cannot say
	 * (the body is then read). NULL: bodies are always read. */
	int (*text_match)(void *ctx, size_t art, const char *const *words, size_t n);
	/* Optional, preferred over text_match: the same question for every
	 * article at once, asked once per term for as long as the query lives
	 * (so a query must be parsed again after the index changes). Set bit
	 * art of hits for each article holding the words and of known for each
	 * article the index covers; both have nart / 8 + 1 bytes, zeroed by the
	 * caller; known is NULL once an answer filled it (it is the same for
	 * every term). 0: answered; -1: cannot say (bodies are read). */
	int (*text_set)(void *ctx, const char *const *words, size_t n, unsigned char *hits,
			unsigned char *known, size_t nart);
	/* Optional, borrowed: the titles of d folded once (foldtitles.h),
	 * all of them or the first titles->n; article art's title is taken
	 * from it when art < titles->n instead of being folded per query.
	 * Must be d's own and not change while the match runs. NULL: none. */
	const struct foldtitles *titles;
};

/* What @NAME and search:NAME stand for: the saved searches in effect
 * (core/find/searches.h). Without one, every reference is an error. */
struct query_names {
	/* The query text of the search called name[0..len), or NULL when
	 * there is none (borrowed; lives as long as the parse). */
	const char *(*lookup)(void *ctx, const char *name, size_t len);
	void *ctx;
	/* The search whose own query is parsed (so that it may not refer to
	 * itself, directly or through others), NULL for a query typed. */
	const char *self;
};

/* Parse text; d (may be NULL) gives the known extra fields so that a field
 * no article has is an error listing the known ones. Returns NULL and fills
 * *err on error (free with query_error_free). An empty query matches all. */
struct query *query_parse(const char *text, const struct dossier *d, struct query_error *err);
/* The same, with @NAME references resolved through names (may be NULL).
 * A reference is parsed as a sub-expression; a loop is an error naming
 * both searches ("searches 'a' and 'b' refer to each other"). */
struct query *query_parse_names(const char *text, const struct dossier *d,
				const struct query_names *names, struct query_error *err);
/* Does article number art match? Reads the body from disk only when the
 * query has full-text terms and the metadata alone cannot decide. Any
 * number of full-text terms costs one pass over the title (and body): the
 * query keeps caches, so one query is matched by one thread at a time. */
bool query_match(const struct query *q, const struct query_env *env, size_t art);
bool query_needs_body(const struct query *q);
/* Does it look at titles (words, phrases, title:)? */
bool query_needs_titles(const struct query *q);
/* Does it ask about reading state (is:read, is:unread, is:marked, marktag)? */
bool query_needs_state(const struct query *q);
/* Does it hold marktag: terms (to be asked per passage)? */
bool query_needs_marks(const struct query *q);
struct mark;
/* query_match for one passage of the article: marktag: terms look at m's
 * tags (m NULL: they match nothing). */
bool query_match_mark(const struct query *q, const struct query_env *env, size_t art,
		      const struct mark *m);
/* Match many articles with one parse: in[0..n) (NULL: articles 0..n-1) are
 * tested in order and the matching ones written to out (room for n; out may
 * be in). Returns how many matched. */
size_t query_filter(const struct query *q, const struct query_env *env, const size_t *in,
		    size_t n, size_t *out);
/* The parsed tree as an S-expression, e.g. (or (and "a" tag:b) (not "c")),
 * for tests and debugging. Caller frees. */
char *query_format(const struct query *q);
void query_free(struct query *q);
/* For answers from the metadata cache's lean index (query_lean.c): does
 * q decide each article from its own tags, dates, built-in fields and
 * reading state only (no words, mark tags or other front-matter keys)? And a tag
 * every match carries (borrowed from q; matches also carry tag/...), or
 * NULL. */
bool query_per_article(const struct query *q);
const char *query_required_tag(const struct query *q);
bool query_matches_all(const struct query *q); /* the empty query */
const char *query_only_tag(const struct query *q); /* q is one tag: term (borrowed), or NULL */
/* q judged for every article of the lean index mx from its columns alone:
 * per article QLEAN_NO, QLEAN_YES, or QLEAN_MAYBE (decode it and
 * query_match to know). Owned; NULL when not query_per_article. */
enum { QLEAN_NO, QLEAN_YES, QLEAN_MAYBE };
struct metaindex;
/* The reading state per article for is: terms, 0 or 1 each; NULL: not
 * known (is: terms then stay QLEAN_MAYBE). */
struct query_lean_state {
	const unsigned char *read, *marked;
};
unsigned char *query_lean_eval(const struct query *q, struct metaindex *mx,
			       const struct query_lean_state *st);
void query_error_free(struct query_error *err);
/* Three lines for a terminal, no trailing newline: "query:COL: msg", the
 * query made printable, and a caret under the column. Caller frees. */
char *query_error_format(const char *text, const struct query_error *err);

#endif

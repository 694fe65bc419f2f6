/* SPDX-License-Identifier: MIT
 * Completing the word at the cursor of a query being typed (Tab in the
 * reader's filter prompt): a field name ("ta" -> "tag:"), a tag, a
 * source, an author or a language after its field, is:read/unread/marked,
 * a saved search after '@' or "search:". It knows the query syntax
 * (query.h), not where the names come from nor the terminal: the caller
 * hands it the collection's names and applies the result. */
#ifndef DOSSIER_QUERY_COMPLETE_H
#define DOSSIER_QUERY_COMPLETE_H

#include <stdbool.h>
#include <stddef.h>

/* The query's own field names (query.h), for completion here and in the
 * shell (cli_complete.c). */
extern const char *const query_complete_fields[];
extern const size_t query_complete_nfields;

/* A list of names, borrowed; any order, duplicates allowed. */
struct qc_names {
	const char *const *v;
	size_t n;
};

/* What may be offered. Values are matched by their folded prefix (the
 * query folds as utf8_fold does), so "reu" finds "Reuters". */
struct query_complete_src {
	struct qc_names tags, sources, authors, langs;
	struct qc_names searches; /* saved search names */
	struct qc_names fields;   /* the collection's other front-matter keys */
};

struct query_completion {
	size_t from, to; /* the bytes of the text the candidates replace */
	char **cand;     /* owned: whole replacements, sorted by their folded form,
			  * one per folded value; a full value ends in a blank */
	size_t n;
	char *common;    /* owned: the longest prefix every candidate shares */
};

/* The candidates for the word that ends at byte cur of text (after a '-',
 * '(' or blank; a field:"quoted value" whose quote is open counts as one
 * word). False, with nothing to free, when no candidate fits. */
bool query_complete(const char *text, size_t cur, const struct query_complete_src *src,
		    struct query_completion *out);
void query_completion_free(struct query_completion *c);

#endif

/* SPDX-License-Identifier: MIT
 * Saved searches: queries kept under a name (config `searches:`, per
 * collection `collection-searches:`, and the reader's own saved file),
 * the names a query's @NAME resolves to, and their counts (total and
 * unread) over a collection, all searches at once. */
#ifndef DOSSIER_SEARCHES_H
#define DOSSIER_SEARCHES_H

#include <stdbool.h>
#include <stddef.h>

#include "core/collection/collections.h"
#include "core/base/diag.h"
#include "core/collection/dossier.h"
#include "core/find/query.h"
#include "core/find/query_bits.h"

/* One search as written. Owns its strings. */
struct search_entry {
	char *name;       /* letters, digits, '.', '_', '-', not first '-' (collections_name_ok) */
	char *query;      /* the query as written */
	char *collection; /* NULL: every collection; else only the one of that name */
	char *path;       /* the file it was written in, for messages */
	int line, col;    /* where the query text itself starts in that file */
};

/* Every search read, in the order read. Owns its entries. */
struct searches {
	struct search_entry *v;
	size_t n;
};

/* The entry for name in scope collection (NULL: global only), or NULL.
 * Per-collection entries win over a global one of the same name. */
const struct search_entry *searches_find(const struct searches *s, const char *name,
					 const char *collection);
/* Add an entry (strings copied). Returns false, adding nothing, when the
 * same scope already has that name (the first is kept). */
bool searches_add(struct searches *s, const char *name, const char *query, const char *collection,
		  const char *path, int line, int col);
void searches_free(struct searches *s);

/* The name of the collection whose folder is corpus (same folder however
 * spelled), else NULL. Borrowed from c. */
const char *searches_collection_of(const struct collections *c, const char *corpus);

/* The searches in effect for one collection, parsed and counted. */
struct search_set {
	const struct searches *all; /* borrowed */
	const char *collection;     /* borrowed; NULL: global searches only */
	size_t n;
	const struct search_entry **e; /* owned array of borrowed entries, display order */
	struct query **q;           /* owned; q[i] NULL: the query is bad (reported) */
	size_t *total, *unread;     /* owned; set by search_set_count */
	bool counted;               /* the counts are there */
	bool needs_body;            /* some query has words (count them via the index) */
};

/* The set for collection: global searches in the order written (a
 * per-collection one of the same name takes the global one's place), then
 * the collection's own. Each query is parsed against d (NULL: syntax
 * only); a bad one is a diag at FILE:LINE:COL of its own column and the
 * others still work. */
void search_set_init(struct search_set *ss, const struct searches *all, const char *collection,
		     const struct dossier *d, struct diag_list *diags);
void search_set_free(struct search_set *ss);
/* The position of name in the set, or -1. */
long search_set_find(const struct search_set *ss, const char *name);
/* For query_parse_names: @NAME as the set sees it. */
struct query_names search_set_names(const struct search_set *ss);
/* Count every search: total and unread (env->is_read asked once per
 * article), each search evaluated over the whole collection at once
 * (core/find/query_bits.h). Words are answered by text's bitmaps when it has
 * them, else by env->text_match, else from the files. */
void search_set_count(struct search_set *ss, const struct query_env *env,
		      const struct query_text_bits *text);

/* Saved from the reader: $XDG_STATE_HOME/dossier/searches.yaml (a file of
 * the same form as the config's `searches:`, written only by dossier).
 * Caller frees; NULL when there is no such folder. */
char *searches_saved_path(void);
/* Set name to query in the saved file at path (replacing one of that name),
 * rewriting it whole and atomically. Returns 0, or -1 with a diag. */
int searches_save(const char *path, const char *name, const char *query, struct diag_list *diags);

#endif

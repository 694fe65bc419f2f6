/* SPDX-License-Identifier: MIT
 * Reading saved searches from YAML: names checked, duplicates reported
 * (the first wins, as everywhere in the config), and each query's own
 * position kept so that a bad query is reported at FILE:LINE:COL. */
#include "config/config_searches.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "core/base/fsutil.h"

void config_read_searches(struct searches *s, const struct ynode *m, const char *collection,
			  const char *path, struct diag_list *diags)
{
	const char *where = collection ? "collection-searches" : "searches";
	for (size_t i = 0; i + 1 < m->n; i += 2) {
		const struct ynode *k = &m->kids[i], *v = &m->kids[i + 1];
		if (k->kind != YNODE_SCALAR || !collections_name_ok(k->text)) {
			diag_add(diags, DIAG_WARNING, path, k->line, k->col,
				 "%s: search name '%s': use letters, digits, '.', '_' and '-' (not "
				 "first); ignored", where, k->kind == YNODE_SCALAR ? k->text : "?");
			continue;
		}
		if (v->kind != YNODE_SCALAR || ynode_is_null(v)) {
			diag_add(diags, DIAG_WARNING, path, v->line, v->col,
				 "search '%s': expected a query (a string); ignored", k->text);
			continue;
		}
		/* the query's first character: after the opening quote if any */
		int col = v->col + (v->plain ? 0 : 1);
		const struct search_entry *was = NULL;
		for (size_t j = 0; j < s->n && !was; j++)
			if (strcmp(s->v[j].name, k->text) == 0 &&
			    ((!collection && !s->v[j].collection) ||
			     (collection && s->v[j].collection && strcmp(collection, s->v[j].collection) == 0)))
				was = &s->v[j];
		if (was) {
			diag_add(diags, DIAG_WARNING, path, k->line, k->col,
				 "search '%s' is already defined at %s:%d; the first is kept", k->text,
				 was->path, was->line);
			continue;
		}
		searches_add(s, k->text, v->text, collection, path, v->line, col);
	}
}

void config_read_collection_searches(struct searches *s, const struct ynode *m, const char *path,
				     struct diag_list *diags)
{
	for (size_t i = 0; i + 1 < m->n; i += 2) {
		const struct ynode *k = &m->kids[i], *v = &m->kids[i + 1];
		if (k->kind != YNODE_SCALAR || !collections_name_ok(k->text)) {
			diag_add(diags, DIAG_WARNING, path, k->line, k->col,
				 "collection-searches: '%s' is not a collection name; ignored",
				 k->kind == YNODE_SCALAR ? k->text : "?");
			continue;
		}
		if (v->kind != YNODE_MAP) {
			if (!ynode_is_null(v))
				diag_add(diags, DIAG_WARNING, path, v->line, v->col,
					 "collection-searches.%s: expected NAME: QUERY pairs", k->text);
			continue;
		}
		config_read_searches(s, v, k->text, path, diags);
	}
}

void config_read_saved_searches(struct searches *s, const char *path, struct diag_list *diags)
{
	char *text;
	size_t len;
	int err = fsutil_read_file(path, 1 << 20, &text, &len);
	if (err) {
		if (err != ENOENT)
			diag_add(diags, DIAG_WARNING, path, 0, 0, "cannot read the saved searches: %s",
				 strerror(err));
		return;
	}
	struct ynode root;
	yamltree_parse_as(text, len, path, 1, "the saved searches", YAMLTREE_MAX_NODES, &root, diags);
	free(text);
	for (size_t i = 0; root.kind == YNODE_MAP && i + 1 < root.n; i += 2) {
		const struct ynode *k = &root.kids[i], *v = &root.kids[i + 1];
		if (k->kind == YNODE_SCALAR && strcmp(k->text, "searches") == 0 && v->kind == YNODE_MAP)
			config_read_searches(s, v, NULL, path, diags);
		else if (k->kind == YNODE_SCALAR)
			diag_add(diags, DIAG_WARNING, path, k->line, k->col,
				 "unknown key '%s' in the saved searches (only searches:)", k->text);
	}
	yamltree_free(&root);
}

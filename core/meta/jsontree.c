/* SPDX-License-Identifier: MIT
 * Hugo's JSON front matter into the YAML node tree (see tomltree.h), so
 * the field mapping of frontmatter.c reads it unchanged. json_read does
 * the parsing (bounded: depth 64) and keeps no positions, so every node
 * is placed at the opening brace. */
#include "core/meta/tomltree.h"

#include <stdlib.h>
#include <string.h>

#include "core/base/json_read.h"
#include "core/base/util.h"

static bool convert(const struct jval *j, struct ynode *n, int line, int col, size_t *nodes)
{
	memset(n, 0, sizeof *n);
	n->line = line;
	n->col = col;
	if (++*nodes > YAMLTREE_MAX_NODES) {
		n->text = xstrdup("");
		return false;
	}
	if (j->type != JOBJ && j->type != JARR) {
		/* numbers, booleans and null are plain: `false` means false */
		n->text = xstrdup(j->str ? j->str : "");
		n->len = strlen(n->text);
		n->plain = j->type != JSTR;
		return true;
	}
	bool obj = j->type == JOBJ;
	n->kind = obj ? YNODE_MAP : YNODE_SEQ;
	ARRAY_RESERVE(n->kids, n->cap, obj ? 2 * j->n : j->n);
	for (size_t i = 0; i < j->n; i++) {
		if (obj) {
			struct ynode *k = &n->kids[n->n++];
			memset(k, 0, sizeof *k);
			k->line = line;
			k->col = col;
			k->text = xstrdup(j->keys[i] ? j->keys[i] : "");
			k->len = strlen(k->text);
			if (++*nodes > YAMLTREE_MAX_NODES) return false;
		}
		if (!convert(&j->kids[i], &n->kids[n->n++], line, col, nodes)) return false;
	}
	return true;
}

int jsontree_parse(const char *text, size_t len, int line_base, int col, struct ynode *root)
{
	struct jval *j = json_read(text, len);
	size_t nodes = 0;
	memset(root, 0, sizeof *root);
	bool ok = j && j->type == JOBJ && convert(j, root, line_base, col, &nodes);
	json_val_free(j);
	if (!ok) {
		yamltree_free(root);
		memset(root, 0, sizeof *root);
		root->kind = YNODE_MAP;
		root->line = line_base;
		root->col = col;
	}
	return ok ? 0 : -1;
}

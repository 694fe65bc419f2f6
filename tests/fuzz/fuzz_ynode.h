/* SPDX-License-Identifier: MIT
 * The node-tree invariants the front-matter readers share (YAML in
 * fuzz_yamltree, TOML and JSON in fuzz_tomltree): one walker, so a rule of
 * struct ynode is checked the same way for every syntax. The readers
 * differ where the flags say: YAML's error paths may leave a map cut after
 * a key (partial) and a node without a position; TOML and JSON never do,
 * and their keys are always scalars. */
#ifndef DOSSIER_FUZZ_YNODE_H
#define DOSSIER_FUZZ_YNODE_H

#include "core/meta/yamltree.h"
#include "tests/fuzz/fuzz.h"

/* How strict the walk is: every node placed (line >= line_base, col >=
 * 1), maps whole with scalar keys, containers without text. */
enum fuzz_ynode_rules { FUZZ_YNODE_LOOSE, FUZZ_YNODE_STRICT };

/* The nodes under n (n included), each checked. */
static inline size_t fuzz_ynode_walk(const struct ynode *n, int depth, int line_base,
				     enum fuzz_ynode_rules rules)
{
	const int strict = rules == FUZZ_YNODE_STRICT;
	FUZZ_CHECK(depth <= YAMLTREE_MAX_DEPTH + 1);
	FUZZ_CHECK(n->line >= line_base || (!strict && n->line == 0));
	FUZZ_CHECK(n->col >= 1 || (!strict && n->col == 0));
	FUZZ_CHECK(ynode_kind_name(n) != NULL);
	(void)ynode_is_null(n);
	size_t count = 1;
	switch (n->kind) {
	case YNODE_SCALAR:
		FUZZ_CHECK(n->n == 0);
		/* never NULL, even on error paths: readers strcmp it */
		FUZZ_CHECK(n->text != NULL && n->text[n->len] == '\0');
		break;
	case YNODE_MAP:
		FUZZ_CHECK((!strict && n->partial) || n->n % 2 == 0);
		if (strict)
			for (size_t i = 0; i < n->n; i += 2) FUZZ_CHECK(n->kids[i].kind == YNODE_SCALAR);
		/* fall through */
	case YNODE_SEQ:
		FUZZ_CHECK(n->n <= n->cap);
		if (strict) FUZZ_CHECK(n->text == NULL);
		for (size_t i = 0; i < n->n; i++)
			count += fuzz_ynode_walk(&n->kids[i], depth + 1, line_base, rules);
		break;
	}
	return count;
}

#endif

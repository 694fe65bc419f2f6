/* SPDX-License-Identifier: MIT
 * A bounded YAML reader on libyaml's event parser: builds a small node tree
 * with positions, refusing what hostile front matter uses to hurt us —
 * aliases (no expansion, ever), nesting deeper than 64, more than a fixed
 * number of nodes, a second document. Duplicate mapping keys are kept for
 * the caller to decide (first wins + warning, see yamltree_map_check). */
#ifndef DOSSIER_YAMLTREE_H
#define DOSSIER_YAMLTREE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/base/diag.h"

enum ynode_kind { YNODE_SCALAR, YNODE_SEQ, YNODE_MAP };

struct ynode {
	enum ynode_kind kind;
	char *text;          /* owned unless borrowed; scalars only (NUL-terminated,
			      * may hold NULs) */
	bool borrowed;       /* text lies in the root's block: freed with it */
	size_t len;          /* scalar length in bytes */
	bool plain;          /* unquoted scalar: `false`, `~`, `5` mean what they say */
	bool partial;        /* cut short by an error: its contents are incomplete */
	unsigned char how;   /* a reader's own bookkeeping while it builds the tree
			      * (tomltree.c: how a table was made); no meaning after */
	int line, col;       /* 1-based position in the file */
	struct ynode *kids;  /* owned; seq: items; map: key, value, key, value ... */
	size_t n, cap;
	char *block;         /* owned or NULL: the tree's scalars' texts, one
			      * allocation (yamltree_parse_simple's root) */
};

#define YAMLTREE_MAX_DEPTH 64
#define YAMLTREE_MAX_NODES 20000

/* Parse text (already valid UTF-8) into *root. line_base is the file line of
 * the text's first line (front matter starts on line 2). Returns 0, or -1
 * with a diag at the error's position; on -1 *root holds what was read
 * before the error (possibly nothing: kind SCALAR, len 0). */
int yamltree_parse(const char *text, size_t len, const char *path, int line_base,
		   struct ynode *root, struct diag_list *diags);
/* The same for other YAML files: what names the file in messages
 * ("aliases not allowed in the config file"); max_nodes bounds the tree
 * (a vocabulary of thousands of tags is legitimate, front matter is not). */
int yamltree_parse_as(const char *text, size_t len, const char *path, int line_base,
		      const char *what, size_t max_nodes, struct ynode *root,
		      struct diag_list *diags);
/* The plain shapes of most front matter (yamlfast.c) without libyaml: the
 * tree yamltree_parse would give, or false (root then empty, nothing
 * reported) for anything else, which the caller reads with libyaml. */
bool yamltree_parse_simple(const char *text, size_t len, int line_base, struct ynode *root);
void yamltree_free(struct ynode *n);

/* A null scalar: empty plain, "~", "null" (any case). */
bool ynode_is_null(const struct ynode *n);
/* "a string", "a list", "a mapping": for messages. */
const char *ynode_kind_name(const struct ynode *n);

#endif

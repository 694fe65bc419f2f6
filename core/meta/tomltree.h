/* SPDX-License-Identifier: MIT
 * TOML front matter (Hugo and Zola write it between "+++" fences) read
 * into the same node tree as YAML (yamltree.h), so that one field mapping
 * (frontmatter.c) serves both. Written by hand: Debian packages no C TOML
 * library (only C++ ones), and front matter needs only a bounded reader.
 *
 * The tree: the document is a YNODE_MAP; [table] headers and dotted keys
 * (a.b = 1) give nested maps under their key; [[array.of.tables]] a
 * YNODE_SEQ of maps; arrays YNODE_SEQ; inline tables YNODE_MAP. Strings
 * are scalars with plain = false (escapes decoded; a CRLF inside a
 * multi-line string becomes "\n"); numbers, booleans, dates and times are
 * scalars with plain = true holding the text as written
 * ("2025-06-26T10:00:00Z", "1_000", "inf"), which date_parse reads.
 * Every node has its 1-based line and column in the file.
 *
 * TOML's own rules for bad input: a key or table defined twice is warned
 * about as YAML's duplicate keys are (the first wins, the document is
 * still read: TOML calls it invalid, but the outcome is YAML's, so the
 * severity is too); a syntax error is one diag
 * naming what was expected, and the tree keeps what was read before it.
 * Depth is capped at YAMLTREE_MAX_DEPTH, nodes at YAMLTREE_MAX_NODES.
 * Lenient where the input is not ours to fix: a lone CR ends a line (the
 * splitter counts it so too), and inline tables may span lines and end in
 * a comma (TOML 1.1); seconds may be left out of a time (TOML 1.1). */
#ifndef DOSSIER_TOMLTREE_H
#define DOSSIER_TOMLTREE_H

#include <stddef.h>

#include "core/base/diag.h"
#include "core/meta/yamltree.h"

/* Parse text (valid UTF-8; frontmatter.c repairs it first) into *root,
 * which the caller frees with yamltree_free. line_base: the file line of
 * the text's first line. Returns 0 when the whole text was read
 * (duplicates reported and skipped), -1 after a syntax error or a limit
 * (one diag; *root holds what was read before it). */
int tomltree_parse(const char *text, size_t len, const char *path, int line_base,
		   struct ynode *root, struct diag_list *diags);

/* Hugo's JSON front matter (an object, "{" ... "}") into the same tree,
 * through json_read. json_read keeps no positions, so every node carries
 * line_base:col (the opening brace). Returns 0, or -1 with nothing in
 * *root (an empty map) when the text is not a JSON object or holds more
 * than YAMLTREE_MAX_NODES values; the caller reports it. */
int jsontree_parse(const char *text, size_t len, int line_base, int col, struct ynode *root);

#endif

/* SPDX-License-Identifier: MIT
 * Fuzz the TOML front-matter reader (tomltree.c): whatever the input, the
 * tree respects the depth and node limits, scalars are NUL-terminated at
 * their length, positions are sane, and a -1 comes with exactly one syntax
 * error, on success and on every error path. */
#include "tests/fuzz/fuzz.h"
#include "tests/fuzz/fuzz_ynode.h"

#include "core/base/diag.h"
#include "core/meta/tomltree.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ynode root;
	struct diag_list dl = DIAG_LIST_INIT;
	int line_base = 1 + (int)(size % 3);
	int rc = tomltree_parse((const char *)data, size, "fuzz.md", line_base, &root, &dl);
	FUZZ_CHECK(rc == 0 || rc == -1);
	FUZZ_CHECK(root.kind == YNODE_MAP);
	size_t syntax = 0;
	for (size_t i = 0; i < dl.n; i++) {
		FUZZ_CHECK(dl.items[i].msg != NULL && dl.items[i].line >= line_base && dl.items[i].col >= 1);
		syntax += strncmp(dl.items[i].msg, "TOML syntax error: ", 19) == 0;
		free(diag_format(&dl.items[i]));
	}
	FUZZ_CHECK(syntax == (rc == -1 ? 1u : 0u));
	size_t nodes = fuzz_ynode_walk(&root, 0, line_base, FUZZ_YNODE_STRICT);
	FUZZ_CHECK(nodes <= YAMLTREE_MAX_NODES + 1);
	yamltree_free(&root);
	diag_list_free(&dl);
	/* the same bytes as JSON front matter: converted or refused, never worse */
	if (jsontree_parse((const char *)data, size, line_base, 1, &root) == 0)
		fuzz_ynode_walk(&root, 0, line_base, FUZZ_YNODE_STRICT);
	else
		FUZZ_CHECK(root.kind == YNODE_MAP && root.n == 0);
	yamltree_free(&root);
	return 0;
}

/* SPDX-License-Identifier: MIT
 * Fuzz the bounded YAML reader: whatever the input, the tree respects the
 * depth and node limits, scalars are NUL-terminated at their length, and
 * positions are sane, on success and on every error path. */
#include "tests/fuzz/fuzz.h"

#include "core/base/diag.h"
#include "core/meta/yamltree.h"

static size_t walk(const struct ynode *n, int depth, int line_base)
{
	FUZZ_CHECK(depth <= YAMLTREE_MAX_DEPTH + 1);
	FUZZ_CHECK(n->line == 0 || n->line >= line_base);
	FUZZ_CHECK(n->col >= 0);
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
		FUZZ_CHECK(n->partial || n->n % 2 == 0);
		/* fall through */
	case YNODE_SEQ:
		FUZZ_CHECK(n->n <= n->cap);
		for (size_t i = 0; i < n->n; i++)
			count += walk(&n->kids[i], depth + 1, line_base);
		break;
	}
	return count;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ynode root;
	memset(&root, 0, sizeof root);
	struct diag_list dl = DIAG_LIST_INIT;
	int line_base = 1 + (int)(size % 3);
	int rc = yamltree_parse((const char *)data, size, "fuzz.yaml", line_base, &root, &dl);
	FUZZ_CHECK(rc == 0 || rc == -1);
	if (rc == -1)
		FUZZ_CHECK(dl.n > 0);
	size_t nodes = walk(&root, 0, line_base);
	FUZZ_CHECK(nodes <= YAMLTREE_MAX_NODES + 2);
	for (size_t i = 0; i < dl.n; i++) {
		FUZZ_CHECK(dl.items[i].msg != NULL);
		free(diag_format(&dl.items[i]));
	}
	yamltree_free(&root);
	diag_list_free(&dl);
	return 0;
}

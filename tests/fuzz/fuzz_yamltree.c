/* SPDX-License-Identifier: MIT
 * Fuzz the bounded YAML reader: whatever the input, the tree respects the
 * depth and node limits, scalars are NUL-terminated at their length, and
 * positions are sane, on success and on every error path. */
#include "tests/fuzz/fuzz.h"
#include "tests/fuzz/fuzz_ynode.h"

#include "core/base/diag.h"
#include "core/meta/yamltree.h"

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
	size_t nodes = fuzz_ynode_walk(&root, 0, line_base, FUZZ_YNODE_LOOSE);
	FUZZ_CHECK(nodes <= YAMLTREE_MAX_NODES + 2);
	for (size_t i = 0; i < dl.n; i++) {
		FUZZ_CHECK(dl.items[i].msg != NULL);
		free(diag_format(&dl.items[i]));
	}
	yamltree_free(&root);
	diag_list_free(&dl);
	return 0;
}

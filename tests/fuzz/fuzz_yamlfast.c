/* SPDX-License-Identifier: MIT
 * Fuzz the plain-shape front-matter reader (core/meta/yamlfast.c) against
 * libyaml's: whenever the fast one accepts a text (made valid UTF-8 first,
 * as frontmatter.c does), libyaml must accept it without a word and give
 * the same tree, node for node. */
#include "tests/fuzz/fuzz.h"

#include "core/base/diag.h"
#include "core/meta/yamltree.h"
#include "core/text/utf8.h"

static void same(const struct ynode *a, const struct ynode *b)
{
	FUZZ_CHECK(a->kind == b->kind && a->n == b->n && a->plain == b->plain);
	FUZZ_CHECK(a->partial == b->partial && a->line == b->line && a->col == b->col);
	if (a->kind == YNODE_SCALAR)
		FUZZ_CHECK(a->len == b->len && memcmp(a->text, b->text, a->len) == 0);
	for (size_t i = 0; i < a->n; i++) same(&a->kids[i], &b->kids[i]);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 65536) return 0;
	size_t len;
	char *text = utf8_repair((const char *)data, size, &len);
	struct ynode fast, slow;
	if (yamltree_parse_simple(text, len, 2, &fast)) {
		struct diag_list dl = DIAG_LIST_INIT;
		int rc = yamltree_parse_as(text, len, "fuzz.md", 2, "front matter", YAMLTREE_MAX_NODES,
					   &slow, &dl);
		FUZZ_CHECK(rc == 0 && dl.n == 0);
		same(&fast, &slow);
		yamltree_free(&fast);
		yamltree_free(&slow);
		diag_list_free(&dl);
	}
	free(text);
	return 0;
}

/* SPDX-License-Identifier: MIT
 * Fuzz the front-matter splitter and the metadata reader as the loader uses
 * them: split the file head, read the fenced YAML through the default field
 * map; also feed the whole input as a sidecar would be. */
#include "tests/fuzz/fuzz.h"

#include "core/meta/article.h"
#include "core/base/diag.h"
#include "core/meta/fieldmap.h"
#include "core/meta/frontmatter.h"

static struct fieldmap fm;
static int fm_ready;

static void read_one(const char *yaml, size_t len, int line_base)
{
	struct article a;
	memset(&a, 0, sizeof a);
	a.id = strdup("fuzz");
	a.path = strdup("fuzz.md");
	struct diag_list dl = DIAG_LIST_INIT;
	frontmatter_read(&a, yaml, len, a.path, line_base, &fm, &dl);
	for (size_t i = 0; i < dl.n; i++) {
		char *s = diag_format(&dl.items[i]);
		FUZZ_CHECK(s != NULL);
		/* Messages quote hostile values: nothing raw may reach stderr. */
		for (const unsigned char *p = (const unsigned char *)s; *p; p++)
			FUZZ_CHECK(*p >= 0x20 && *p != 0x7f);
		free(s);
	}
	for (size_t i = 0; i < a.tags.n; i++)
		FUZZ_CHECK(a.tags.v[i] != NULL);
	for (size_t i = 0; i < a.nextra; i++)
		FUZZ_CHECK(a.extra[i].key && a.extra[i].value);
	if (a.date)
		FUZZ_CHECK(a.date >= 101 && a.date <= 99991231);
	diag_list_free(&dl);
	article_free(&a);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!fm_ready) {
		fieldmap_init_default(&fm);
		fm_ready = 1;
	}
	const char *buf = (const char *)data;
	struct fm_split sp;
	frontmatter_split(buf, size, &sp);
	FUZZ_CHECK(sp.bom == 0 || sp.bom == 3);
	FUZZ_CHECK(!(sp.found && sp.unterminated));
	if (sp.found) {
		FUZZ_CHECK(sp.yaml_off >= sp.bom);
		FUZZ_CHECK(sp.yaml_off + sp.yaml_len <= size);
		FUZZ_CHECK(sp.body_off >= sp.yaml_off + sp.yaml_len && sp.body_off <= size);
		FUZZ_CHECK(sp.yaml_len <= FRONTMATTER_MAX);
		FUZZ_CHECK(sp.body_line >= 2);
		read_one(buf + sp.yaml_off, sp.yaml_len, 2);
	}
	/* A sidecar is YAML from its first byte; cap it as the loader does. */
	if (size <= FRONTMATTER_MAX)
		read_one(buf, size, 1);
	return 0;
}

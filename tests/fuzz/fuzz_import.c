/* SPDX-License-Identifier: MIT
 * Fuzz the importer's text processing with the shipped boilerplate patterns
 * and topic vocabulary: parse raw text, render the article, and read the
 * rendered front matter back — it must split and parse cleanly and give
 * back the same title. Also the slug and the date finder. */
#include "tests/fuzz/fuzz.h"

#include "config/config.h"
#include "core/import/boilerplate.h"
#include "core/base/date.h"
#include "core/meta/fieldmap.h"
#include "core/meta/frontmatter.h"
#include "core/import/import.h"
#include "core/collection/vocab.h"

static struct boilerplate *B;
static struct vocab *V;
static struct fieldmap FM;

static void setup(void)
{
	struct diag_list dl = DIAG_LIST_INIT;
	B = boilerplate_new();
	FUZZ_CHECK(boilerplate_load(B, config_default_boilerplate, strlen(config_default_boilerplate),
				    "boilerplate.yaml", &dl) == 0);
	V = vocab_new();
	FUZZ_CHECK(vocab_load(V, config_topics_ukraine_defence, strlen(config_topics_ukraine_defence),
			      "topics.yaml", &dl) == 0);
	vocab_build(V);
	fieldmap_init_default(&FM);
	diag_list_free(&dl);
}

static void check_rendered(const struct import_result *r)
{
	size_t len = 0;
	char *text = import_render(r, (r->date % 2) ? "https://example.org/a" : NULL, &len);
	FUZZ_CHECK(text != NULL);
	struct fm_split sp;
	frontmatter_split(text, len, &sp);
	FUZZ_CHECK(sp.found && sp.syntax == FM_YAML);
	struct article a;
	memset(&a, 0, sizeof a);
	struct diag_list dl = DIAG_LIST_INIT;
	frontmatter_read(&a, text + sp.yaml_off, sp.yaml_len, "rendered.md", 2, &FM, &dl);
	for (size_t i = 0; i < dl.n; i++)
		fprintf(stderr, "rendered.md:%d:%d: %s\n", dl.items[i].line, dl.items[i].col,
			dl.items[i].msg);
	FUZZ_CHECK(dl.n == 0);
	/* The reader trims blanks around scalars; the importer's title can end
	 * in one (cosmetic, noted in TESTING.md), so compare without them. */
	const char *t = r->title;
	size_t tl = strlen(t);
	while (tl && strchr(" \t\n", t[tl - 1]))
		tl--;
	while (tl && strchr(" \t\n", *t))
		t++, tl--;
	if (tl)
		FUZZ_CHECK(a.title && strlen(a.title) == tl && memcmp(a.title, t, tl) == 0);
	FUZZ_CHECK(a.date == r->date);
	diag_list_free(&dl);
	article_free(&a);
	free(text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!B)
		setup();
	const char *s = (const char *)data;
	size_t ds = 0, de = 0;
	int ymd = date_find(s, size, &ds, &de);
	if (ymd)
		FUZZ_CHECK(ds < de && de <= size && ymd >= 19000101 && ymd <= 21991231);
	/* As cli_import.c: text with a NUL is a binary file, never parsed. */
	if (memchr(s, 0, size))
		return 0;
	struct import_result r;
	memset(&r, 0, sizeof r);
	struct diag_list dl = DIAG_LIST_INIT;
	int rc = import_parse(s, size, B, V, (size % 4 == 1) ? "Wire" : NULL, "fuzz.txt", &r, &dl);
	FUZZ_CHECK(rc == 0 || rc == -1);
	if (rc == 0) {
		FUZZ_CHECK(r.title != NULL && r.body != NULL);
		for (size_t i = 0; i < r.nremoved; i++)
			FUZZ_CHECK(r.removed[i].text && r.removed[i].why && r.removed[i].line >= 1);
		check_rendered(&r);
		char *slug = import_slug(r.title, 60);
		FUZZ_CHECK(slug && *slug && strlen(slug) <= 60);
		for (const char *p = slug; *p; p++)
			FUZZ_CHECK((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-');
		free(slug);
	} else {
		FUZZ_CHECK(dl.n > 0);
	}
	import_result_free(&r);
	diag_list_free(&dl);
	return 0;
}

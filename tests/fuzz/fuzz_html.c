/* SPDX-License-Identifier: MIT
 * Fuzz the web-page reader as the loader uses it: parse, metadata
 * (JSON-LD too), extraction, Markdown and plain bodies, and the metadata
 * applied through the default field map. */
#include "tests/fuzz/fuzz.h"

#include "core/meta/article.h"
#include "core/meta/fieldmap.h"
#include "core/meta/html_page.h"
#include "core/base/json_read.h"
#include "core/text/utf8.h"

static struct fieldmap fm;
static int fm_ready;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!fm_ready) {
		fieldmap_init_default(&fm);
		fm_ready = 1;
	}
	const char *buf = (const char *)data;
	for (int plain = 0; plain < 2; plain++) {
		struct html_page pg;
		struct diag_list dl = DIAG_LIST_INIT;
		html_page_read(buf, size, "fuzz.html", plain, &pg, &dl);
		FUZZ_CHECK(pg.body != NULL && strlen(pg.body) == pg.body_len);
		struct article a;
		memset(&a, 0, sizeof a);
		a.id = strdup("fuzz");
		a.path = strdup("fuzz.html");
		html_page_apply(&pg, &a, a.path, &fm, &dl);
		if (a.date) FUZZ_CHECK(a.date >= 101 && a.date <= 99991231);
		article_free(&a);
		html_page_free(&pg);
		diag_list_free(&dl);
	}
	/* the JSON-LD reader on its own */
	json_val_free(json_read(buf, size));
	return 0;
}

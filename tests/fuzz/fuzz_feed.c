/* SPDX-License-Identifier: MIT
 * Fuzz the feed reader as import uses it: sniff, parse, every item made an
 * import result and rendered as an article file; and the credit and URL
 * line readers on the input's lines. */
#include "tests/fuzz/fuzz.h"

#include "core/import/feed.h"
#include "core/import/import_credit.h"
#include "core/import/import_seen.h"
#include "core/import/import_web.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *buf = (const char *)data;
	(void)feed_sniff(buf, size);
	(void)import_kind_of("f.xml", buf, size);
	struct feed f;
	struct diag_list dl = DIAG_LIST_INIT;
	if (feed_read(buf, size, "fuzz.xml", &f, &dl) == 0) {
		FUZZ_CHECK(f.n <= FEED_MAX_ITEMS);
		for (size_t i = 0; i < f.n; i++) {
			FUZZ_CHECK(f.items[i].body != NULL);
			struct import_result r;
			import_from_item(&f, &f.items[i], &r);
			FUZZ_CHECK(r.title != NULL && r.body != NULL);
			size_t len;
			char *out = import_render(&r, "fuzz.xml", &len);
			FUZZ_CHECK(out && strlen(out) == len);
			(void)import_url_key(r.url);
			(void)import_body_key(r.body, strlen(r.body));
			free(out);
			import_result_free(&r);
		}
		feed_free(&f);
	} else {
		FUZZ_CHECK(dl.n > 0);
	}
	diag_list_free(&dl);
	struct strlist a = {0};
	for (size_t i = 0; i < size;) {
		const char *nl = memchr(buf + i, '\n', size - i);
		size_t e = nl ? (size_t)(nl - buf) : size;
		(void)import_credit_line(buf + i, e - i, &a);
		free(import_url_line(buf + i, e - i));
		i = e + 1;
	}
	strlist_free(&a);
	return 0;
}

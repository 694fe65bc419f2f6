/* SPDX-License-Identifier: MIT
 * Fuzz in-text search: the needle is the input up to the first NUL (or the
 * first 8 bytes), the text is the rest. Hits must lie in the text, in
 * order, without overlap, on cluster boundaries of the original text; the
 * one-shot and the prepared search must agree. */
#include "tests/fuzz/fuzz.h"

#include "core/text/search.h"
#include "core/text/utf8.h"
#include "core/base/util.h"

static bool on_boundary(const char *s, size_t len, size_t off)
{
	size_t p = 0;
	while (p < off)
		p = utf8_cluster_end(s, len, p);
	return p == off;
}

static void check_hits(const char *text, size_t len, const struct search_hit *h, size_t n)
{
	size_t prev = 0;
	for (size_t i = 0; i < n; i++) {
		FUZZ_CHECK(h[i].start < h[i].end);
		FUZZ_CHECK(h[i].end <= len);
		FUZZ_CHECK(h[i].start >= prev);
		if (len < 4096) {
			FUZZ_CHECK(on_boundary(text, len, h[i].start));
			FUZZ_CHECK(on_boundary(text, len, h[i].end));
		}
		prev = h[i].end;
		FUZZ_CHECK(search_hit_after(h, n, h[i].start) <= i);
	}
	FUZZ_CHECK(search_hit_after(h, n, len + 1) == n);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *nul = memchr(data, 0, size);
	size_t nlen = nul ? (size_t)(nul - data) : (size < 8 ? size : 8);
	char *needle = xstrndup((const char *)data, nlen);
	const char *text = (const char *)data + nlen + (nul ? 1 : 0);
	size_t len = size - nlen - (nul ? 1 : 0);

	struct search_text st;
	search_text_init(&st, text, len);
	FUZZ_CHECK(st.orig_len == len);
	for (unsigned flags = 0; flags <= SEARCH_WORD; flags++) {
		struct search_hit *h1 = NULL, *h2 = NULL;
		size_t n1 = search_text_find(&st, needle, nlen, flags, &h1);
		check_hits(text, len, h1, n1);
		size_t n2 = search_find(text, len, needle, flags, &h2);
		FUZZ_CHECK(n1 == n2);
		for (size_t i = 0; i < n1; i++)
			FUZZ_CHECK(h1[i].start == h2[i].start && h1[i].end == h2[i].end);
		free(h1);
		free(h2);
	}
	bool p1 = search_text_has_phrase(&st, needle, nlen);
	/* search_contains_words takes a NUL-terminated phrase: the same one. */
	bool p2 = search_contains_words(text, len, needle);
	FUZZ_CHECK(p1 == p2);
	search_text_free(&st);
	free(needle);
	return 0;
}

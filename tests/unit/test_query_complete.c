/* SPDX-License-Identifier: MIT
 * Completing a query's word at the cursor (core/find/query_complete.c):
 * field names, tag/source/author/lang values matched as the query folds,
 * quoting where the value would not read back, @searches, is:, and the
 * common part Tab inserts never cut inside a character. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "core/base/util.h"
#include "core/find/query_complete.h"

static const char *const tags[] = {"security", "security/cyber", "sports", "東京", "née", "nêne"};
static const char *const sources[] = {"Reuters", "reuters", "Reuters Blog", "AP", "Say \"hi\"",
				      "Odd (paren)", "Tab\there"};
static const char *const authors[] = {"José Saramago", "Jose Ortega", "Ōe Kenzaburō"};
static const char *const langs[] = {"en", "fr", "de"};
static const char *const searches[] = {"weekly", "web", "ukraine-war"};
static const char *const fields[] = {"editor", "edition date"};

static const struct query_complete_src SRC = {
	{tags, ARRAY_LEN(tags)},       {sources, ARRAY_LEN(sources)},
	{authors, ARRAY_LEN(authors)}, {langs, ARRAY_LEN(langs)},
	{searches, ARRAY_LEN(searches)}, {fields, ARRAY_LEN(fields)},
};

/* The candidates of text completed at its end (or at cur when >= 0),
 * joined by '|', and the common part after a '='. */
static char *complete(const char *text, long cur, size_t *from)
{
	struct query_completion c;
	size_t at = cur >= 0 ? (size_t)cur : strlen(text);
	if (!query_complete(text, at, &SRC, &c)) return xstrdup("-");
	char buf[1024] = "";
	for (size_t i = 0; i < c.n; i++) {
		if (i) strcat(buf, "|");
		strcat(buf, c.cand[i]);
	}
	strcat(buf, "=");
	strcat(buf, c.common);
	assert_int_equal(c.to, at);
	if (from) *from = c.from;
	query_completion_free(&c);
	return xstrdup(buf);
}

#define CHECK(text, want)                          \
	do {                                       \
		char *got_ = complete(text, -1, NULL); \
		assert_string_equal(got_, want);   \
		free(got_);                        \
	} while (0)

static void test_field_names(void **st)
{
	(void)st;
	CHECK("ta", "tag:=tag:");
	CHECK("t", "tag:|title:=t");
	CHECK("Ti", "title:=title:"); /* folded */
	CHECK("edi", "editor:=editor:"); /* the collection's key; "edition date" cannot be typed */
	CHECK("zz", "-");
	CHECK("marktag", "-"); /* a passage's field, not an article's */
}

static void test_tags(void **st)
{
	(void)st;
	CHECK("tag:sec", "tag:security |tag:security/cyber =tag:security");
	CHECK("tag:SECURITY/", "tag:security/cyber =tag:security/cyber ");
	CHECK("tag:東", "tag:東京 =tag:東京 ");
	/* "née" and "nêne" share "n" and the first byte of é/ê: the common
	 * part stops before the character, not inside it */
	CHECK("tag:n", "tag:née |tag:nêne =tag:n");
}

static void test_values_fold_and_quote(void **st)
{
	(void)st;
	/* Reuters and reuters are one value to the query: offered once; a
	 * blank needs quotes; a '"' or a tab cannot be typed: not offered */
	CHECK("source:reu", "source:Reuters |source:\"Reuters Blog\" =source:");
	CHECK("source:o", "source:\"Odd (paren)\" =source:\"Odd (paren)\" ");
	CHECK("source:s", "-");
	CHECK("source:t", "-");
	CHECK("author:jos", "author:\"Jose Ortega\" |author:\"José Saramago\" =author:\"Jos");
	CHECK("author:ōe", "author:\"Ōe Kenzaburō\" =author:\"Ōe Kenzaburō\" ");
	CHECK("lang:f", "lang:fr =lang:fr ");
	CHECK("is:un", "is:unread =is:unread ");
	CHECK("url:x", "-");
}

static void test_words_in_a_query(void **st)
{
	(void)st;
	size_t from;
	char *got = complete("after:2024 -tag:spo", -1, &from);
	assert_string_equal(got, "tag:sports =tag:sports ");
	assert_int_equal(from, 12); /* after the '-' */
	free(got);
	got = complete("(is:re OR tag:x)", 6, &from);
	assert_string_equal(got, "is:read =is:read ");
	assert_int_equal(from, 1);
	free(got);
	/* inside an open quote: the field it belongs to */
	got = complete("lang:en source:\"Reuters B", -1, &from);
	assert_string_equal(got, "source:\"Reuters Blog\" =source:\"Reuters Blog\" ");
	assert_int_equal(from, 8);
	free(got);
	CHECK("\"a phra", "-"); /* a phrase: any words */
	CHECK("@we", "@web |@weekly =@we");
	CHECK("search:uk", "search:ukraine-war =search:ukraine-war ");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_field_names),
		cmocka_unit_test(test_tags),
		cmocka_unit_test(test_values_fold_and_quote),
		cmocka_unit_test(test_words_in_a_query),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

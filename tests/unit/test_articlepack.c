/* SPDX-License-Identifier: MIT
 * struct article without its extras' capacity and with its flags in a
 * byte (a million of them stay in a snapshot): extras added one by one
 * keep growing and read back, and a cache record's flags keep only the
 * bits that mean something. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/base/diag.h"
#include "core/base/strbuf.h"
#include "core/meta/article.h"
#include "core/meta/metablob.h"

static void test_room(void **state)
{
	(void)state;
	assert_int_equal(article_extra_room(0), 0);
	for (size_t n = 1; n <= 4; n++) assert_int_equal(article_extra_room(n), 4);
	assert_int_equal(article_extra_room(5), 8);
	assert_int_equal(article_extra_room(8), 8);
	assert_int_equal(article_extra_room(9), 16);
	assert_int_equal(article_extra_room(1000), 1024);
	for (size_t n = 1; n < 5000; n++) assert_true(article_extra_room(n) >= n);
}

/* real-text keys: accents, CJK, an em dash, an emoji, a combining mark */
static void key_for(char *buf, size_t len, size_t i)
{
	static const char *const stems[] = {"café", "東京", "naïve—x", "📰", "e\xcc\x81t\xc3\xa9"};
	snprintf(buf, len, "%s-%zu", stems[i % 5], i);
}

static void test_extras_grow(void **state)
{
	(void)state;
	struct article a = {0};
	char k[64], v[64];
	for (size_t i = 0; i < 300; i++) {
		key_for(k, sizeof k, i);
		snprintf(v, sizeof v, "“value” %zu", i);
		article_set_extra(&a, k, v);
		article_set_extra(&a, k, "second"); /* the first of a key wins */
		assert_int_equal(a.nextra, i + 1);
	}
	for (size_t i = 0; i < 300; i++) {
		key_for(k, sizeof k, i);
		snprintf(v, sizeof v, "“value” %zu", i);
		assert_string_equal(article_get_extra(&a, k), v);
	}
	struct article b;
	article_copy(&b, &a);
	assert_int_equal(b.nextra, 300);
	article_set_extra(&b, "after-copy", "ø");
	assert_string_equal(article_get_extra(&b, "after-copy"), "ø");
	assert_string_equal(article_get_extra(&b, "東京-1"), "“value” 1");
	article_free(&a);
	article_free(&b);
}

/* A record whose flags field carries bits no flag has (a cache written by
 * something else, or damaged): the article keeps the known ones. */
static void test_record_flags(void **state)
{
	(void)state;
	struct article a = {0};
	a.title = "Zürich — “flags”";
	a.date = 20240131;
	a.meta = META_FRONT;
	a.body_line = 1;
	a.flags = ART_TOO_BIG | ART_META_ERROR | ART_DATE_FROM_URL;
	article_set_extra(&a, "ключ", "значение");
	struct diag_list diags = {0};
	struct strbuf sb = {0};
	metablob_encode(&sb, &a, "/root", &diags, 0);
	/* find date (i64) then meta (u32): the flags u32 follows */
	unsigned char pat[12];
	int64_t d = a.date;
	uint32_t m = META_FRONT;
	memcpy(pat, &d, 8);
	memcpy(pat + 8, &m, 4);
	unsigned char *at = NULL;
	for (size_t i = 0; i + 16 <= sb.len && !at; i++)
		if (memcmp((unsigned char *)sb.buf + i, pat, 12) == 0) at = (unsigned char *)sb.buf + i + 12;
	assert_non_null(at);
	uint32_t f;
	memcpy(&f, at, 4);
	assert_int_equal(f, ART_TOO_BIG | ART_META_ERROR | ART_DATE_FROM_URL);
	assert_int_equal(0x10180u & ART_FLAGS_ALL, 0);
	f |= 0x10180u; /* bits that mean nothing */
	memcpy(at, &f, 4);

	struct metablob_rd r = {(const unsigned char *)sb.buf, (const unsigned char *)sb.buf + sb.len, false};
	struct article b = {0};
	struct diag_list out = {0};
	assert_true(metablob_decode(&r, &b, "/root", &out));
	assert_int_equal(b.flags, ART_TOO_BIG | ART_META_ERROR | ART_DATE_FROM_URL);
	assert_string_equal(b.title, "Zürich — “flags”");
	assert_string_equal(article_get_extra(&b, "ключ"), "значение");
	a.title = NULL;
	article_free(&a);
	article_free(&b);
	diag_list_free(&out);
	strbuf_free(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_room),
		cmocka_unit_test(test_extras_grow),
		cmocka_unit_test(test_record_flags),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* SPDX-License-Identifier: MIT
 * What y copies (tui/clip.c): the passage in curly quotes and its
 * citation line, parts left out when missing; base64 for OSC 52 against
 * RFC 4648's test vectors and multi-byte text. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "tui/clip.h"

static void test_base64(void **state)
{
	(void)state;
	static const char *const v[][2] = {{"", ""}, {"f", "Zg=="}, {"fo", "Zm8="}, {"foo", "Zm9v"},
					   {"foob", "Zm9vYg=="}, {"fooba", "Zm9vYmE="}, {"foobar", "Zm9vYmFy"},
					   {"\xe6\x9d\xb1\xe4\xba\xac", "5p2x5Lqs"}};
	for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
		struct strbuf sb = STRBUF_INIT;
		clip_base64(v[i][0], strlen(v[i][0]), &sb);
		assert_string_equal(strbuf_str(&sb), v[i][1]);
		strbuf_free(&sb);
	}
}

static void test_cite(void **state)
{
	(void)state;
	struct article a = {0};
	a.title = "Harbour — cranes";
	a.source = "Port Gazette";
	a.date = 20240606;
	a.url = "https://example.org/h";
	char *au[] = {"Lena Ortiz", "Jo Ng"};
	a.authors.v = au;
	a.authors.n = 2;
	struct collection c = {0};
	c.items = &a;
	c.n = 1;
	struct strbuf sb = STRBUF_INIT;
	clip_cite(&c, 0, "ortiz2024harbour", "東京 crews watched", strlen("東京 crews watched"), &sb);
	assert_string_equal(strbuf_str(&sb), "“東京 crews watched”\n— Lena Ortiz, Jo Ng, “Harbour — cranes”, "
					      "Port Gazette, 2024-06-06, https://example.org/h [@ortiz2024harbour]\n");
	strbuf_reset(&sb);
	a.authors.n = 0;
	a.source = a.url = NULL;
	a.date = 0;
	clip_cite(&c, 0, NULL, "x", 1, &sb);
	assert_string_equal(strbuf_str(&sb), "“x”\n— “Harbour — cranes”\n");
	strbuf_reset(&sb);
	clip_cite(&c, 5, NULL, "gone", 4, &sb); /* article no longer there */
	assert_string_equal(strbuf_str(&sb), "“gone”\n");
	strbuf_free(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_base64),
		cmocka_unit_test(test_cite),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

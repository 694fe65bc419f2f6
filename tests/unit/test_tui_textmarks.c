/* SPDX-License-Identifier: MIT
 * The text pane's passage arithmetic: style runs of a line (the cursor
 * over the selection over marks), code point <-> byte offsets on
 * multi-byte text. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "tui/textmarks.h"

static const char body[] = "One two. Three four.\n\nNext para \xe6\x9d\xb1\xe4\xba\xac here.";

static void test_runs(void **state)
{
	(void)state;
	struct textmarks tm = {0};
	struct tmark m[1] = {{4, 12, MARK_OK, {0}}};
	tm.v = m;
	tm.n = 1;
	struct selection s = {true, 8, 8, 16, false, 0};
	const char text[] = "0123456789abcdef\xe6\x9d\xb1xyz";
	size_t e;
	assert_int_equal(textmarks_run(&tm, &s, text, 22, 0, 20, &e), RUN_PLAIN);
	assert_int_equal(e, 4);
	assert_int_equal(textmarks_run(&tm, &s, text, 22, 4, 20, &e), RUN_MARK);
	assert_int_equal(e, 8);
	assert_int_equal(textmarks_run(&tm, &s, text, 22, 8, 20, &e), RUN_SELECTION);
	assert_int_equal(e, 12);
	assert_int_equal(textmarks_run(&tm, &s, text, 22, 12, 20, &e), RUN_SELECTION);
	assert_int_equal(e, 16);
	assert_int_equal(textmarks_run(&tm, &s, text, 22, 16, 20, &e), RUN_PLAIN);
	assert_int_equal(e, 20);
	/* the cursor's whole cluster (a wide character) wins over the rest */
	s.cursor_on = true;
	s.cursor = 16;
	assert_int_equal(textmarks_run(&tm, &s, text, 22, 16, 22, &e), RUN_CURSOR);
	assert_int_equal(e, 19);
	s.cursor = 6;
	assert_int_equal(textmarks_run(&tm, &s, text, 22, 4, 20, &e), RUN_MARK);
	assert_int_equal(e, 6); /* stops at the cursor */
	assert_int_equal(textmarks_run(&tm, &s, text, 22, 6, 20, &e), RUN_CURSOR);
	assert_int_equal(e, 7);
	assert_int_equal(textmarks_find(&tm, 0, 5, false), 0);
	assert_int_equal(textmarks_find(&tm, 12, 14, false), -1);
	assert_int_equal(textmarks_find(&tm, 4, 12, true), 0);
	assert_int_equal(textmarks_find(&tm, 4, 11, true), -1);
}

static void test_offsets(void **state)
{
	(void)state;
	size_t n = strlen(body);
	const char *tokyo = strstr(body, "\xe6\x9d\xb1");
	size_t b = (size_t)(tokyo - body);
	size_t cp = textmarks_cp_of(body, n, b);
	assert_int_equal(cp, b); /* ASCII before */
	assert_int_equal(textmarks_cp_of(body, n, b + 6), cp + 2);
	assert_int_equal(textmarks_byte_of(body, n, cp + 2), b + 6);
	const char bad[] = "a\xff" "b";
	assert_int_equal(textmarks_cp_of(bad, 3, 3), 3);
	assert_int_equal(textmarks_byte_of(bad, 3, 2), 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_runs),
		cmocka_unit_test(test_offsets),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

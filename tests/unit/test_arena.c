/* SPDX-License-Identifier: MIT
 * The arena the snapshot's articles live in: every allocation aligned and
 * intact whatever its size (small ones share blocks, a big one gets its
 * own without losing the block being filled), all freed at once. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "core/base/arena.h"

static void test_strings_and_sizes(void **st)
{
	(void)st;
	struct arena a = ARENA_INIT;
	static const char *const words[] = {"“quoted”", "café — naïve", "東京", "e\xcc\x81", "🚢", ""};
	char *kept[3000];
	for (size_t i = 0; i < 3000; i++) {
		kept[i] = arena_strdup(&a, words[i % 6]);
		assert_int_equal((uintptr_t)kept[i] % sizeof(void *), 0);
		if (i == 1000) {
			/* the first fits the block being filled; the second, bigger
			 * than a quarter block, gets its own, and the small strings
			 * after it still fill the first block */
			for (int k = 0; k < 2; k++) {
				char *big = arena_alloc(&a, (size_t)600 << 10);
				memset(big, 'x', (size_t)600 << 10);
			}
		}
	}
	for (size_t i = 0; i < 3000; i++) assert_string_equal(kept[i], words[i % 6]);
	assert_null(arena_strdup(&a, NULL));
	assert_string_equal(arena_strndup(&a, "abcdef", 3), "abc");
	assert_true(arena_size(&a) >= ((size_t)600 << 10) + ((size_t)1 << 20));
	assert_true(arena_size(&a) < ((size_t)600 << 10) + ((size_t)3 << 20));
	arena_free(&a);
	assert_int_equal(arena_size(&a), 0);
	arena_free(&a); /* twice is fine */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_strings_and_sizes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

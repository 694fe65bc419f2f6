/* SPDX-License-Identifier: MIT
 * The arena the snapshot's articles live in: every allocation intact
 * whatever its size (small ones share blocks, a big one gets its own
 * without losing the block being filled), all freed at once; arena_alloc
 * aligned for a pointer, strings packed end to end (no alignment). */
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

/* Strings take their bytes and no more; a pointer array after an odd
 * string is still aligned, and the strings before it intact. Fails when
 * every string is rounded up to 8 bytes (~25 MB at a million articles). */
static void test_packed_strings(void **st)
{
	(void)st;
	struct arena a = ARENA_INIT;
	char *s1 = arena_strdup(&a, "ab");      /* 3 bytes */
	char *s2 = arena_strdup(&a, "“q”");     /* 8 bytes */
	char *s3 = arena_strndup(&a, "xyz", 1); /* 2 bytes */
	assert_ptr_equal(s2, s1 + 3);
	assert_ptr_equal(s3, s2 + 8);
	char **v = arena_alloc(&a, 3 * sizeof *v);
	assert_int_equal((uintptr_t)v % sizeof(void *), 0);
	assert_true((char *)v >= s3 + 2);
	v[0] = s1, v[1] = s2, v[2] = s3;
	char *s4 = arena_strdup(&a, "e\xcc\x81");
	assert_ptr_equal(s4, (char *)(v + 3));
	assert_string_equal(v[0], "ab");
	assert_string_equal(v[1], "“q”");
	assert_string_equal(v[2], "x");
	assert_string_equal(s4, "e\xcc\x81");
	arena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_strings_and_sizes),
		cmocka_unit_test(test_packed_strings),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

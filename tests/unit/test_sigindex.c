/* SPDX-License-Identifier: MIT
 * The signature file's record index (core/find/sigindex.h): records asked
 * for in file order are found without building the table (a start that
 * changed nothing), in any other order through it; a path not recorded is
 * not found; a path recorded twice is found; clearing forgets all. Paths
 * are our own, with accents, CJK and emoji. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "core/find/sigindex.h"

#define N 5000

static void path_of(char *buf, size_t n, size_t i)
{
	static const char *const dirs[] = {"café", "東京", "naïve", "news—2024", "📰"};
	snprintf(buf, n, "/srv/coll/%s/a%05zu.md", dirs[i % 5], i);
}

static void fill(struct sigindex *x)
{
	char p[96];
	for (size_t i = 0; i < N; i++) {
		path_of(p, sizeof p, i);
		sigindex_add(x, 40 + 100 * (uint64_t)i, 90 + (uint32_t)(i % 7), p);
	}
}

static void test_in_order_no_table(void **st)
{
	(void)st;
	struct sigindex x = SIGINDEX_INIT;
	fill(&x);
	char p[96];
	for (size_t i = 0; i < N; i++) {
		path_of(p, sizeof p, i);
		size_t got = N;
		assert_true(sigindex_find(&x, p, &got));
		assert_int_equal(got, i);
		assert_int_equal(x.off[got], 40 + 100 * i);
		assert_int_equal(x.len[got], 90 + i % 7);
	}
	assert_null(x.slot); /* in file order: no table was needed */
	sigindex_free(&x);
}

static void test_any_order(void **st)
{
	(void)st;
	struct sigindex x = SIGINDEX_INIT;
	fill(&x);
	char p[96];
	/* a stride through all of them, then each again backwards */
	for (size_t k = 0; k < N; k++) {
		size_t i = (k * 7919) % N, got = N;
		path_of(p, sizeof p, i);
		assert_true(sigindex_find(&x, p, &got));
		assert_int_equal(got, i);
	}
	for (size_t i = N; i-- > 0;) {
		size_t got = N;
		path_of(p, sizeof p, i);
		assert_true(sigindex_find(&x, p, &got));
		assert_int_equal(got, i);
	}
	size_t got;
	assert_false(sigindex_find(&x, "/srv/coll/café/a99999.md", &got));
	assert_false(sigindex_find(&x, "", &got));
	/* an added record after the table was built is found too */
	sigindex_add(&x, 7, 8, "/srv/coll/new/Zoë’s “notes”.md");
	assert_true(sigindex_find(&x, "/srv/coll/new/Zoë’s “notes”.md", &got));
	assert_int_equal(got, N);
	assert_true(sigindex_find(&x, "/srv/coll/東京/a00001.md", &got));
	assert_int_equal(got, 1);
	sigindex_clear(&x);
	assert_false(sigindex_find(&x, "/srv/coll/東京/a00001.md", &got));
	sigindex_free(&x);
}

static void test_twice(void **st)
{
	(void)st;
	struct sigindex x = SIGINDEX_INIT;
	sigindex_add(&x, 40, 10, "/c/a.md");
	sigindex_add(&x, 50, 10, "/c/b.md");
	sigindex_add(&x, 60, 10, "/c/a.md");
	size_t got = 9;
	assert_true(sigindex_find(&x, "/c/b.md", &got)); /* out of order: the table */
	assert_int_equal(got, 1);
	assert_true(sigindex_find(&x, "/c/a.md", &got));
	assert_true(got == 0 || got == 2);
	sigindex_free(&x);
	struct sigindex empty = SIGINDEX_INIT;
	assert_false(sigindex_find(&empty, "/c/a.md", &got));
	sigindex_free(&empty);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_in_order_no_table),
		cmocka_unit_test(test_any_order),
		cmocka_unit_test(test_twice),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

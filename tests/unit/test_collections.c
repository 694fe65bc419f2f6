/* SPDX-License-Identifier: MIT
 * core/collection/collections: valid names, add/replace/find, and the --corpus rule
 * (an existing folder wins, else a name, else the argument as given). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/collection/collections.h"

static void test_names(void **state)
{
	(void)state;
	const char *good[] = {"news", "work-2024", "a.b_c", "X", "n-"};
	const char *bad[] = {"", "-C", "--corpus", "a b", "a/b", "..\xc3\xa9", "café", "a\tb",
			     "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"};
	for (size_t i = 0; i < sizeof good / sizeof *good; i++) assert_true(collections_name_ok(good[i]));
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) assert_false(collections_name_ok(bad[i]));
}

static void test_set_find_resolve(void **state)
{
	(void)state;
	char dir[] = "/tmp/dossier-coll-XXXXXX";
	assert_non_null(mkdtemp(dir));
	assert_int_equal(chdir(dir), 0);
	struct collections c = {0};
	assert_null(collections_find(&c, "news"));
	collections_set(&c, "news", "/srv/clips");
	collections_set(&c, "work", "/srv/notes");
	collections_set(&c, "news", "/srv/clips2"); /* replaces, keeps the order */
	assert_int_equal(c.n, 2);
	assert_string_equal(c.v[0].name, "news");
	assert_string_equal(collections_find(&c, "news"), "/srv/clips2");
	assert_string_equal(collections_find(&c, "work"), "/srv/notes");
	assert_null(collections_find(NULL, "work"));
	/* no folder called work here: the name */
	assert_string_equal(collections_resolve(&c, "work"), "/srv/notes");
	/* neither a folder nor a name: as given (the load says it is missing) */
	assert_string_equal(collections_resolve(&c, "other"), "other");
	/* a folder called work here wins; a file of that name does not */
	assert_int_equal(mkdir("work", 0755), 0);
	assert_string_equal(collections_resolve(&c, "work"), "work");
	assert_int_equal(rmdir("work"), 0);
	FILE *f = fopen("work", "w");
	assert_non_null(f);
	fclose(f);
	assert_string_equal(collections_resolve(&c, "work"), "/srv/notes");
	unlink("work");
	collections_free(&c);
	assert_int_equal(c.n, 0);
	assert_int_equal(chdir("/"), 0);
	rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_set_find_resolve),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

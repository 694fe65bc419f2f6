/* SPDX-License-Identifier: MIT
 * The shared-string cache (core/base/strcache.h): an equal string met
 * again is the same pointer, every answer equals what was asked whatever
 * the slots hold (values that share a slot, long values, empty ones), and
 * a snapshot decoded with it shares its tags and sources across articles. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/base/arena.h"
#include "core/base/strcache.h"
#include "core/collection/collection.h"
#include "core/meta/metacache.h"
#include "tests/unit/testfiles.h"

static void test_shares_equal(void **st)
{
	(void)st;
	struct arena a = ARENA_INIT;
	struct strcache *sc = strcache_new(&a);
	const char *x = strcache_get(sc, "Zürich “news”", strlen("Zürich “news”"));
	const char *y = strcache_get(sc, "Zürich “news” and more", strlen("Zürich “news”"));
	assert_ptr_equal(x, y);
	assert_string_equal(y, "Zürich “news”");
	const char *e1 = strcache_get(sc, "", 0), *e2 = strcache_get(sc, "abc", 0);
	assert_ptr_equal(e1, e2);
	assert_string_equal(e1, "");
	assert_ptr_not_equal(strcache_get(sc, "東京", strlen("東京")), x);
	/* longer than STRCACHE_MAXLEN: copied each time */
	char big[STRCACHE_MAXLEN + 10];
	memset(big, 'q', sizeof big);
	const char *b1 = strcache_get(sc, big, sizeof big), *b2 = strcache_get(sc, big, sizeof big);
	assert_ptr_not_equal(b1, b2);
	assert_int_equal(strlen(b1), sizeof big);
	assert_memory_equal(b2, big, sizeof big);
	strcache_free(sc);
	arena_free(&a);
}

/* Many more distinct values than slots, asked in rounds: every answer is
 * the value asked, NUL-terminated, whatever another value did to its
 * slot; values asked again right after share. */
static void test_many_values(void **st)
{
	(void)st;
	struct arena a = ARENA_INIT;
	struct strcache *sc = strcache_new(&a);
	char buf[64];
	for (int round = 0; round < 3; round++) {
		for (int i = 0; i < 3 * (int)STRCACHE_SLOTS; i++) {
			int n = snprintf(buf, sizeof buf, "tag/é%d%s", i, i % 3 ? "-long-suffix-x" : "");
			const char *s = strcache_get(sc, buf, (size_t)n);
			assert_string_equal(s, buf);
			assert_ptr_equal(strcache_get(sc, buf, (size_t)n), s);
		}
	}
	strcache_free(sc);
	arena_free(&a);
}

/* A snapshot decoded from the cache shares one copy of a tag and of a
 * source across its articles, and reads as a load does. */
static void test_snapshot_shares(void **st)
{
	(void)st;
	char tmpdir[64] = "/tmp/dossier-strcache.XXXXXX", root[128], cachefile[160];
	testfiles_collection_dir(tmpdir, root, sizeof root);
	snprintf(cachefile, sizeof cachefile, "%s/c.meta", tmpdir);
	for (int i = 0; i < 40; i++) {
		char rel[32], text[256];
		snprintf(rel, sizeof rel, "d%d/a%02d.md", i % 2, i);
		int n = snprintf(text, sizeof text,
				 "---\ntitle: Café %d\nsource: Le Monde — Paris\ntags: [économie, t%d]\n---\nBody.\n",
				 i, i % 4);
		testfiles_write(root, rel, text, (size_t)n);
	}
	char *want = testfiles_load_cached(root, cachefile);
	struct fieldmap def;
	fieldmap_init_default(&def);
	struct metacache *mc = metacache_open_file(cachefile, root, &def, 0, NULL);
	struct collection c;
	struct diag_list dl = DIAG_LIST_INIT;
	assert_int_equal(collection_from_cache(&c, root, mc, &dl), 40);
	char *got = testfiles_dump(&c, &dl);
	assert_string_equal(got, want);
	for (size_t i = 1; i < c.n; i++) {
		assert_ptr_equal(c.items[i].source, c.items[0].source);
		assert_ptr_equal(c.items[i].tags.v[0], c.items[0].tags.v[0]);
		assert_ptr_not_equal(c.items[i].title, c.items[0].title);
	}
	assert_ptr_equal(c.items[4].tags.v[1], c.items[0].tags.v[1]);
	free(got);
	free(want);
	collection_free(&c);
	diag_list_free(&dl);
	metacache_close(mc);
	fieldmap_free(&def);
	testfiles_remove(tmpdir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shares_equal),
		cmocka_unit_test(test_many_values),
		cmocka_unit_test(test_snapshot_shares),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

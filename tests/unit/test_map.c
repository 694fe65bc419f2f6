/* SPDX-License-Identifier: MIT
 * core/base/hash and core/base/map: the hash's stored values do not drift, the map
 * finds every key after many grows, keys by length, replacement, clear,
 * collisions in one probe chain, and agreement with a plain linear search
 * over a large random key set. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/base/hash.h"
#include "core/base/map.h"

static void test_hash_values(void **st)
{
	(void)st;
	/* stored on disk (cache checksums and names): these must never change */
	assert_true(hash_bytes("", 0, 0) == 0);
	assert_true(hash_bytes("/x", 2, 7) == 0x935546aa2b414ddfULL);
	assert_true(hash_bytes("/srv/news/My Coll", 17, 7) == 0x871ccd865aba4728ULL);
	/* every length up to two words, and seeds, give different values */
	const char *s = "Kyiv – Київ, “quoted” 東京 🙂";
	for (size_t n = 1; n < strlen(s); n++) {
		assert_true(hash_bytes(s, n, 1) != hash_bytes(s, n - 1, 1));
		assert_true(hash_bytes(s, n, 1) != hash_bytes(s, n, 2));
	}
	/* bytes past len are not read into the value */
	char a[16] = "abcdefghij", b[16] = "abcdefghXY";
	assert_true(hash_bytes(a, 8, 3) == hash_bytes(b, 8, 3));
	assert_true(hash_bytes(a, 9, 3) != hash_bytes(b, 9, 3));
}

static void test_put_get(void **st)
{
	(void)st;
	struct map m = MAP_INIT;
	size_t v = 99;
	assert_false(map_get(&m, "x", &v));
	assert_int_equal(v, 99);
	map_put(&m, "weapons/patriot", 1);
	map_put(&m, "places/kyiv", 2);
	map_put(&m, "", 3);
	map_put(&m, "café", 4);
	map_put(&m, "cafe\xcc\x81", 5); /* another spelling: another key */
	assert_int_equal(m.n, 5);
	assert_true(map_get(&m, "places/kyiv", &v) && v == 2);
	assert_true(map_get(&m, "", &v) && v == 3);
	assert_true(map_get(&m, "café", &v) && v == 4);
	assert_true(map_get(&m, "cafe\xcc\x81", &v) && v == 5);
	assert_false(map_get(&m, "places", NULL));
	assert_false(map_get(&m, "places/kyiv/", NULL));
	/* by length: a prefix of a longer buffer */
	assert_true(map_get_n(&m, "places/kyiv/rest", 11, &v) && v == 2);
	assert_true(map_get_n(&m, "weapons/patriot", 15, &v) && v == 1);
	assert_false(map_get_n(&m, "weapons/patriot", 7, NULL));
	assert_true(map_get_n(&m, "xyz", 0, &v) && v == 3);
	/* a NUL inside the n bytes never matches a shorter key */
	assert_false(map_get_n(&m, "places/kyiv\0zz", 14, NULL));
	/* put on a present key replaces the value, not the count */
	map_put(&m, "places/kyiv", 7);
	assert_int_equal(m.n, 5);
	assert_true(map_get(&m, "places/kyiv", &v) && v == 7);
	map_clear(&m);
	assert_int_equal(m.n, 0);
	assert_false(map_get(&m, "café", NULL));
	map_put(&m, "café", 8);
	assert_true(map_get(&m, "café", &v) && v == 8);
	map_free(&m);
	assert_null(m.slots);
	map_free(&m); /* twice is fine */
}

/* Many keys through many grows, checked against the plain truth. */
static void test_many(void **st)
{
	(void)st;
	enum { N = 20000 };
	char **keys = calloc(N, sizeof *keys);
	struct map m = MAP_INIT;
	srand(42);
	for (size_t i = 0; i < N; i++) {
		char buf[64];
		/* similar keys (a shared prefix, a counter) and random ones */
		if (i % 2) snprintf(buf, sizeof buf, "2024/article-%zu", i);
		else snprintf(buf, sizeof buf, "%x/%x", (unsigned)rand(), (unsigned)i);
		keys[i] = strdup(buf);
		map_put(&m, keys[i], i);
		assert_true(m.nslots >= 2 * m.n);
	}
	assert_int_equal(m.n, N);
	for (size_t i = 0; i < N; i++) {
		size_t v;
		assert_true(map_get(&m, keys[i], &v));
		assert_int_equal(v, i);
	}
	char miss[64];
	for (size_t i = 0; i < 1000; i++) {
		snprintf(miss, sizeof miss, "2024/article-%zu", N + 2 * i + 1);
		assert_false(map_get(&m, miss, NULL));
	}
	/* occupied slots equal the count: nothing lost or doubled by a grow */
	size_t used = 0;
	for (size_t i = 0; i < m.nslots; i++) used += m.slots[i].key != NULL;
	assert_int_equal(used, N);
	map_free(&m);
	for (size_t i = 0; i < N; i++) free(keys[i]);
	free(keys);
}

/* Keys whose slots collide (the same hash modulo the table) still each
 * find their own value, wherever the probe chain wraps. */
static void test_collisions(void **st)
{
	(void)st;
	struct map m = MAP_INIT;
	map_put(&m, "seed", 0); /* 16 slots now */
	size_t mask = m.nslots - 1, want = hash_bytes("seed", 4, 1) & mask;
	char *keys[6];
	size_t nk = 0;
	for (unsigned i = 0; nk < 6 && i < 100000; i++) {
		char buf[16];
		snprintf(buf, sizeof buf, "k%u", i);
		if ((hash_bytes(buf, strlen(buf), 1) & mask) == want) keys[nk++] = strdup(buf);
	}
	assert_int_equal(nk, 6);
	for (size_t i = 0; i < nk; i++) map_put(&m, keys[i], i + 1);
	assert_int_equal(m.nslots, 16); /* 7 of 16: no grow, one chain of 7 */
	size_t v;
	assert_true(map_get(&m, "seed", &v) && v == 0);
	for (size_t i = 0; i < nk; i++) {
		assert_true(map_get(&m, keys[i], &v));
		assert_int_equal(v, i + 1);
	}
	map_free(&m);
	for (size_t i = 0; i < nk; i++) free(keys[i]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hash_values),
		cmocka_unit_test(test_put_get),
		cmocka_unit_test(test_many),
		cmocka_unit_test(test_collisions),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

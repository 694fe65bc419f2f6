/* SPDX-License-Identifier: MIT
 * metaindex_hash_let_go: the lean index's checksum over its mapping in
 * pieces, the pages behind each piece let go. It must equal hash_bytes
 * over the same bytes, and leave none of the pages it passed resident
 * (at a million articles they were ~70 MB of the reader's peak). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "core/base/hash.h"
#include "core/meta/metaindex.h"

#define LEN ((size_t)3 << 20)

/* A temporary file of LEN bytes of text (accents, CJK, dashes), mapped
 * read-only and private as metaindex maps the cache's tail. */
static unsigned char *map_text(FILE **keep)
{
	FILE *f = tmpfile();
	assert_non_null(f);
	static const char *const words[] = {"café ", "東京の ", "— ", "naïve ", "e\xcc\x81 ", "📰 "};
	size_t n = 0;
	for (unsigned i = 0; n < LEN; i++) {
		const char *w = words[(i * 7u + i / 13u) % 6];
		size_t l = strlen(w);
		if (n + l > LEN) l = LEN - n;
		assert_int_equal(fwrite(w, 1, l, f), l);
		n += l;
	}
	assert_int_equal(fflush(f), 0);
	void *m = mmap(NULL, LEN, PROT_READ, MAP_PRIVATE, fileno(f), 0);
	assert_true(m != MAP_FAILED);
	*keep = f;
	return m;
}

/* kB of the mapping at map counted in this process's memory now
 * (/proc/self/smaps: mincore would tell the page cache, not the process) */
static long rss_kb(const unsigned char *map)
{
	FILE *f = fopen("/proc/self/smaps", "r");
	assert_non_null(f);
	char line[512], want[32];
	snprintf(want, sizeof want, "%lx-", (unsigned long)(uintptr_t)map);
	long kb = -1;
	bool in = false;
	while (fgets(line, sizeof line, f) && kb < 0) {
		if (strchr(line, '-') && strchr(line, ' ') && strchr(line, '-') < strchr(line, ' '))
			in = strncmp(line, want, strlen(want)) == 0;
		else if (in && strncmp(line, "Rss:", 4) == 0)
			kb = strtol(line + 4, NULL, 10);
	}
	fclose(f);
	assert_true(kb >= 0);
	return kb;
}

static void test_same_hash(void **state)
{
	(void)state;
	FILE *f;
	unsigned char *map = map_text(&f);
	static const size_t offs[] = {0, 1, 4095, 4096, 12345};
	static const size_t pieces[] = {1, 7, 4096, 65536 + 3, LEN};
	for (size_t o = 0; o < sizeof offs / sizeof *offs; o++)
		for (size_t q = 0; q < sizeof pieces / sizeof *pieces; q++) {
			size_t len = LEN - offs[o] - (q * 1000);
			uint64_t want = hash_bytes(map + offs[o], len, 13);
			assert_true(metaindex_hash_let_go(map, map + offs[o], len, 13, pieces[q]) == want);
		}
	assert_true(metaindex_hash_let_go(map, map, 0, 13, 4096) == hash_bytes(map, 0, 13));
	munmap(map, LEN);
	fclose(f);
}

static void test_lets_go(void **state)
{
	(void)state;
	FILE *f;
	unsigned char *map = map_text(&f);
	(void)hash_bytes(map, LEN, 1); /* every page in, as a plain checksum leaves them */
	assert_true(rss_kb(map) >= (long)(LEN >> 10) - 4);
	const size_t piece = 256 << 10;
	(void)metaindex_hash_let_go(map, map + 100, LEN - 100, 13, piece);
	/* at most the last piece's pages are left (and the last page) */
	assert_true(rss_kb(map) <= (long)(piece >> 10) + 8);
	munmap(map, LEN);
	fclose(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_same_hash),
		cmocka_unit_test(test_lets_go),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* SPDX-License-Identifier: MIT
 * The mapped metadata cache at scale (core/meta/metacache.c): reading
 * its records lets go of the file's pages past a bound instead of holding
 * the whole file (a million articles' cache is ~400 MB), records found by
 * a guessed position answer as the path table does, and records read from
 * a mapping stay whole after the file was replaced by a rewrite. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "core/base/arena.h"
#include "core/base/strbuf.h"
#include "core/base/util.h"
#include "core/collection/collection.h"
#include "core/meta/metacache.h"
#include "tests/unit/testfiles.h"

static char tmpdir[64];
static char root[128], cachefile[160];

#define NFILES 1500

/* NFILES articles with a long summary each (records of ~5 KB: the file
 * is ~8 MB), real text in the titles, spread over 3 folders. */
static void write_collection(void)
{
	struct strbuf body = STRBUF_INIT;
	for (int i = 0; i < 150; i++) strbuf_adds(&body, "Zürich’s “harbour” — 港口 ");
	for (int i = 0; i < NFILES; i++) {
		char rel[64];
		snprintf(rel, sizeof rel, "f%d/a%04d.md", i % 3, i);
		struct strbuf sb = STRBUF_INIT;
		strbuf_addf(&sb, "---\ntitle: \"Café №%d — naïve 東京\"\nsource: Paper %d\n"
			    "tags: [x%d, y]\nsummary: \"%s\"\n---\nBody %d.\n",
			    i, i % 7, i % 5, body.buf, i);
		testfiles_write(root, rel, sb.buf, sb.len);
		strbuf_free(&sb);
	}
	strbuf_free(&body);
}

static int setup(void **state)
{
	(void)state;
	snprintf(tmpdir, sizeof tmpdir, "/tmp/dossier-metamap.XXXXXX");
	testfiles_collection_dir(tmpdir, root, sizeof root);
	snprintf(cachefile, sizeof cachefile, "%s/test.meta", tmpdir);
	write_collection();
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	testfiles_remove(tmpdir);
	return 0;
}

/* A load through the cache file (written when it changed); the dump. */
static char *load_cached(void)
{
	return testfiles_load_cached(root, cachefile);
}

static struct metacache *open_cache(struct fieldmap *def)
{
	fieldmap_init_default(def);
	return metacache_open_file(cachefile, root, def, 0, NULL);
}

/* KB of the cache file's mapping this process holds (Rss in smaps). */
static long mapped_rss_kb(void)
{
	FILE *f = fopen("/proc/self/smaps", "r");
	assert_non_null(f);
	char line[1024];
	bool in = false;
	long kb = -1;
	while (fgets(line, sizeof line, f)) {
		size_t n = strlen(line);
		if (n && line[n - 1] == '\n') line[--n] = '\0';
		unsigned long lo, hi;
		if (sscanf(line, "%lx-%lx ", &lo, &hi) == 2) { /* a mapping's header line */
			in = strstr(line, cachefile) != NULL; /* also "(deleted)" once replaced */
			continue;
		}
		long v;
		if (in && sscanf(line, "Rss: %ld kB", &v) == 1) kb = kb < 0 ? v : kb + v;
	}
	fclose(f);
	return kb;
}

/* A line of /proc/self/status, in kB. */
static long status_kb(const char *key)
{
	FILE *f = fopen("/proc/self/status", "r");
	assert_non_null(f);
	char line[256];
	long v = -1;
	while (fgets(line, sizeof line, f))
		if (strncmp(line, key, strlen(key)) == 0) v = atol(line + strlen(key));
	fclose(f);
	assert_true(v >= 0);
	return v;
}

/* Every record decoded from the map with a 64 KB bound: the process ends
 * up holding a few pages of the ~2 MB file, not all of it, and the
 * articles are those of a load. Fails without metacache_touch's letting
 * go (the whole file stays counted). */
static void test_map_pages_let_go(void **state)
{
	(void)state;
	char *want = load_cached(); /* writes the cache */
	free(load_cached());
	struct stat st;
	assert_int_equal(stat(cachefile, &st), 0);
	assert_true(st.st_size > 6 * 1024 * 1024);
	struct fieldmap def;
	struct metacache *mc = open_cache(&def);
	assert_int_equal(metacache_count(mc), NFILES);
	metacache_set_resident(mc, 64 * 1024);
	struct collection c;
	struct diag_list dl = DIAG_LIST_INIT;
	assert_int_equal(collection_from_cache(&c, root, mc, &dl), NFILES);
	long kb = mapped_rss_kb();
	assert_true(kb >= 0); /* the file is mapped */
	/* the bound, a page per read over it, and the kernel's read-around */
	assert_true(kb <= 64 + 4 + 128);
	char *got = testfiles_dump(&c, &dl);
	assert_string_equal(got, want);
	free(got);
	collection_free(&c);
	diag_list_free(&dl);
	metacache_close(mc);
	fieldmap_free(&def);
	free(want);
}

#if defined(__SANITIZE_ADDRESS__)
#define SAVE_BOUND_KB (6 * 1024)
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SAVE_BOUND_KB (6 * 1024)
#endif
#endif
#ifndef SAVE_BOUND_KB
#define SAVE_BOUND_KB (4 * 1024)
#endif

/* A full check (every key compared) and a rewrite of the whole file
 * (every record copied, its checksum computed) through a 64 KB bound:
 * the old file's mapping stays a few pages. Fails when a pass over the
 * records does not count what it reads (the rewrite's first pass once
 * left the whole file counted). */
static void test_map_pages_let_go_saving(void **state)
{
	(void)state;
	free(load_cached());
	struct fieldmap def;
	struct metacache *mc = open_cache(&def);
	metacache_set_resident(mc, 64 * 1024);
	struct collection c;
	struct diag_list dl = DIAG_LIST_INIT;
	struct collection_load_opts o = {.cache = mc}; /* check_every 0: a full check */
	assert_int_equal(collection_load_with_opts(&c, root, &def, &dl, &o), 0);
	assert_int_equal(metacache_stats(mc).taken, NFILES);
	/* one record put again: the whole file is written (a new check time
	 * alone is only patched in) */
	struct metacache_key key;
	metacache_key_at(mc, 0, &key);
	assert_string_equal(c.items[0].id, "f0/a0000");
	metacache_put(mc, metacache_rel(mc, 0), &key, &c.items[0], root, &dl, dl.n);
	long before = status_kb("VmRSS:");
	FILE *cr = fopen("/proc/self/clear_refs", "w"); /* "5": the peak starts again from now */
	assert_non_null(cr);
	fputs("5", cr);
	fclose(cr);
	assert_int_equal(metacache_save(mc), 0);
	assert_true(metacache_stats(mc).written);
	/* the save's own buffers are ~2 MB; the ~8 MB file must not all be
	 * held at any moment (under AddressSanitizer freed blocks wait in
	 * its quarantine and allocations carry redzones: 3.9-4.0 MB measured,
	 * so 6 MB there, still under the file) */
	assert_true(status_kb("VmHWM:") - before < SAVE_BOUND_KB);
	long kb = mapped_rss_kb();
	assert_true(kb >= 0);
	assert_true(kb <= 64 + 4 + 128);
	collection_free(&c);
	diag_list_free(&dl);
	metacache_close(mc);
	fieldmap_free(&def);
	char *again = load_cached(); /* the file written reads back whole */
	assert_non_null(strstr(again, "f0/a0000.md"));
	free(again);
}

/* metacache_find_near answers as metacache_find for any guess: right,
 * wrong, past the end; and sets the guess past the record it found. */
static void test_find_near(void **state)
{
	(void)state;
	free(load_cached());
	struct fieldmap def;
	struct metacache *mc = open_cache(&def);
	size_t n = metacache_count(mc);
	assert_int_equal(n, NFILES);
	for (size_t i = 0; i < n; i += 97) {
		const char *rel = metacache_rel(mc, i);
		struct metacache_key key;
		metacache_key_at(mc, i, &key);
		const size_t guesses[] = {i, i + 1, 0, n, n + 5, SIZE_MAX};
		for (size_t g = 0; g < ARRAY_LEN(guesses); g++) {
			size_t next = guesses[g];
			assert_int_equal(metacache_find_near(mc, rel, &key, &next), i);
			assert_int_equal(next, i + 1);
		}
		struct metacache_key other = key;
		other.file.mtime_ns ^= 1; /* the file changed: no record */
		size_t next = i;
		assert_int_equal(metacache_find_near(mc, rel, &other, &next), SIZE_MAX);
		assert_int_equal(metacache_find(mc, rel, &other), SIZE_MAX);
		next = i;
		assert_int_equal(metacache_find_near(mc, "f9/none.md", &key, &next), SIZE_MAX);
		assert_int_equal(next, i); /* nothing found: the guess stays */
	}
	metacache_close(mc);
	fieldmap_free(&def);
}

/* The mapped cache file's address range, from /proc/self/maps. */
static void map_range(unsigned long *lo, unsigned long *hi)
{
	FILE *f = fopen("/proc/self/maps", "r");
	assert_non_null(f);
	char line[1024];
	*lo = *hi = 0;
	while (fgets(line, sizeof line, f))
		if (strstr(line, cachefile)) assert_int_equal(sscanf(line, "%lx-%lx ", lo, hi), 2);
	fclose(f);
	assert_true(*lo && *hi > *lo);
}

/* Format 9: the record table points at each path where the mapped file
 * holds it (NUL-terminated there), not at a copy (16 MB at a million
 * records), and reading every path through a 16 KB bound leaves a few
 * pages of the file held. Fails with the paths copied into the heap. */
static void test_paths_in_map(void **state)
{
	(void)state;
	free(load_cached());
	struct fieldmap def;
	struct metacache *mc = open_cache(&def);
	metacache_set_resident(mc, 16 * 1024);
	unsigned long lo, hi;
	map_range(&lo, &hi);
	size_t n = metacache_count(mc), total = 0;
	assert_int_equal(n, NFILES);
	for (size_t i = 0; i < n; i++) {
		const char *rel = metacache_rel(mc, i);
		assert_true((unsigned long)rel >= lo && (unsigned long)rel < hi);
		size_t len = strlen(rel);
		assert_true((unsigned long)rel + len < hi);
		assert_int_equal(len, strlen("f0/a0000.md"));
		assert_string_equal(rel + len - 3, ".md");
		total += len;
	}
	assert_true(total > 0);
	long kb = mapped_rss_kb();
	assert_true(kb >= 0 && kb <= 16 + 4 + 128);
	metacache_close(mc);
	fieldmap_free(&def);
}

/* A snapshot's records are read from a mapping while a refresh replaces
 * the file (a rename): the old mapping stays whole, so records read after
 * the rewrite (pages let go and read again) are the old file's. */
static void test_map_survives_rewrite(void **state)
{
	(void)state;
	char *before = load_cached();
	struct fieldmap def;
	struct metacache *mc = open_cache(&def);
	metacache_set_resident(mc, 16 * 1024);
	/* the file rewritten under the open mapping */
	const char edit[] = "---\ntitle: Rewritten\n---\nNew.\n";
	testfiles_write(root, "f0/a0000.md", edit, sizeof edit - 1);
	struct timespec ts[2] = {{.tv_sec = time(NULL) + 10}, {.tv_sec = time(NULL) + 10}};
	char p[256];
	snprintf(p, sizeof p, "%s/f0/a0000.md", root);
	utimensat(AT_FDCWD, p, ts, 0);
	char *after = load_cached();
	assert_string_not_equal(before, after);
	struct collection c;
	struct diag_list dl = DIAG_LIST_INIT;
	assert_int_equal(collection_from_cache(&c, root, mc, &dl), NFILES);
	char *got = testfiles_dump(&c, &dl);
	assert_string_equal(got, before);
	free(got);
	collection_free(&c);
	diag_list_free(&dl);
	metacache_close(mc);
	fieldmap_free(&def);
	free(before);
	free(after);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_map_pages_let_go, setup, teardown),
		cmocka_unit_test_setup_teardown(test_map_pages_let_go_saving, setup, teardown),
		cmocka_unit_test_setup_teardown(test_find_near, setup, teardown),
		cmocka_unit_test_setup_teardown(test_paths_in_map, setup, teardown),
		cmocka_unit_test_setup_teardown(test_map_survives_rewrite, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

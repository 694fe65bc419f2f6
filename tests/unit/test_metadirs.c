/* SPDX-License-Identifier: MIT
 * Freshness by folder (core/meta/metacache_dirs.c): a warm load that trusts
 * unchanged folders must give exactly what a cold load gives whenever a
 * name was added, removed or renamed; an article edited in place is missed
 * only until the next full check; a damaged folder table is rebuilt. */
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
#include <unistd.h>

#include "core/base/hash.h"
#include "core/base/strbuf.h"
#include "core/base/util.h"
#include "core/collection/collection.h"
#include "core/meta/metacache.h"
#include "core/meta/metacache_int.h"
#include "tests/unit/testfiles.h"

static char tmpdir[64];
static char root[128], cachefile[160];
static int each_calls;

static void write_file(const char *rel, const char *text, size_t len)
{
	testfiles_write(root, rel, text, len);
}
#define WRITE(rel, lit) write_file(rel, lit, sizeof(lit) - 1)

static void derive(void *ctx, struct article *a, const char *body, size_t len)
{
	(void)ctx;
	(void)a;
	(void)body;
	(void)len;
	each_calls++;
}

/* Load with the cache and this bound (check_every; 0: a full check), or
 * without any cache (cache false); swept non-zero: record that as the last
 * full check's time. Returns the dump. */
static char *load_swept(bool cache, int check_every, int64_t swept, struct metacache_stats *st,
			char **note)
{
	each_calls = 0;
	return testfiles_load_with(&(struct testfiles_load){
		.root = root, .cachefile = cache ? cachefile : NULL, .each = derive,
		.check_every = check_every, .swept = swept, .st = st, .note = note});
}

static char *load(bool cache, int check_every, struct metacache_stats *st, char **note)
{
	return load_swept(cache, check_every, 0, st, note);
}

/* The folders an hour old: trusted by the scan (testfiles_age). */
static void age_all(void)
{
	testfiles_age(root, "");
	testfiles_age(root, "f1");
	testfiles_age(root, "f1/deep");
	testfiles_age(root, "f2");
}

static int setup(void **st)
{
	(void)st;
	strcpy(tmpdir, "/tmp/dossier-md.XXXXXX");
	assert_non_null(mkdtemp(tmpdir));
	snprintf(root, sizeof root, "%s/coll", tmpdir);
	snprintf(cachefile, sizeof cachefile, "%s/cache/x.meta", tmpdir);
	mkdir(root, 0700);
	WRITE("a.md", "---\ntitle: \xe2\x80\x9c" "Alpha\xe2\x80\x9d \xe2\x80\x94 caf\xc3\xa9\n"
		      "tags: [Energy]\n---\nBody.\n");
	WRITE("f1/b.md", "---\ntitle: B \xe5\x8c\x97\xe4\xba\xac\n---\nb\n");
	WRITE("f1/c.md", "Sidecar body\n");
	WRITE("f1/c.yaml", "title: Gamma\n");
	WRITE("f1/deep/d.md", "---\ntitle: D e\xcc\x81t\xc3\xa9 \xf0\x9f\x93\xb0\n---\nd\n");
	WRITE("f2/e.md", "---\ntitle: [unclosed\n---\nbody\n");
	age_all();
	return 0;
}

static int teardown(void **st)
{
	(void)st;
	testfiles_remove(tmpdir);
	return 0;
}

/* An unchanged collection: every folder from the cache, no file read, the
 * same answer as a cold load. */
static void test_fresh(void **st)
{
	(void)st;
	char *cold = load(false, 0, NULL, NULL);
	struct metacache_stats s;
	char *first = load(true, 3600, &s, NULL); /* no check yet: a full one */
	assert_string_equal(cold, first);
	assert_int_equal(s.dirs_fresh, 0);
	assert_int_equal(s.dirs_scanned, 4);
	char *warm = load(true, 3600, &s, NULL);
	assert_string_equal(cold, warm);
	assert_int_equal(s.dirs_fresh, 4);
	assert_int_equal(s.dirs_scanned, 0);
	assert_int_equal(s.put, 0);
	assert_false(s.written);
	assert_int_equal(each_calls, 0);
	free(cold);
	free(first);
	free(warm);
}

/* Added, removed, renamed files, a folder added and one removed: each
 * changes its folder's time, and the warm load sees it at once. */
static void test_names_changed(void **st)
{
	(void)st;
	struct metacache_stats s;
	free(load(true, 3600, NULL, NULL));
	WRITE("f1/new.md", "---\ntitle: Newcomer \xe2\x80\x93 \xc3\xa5\n---\nn\n");
	char from[512], to[512];
	snprintf(from, sizeof from, "%s/f2/e.md", root);
	snprintf(to, sizeof to, "%s/f2/e2.md", root);
	assert_int_equal(rename(from, to), 0);
	snprintf(from, sizeof from, "%s/f1/deep/d.md", root);
	assert_int_equal(unlink(from), 0);
	WRITE("f3/added.md", "---\ntitle: In a new folder\n---\nx\n");
	char *warm = load(true, 3600, &s, NULL);
	char *cold = load(false, 0, NULL, NULL);
	assert_string_equal(cold, warm);
	assert_non_null(strstr(warm, "Newcomer"));
	assert_non_null(strstr(warm, "f2/e2|"));
	assert_null(strstr(warm, "f2/e|"));
	assert_null(strstr(warm, "deep/d|"));
	assert_non_null(strstr(warm, "f3/added|"));
	assert_int_equal(s.dirs_fresh, 0); /* every folder changed, the root too */
	free(warm);
	free(cold);
	/* a folder removed, the others as they were */
	age_all();
	testfiles_age(root, "f3");
	free(load(true, 3600, NULL, NULL));
	char p[512];
	snprintf(p, sizeof p, "%s/f3/added.md", root);
	assert_int_equal(unlink(p), 0);
	snprintf(p, sizeof p, "%s/f3", root);
	assert_int_equal(rmdir(p), 0);
	warm = load(true, 3600, &s, NULL);
	cold = load(false, 0, NULL, NULL);
	assert_string_equal(cold, warm);
	assert_null(strstr(warm, "f3/"));
	assert_int_equal(s.dirs_fresh, 3); /* f1, f1/deep, f2 */
	free(warm);
	free(cold);
}

/* A file rewritten in place leaves its folder's time alone: missed until
 * the next full check (the documented window), then seen. */
static void test_edit_in_place(void **st)
{
	(void)st;
	struct metacache_stats s;
	free(load(true, 3600, NULL, NULL));
	WRITE("f1/b.md", "---\ntitle: B rewritten \xe2\x80\x98quoted\xe2\x80\x99\n---\nb\n");
	WRITE("f1/c.yaml", "title: Gamma edited\n"); /* a sidecar too */
	char *warm = load(true, 3600, &s, NULL);
	assert_non_null(strstr(warm, "|B \xe5\x8c\x97\xe4\xba\xac|")); /* the old title */
	assert_null(strstr(warm, "rewritten"));
	assert_int_equal(s.dirs_fresh, 4);
	free(warm);
	/* a full check (dossier refresh) */
	char *full = load(true, 0, &s, NULL);
	char *cold = load(false, 0, NULL, NULL);
	assert_string_equal(cold, full);
	assert_non_null(strstr(full, "rewritten"));
	assert_non_null(strstr(full, "Gamma edited"));
	assert_int_equal(s.put, 2);
	free(full);
	/* and the warm load trusts folders again, now with the new text */
	char *warm2 = load(true, 3600, &s, NULL);
	assert_string_equal(cold, warm2);
	assert_int_equal(s.dirs_fresh, 4);
	free(warm2);
	free(cold);
}

/* A last full check older than the bound: every file is stat-ed again. */
static void test_bound(void **st)
{
	(void)st;
	struct metacache_stats s;
	free(load(true, 3600, NULL, NULL));
	struct fieldmap def;
	fieldmap_init_default(&def);
	struct metacache *mc = metacache_open_file(cachefile, root, &def, 0, NULL);
	assert_true(metacache_swept(mc) > time(NULL) - 60);
	metacache_close(mc);
	/* the last full check 100 s ago (a time back: patched, not rewritten) */
	free(load_swept(true, 3600, time(NULL) - 100, &s, NULL));
	assert_true(s.patched);
	assert_false(s.written);
	WRITE("f1/b.md", "---\ntitle: B seen by the bound\n---\nb\n");
	char *warm = load(true, 3600, &s, NULL); /* 100 s < 3600 s: trusted */
	assert_null(strstr(warm, "seen by the bound"));
	free(warm);
	warm = load(true, 50, &s, NULL); /* 100 s >= 50 s: a full check */
	assert_non_null(strstr(warm, "seen by the bound"));
	assert_int_equal(s.dirs_fresh, 0);
	assert_true(s.written);
	free(warm);
	warm = load(true, 50, &s, NULL); /* that check was recorded */
	assert_int_equal(s.dirs_fresh, 4);
	free(warm);
	fieldmap_free(&def);
}

/* A folder whose scan said something (a symbolic link skipped) and one
 * changed just now are listed every time: their warnings stay, their
 * changes show. */
static void test_untrusted(void **st)
{
	(void)st;
	char link[512];
	snprintf(link, sizeof link, "%s/f2/link.md", root);
	assert_int_equal(symlink("e.md", link), 0);
	testfiles_age(root, "f2");
	struct metacache_stats s;
	char *cold = load(false, 0, NULL, NULL);
	assert_non_null(strstr(cold, "symbolic link not followed"));
	free(load(true, 3600, NULL, NULL));
	char *warm = load(true, 3600, &s, NULL);
	assert_string_equal(cold, warm);
	assert_int_equal(s.dirs_fresh, 3);
	assert_int_equal(s.dirs_scanned, 1);
	free(warm);
	free(cold);
	/* just changed: not trusted the next time */
	WRITE("f1/late.md", "late\n");
	free(load(true, 3600, &s, NULL));
	char *w2 = load(true, 3600, &s, NULL);
	assert_int_equal(s.dirs_scanned, 2); /* f1 and f2 */
	free(w2);
}

/* The cache cut at every length and with bytes flipped: a warm load that
 * trusts folders still answers exactly as a cold one and says the cache
 * was damaged; re-sealed hostile damage never crashes nor lists an
 * article twice. */
static void test_damaged(void **st)
{
	(void)st;
	free(load(true, 3600, NULL, NULL));
	char *cold = load(false, 0, NULL, NULL);
	size_t len;
	unsigned char *good = testfiles_slurp(cachefile, &len);
	unsigned char *bad = xmalloc(len);
	for (size_t cut = 0; cut < len; cut++) {
		testfiles_spit(cachefile, good, cut);
		char *note = NULL;
		char *got = load(true, 3600, NULL, &note);
		assert_string_equal(cold, got);
		assert_non_null(note);
		free(note);
		free(got);
	}
	srand(5);
	for (int round = 0; round < 400; round++) {
		memcpy(bad, good, len);
		size_t at = MC_HEADER + (size_t)rand() % (len - MC_HEADER);
		bad[at] ^= (unsigned char)(1 + rand() % 255);
		bool reseal = round % 2;
		if (reseal) {
			uint64_t sum = hash_bytes(bad + MC_HEADER, len - MC_HEADER, 11);
			memcpy(bad + 40, &sum, 8);
		}
		testfiles_spit(cachefile, bad, len);
		char *note = NULL;
		char *got = load(true, 3600, NULL, &note);
		if (!reseal) {
			assert_string_equal(cold, got);
			assert_non_null(note);
		}
		/* no id twice, whatever the damage */
		struct strlist ids = {0};
		for (const char *p = got; *p; p = strchr(p, '\n') + 1) {
			if (strncmp(p, "diag ", 5) != 0) {
				char *id = xstrndup(p, strcspn(p, "|"));
				assert_false(strlist_has(&ids, id));
				strlist_push_own(&ids, id);
			}
		}
		strlist_free(&ids);
		free(note);
		free(got);
		testfiles_spit(cachefile, good, len);
	}
	free(good);
	free(bad);
	free(cold);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_fresh, setup, teardown),
		cmocka_unit_test_setup_teardown(test_names_changed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_edit_in_place, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bound, setup, teardown),
		cmocka_unit_test_setup_teardown(test_untrusted, setup, teardown),
		cmocka_unit_test_setup_teardown(test_damaged, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

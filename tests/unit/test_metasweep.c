/* SPDX-License-Identifier: MIT
 * The last full check's slot and the check without a load
 * (core/meta/metacache_sweep.c): a full check that finds nothing changed
 * patches 16 bytes of the same file (same inode, every other byte the
 * same) instead of rewriting it; a damaged slot is never trusted and is
 * sealed again by the next check; a patch never lands in a file renamed
 * over the one read; metacache_sweep sees an article or a sidecar edited
 * in place, a folder changed, and nothing else. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/base/fsutil.h"
#include "core/base/util.h"
#include "core/collection/collection.h"
#include "core/collection/dossier.h"
#include "core/meta/metacache.h"
#include "core/meta/metacache_int.h"
#include "core/meta/metaindex.h"
#include "tests/unit/testfiles.h"

static char tmpdir[64];
static char root[128], cachefile[160];

#define WRITE(rel, lit) testfiles_write(root, rel, lit, sizeof(lit) - 1)

/* Open the collection through the cache with this bound (0: a full
 * check), saved with its lean index as a command saves it; the stats of
 * the save, the dump of the load. */
static char *load(int check_every, struct metacache_stats *st)
{
	struct fieldmap def;
	fieldmap_init_default(&def);
	struct metacache *mc = metacache_open_file(cachefile, root, &def, 0, NULL);
	struct dossier d;
	const struct dossier_open_opts o = {.fm = &def, .use_cache = true, .cache = mc,
					    .check_every = check_every};
	assert_int_equal(dossier_open_with(&d, root, &o), 0);
	if (st) *st = metacache_stats(mc);
	metacache_close(mc);
	char *dump = testfiles_dump(&d.coll, &d.diags);
	dossier_close(&d);
	fieldmap_free(&def);
	return dump;
}

static struct metacache *open_mc(struct fieldmap *def)
{
	fieldmap_init_default(def);
	return metacache_open_file(cachefile, root, def, 0, NULL);
}

static unsigned char *slurp(size_t *len)
{
	char *d = NULL;
	assert_int_equal(fsutil_read_file(cachefile, 0, &d, len), 0);
	return (unsigned char *)d;
}

/* The cache's last full check set to when by a patch. */
static void set_swept(int64_t when)
{
	struct fieldmap def;
	struct metacache *mc = open_mc(&def);
	assert_int_equal(metacache_patch_swept(mc, when), 0);
	metacache_close(mc);
	fieldmap_free(&def);
}

static int setup(void **st)
{
	(void)st;
	strcpy(tmpdir, "/tmp/dossier-sw.XXXXXX");
	assert_non_null(mkdtemp(tmpdir));
	snprintf(root, sizeof root, "%s/coll", tmpdir);
	snprintf(cachefile, sizeof cachefile, "%s/cache/x.meta", tmpdir);
	mkdir(root, 0700);
	WRITE("a.md", "---\ntitle: \xe2\x80\x9c" "Alpha\xe2\x80\x9d \xe2\x80\x94 caf\xc3\xa9\n---\nA.\n");
	WRITE("f1/b.md", "---\ntitle: B \xe5\x8c\x97\xe4\xba\xac\n---\nb\n");
	WRITE("f1/c.md", "Sidecar body\n");
	WRITE("f1/c.yaml", "title: Gamma \xf0\x9f\x93\xb0\n");
	WRITE("f1/deep/d.md", "---\ntitle: D e\xcc\x81t\xc3\xa9\n---\nd\n");
	testfiles_age(root, "");
	testfiles_age(root, "f1");
	testfiles_age(root, "f1/deep");
	return 0;
}

static int teardown(void **st)
{
	(void)st;
	testfiles_remove(tmpdir);
	return 0;
}

/* A full check that finds the collection as recorded: the slot patched,
 * the file not rewritten (same inode, every byte outside the slot the
 * same), and the time it records read back by the cache and the lean
 * index alike. */
static void test_patch_in_place(void **st)
{
	(void)st;
	unlink(cachefile);
	struct metacache_stats s;
	free(load(0, &s));
	assert_true(s.written);
	set_swept(time(NULL) - 500);
	struct stat before, after;
	assert_int_equal(stat(cachefile, &before), 0);
	size_t len, len2;
	unsigned char *old = slurp(&len);
	int64_t t0 = time(NULL);
	char *dump = load(0, &s); /* a full check */
	assert_true(s.patched);
	assert_false(s.written);
	assert_int_equal(stat(cachefile, &after), 0);
	assert_true(before.st_ino == after.st_ino);
	unsigned char *now = slurp(&len2);
	assert_int_equal(len, len2);
	assert_memory_equal(old, now, MC_SLOT);
	assert_memory_equal(old + MC_SLOT + 16, now + MC_SLOT + 16, len - MC_SLOT - 16);
	assert_memory_not_equal(old + MC_SLOT, now + MC_SLOT, 8);
	int64_t got = metacache_file_swept(cachefile);
	assert_true(got >= t0 && got <= time(NULL));
	/* the lean index trusts its folders again */
	struct fieldmap def;
	fieldmap_init_default(&def);
	struct metaindex *mx = metaindex_open_file(cachefile, root, &def, 0, 60);
	assert_non_null(mx);
	metaindex_close(mx);
	fieldmap_free(&def);
	/* and a full check in the same second changes nothing at all */
	struct metacache *mc = open_mc(&def);
	assert_int_equal(metacache_swept(mc), got);
	metacache_close(mc);
	fieldmap_free(&def);
	free(old);
	free(now);
	free(dump);
}

/* One byte of the slot flipped: not a time to trust (the lean index will
 * not answer, the cache reports no full check) but not damage either: the
 * records are still used; the next full check seals it again, in place. */
static void test_slot_damaged(void **st)
{
	(void)st;
	unlink(cachefile);
	char *cold = load(0, NULL);
	for (int at = 0; at < 16; at++) {
		size_t len;
		unsigned char *b = slurp(&len);
		b[MC_SLOT + at] ^= 0x20;
		int fd = open(cachefile, O_WRONLY);
		assert_true(fd >= 0);
		assert_int_equal(pwrite(fd, b + MC_SLOT + at, 1, MC_SLOT + at), 1);
		close(fd);
		assert_int_equal(metacache_file_swept(cachefile), 0);
		struct fieldmap def;
		fieldmap_init_default(&def);
		assert_null(metaindex_open_file(cachefile, root, &def, 0, 3600));
		fieldmap_free(&def);
		struct metacache *mc = open_mc(&def);
		assert_int_equal(metacache_swept(mc), 0);
		assert_int_equal(metacache_count(mc), 4);
		metacache_close(mc);
		struct metacache_stats s;
		char *got = load(3600, &s); /* no time to trust: a full check */
		assert_string_equal(cold, got);
		assert_int_equal(s.taken, 4);
		assert_true(s.patched);
		assert_false(s.written);
		assert_true(metacache_file_swept(cachefile) > 0);
		struct metaindex *mx = metaindex_open_file(cachefile, root, &def, 0, 3600);
		assert_non_null(mx);
		metaindex_close(mx);
		size_t len2;
		unsigned char *now = slurp(&len2);
		assert_memory_equal(b, now, MC_SLOT); /* the rest as it was */
		assert_memory_equal(b + MC_SLOT + 16, now + MC_SLOT + 16, len - MC_SLOT - 16);
		free(now);
		free(got);
		free(b);
		fieldmap_free(&def);
	}
	free(cold);
}

/* The file renamed over since it was read: the patch goes nowhere (the
 * new file keeps its own time) instead of vouching for records it never
 * checked. */
static void test_patch_replaced(void **st)
{
	(void)st;
	unlink(cachefile);
	free(load(0, NULL));
	set_swept(1000);
	struct fieldmap def;
	struct metacache *mc = open_mc(&def);
	size_t len;
	unsigned char *b = slurp(&len);
	char tmp[256];
	snprintf(tmp, sizeof tmp, "%s.new", cachefile);
	FILE *f = fopen(tmp, "wb");
	assert_non_null(f);
	fwrite(b, 1, len, f);
	fclose(f);
	assert_int_equal(rename(tmp, cachefile), 0);
	assert_int_equal(metacache_patch_swept(mc, 2000), ESTALE);
	assert_int_equal(metacache_file_swept(cachefile), 1000);
	metacache_close(mc);
	fieldmap_free(&def);
	free(b);
}

/* A session that wrote the file and then has a newer check time writes
 * it whole again (there is no mapping of the new file to patch from). */
static void test_written_then_time(void **st)
{
	(void)st;
	unlink(cachefile);
	struct fieldmap def;
	struct metacache *mc = open_mc(&def);
	struct collection c;
	struct diag_list dl = DIAG_LIST_INIT;
	struct collection_load_opts o = {.cache = mc};
	assert_int_equal(collection_load_with_opts(&c, root, &def, &dl, &o), 0);
	assert_int_equal(metacache_save(mc), 0);
	assert_true(metacache_stats(mc).written);
	int64_t later = time(NULL) + 5;
	metacache_set_swept(mc, later);
	assert_int_equal(metacache_save(mc), 0);
	assert_int_equal(metacache_file_swept(cachefile), later);
	metacache_close(mc);
	collection_free(&c);
	diag_list_free(&dl);
	fieldmap_free(&def);
}

static bool sweep_now(void)
{
	struct fieldmap def;
	struct metacache *mc = open_mc(&def);
	bool same = metacache_sweep(mc);
	metacache_close(mc);
	fieldmap_free(&def);
	return same;
}

/* The check without a load: every file and sidecar stat-ed against its
 * record. An article or a sidecar rewritten in place (its folder's time
 * untouched) and a folder changed are differences; an unchanged
 * collection and a folder the loads list anyway (untrusted) are not. */
static void test_sweep(void **st)
{
	(void)st;
	unlink(cachefile);
	free(load(0, NULL));
	assert_true(sweep_now());
	/* an article rewritten in place, deep down */
	struct stat d0, d1;
	char dir[512];
	snprintf(dir, sizeof dir, "%s/f1/deep", root);
	assert_int_equal(stat(dir, &d0), 0);
	WRITE("f1/deep/d.md", "---\ntitle: D rewritten \xe2\x80\x94 \xe6\x9d\xb1\n---\nd\n");
	assert_int_equal(stat(dir, &d1), 0);
	assert_true(d0.st_mtim.tv_nsec == d1.st_mtim.tv_nsec && d0.st_ctim.tv_nsec == d1.st_ctim.tv_nsec);
	assert_false(sweep_now());
	free(load(0, NULL));
	assert_true(sweep_now());
	/* a sidecar rewritten in place */
	WRITE("f1/c.yaml", "title: Gamma again\n");
	assert_false(sweep_now());
	free(load(0, NULL));
	assert_true(sweep_now());
	/* a name added: the folder's time */
	WRITE("f1/new.md", "---\ntitle: New\n---\nn\n");
	testfiles_age(root, "f1");
	assert_false(sweep_now());
	free(load(0, NULL));
	assert_true(sweep_now());
	/* a folder changed just now is not trusted: the loads list it, the
	 * sweep leaves it to them */
	WRITE("f1/newer.md", "---\ntitle: Newer\n---\nn\n");
	free(load(0, NULL));
	WRITE("f1/newer.md", "---\ntitle: Newer, edited\n---\nn\n");
	assert_true(sweep_now());
	char *got = load(3600, NULL);
	assert_non_null(strstr(got, "Newer, edited"));
	free(got);
	testfiles_age(root, "f1");
	free(load(0, NULL));
	assert_true(sweep_now());
	/* a file removed, its folder's mtime put back: its ctime says so */
	char p[512];
	snprintf(p, sizeof p, "%s/f1/new.md", root);
	assert_int_equal(unlink(p), 0);
	testfiles_age(root, "f1");
	assert_false(sweep_now());
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_patch_in_place, setup, teardown),
		cmocka_unit_test_setup_teardown(test_slot_damaged, setup, teardown),
		cmocka_unit_test_setup_teardown(test_patch_replaced, setup, teardown),
		cmocka_unit_test_setup_teardown(test_written_then_time, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sweep, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

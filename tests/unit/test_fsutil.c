/* SPDX-License-Identifier: MIT
 * The atomic writer: a failure injected at each step leaves the
 * destination as it was and no temporary file behind. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/base/fsutil.h"

static char dir[] = "/tmp/dossier-fsutil-XXXXXX";

static int setup(void **state)
{
	(void)state;
	if (!mkdtemp(dir)) return -1;
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

static char *path_in(const char *name)
{
	static char buf[256];
	snprintf(buf, sizeof buf, "%s/%s", dir, name);
	return buf;
}

static int entries(void)
{
	DIR *d = opendir(dir);
	int n = 0;
	struct dirent *e;
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) n++;
	closedir(d);
	return n;
}

static void assert_content(const char *path, const char *want)
{
	char *got;
	size_t len;
	assert_int_equal(fsutil_read_file(path, 0, &got, &len), 0);
	assert_int_equal(len, strlen(want));
	assert_string_equal(got, want);
	free(got);
}

static void test_write_and_replace(void **state)
{
	(void)state;
	char *p = strdup(path_in("a.txt"));
	assert_int_equal(fsutil_write_atomic(p, "one\n", 4, 0, NULL), 0);
	assert_content(p, "one\n");
	assert_int_equal(fsutil_write_atomic(p, "two!\n", 5, 0, NULL), 0);
	assert_content(p, "two!\n");
	assert_int_equal(entries(), 1);
	unlink(p);
	free(p);
}

static void test_failure_at_each_step(void **state)
{
	(void)state;
	static const char *steps[] = {"open", "write", "fsync", "rename", "dirsync"};
	char *p = strdup(path_in("b.txt"));
	for (size_t i = 0; i < sizeof steps / sizeof *steps; i++) {
		assert_int_equal(fsutil_write_atomic(p, "old\n", 4, 0, NULL), 0);
		fsutil_test_fail_at(steps[i]);
		const char *step = NULL;
		int e = fsutil_write_atomic(p, "new content\n", 12, 0, &step);
		fsutil_test_fail_at(NULL);
		assert_int_not_equal(e, 0);
		assert_non_null(step);
		if (strcmp(steps[i], "dirsync") == 0) {
			/* renamed already: the new file is complete, never partial */
			assert_content(p, "new content\n");
		} else {
			assert_content(p, "old\n");
		}
		assert_int_equal(entries(), 1); /* no temp file left */
	}
	unlink(p);
	free(p);
}

/* FSUTIL_NO_SYNC (derived data only) skips both syncs: a failing fsync
 * does not fail the write, which still lands whole, with no temp left. */
static void test_no_sync(void **state)
{
	(void)state;
	static const char *steps[] = {"fsync", "dirsync"};
	char *p = strdup(path_in("ns.txt"));
	for (size_t i = 0; i < sizeof steps / sizeof *steps; i++) {
		assert_int_equal(fsutil_write_atomic(p, "old\n", 4, 0, NULL), 0);
		fsutil_test_fail_at(steps[i]);
		int e = fsutil_write_atomic(p, "unsynced\n", 9, FSUTIL_NO_SYNC | FSUTIL_PRIVATE, NULL);
		fsutil_test_fail_at(NULL);
		assert_int_equal(e, 0);
		assert_content(p, "unsynced\n");
		assert_int_equal(entries(), 1);
	}
	unlink(p);
	free(p);
}

static void test_no_overwrite(void **state)
{
	(void)state;
	char *p = strdup(path_in("c.txt"));
	assert_int_equal(fsutil_write_atomic(p, "x", 1, FSUTIL_NO_OVERWRITE, NULL), 0);
	assert_int_equal(fsutil_write_atomic(p, "y", 1, FSUTIL_NO_OVERWRITE, NULL), EEXIST);
	assert_content(p, "x");
	/* a symlink at the destination is not written through */
	char *target = strdup(path_in("target"));
	char *link = strdup(path_in("link"));
	assert_int_equal(fsutil_write_atomic(target, "keep", 4, 0, NULL), 0);
	assert_int_equal(symlink(target, link), 0);
	assert_int_equal(fsutil_write_atomic(link, "z", 1, FSUTIL_NO_OVERWRITE, NULL), EEXIST);
	assert_int_equal(fsutil_write_atomic(link, "z", 1, 0, NULL), 0);
	assert_content(target, "keep");
	struct stat st;
	assert_int_equal(lstat(link, &st), 0);
	assert_true(S_ISREG(st.st_mode));
	assert_int_equal(entries(), 3);
	unlink(p);
	unlink(target);
	unlink(link);
	free(p);
	free(target);
	free(link);
}

static void test_missing_folder_and_reads(void **state)
{
	(void)state;
	assert_int_equal(fsutil_write_atomic(path_in("nope/x.txt"), "x", 1, 0, NULL), ENOENT);
	char *data;
	size_t len;
	assert_int_equal(fsutil_read_file(path_in("absent"), 0, &data, &len), ENOENT);
	assert_null(data);
	assert_int_equal(fsutil_read_file(dir, 0, &data, &len), EISDIR);
	assert_int_equal(fsutil_read_file("/dev/null", 0, &data, &len), EINVAL);
	char *p = strdup(path_in("big"));
	assert_int_equal(fsutil_write_atomic(p, "0123456789", 10, 0, NULL), 0);
	assert_int_equal(fsutil_read_file(p, 5, &data, &len), EFBIG);
	unlink(p);
	free(p);
	char *deep = strdup(path_in("m/n/o"));
	assert_int_equal(fsutil_mkdir_p(deep, 0700), 0);
	assert_int_equal(fsutil_mkdir_p(deep, 0700), 0);
	free(deep);
}

static void test_stale_temps(void **state)
{
	(void)state;
	char *p = strdup(path_in("s.yaml"));
	assert_int_equal(fsutil_write_atomic(p, "ok", 2, 0, NULL), 0);
	/* pid 999999999 cannot exist (pid_max is far lower); our own pid runs */
	char *dead = strdup(path_in(".s.yaml.tmp-999999999-1a0"));
	char live[300];
	snprintf(live, sizeof live, "%s/.s.yaml.tmp-%ld-2b0", dir, (long)getppid());
	assert_int_equal(fsutil_write_atomic(dead, "x", 1, 0, NULL), 0);
	assert_int_equal(fsutil_write_atomic(live, "y", 1, 0, NULL), 0);
	assert_int_equal(fsutil_clean_stale_temps(p), 1);
	assert_int_not_equal(access(dead, F_OK), 0);
	assert_int_equal(access(live, F_OK), 0);
	assert_content(p, "ok");
	unlink(live);
	unlink(p);
	free(dead);
	free(p);
}

/* The writer in pieces: appended pieces plus a pwrite over bytes already
 * written land whole; a failure at any step, or at a later piece only
 * ("write+1"), leaves the old file and no temp file. */
static void test_pieces(void **state)
{
	(void)state;
	static const char *steps[] = {"open", "write", "write+1", "rename"};
	char *p = strdup(path_in("pc.txt"));
	struct fsutil_atomic w;
	assert_int_equal(fsutil_atomic_open(&w, p, FSUTIL_NO_SYNC), 0);
	assert_int_equal(fsutil_atomic_write(&w, "head ????\n", 10), 0);
	assert_int_equal(fsutil_atomic_write(&w, "caf\xc3\xa9 \xe2\x80\x94 tail\n", 15), 0);
	assert_int_equal(fsutil_atomic_pwrite(&w, "1234", 4, 5), 0);
	assert_int_equal(fsutil_atomic_commit(&w, NULL), 0);
	assert_content(p, "head 1234\ncaf\xc3\xa9 \xe2\x80\x94 tail\n");
	for (size_t i = 0; i < sizeof steps / sizeof *steps; i++) {
		fsutil_test_fail_at(steps[i]);
		const char *step = NULL;
		int e = fsutil_atomic_open(&w, p, FSUTIL_NO_SYNC);
		fsutil_atomic_write(&w, "first ", 6);
		fsutil_atomic_write(&w, "second\n", 7);
		fsutil_atomic_pwrite(&w, "F", 1, 0);
		e = fsutil_atomic_commit(&w, &step);
		fsutil_test_fail_at(NULL);
		assert_int_not_equal(e, 0);
		assert_non_null(step);
		assert_content(p, "head 1234\ncaf\xc3\xa9 \xe2\x80\x94 tail\n");
		assert_int_equal(entries(), 1);
	}
	/* abort drops the temp file */
	assert_int_equal(fsutil_atomic_open(&w, p, 0), 0);
	fsutil_atomic_write(&w, "never\n", 6);
	fsutil_atomic_abort(&w);
	assert_int_equal(entries(), 1);
	unlink(p);
	free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_write_and_replace),
		cmocka_unit_test(test_pieces),
		cmocka_unit_test(test_failure_at_each_step),
		cmocka_unit_test(test_no_sync),
		cmocka_unit_test(test_no_overwrite),
		cmocka_unit_test(test_missing_folder_and_reads),
		cmocka_unit_test(test_stale_temps),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}

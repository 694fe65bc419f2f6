/* SPDX-License-Identifier: MIT
 * The background full check's work, run here in the test's own process
 * (cli_sweep_run; the fork around it is tests/cli/sweep.sh's): with
 * nothing changed the cache file stays the same file with only its check
 * time new; an article or a sidecar edited in place is read again and
 * saved, so a load that trusts the folders then shows it; and the bound a
 * command's loads use while a sweep runs. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/base/xdg.h"
#include "core/cli/cli.h"
#include "core/collection/dossier.h"
#include "core/meta/metacache.h"
#include "tests/unit/testfiles.h"

static char tmpdir[64] = "/tmp/dossier-cs.XXXXXX";
static char root[128];

#define WRITE(rel, lit) testfiles_write(root, rel, lit, sizeof(lit) - 1)

/* Open as a command within the window would (folders trusted); the dump. */
static char *open_trusting(int check_every)
{
	struct dossier d;
	const struct dossier_open_opts o = {.use_cache = true, .check_every = check_every};
	assert_int_equal(dossier_open_with(&d, root, &o), 0);
	char *dump = testfiles_dump(&d.coll, &d.diags);
	dossier_close(&d);
	return dump;
}

static ino_t inode_of(const char *path)
{
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	return st.st_ino;
}

static void test_sweep_run(void **state)
{
	(void)state;
	testfiles_collection_dir(tmpdir, root, sizeof root);
	WRITE("2025/one.md", "---\ntitle: \xe2\x80\x9cOne\xe2\x80\x9d \xe2\x80\x94 caf\xc3\xa9\n---\nx\n");
	WRITE("2025/two.md", "Plain body \xf0\x9f\x93\xb0\n");
	WRITE("2025/two.yaml", "title: Two \xe5\x8c\x97\xe4\xba\xac\n");
	WRITE("top.md", "---\ntitle: Top e\xcc\x81\n---\nz\n");
	testfiles_age(root, "");
	testfiles_age(root, "2025");
	char *cold = open_trusting(0); /* the cache, with a full check */
	char *file = xdg_collection_file(XDG_BASE_CACHE, root, ".meta");
	struct cli_ctx cx = {.corpus = root, .check_every = 60};
	/* nothing changed: the same file, a new check time */
	ino_t ino = inode_of(file);
	int64_t t0 = metacache_file_swept(file);
	sleep(1);
	assert_int_equal(cli_sweep_run(&cx), 0);
	assert_true(inode_of(file) == ino);
	assert_true(metacache_file_swept(file) > t0);
	char *warm = open_trusting(3600);
	assert_string_equal(cold, warm);
	free(warm);
	/* an article and a sidecar rewritten in place: read again, saved */
	WRITE("2025/one.md", "---\ntitle: One, rewritten \xe2\x80\x93 \xc3\xa5\n---\nx\n");
	WRITE("2025/two.yaml", "title: Two, rewritten \xe6\x9d\xb1\n");
	warm = open_trusting(3600);
	assert_null(strstr(warm, "One, rewritten")); /* the folders alone cannot tell */
	free(warm);
	assert_int_equal(cli_sweep_run(&cx), 0);
	assert_true(inode_of(file) != ino);
	warm = open_trusting(3600);
	assert_non_null(strstr(warm, "One, rewritten"));
	assert_non_null(strstr(warm, "Two, rewritten"));
	char *now = open_trusting(0);
	assert_string_equal(now, warm);
	free(now);
	free(warm);
	/* the bound: INT_MAX only while a sweep runs, and never for 0 */
	assert_int_equal(cli_check_bound(&cx), 60);
	cx.sweeping = true;
	assert_int_equal(cli_check_bound(&cx), INT_MAX);
	cx.check_every = 0;
	assert_int_equal(cli_check_bound(&cx), 0);
	free(file);
	free(cold);
	testfiles_remove(tmpdir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sweep_run),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

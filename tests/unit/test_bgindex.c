/* SPDX-License-Identifier: MIT
 * The index build shared by the command line and the reader: built now or
 * on a thread, it answers the same words; a cancelled build gives no
 * index; an index that cannot be opened gives no job and a note. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/find/bgindex.h"
#include "core/collection/dossier.h"
#include "core/find/ftsindex.h"
#include "tests/unit/testfiles.h"

static char tmpdir[64], root[128];

static int setup(void **st)
{
	(void)st;
	strcpy(tmpdir, "/tmp/dossier-bgindex.XXXXXX");
	testfiles_collection_dir(tmpdir, root, sizeof root);
	const char *a = "---\ntitle: Grid\n---\nKyiv\xe2\x80\x99s grid held; the caf\xc3\xa9 stayed open.\n";
	const char *b = "---\ntitle: \xe6\x9d\xb1\xe4\xba\xac\n---\nHarbour strike \xe2\x80\x94 day two.\n";
	testfiles_write(root, "a.md", a, strlen(a));
	testfiles_write(root, "b.md", b, strlen(b));
	return 0;
}

static int teardown(void **st)
{
	(void)st;
	testfiles_remove(tmpdir);
	return 0;
}

/* "kyiv" is in a only, "strike" in b only: the index must say so. */
static void check_answers(struct ftsindex *fx, const struct dossier *d)
{
	const char *kyiv[] = {"kyiv"}, *strike[] = {"strike"}, *cafe[] = {"caf\xc3\xa9"};
	long a = collection_find(&d->coll, "a"), b = collection_find(&d->coll, "b");
	assert_true(a >= 0 && b >= 0);
	assert_int_equal(ftsindex_text_match(fx, (size_t)a, kyiv, 1), 1);
	assert_int_equal(ftsindex_text_match(fx, (size_t)b, kyiv, 1), 0);
	assert_int_equal(ftsindex_text_match(fx, (size_t)b, strike, 1), 1);
	assert_int_equal(ftsindex_text_match(fx, (size_t)a, cafe, 1), 1);
}

static void test_now_and_background_agree(void **st)
{
	(void)st;
	struct dossier d;
	assert_int_equal(dossier_open(&d, root, NULL, NULL, NULL, NULL), 0);
	char *note = NULL;
	struct ftsindex *fx = bgindex_build_now(&d.coll, &note);
	assert_non_null(fx);
	assert_null(note);
	check_answers(fx, &d);
	ftsindex_close(fx);

	struct bgindex *b = bgindex_start(&d.coll, &note);
	assert_non_null(b);
	assert_null(note);
	while (!bgindex_finished(b)) usleep(1000);
	size_t done, total;
	bgindex_progress(b, &done, &total);
	assert_true(done <= total || total == 0);
	fx = bgindex_finish(b, false);
	assert_non_null(fx);
	check_answers(fx, &d);
	ftsindex_close(fx);
	dossier_close(&d);
}

static void test_cancel_gives_nothing(void **st)
{
	(void)st;
	struct dossier d;
	assert_int_equal(dossier_open(&d, root, NULL, NULL, NULL, NULL), 0);
	char *note = NULL;
	struct bgindex *b = bgindex_start(&d.coll, &note);
	assert_non_null(b);
	assert_null(bgindex_finish(b, true));
	dossier_close(&d);
}

static void test_unopenable_index(void **st)
{
	(void)st;
	struct dossier d;
	assert_int_equal(dossier_open(&d, root, NULL, NULL, NULL, NULL), 0);
	char bad[160];
	snprintf(bad, sizeof bad, "%s/file", tmpdir); /* the cache "folder" is a file */
	testfiles_write(tmpdir, "file", "x", 1);
	setenv("XDG_CACHE_HOME", bad, 1);
	char *note = NULL;
	assert_null(bgindex_start(&d.coll, &note));
	assert_non_null(note);
	free(note);
	note = NULL;
	assert_null(bgindex_build_now(&d.coll, &note));
	assert_non_null(note);
	free(note);
	snprintf(bad, sizeof bad, "%s/cache", tmpdir);
	setenv("XDG_CACHE_HOME", bad, 1);
	dossier_close(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_now_and_background_agree),
		cmocka_unit_test(test_cancel_gives_nothing),
		cmocka_unit_test(test_unopenable_index),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}

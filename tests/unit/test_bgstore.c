/* SPDX-License-Identifier: MIT
 * The reading state opened on a thread (core/state/bgstore.h) is the
 * store store_open gives: read flags and the article read last for ids
 * with accents, CJK and emoji; a damaged file's problem comes back with
 * its FILE:LINE:COL; a missing file is an empty state. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/base/diag.h"
#include "core/base/util.h"
#include "core/state/bgstore.h"
#include "core/state/store.h"

static char dir[] = "/tmp/dossier-bgstore-XXXXXX";

static void path_in(char *buf, size_t cap, const char *name)
{
	snprintf(buf, cap, "%s/%s", dir, name);
}

static const char *const ids[] = {"2024/“quoted” — café", "東京/記事", "emoji/🚢-1", "Zoë/Brontë"};

static void test_same_as_store_open(void **state)
{
	(void)state;
	char path[128];
	path_in(path, sizeof path, "state.yaml");
	struct diag_list dl = DIAG_LIST_INIT;
	struct store *w = store_open(path, &dl);
	for (size_t i = 0; i < 4; i += 2) store_set_read(w, ids[i], true);
	store_set_last(w, ids[2]);
	assert_int_equal(store_save(w, &dl), 0);
	store_free(w);

	struct store *st = bgstore_finish(bgstore_start(path), &dl);
	assert_int_equal(dl.n, 0);
	for (size_t i = 0; i < 4; i++) assert_int_equal(store_is_read(st, ids[i]), i % 2 == 0);
	assert_string_equal(store_last(st), ids[2]);
	store_free(st);
	unlink(path);
}

static void test_damaged_and_missing(void **state)
{
	(void)state;
	char path[128];
	path_in(path, sizeof path, "bad.yaml");
	FILE *f = fopen(path, "w");
	fputs("version: 1\nread: [\"a\", \n", f); /* the flow sequence never ends */
	fclose(f);
	struct diag_list dl = DIAG_LIST_INIT;
	struct store *st = bgstore_finish(bgstore_start(path), &dl);
	assert_non_null(st);
	assert_true(dl.n > 0);
	char *m = diag_format(&dl.items[0]);
	assert_non_null(strstr(m, "bad.yaml:3:1: "));
	free(m);
	diag_list_free(&dl);
	store_free(st);

	path_in(path, sizeof path, "none.yaml");
	dl = (struct diag_list)DIAG_LIST_INIT;
	st = bgstore_finish(bgstore_start(path), &dl);
	assert_non_null(st);
	assert_int_equal(dl.n, 0);
	assert_false(store_is_read(st, ids[0]));
	assert_null(store_last(st));
	store_free(st);
}

static int setup(void **state)
{
	(void)state;
	return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	char cmd[96];
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	return system(cmd) == 0 ? 0 : -1;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_same_as_store_open),
		cmocka_unit_test(test_damaged_and_missing),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}

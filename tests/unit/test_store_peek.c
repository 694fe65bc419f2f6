/* SPDX-License-Identifier: MIT
 * The peek at a state file for the reader's first screen (store_peek in
 * core/state/store.h) answers what the whole store answers: the article
 * read last and every id's read flag, for ids with quotes, escapes,
 * accents, CJK and emoji, past 4,096 ids; an empty or missing state reads
 * as nothing read; any other shape is refused (the store is opened first
 * then). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/base/fsutil.h"
#include "core/base/util.h"
#include "core/state/store.h"

static char dir[] = "/tmp/dossier-peek-XXXXXX";

static char *path_in(const char *name)
{
	char *p = xmalloc(strlen(dir) + strlen(name) + 2);
	sprintf(p, "%s/%s", dir, name);
	return p;
}

static const char *const odd[] = {
	"2024/“quoted” — café", "a\"b\\c", "東京/記事", "emoji/🚢-1", "e\xcc\x81t\xc3\xa9",
	"tab\there", "Zoë/Brontë", "x/y/z",
};

/* The id of article i: odd ones first, then plain ones. */
static void id_of(size_t i, char *buf, size_t cap)
{
	size_t n = sizeof odd / sizeof *odd;
	if (i < n) snprintf(buf, cap, "%s", odd[i]);
	else snprintf(buf, cap, "f%03zu/a%05zu", i % 97, i);
}

static void test_peek_agrees(void **unused)
{
	(void)unused;
	char *sp = path_in("s.yaml");
	struct diag_list dl = DIAG_LIST_INIT;
	struct store *st = store_open(sp, &dl);
	char id[64];
	const size_t N = 9000;
	for (size_t i = 0; i < N; i++) {
		id_of(i, id, sizeof id);
		if (i % 3 != 1) store_set_read(st, id, true);
		if (i % 5 == 0) store_set_position(st, id, i); /* unread with a position too */
	}
	store_set_last(st, "2024/“quoted” — café");
	assert_int_equal(store_save(st, &dl), 0);
	store_free(st);
	st = store_open(sp, &dl);
	struct store_peek *pk = store_peek_open(sp);
	assert_non_null(pk);
	assert_string_equal(store_peek_last(pk), store_last(st));
	for (size_t i = 0; i < N + 50; i++) { /* the last 50 are in neither */
		id_of(i, id, sizeof id);
		assert_int_equal(store_peek_read(pk, id), store_is_read(st, id));
	}
	assert_false(store_peek_read(pk, ""));
	assert_false(store_peek_read(pk, "\xff"));
	store_peek_free(pk);
	store_free(st);
	assert_int_equal(dl.n, 0);
	unlink(sp);
	free(sp);
}

static void test_peek_empty_and_missing(void **unused)
{
	(void)unused;
	char *sp = path_in("none.yaml");
	struct store_peek *pk = store_peek_open(sp); /* missing */
	assert_non_null(pk);
	assert_null(store_peek_last(pk));
	assert_false(store_peek_read(pk, "a"));
	store_peek_free(pk);
	/* a store with a mark but no article entries: `articles: {}` */
	struct diag_list dl = DIAG_LIST_INIT;
	struct store *st = store_open(sp, &dl);
	store_set_last(st, "a");
	assert_int_equal(store_save(st, &dl), 0);
	store_free(st);
	pk = store_peek_open(sp);
	assert_non_null(pk);
	assert_string_equal(store_peek_last(pk), "a");
	assert_false(store_peek_read(pk, "a"));
	store_peek_free(pk);
	/* an empty file: not the written shape */
	assert_int_equal(fsutil_write_atomic(sp, "", 0, 0, NULL), 0);
	assert_null(store_peek_open(sp));
	unlink(sp);
	free(sp);
	diag_list_free(&dl);
}

/* Shapes a hand could write, which the whole store reads: refused. */
static void test_peek_refuses(void **unused)
{
	(void)unused;
	static const char *const texts[] = {
		"version: 1\nlast: 'single'\narticles: {}\nmarks: []\n",
		"last: \"a\"\nversion: 1\narticles: {}\nmarks: []\n",
		"version: 1\narticles:\n  a: {read: true}\nmarks: []\n", /* a plain key */
		"version: 1\narticles: {\"a\": {read: true}}\nmarks: []\n",
		"version: 1\nlast: \"a\x01\"\narticles: {}\nmarks: []\n",
		"version: 1\narticles:\n  \"a\": {read: true}\n",           /* no marks line */
	};
	char *sp = path_in("hand.yaml");
	for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
		assert_int_equal(fsutil_write_atomic(sp, texts[i], strlen(texts[i]), 0, NULL), 0);
		struct store_peek *pk = store_peek_open(sp);
		if (i == 2) { /* the head is the shape; its line is not: no flag */
			assert_non_null(pk);
			assert_false(store_peek_read(pk, "a"));
			store_peek_free(pk);
			continue;
		}
		assert_null(pk);
	}
	unlink(sp);
	free(sp);
}

int main(void)
{
	if (!mkdtemp(dir)) return 1;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_peek_agrees),
		cmocka_unit_test(test_peek_empty_and_missing),
		cmocka_unit_test(test_peek_refuses),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	const char *const left[] = {"s.yaml.lock", "none.yaml.lock"};
	for (size_t i = 0; i < 2; i++) {
		char *p = path_in(left[i]);
		unlink(p);
		free(p);
	}
	rmdir(dir);
	return rc;
}

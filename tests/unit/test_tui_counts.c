/* SPDX-License-Identifier: MIT
 * The status line's kept unread counts (tui/counts.c) against a full
 * recount after every kind of change: read and unread here, a read flag
 * set by another process (the CLI) and merged by a save, a filter, undo,
 * a sort, the store closed and the read table in memory again. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/base/util.h"
#include "core/state/store.h"
#include "tui/context.h"
#include "tui/counts.h"
#include "tui/filter.h"
#include "tui/load.h"
#include "tui/sort.h"
#include "tui/state.h"
#include "tui/tui.h"
#include "tests/unit/tuitest.h"

static char state_dir[64];
static char state_path[128];
static struct settings settings; /* the built-in defaults */

static struct tui *open_find(void)
{
	struct tui *t = tuitest_open(&settings, "tests/data/find", state_path, false);
	assert_int_equal(t->d.coll.n, 5);
	return t;
}


/* The kept counts equal a recount; returns the unread count in all. */
static size_t same(struct tui *t)
{
	size_t all = counts_unread_all(t), listed = counts_unread_listed(t);
	assert_int_equal(all, counts_recount_all(t));
	assert_int_equal(listed, counts_recount_listed(t));
	tui_draw(t, R_DRAW_ALL); /* the status line asks the same */
	assert_int_equal(counts_unread_all(t), all);
	return all;
}

/* Another process (`dossier read ID`) marks id read in the state file. */
static void cli_mark_read(const char *id)
{
	struct diag_list dl = DIAG_LIST_INIT;
	struct store *s = store_open(state_path, &dl);
	store_set_read(s, id, true);
	assert_int_equal(store_save(s, &dl), 0);
	store_free(s);
	diag_list_free(&dl);
}

static void test_counts_follow_every_change(void **state)
{
	(void)state;
	unlink(state_path);
	struct tui *t = open_find();
	assert_non_null(t->store);
	assert_int_equal(same(t), 5);
	context_set_read(t, 0, true);
	assert_int_equal(same(t), 4);
	context_set_read(t, 1, true);
	context_set_read(t, 0, false);
	assert_int_equal(same(t), 4);
	assert_true(tui_state_save(t));
	assert_int_equal(same(t), 4);
	/* the CLI marks two more read while the reader runs; the reader's
	 * next save merges them in */
	cli_mark_read(t->d.coll.items[2].id);
	cli_mark_read(t->d.coll.items[3].id);
	assert_int_equal(same(t), 4); /* not merged yet: the reader's view */
	assert_true(tui_state_save(t));
	assert_int_equal(same(t), 2);
	/* a filter: the list's count changes, the collection's does not */
	tuitest_keys(t, "ftag:war<Enter>");
	assert_int_equal(t->norder, 2);
	assert_int_equal(same(t), 2);
	context_set_read(t, t->order[0], !context_is_read(t, t->order[0]));
	same(t);
	tui_state_undo(t);
	same(t);
	tuitest_keys(t, "F");
	assert_int_equal(t->norder, 5);
	same(t);
	t->sort = SORT_TITLE;
	sort_apply(t);
	same(t);
	/* undo back to the start: only the merged two stay read */
	while (tui_state_undo(t) != R_DRAW_STATUS) same(t);
	assert_int_equal(same(t), 3);
	/* the store closed: the table in memory (all unread) counts */
	tui_state_close(t, false);
	t->rs = context_readstate_memory(t);
	assert_int_equal(same(t), 5);
	context_set_read(t, 4, true);
	assert_int_equal(same(t), 4);
	tuitest_close(t);
}

/* The store's counter moves when a read flag may have changed, and a
 * save that merges no read flag keeps it (so a mark saved at 1,000,000
 * articles does not make the reader count them all again). */
static void test_store_read_gen(void **state)
{
	(void)state;
	unlink(state_path);
	struct diag_list dl = DIAG_LIST_INIT;
	struct store *s = store_open(state_path, &dl);
	unsigned long g = store_read_gen(s);
	store_set_read(s, "2024/caf\xc3\xa9-\xe6\x9d\xb1\xe4\xba\xac", true);
	assert_true(store_read_gen(s) != g);
	g = store_read_gen(s);
	store_set_read(s, "2024/caf\xc3\xa9-\xe6\x9d\xb1\xe4\xba\xac", true); /* no change */
	assert_int_equal(store_read_gen(s), g);
	store_set_position(s, "a", 3);
	assert_int_equal(store_save(s, &dl), 0); /* ours only: nothing new */
	assert_int_equal(store_read_gen(s), g);
	cli_mark_read("b \xe2\x80\x94 elsewhere");
	assert_int_equal(store_save(s, &dl), 0); /* merges b */
	assert_true(store_read_gen(s) != g);
	assert_true(store_is_read(s, "b \xe2\x80\x94 elsewhere"));
	g = store_read_gen(s);
	assert_int_equal(store_undo(s, NULL), STORE_UNDO_READ);
	assert_true(store_read_gen(s) != g);
	store_free(s);
	diag_list_free(&dl);
}

static int setup(void **state)
{
	(void)state;
	strcpy(state_dir, "/tmp/dossier-counts.XXXXXX");
	if (!mkdtemp(state_dir)) return -1;
	snprintf(state_path, sizeof state_path, "%s/state", state_dir);
	setenv("XDG_CONFIG_HOME", state_dir, 1);
	setenv("HOME", state_dir, 1);
	struct diag_list dl = DIAG_LIST_INIT;
	int rc = config_load(&settings, NULL, &dl);
	diag_list_free(&dl);
	return rc < 0 ? -1 : 0;
}

static int teardown(void **state)
{
	(void)state;
	unlink(state_path);
	char lock[160];
	snprintf(lock, sizeof lock, "%s.lock", state_path);
	unlink(lock);
	rmdir(state_dir);
	config_free(&settings);
	return 0;
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_counts_follow_every_change),
		cmocka_unit_test(test_store_read_gen),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}

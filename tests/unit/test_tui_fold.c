/* SPDX-License-Identifier: MIT
 * Folding near-duplicates in the list (tui/fold.c) on a hand-made list:
 * a group becomes one row counting its members in the list; the selected
 * article stays selected and stands for its group (so the groups coming
 * in from the background job never move the cursor off it); an open
 * group's copies follow its row; without signatures nothing folds; a
 * group with one member left in the list is not a group there; the
 * counts said, on a whole list or one still loading. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "core/base/strbuf.h"
#include "tui/fold.h"
#include "tui/tui.h"

/* articles 0..5; groups: 1 = {1, 2, 4}, 2 = {3, 5} */
static const uint32_t groups[] = {0, 1, 1, 2, 1, 2};
#define N (sizeof groups / sizeof *groups)

static struct tui t;

static void set_list(const size_t *order, size_t n, size_t sel)
{
	free(t.order);
	t.order = calloc(N + 1, sizeof *t.order);
	memcpy(t.order, order, n * sizeof *order);
	t.norder = n;
	t.panes[PANE_LIST].sel = sel;
	t.panes[PANE_LIST].top = 0;
}

static int setup(void **st)
{
	(void)st;
	memset(&t, 0, sizeof t);
	t.sim_ready = true;
	t.d.sim.built = true;
	t.d.sim.ngroups = 2;
	t.d.sim.group = malloc(sizeof groups);
	memcpy(t.d.sim.group, groups, sizeof groups);
	fold_reset(&t);
	return 0;
}

static int teardown(void **st)
{
	(void)st;
	fold_free(&t);
	free(t.d.sim.group);
	free(t.order);
	return 0;
}

static void assert_list(const size_t *want, size_t n)
{
	assert_int_equal(t.norder, n);
	for (size_t i = 0; i < n; i++) assert_int_equal(t.order[i], want[i]);
}

static void test_first_member_stands_for_group(void **st)
{
	(void)st;
	const size_t order[] = {0, 1, 2, 3, 4, 5};
	set_list(order, N, 0);
	fold_apply(&t);
	const size_t want[] = {0, 1, 3};
	assert_list(want, 3);
	assert_int_equal(t.fold.count[1], 3);
	assert_int_equal(t.fold.count[2], 2);
	assert_int_equal(t.panes[PANE_LIST].sel, 0);
}

/* The cursor on a copy that is not the group's first: it stays on it. */
static void test_selected_copy_kept(void **st)
{
	(void)st;
	const size_t order[] = {0, 1, 2, 3, 4, 5};
	set_list(order, N, 4); /* article 4, third of group 1 */
	fold_apply(&t);
	const size_t want[] = {0, 3, 4};
	assert_list(want, 3);
	assert_int_equal(t.order[t.panes[PANE_LIST].sel], 4);
}

static void test_open_group(void **st)
{
	(void)st;
	const size_t order[] = {5, 4, 3, 2, 1, 0}; /* another sort order */
	set_list(order, N, 2);                      /* article 3 */
	t.fold.open[1] = 1;
	fold_apply(&t);
	t.fold.open[1] = 0;
	/* group 1 open under its first row (4); group 2 folded into the
	 * selected article 3, which keeps its place */
	const size_t want[] = {4, 2, 1, 3, 0};
	assert_list(want, 5);
	assert_int_equal(t.order[t.panes[PANE_LIST].sel], 3);
}

/* Two open groups whose members interleave: each gathered under its row. */
static void test_two_open_groups(void **st)
{
	(void)st;
	const size_t order[] = {3, 1, 5, 0, 2, 4};
	set_list(order, N, 3); /* article 0 */
	t.fold.open[1] = t.fold.open[2] = 1;
	fold_apply(&t);
	t.fold.open[1] = t.fold.open[2] = 0;
	const size_t want[] = {3, 5, 1, 2, 4, 0};
	assert_list(want, N);
	assert_int_equal(t.order[t.panes[PANE_LIST].sel], 0);
}

static void test_no_signatures(void **st)
{
	(void)st;
	const size_t order[] = {0, 1, 2, 3, 4, 5};
	set_list(order, N, 2);
	t.sim_ready = false;
	fold_apply(&t);
	t.sim_ready = true;
	assert_list(order, N);
	assert_int_equal(t.panes[PANE_LIST].sel, 2);
}

/* A filter left one member of group 2: shown as an ordinary row. */
static void test_lone_member(void **st)
{
	(void)st;
	const size_t order[] = {0, 2, 3, 4};
	set_list(order, 4, 3);
	fold_apply(&t);
	const size_t want[] = {0, 3, 4}; /* 2 and 4 fold into the selected 4; 3 alone */
	assert_list(want, 3);
	assert_int_equal(t.fold.count[1], 2);
	assert_int_equal(t.fold.count[2], 1);
	assert_int_equal(t.order[t.panes[PANE_LIST].sel], 4);
}

static void assert_count(bool sentence, const char *want)
{
	struct strbuf sb = STRBUF_INIT;
	fold_count_text(&t, &sb, sentence);
	assert_string_equal(strbuf_str(&sb), want);
	strbuf_free(&sb);
}

/* The counts the filter prompt and the status line show: the articles in
 * the list, folded or not, and how many of them are folded away (the
 * rows are the rest); nothing stale once a load empties the list. */
static void test_counts(void **st)
{
	(void)st;
	t.d.coll.n = N;
	const size_t order[] = {0, 1, 2, 3, 4, 5};
	set_list(order, N, 0);
	fold_apply(&t); /* 3 rows */
	assert_int_equal(fold_matched(&t), N);
	assert_count(false, "6 of 6, 3 folded");
	assert_count(true, "6 of 6 articles match (3 folded).");
	const size_t some[] = {0, 2, 3, 4};
	set_list(some, 4, 0);
	t.fold.open[1] = 1; /* 2 and 4 shown under their row: nothing folded */
	fold_apply(&t);
	t.fold.open[1] = 0;
	assert_int_equal(t.norder, 4);
	assert_count(false, "4 of 6");
	assert_count(true, "4 of 6 articles match.");
	set_list(order, N, 0);
	fold_apply(&t);
	t.norder = 0; /* a load starts again */
	assert_int_equal(fold_matched(&t), 0);
	assert_count(false, "0 of 6");
	set_list(order, N, 0);
	t.sim_ready = false; /* no signatures: nothing folds */
	fold_apply(&t);
	t.sim_ready = true;
	assert_count(false, "6 of 6");
}

static void assert_said(const char *prefix, bool so_far, const char *want)
{
	fold_say_count(&t, prefix, so_far);
	assert_string_equal(strbuf_str(&t.msg), want);
	strbuf_free(&t.msg);
}

/* The sentences of the message line: on a list that holds only the
 * articles loaded so far (a first list, a growing one) the count says so,
 * a saved search's too; folded copies are counted in either. */
static void test_said_counts(void **st)
{
	(void)st;
	t.d.coll.n = N;
	const size_t some[] = {0, 2, 3, 4};
	set_list(some, 4, 0);
	t.fold.open[1] = 1;
	fold_apply(&t); /* nothing folded */
	t.fold.open[1] = 0;
	assert_said(NULL, false, "4 of 6 articles match.");
	assert_said(NULL, true, "4 of the 6 articles loaded so far match.");
	assert_said("@caf\xc3\xa9", true, "@caf\xc3\xa9: 4 of the 6 articles loaded so far.");
	assert_said("@caf\xc3\xa9", false, "@caf\xc3\xa9: 4 of 6 articles.");
	const size_t order[] = {0, 1, 2, 3, 4, 5};
	set_list(order, N, 0);
	fold_apply(&t); /* 3 rows */
	assert_said(NULL, true, "6 of the 6 articles loaded so far match (3 folded).");
	assert_said("@x", true, "@x: 6 of the 6 articles loaded so far (3 folded).");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_first_member_stands_for_group),
		cmocka_unit_test(test_selected_copy_kept),
		cmocka_unit_test(test_open_group),
		cmocka_unit_test(test_two_open_groups),
		cmocka_unit_test(test_no_signatures),
		cmocka_unit_test(test_counts),
		cmocka_unit_test(test_said_counts),
		cmocka_unit_test(test_lone_member),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}

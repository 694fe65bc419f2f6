/* SPDX-License-Identifier: MIT
 * The filter and search wiring of the reader without a terminal: a filter
 * slower than the live budget waits for a pause (filter_idle) or Enter, a
 * bad query keeps the last good list, Esc restores the filter from before,
 * is:marked asks the marks seam, and the text search maps hits to lines. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/base/strbuf.h"
#include "core/base/util.h"
#include "tui/context.h"
#include "tui/filter.h"
#include "tui/load.h"
#include "tui/overlay_tags.h"
#include "tui/pane_text.h"
#include "tui/tui.h"
#include "tests/unit/testfiles.h"
#include "tests/unit/tuitest.h"

static char state_dir[64];
static struct settings settings; /* the built-in defaults: default keys */

static struct tui *open_find(void)
{
	char path[128];
	snprintf(path, sizeof path, "%s/state", state_dir);
	struct tui *t = tuitest_open(&settings, "tests/data/find", path, false);
	assert_int_equal(t->d.coll.n, 5);
	return t;
}


static const char *selected_title(struct tui *t)
{
	return t->d.coll.items[t->order[t->panes[PANE_LIST].sel]].title;
}

static void write_article(const char *root, const char *name, const char *title)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_addf(&sb, "---\ntitle: \"%s\"\ntags: [t]\n---\nNothing to see in the body.\n", title);
	testfiles_write(root, name, sb.buf, sb.len);
	strbuf_free(&sb);
}

/* The titles a typed filter matches come folded from the reader's table,
 * made by the first word query; a reload with other titles drops it, so
 * the filter matches the new titles, never the old ones. */
static void test_titles_table_follows_the_collection(void **state)
{
	(void)state;
	char tmp[64] = "/tmp/dossier-tuititles.XXXXXX", root[128], path[128];
	testfiles_collection_dir(tmp, root, sizeof root);
	write_article(root, "a.md", "Alpha REPORT");
	write_article(root, "b.md", "Beta CAF\xc3\x89 opens");
	write_article(root, "c.md", "Gamma \xe6\x9d\xb1\xe4\xba\xac notes");
	snprintf(path, sizeof path, "%s/state", tmp);
	struct tui *t = tuitest_open(&settings, root, path, true);
	assert_int_equal(t->d.coll.n, 3);
	assert_int_equal(filter_titles_held(t), 0); /* not before a word query */
	tuitest_keys(t, "f");
	tuitest_keys(t, "cafe\xcc\x81<Enter>"); /* decomposed é: the composed one matches */
	assert_int_equal(t->norder, 1);
	assert_string_equal(selected_title(t), "Beta CAF\xc3\x89 opens");
	assert_int_equal(filter_titles_held(t), 3);
	write_article(root, "b.md", "Beta notes");
	write_article(root, "c.md", "Gamma caf\xc3\xa9 \xe6\x9d\xb1\xe4\xba\xac");
	tui_reload(t, NULL); /* as after $EDITOR: the folder read again */
	assert_int_equal(t->norder, 1);
	assert_string_equal(selected_title(t), "Gamma caf\xc3\xa9 \xe6\x9d\xb1\xe4\xba\xac");
	tuitest_close(t);
	testfiles_remove(tmp);
}

/* The message line after a filter ends says its count, whatever ended
 * it: Enter while its match runs says "Filtering…"; a new collection
 * (here the reload after $EDITOR; also a first list replaced, a growing
 * list's batch) stops that match and runs the query itself, and must
 * then say the count, not leave "Filtering…" (the bug). A count still on
 * the message line is said again for the new collection; one a key has
 * cleared is not. */
static void test_message_ends_with_the_count(void **state)
{
	(void)state;
	char tmp[64] = "/tmp/dossier-tuicount.XXXXXX", root[128], path[128];
	testfiles_collection_dir(tmp, root, sizeof root);
	write_article(root, "a.md", "Alpha — “first”");
	write_article(root, "b.md", "Beta café");
	snprintf(path, sizeof path, "%s/state", tmp);
	struct tui *t = tuitest_open(&settings, root, path, true);
	assert_int_equal(t->d.coll.n, 2);
	t->headless = false;                           /* the match in the background */
	setenv("DOSSIER_TEST_JOB_DELAY_MS", "1500", 1); /* and still running (each reload below waits it out too) */
	tuitest_keys(t, "f");
	tuitest_keys(t, "tag:t<Enter>");
	assert_true(filter_job_running(t));
	assert_string_equal(strbuf_str(&t->msg), "Filtering\xe2\x80\xa6");
	write_article(root, "c.md", "Gamma 東京");
	tui_reload(t, NULL);
	assert_false(filter_job_running(t));
	assert_int_equal(t->norder, 3);
	assert_string_equal(strbuf_str(&t->msg), "3 of 3 articles match.");
	write_article(root, "d.md", "Delta naïve");
	tui_reload(t, NULL); /* the count still shown: said for the new collection */
	assert_string_equal(strbuf_str(&t->msg), "4 of 4 articles match.");
	tuitest_keys(t, "j"); /* clears it */
	write_article(root, "e.md", "Epsilon");
	tui_reload(t, NULL);
	assert_int_equal(t->norder, 5);
	assert_string_equal(strbuf_str(&t->msg), "");
	unsetenv("DOSSIER_TEST_JOB_DELAY_MS");
	tuitest_close(t);
	testfiles_remove(tmp);
}

static void test_deferred_body_filter(void **state)
{
	(void)state;
	struct tui *t = open_find();
	tuitest_keys(t, "f");
	assert_true(prompt_active(&t->prompt));
	filter_set_last_ms(t, 1000); /* pretend the last body filter was slow */
	tuitest_keys(t, "tag:economy");
	assert_int_equal(t->norder, 3); /* metadata only: still live */
	assert_false(filter_idle_pending(t));
	tuitest_keys(t, "<Space>harvest");    /* a bare word reads bodies: deferred */
	assert_true(filter_idle_pending(t));
	assert_int_equal(t->norder, 3);
	assert_non_null(strstr(t->prompt.note, "pause"));
	filter_idle(t);                 /* the pause came */
	assert_false(filter_idle_pending(t));
	assert_int_equal(t->norder, 2); /* Harvest (title) and Energy (body) */
	assert_string_equal(filter_text(t), "tag:economy harvest");
	tuitest_keys(t, "<Enter>");
	assert_false(prompt_active(&t->prompt));
	assert_int_equal(t->norder, 2);
	tuitest_close(t);
}

static void test_error_keeps_list_and_esc_restores(void **state)
{
	(void)state;
	struct tui *t = open_find();
	tuitest_keys(t, "ftag:war<Enter>");
	assert_int_equal(t->norder, 2);
	tuitest_keys(t, "f<C-u>(");
	assert_int_equal(t->norder, 5); /* the empty line showed everything... */
	assert_true(t->prompt.note_error); /* ...and "(" is an error at col 2 */
	assert_non_null(strstr(t->prompt.note, "col 2"));
	assert_int_equal(t->prompt.err_off, 1);
	tuitest_keys(t, "source:daily");
	assert_int_equal(t->norder, 5); /* still unparsable: the list stays */
	tuitest_keys(t, ")");
	assert_int_equal(t->norder, 2); /* (source:daily) */
	tuitest_keys(t, "<Esc>");
	assert_string_equal(filter_text(t), "tag:war");
	assert_int_equal(t->norder, 2);
	tuitest_keys(t, "F");
	assert_null(filter_text(t));
	assert_int_equal(t->norder, 5);
	tuitest_close(t);
}

static size_t fake_marks(void *ctx, size_t art)
{
	const struct tui *t = ctx;
	return strstr(t->d.coll.items[art].title, "Drone") ? 2 : 0;
}

static void test_marked_seam(void **state)
{
	(void)state;
	struct tui *t = open_find();
	t->marks = (struct markcount){fake_marks, t};
	assert_true(filter_set(t, "is:marked"));
	assert_int_equal(t->norder, 1);
	assert_string_equal(selected_title(t), "Drone strikes near the border");
	overlay_tags_open(t);
	assert_true(overlay_busy(t)); /* the tag browser */
	tuitest_keys(t, "/drones<Enter>");    /* jump by name */
	tuitest_keys(t, "<Enter>");           /* filter by it */
	assert_false(overlay_busy(t));
	assert_string_equal(filter_text(t), "tag:drones");
	assert_int_equal(t->norder, 1);
	tuitest_close(t);
}

static void test_text_search(void **state)
{
	(void)state;
	struct tui *t = open_find();
	tuitest_keys(t, "j<Enter>2/kyiv");
	assert_string_equal(t->prompt.note, "hit 1/8");
	tuitest_keys(t, "<Enter>nnnnnnn");
	assert_string_equal(strbuf_str(&t->msg), "hit 8/8");
	tuitest_keys(t, "n");
	assert_string_equal(strbuf_str(&t->msg), "search wrapped to top: hit 1/8");
	/* the cursor sits on the line holding the hit */
	const char *body;
	size_t len;
	struct pane_ctx c;
	struct rect r;
	struct pane *p = context_pane_at(t, PANE_TEXT, &c, &r);
	assert_true(pane_text_body(p, &c, r, &body, &len));
	assert_int_equal(pane_text_line_of(p, &c, r, 0), t->panes[PANE_TEXT].sel);
	tuitest_keys(t, "/京<Enter>");
	assert_string_equal(strbuf_str(&t->msg), "hit 1/5");
	tuitest_close(t);
}

static int setup(void **state)
{
	(void)state;
	strcpy(state_dir, "/tmp/dossier-find.XXXXXX");
	if (!mkdtemp(state_dir)) return -1;
	setenv("XDG_CONFIG_HOME", state_dir, 1); /* no user config: the defaults */
	setenv("HOME", state_dir, 1);
	struct diag_list dl = DIAG_LIST_INIT;
	int rc = config_load(&settings, NULL, &dl);
	diag_list_free(&dl);
	return rc < 0 ? -1 : 0;
}

static int teardown(void **state)
{
	(void)state;
	char path[128];
	snprintf(path, sizeof path, "%s/state", state_dir);
	unlink(path);
	rmdir(state_dir);
	config_free(&settings);
	return 0;
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_deferred_body_filter),
		cmocka_unit_test(test_message_ends_with_the_count),
		cmocka_unit_test(test_titles_table_follows_the_collection),
		cmocka_unit_test(test_error_keeps_list_and_esc_restores),
		cmocka_unit_test(test_marked_seam),
		cmocka_unit_test(test_text_search),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}

/* SPDX-License-Identifier: MIT
 * The reading-state store: YAML round trip, corrupt files (FILE:LINE:COL
 * and a backup kept), undo, and two writers merging on one file. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/base/fsutil.h"
#include "core/state/store.h"

static char dir[] = "/tmp/dossier-store-XXXXXX";
static char path[300];

static const char *BODY = "First paragraph with \"quotes\" and a tab\there.\n\n"
			  "Second — with ünïcödé, a control \x1b[2J and \xe2\x80\xa8 separator.\n";

static int setup(void **state)
{
	(void)state;
	if (!mkdtemp(dir)) return -1;
	snprintf(path, sizeof path, "%s/sub/state.yaml", dir);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

static void reset(void)
{
	char cmd[400];
	snprintf(cmd, sizeof cmd, "rm -rf '%s/sub'", dir);
	assert_int_equal(system(cmd), 0);
}

static struct mark mk(const char *art, size_t s, size_t e)
{
	struct mark m;
	assert_int_equal(mark_init(&m, art, BODY, strlen(BODY), s, e), 0);
	return m;
}

static struct store *open_ok(void)
{
	struct diag_list dl = DIAG_LIST_INIT;
	struct store *st = store_open(path, &dl);
	assert_int_equal(dl.n, 0);
	diag_list_free(&dl);
	return st;
}

static void save_ok(struct store *st)
{
	struct diag_list dl = DIAG_LIST_INIT;
	assert_int_equal(store_save(st, &dl), 0);
	assert_int_equal(dl.n, 0);
	diag_list_free(&dl);
}

static void collect_id(void *ctx, const char *id)
{
	struct strbuf *sb = ctx;
	strbuf_adds(sb, id);
	strbuf_addc(sb, '|');
}

/* store_each_id: the read ids, each once; the marked ids, each once
 * however many marks (cli_lean.c judges is: by them). */
static void test_each_id(void **state)
{
	(void)state;
	reset();
	struct store *st = open_ok();
	struct mark a = mk("2024/b", 0, 16), b = mk("2024/a", 48, 90), c = mk("2024/b", 20, 40);
	store_add_mark(st, &a);
	store_add_mark(st, &b);
	store_add_mark(st, &c);
	store_set_read(st, "2024/c", true);
	store_set_read(st, "caf\xc3\xa9/\xe5\x8c\x97", true);
	store_set_read(st, "2024/d", true);
	store_set_read(st, "2024/d", false); /* unread again: not named */
	store_set_position(st, "2024/e", 5);   /* a position only: not named */
	struct strbuf sb = STRBUF_INIT;
	assert_int_equal(store_each_id(st, false, collect_id, &sb), 2);
	assert_string_equal(strbuf_str(&sb), "2024/c|caf\xc3\xa9/\xe5\x8c\x97|");
	strbuf_reset(&sb);
	assert_int_equal(store_each_id(st, true, collect_id, &sb), 2);
	assert_string_equal(strbuf_str(&sb), "2024/a|2024/b|");
	assert_int_equal(store_each_id(st, true, NULL, NULL), 2);
	strbuf_free(&sb);
	store_free(st);
	mark_free(&a);
	mark_free(&b);
	mark_free(&c);
}

static void test_round_trip(void **state)
{
	(void)state;
	reset();
	struct store *st = open_ok();
	struct mark a = mk("2024/b", 0, 16), b = mk("2024/a", 48, 90), c = mk("2024/b", 20, 40);
	assert_true(store_add_mark(st, &a));
	assert_true(store_add_mark(st, &b));
	assert_true(store_add_mark(st, &c));
	assert_false(store_add_mark(st, &a));
	store_set_read(st, "2024/a", true);
	store_set_read(st, "weird \"id\"\n", true);
	store_set_position(st, "2024/b", 77);
	save_ok(st);
	assert_false(store_dirty(st));
	store_free(st);

	st = open_ok();
	assert_int_equal(store_mark_count(st), 3);
	const struct mark *first;
	assert_int_equal(store_marks_for(st, "2024/b", &first), 2);
	assert_true(mark_same(&first[0], &a));
	assert_true(mark_same(&first[1], &c));
	assert_string_equal(first[0].prefix, a.prefix);
	assert_string_equal(first[1].suffix, c.suffix);
	assert_int_equal(first[0].created, a.created);
	assert_int_equal(store_marks_for(st, "2024/a", &first), 1);
	assert_string_equal(first[0].text, b.text); /* controls and U+2028 survive */
	assert_int_equal(store_marks_for(st, "2024/c", &first), 0);
	assert_true(store_is_read(st, "2024/a"));
	assert_true(store_is_read(st, "weird \"id\"\n"));
	assert_false(store_is_read(st, "2024/b"));
	size_t pos = 0;
	assert_true(store_position(st, "2024/b", &pos));
	assert_int_equal(pos, 77);
	assert_false(store_position(st, "2024/a", &pos));
	store_free(st);
	mark_free(&a);
	mark_free(&b);
	mark_free(&c);
}

static int count_backups(void)
{
	char sub[320];
	snprintf(sub, sizeof sub, "%s/sub", dir);
	DIR *d = opendir(sub);
	int n = 0;
	struct dirent *e;
	while (d && (e = readdir(d)))
		if (strstr(e->d_name, "state.yaml.corrupt-")) n++;
	if (d) closedir(d);
	return n;
}

static void write_state(const char *text)
{
	char sub[320];
	snprintf(sub, sizeof sub, "%s/sub", dir);
	assert_int_equal(fsutil_mkdir_p(sub, 0700), 0);
	assert_int_equal(fsutil_write_atomic(path, text, strlen(text), 0, NULL), 0);
}

static void test_corrupt_file(void **state)
{
	(void)state;
	reset();
	write_state("version: 1\nmarks:\n  - article: \"x\"\n    start: [1\n");
	struct diag_list dl = DIAG_LIST_INIT;
	struct store *st = store_open(path, &dl);
	assert_true(dl.n >= 2);
	char *msg = diag_format(&dl.items[0]);
	/* FILE:LINE:COL of the syntax error */
	assert_non_null(strstr(msg, path));
	assert_true(dl.items[0].line >= 4);
	assert_true(dl.items[0].col >= 1);
	free(msg);
	msg = diag_format(&dl.items[1]);
	assert_non_null(strstr(msg, ".corrupt-"));
	free(msg);
	/* the backup's path as data: the diag's code and field */
	const struct diag *kept = diag_find(&dl, DIAG_STATE_KEPT);
	assert_ptr_equal(kept, &dl.items[1]);
	assert_int_equal(strncmp(kept->arg, path, strlen(path)), 0);
	assert_int_equal(access(kept->arg, F_OK), 0);
	assert_int_equal(dl.items[0].code, DIAG_PLAIN);
	assert_null(dl.items[0].arg);
	diag_list_free(&dl);
	assert_int_equal(store_mark_count(st), 0);
	assert_int_equal(count_backups(), 1);
	assert_int_not_equal(access(path, F_OK), 0); /* moved aside */
	/* the program goes on and can save */
	struct mark a = mk("x", 0, 5);
	store_add_mark(st, &a);
	save_ok(st);
	store_free(st);
	mark_free(&a);
	st = open_ok();
	assert_int_equal(store_mark_count(st), 1);
	store_free(st);

	/* aliases are refused, with a position */
	reset();
	write_state("a: &x [1]\nb: *x\n");
	st = store_open(path, &dl);
	assert_true(dl.n >= 1);
	assert_int_equal(dl.items[0].line, 2);
	assert_int_equal(dl.items[0].col, 4);
	diag_list_free(&dl);
	store_free(st);

	/* a bad entry: skipped with a warning, the rest kept, a copy kept */
	reset();
	write_state("version: 1\nmarks:\n"
		    "  - {article: \"x\", start: 1, end: 4, text: \"abc\"}\n"
		    "  - {article: \"x\", start: nine, end: 4, text: \"abc\"}\n");
	st = store_open(path, &dl);
	assert_true(dl.n >= 2);
	assert_int_equal(dl.items[0].line, 4);
	assert_int_equal(dl.items[0].col, 5);
	diag_list_free(&dl);
	assert_int_equal(store_mark_count(st), 1);
	assert_int_equal(count_backups(), 1);
	assert_int_equal(access(path, F_OK), 0);
	store_free(st);

	/* empty and comment-only files are an empty state */
	reset();
	write_state("");
	st = open_ok();
	store_free(st);
	write_state("# nothing\n");
	st = open_ok();
	store_free(st);
}

static void test_undo(void **state)
{
	(void)state;
	reset();
	struct store *st = open_ok();
	struct mark a = mk("x", 0, 5), b = mk("x", 6, 12);
	const char *id;
	assert_int_equal(store_undo(st, &id), STORE_UNDO_NONE);
	store_add_mark(st, &a);
	store_add_mark(st, &b);
	store_set_read(st, "x", true);
	assert_true(store_delete_mark(st, &a));
	assert_false(store_delete_mark(st, &a));
	assert_int_equal(store_mark_count(st), 1);
	assert_int_equal(store_undo(st, &id), STORE_UNDO_DELETE);
	assert_string_equal(id, "x");
	assert_int_equal(store_mark_count(st), 2);
	assert_int_equal(store_undo(st, NULL), STORE_UNDO_READ);
	assert_false(store_is_read(st, "x"));
	assert_int_equal(store_undo(st, NULL), STORE_UNDO_ADD);
	assert_int_equal(store_mark_count(st), 1);
	save_ok(st);
	store_free(st);
	st = open_ok();
	assert_int_equal(store_mark_count(st), 1);
	assert_true(mark_same(&store_marks(st)[0], &a));
	store_free(st);
	mark_free(&a);
	mark_free(&b);
}

static void test_two_writers_merge(void **state)
{
	(void)state;
	reset();
	struct mark a = mk("x", 0, 5), b = mk("x", 6, 12), c = mk("y", 1, 9), d = mk("y", 10, 20);
	struct store *s0 = open_ok();
	store_add_mark(s0, &a);
	store_add_mark(s0, &d);
	save_ok(s0);
	store_free(s0);

	struct store *one = open_ok(), *two = open_ok();
	store_add_mark(one, &b);            /* one adds b */
	store_add_mark(two, &c);            /* two adds c */
	assert_true(store_delete_mark(two, &a)); /* two deletes a, which one still has */
	store_set_read(one, "x", true);
	store_set_read(two, "y", true);
	store_set_position(one, "y", 5);
	store_set_position(two, "y", 9); /* two saves last: its position wins */
	save_ok(one);
	save_ok(two);
	/* one saves again with an unrelated change: a must not come back */
	store_set_read(one, "z", true);
	save_ok(one);
	assert_int_equal(store_mark_count(one), 3);

	struct store *r = open_ok();
	assert_int_equal(store_mark_count(r), 3);
	const struct mark *m = store_marks(r);
	assert_true(mark_same(&m[0], &b));
	assert_true(mark_same(&m[1], &c));
	assert_true(mark_same(&m[2], &d));
	assert_true(store_is_read(r, "x"));
	assert_true(store_is_read(r, "y"));
	assert_true(store_is_read(r, "z"));
	size_t pos;
	assert_true(store_position(r, "y", &pos));
	assert_int_equal(pos, 9);
	store_free(r);
	store_free(one);
	store_free(two);
	mark_free(&a);
	mark_free(&b);
	mark_free(&c);
	mark_free(&d);
}

/* The last article shown survives a restart, and a second instance that
 * did not change it does not overwrite it with its own stale copy. */
static void test_last_article(void **state)
{
	(void)state;
	reset();
	const char *id = "2024/caf\xc3\xa9 \"quoted\" \xe6\x9d\xb1\xe4\xba\xac";
	struct store *one = open_ok(), *two = open_ok();
	assert_null(store_last(one));
	store_set_last(one, id);
	assert_true(store_dirty(one));
	save_ok(one);
	store_set_last(one, id); /* the same again: nothing to save */
	assert_false(store_dirty(one));
	store_set_read(two, "x", true); /* two never showed an article */
	save_ok(two);
	assert_string_equal(store_last(two), id);
	struct store *r = open_ok();
	assert_string_equal(store_last(r), id);
	store_set_last(two, "2024/other");
	save_ok(two);
	save_ok(r); /* r read the old value but did not change it */
	store_free(r);
	r = open_ok();
	assert_string_equal(store_last(r), "2024/other");
	store_free(r);
	store_free(one);
	store_free(two);
}

/* Notes and mark tags survive the file; two instances noting different
 * marks at the same time both keep theirs; a note set on a mark this
 * instance adds travels with it; the later save wins on the same mark. */
static void test_notes_round_trip_and_merge(void **state)
{
	(void)state;
	reset();
	struct mark a = mk("x", 0, 5), b = mk("x", 6, 12), c = mk("y", 1, 9);
	struct store *s0 = open_ok();
	store_add_mark(s0, &a);
	store_add_mark(s0, &b);
	save_ok(s0);
	store_free(s0);

	struct store *one = open_ok(), *two = open_ok();
	struct mark na, nb, nc;
	mark_copy(&na, &a);
	mark_set_note(&na, "a: \"quoted\"\nsecond line — ünï 東京 \x1b[2J");
	mark_add_tag(&na, "evidence");
	mark_add_tag(&na, "Key Quote");
	mark_copy(&nb, &b);
	mark_set_note(&nb, "b from two");
	assert_true(store_set_mark_notes(one, &na));
	assert_true(store_set_mark_notes(two, &nb));
	assert_true(store_dirty(two));
	mark_copy(&nc, &c);
	mark_set_note(&nc, "c, added with a note");
	assert_false(store_set_mark_notes(two, &nc)); /* not a stored mark yet */
	store_add_mark(two, &c);
	assert_true(store_set_mark_notes(two, &nc));
	save_ok(one);
	save_ok(two);
	/* one saves again with an unrelated change: two's notes stay */
	store_set_read(one, "z", true);
	save_ok(one);

	struct store *r = open_ok();
	assert_int_equal(store_mark_count(r), 3);
	const struct mark *m = store_marks(r);
	assert_true(mark_same(&m[0], &a));
	assert_string_equal(m[0].note, na.note);
	assert_int_equal(m[0].ntags, 2);
	assert_string_equal(m[0].tags[0], "evidence");
	assert_string_equal(m[0].tags[1], "key-quote");
	assert_string_equal(m[1].note, "b from two");
	assert_int_equal(m[1].ntags, 0);
	assert_string_equal(m[2].note, "c, added with a note");
	store_free(r);

	/* both edit a's note: the later save wins; clearing a note works */
	mark_set_note(&na, "one again");
	assert_true(store_set_mark_notes(one, &na));
	struct mark cleared;
	mark_copy(&cleared, &a);
	assert_true(store_set_mark_notes(two, &cleared));
	save_ok(one);
	save_ok(two);
	r = open_ok();
	assert_null(store_marks(r)[0].note);
	assert_int_equal(store_marks(r)[0].ntags, 0);
	store_free(r);
	/* a mark deleted by one stays deleted though two edits its note */
	assert_true(store_delete_mark(one, &b));
	mark_set_note(&nb, "late note");
	assert_true(store_set_mark_notes(two, &nb));
	save_ok(one);
	save_ok(two);
	r = open_ok();
	assert_int_equal(store_mark_count(r), 2);
	store_free(r);

	store_free(one);
	store_free(two);
	mark_free(&cleared);
	mark_free(&na);
	mark_free(&nb);
	mark_free(&nc);
	mark_free(&a);
	mark_free(&b);
	mark_free(&c);
}

/* u after a note change brings back the note and tags the mark had;
 * an unchanged note pushes nothing to undo. */
static void test_notes_undo(void **state)
{
	(void)state;
	reset();
	struct mark a = mk("x", 0, 5);
	struct store *s = open_ok();
	store_add_mark(s, &a);
	struct mark n;
	mark_copy(&n, &a);
	mark_set_note(&n, "first");
	mark_add_tag(&n, "evidence");
	assert_true(store_set_mark_notes(s, &n));
	assert_true(store_set_mark_notes(s, &n)); /* the same: no undo entry */
	mark_set_note(&n, "second");
	assert_true(mark_remove_tag(&n, "evidence"));
	assert_true(store_set_mark_notes(s, &n));
	assert_string_equal(store_marks(s)[0].note, "second");
	const char *id = NULL;
	assert_int_equal(store_undo(s, &id), STORE_UNDO_NOTES);
	assert_string_equal(id, "x");
	assert_string_equal(store_marks(s)[0].note, "first");
	assert_int_equal(store_marks(s)[0].ntags, 1);
	assert_int_equal(store_undo(s, NULL), STORE_UNDO_NOTES);
	assert_null(store_marks(s)[0].note);
	assert_int_equal(store_marks(s)[0].ntags, 0);
	assert_int_equal(store_undo(s, NULL), STORE_UNDO_ADD); /* then the mark itself */
	assert_int_equal(store_mark_count(s), 0);
	store_free(s);
	mark_free(&n);
	mark_free(&a);
}

/* tags written by hand: a list, one comma-separated scalar; a bad value
 * skips the mark with a warning like any other bad field. */
static void test_notes_hand_written(void **state)
{
	(void)state;
	reset();
	write_state("version: 1\nmarks:\n"
		    "  - {article: x, start: 1, end: 4, text: abc, note: hi, tags: [Evidence, \"#to check\"]}\n"
		    "  - {article: x, start: 5, end: 8, text: def, note: \"\", tags: \"a, b\"}\n");
	struct store *st = open_ok();
	assert_int_equal(store_mark_count(st), 2);
	const struct mark *m = store_marks(st);
	assert_string_equal(m[0].note, "hi");
	assert_int_equal(m[0].ntags, 2);
	assert_string_equal(m[0].tags[0], "evidence");
	assert_string_equal(m[0].tags[1], "to-check");
	assert_null(m[1].note);
	assert_int_equal(m[1].ntags, 2);
	store_free(st);
	write_state("version: 1\nmarks:\n"
		    "  - {article: x, start: 1, end: 4, text: abc, tags: [[nested]]}\n"
		    "  - {article: x, start: 5, end: 8, text: def, tags: {a: b}}\n"
		    "  - {article: x, start: 9, end: 12, text: ghi, note: [1]}\n"
		    "  - {article: x, start: 13, end: 15, text: jk}\n");
	struct diag_list dl = DIAG_LIST_INIT;
	st = store_open(path, &dl);
	assert_true(dl.n >= 3);
	diag_list_free(&dl);
	assert_int_equal(store_mark_count(st), 1);
	store_free(st);
}

static void test_save_failure_keeps_session(void **state)
{
	(void)state;
	reset();
	struct store *st = open_ok();
	struct mark a = mk("x", 0, 5);
	store_add_mark(st, &a);
	fsutil_test_fail_at("fsync");
	struct diag_list dl = DIAG_LIST_INIT;
	assert_int_equal(store_save(st, &dl), -1);
	fsutil_test_fail_at(NULL);
	assert_int_equal(dl.n, 1);
	assert_non_null(strstr(dl.items[0].msg, "not saved"));
	diag_list_free(&dl);
	assert_true(store_dirty(st));
	save_ok(st);
	store_free(st);
	st = open_ok();
	assert_int_equal(store_mark_count(st), 1);
	store_free(st);
	mark_free(&a);
}

/* A full disk: every unsaved change is listed (for the quit message) and
 * can be written to a file the user names; the store keeps them until a
 * save succeeds. The hook fails writes only while the flag file exists. */
static void test_unsaved_listed_and_copied(void **state)
{
	(void)state;
	reset();
	char flag[400], copy[400];
	snprintf(flag, sizeof flag, "%s/disk-full", dir);
	snprintf(copy, sizeof copy, "%s/copy.yaml", dir);
	FILE *f = fopen(flag, "w");
	assert_non_null(f);
	fclose(f);
	char hook[420];
	snprintf(hook, sizeof hook, "write@%s", flag);
	fsutil_test_fail_at(hook);
	struct store *st = open_ok();
	assert_int_equal(store_unsaved(st, NULL), 0);
	struct mark a = mk("2024/kyiv", 47, 95); /* "Second — with ünïcödé, a control ..." */
	store_add_mark(st, &a);
	store_set_read(st, "2024/kyiv", true);
	struct diag_list dl = DIAG_LIST_INIT;
	assert_int_equal(store_save(st, &dl), -1);
	assert_non_null(strstr(dl.items[dl.n - 1].msg, "No space left on device"));
	diag_list_free(&dl);
	struct strbuf out = STRBUF_INIT;
	assert_int_equal(store_unsaved(st, &out), 2);
	/* 40 code points of the passage, then "..." */
	assert_non_null(strstr(out.buf, "mark added in 2024/kyiv: \"Second \xe2\x80\x94 with "
				       "\xc3\xbc" "n\xc3\xaf" "c\xc3\xb6" "d\xc3\xa9, a control \x1b[2J an...\"\n"));
	assert_non_null(strstr(out.buf, "\n2024/kyiv marked read\n"));
	strbuf_free(&out);
	/* the copy fails on the same full disk, then works once it has room */
	assert_int_equal(store_save_copy(st, copy, &dl), -1);
	assert_int_equal(access(copy, F_OK), -1);
	diag_list_free(&dl);
	assert_int_equal(unlink(flag), 0);
	assert_int_equal(store_save_copy(st, copy, &dl), 0);
	assert_int_equal(store_save_copy(st, copy, &dl), -1); /* never over a file */
	assert_non_null(strstr(dl.items[0].msg, "exists"));
	diag_list_free(&dl);
	assert_true(store_dirty(st)); /* the copy is not the state file */
	struct store *c = store_open(copy, &dl);
	assert_int_equal(dl.n, 0);
	assert_int_equal(store_mark_count(c), 1);
	assert_true(store_is_read(c, "2024/kyiv"));
	store_free(c);
	/* the retry saves everything, and nothing is left unsaved */
	save_ok(st);
	assert_int_equal(store_unsaved(st, NULL), 0);
	store_free(st);
	st = open_ok();
	assert_int_equal(store_mark_count(st), 1);
	assert_true(store_is_read(st, "2024/kyiv"));
	store_free(st);
	fsutil_test_fail_at(NULL);
	mark_free(&a);
}

static void test_default_path(void **state)
{
	(void)state;
	setenv("XDG_STATE_HOME", "/s", 1);
	char *p1 = store_default_path("/home/me/news");
	char *p2 = store_default_path("/home/me/news2");
	char *p3 = store_default_path("/home/me/news/");
	assert_int_equal(strncmp(p1, "/s/dossier/news-", 16), 0);
	assert_int_equal(strlen(p1), strlen("/s/dossier/news-") + 16 + strlen(".yaml"));
	assert_string_equal(p1 + strlen(p1) - 5, ".yaml");
	assert_string_not_equal(p1, p2);
	assert_string_equal(p1, p3);
	free(p1);
	free(p2);
	free(p3);
}

/* A state file under the name older versions gave it is moved to the one
 * per-collection name, and never over a state file already there. */
static void test_default_path_moves_legacy_file(void **state)
{
	(void)state;
	char xdg[400], old[500], cmd[1200];
	snprintf(xdg, sizeof xdg, "%s/xdg", dir);
	snprintf(old, sizeof old, "%s/dossier/srv-dossier-test-My-News-20201734.yaml", xdg);
	snprintf(cmd, sizeof cmd, "mkdir -p '%s/dossier' && echo 'version: 1' >'%s'", xdg, old);
	assert_int_equal(system(cmd), 0);
	setenv("XDG_STATE_HOME", xdg, 1);
	char *p = store_default_path("/srv/dossier-test/My News");
	assert_non_null(strstr(p, "/dossier/My_News-"));
	assert_int_equal(access(p, F_OK), 0);
	assert_int_not_equal(access(old, F_OK), 0);
	/* an old file appearing again does not replace the current one */
	snprintf(cmd, sizeof cmd, "echo 'version: 1 # old' >'%s'", old);
	assert_int_equal(system(cmd), 0);
	char *q = store_default_path("/srv/dossier-test/My News");
	assert_string_equal(p, q);
	assert_int_equal(access(old, F_OK), 0);
	FILE *f = fopen(p, "r");
	char line[64] = "";
	assert_non_null(fgets(line, sizeof line, f));
	fclose(f);
	assert_string_equal(line, "version: 1\n");
	free(p);
	free(q);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_each_id),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_corrupt_file),
		cmocka_unit_test(test_undo),
		cmocka_unit_test(test_two_writers_merge),
		cmocka_unit_test(test_last_article),
		cmocka_unit_test(test_notes_round_trip_and_merge),
		cmocka_unit_test(test_notes_hand_written),
		cmocka_unit_test(test_save_failure_keeps_session),
		cmocka_unit_test(test_unsaved_listed_and_copied),
		cmocka_unit_test(test_default_path),
		cmocka_unit_test(test_notes_undo),
		cmocka_unit_test(test_default_path_moves_legacy_file),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}

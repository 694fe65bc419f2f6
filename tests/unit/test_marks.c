/* SPDX-License-Identifier: MIT
 * Marks: creation from a code-point range and re-anchoring after the body
 * changes (text inserted before, passage edited, removed, duplicated):
 * the same words elsewhere are MOVED, edited words CHANGED, gone ORPHANED;
 * notes and mark tags. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/state/marks.h"

static const char *BODY =
	"The council met on Tuesday to discuss the budget.\n\n"
	"Air defence systems were delivered to Kyiv in June, officials said.\n\n"
	"The minister declined to comment on the timeline.\n";

static size_t cp_index(const char *body, const char *needle)
{
	const char *p = strstr(body, needle);
	assert_non_null(p);
	return mark_body_length(body, (size_t)(p - body));
}

static void make(struct mark *m, const char *body, const char *passage)
{
	size_t s = cp_index(body, passage);
	size_t e = s + mark_body_length(passage, strlen(passage));
	assert_int_equal(mark_init(m, "a/b", body, strlen(body), s, e), 0);
	assert_string_equal(m->text, passage);
}

static void test_init_and_context(void **state)
{
	(void)state;
	struct mark m;
	make(&m, BODY, "delivered to Kyiv");
	assert_int_equal(strlen(m.prefix) > 0, 1);
	assert_true(mark_body_length(m.prefix, strlen(m.prefix)) == MARK_CONTEXT);
	assert_string_equal(m.suffix, " in June, officials said.\n\nThe m");
	struct mark_anchor a = mark_anchor(&m, BODY, strlen(BODY));
	assert_int_equal(a.status, MARK_OK);
	assert_int_equal(a.start, m.start);
	mark_free(&m);
}

static void test_bad_ranges(void **state)
{
	(void)state;
	struct mark m;
	size_t n = mark_body_length(BODY, strlen(BODY));
	assert_int_equal(mark_init(&m, "x", BODY, strlen(BODY), 5, 5), -1);
	assert_int_equal(mark_init(&m, "x", BODY, strlen(BODY), 6, 5), -1);
	assert_int_equal(mark_init(&m, "x", BODY, strlen(BODY), 0, n + 1), -1);
	assert_int_equal(mark_init(&m, "x", BODY, strlen(BODY), 0, n), 0);
	mark_free(&m);
}

static void test_code_points_not_bytes(void **state)
{
	(void)state;
	const char *body = "Zelenskyy — “quoted” naïve text\xff end";
	struct mark m;
	/* code points 12..20 = "“quoted”" */
	assert_int_equal(mark_init(&m, "x", body, strlen(body), 12, 20), 0);
	assert_string_equal(m.text, "“quoted”");
	mark_free(&m);
	/* an invalid byte counts as one code point and is stored as U+FFFD */
	size_t n = mark_body_length(body, strlen(body));
	assert_int_equal(mark_init(&m, "x", body, strlen(body), n - 6, n - 4), 0);
	assert_string_equal(m.text, "t\xEF\xBF\xBD");
	struct mark_anchor a = mark_anchor(&m, body, strlen(body));
	assert_int_equal(a.status, MARK_OK);
	mark_free(&m);
}

static void test_text_inserted_before(void **state)
{
	(void)state;
	struct mark m;
	make(&m, BODY, "delivered to Kyiv in June");
	char *edited = NULL;
	if (asprintf(&edited, "UPDATE: a new paragraph at the top — with ünïcödé.\n\n%s", BODY) < 0)
		fail();
	struct mark_anchor a = mark_anchor(&m, edited, strlen(edited));
	assert_int_equal(a.status, MARK_MOVED);
	assert_int_equal(a.start, cp_index(edited, "delivered to Kyiv in June"));
	assert_int_equal(a.end - a.start, mark_body_length(m.text, strlen(m.text)));
	free(edited);
	mark_free(&m);
}

static void test_passage_edited_slightly(void **state)
{
	(void)state;
	struct mark m;
	make(&m, BODY, "Air defence systems were delivered to Kyiv in June");
	const char *edited =
		"The council met on Tuesday to discuss the budget.\n\n"
		"Air defense systems were delivered to Kyiv in early June, officials said.\n\n"
		"The minister declined to comment on the timeline.\n";
	struct mark_anchor a = mark_anchor(&m, edited, strlen(edited));
	/* the marked words themselves changed: not "moved" */
	assert_int_equal(a.status, MARK_CHANGED);
	assert_string_equal(mark_status_name(a.status), "changed");
	char *now = mark_slice(edited, strlen(edited), a.start, a.end);
	assert_string_equal(now, "Air defense systems were delivered to Kyiv in early June");
	free(now);
	mark_free(&m);
}

/* The three outcomes side by side on one edit: a passage whose words are
 * intact but shifted (moved), one whose words were reworded in place
 * (changed, current wording recoverable, the marked text kept), and one
 * that is gone (orphaned). */
static void test_changed_moved_orphaned(void **state)
{
	(void)state;
	const char *body = "Officials in Kyiv said the convoy left at dawn.\n\n"
			   "Le maire a déclaré que l’école rouvrira lundi.\n\n"
			   "東京の会議は延期された — 理由は不明。\n";
	struct mark moved, changed, gone;
	make(&moved, body, "the convoy left at dawn");
	make(&changed, body, "l’école rouvrira lundi");
	make(&gone, body, "東京の会議は延期された");
	const char *edited = "Update 🛰️: new paragraph.\n\n"
			     "Officials in Kyiv said the convoy left at dawn.\n\n"
			     "Le maire a déclaré que l’école rouvrira mardi.\n\n"
			     " — 理由は不明。\n";
	size_t len = strlen(edited);
	struct mark_anchor a = mark_anchor(&moved, edited, len);
	assert_int_equal(a.status, MARK_MOVED);
	assert_string_equal(mark_status_name(a.status), "moved");
	assert_int_equal(a.start, cp_index(edited, "the convoy left at dawn"));
	a = mark_anchor(&changed, edited, len);
	assert_int_equal(a.status, MARK_CHANGED);
	char *now = mark_slice(edited, len, a.start, a.end);
	assert_string_equal(now, "l’école rouvrira mardi");
	free(now);
	assert_string_equal(changed.text, "l’école rouvrira lundi"); /* kept as marked */
	a = mark_anchor(&gone, edited, len);
	assert_int_equal(a.status, MARK_ORPHANED);
	assert_string_equal(mark_status_name(a.status), "orphaned");
	/* unchanged body: ok */
	a = mark_anchor(&changed, body, strlen(body));
	assert_int_equal(a.status, MARK_OK);
	assert_string_equal(mark_status_name(a.status), "ok");
	mark_free(&moved);
	mark_free(&changed);
	mark_free(&gone);
}

static void test_notes_and_tags(void **state)
{
	(void)state;
	struct mark m, c;
	make(&m, BODY, "delivered to Kyiv");
	assert_null(m.note);
	assert_int_equal(m.ntags, 0);
	mark_set_note(&m, "Check against the ministry’s figures — 東京 too");
	assert_true(mark_add_tag(&m, "#Evidence"));
	assert_true(mark_add_tag(&m, "Key Quote"));
	assert_true(mark_add_tag(&m, "evidence/strong"));
	assert_false(mark_add_tag(&m, "evidence"));   /* already there */
	assert_false(mark_add_tag(&m, "#  "));        /* normalises to nothing */
	assert_int_equal(m.ntags, 3);
	assert_string_equal(m.tags[0], "evidence");   /* sorted */
	assert_string_equal(m.tags[1], "evidence/strong");
	assert_string_equal(m.tags[2], "key-quote");
	assert_true(mark_has_tag(&m, "key-quote"));
	assert_false(mark_has_tag(&m, "key"));
	assert_true(mark_remove_tag(&m, "Evidence"));
	assert_false(mark_remove_tag(&m, "evidence"));
	assert_true(mark_has_tag(&m, "evidence")); /* nested evidence/strong still counts */
	mark_copy(&c, &m);
	assert_true(mark_same(&c, &m));
	assert_true(mark_same_notes(&c, &m));
	assert_string_equal(c.note, m.note);
	mark_set_note(&c, "");
	assert_null(c.note);
	assert_false(mark_same_notes(&c, &m));
	assert_true(mark_same(&c, &m)); /* notes are not identity */
	mark_copy_notes(&c, &m);
	assert_true(mark_same_notes(&c, &m));
	mark_free(&c);
	mark_free(&m);
}

static void test_passage_removed_orphaned(void **state)
{
	(void)state;
	struct mark m;
	make(&m, BODY, "Air defence systems were delivered to Kyiv in June, officials said.");
	const char *edited = "The council met on Tuesday to discuss the budget.\n\n"
			     "The minister declined to comment on the timeline.\n";
	struct mark_anchor a = mark_anchor(&m, edited, strlen(edited));
	assert_int_equal(a.status, MARK_ORPHANED);
	assert_int_equal(a.start, m.start);
	assert_int_equal(a.end, m.end);
	/* the stored text survives */
	assert_string_equal(m.text, "Air defence systems were delivered to Kyiv in June, officials said.");
	/* an empty body orphans too, without crashing */
	a = mark_anchor(&m, "", 0);
	assert_int_equal(a.status, MARK_ORPHANED);
	mark_free(&m);
}

static void test_duplicate_occurrences(void **state)
{
	(void)state;
	const char *body = "alpha said no. beta said no. gamma said no.";
	struct mark m;
	/* mark the second "said no" */
	size_t s = cp_index(body, "beta said no") + 5;
	assert_int_equal(mark_init(&m, "x", body, strlen(body), s, s + 7), 0);
	assert_string_equal(m.text, "said no");
	/* all three occurrences shift; the context picks the beta one */
	const char *edited = "Hi. alpha said no. beta said no. gamma said no.";
	struct mark_anchor a = mark_anchor(&m, edited, strlen(edited));
	assert_int_equal(a.status, MARK_MOVED);
	assert_int_equal(a.start, cp_index(edited, "beta said no") + 5);
	/* context destroyed everywhere: nearest the stored offset wins */
	struct mark m2;
	mark_copy(&m2, &m);
	free(m2.prefix);
	free(m2.suffix);
	m2.prefix = strdup("zzzz");
	m2.suffix = strdup("qqqq");
	a = mark_anchor(&m2, edited, strlen(edited));
	assert_int_equal(a.status, MARK_MOVED);
	assert_int_equal(a.start, cp_index(edited, "beta said no") + 5);
	assert_true(mark_same(&m, &m2));
	mark_free(&m2);
	mark_free(&m);
}

static void test_fuzzy_bounded_on_long_body(void **state)
{
	(void)state;
	size_t n = 3u << 20;
	char *big = malloc(n + 1);
	for (size_t i = 0; i < n; i++) big[i] = (char)('a' + (i * 7919) % 23);
	big[n] = '\0';
	struct mark m = {.article = strdup("x"), .text = strdup("this passage does not occur anywhere in it"),
			 .prefix = strdup(""), .suffix = strdup(""), .start = n / 2, .end = n / 2 + 42};
	struct mark_anchor a = mark_anchor(&m, big, n);
	assert_int_equal(a.status, MARK_ORPHANED);
	mark_free(&m);
	free(big);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_init_and_context),
		cmocka_unit_test(test_bad_ranges),
		cmocka_unit_test(test_code_points_not_bytes),
		cmocka_unit_test(test_text_inserted_before),
		cmocka_unit_test(test_passage_edited_slightly),
		cmocka_unit_test(test_passage_removed_orphaned),
		cmocka_unit_test(test_changed_moved_orphaned),
		cmocka_unit_test(test_notes_and_tags),
		cmocka_unit_test(test_duplicate_occurrences),
		cmocka_unit_test(test_fuzzy_bounded_on_long_body),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

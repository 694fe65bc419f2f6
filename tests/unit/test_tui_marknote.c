/* SPDX-License-Identifier: MIT
 * The note prompt's line (tui/marknote.c): leading #words are the mark's
 * tags (all of them), the rest the note; format and parse round-trip. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "tui/marknote.h"

static void test_parse_and_format(void **state)
{
	(void)state;
	struct mark m = {0};
	mark_add_tag(&m, "old");
	marknote_parse("  #evidence #Key-Quote  Said “twice” — 東京 #not-a-tag  ", &m);
	assert_int_equal(m.ntags, 2);
	assert_string_equal(m.tags[0], "evidence");
	assert_string_equal(m.tags[1], "key-quote");
	assert_string_equal(m.note, "Said “twice” — 東京 #not-a-tag");
	struct strbuf sb = STRBUF_INIT;
	marknote_format(&m, &sb);
	assert_string_equal(strbuf_str(&sb), "#evidence #key-quote Said “twice” — 東京 #not-a-tag");
	struct mark back = {0};
	marknote_parse(strbuf_str(&sb), &back);
	assert_true(mark_same_notes(&m, &back));
	/* a lone # is text; an empty line clears both */
	marknote_parse("# heading-like note", &m);
	assert_int_equal(m.ntags, 0);
	assert_string_equal(m.note, "# heading-like note");
	marknote_parse("   ", &m);
	assert_null(m.note);
	assert_int_equal(m.ntags, 0);
	marknote_parse("#only", &m);
	assert_int_equal(m.ntags, 1);
	assert_null(m.note);
	/* what $EDITOR leaves: tags on the first line, a note of several
	 * lines (inner newlines kept, the trailing ones trimmed) */
	marknote_parse("#evidence\nFirst line — “quoted”\n\nSecond paragraph 東京\n\n", &m);
	assert_int_equal(m.ntags, 1);
	assert_string_equal(m.note, "First line — “quoted”\n\nSecond paragraph 東京");
	strbuf_free(&sb);
	mark_free(&m);
	mark_free(&back);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_and_format),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

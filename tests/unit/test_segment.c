/* SPDX-License-Identifier: MIT
 * segment.c: word, sentence, line and paragraph boundaries as byte offsets,
 * including around multi-byte letters and combining marks. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "core/text/segment.h"

#define S(lit) (lit), (sizeof(lit) - 1)

static void test_words(void **state)
{
	(void)state;
	/* "Café" is 5 bytes with decomposed é (e + U+0301 = 3 bytes). */
	const char t[] = "Cafe\xCC\x81 au-lait, 3.5 \xD0\x9A\xD0\xB8\xD1\x97\xD0\xB2!";
	size_t len = sizeof t - 1;
	assert_true(segment_is_word_at(t, len, 0));
	assert_false(segment_is_word_at(t, len, 6)); /* the space */
	assert_int_equal(segment_word_end(t, len, 0), 6); /* mark included */
	assert_int_equal(segment_word_end(t, len, 2), 6);
	assert_int_equal(segment_word_start(t, len, 4), 0);
	assert_int_equal(segment_word_start(t, len, 6), 6); /* not in a word */
	/* From the space: the next word "au", then "lait". */
	assert_int_equal(segment_word_end(t, len, 6), 9);
	assert_int_equal(segment_word_end(t, len, 9), 14);
	assert_int_equal(segment_word_end(t, len, 14), 17); /* "3" */
	assert_int_equal(segment_word_end(t, len, 17), 19); /* "5" */
	assert_int_equal(segment_word_end(t, len, 19), 28); /* Київ, 8 bytes */
	assert_int_equal(segment_word_end(t, len, 28), len); /* only "!" left */
	assert_int_equal(segment_word_start(t, len, 24), 20);
	/* Backward by word. */
	assert_int_equal(segment_word_prev(t, len, len), 20);
	assert_int_equal(segment_word_prev(t, len, 20), 18);
	assert_int_equal(segment_word_prev(t, len, 9), 7);
	assert_int_equal(segment_word_prev(t, len, 6), 0);
	assert_int_equal(segment_word_prev(t, len, 0), 0);
}

static void test_lines(void **state)
{
	(void)state;
	const char t[] = "ab\ncd\xE2\x80\xA8" "ef";
	size_t len = sizeof t - 1, next;
	assert_int_equal(segment_line_end(t, len, 0, &next), 2);
	assert_int_equal(next, 3);
	assert_int_equal(segment_line_end(t, len, 3, &next), 5);
	assert_int_equal(next, 8);
	assert_int_equal(segment_line_end(t, len, 8, &next), len);
	assert_int_equal(next, len);
	assert_int_equal(segment_line_start(t, len, 4), 3);
	assert_int_equal(segment_line_start(t, len, 9), 8);
	assert_int_equal(segment_line_start(t, len, 2), 0);
	assert_true(segment_is_blank(S(" \t\r\xE3\x80\x80\xE2\x80\x8B")));
	assert_true(segment_is_blank("", 0));
	assert_false(segment_is_blank(S(" x ")));
	assert_false(segment_is_blank(S("\xFF")));
}

static void test_paragraphs(void **state)
{
	(void)state;
	const char t[] = "\n  First line\nsecond line  \n \t\n\nThird para.\n";
	size_t len = sizeof t - 1, s, e;
	assert_false(segment_paragraph_range(t, len, 0, &s, &e)); /* blank line */
	assert_true(segment_paragraph_range(t, len, 5, &s, &e));
	assert_int_equal(s, 3);  /* indentation trimmed */
	assert_int_equal(e, 25); /* trailing spaces trimmed */
	assert_true(segment_paragraph_range(t, len, 20, &s, &e));
	assert_int_equal(s, 3);
	assert_false(segment_paragraph_range(t, len, 29, &s, &e));
	assert_true(segment_paragraph_range(t, len, 35, &s, &e));
	assert_int_equal(s, 32);
	assert_int_equal(e, 43);
	/* Extending by paragraph. */
	assert_int_equal(segment_paragraph_end(t, len, 0), 25);
	assert_int_equal(segment_paragraph_end(t, len, 10), 25);
	assert_int_equal(segment_paragraph_end(t, len, 25), 43);
	assert_int_equal(segment_paragraph_end(t, len, 43), len);
	struct segment_range *r;
	size_t n = segment_paragraphs(t, len, &r);
	assert_int_equal(n, 2);
	assert_int_equal(r[0].start, 3);
	assert_int_equal(r[1].end, 43);
	free(r);
	assert_int_equal(segment_paragraphs(S(" \n\n"), &r), 0);
	assert_null(r);
}

static void test_sentences(void **state)
{
	(void)state;
	const char t[] = "He said \xE2\x80\x9CNo.\xE2\x80\x9D Then left!  Is 3.5 ok?! "
			 "Yes\xE2\x80\xA6 fine\n\nNew para";
	size_t len = sizeof t - 1;
	struct segment_range r;
	assert_true(segment_sentence_range(t, len, 0, &r));
	assert_int_equal(r.start, 0);
	assert_int_equal(r.end, 17); /* after the closing quote ” */
	assert_true(segment_sentence_range(t, len, 17, &r)); /* the space: next one */
	assert_int_equal(r.start, 18);
	assert_int_equal(r.end, 28); /* "Then left!" */
	assert_true(segment_sentence_range(t, len, 33, &r));
	assert_int_equal(r.start, 30);
	assert_int_equal(r.end, 41); /* "Is 3.5 ok?!": 3.5 does not end it */
	assert_true(segment_sentence_range(t, len, 44, &r));
	assert_int_equal(r.start, 42);
	assert_int_equal(r.end, 48); /* "Yes…" */
	assert_true(segment_sentence_range(t, len, 50, &r));
	assert_int_equal(r.start, 49);
	assert_int_equal(r.end, 53); /* "fine": the paragraph end ends it */
	assert_false(segment_sentence_range(t, len, 54, &r)); /* blank line */
	/* Extend forward by sentence, across the paragraph break. */
	assert_int_equal(segment_sentence_end(t, len, 0), 17);
	assert_int_equal(segment_sentence_end(t, len, 17), 28);
	assert_int_equal(segment_sentence_end(t, len, 53), len);
	assert_int_equal(segment_sentence_end(t, len, 54), len);
	assert_int_equal(segment_sentence_end(t, len, len), len);
	assert_int_equal(segment_sentence_end(S("Ay. Be.\n\nCe. De."), 7), 12); /* "Ce." */
	assert_int_equal(segment_sentence_end(S("Ay. Be.\n\nCe. De."), 3), 7);
	/* CJK full stops end a sentence without a following space. */
	const char c[] = "\xE4\xBD\xA0\xE5\xA5\xBD\xE3\x80\x82\xE5\x86\x8D\xE8\xA7\x81";
	assert_int_equal(segment_sentence_end(c, sizeof c - 1, 0), 9);
}

/* End of the sentence that starts at 0. */
static size_t first_end(const char *t)
{
	struct segment_range r;
	assert_true(segment_sentence_range(t, strlen(t), 0, &r));
	return r.end;
}

static void test_abbreviations(void **state)
{
	(void)state;
	/* titles, initials, dotted forms, numbers: not sentence ends */
	assert_int_equal(first_end("Mr. Smith met Gen. Syrskyi. Then left."), 27);
	assert_int_equal(first_end("J. R. Smith wrote it. More."), 21);
	assert_int_equal(first_end("U.S. forces left. More."), 17);
	assert_int_equal(first_end("Tanks, guns etc. and more. Next."), 26);
	assert_int_equal(first_end("See No. 10 and Jan. 5 today. Next."), 28);
	assert_int_equal(first_end("e.g. the case. Next."), 14);
	/* real ends stay ends: a plain word, "I", a dotted form before a
	 * capital, a stop at the paragraph end */
	assert_int_equal(first_end("He left. Then came."), 8);
	assert_int_equal(first_end("So did I. Then we went."), 9);
	assert_int_equal(first_end("It reached the U.S. The talks began."), 19);
	assert_int_equal(first_end("Plan A. Then B."), 7);
	assert_int_equal(first_end("Called Mr."), 10);
	assert_int_equal(first_end("Version 3. Next."), 10);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_words),
		cmocka_unit_test(test_lines),
		cmocka_unit_test(test_paragraphs),
		cmocka_unit_test(test_sentences),
		cmocka_unit_test(test_abbreviations),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

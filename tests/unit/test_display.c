/* SPDX-License-Identifier: MIT
 * Display units (utf8_display_next) and wrap against issue 19: no code
 * point is drawn as nothing. Every invisible class becomes a marker, each
 * unit's width is what ncurses counts for its bytes (wcwidth), units never
 * straddle a grapheme cluster, ZWJ sequences show every pictograph, and
 * the wrapper counts what is drawn. A property test over random text
 * (displaygen.h) and one case per rule. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <locale.h>

#include "core/text/wrap.h"
#include "tests/unit/displaygen.h"

#define S(lit) (lit), (sizeof(lit) - 1)

static int setup(void **state)
{
	(void)state;
	return setlocale(LC_ALL, "C.UTF-8") ? 0 : -1;
}

/* The units of s joined by '|', as "text:width" ("<U+200B>:8"). */
static char *units(const char *s, size_t len, unsigned flags)
{
	struct strbuf sb = STRBUF_INIT;
	struct dcluster dc;
	size_t pos = 0;
	while (utf8_display_next(s, len, &pos, flags, &dc)) {
		if (sb.len) strbuf_addc(&sb, '|');
		strbuf_addf(&sb, "%s:%d", dc.text, dc.width);
	}
	return strbuf_steal(&sb);
}

#define EXPECT_UNITS(lit, flags, want)                      \
	do {                                                \
		char *got_ = units(S(lit), flags);          \
		assert_string_equal(got_, want);            \
		free(got_);                                 \
	} while (0)

/* Columns ncurses advances for the bytes of a text unit. */
static int ncurses_width(const char *s, size_t len)
{
	int w = 0;
	for (size_t i = 0; i < len;) {
		int32_t cp;
		i += utf8_decode(s + i, len - i, &cp);
		int cw = wcwidth((wchar_t)cp);
		assert_true(cw >= 0);
		w += cw;
	}
	return w;
}

/* Every invariant of the units of t (UTF-8 or ASCII mode). */
static void check_units(const char *t, size_t len, unsigned flags)
{
	bool *brk = calloc(len + 1, 1); /* grapheme boundaries */
	for (size_t g = 0; g < len; g = utf8_cluster_end(t, len, g)) brk[g] = true;
	size_t pos = 0;
	struct dcluster dc;
	while (utf8_display_next(t, len, &pos, flags, &dc)) {
		assert_int_equal(dc.src_off + dc.src_len, pos);
		for (size_t k = dc.src_off + 1; k < pos; k++) /* never across a cluster */
			assert_false(brk[k]);
		if (dc.newline) continue;
		assert_true(dc.len > 0);
		if (dc.placeholder && strcmp(dc.text, "\xEF\xBF\xBD") == 0) {
			assert_int_equal(dc.width, 1); /* an invalid byte */
		} else if (dc.placeholder || (flags & UTF8_ASCII)) {
			assert_int_equal(dc.width, dc.len); /* ASCII, one cell a byte */
			for (size_t i = 0; i < dc.len; i++)
				assert_true(dc.text[i] >= 0x20 && dc.text[i] < 0x7f);
		} else {
			assert_in_range(dc.width, 1, 2);
			assert_int_equal(dc.width, ncurses_width(dc.text, dc.len));
		}
	}
	assert_int_equal(pos, len);
	free(brk);
}

static void test_property_random_text(void **state)
{
	(void)state;
	srand(19);
	for (int round = 0; round < 400; round++) {
		size_t len;
		char *t = dg_random_text(1 + (size_t)(rand() % 60), &len);
		/* the drawn characters, in order, are the text's */
		struct strbuf got = STRBUF_INIT;
		struct dcluster dc;
		size_t pos = 0;
		while (utf8_display_next(t, len, &pos, 0, &dc))
			if (!dc.newline) strbuf_add(&got, dc.text, dc.len);
		char *want = dg_expect(t, len);
		assert_string_equal(strbuf_str(&got), want);
		free(want);
		strbuf_free(&got);
		check_units(t, len, 0);
		check_units(t, len, UTF8_ASCII);
		/* the wrapper's widths are the units' widths, at every width */
		for (int width = 1; width <= 40; width += 1 + round % 3) {
			struct wrap w = {0};
			wrap_text(&w, t, len, width, 0);
			size_t prev = 0;
			for (size_t i = 0; i < w.n; i++) {
				const struct wrap_line *l = &w.lines[i];
				for (size_t k = prev; k < l->start; k++) /* only spaces dropped */
					assert_true(t[k] == ' ' || t[k] == '\n');
				int sum = 0;
				size_t p = l->start;
				while (utf8_display_next(t, l->end, &p, 0, &dc)) sum += dc.width;
				assert_int_equal(sum, l->width);
				prev = l->end;
			}
			for (size_t k = prev; k < len; k++) assert_true(t[k] == ' ' || t[k] == '\n');
			wrap_free(&w);
		}
		free(t);
	}
}

static void test_every_invisible_class(void **state)
{
	(void)state;
	for (size_t i = 0; i < DG_NINVISIBLE; i++) {
		char s[16] = "a";
		size_t n = 1 + utf8_encode(dg_invisible[i], s + 1);
		s[n++] = 'b';
		char want[32];
		if (dg_invisible[i] == 0xAD) snprintf(want, sizeof want, "a:1|-:1|b:1");
		else snprintf(want, sizeof want, "a:1|<U+%04X>:%d|b:1", (unsigned)dg_invisible[i],
			      dg_invisible[i] > 0xFFFF ? 9 : 8);
		char *got = units(s, n, 0);
		assert_string_equal(got, want);
		free(got);
		got = units(s, n, UTF8_ASCII);
		assert_string_equal(got, want);
		free(got);
	}
	/* issue 19 as reported: the word after a run of ZWSP */
	EXPECT_UNITS("is \xE2\x80\x8B\xE2\x80\x8Bnot", 0, "i:1|s:1| :1|<U+200B>:8|<U+200B>:8|n:1|o:1|t:1");
	/* a line of nothing but ZWSP is shown, not taken for a blank line */
	struct wrap w = {0};
	wrap_text(&w, S("a\n\xE2\x80\x8B\nb"), 80, 0);
	assert_int_equal(w.n, 3);
	assert_false(w.lines[1].blank);
	assert_int_equal(w.lines[1].width, 8);
	assert_int_equal(w.nparas, 2); /* still a paragraph gap for marks */
	wrap_free(&w);
}

static void test_zwj_sequences(void **state)
{
	(void)state;
	/* 👩‍🔬: each pictograph drawn, the joiner dropped: 4 columns, as
	 * ncurses counts them and as tmux draws them (tests/term/hostile.sh) */
	EXPECT_UNITS("\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x94\xAC", 0,
		     "\xF0\x9F\x91\xA9:2|\xF0\x9F\x94\xAC:2");
	/* 👩🏽‍🔬: the skin tone is presentation too */
	EXPECT_UNITS("\xF0\x9F\x91\xA9\xF0\x9F\x8F\xBD\xE2\x80\x8D\xF0\x9F\x94\xAC", 0,
		     "\xF0\x9F\x91\xA9:2|\xF0\x9F\x94\xAC:2");
	/* 🏳️‍🌈: VS16, then the joiner */
	EXPECT_UNITS("\xF0\x9F\x8F\xB3\xEF\xB8\x8F\xE2\x80\x8D\xF0\x9F\x8C\x88", 0,
		     "\xF0\x9F\x8F\xB3:1|\xF0\x9F\x8C\x88:2");
	/* ASCII mode: each pictograph as a code */
	EXPECT_UNITS("\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x94\xAC", UTF8_ASCII,
		     "<U+1F469>:9|<U+1F52C>:9");
	/* a joiner that joins no pictographs is shown */
	EXPECT_UNITS("\xF0\x9F\x91\x8D\xE2\x80\x8Dx", 0, "\xF0\x9F\x91\x8D:2|<U+200D>:8|x:1");
	EXPECT_UNITS("k\xE2\x80\x8D\xF0\x9F\x91\x8D", 0, "k:1|<U+200D>:8|\xF0\x9F\x91\x8D:2");
	/* the wrapper keeps a sequence on one line; it is one cluster */
	struct wrap w = {0};
	wrap_text(&w, S("ab \xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x94\xAC"), 5, 0);
	assert_int_equal(w.n, 2);
	assert_int_equal(w.lines[1].width, 4);
	wrap_free(&w);
}

static void test_presentation_limits(void **state)
{
	(void)state;
	/* one VS16 after a pictograph is presentation; more carry data */
	EXPECT_UNITS("\xF0\x9F\x98\x80\xEF\xB8\x8F\xEF\xB8\x8F\xF3\xA0\x84\x80", 0,
		     "\xF0\x9F\x98\x80:2|<U+FE0F>:8|<U+E0100>:9");
	/* a VS after a letter is shown */
	EXPECT_UNITS("a\xEF\xB8\x8F", 0, "a:1|<U+FE0F>:8");
	/* keycap: VS16 dropped, the enclosing mark kept */
	EXPECT_UNITS("1\xEF\xB8\x8F\xE2\x83\xA3", 0, "1\xE2\x83\xA3:1");
	/* 🏴 + "gbsct" + cancel: a subdivision flag, tags dropped */
	EXPECT_UNITS("\xF0\x9F\x8F\xB4\xF3\xA0\x81\xA7\xF3\xA0\x81\xA2\xF3\xA0\x81\xB3\xF3\xA0\x81\xA3"
		     "\xF3\xA0\x81\xB4\xF3\xA0\x81\xBF", 0, "\xF0\x9F\x8F\xB4:2");
	/* tags after a letter (hidden ASCII) are shown, one marker each */
	EXPECT_UNITS("a\xF3\xA0\x81\x88\xF3\xA0\x81\x89", 0, "a:1|<U+E0048>:9|<U+E0049>:9");
	/* a skin tone with nothing to modify is a swatch of its own */
	EXPECT_UNITS("a\xF0\x9F\x8F\xBD", 0, "a:1|\xF0\x9F\x8F\xBD:2");
}

static void test_width_split(void **state)
{
	(void)state;
	/* a unit is never wider than 2 columns: a spacing mark after a wide
	 * character, or a third spacing mark, starts a unit of its own */
	EXPECT_UNITS("\xE4\xB8\xAD\xE0\xA4\xBF", 0, "\xE4\xB8\xAD:2|\xE0\xA4\xBF:1");
	EXPECT_UNITS("a\xE0\xA4\x83\xE0\xA4\x83\xE0\xA4\x83", 0,
		     "a\xE0\xA4\x83:2|\xE0\xA4\x83\xE0\xA4\x83:2");
	/* the wrapper still counts the cluster whole: 6 columns, one line */
	struct wrap w = {0};
	wrap_text(&w, S("\xE4\xB8\xAD\xE0\xA4\xBF"), 2, 0);
	assert_int_equal(w.n, 1);
	assert_int_equal(w.lines[0].width, 3);
	wrap_free(&w);
	/* a unit fits a grid cell: zero-width marks past the room are left
	 * out (they add no width), a width-carrying one never is */
	char s[1 + 60 * 2 + 3];
	s[0] = 'a';
	for (int i = 0; i < 60; i++) memcpy(s + 1 + 2 * i, "\xCC\x81", 2);
	memcpy(s + 121, "\xE0\xA4\x83", 3);
	struct dcluster dc;
	size_t pos = 0;
	assert_true(utf8_display_next(s, sizeof s, &pos, 0, &dc));
	assert_true(dc.len < UTF8_UNIT_MAX);
	assert_int_equal(dc.width, 2); /* the spacing mark kept */
	assert_int_equal(pos, sizeof s);
}

static void test_wrap_breaks_after_zwsp(void **state)
{
	(void)state;
	/* ZWSP and the soft hyphen are break opportunities */
	struct wrap w = {0};
	wrap_text(&w, S("abc\xE2\x80\x8B" "defgh"), 12, 0);
	assert_int_equal(w.n, 2);
	assert_int_equal(w.lines[0].width, 11);
	assert_int_equal(w.lines[1].width, 5);
	wrap_text(&w, S("Bundes\xC2\xADregierung"), 10, 0);
	assert_int_equal(w.n, 2);
	assert_int_equal(w.lines[0].width, 7); /* "Bundes-" */
	wrap_free(&w);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_property_random_text),
		cmocka_unit_test(test_every_invisible_class),
		cmocka_unit_test(test_zwj_sequences),
		cmocka_unit_test(test_presentation_limits),
		cmocka_unit_test(test_width_split),
		cmocka_unit_test(test_wrap_breaks_after_zwsp),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}

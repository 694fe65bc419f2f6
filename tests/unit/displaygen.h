/* SPDX-License-Identifier: MIT
 * Shared by test_display (core: display units, wrap) and test_tui_grid (the
 * drawer): random prose mixing every class of invisible and zero-width code
 * point, and an oracle, written apart from core/text/utf8.c, of what the screen
 * must show for it: every character in order, each invisible one as its
 * marker (issue 19: zero-width characters hid words). */
#ifndef DOSSIER_TESTS_DISPLAYGEN_H
#define DOSSIER_TESTS_DISPLAYGEN_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "core/base/strbuf.h"
#include "core/text/utf8.h"

/* Every class that draws nothing by itself: Cf format characters (ZWSP,
 * ZWNJ, ZWJ, WJ, invisible operators, BOM, soft hyphen, Mongolian vowel
 * separator, Arabic number sign, interlinear annotation, musical and
 * shorthand format controls), the bidi controls, variation selectors,
 * the combining grapheme joiner, Khmer inherent vowels, Mongolian free
 * variation selectors, tag characters, Hangul fillers. */
static const int32_t dg_invisible[] = {
	0x00AD, 0x034F, 0x061C, 0x0600, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x180B, 0x180E,
	0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E,
	0x2060, 0x2061, 0x2062, 0x2063, 0x2064, 0x2066, 0x2067, 0x2068, 0x2069, 0x206F,
	0x3164, 0xFE00, 0xFE0E, 0xFE0F, 0xFEFF, 0xFFA0, 0xFFF9, 0x1BCA0, 0x1D173,
	0xE0001, 0xE0020, 0xE0041, 0xE007F, 0xE0100, 0xE01EF,
};
#define DG_NINVISIBLE (sizeof dg_invisible / sizeof dg_invisible[0])

/* Visible pieces: words, a decomposed é, CJK, Devanagari consonant + vowel
 * sign (a width-2 cluster), Hangul, a lone combining mark, Cyrillic, a
 * dash, an invalid byte. */
static const char *const dg_visible[] = {
	"not", "safe", "bridge", "e\xCC\x81t\xC3\xA9", "\xE4\xB8\xAD\xE6\x96\x87",
	"\xE0\xA4\x95\xE0\xA4\xBF", "\xEA\xB0\x80", "\xCC\x81", "\xD0\x9A\xD0\xB8\xD1\x97\xD0\xB2",
	"x", "\xE2\x80\x94", "\xFF", /* an invalid byte: U+FFFD */
};

static bool dg_is_invisible(int32_t cp)
{
	for (size_t i = 0; i < DG_NINVISIBLE; i++)
		if (dg_invisible[i] == cp) return true;
	return false;
}

static bool dg_is_zero_width_mark(int32_t cp)
{
	return !dg_is_invisible(cp) && cp >= 0x300 && wcwidth((wchar_t)cp) == 0;
}

static void dg_add_cp(struct strbuf *sb, int32_t cp)
{
	char b[4];
	strbuf_add(sb, b, utf8_encode(cp, b));
}

/* Random text of n pieces: visible pieces, runs of 1-8 invisible code
 * points, spaces (breaks) and now and then a newline. srand first. */
static char *dg_random_text(size_t n, size_t *len)
{
	struct strbuf sb = STRBUF_INIT;
	for (size_t i = 0; i < n; i++) {
		int r = rand() % 10;
		if (r < 4) {
			strbuf_adds(&sb, dg_visible[(size_t)rand() % (sizeof dg_visible / sizeof *dg_visible)]);
		} else if (r < 7) {
			int32_t cp = dg_invisible[(size_t)rand() % DG_NINVISIBLE];
			for (int k = 1 + rand() % (rand() % 4 ? 2 : 8); k > 0; k--) dg_add_cp(&sb, cp);
		} else if (r < 9) {
			strbuf_addc(&sb, ' ');
		} else {
			strbuf_adds(&sb, rand() % 4 ? " " : "\n");
		}
	}
	*len = sb.len;
	return sb.buf ? strbuf_steal(&sb) : strdup("");
}

/* What the screen must show for s[0..len) (no tabs, no controls, no
 * emoji, UTF-8 mode): each code point itself, an invisible one as its
 * marker ("-" for the soft hyphen, else <U+XXXX>), an invalid byte as
 * U+FFFD, a zero-width mark with nothing to sit on (at the start, after a
 * marker or an invalid byte) on a space. Line
 * breaks are left out. Caller frees. */
static char *dg_expect(const char *s, size_t len)
{
	struct strbuf sb = STRBUF_INIT;
	bool after_base = false;
	for (size_t i = 0; i < len;) {
		int32_t cp;
		size_t n = utf8_decode(s + i, len - i, &cp);
		i += n;
		if (cp == '\n') {
			after_base = false;
			continue;
		}
		if (dg_is_invisible(cp)) {
			if (cp == 0x00AD) strbuf_addc(&sb, '-');
			else strbuf_addf(&sb, "<U+%04X>", (unsigned)cp);
			after_base = false;
			continue;
		}
		if (dg_is_zero_width_mark(cp) && !after_base) strbuf_addc(&sb, ' ');
		dg_add_cp(&sb, cp);
		after_base = !(cp == UTF8_REPLACEMENT && n == 1); /* a bad byte stands alone */
	}
	return sb.buf ? strbuf_steal(&sb) : strdup("");
}

#endif

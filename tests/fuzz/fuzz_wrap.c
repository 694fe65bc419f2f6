/* SPDX-License-Identifier: MIT
 * Fuzz the text wrapper and the display sanitiser (the rendering and
 * width policy of the hostile-input checklist, TESTING.md). Invariants:
 * display bytes never carry a C0 control, DEL, a C1 code point, or
 * anything invisible (a format character or a default ignorable: issue
 * 19, those are markers), and nothing >= 0x80 in ASCII mode; units tile
 * the source inside grapheme clusters, each drawn (only a line break
 * draws nothing) in exactly the columns ncurses counts for it; wrapped
 * lines are in range, in order, and no wider than the pane except a lone
 * over-wide cluster. */
#include "tests/fuzz/fuzz.h"

#include "core/base/strbuf.h"
#include "core/text/utf8.h"
#include "core/text/wrap.h"

#include <utf8proc.h>
#include <wchar.h>

static bool is_bidi(int32_t cp)
{
	return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) ||
	       cp == 0x200E || cp == 0x200F || cp == 0x061C;
}

/* Bytes that may be written to the terminal. */
static void check_safe(const char *s, size_t len, unsigned flags)
{
	FUZZ_CHECK(utf8_is_valid(s, len));
	size_t i = 0;
	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		FUZZ_CHECK(c >= 0x20 && c != 0x7f);
		if (flags & UTF8_ASCII)
			FUZZ_CHECK(c < 0x80);
		int32_t cp;
		size_t k = utf8_decode(s + i, len - i, &cp);
		FUZZ_CHECK(k >= 1 && k <= 4);
		FUZZ_CHECK(!(cp >= 0x80 && cp <= 0x9f));
		FUZZ_CHECK(!is_bidi(cp));
		const utf8proc_property_t *p = utf8proc_get_property(cp);
		FUZZ_CHECK(p->category != UTF8PROC_CATEGORY_CF && !p->ignorable);
		FUZZ_CHECK(cp != 0x2028 && cp != 0x2029);
		i += k;
	}
}

static void check_display(const char *s, size_t len, unsigned flags)
{
	size_t pos = 0, steps = 0, gend = 0;
	struct dcluster dc;
	while (utf8_display_next(s, len, &pos, flags, &dc)) {
		FUZZ_CHECK(dc.src_len >= 1);
		FUZZ_CHECK(dc.src_off + dc.src_len == pos && pos <= len);
		FUZZ_CHECK(dc.len < sizeof dc.text && dc.text[dc.len] == '\0');
		check_safe(dc.text, dc.len, flags);
		/* a unit never crosses a grapheme cluster boundary */
		if (dc.src_off == gend) gend = utf8_cluster_end(s, len, gend);
		FUZZ_CHECK(pos <= gend);
		if (dc.newline) {
			FUZZ_CHECK(dc.len == 0 && dc.width == 0);
		} else if (dc.placeholder && memcmp(dc.text, "\xEF\xBF\xBD", 4) == 0) {
			FUZZ_CHECK(dc.width == 1); /* an invalid byte: one cell */
		} else if (dc.placeholder || (flags & UTF8_ASCII) || dc.tab) {
			FUZZ_CHECK(dc.len > 0 && dc.width == dc.len); /* one cell a byte */
		} else { /* ncurses counts wcwidth per code point */
			int w = 0;
			for (size_t i = 0; i < dc.len;) {
				int32_t cp;
				i += utf8_decode(dc.text + i, dc.len - i, &cp);
				int cw = wcwidth((wchar_t)cp);
				FUZZ_CHECK(cw >= 0);
				w += cw;
			}
			FUZZ_CHECK(dc.width >= 1 && dc.width <= 2 && dc.width == w);
		}
		steps++;
	}
	FUZZ_CHECK(pos == len);
	FUZZ_CHECK(steps <= len);
}

static void check_wrap(const char *s, size_t len, int width, unsigned flags)
{
	struct wrap w;
	memset(&w, 0, sizeof w);
	wrap_text(&w, s, len, width, flags);
	size_t prev_end = 0;
	int prev_para = 0;
	for (size_t i = 0; i < w.n; i++) {
		const struct wrap_line *l = &w.lines[i];
		FUZZ_CHECK(l->start <= l->end && l->end <= len);
		FUZZ_CHECK(l->start >= prev_end);
		FUZZ_CHECK(l->para >= prev_para);
		if (l->blank)
			FUZZ_CHECK(l->start == l->end && l->width == 0);
		/* Re-measure: the width stored is the width drawn, and a line
		 * over the width is one grapheme cluster alone (a ZWJ sequence
		 * is one, drawn as several units). */
		size_t pos = l->start;
		int col = 0, drawn = 0;
		while (pos < l->end) {
			size_t ge = utf8_cluster_end(s, l->end, pos);
			int cw = 0;
			struct dcluster dc;
			while (utf8_display_next(s, ge, &pos, flags, &dc)) {
				FUZZ_CHECK(!dc.newline);
				cw += dc.tab ? wrap_tab_advance(col, width) : dc.width;
			}
			col += cw;
			if (cw > 0) drawn++;
		}
		FUZZ_CHECK(col == l->width);
		if (l->width > width)
			FUZZ_CHECK(drawn == 1);
		FUZZ_CHECK(wrap_line_of(&w, l->start) <= i);
		prev_end = l->end;
		prev_para = l->para;
	}
	FUZZ_CHECK(w.n <= len + 1);
	wrap_free(&w);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	static const int widths[] = {1, 2, 3, 7, 10, 80};
	for (unsigned flags = 0; flags <= UTF8_ASCII; flags += UTF8_ASCII) {
		check_display(s, size, flags);
		for (size_t i = 0; i < sizeof widths / sizeof widths[0]; i++)
			check_wrap(s, size, widths[i], flags);
		for (int mw = 1; mw <= 12; mw += 11) {
			struct strbuf sb = STRBUF_INIT;
			int got = utf8_display_fit(&sb, s, size, mw, flags);
			FUZZ_CHECK(got >= 0 && got <= mw);
			FUZZ_CHECK(sb.len == 0 || sb.buf[sb.len] == '\0');
			check_safe(sb.buf ? sb.buf : "", sb.len, flags);
			/* Not re-measured: an invalid byte (a cluster of its own)
			 * becomes a real U+FFFD, which can then cluster with a
			 * following lone extender, so our measure of the output may
			 * be less than got; got is what ncurses advances. */
			strbuf_free(&sb);
		}
	}
	size_t flen = 0;
	char *f = utf8_fold(s, size, &flen);
	FUZZ_CHECK(f != NULL);
	FUZZ_CHECK(utf8_is_valid(f, flen));
	size_t flen2 = 0;
	char *f2 = utf8_fold(f, flen, &flen2);
	FUZZ_CHECK(f2 != NULL && utf8_is_valid(f2, flen2));
	free(f2);
	free(f);
	size_t rlen = 0;
	char *r = utf8_repair(s, size, &rlen);
	FUZZ_CHECK(r != NULL && utf8_is_valid(r, rlen));
	if (utf8_is_valid(s, size))
		FUZZ_CHECK(rlen == size && memcmp(r, s, size) == 0);
	free(r);
	size_t ncp = utf8_codepoints(s, size);
	FUZZ_CHECK(ncp <= size);
	FUZZ_CHECK(utf8_offset_of_cp(s, size, ncp) == size);
	FUZZ_CHECK(utf8_offset_of_cp(s, size, ncp + 5) == size);
	return 0;
}

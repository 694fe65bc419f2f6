/* SPDX-License-Identifier: MIT
 * Unicode text handling on top of utf8proc: decoding with replacement,
 * normalisation + case folding for matching, grapheme clusters, the display
 * width policy and the rendering policy for hostile text (the hostile-input
 * checklist, TESTING.md).
 * Everything that turns article bytes into screen cells goes through here. */
#ifndef DOSSIER_UTF8_H
#define DOSSIER_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "core/base/strbuf.h"

#define UTF8_REPLACEMENT 0xFFFD

/* True when a decoded code point (n bytes) came from an invalid byte, not
 * from a real U+FFFD in the text. */
static inline bool utf8_is_bad(int32_t cp, size_t n) { return cp == UTF8_REPLACEMENT && n == 1; }

/* Decode one code point at s[0..len). Returns the bytes consumed (>= 1 when
 * len > 0, 0 when len == 0). An invalid, overlong, surrogate or truncated
 * sequence yields U+FFFD and consumes exactly one byte. */
size_t utf8_decode(const char *s, size_t len, int32_t *cp);
/* Encode cp into out (4 bytes room); returns the byte count. */
size_t utf8_encode(int32_t cp, char out[4]);
bool utf8_is_valid(const char *s, size_t len);
/* Bytes before the first invalid one (len when all are valid). */
size_t utf8_valid_prefix(const char *s, size_t len);
/* How many bytes from s (at most len) are ASCII (< 0x80). */
size_t utf8_ascii_run(const char *s, size_t len);
/* How many bytes from s (at most len) are printable ASCII (0x20-0x7E),
 * eight at a time: most titles, sources and tags are all such bytes,
 * which every output policy copies as they are. */
static inline size_t utf8_printable_span(const char *s, size_t len)
{
	const uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
	size_t k = 0;
	for (; k + 8 <= len; k += 8) {
		uint64_t x;
		memcpy(&x, s + k, 8);
		/* any byte below 0x20, or above 0x7E (exact for "any") */
		if ((((x - 0x20 * ones) & ~x) | ((x + ones) | x)) & highs) break;
	}
	/* no word was dirty and fewer than 8 bytes are left: the last word,
	 * overlapping what was checked, most often clean */
	if (k < len && k + 8 > len && len >= 8) {
		uint64_t x;
		memcpy(&x, s + len - 8, 8);
		if (!((((x - 0x20 * ones) & ~x) | ((x + ones) | x)) & highs)) return len;
	}
	while (k < len && (unsigned char)s[k] >= 0x20 && (unsigned char)s[k] < 0x7F) k++;
	return k;
}
/* The loader's checks of a body in one pass (they were two, each a
 * sixth of a cold load's byte scans): valid = utf8_valid_prefix(s, len);
 * over the first head bytes, nul = a NUL among them, bad = the characters
 * the binary check counts there (a control other than tab, newline, form
 * feed, carriage return; an invalid byte with at least four bytes of the
 * head from it, decoded as if the text ended at head). */
struct utf8_scan {
	size_t valid, bad;
	bool nul;
};
void utf8_text_scan(const char *s, size_t len, size_t head, struct utf8_scan *out);
/* Copy with every invalid byte replaced by U+FFFD; caller frees. */
char *utf8_repair(const char *s, size_t len, size_t *outlen);
size_t utf8_codepoints(const char *s, size_t len);
/* Byte offset of code point number cp_index (clamped to len). */
size_t utf8_offset_of_cp(const char *s, size_t len, size_t cp_index);

/* NFKC + case fold (+ strip default ignorables), for matching: "KYIV",
 * "Kyiv" and a decomposed/precomposed é compare equal after this. Invalid
 * bytes become U+FFFD first. Caller frees; *outlen may be NULL. */
char *utf8_fold(const char *s, size_t len, size_t *outlen);

/* Unicode letter/number test, used for whole-word matching. */
bool utf8_is_word_cp(int32_t cp);

/* Grapheme clusters (utf8proc_grapheme_break_stateful). Returns the byte
 * offset just past the cluster that starts at pos (pos < len). */
size_t utf8_cluster_end(const char *s, size_t len, size_t pos);

/* One display unit: what takes its own cells on screen, as ncurses will
 * count them. A grapheme cluster is one unit or several (a ZWJ sequence is
 * one unit per pictograph; an invisible character inside a cluster is a
 * unit of its own), never the other way round: units never cross a
 * cluster boundary. text is the bytes to draw (sanitised; emoji joiners,
 * VS16 and skin tones of an emoji sequence left out), width how many
 * columns ncurses advances for them, src_off/src_len where it came from. */
/* Room for the display bytes of one unit: a base and up to 32 zero-width
 * marks (fewer when they do not fit; only zero-width marks are ever left
 * out, so the width stays what ncurses counts). tui/grid.c cells hold it. */
#define UTF8_UNIT_MAX 80

struct dcluster {
	char text[UTF8_UNIT_MAX]; /* NUL-terminated display bytes */
	unsigned char len;   /* bytes in text (0 only for a newline) */
	unsigned char width; /* 1..2 columns for text; a placeholder one column a
			      * byte (U+FFFD for a bad byte: 1); 0 only for a
			      * newline */
	bool placeholder;    /* ^X, <U+XXXX>, a marker: draw in the control style */
	bool tab;            /* a TAB: the caller expands it to the next tab stop */
	bool newline;        /* LF, U+2028, U+2029: a line break */
	size_t src_off, src_len; /* the unit's bytes in the source */
};

/* Flags for utf8_display_next. */
enum {
	UTF8_ASCII = 1 << 0, /* non-UTF-8 locale: a non-ASCII cluster becomes
			      * <U+XXXX> of its base (an ASCII base keeps just
			      * the base: decomposed "e\u0301" shows "e"), an
			      * invalid byte "?"; no byte >= 0x80 is emitted */
};

/* Read the display unit starting at *pos in s[0..len), advance *pos past
 * it. Returns false at the end. Rendering policy: C0/DEL as ^X, C1 as
 * <U+XXXX>, invalid bytes as U+FFFD (one per byte), CR as ^M. Every code
 * point that draws nothing is a marker (issue 19: they hid words): format
 * characters (Cf: ZWSP, WJ, U+FEFF, bidi controls, tags...) and default
 * ignorables (variation selectors, CGJ, Hangul fillers...) become
 * <U+XXXX>, a soft hyphen "-"; the only ones left out are an emoji
 * sequence's own: VS15/16 after a pictograph or keycap base, one skin tone
 * after a pictograph, the tags of a 🏴 subdivision flag, a ZWJ between two
 * pictographs (the next pictograph is then the next unit). A lone
 * combining mark is drawn on a space. Width = clamp(wcwidth(base), 1, 2)
 * plus the wcwidth of each kept extender; one that would make it wider
 * than 2 (a spacing mark after a wide base) starts the next unit; zero-
 * width marks are capped at 32 (and at UTF8_UNIT_MAX bytes). */
bool utf8_display_next(const char *s, size_t len, size_t *pos, unsigned flags,
		       struct dcluster *out);

/* Display width of a whole string under the same policy (tabs count 1). */
int utf8_display_width(const char *s, size_t len, unsigned flags);

/* Append s made safe for one screen line (newlines and tabs become spaces,
 * controls become placeholders), cut to at most max_width columns with "…"
 * (or "~" under UTF8_ASCII) when cut. Returns the width appended. */
int utf8_display_fit(struct strbuf *out, const char *s, size_t len, int max_width,
		     unsigned flags);

#endif

/* SPDX-License-Identifier: MIT
 * Unicode text handling on top of utf8proc: decoding with replacement,
 * normalisation + case folding for matching, grapheme clusters, the display
 * width policy and the rendering policy for hostile text (../HOSTILE.md).
 * Everything that turns article bytes into screen cells goes through here. */
#ifndef DOSSIER_UTF8_H
#define DOSSIER_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/strbuf.h"

#define UTF8_REPLACEMENT 0xFFFD

/* Decode one code point at s[0..len). Returns the bytes consumed (>= 1 when
 * len > 0, 0 when len == 0). An invalid, overlong, surrogate or truncated
 * sequence yields U+FFFD and consumes exactly one byte. */
size_t utf8_decode(const char *s, size_t len, int32_t *cp);
/* Encode cp into out (4 bytes room); returns the byte count. */
size_t utf8_encode(int32_t cp, char out[4]);
bool utf8_is_valid(const char *s, size_t len);
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

/* One cluster as it must appear on screen: the bytes to draw (sanitised,
 * emoji joiners and VS16/skin tones stripped), how many columns ncurses will
 * advance, and where it came from in the source text. */
/* Room for the display bytes of one unit: a base and up to 32 zero-width
 * marks (fewer when they do not fit; only zero-width marks are ever left
 * out, so the width stays what ncurses counts). tui/grid.c cells hold it. */
#define UTF8_UNIT_MAX 80

struct dcluster {
	char text[UTF8_UNIT_MAX]; /* NUL-terminated display bytes */
	unsigned char len;   /* bytes in text (0: nothing to draw) */
	unsigned char width; /* 0..2 columns for text; placeholders can be wider */
	bool placeholder;    /* a control shown as ^X / <U+XXXX>: draw distinctly */
	bool tab;            /* a TAB: the caller expands it to the next tab stop */
	bool newline;        /* LF, U+2028, U+2029: a line break */
	size_t src_off, src_len; /* the cluster's bytes in the source */
};

/* Flags for utf8_display_next. */
enum {
	UTF8_ASCII = 1 << 0, /* non-UTF-8 locale: a non-ASCII cluster becomes
			      * <U+XXXX> of its base (an ASCII base keeps just
			      * the base: decomposed "e\u0301" shows "e"), an
			      * invalid byte "?"; no byte >= 0x80 is emitted */
};

/* Read the display cluster starting at *pos in s[0..len), advance *pos past
 * it. Returns false at the end. Rendering policy: C0/DEL as ^X, C1 and bidi
 * controls as <U+XXXX>, invalid bytes as U+FFFD (one per byte), CR as ^M,
 * combining marks capped at 32 per cluster. Width follows wcwidth() of the
 * base code point clamped to 1..2, as ncurses counts it. */
bool utf8_display_next(const char *s, size_t len, size_t *pos, unsigned flags,
		       struct dcluster *out);

/* Zero-width format characters (ZWSP U+200B, WJ U+2060, U+FEFF, soft
 * hyphen, lone ZWJ, other Cf that are not bidi controls) come back as a
 * cluster with len 0 and width 0: nothing is drawn, nothing is counted, so
 * columns cannot drift, while src_off/src_len keep offsets exact. A cluster
 * whose base ncurses would not advance for (a lone combining mark) is drawn
 * on a space. Width = clamp(wcwidth(base), 1, 2) + the wcwidth of every kept
 * extender that ncurses itself advances for (Indic spacing marks, the second
 * regional indicator of a flag). After a ZWJ the rest of an emoji sequence is
 * not drawn (the family shows as its first person, 2 columns). A cluster can
 * be wider than a narrow pane; callers clip it. */

/* Display width of a whole string under the same policy (tabs count 1). */
int utf8_display_width(const char *s, size_t len, unsigned flags);

/* Append s made safe for one screen line (newlines and tabs become spaces,
 * controls become placeholders), cut to at most max_width columns with "…"
 * (or "~" under UTF8_ASCII) when cut. Returns the width appended. */
int utf8_display_fit(struct strbuf *out, const char *s, size_t len, int max_width,
		     unsigned flags);

#endif

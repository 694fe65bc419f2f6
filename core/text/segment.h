/* SPDX-License-Identifier: MIT
 * Word, sentence, line and paragraph boundaries over body text, as byte
 * offsets on grapheme-cluster boundaries, so the text pane can extend a
 * selection by unit and marks can snap to whole words or paragraphs.
 *
 * Definitions (shared by wrap.c, so pane and marks agree):
 * - line: bytes up to LF, U+2028 or U+2029 (the break is not in the line);
 * - blank line: only spaces (Zs), TAB, CR, VT, FF, ZWSP, WJ or U+FEFF;
 * - paragraph: a maximal run of non-blank lines; its range runs from its
 *   first non-blank character to its last non-blank character;
 * - word: a maximal run of clusters whose base is utf8_is_word_cp (letters,
 *   numbers, marks); "it's" is two words, "3.5" two numbers;
 * - sentence: ends after . ! ? … ‼ ⁇ ⁈ ⁉ (a run of them) plus closing quotes
 *   and brackets (" ' ” ’ » ) ]) when followed by whitespace or the end;
 *   after 。！？ directly; and at the end of a paragraph. A lone full stop
 *   does not end one after a title ("Mr. Smith", "Gen. Syrskyi"), an
 *   initial ("J. R. Smith"), before a lower-case word ("etc. and",
 *   "U.S. forces"), or between "No."/"Jan."/a dotted form and a number;
 *   ambiguous cases ("the U.S. The") end it. */
#ifndef DOSSIER_SEGMENT_H
#define DOSSIER_SEGMENT_H

#include <stdbool.h>
#include <stddef.h>

struct segment_range {
	size_t start, end; /* byte offsets, end exclusive */
};

/* Line containing pos: returns the end of its text (offset of the line
 * break, or len); *next (may be NULL) gets the start of the following line
 * (len when none). */
size_t segment_line_end(const char *text, size_t len, size_t pos, size_t *next);
/* Start of the line containing pos. */
size_t segment_line_start(const char *text, size_t len, size_t pos);
/* s[0..n) holds only blank characters (see above). */
bool segment_is_blank(const char *s, size_t n);

/* Words. All return cluster boundaries in 0..len. */
bool segment_is_word_at(const char *text, size_t len, size_t pos);
/* Start of the word containing pos, or pos when pos is not inside a word. */
size_t segment_word_start(const char *text, size_t len, size_t pos);
/* Extend forward by a word: the end of the word containing pos, or when pos
 * is not inside a word (or at its end), the end of the next word; len when
 * no word follows. Always > pos when pos < len. */
size_t segment_word_end(const char *text, size_t len, size_t pos);
/* Extend backward by a word: the start of the word before pos (the one
 * containing pos - 1, else the previous one); 0 when none. */
size_t segment_word_prev(const char *text, size_t len, size_t pos);

/* Sentences. The range of the sentence containing pos (leading whitespace
 * excluded, the closing punctuation and quotes included). When pos is in the
 * whitespace between sentences, the following sentence. False when no
 * sentence starts at or after pos inside pos's paragraph and none holds pos
 * (e.g. pos on a blank line). */
bool segment_sentence_range(const char *text, size_t len, size_t pos, struct segment_range *r);
/* Extend forward by a sentence: end of the sentence holding pos, or the end
 * of the next one when pos is already at/after that end; len when none. */
size_t segment_sentence_end(const char *text, size_t len, size_t pos);

/* Paragraphs. The paragraph whose lines contain pos; false when pos is on a
 * blank line (or past the last paragraph). */
bool segment_paragraph_range(const char *text, size_t len, size_t pos, size_t *start,
			     size_t *end);
/* Extend forward by a paragraph: end of the paragraph holding pos, or of the
 * next paragraph when pos is at/after its end or on a blank line; len when
 * none. */
size_t segment_paragraph_end(const char *text, size_t len, size_t pos);
/* Every paragraph, in order (numbered like wrap_line.para). *out is owned by
 * the caller (free()); NULL when none. Returns the count. Linear. */
size_t segment_paragraphs(const char *text, size_t len, struct segment_range **out);

#endif

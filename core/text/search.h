/* SPDX-License-Identifier: MIT
 * Case- and normalisation-insensitive search in one body of text: "KYIV"
 * finds "Kyiv", e + U+0301 finds é, "ss" finds ß, "fi" finds the ﬁ ligature.
 * Hits are byte ranges of whole grapheme clusters in the ORIGINAL text, so
 * marks, highlights and exports use them directly. */
#ifndef DOSSIER_SEARCH_H
#define DOSSIER_SEARCH_H

#include <stdbool.h>
#include <stddef.h>

struct search_hit {
	size_t start, end; /* byte offsets into the original text, end exclusive */
};

enum {
	SEARCH_WORD = 1 << 0, /* both ends on word boundaries (utf8_is_word_cp) */
};

struct search_map; /* private: folded offset -> original offset runs */

/* A body folded once (utf8_fold per grapheme cluster) for repeated searches,
 * e.g. incremental search while typing. Owns its buffers; the original text
 * is not kept. Memory: the folded copy + 1 bit per folded byte + one map
 * entry per run of clusters whose fold keeps their length. */
struct search_text {
	char *folded;        /* owned */
	size_t flen;
	size_t orig_len;
	unsigned char *bound; /* owned: bit i = folded offset i starts a cluster */
	struct search_map *map; /* owned */
	size_t nmap, capmap;
};

void search_text_init(struct search_text *st, const char *text, size_t len);
void search_text_free(struct search_text *st);

/* All non-overlapping hits of needle[0..nlen) in order. *hits is owned by the
 * caller (free()), NULL when there are none. A needle that folds to nothing
 * finds nothing. Matches never start or end inside a cluster: "s" does not
 * match inside ß, "e" does not match é. */
size_t search_text_find(const struct search_text *st, const char *needle, size_t nlen,
			unsigned flags, struct search_hit **hits);

/* One-shot: fold text, search, free. needle is NUL-terminated. */
size_t search_find(const char *text, size_t len, const char *needle, unsigned flags,
		   struct search_hit **hits);

/* Full-text query helper: true when the words of phrase (split at non-word
 * characters, folded) occur as consecutive whole words in the text, with only
 * non-word characters between them ("new york" matches "New-York" and
 * "new\nYORK"). A phrase without words never matches. */
bool search_text_has_phrase(const struct search_text *st, const char *phrase, size_t plen);
bool search_contains_words(const char *text, size_t len, const char *phrase);

/* Index of the first hit starting at or after off (n when none): for the
 * pane's next/previous hit from the cursor. */
size_t search_hit_after(const struct search_hit *hits, size_t n, size_t off);

#endif

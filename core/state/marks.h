/* SPDX-License-Identifier: MIT
 * A mark is a passage of an article, stored so that it can be found again
 * after the file is edited (W3C TextQuoteSelector + TextPositionSelector):
 * the exact text, some context either side, and code-point offsets into the
 * article's text: the rendered text of core/text/article_text.h (for plain text,
 * the body as article_body_read() returns it). A mark is never dropped: when its
 * text cannot be found it is reported ORPHANED and keeps its stored text.
 * A mark may carry a note and mark tags (#evidence), which are not part of
 * its identity: editing them changes the same mark. */
#ifndef DOSSIER_MARKS_H
#define DOSSIER_MARKS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define MARK_CONTEXT 32 /* code points of prefix / suffix context */

struct mark {
	char *article;      /* owned: article ID */
	char *text;         /* owned: the exact passage (valid UTF-8) */
	char *prefix;       /* owned: up to MARK_CONTEXT code points before */
	char *suffix;       /* owned: up to MARK_CONTEXT code points after */
	size_t start, end;  /* code points from the start of the article's text, end exclusive */
	int64_t created;    /* seconds since 1970 (UTC) */
	char *note;         /* owned or NULL: the reader's note (free text) */
	char **tags;        /* owned: normalised mark tags, sorted, no duplicates */
	size_t ntags;
};

enum mark_status {
	MARK_OK,       /* the text is where it was */
	MARK_MOVED,    /* the same words, found at another place */
	MARK_CHANGED,  /* found by its place and context, but the words differ */
	MARK_ORPHANED, /* not found: show the stored text */
};

/* "ok", "moved", "changed", "orphaned" (static strings). */
const char *mark_status_name(enum mark_status s);

/* Where a mark lies in the current body. */
struct mark_anchor {
	enum mark_status status;
	size_t start, end; /* current offsets; the stored ones when ORPHANED */
};

/* Fill m for body code points [start, end) of body[0..len) (invalid bytes
 * count as one code point each, as U+FFFD). created = now. Returns 0, or -1
 * when the range is empty or beyond the body (m untouched). */
int mark_init(struct mark *m, const char *article, const char *body, size_t len, size_t start,
	      size_t end);
void mark_copy(struct mark *dst, const struct mark *src); /* deep copy */
void mark_free(struct mark *m);                            /* frees fields; NULL ok */
/* Same identity: article, offsets and text (context, time, note and tags
 * do not count). */
bool mark_same(const struct mark *a, const struct mark *b);
/* Order for lists: article ID, then start, then end. */
int mark_cmp(const struct mark *a, const struct mark *b);

/* The note: NULL or "" removes it; otherwise a copy is kept. */
void mark_set_note(struct mark *m, const char *note);
/* Add a mark tag, normalised as article tags are ("Key Quote" ->
 * "key-quote", a leading '#' dropped). false when it normalises to nothing
 * or is there already. */
bool mark_add_tag(struct mark *m, const char *tag);
bool mark_remove_tag(struct mark *m, const char *tag); /* false when absent */
/* Does m carry the normalised tag, or a tag nested under it
 * ("evidence" also matches "evidence/strong")? */
bool mark_has_tag(const struct mark *m, const char *tag);
/* Same note and same tags? */
bool mark_same_notes(const struct mark *a, const struct mark *b);
/* Replace dst's note and tags by copies of src's. */
void mark_copy_notes(struct mark *dst, const struct mark *src);

/* Find m in the current body: the exact text at the stored offset (OK);
 * else the occurrence of the exact text whose context matches best (ties:
 * nearest the stored offset; MOVED); else, for passages of 8 code points
 * or more, the window with the smallest edit distance if it is within a
 * quarter of the passage length (cost bounded: the search is narrowed
 * around the stored offset on long bodies): the words there differ from
 * the marked ones, so CHANGED; else ORPHANED. */
struct mark_anchor mark_anchor(const struct mark *m, const char *body, size_t len);
/* mark_anchor with a second guess [gs, ge) (SIZE_MAX: none): where the
 * stored offsets land when read as offsets into the source the text was
 * rendered from (marks made before offsets counted rendered text; see
 * article_text_anchor). Tried after the stored offsets: when the words
 * there are the marked words, or the marked words with markup taken out (a
 * few edits allowed), the mark is OK there (the passage is where it was in
 * the file) at [gs, ge); exact occurrences elsewhere tie-break on the
 * nearer of the two places. */
struct mark_anchor mark_anchor_guess(const struct mark *m, const char *body, size_t len, size_t gs,
				     size_t ge);

/* Code points [start, end) of body as a new valid UTF-8 string (invalid
 * bytes become U+FFFD). Caller frees. */
char *mark_slice(const char *body, size_t len, size_t start, size_t end);

/* Number of code points in body (invalid bytes count one each). */
size_t mark_body_length(const char *body, size_t len);

#endif

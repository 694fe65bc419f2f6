/* SPDX-License-Identifier: MIT
 * The article's text: what a person reads, the body rendered by its format
 * (Markdown, HTML, template syntax gone; links numbered). Everything that
 * reads text reads this: wrapping, in-text search, selection, marks,
 * export, the full-text index and the query's text terms.
 *
 * The contract. "The article's text" is render_doc.text of
 * article_text_load(). Every offset the program keeps or prints — a mark's
 * start and end, a search hit, a selection, the CLI's `mark ID START END` —
 * counts code points (or bytes, where the API says so) of that text, never
 * of the file. render_to_source() turns a rendered byte into a byte of the
 * body (the file after front matter, CRLF as LF); `dossier show --raw`
 * prints the body. A plain-text article renders to itself line for line
 * (every line kept, blank lines kept, the final newline dropped), so its
 * offsets are the body's.
 *
 * The closing link list ("Links:" and one "[n] URL" line per link) is part
 * of the text as shown, but not of the words: the index and the query never
 * see it (a word found only in a URL does not match), and marks are found
 * again only in the text before it. */
#ifndef DOSSIER_ARTICLE_TEXT_H
#define DOSSIER_ARTICLE_TEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "core/meta/article.h"
#include "core/base/diag.h"
#include "core/state/marks.h"
#include "core/text/render.h"
#include "core/base/strbuf.h"

/* Read a's body (article_body_read) and render it by render_format_of(a).
 * Caller frees with render_doc_free. NULL with a diag in dl (may be NULL)
 * when the file cannot be read. */
struct render_doc *article_text_load(const struct article *a, struct diag_list *dl);

/* The same, also handing back the body it was rendered from (malloc'd,
 * NUL-terminated, caller frees) for article_text_anchor and `show --raw`.
 * On failure NULL, *raw = NULL, *raw_len = 0. */
struct render_doc *article_text_load_raw(const struct article *a, char **raw, size_t *raw_len,
					 struct diag_list *dl);

/* Only the text: a malloc'd NUL-terminated copy of the rendered text and
 * its length in bytes, or NULL with a diag. Caller frees. */
char *article_text_read(const struct article *a, size_t *len, struct diag_list *dl);

/* Render an already read body as a's text (for callers that have it). */
struct render_doc *article_text_render(const struct article *a, const char *body, size_t len);

/* Bytes of d->text before the closing link list (d->len when none). */
size_t article_text_prose_len(const struct render_doc *d);

/* The words of the text for the full-text index and the query's fallback:
 * the text before the link list with the generated link numbers ("[3]")
 * and note numbers ("¹") blanked, so neither a URL nor a number we made
 * up is a word ("claim¹" is the word "claim"); link texts are.
 * Returns d->text itself when there is nothing to blank, else buf's bytes
 * (buf is reset first; the caller frees it). *len is set either way. */
const char *article_text_words(const struct render_doc *d, struct strbuf *buf, size_t *len);

/* The same words read from a's file, cheaply: when they are the body's
 * own (article_text_words_are_body) the body, else article_text_words of
 * the rendering. A malloc'd NUL-terminated buffer and its length, or NULL
 * with a diag. Caller frees. For the full-text index and the query. */
char *article_text_words_read(const struct article *a, size_t *len, struct diag_list *dl);
/* body[len] must be '\0' (as article_body_read leaves it).
 * Are the words of body rendered in format f (as the tokenizer splits
 * them) those of the body itself? Plain text: always. Markdown: when no
 * byte can start markup that changes a word (* _ ` [ ] < & { } \ ~, NUL),
 * nothing can be an autolink (@, ://, www.) and no line starts with an
 * ordered-list number; the markup left (headings, bullets, quotes, tables,
 * rules) is punctuation to the tokenizer. HTML: never. */
bool article_text_words_are_body(const char *body, size_t len, enum render_format f);

/* Where mark m lies in d's text now (mark_anchor on the rendered text).
 * raw (may be NULL) is the body d was rendered from: with it, a mark
 * stored before marks counted rendered text (its offsets and quote taken
 * from the body, markup and all) is found through the offset map where
 * its words are shown: OK, at offsets into the text (differing from the
 * stored ones). Re-anchoring searches the text before the
 * link list; a mark is never dropped (ORPHANED keeps its stored text). */
struct mark_anchor article_text_anchor(const struct mark *m, const struct render_doc *d,
				       const char *raw, size_t raw_len);

#endif

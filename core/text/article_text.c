/* SPDX-License-Identifier: MIT
 * The one door to an article's text (core/text/article_text.h): read the body,
 * render it by its format, and answer the questions every reader of text
 * asks of the result — its words for the index, where a mark lies in it. */
#include "core/text/article_text.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/text/utf8.h"
#include "core/base/util.h"

struct render_doc *article_text_render(const struct article *a, const char *body, size_t len)
{
	return render_body(body, len, render_format_of(a));
}

struct render_doc *article_text_load_raw(const struct article *a, char **raw, size_t *raw_len,
					 struct diag_list *dl)
{
	*raw = article_body_read(a, raw_len, dl);
	if (!*raw) return NULL;
	return article_text_render(a, *raw, *raw_len);
}

struct render_doc *article_text_load(const struct article *a, struct diag_list *dl)
{
	char *raw;
	size_t len;
	struct render_doc *d = article_text_load_raw(a, &raw, &len, dl);
	free(raw);
	return d;
}

char *article_text_read(const struct article *a, size_t *len, struct diag_list *dl)
{
	*len = 0;
	struct render_doc *d = article_text_load(a, dl);
	if (!d) return NULL;
	char *text = d->text; /* taken: render_doc_free leaves a NULL text alone */
	*len = d->len;
	d->text = NULL;
	render_doc_free(d);
	return text;
}

size_t article_text_prose_len(const struct render_doc *d)
{
	size_t i = d->nlines;
	while (i > 0 && d->lines[i - 1].kind == RL_LINKS) i--; /* the list is the last lines */
	if (i == d->nlines) return d->len;
	size_t end = d->lines[i].off;
	while (end > 0 && d->text[end - 1] == '\n') end--; /* and the gap before it */
	return end;
}

const char *article_text_words(const struct render_doc *d, struct strbuf *buf, size_t *len)
{
	size_t end = article_text_prose_len(d);
	*len = end;
	bool refs = false;
	for (size_t i = 0; i < d->nspans && !refs; i++) refs = d->spans[i].style == RS_LINKREF || d->spans[i].style == RS_FOOTREF;
	if (!refs) return d->text;
	buf->len = 0;
	strbuf_add(buf, d->text, end);
	for (size_t i = 0; i < d->nspans; i++) {
		const struct render_span *s = &d->spans[i];
		if ((s->style != RS_LINKREF && s->style != RS_FOOTREF) || s->off >= end) continue;
		size_t n = s->off + s->len <= end ? s->len : end - s->off;
		memset(buf->buf + s->off, ' ', n);
	}
	strbuf_addc(buf, '\0');
	buf->len--;
	return buf->buf;
}

/* Bytes to look at: 1 can start markup that changes the words of a
 * Markdown text (emphasis inside a word, code fences' info strings, links
 * and their URLs, HTML, entities, templates, escapes, an e-mail autolink,
 * NUL); 2 a line start; 3 maybe "://", 4 maybe "www." (autolinks, whose
 * number is put where they end, maybe inside a word). A table: the scan
 * runs over every byte of every article the index reads. */
static const unsigned char scan_class[256] = {
	[0] = 1, ['*'] = 1, ['_'] = 1, ['`'] = 1, ['['] = 1, [']'] = 1, ['<'] = 1, ['&'] = 1,
	['{'] = 1, ['}'] = 1, ['\\'] = 1, ['~'] = 1, ['@'] = 1,
	['\n'] = 2, [':'] = 3, ['w'] = 4, ['W'] = 4,
};

/* Does the line at body[i..) start with an ordered-list number (after
 * indentation, quote marks and bullets)? Its number is a display prefix. */
static bool ordered_marker(const char *body, size_t len, size_t i)
{
	while (i < len && (body[i] == ' ' || body[i] == '\t' || body[i] == '>' || body[i] == '-' ||
			   body[i] == '+'))
		i++;
	size_t d = i;
	while (d < len && body[d] >= '0' && body[d] <= '9') d++;
	return d > i && d < len && (body[d] == '.' || body[d] == ')');
}

bool article_text_words_are_body(const char *body, size_t len, enum render_format f)
{
	if (f == RENDER_TEXT) return true;
	if (f != RENDER_MARKDOWN) return false;
	if (ordered_marker(body, len, 0)) return false;
	/* strcspn stops at each byte to look at (and at a NUL, which body[len]
	 * is): the common bytes go by many at a time */
	static const char stops[] = "*_`[]<&{}\\~@\n:wW";
	for (size_t i = strcspn(body, stops); i < len; i += 1 + strcspn(body + i + 1, stops)) {
		switch (scan_class[(unsigned char)body[i]]) {
		case 1: return false;
		case 2:
			if (ordered_marker(body, len, i + 1)) return false;
			break;
		case 3:
			if (len - i > 2 && body[i + 1] == '/' && body[i + 2] == '/') return false;
			break;
		default:
			if (len - i > 3 && strncasecmp(body + i, "www.", 4) == 0) return false;
			break;
		}
	}
	return true;
}

char *article_text_words_read(const struct article *a, size_t *len, struct diag_list *dl)
{
	char *raw = article_body_read(a, len, dl);
	if (!raw || article_text_words_are_body(raw, *len, render_format_of(a))) return raw;
	struct render_doc *d = article_text_render(a, raw, *len);
	free(raw);
	struct strbuf wb = STRBUF_INIT;
	const char *w = article_text_words(d, &wb, len);
	char *out = w == d->text ? d->text : strbuf_steal(&wb);
	if (out == d->text) d->text = NULL;
	out[*len] = '\0';
	strbuf_free(&wb);
	render_doc_free(d);
	return out;
}

/* Code-point offset in d's text of the rendered place of body byte b. */
static size_t guess_cp(const struct render_doc *d, size_t b)
{
	return utf8_codepoints(d->text, render_from_source(d, b));
}

struct mark_anchor article_text_anchor(const struct mark *m, const struct render_doc *d,
				       const char *raw, size_t raw_len)
{
	size_t prose = article_text_prose_len(d);
	if (m->end > m->start && m->start >= utf8_codepoints(d->text, prose)) {
		/* made on the link list itself: kept there while it is there */
		struct mark_anchor a = mark_anchor(m, d->text, d->len);
		if (a.status == MARK_OK) return a;
	}
	size_t gs = SIZE_MAX, ge = SIZE_MAX;
	if (raw && m->text) {
		/* Read as body offsets, do the stored ones hold the quote? Then
		 * the mark predates rendered offsets: map it through. */
		size_t bs = utf8_offset_of_cp(raw, raw_len, m->start);
		size_t be = bs + utf8_offset_of_cp(raw + bs, raw_len - bs, m->end - m->start);
		size_t tn = strlen(m->text);
		if (m->end > m->start && be - bs == tn && memcmp(raw + bs, m->text, tn) == 0) {
			gs = guess_cp(d, bs);
			ge = guess_cp(d, be);
			if (ge < gs) ge = gs;
		}
	}
	return mark_anchor_guess(m, d->text, prose, gs, ge);
}

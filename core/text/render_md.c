/* SPDX-License-Identifier: MIT
 * Markdown into the render builder with md4c (CommonMark + GFM tables,
 * strikethrough, autolinks, task lists). md4c hands out pointers into the
 * text it parses, which is what gives every rendered run its source
 * offset; raw HTML goes on to the libxml2 walker (render_html.c).
 * Footnote references become superscript numbers here; the notes, cut out
 * by render_foot.c, are parsed after the article into a "Notes:" list. */
#include "core/text/render_int.h"

#include <md4c.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/base/util.h"

struct md_list { bool ordered; unsigned next; char delim; };

struct md_state {
	struct rb *b;
	const char *src;
	size_t len;
	struct md_list *lists;
	size_t nlists, lists_cap;
	int in_code_block, in_html_block;
	struct strbuf html;        /* the HTML block being collected */
	size_t html_off;
	struct rb_inline inl;      /* inline HTML tags seen in this paragraph */
	struct foot *foot;         /* footnote definitions, or NULL */
};

/* Offset of p in the source, or RB_NO_SRC for md4c's own strings. */
static size_t src_off(const struct md_state *m, const char *p)
{
	if (p >= m->src && p <= m->src + m->len) return (size_t)(p - m->src);
	return RB_NO_SRC;
}

static const char *const bullets[] = {"•", "◦", "▪"};

static int md_enter_block(MD_BLOCKTYPE type, void *detail, void *ud)
{
	struct md_state *m = ud;
	struct rb *b = m->b;
	switch (type) {
	case MD_BLOCK_DOC: break;
	case MD_BLOCK_QUOTE: rb_quote_begin(b); break;
	case MD_BLOCK_UL:
	case MD_BLOCK_OL: {
		ARRAY_RESERVE(m->lists, m->lists_cap, m->nlists + 1);
		struct md_list *l = &m->lists[m->nlists++];
		l->ordered = type == MD_BLOCK_OL;
		l->next = l->ordered ? ((MD_BLOCK_OL_DETAIL *)detail)->start : 0;
		l->delim = l->ordered ? ((MD_BLOCK_OL_DETAIL *)detail)->mark_delimiter : 0;
		break;
	}
	case MD_BLOCK_LI: {
		char marker[24] = "•";
		const MD_BLOCK_LI_DETAIL *li = detail;
		if (m->nlists) {
			struct md_list *l = &m->lists[m->nlists - 1];
			if (l->ordered) {
				size_t n = render_utoa(l->next++ % 1000000000u, marker);
				marker[n++] = l->delim ? l->delim : '.';
				marker[n] = '\0';
			} else {
				strcpy(marker, bullets[(m->nlists - 1) % 3]);
			}
		}
		if (li->is_task) {
			size_t n = strlen(marker);
			snprintf(marker + n, sizeof marker - n, " [%c]", li->task_mark == ' ' ? ' ' : 'x');
		}
		rb_item_begin(b, marker);
		break;
	}
	case MD_BLOCK_HR: rb_rule(b); break;
	case MD_BLOCK_H: {
		unsigned level = ((MD_BLOCK_H_DETAIL *)detail)->level;
		rb_block_begin(b, RL_HEADING, level);
		rb_span_begin(b, RS_HEADING, level);
		break;
	}
	case MD_BLOCK_CODE:
		rb_block_begin(b, RL_CODE, 0);
		rb_span_begin(b, RS_CODEBLOCK, 0);
		m->in_code_block = 1;
		break;
	case MD_BLOCK_HTML:
		m->in_html_block = 1;
		strbuf_reset(&m->html);
		m->html_off = RB_NO_SRC;
		break;
	case MD_BLOCK_P:
		rb_block_begin(b, RL_TEXT, 0);
		break;
	case MD_BLOCK_TABLE: rb_table_begin(b); break;
	case MD_BLOCK_THEAD:
	case MD_BLOCK_TBODY: break;
	case MD_BLOCK_TR: rb_row_begin(b); break;
	case MD_BLOCK_TH:
	case MD_BLOCK_TD: {
		MD_ALIGN a = ((MD_BLOCK_TD_DETAIL *)detail)->align;
		rb_cell_begin(b, type == MD_BLOCK_TH, a == MD_ALIGN_CENTER ? 1 : a == MD_ALIGN_RIGHT ? 2 : 0);
		break;
	}
	}
	return 0;
}

/* Inline HTML left open at the end of a block is closed with it. */
static void close_inline(struct md_state *m)
{
	while (m->inl.depth > 0) rb_html_tag(m->b, &m->inl, "</>", 3, RB_NO_SRC);
	m->inl.suppress = 0;
}

static int md_leave_block(MD_BLOCKTYPE type, void *detail, void *ud)
{
	(void)detail;
	struct md_state *m = ud;
	struct rb *b = m->b;
	switch (type) {
	case MD_BLOCK_DOC: break;
	case MD_BLOCK_QUOTE: rb_quote_end(b); break;
	case MD_BLOCK_UL:
	case MD_BLOCK_OL:
		if (m->nlists) m->nlists--;
		rb_list_end(b);
		break;
	case MD_BLOCK_LI: close_inline(m); rb_item_end(b); break;
	case MD_BLOCK_HR: break;
	case MD_BLOCK_H:
		close_inline(m);
		rb_span_end(b);
		rb_block_end(b);
		break;
	case MD_BLOCK_CODE:
		m->in_code_block = 0;
		rb_span_end(b);
		rb_block_end(b);
		break;
	case MD_BLOCK_HTML:
		m->in_html_block = 0;
		rb_html_block(b, strbuf_str(&m->html), m->html.len, m->html_off);
		break;
	case MD_BLOCK_P: close_inline(m); rb_block_end(b); break;
	case MD_BLOCK_TABLE: rb_table_end(b); break;
	case MD_BLOCK_THEAD:
	case MD_BLOCK_TBODY: break;
	case MD_BLOCK_TR: rb_row_end(b); break;
	case MD_BLOCK_TH:
	case MD_BLOCK_TD: close_inline(m); rb_cell_end(b); break;
	}
	return 0;
}

/* An attribute (href) as one string, entities decoded. */
static char *attr_string(const MD_ATTRIBUTE *a)
{
	struct strbuf sb = STRBUF_INIT;
	for (unsigned i = 0; a->substr_offsets && a->substr_offsets[i] < a->size; i++) {
		const char *p = a->text + a->substr_offsets[i];
		size_t n = a->substr_offsets[i + 1] - a->substr_offsets[i];
		if (a->substr_types[i] == MD_TEXT_ENTITY) {
			size_t dn;
			char *dec = render_decode_entities(p, n, &dn);
			strbuf_add(&sb, dec, dn);
			free(dec);
		} else if (a->substr_types[i] == MD_TEXT_NULLCHAR) {
			strbuf_adds(&sb, "\xEF\xBF\xBD");
		} else {
			strbuf_add(&sb, p, n);
		}
	}
	char *s = strbuf_steal(&sb);
	return s ? s : xstrdup("");
}

static int md_enter_span(MD_SPANTYPE type, void *detail, void *ud)
{
	struct md_state *m = ud;
	struct rb *b = m->b;
	switch (type) {
	case MD_SPAN_EM: rb_span_begin(b, RS_EMPH, 0); break;
	case MD_SPAN_STRONG: rb_span_begin(b, RS_STRONG, 0); break;
	case MD_SPAN_CODE: rb_span_begin(b, RS_CODE, 0); break;
	case MD_SPAN_DEL: rb_span_begin(b, RS_STRIKE, 0); break;
	case MD_SPAN_A: {
		const MD_SPAN_A_DETAIL *a = detail;
		char *url = attr_string(&a->href);
		size_t off = src_off(m, a->href.text);
		rb_link_begin(b, url, off == RB_NO_SRC ? b->cursor : off);
		free(url);
		break;
	}
	case MD_SPAN_IMG: rb_image_begin(b); break;
	default: rb_span_begin(b, RS_EMPH, 0); break; /* not enabled; kept balanced */
	}
	return 0;
}

static int md_leave_span(MD_SPANTYPE type, void *detail, void *ud)
{
	(void)detail;
	struct md_state *m = ud;
	if (type == MD_SPAN_A) rb_link_end(m->b);
	else if (type == MD_SPAN_IMG) rb_image_end(m->b);
	else rb_span_end(m->b);
	return 0;
}

/* Text with footnote references "[^label]" to defined notes shown as the
 * note's number in superscript ("¹"): digits in brackets are link numbers,
 * so a note number must not look like one. Undefined ones stay as typed. */
static void text_with_refs(struct md_state *m, const char *text, size_t size, size_t off)
{
	struct rb *b = m->b;
	size_t done = 0, i = 0;
	const char *p;
	while (i + 3 < size && (p = memchr(text + i + 1, '^', size - i - 1)) != NULL) {
		if (p[-1] != '[') { /* '^' is rare: memchr, not memmem, per text run */
			i = (size_t)(p - text);
			continue;
		}
		size_t a = (size_t)(p - 1 - text), j = a + 2;
		while (j < size && j - a < 260 && text[j] != ']' && text[j] != '[' && text[j] != ' ' &&
		       text[j] != '\t' && text[j] != '\n')
			j++;
		struct foot_def *def = j < size && text[j] == ']' && j > a + 2 ? foot_lookup(m->foot, text + a + 2, j - a - 2) : NULL;
		if (!def) {
			i = a + 1;
			continue;
		}
		rb_text(b, text + done, a - done, off == RB_NO_SRC ? RB_NO_SRC : off + done);
		char sup[40];
		uint32_t num = foot_number(m->foot, def);
		size_t n = foot_marker(num, sup);
		rb_span_begin(b, RS_FOOTREF, num);
		if (off == RB_NO_SRC) rb_text(b, sup, n, RB_NO_SRC);
		else rb_text_unit(b, sup, n, off + a, j + 1 - a);
		rb_span_end(b);
		done = i = j + 1;
	}
	rb_text(b, text + done, size - done, off == RB_NO_SRC ? RB_NO_SRC : off + done);
}

static int md_text(MD_TEXTTYPE type, const MD_CHAR *text, MD_SIZE size, void *ud)
{
	struct md_state *m = ud;
	struct rb *b = m->b;
	size_t off = src_off(m, text);
	if (m->in_html_block) {
		/* offsets inside the block hold only while it is one slice of
		 * the source (not inside a quote, no NUL replaced) */
		if (m->html.len == 0) m->html_off = off;
		else if (m->html_off != RB_NO_SRC && off != m->html_off + m->html.len) m->html_off = RB_NO_SRC;
		strbuf_add(&m->html, text, size);
		return 0;
	}
	if (type == MD_TEXT_HTML) {
		rb_html_tag(b, &m->inl, text, size, off);
		return 0;
	}
	if (m->inl.suppress) return 0; /* inside an inline <script> or <style> */
	switch (type) {
	case MD_TEXT_NULLCHAR: rb_text_unit(b, "\xEF\xBF\xBD", 3, off == RB_NO_SRC ? b->cursor : off, 1); break;
	case MD_TEXT_BR: rb_break(b); break;
	case MD_TEXT_SOFTBR: rb_text(b, " ", 1, RB_NO_SRC); break;
	case MD_TEXT_ENTITY: {
		size_t n;
		char *dec = render_decode_entities(text, size, &n);
		if (off == RB_NO_SRC) rb_text(b, dec, n, RB_NO_SRC);
		else rb_text_unit(b, dec, n, off, size);
		free(dec);
		break;
	}
	case MD_TEXT_CODE:
		if (m->in_code_block) rb_code_text(b, text, size, off);
		else rb_text(b, text, size, off);
		break;
	case MD_TEXT_NORMAL:
		if (m->foot) {
			text_with_refs(m, text, size, off);
			break;
		}
		/* fall through */
	default: rb_text(b, text, size, off); break;
	}
	return 0;
}

static int noop_block(MD_BLOCKTYPE t, void *detail, void *ud)
{
	(void)t, (void)detail;
	++*(size_t *)ud;
	return 0;
}
static int noop_span(MD_SPANTYPE t, void *detail, void *ud)
{
	(void)t, (void)detail, (void)ud;
	return 0;
}
static int noop_text(MD_TEXTTYPE t, const MD_CHAR *text, MD_SIZE size, void *ud)
{
	(void)t, (void)text, (void)size, (void)ud;
	return 0;
}

size_t render_md_parse_only(const char *s, size_t len)
{
	size_t blocks = 0;
	MD_PARSER p = {.abi_version = 0, .flags = MD_DIALECT_GITHUB, .enter_block = noop_block,
		       .leave_block = noop_block, .enter_span = noop_span, .leave_span = noop_span, .text = noop_text};
	md_parse(s, (MD_SIZE)len, &p, &blocks);
	return blocks;
}

static void md_run(struct md_state *m, size_t start, size_t n)
{
	MD_PARSER p = {
		.abi_version = 0,
		.flags = MD_DIALECT_GITHUB,
		.enter_block = md_enter_block,
		.leave_block = md_leave_block,
		.enter_span = md_enter_span,
		.leave_span = md_leave_span,
		.text = md_text,
	};
	/* md4c takes an unsigned size: a body is capped far below that */
	md_parse(m->src + start, (MD_SIZE)n, &p, m);
	if (m->in_html_block) rb_html_block(m->b, strbuf_str(&m->html), m->html.len, m->html_off);
	m->in_html_block = 0;
	m->nlists = 0;
}

/* The notes after the article, in order of first reference (a note may
 * refer to another: it joins the end), then the ones never referred to, so
 * no written text is lost; each note is a list item "¹ text". */
static void render_notes(struct md_state *m)
{
	struct foot *f = m->foot;
	struct rb *b = m->b;
	size_t unref = 0;
	for (size_t i = 0;; i++) {
		while (i == f->norder && unref < f->ndefs)
			foot_number(f, &f->defs[unref++]);
		if (i == f->norder) break;
		const struct foot_def *d = &f->defs[f->order[i]];
		b->cursor = d->body_off;
		if (i == 0) {
			rb_block_begin(b, RL_TEXT, 0);
			rb_text(b, "Notes:", 6, RB_NO_SRC);
			rb_block_end(b);
			b->need_gap = false;
		}
		char sup[40];
		if (foot_marker(d->num, sup) > 14) snprintf(sup, sizeof sup, "%u", d->num); /* fits a marker */
		rb_item_begin(b, sup);
		md_run(m, d->body_off, d->body_len);
		close_inline(m);
		rb_item_end(b);
		b->need_gap = false; /* one note under another */
	}
	if (f->norder) rb_list_end(b);
}

void render_markdown(struct rb *b, const char *s, size_t len, struct foot *f)
{
	struct md_state m = {.b = b, .src = s, .len = len, .foot = f};
	md_run(&m, 0, f ? f->main_len : len);
	if (f) {
		close_inline(&m);
		render_notes(&m);
	}
	free(m.lists);
	strbuf_free(&m.html);
}

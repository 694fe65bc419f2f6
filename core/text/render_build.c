/* SPDX-License-Identifier: MIT
 * The render builder: every front end (Markdown, HTML, plain text) calls
 * these, so the line records, display prefixes, spans, tables, link
 * numbers and the offset map are made the same way for all of them. */
#include "core/text/render_int.h"

#include <stdlib.h>
#include <string.h>

#include "core/base/launch.h"
#include "core/base/util.h"

void rb_init(struct rb *b, enum render_format fmt, size_t src_len, const struct tmpl_out *xlat)
{
	memset(b, 0, sizeof *b);
	b->d = xcalloc(1, sizeof *b->d);
	b->d->format = fmt;
	b->src_len = src_len;
	b->kind = RL_TEXT;
	b->d->pool = xmalloc(64);
	b->d->pool[0] = '\0';
	b->d->pool_len = 1;
	b->d->pool_cap = 64;
	/* the text is about as long as the source: grow once, not twenty times */
	b->text.buf = xmalloc(src_len + 64);
	b->text.cap = src_len + 64;
	b->text.buf[0] = '\0';
	b->xlat = xlat;
	/* a line every 30 bytes or so, a span every 50: reserved, not
	 * touched, so the arrays are not copied as they grow */
	b->d->lines_cap = src_len / 24 + 16;
	b->d->lines = xmalloc(b->d->lines_cap * sizeof *b->d->lines);
	b->d->spans_cap = src_len / 32 + 16;
	b->d->spans = xmalloc(b->d->spans_cap * sizeof *b->d->spans);
	/* an entry every 16 bytes or so of a busy article; pages not
	 * reached are never touched */
	b->d->map_cap = src_len / 8 + 16;
	b->d->map = xmalloc(b->d->map_cap * sizeof *b->d->map);
}

size_t render_utoa(size_t v, char *out)
{
	char tmp[24];
	size_t n = 0;
	do tmp[n++] = (char)('0' + v % 10), v /= 10;
	while (v);
	for (size_t i = 0; i < n; i++) out[i] = tmp[n - 1 - i];
	out[n] = '\0';
	return n;
}

bool rb_at_space(const struct rb *b)
{
	if (!b->line_open || b->text.len == b->line_start) return true;
	char c = b->text.buf[b->text.len - 1];
	return c == ' ' || c == '\t';
}

/* One rule for every program launch (core/base/launch.c): http, https or
 * mailto that parses, nothing that could become an option or a control. */
bool render_url_openable(const char *url)
{
	return url && launch_url_check(url) == NULL;
}

/* Room for n more bytes of text (and its NUL). */
static char *text_room(struct rb *b, size_t n)
{
	ARRAY_RESERVE(b->text.buf, b->text.cap, b->text.len + n + 1);
	return b->text.buf + b->text.len;
}

static void text_putc(struct rb *b, char c)
{
	char *p = text_room(b, 1);
	p[0] = c;
	p[1] = '\0';
	b->text.len++;
}

static uint32_t pool_add(struct render_doc *d, const char *s, size_t n)
{
	if (n == 0) return 0;
	ARRAY_RESERVE(d->pool, d->pool_cap, d->pool_len + n + 1);
	uint32_t at = (uint32_t)d->pool_len;
	memcpy(d->pool + at, s, n);
	d->pool[at + n] = '\0';
	d->pool_len += n + 1;
	return at;
}

/* Intern a prefix: a string interned before is reused when its slot of
 * a small hash table still holds it, the common case (a long list or
 * quote costs a few strings, and an item's marker row, its continuation
 * rows and the gaps between items alternate); one slot is looked at. */
static uint32_t prefix_intern(struct rb *b, const char *s, size_t n)
{
	if (n == 0) return 0; /* most lines: pool[0] is "" */
	struct render_doc *d = b->d;
	uint32_t h = (uint32_t)n;
	for (size_t k = 0; k < n; k++) h = h * 31 + (unsigned char)s[k];
	h = (h ^ (h >> 7)) % RB_PREFIX_CACHE;
	uint32_t at = b->pcache[h];
	if (at && b->pcache_len[h] == n) {
		const char *p = d->pool + at; /* a few bytes: no memcmp call */
		size_t k = 0;
		while (k < n && p[k] == s[k]) k++;
		if (k == n) return at;
	}
	at = pool_add(d, s, n);
	b->pcache[h] = at;
	b->pcache_len[h] = (uint32_t)n;
	return at;
}

/* An entry of the map. Most runs lie inside the template segment the last
 * one was in: translated here; the rest by render_map_add. */
static void map_add(struct rb *b, size_t r_off, size_t r_len, size_t s_off, size_t s_len, bool verbatim)
{
	const struct tmpl_out *t = b->xlat;
	if (!t) {
		render_map_put(b->d, r_off, r_len, s_off, s_len, verbatim);
		return;
	}
	const struct tmpl_seg *g = &t->segs[b->xlat_k];
	if (s_off >= g->out_off && s_off + s_len < g->out_off + g->len + (s_len > 0)) {
		if (verbatim && g->copied && s_len) {
			render_map_put(b->d, r_off, r_len, g->in_off + (s_off - g->out_off), s_len, true);
			return;
		}
		if (s_len == 0) { /* generated text at the cursor */
			render_map_put(b->d, r_off, r_len, g->copied ? g->in_off + (s_off - g->out_off) : g->in_off, 0, false);
			return;
		}
	}
	render_map_add(b->d, t, &b->xlat_k, r_off, r_len, s_off, s_len, verbatim);
}

/* The prefixes of a line of this kind from the open containers (an item
 * shows its marker on its first line only), interned in the pool. */
static void line_prefixes(struct rb *b, uint8_t kind, uint32_t *pp, uint32_t *pc)
{
	char pre[RB_MAX_DEPTH * 20 + 16], cont[RB_MAX_DEPTH * 20 + 16];
	size_t np = 0, nc = 0;
	for (size_t i = 0; i < b->ncs; i++) {
		struct rb_container *c = &b->cs[i];
		if (c->kind == RBC_QUOTE) {
			memcpy(pre + np, "│ ", 4), np += 4;
			memcpy(cont + nc, "│ ", 4), nc += 4;
			continue;
		}
		size_t ml = c->marker_len, cols = c->marker_cols;
		if (!c->marker_used && kind != RL_BLANK) {
			memcpy(pre + np, c->marker, ml), np += ml;
			c->marker_used = true;
		} else {
			memset(pre + np, ' ', cols), np += cols;
		}
		memset(cont + nc, ' ', cols), nc += cols;
	}
	if (kind == RL_HEADING) {
		for (uint32_t i = 0; i < b->aux && i < 6; i++) pre[np++] = '#', cont[nc++] = ' ';
		pre[np++] = ' ', cont[nc++] = ' ';
	} else if (kind == RL_CODE) {
		memcpy(pre + np, "  ", 2), np += 2;
		memcpy(cont + nc, "  ", 2), nc += 2;
	}
	if (kind == RL_BLANK) /* a gap shows quote bars but no trailing blank */
		while (np && pre[np - 1] == ' ') np--, nc = np;
	else
		b->marker_pending = false; /* every marker is shown now */
	*pp = prefix_intern(b, pre, np);
	*pc = prefix_intern(b, cont, nc);
}

/* Start a line: '\n' after the previous one, then its prefixes: those of
 * the line before when the containers are the same (most lines). */
static void line_start(struct rb *b, uint8_t kind)
{
	struct render_doc *d = b->d;
	if (d->nlines) {
		text_putc(b, '\n');
		for (size_t i = 0; i < b->nspans; i++) /* spans opened before the break */
			if (d->spans[b->spans[i].idx].off == b->text.len - 1) d->spans[b->spans[i].idx].off++;
	}
	uint32_t p, c;
	struct rb_prefixes *pl = &b->last_prefixes;
	if (pl->valid && !b->marker_pending && pl->gen == b->cs_gen && pl->kind == kind &&
	    (kind != RL_HEADING || pl->aux == b->aux)) {
		p = pl->pre;
		c = pl->cont;
	} else {
		bool pending = b->marker_pending; /* a first line: not for the next */
		line_prefixes(b, kind, &p, &c);
		if (!pending) *pl = (struct rb_prefixes){true, kind, b->cs_gen, b->aux, p, c};
	}
	ARRAY_RESERVE(d->lines, d->lines_cap, d->nlines + 1);
	struct render_line *l = &d->lines[d->nlines++];
	l->off = b->text.len;
	l->len = 0;
	l->kind = kind;
	l->aux = kind == RL_HEADING || kind == RL_TABLE_ROW ? b->aux : 0;
	l->prefix = p;
	l->cont = c;
	b->line_start = b->text.len;
	b->line_open = true;
}

static void line_end(struct rb *b)
{
	if (!b->line_open) return;
	b->d->lines[b->d->nlines - 1].len = b->text.len - b->line_start;
	b->line_open = false;
}

static void gap(struct rb *b)
{
	line_end(b);
	if (b->need_gap && b->d->nlines && b->cell_depth == 0) {
		line_start(b, RL_BLANK);
		line_end(b);
	}
	b->need_gap = false;
}

static void append(struct rb *b, const char *s, size_t n, size_t s_off, size_t s_len, bool verbatim)
{
	if (n == 0) return;
	if (!b->line_open) line_start(b, b->kind);
	if (b->img_pending) {
		b->img_pending = false;
		append(b, "[image: ", 8, RB_NO_SRC, 0, false);
	}
	size_t r = b->text.len;
	char *t = text_room(b, n);
	memcpy(t, s, n);
	t[n] = '\0';
	b->text.len += n;
	if (b->cell_depth > 0) /* a cell stays on its row: no tab, no newline */
		for (size_t i = 0; i < n; i++)
			if (t[i] == '\t' || t[i] == '\n') {
				t[i] = ' ';
				verbatim = false; /* no longer the source's bytes */
			}
	if (s_off == RB_NO_SRC) map_add(b, r, n, b->cursor, 0, false);
	else {
		map_add(b, r, n, s_off, s_len, verbatim);
		b->cursor = s_off + s_len;
	}
}

void rb_text(struct rb *b, const char *s, size_t n, size_t s_off)
{
	append(b, s, n, s_off, s_off == RB_NO_SRC ? 0 : n, s_off != RB_NO_SRC);
}

void rb_text_unit(struct rb *b, const char *s, size_t n, size_t s_off, size_t s_len)
{
	append(b, s, n, s_off, s_len, false);
}

void rb_image_alt(struct rb *b, const char *alt, size_t s_off, size_t s_len)
{
	if (!alt || !*alt) return;
	size_t n = strlen(alt);
	char *one = xmalloc(n + 1);
	for (size_t i = 0; i < n; i++)
		one[i] = alt[i] == '\n' || alt[i] == '\r' || alt[i] == '\t' ? ' ' : alt[i];
	append(b, one, n, s_off, s_len, false);
	free(one);
}

void rb_code_text(struct rb *b, const char *s, size_t n, size_t s_off)
{
	if (b->cell_depth > 0) { /* a <pre> in a cell stays on the row */
		append(b, s, n, s_off, s_off == RB_NO_SRC ? 0 : n, false);
		return;
	}
	size_t i = 0;
	while (i < n) {
		const char *nl = memchr(s + i, '\n', n - i);
		size_t k = nl ? (size_t)(nl - s) - i : n - i;
		append(b, s + i, k, s_off == RB_NO_SRC ? RB_NO_SRC : s_off + i, k, s_off != RB_NO_SRC);
		if (!nl) break;
		if (!b->line_open) line_start(b, b->kind);
		line_end(b);
		i += k + 1;
	}
}

void rb_break(struct rb *b)
{
	if (b->cell_depth > 0) rb_text(b, " ", 1, RB_NO_SRC);
	else line_end(b);
}

void rb_blank_line(struct rb *b)
{
	line_end(b);
	line_start(b, RL_BLANK);
	line_end(b);
}

void rb_block_begin(struct rb *b, enum render_line_kind kind, uint32_t aux)
{
	if (b->cell_depth > 0) {
		if (!rb_at_space(b)) rb_text(b, " ", 1, RB_NO_SRC);
		return;
	}
	gap(b);
	b->kind = (uint8_t)kind;
	b->aux = aux;
}

void rb_block_end(struct rb *b)
{
	if (b->cell_depth > 0) return;
	line_end(b);
	b->kind = RL_TEXT;
	b->aux = 0;
	b->need_gap = true;
}

void rb_quote_begin(struct rb *b)
{
	if (b->cell_depth > 0) return;
	gap(b);
	if (b->ncs == RB_MAX_DEPTH) {
		b->extra_depth++;
		return;
	}
	b->cs[b->ncs++] = (struct rb_container){.kind = RBC_QUOTE};
	b->cs_gen++;
}

void rb_quote_end(struct rb *b)
{
	if (b->cell_depth > 0) return;
	line_end(b);
	if (b->extra_depth) b->extra_depth--;
	else if (b->ncs) b->ncs--, b->cs_gen++;
	b->need_gap = true;
}

void rb_item_begin(struct rb *b, const char *marker)
{
	if (b->cell_depth > 0) {
		if (!rb_at_space(b)) rb_text(b, " ", 1, RB_NO_SRC);
		return;
	}
	gap(b);
	if (b->ncs == RB_MAX_DEPTH) {
		b->extra_depth++;
		return;
	}
	struct rb_container *c = &b->cs[b->ncs++];
	*c = (struct rb_container){.kind = RBC_ITEM};
	b->cs_gen++;
	b->marker_pending = true;
	size_t n = strlen(marker);
	if (n > sizeof c->marker - 2) n = sizeof c->marker - 2;
	memcpy(c->marker, marker, n);
	c->marker[n] = ' ';
	c->marker_len = (uint8_t)(n + 1);
	for (size_t k = 0; k <= n; k++) c->marker_cols += ((unsigned char)c->marker[k] & 0xC0) != 0x80;
}

void rb_item_end(struct rb *b)
{
	if (b->cell_depth > 0) return;
	line_end(b);
	if (b->extra_depth) b->extra_depth--;
	else if (b->ncs) b->ncs--, b->cs_gen++;
}

void rb_list_end(struct rb *b)
{
	if (b->cell_depth > 0) return;
	line_end(b);
	/* a nested list in a tight item needs no gap before the next item */
	b->need_gap = !(b->ncs && b->cs[b->ncs - 1].kind == RBC_ITEM);
}

void rb_rule(struct rb *b)
{
	if (b->cell_depth > 0) return;
	gap(b);
	line_start(b, RL_RULE);
	line_end(b);
	b->need_gap = true;
}

size_t rb_span_begin(struct rb *b, enum render_style st, uint32_t aux)
{
	struct render_doc *d = b->d;
	ARRAY_RESERVE(d->spans, d->spans_cap, d->nspans + 1);
	d->spans[d->nspans] = (struct render_span){b->text.len, 0, (uint8_t)st, aux};
	ARRAY_RESERVE(b->spans, b->spans_cap, b->nspans + 1);
	b->spans[b->nspans++].idx = d->nspans;
	return d->nspans++;
}

void rb_span_end(struct rb *b)
{
	if (!b->nspans) return;
	struct render_span *s = &b->d->spans[b->spans[--b->nspans].idx];
	s->len = b->text.len > s->off ? b->text.len - s->off : 0;
}

static size_t str_hash(const char *s)
{
	size_t h = 14695981039346656037u;
	for (; *s; s++) h = (h ^ (unsigned char)*s) * 1099511628211u;
	return h;
}

/* The number of url: an earlier link to the same url keeps its number. */
static size_t link_number(struct rb *b, const char *url, size_t s_off, bool *fresh)
{
	struct render_doc *d = b->d;
	if (d->nlinks * 2 >= b->lhash_cap) {
		size_t cap = b->lhash_cap ? b->lhash_cap * 2 : 64;
		free(b->lhash);
		b->lhash = xcalloc(cap, sizeof *b->lhash);
		b->lhash_cap = cap;
		for (size_t i = 0; i < d->nlinks; i++) {
			size_t h = str_hash(d->links[i].url) & (cap - 1);
			while (b->lhash[h]) h = (h + 1) & (cap - 1);
			b->lhash[h] = i + 1;
		}
	}
	size_t h = str_hash(url) & (b->lhash_cap - 1);
	while (b->lhash[h]) {
		if (strcmp(d->links[b->lhash[h] - 1].url, url) == 0) {
			*fresh = false;
			return b->lhash[h];
		}
		h = (h + 1) & (b->lhash_cap - 1);
	}
	size_t old_cap = d->links_cap;
	ARRAY_RESERVE(d->links, d->links_cap, d->nlinks + 1);
	if (d->links_cap != old_cap || !b->link_src)
		b->link_src = xrealloc(b->link_src, d->links_cap * sizeof *b->link_src);
	struct render_link *l = &d->links[d->nlinks];
	memset(l, 0, sizeof *l);
	l->url = xstrdup(url);
	l->openable = render_url_openable(url);
	bool clean = true; /* the usual case: nothing to escape */
	for (const unsigned char *p = (const unsigned char *)url; *p && clean; p++) clean = *p > 0x20 && *p != 0x7f;
	if (clean) {
		l->shown = l->url; /* the same string (render_doc_free knows) */
	} else {
		struct strbuf sh = STRBUF_INIT;
		for (const unsigned char *p = (const unsigned char *)url; *p; p++) {
			if (*p <= 0x20 || *p == 0x7f) strbuf_addf(&sh, "%%%02X", *p);
			else strbuf_addc(&sh, (char)*p);
		}
		l->shown = strbuf_steal(&sh);
	}
	b->link_src[d->nlinks] = s_off;
	b->lhash[h] = ++d->nlinks;
	*fresh = true;
	return d->nlinks;
}

void rb_link_begin(struct rb *b, const char *url, size_t s_off)
{
	bool fresh;
	size_t num = link_number(b, url ? url : "", s_off, &fresh);
	ARRAY_RESERVE(b->lstack, b->lstack_cap, b->nlstack + 1);
	size_t sp = rb_span_begin(b, RS_LINK, (uint32_t)num);
	b->lstack[b->nlstack++] = (struct rb_open_link){fresh ? num : 0, sp, b->text.len};
	if (!fresh) b->lstack[b->nlstack - 1].num = num | ((size_t)1 << (sizeof(size_t) * 8 - 1));
}

void rb_link_end(struct rb *b)
{
	if (!b->nlstack) return;
	struct rb_open_link *o = &b->lstack[--b->nlstack];
	bool fresh = !(o->num >> (sizeof(size_t) * 8 - 1));
	size_t num = o->num & ~((size_t)1 << (sizeof(size_t) * 8 - 1));
	rb_span_end(b);
	struct render_span *sp = &b->d->spans[o->span];
	if (fresh) {
		struct render_link *l = &b->d->links[num - 1];
		l->off = sp->off;
		l->len = sp->len;
		l->text = xstrndup(b->text.buf ? b->text.buf + sp->off : "", sp->len);
	}
	char ref[32];
	size_t n = 0;
	ref[n++] = '[';
	n += render_utoa(num, ref + n);
	ref[n++] = ']';
	rb_span_begin(b, RS_LINKREF, (uint32_t)num);
	rb_text(b, ref, n, RB_NO_SRC);
	rb_span_end(b);
}

void rb_image_begin(struct rb *b)
{
	rb_span_begin(b, RS_IMAGE, 0);
	b->img_pending = true;
}

void rb_image_end(struct rb *b)
{
	if (b->img_pending) {
		b->img_pending = false;
		rb_text(b, "[image]", 7, RB_NO_SRC);
	} else {
		rb_text(b, "]", 1, RB_NO_SRC);
	}
	rb_span_end(b);
}

void rb_table_begin(struct rb *b)
{
	if (b->table_depth++ > 0) return;
	gap(b);
	struct render_doc *d = b->d;
	ARRAY_RESERVE(d->tables, d->tables_cap, d->ntables + 1);
	d->tables[d->ntables++] = (struct render_table){d->nlines, 0, d->ncells, 0, 0};
	b->kind = RL_TABLE_ROW;
	b->aux = (uint32_t)(d->ntables - 1);
}

void rb_row_begin(struct rb *b)
{
	if (b->table_depth != 1 || b->cell_depth > 0) return;
	line_end(b);
	line_start(b, RL_TABLE_ROW);
	b->row_open = true;
	b->col = 0;
	b->d->tables[b->d->ntables - 1].nrows++;
}

void rb_cell_begin(struct rb *b, bool header, int align)
{
	if (b->table_depth != 1) return;
	if (b->cell_depth > 0) {
		b->cell_depth++;
		return;
	}
	if (!b->row_open) rb_row_begin(b);
	b->cell_depth = 1;
	struct render_doc *d = b->d;
	if (!b->line_open) line_start(b, RL_TABLE_ROW);
	if (b->col > 0) {
		text_putc(b, '\t');
		map_add(b, b->text.len - 1, 1, b->cursor, 0, false);
	}
	ARRAY_RESERVE(d->cells, d->cells_cap, d->ncells + 1);
	d->cells[d->ncells] = (struct render_cell){b->text.len, 0, b->col, (uint8_t)align, header};
	b->cell_idx = d->ncells++;
	d->tables[d->ntables - 1].ncells++;
}

void rb_cell_end(struct rb *b)
{
	if (b->table_depth != 1 || b->cell_depth == 0 || --b->cell_depth > 0) return;
	struct render_cell *c = &b->d->cells[b->cell_idx];
	c->len = b->text.len - c->off;
	b->col++;
	struct render_table *t = &b->d->tables[b->d->ntables - 1];
	if (b->col > t->ncols) t->ncols = b->col;
}

void rb_row_end(struct rb *b)
{
	if (b->table_depth != 1 || b->cell_depth > 0) return;
	line_end(b);
	b->row_open = false;
}

void rb_table_end(struct rb *b)
{
	if (b->table_depth == 0 || --b->table_depth > 0) return;
	while (b->cell_depth > 0) {
		b->cell_depth = 1;
		rb_cell_end(b);
	}
	rb_row_end(b);
	b->kind = RL_TEXT;
	b->aux = 0;
	b->need_gap = true;
}

struct render_doc *rb_finish(struct rb *b)
{
	while (b->nlstack) rb_link_end(b);
	while (b->nspans) rb_span_end(b);
	if (b->table_depth) {
		b->table_depth = 1;
		rb_table_end(b);
	}
	line_end(b);
	struct render_doc *d = b->d;
	if (d->nlinks) { /* the link list closes the article, as newsboat does */
		b->ncs = 0;
		b->cs_gen++;
		b->need_gap = d->nlines > 0;
		gap(b);
		b->kind = RL_LINKS;
		b->aux = 0;
		rb_text(b, "Links:", 6, RB_NO_SRC);
		line_end(b);
		for (size_t i = 0; i < d->nlinks; i++) {
			b->cursor = b->link_src[i];
			char num[32];
			size_t n = 1;
			num[0] = '[';
			n += render_utoa(i + 1, num + n);
			num[n++] = ']';
			num[n++] = ' ';
			rb_text(b, num, n, RB_NO_SRC);
			rb_text(b, d->links[i].shown, strlen(d->links[i].shown), RB_NO_SRC);
			if (!d->links[i].openable) rb_text(b, " (not opened)", 13, RB_NO_SRC);
			line_end(b);
		}
	}
	d->len = b->text.len;
	d->text = strbuf_steal(&b->text);
	if (!d->text) d->text = xstrdup("");
	free(b->spans);
	free(b->lstack);
	free(b->link_src);
	free(b->lhash);
	b->d = NULL;
	return d;
}

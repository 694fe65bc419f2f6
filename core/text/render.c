/* SPDX-License-Identifier: MIT
 * The renderer's front door: picks the format, runs the template pass and
 * the Markdown, HTML or plain-text front end, and answers offset questions
 * (rendered text ↔ body) from the map the builder made. */
#include "core/text/render_int.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/meta/article.h"
#include "core/meta/html_page.h"
#include "core/base/util.h"

bool render_format_parse(const char *name, enum render_format *out)
{
	static const struct { const char *name; enum render_format f; } names[] = {
		{"markdown", RENDER_MARKDOWN}, {"md", RENDER_MARKDOWN}, {"text", RENDER_TEXT},
		{"txt", RENDER_TEXT}, {"plain", RENDER_TEXT}, {"html", RENDER_HTML}};
	for (size_t i = 0; i < ARRAY_LEN(names); i++)
		if (name && strcasecmp(name, names[i].name) == 0) {
			*out = names[i].f;
			return true;
		}
	return false;
}

enum render_format render_format_of(const struct article *a)
{
	enum render_format f;
	if (render_format_parse(article_get_extra(a, "format"), &f)) return f;
	const char *dot = a->path ? strrchr(a->path, '.') : NULL;
	if (dot && (strcmp(dot, ".md") == 0 || strcmp(dot, ".markdown") == 0)) return RENDER_MARKDOWN;
	/* a web page's body is its extracted article as Markdown (html_page) */
	if (a->path && html_page_is_html(a->path)) return RENDER_MARKDOWN;
	return RENDER_TEXT;
}

/* Plain text: every line as it is, nothing parsed, nothing eaten. */
static void render_plain_text(struct rb *b, const char *s, size_t len)
{
	size_t i = 0;
	while (i < len) {
		const char *nl = memchr(s + i, '\n', len - i);
		size_t k = nl ? (size_t)(nl - s) - i : len - i;
		if (k == 0) rb_blank_line(b);
		else {
			rb_text(b, s + i, k, i);
			rb_break(b);
		}
		i += k + 1;
	}
}

struct render_doc *render_body(const char *body, size_t len, enum render_format fmt)
{
	struct rb b;
	if (fmt == RENDER_TEXT) {
		rb_init(&b, fmt, len);
		render_plain_text(&b, body, len);
		struct render_doc *d = rb_finish(&b);
		/* The text is the body (less a final newline): one verbatim run,
		 * so every offset, line breaks included, maps to itself. */
		if (d->len <= len && memcmp(d->text, body, d->len) == 0) {
			d->map[0] = (struct render_map){0, d->len, 0, d->len, true};
			d->nmap = d->len > 0;
		}
		render_index_sources(d);
		return d;
	}
	struct tmpl_out t;
	tmpl_strip(body, len, &t);
	struct foot f;
	bool notes = fmt == RENDER_MARKDOWN && foot_scan(strbuf_str(&t.text), t.text.len, &f);
	const struct strbuf *src = notes ? &f.out.text : &t.text;
	rb_init(&b, fmt, src->len);
	if (fmt == RENDER_HTML) rb_html_block(&b, strbuf_str(src), src->len, 0);
	else render_markdown(&b, strbuf_str(src), src->len, notes ? &f : NULL);
	struct render_doc *d = rb_finish(&b);
	if (notes) { /* note pass output → template pass output → body, in one go */
		struct tmpl_out both;
		tmpl_compose(&f.out, &t, &both);
		render_map_translate(d, &both);
		tmpl_free(&both);
		foot_free(&f);
	} else {
		render_map_translate(d, &t);
	}
	tmpl_free(&t);
	render_index_sources(d);
	return d;
}

size_t render_parse_only(const char *body, size_t len, enum render_format fmt)
{
	if (fmt == RENDER_MARKDOWN) return render_md_parse_only(body, len);
	if (fmt == RENDER_HTML) return render_html_parse_only(body, len);
	size_t n = 0;
	for (const char *p = body, *e = body + len; p < e && (p = memchr(p, '\n', (size_t)(e - p))) != NULL; p++) n++;
	return n;
}

void render_doc_free(struct render_doc *d)
{
	if (!d) return;
	for (size_t i = 0; i < d->nlinks; i++) {
		free(d->links[i].url);
		free(d->links[i].shown);
		free(d->links[i].text);
	}
	free(d->links);
	free(d->text);
	free(d->spans);
	free(d->lines);
	free(d->tables);
	free(d->cells);
	free(d->map);
	free(d->by_src);
	free(d->pool);
	free(d);
}

const char *render_line_prefix(const struct render_doc *d, const struct render_line *l)
{
	return d->pool + l->prefix;
}

const char *render_line_cont(const struct render_doc *d, const struct render_line *l)
{
	return d->pool + l->cont;
}

/* ---- the offset map ------------------------------------------------ */

/* Index of the segment holding output offset x (the last one at the end). */
static size_t seg_find(const struct tmpl_out *t, size_t x)
{
	size_t lo = 0, hi = t->n;
	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;
		if (t->segs[mid].out_off <= x) lo = mid;
		else hi = mid;
	}
	return lo;
}

/* Does segment k hold output offset x (the last one holds the end)? */
static bool seg_holds(const struct tmpl_out *t, size_t k, size_t x)
{
	return t->segs[k].out_off <= x && (k + 1 == t->n || t->segs[k + 1].out_off > x);
}

static void seg_push(struct tmpl_out *r, struct tmpl_seg g)
{
	if (g.len == 0) return;
	ARRAY_RESERVE(r->segs, r->cap, r->n + 1);
	r->segs[r->n++] = g;
}

/* Where input offset x of inner's output lands in inner's input. */
static size_t seg_point(const struct tmpl_out *t, size_t x)
{
	const struct tmpl_seg *h = &t->segs[seg_find(t, x)];
	if (!h->copied) return x >= h->out_off + h->len ? h->in_off + h->in_len : h->in_off;
	return h->in_off + (x - h->out_off < h->len ? x - h->out_off : h->len);
}

void tmpl_compose(const struct tmpl_out *outer, const struct tmpl_out *inner, struct tmpl_out *r)
{
	memset(r, 0, sizeof *r);
	if (!inner->n) {
		for (size_t i = 0; i < outer->n; i++) seg_push(r, outer->segs[i]);
		return;
	}
	for (size_t i = 0; i < outer->n; i++) {
		const struct tmpl_seg *g = &outer->segs[i];
		if (!g->copied) { /* a unit: the inner range it stands for, as a whole */
			size_t s = seg_point(inner, g->in_off);
			size_t e = g->in_len ? seg_point(inner, g->in_off + g->in_len) : s;
			seg_push(r, (struct tmpl_seg){g->out_off, g->len, s, e > s ? e - s : 0, false});
			continue;
		}
		/* copied bytes: split where inner's segments change */
		size_t done = 0, k = seg_find(inner, g->in_off);
		while (done < g->len) {
			const struct tmpl_seg *h = &inner->segs[k];
			size_t x = g->in_off + done;
			size_t room = h->out_off + h->len > x ? h->out_off + h->len - x : 0;
			size_t take = g->len - done < room || k + 1 == inner->n ? g->len - done : room;
			if (take == 0) {
				k++;
				continue;
			}
			if (h->copied && x - h->out_off + take <= h->len)
				seg_push(r, (struct tmpl_seg){g->out_off + done, take, h->in_off + (x - h->out_off), take, true});
			else
				seg_push(r, (struct tmpl_seg){g->out_off + done, take, h->in_off, h->in_len, false});
			done += take;
			k++;
		}
	}
}

static void map_push(struct render_map **v, size_t *n, size_t *cap, struct render_map m)
{
	ARRAY_RESERVE(*v, *cap, *n + 1);
	(*v)[(*n)++] = m;
}

void render_map_translate(struct render_doc *d, const struct tmpl_out *t)
{
	if (!t->n) return;
	/* nothing was cut (the usual article): the offsets are already right */
	if (t->n == 1 && t->segs[0].copied && t->segs[0].in_off == 0 && t->segs[0].out_off == 0) return;
	size_t n = 0, cap = d->nmap + t->n + 1, k = 0;
	struct render_map *v = xmalloc(cap * sizeof *v);
	for (size_t i = 0; i < d->nmap; i++) {
		struct render_map m = d->map[i];
		/* offsets mostly grow: try where the last entry was first (the
		 * split below can leave k one past the last segment) */
		if (k >= t->n) k = t->n - 1;
		if (!seg_holds(t, k, m.s_off)) {
			if (k > 0 && seg_holds(t, k - 1, m.s_off)) k--;
			else if (k + 1 < t->n && seg_holds(t, k + 1, m.s_off)) k++;
			else k = seg_find(t, m.s_off);
		}
		const struct tmpl_seg *g = &t->segs[k];
		if (!m.verbatim || m.s_len == 0) {
			size_t s = g->copied ? g->in_off + (m.s_off > g->out_off + g->len ? g->len : m.s_off - g->out_off)
					     : g->in_off;
			size_t e = s;
			if (m.s_len) {
				size_t last = m.s_off + m.s_len - 1;
				const struct tmpl_seg *h = &t->segs[seg_holds(t, k, last) ? k : seg_find(t, last)];
				e = h->copied ? h->in_off + (m.s_off + m.s_len - h->out_off) : h->in_off + h->in_len;
			}
			map_push(&v, &n, &cap, (struct render_map){m.r_off, m.r_len, s, e > s ? e - s : 0, false});
			continue;
		}
		/* a verbatim run may cross a removed template tag: split it */
		size_t done = 0;
		while (done < m.s_len && k < t->n) {
			g = &t->segs[k];
			size_t x = m.s_off + done;
			size_t in_seg = g->out_off + g->len > x ? g->out_off + g->len - x : 0;
			size_t take = m.s_len - done < in_seg ? m.s_len - done : in_seg;
			if (take == 0) {
				k++;
				continue;
			}
			if (g->copied)
				map_push(&v, &n, &cap, (struct render_map){m.r_off + done, take, g->in_off + (x - g->out_off), take, true});
			else
				map_push(&v, &n, &cap, (struct render_map){m.r_off + done, take, g->in_off, g->in_len, false});
			done += take;
			k++;
		}
		if (done < m.s_len) map_push(&v, &n, &cap, (struct render_map){m.r_off + done, m.s_len - done, t->segs[t->n - 1].in_off + t->segs[t->n - 1].in_len, 0, false});
	}
	free(d->map);
	d->map = v;
	d->nmap = n;
	d->map_cap = cap;
}

static int by_src_cmp(const void *x, const void *y, void *ctx)
{
	const struct render_map *m = ctx;
	const struct render_map *a = &m[*(const size_t *)x], *b = &m[*(const size_t *)y];
	if (a->s_off != b->s_off) return a->s_off < b->s_off ? -1 : 1;
	return a->r_off < b->r_off ? -1 : a->r_off > b->r_off;
}

/* Only entries that cover source bytes are looked up by source offset. */
void render_index_sources(struct render_doc *d)
{
	free(d->by_src);
	d->by_src = xmalloc((d->nmap ? d->nmap : 1) * sizeof *d->by_src);
	size_t n = 0;
	for (size_t i = 0; i < d->nmap; i++)
		if (d->map[i].s_len) d->by_src[n++] = i;
	bool sorted = true; /* the usual case: only the link list goes back */
	for (size_t i = 1; i < n && sorted; i++) sorted = by_src_cmp(&d->by_src[i - 1], &d->by_src[i], d->map) <= 0;
	if (!sorted) qsort_r(d->by_src, n, sizeof *d->by_src, by_src_cmp, d->map);
	if (n < d->nmap) d->by_src[n] = (size_t)-1;
}

static size_t nsrc(const struct render_doc *d)
{
	size_t n = 0;
	while (n < d->nmap && d->by_src[n] != (size_t)-1) n++;
	return n;
}

size_t render_to_source(const struct render_doc *d, size_t r)
{
	if (!d->nmap || r < d->map[0].r_off) return d->nmap ? d->map[0].s_off : 0;
	size_t lo = 0, hi = d->nmap;
	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;
		if (d->map[mid].r_off <= r) lo = mid;
		else hi = mid;
	}
	const struct render_map *m = &d->map[lo];
	if (r < m->r_off + m->r_len) return m->verbatim ? m->s_off + (r - m->r_off) : m->s_off;
	return m->s_off + m->s_len;
}

size_t render_from_source(const struct render_doc *d, size_t s)
{
	size_t n = nsrc(d);
	if (!n) return 0;
	const struct render_map *first = &d->map[d->by_src[0]];
	if (s < first->s_off) return first->r_off;
	size_t lo = 0, hi = n;
	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;
		if (d->map[d->by_src[mid]].s_off <= s) lo = mid;
		else hi = mid;
	}
	/* a few entries back may still cover s (a unit over an HTML block) */
	for (size_t k = lo + 1, steps = 0; k-- > 0 && steps < 64; steps++) {
		const struct render_map *m = &d->map[d->by_src[k]];
		if (s < m->s_off + m->s_len)
			return m->verbatim ? m->r_off + (s - m->s_off) : m->r_off;
	}
	const struct render_map *m = &d->map[d->by_src[lo]];
	return m->r_off + m->r_len;
}

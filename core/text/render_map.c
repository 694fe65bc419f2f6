/* SPDX-License-Identifier: MIT
 * The offset map, rendered text ↔ body: 20-byte entries, one per run of
 * text with one relation to the body, each translated through the template
 * and footnote passes as it is added (no second copy of the map); then the
 * two lookups. A megabyte article's map is a fifth of what it was. */
#include "core/text/render_int.h"

#include <stdlib.h>
#include <string.h>

#include "core/base/util.h"

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

/* The segment holding x, tried first where the last lookup ended (*k):
 * offsets mostly grow, so this is rarely a search. */
static size_t seg_near(const struct tmpl_out *t, size_t *k, size_t x)
{
	size_t j = *k < t->n ? *k : t->n - 1;
	if (!seg_holds(t, j, x)) {
		if (j + 1 < t->n && seg_holds(t, j + 1, x)) j++;
		else if (j > 0 && seg_holds(t, j - 1, x)) j--;
		else j = seg_find(t, x);
	}
	*k = j;
	return j;
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

void render_map_add(struct render_doc *d, const struct tmpl_out *t, size_t *tk, size_t r_off, size_t r_len,
		    size_t s_off, size_t s_len, bool verbatim)
{
	if (!t) {
		render_map_put(d, r_off, r_len, s_off, s_len, verbatim);
		return;
	}
	size_t k = seg_near(t, tk, s_off);
	const struct tmpl_seg *g = &t->segs[k];
	if (!verbatim || s_len == 0) { /* a unit: the body range it stands for */
		size_t s = g->copied ? g->in_off + (s_off > g->out_off + g->len ? g->len : s_off - g->out_off) : g->in_off;
		size_t e = s;
		if (s_len) {
			size_t last = s_off + s_len - 1;
			const struct tmpl_seg *h = &t->segs[seg_holds(t, k, last) ? k : seg_find(t, last)];
			e = h->copied ? h->in_off + (s_off + s_len - h->out_off) : h->in_off + h->in_len;
		}
		render_map_put(d, r_off, r_len, s, e > s ? e - s : 0, false);
		return;
	}
	/* a verbatim run may cross a removed template tag: split it */
	size_t done = 0;
	while (done < s_len && k < t->n) {
		g = &t->segs[k];
		size_t x = s_off + done;
		size_t in_seg = g->out_off + g->len > x ? g->out_off + g->len - x : 0;
		size_t take = s_len - done < in_seg ? s_len - done : in_seg;
		if (take == 0) {
			k++;
			continue;
		}
		if (g->copied) render_map_put(d, r_off + done, take, g->in_off + (x - g->out_off), take, true);
		else render_map_put(d, r_off + done, take, g->in_off, g->in_len, false);
		done += take;
		if (done < s_len) k++;
	}
	*tk = k < t->n ? k : t->n - 1;
	if (done < s_len) {
		const struct tmpl_seg *end = &t->segs[t->n - 1];
		render_map_put(d, r_off + done, s_len - done, end->in_off + end->in_len, 0, false);
	}
}

static bool src_before(const struct render_map *m, uint32_t x, uint32_t y)
{
	const struct render_map *a = &m[x], *b = &m[y];
	return a->s_off != b->s_off ? a->s_off < b->s_off : a->r_off < b->r_off;
}

static int by_src_cmp(const void *x, const void *y, void *ctx)
{
	const struct render_map *m = ctx;
	uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;
	return src_before(m, a, b) ? -1 : src_before(m, b, a);
}

/* Only entries that cover source bytes are looked up by source offset. */
void render_index_sources(struct render_doc *d)
{
	free(d->by_src);
	d->by_src = xmalloc((d->nmap ? d->nmap : 1) * sizeof *d->by_src);
	size_t n = 0;
	bool sorted = true; /* the usual case: only the link list goes back */
	for (size_t i = 0; i < d->nmap; i++)
		if (d->map[i].s_len) {
			if (n && sorted) sorted = !src_before(d->map, (uint32_t)i, d->by_src[n - 1]);
			d->by_src[n++] = (uint32_t)i;
		}
	if (!sorted) qsort_r(d->by_src, n, sizeof *d->by_src, by_src_cmp, d->map);
	d->nsrc = n;
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
	if (r < (size_t)m->r_off + m->r_len) return m->verbatim ? m->s_off + (r - m->r_off) : m->s_off;
	return (size_t)m->s_off + m->s_len;
}

size_t render_from_source(const struct render_doc *d, size_t s)
{
	size_t n = d->nsrc;
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
		if (s < (size_t)m->s_off + m->s_len)
			return m->verbatim ? m->r_off + (s - m->s_off) : m->r_off;
	}
	const struct render_map *m = &d->map[d->by_src[lo]];
	return (size_t)m->r_off + m->r_len;
}

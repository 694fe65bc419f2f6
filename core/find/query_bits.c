/* SPDX-License-Identifier: MIT
 * Whole-collection query evaluation into bitmaps (see query_bits.h): the
 * saved searches' counts at 100,000 articles cost postings and word
 * operations, not a tree walk per article. */
#include "core/find/query_bits.h"

#include <stdlib.h>
#include <string.h>

#include "core/find/foldtitles.h"
#include "core/find/query_int.h"
#include "core/collection/tags.h"
#include "core/meta/article.h"
#include "core/base/util.h"

static size_t narts(const struct query_bits_ctx *c) { return c->env->d->coll.n; }

static void set_bit(uint64_t *b, size_t i) { b[i / 64] |= (uint64_t)1 << (i % 64); }
static bool get_bit(const uint64_t *b, size_t i) { return (b[i / 64] >> (i % 64)) & 1; }

/* Clear the bits past the last article. */
static void mask_tail(const struct query_bits_ctx *c, uint64_t *out)
{
	size_t n = narts(c), w = query_bits_words(n);
	if (n % 64) out[w - 1] &= ((uint64_t)1 << (n % 64)) - 1;
}

/* n alone, article by article (fields, and whatever has no bitmap). */
static void per_article(struct query_bits_ctx *c, const struct qnode *n, uint64_t *out)
{
	struct query one = {.root = (struct qnode *)n, .needs_body = n->kind == QN_TEXT};
	for (size_t a = 0; a < narts(c); a++)
		if (query_match(&one, c->env, a)) set_bit(out, a);
}

static bool is_read(struct query_bits_ctx *c, size_t a)
{
	if (c->read) return get_bit(c->read, a);
	return c->env->is_read && c->env->is_read(c->env->ctx, a);
}

/* c->titles: the reader's table when it holds every title, else one made
 * here once for all the searches counted together (foldtitles.h). */
static void titles_make(struct query_bits_ctx *c)
{
	const struct foldtitles *ft = c->env->titles;
	if (foldtitles_covers(ft, &c->env->d->coll)) {
		c->titles = ft;
		return;
	}
	c->titles = c->titles_own = foldtitles_make(&c->env->d->coll);
}

/* The folded title of article a in c->titles, and its length. */
static const char *title_of(const struct query_bits_ctx *c, size_t a, size_t *len)
{
	return foldtitles_get(c->titles, a, len);
}

/* Set the bit of every article whose folded title holds needle (nlen > 0)
 * and passes ok: one memmem over all the titles, each hit checked whole. */
static void titles_find(struct query_bits_ctx *c, const char *needle, size_t nlen,
			bool (*ok)(const char *t, size_t tl, const void *arg), const void *arg,
			uint64_t *out)
{
	size_t na = narts(c), a = 0;
	if (!c->titles) titles_make(c);
	const size_t *toff = c->titles->off;
	const char *all = c->titles->buf, *end = all + toff[na];
	for (const char *p = all; na && (p = memmem(p, (size_t)(end - p), needle, nlen)) != NULL;) {
		size_t off = (size_t)(p - all), tl;
		while (a + 1 < na && toff[a + 1] <= off) a++; /* hits come in order */
		const char *t = title_of(c, a, &tl);
		if (ok(t, tl, arg)) set_bit(out, a);
		p = all + toff[a + 1]; /* the next title */
	}
}

static bool title_has_words(const char *t, size_t tl, const void *arg)
{
	const struct qnode *n = arg;
	return query_words_in(t, tl, n->words, n->nwords);
}

static bool title_has_value(const char *t, size_t tl, const void *arg)
{
	return query_value_match(t, tl, arg);
}

/* The answers of one field term by the field's text as written: sources,
 * languages and most extra keys take few values over a collection, so
 * each is folded and compared once, not once per article. Open hashing,
 * bounded: past FMEMO_MAX values (urls, titles) each is simply asked. */
#define FMEMO_MAX 4096
struct fmemo {
	struct { const char *s; size_t h; bool hit; } *v; /* s borrowed from the articles */
	size_t cap, n;
};

/* Cheap on purpose (it runs per article): the length and up to 16 bytes
 * from the two ends; strcmp settles every collision. */
static size_t fmemo_hash(const char *s)
{
	size_t n = strlen(s);
	uint64_t a = 0, b = 0;
	memcpy(&a, s, n < 8 ? n : 8);
	if (n > 8) memcpy(&b, s + n - (n < 16 ? n - 8 : 8), n < 16 ? n - 8 : 8);
	uint64_t h = (a ^ (b * 0x9E3779B97F4A7C15u) ^ n) * 0xff51afd7ed558ccdu;
	return (size_t)(h ^ (h >> 29));
}

static bool field_value(struct fmemo *m, const char *raw, const struct qnode *n)
{
	if (!raw) return false;
	size_t h = fmemo_hash(raw), i = h & (m->cap - 1);
	for (; m->v[i].s; i = (i + 1) & (m->cap - 1))
		if (m->v[i].h == h && strcmp(m->v[i].s, raw) == 0) return m->v[i].hit;
	size_t len;
	char *f = query_fold(raw, &len);
	bool hit = query_value_match(f, len, n);
	free(f);
	if (m->n < FMEMO_MAX) {
		m->v[i].s = raw;
		m->v[i].h = h;
		m->v[i].hit = hit;
		m->n++;
	}
	return hit;
}

static const char *field_raw(const struct article *a, const struct qnode *n)
{
	switch (n->field) {
	case QF_SOURCE: return a->source;
	case QF_URL: return a->url;
	case QF_SUMMARY: return a->summary;
	case QF_LANG: return a->lang;
	case QF_EXTRA: return article_get_extra(a, n->key);
	case QF_TITLE: case QF_AUTHOR: break;
	}
	return NULL;
}

/* A single-valued field as a column: each article's value as a number
 * (0: none, else 1 + its place in vals), made in one pass the first time a
 * term asks for the field, so every later term on it costs its distinct
 * values and a loop over numbers, not another walk of the articles. */
struct query_bits_col {
	enum qfield field;
	char *key;          /* owned: QF_EXTRA's key */
	uint32_t *vid;      /* owned: per article */
	const char **vals;  /* owned array of borrowed strings */
	size_t nvals;
	bool wide;          /* over FMEMO_MAX values (urls): no column */
};

static struct query_bits_col *col_make(struct query_bits_ctx *c, const struct qnode *n)
{
	size_t na = narts(c), cap = 2 * FMEMO_MAX;
	c->cols = xrealloc(c->cols, (c->ncols + 1) * sizeof *c->cols);
	struct query_bits_col *col = &c->cols[c->ncols++];
	*col = (struct query_bits_col){.field = n->field, .key = n->key ? xstrdup(n->key) : NULL};
	struct { size_t h; uint32_t id; } *tab = xcalloc(cap, sizeof *tab);
	col->vid = xcalloc(na + 1, sizeof *col->vid);
	col->vals = xcalloc(FMEMO_MAX + 1, sizeof *col->vals);
	const struct article *items = c->env->d->coll.items;
	for (size_t a = 0; a < na && !col->wide; a++) {
		if (a + 8 < na) __builtin_prefetch(field_raw(&items[a + 8], n));
		const char *raw = field_raw(&items[a], n);
		if (!raw) continue;
		size_t h = fmemo_hash(raw), i = h & (cap - 1);
		while (tab[i].id && !(tab[i].h == h && strcmp(col->vals[tab[i].id - 1], raw) == 0))
			i = (i + 1) & (cap - 1);
		if (!tab[i].id) {
			if (col->nvals == FMEMO_MAX) {
				col->wide = true;
				break;
			}
			col->vals[col->nvals++] = raw;
			tab[i].h = h;
			tab[i].id = (uint32_t)col->nvals;
		}
		col->vid[a] = tab[i].id;
	}
	free(tab);
	if (col->wide) {
		free(col->vid);
		free(col->vals);
		col->vid = NULL;
		col->vals = NULL;
	}
	return col;
}

/* The column of n's field, or NULL (title and author are not columns; a
 * field of too many values neither). */
static const struct query_bits_col *col_get(struct query_bits_ctx *c, const struct qnode *n)
{
	if (n->field == QF_TITLE || n->field == QF_AUTHOR) return NULL;
	const struct query_bits_col *col = NULL;
	for (size_t i = 0; i < c->ncols && !col; i++)
		if (c->cols[i].field == n->field &&
		    (n->field != QF_EXTRA || strcmp(c->cols[i].key, n->key) == 0))
			col = &c->cols[i];
	if (!col) col = col_make(c, n);
	return col->wide ? NULL : col;
}

/* A field term over every article, meaning what query_match's does
 * (query_eval.c field_match). */
static void field_bits(struct query_bits_ctx *c, const struct qnode *n, uint64_t *out)
{
	size_t na = narts(c);
	if (n->field == QF_TITLE) {
		if (n->match == QM_WORDS && n->vlen) { /* the value occurs in the title */
			titles_find(c, n->value, n->vlen, title_has_value, n, out);
			return;
		}
		if (!c->titles) titles_make(c);
		for (size_t a = 0, tl; a < na; a++) {
			const char *t = title_of(c, a, &tl);
			if (query_value_match(t, tl, n)) set_bit(out, a);
		}
		return;
	}
	const struct query_bits_col *col = col_get(c, n);
	if (col) { /* each distinct value once */
		bool *hit = xcalloc(col->nvals + 1, sizeof *hit);
		for (size_t v = 0; v < col->nvals; v++) {
			size_t len;
			char *f = query_fold(col->vals[v], &len);
			hit[v + 1] = query_value_match(f, len, n);
			free(f);
		}
		for (size_t a = 0; a < na; a++)
			if (hit[col->vid[a]]) set_bit(out, a);
		free(hit);
		return;
	}
	struct fmemo m = {.cap = 2 * FMEMO_MAX};
	m.v = xcalloc(m.cap, sizeof *m.v);
	const struct article *items = c->env->d->coll.items;
	for (size_t a = 0; a < na; a++) {
		const struct article *ar = &items[a];
		if (a + 8 < na && n->field != QF_AUTHOR) __builtin_prefetch(field_raw(&items[a + 8], n));
		bool hit = false;
		if (n->field == QF_AUTHOR) {
			for (size_t i = 0; i < ar->authors.n && !hit; i++)
				hit = field_value(&m, ar->authors.v[i], n);
		} else {
			hit = field_value(&m, field_raw(ar, n), n);
		}
		if (hit) set_bit(out, a);
	}
	free(m.v);
}

/* Words: in the folded title (found by one memmem over all titles, then
 * checked whole), else in the body by the index's bitmap; articles the
 * index does not know are asked one by one. */
static void text_bits(struct query_bits_ctx *c, const struct qnode *n, uint64_t *out)
{
	const unsigned char *body = c->text.bits
		? c->text.bits(c->text.ctx, (const char *const *)n->words, n->nwords) : NULL;
	if (!body) {
		per_article(c, n, out);
		return;
	}
	size_t na = narts(c), l0 = strlen(n->words[0]);
	if (l0) titles_find(c, n->words[0], l0, title_has_words, n, out);
	struct query one = {.root = (struct qnode *)n, .needs_body = true};
	for (size_t a = 0; a < na; a++) {
		if (!c->text.knows(c->text.ctx, a)) {
			if (query_match(&one, c->env, a)) set_bit(out, a);
		} else if ((body[a / 8] >> (a % 8)) & 1) {
			set_bit(out, a);
		}
	}
}

static void eval(struct query_bits_ctx *c, const struct qnode *n, uint64_t *out)
{
	size_t na = narts(c), w = query_bits_words(na);
	memset(out, 0, w * sizeof *out);
	switch (n->kind) {
	case QN_ALL:
		memset(out, 0xff, w * sizeof *out);
		break;
	case QN_AND:
	case QN_OR: {
		uint64_t *k = xcalloc(w + 1, sizeof *k);
		for (size_t i = 0; i < n->nkids; i++) {
			eval(c, n->kids[i], i ? k : out);
			for (size_t j = 0; i && j < w; j++) out[j] = n->kind == QN_AND ? out[j] & k[j] : out[j] | k[j];
		}
		free(k);
		break;
	}
	case QN_NOT:
		eval(c, n->kids[0], out);
		for (size_t j = 0; j < w; j++) out[j] = ~out[j];
		break;
	case QN_TAG: { /* the index posts an article under its tags and their parents */
		const struct tag_entry *e = tagindex_get(&c->env->d->tags, n->value);
		for (size_t i = 0; e && i < e->n; i++) set_bit(out, e->arts[i]);
		break;
	}
	case QN_DATE:
		for (size_t a = 0; a < na; a++) {
			int d = c->env->d->coll.items[a].date;
			if (d && d >= n->from && d <= n->to) set_bit(out, a);
		}
		break;
	case QN_IS:
		for (size_t a = 0; a < na; a++) {
			bool v = n->is == QIS_MARKED ? c->env->is_marked && c->env->is_marked(c->env->ctx, a)
						     : is_read(c, a);
			if (n->is == QIS_UNREAD ? !v : v) set_bit(out, a);
		}
		break;
	case QN_TEXT:
		text_bits(c, n, out);
		break;
	case QN_FIELD:
		field_bits(c, n, out);
		break;
	default:
		per_article(c, n, out);
		break;
	}
	mask_tail(c, out);
}

void query_bits(const struct query *q, struct query_bits_ctx *c, uint64_t *out)
{
	eval(c, q->root, out);
}

void query_bits_ctx_free(struct query_bits_ctx *c)
{
	foldtitles_free(c->titles_own);
	c->titles = NULL;
	c->titles_own = NULL;
	for (size_t i = 0; i < c->ncols; i++) {
		free(c->cols[i].key);
		free(c->cols[i].vid);
		free(c->cols[i].vals);
	}
	free(c->cols);
	c->cols = NULL;
	c->ncols = 0;
}

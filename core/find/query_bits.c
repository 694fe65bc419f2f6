/* SPDX-License-Identifier: MIT
 * Whole-collection query evaluation into bitmaps (see query_bits.h): the
 * saved searches' counts at 100,000 articles cost postings and word
 * operations, not a tree walk per article. */
#include "core/find/query_bits.h"

#include <stdlib.h>
#include <string.h>

#include "core/find/query_int.h"
#include "core/collection/tags.h"
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

/* Every title folded, one after another in c->titles (each ending in a
 * NUL), with c->toff[a] where article a's begins: made once for all the
 * searches counted together; ASCII titles fold to their lower case. */
static void titles_make(struct query_bits_ctx *c)
{
	size_t na = narts(c), len = 0, cap = 1;
	for (size_t a = 0; a < na; a++) { /* one allocation for the usual case */
		const char *t = c->env->d->coll.items[a].title;
		cap += (t ? strlen(t) : 0) + 1;
	}
	char *buf = xmalloc(cap);
	c->toff = xcalloc(na + 2, sizeof *c->toff);
	for (size_t a = 0; a < na; a++) {
		const char *t = c->env->d->coll.items[a].title;
		t = t ? t : "";
		size_t tl = strlen(t), k = 0;
		ARRAY_RESERVE(buf, cap, len + tl + 1);
		char *dst = buf + len;
		for (; k < tl && (unsigned char)t[k] < 0x80; k++) /* query_fold's ASCII case */
			dst[k] = t[k] >= 'A' && t[k] <= 'Z' ? (char)(t[k] + 32) : t[k];
		if (k < tl) {
			char *f = query_fold(t, &tl);
			ARRAY_RESERVE(buf, cap, len + tl + 1);
			memcpy(buf + len, f, tl);
			free(f);
		}
		buf[len + tl] = '\0';
		c->toff[a] = len;
		len += tl + 1;
	}
	c->toff[na] = len;
	c->titles = buf;
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
	size_t na = narts(c);
	if (!c->titles) titles_make(c);
	const char *w0 = n->words[0], *all = c->titles, *end = all + c->toff[na];
	size_t l0 = strlen(w0), a = 0;
	for (const char *p = all; l0 && (p = memmem(p, (size_t)(end - p), w0, l0)) != NULL;) {
		size_t off = (size_t)(p - all);
		while (a + 1 < na && c->toff[a + 1] <= off) a++; /* hits come in order */
		const char *t = all + c->toff[a];
		size_t tl = c->toff[a + 1] - c->toff[a] - 1;
		if (query_words_in(t, tl, n->words, n->nwords)) set_bit(out, a);
		p = all + c->toff[a + 1]; /* the next title */
	}
	struct query one = {.root = (struct qnode *)n, .needs_body = true};
	for (a = 0; a < na; a++) {
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
	free(c->titles);
	free(c->toff);
	c->titles = NULL;
	c->toff = NULL;
}

/* SPDX-License-Identifier: MIT
 * How terms meet text. Field values: whole words, '*' patterns, numeric
 * comparisons (query_value_match). Full-text terms: all of a query's found
 * in one pass over a text, whatever their number, through a hash from each
 * term's first word to the terms starting with it (issue 19: a 1,000-word
 * OR searched every text 1,000 times and thrashed the index's 16-entry
 * memo); the index's answers come per term for the whole collection
 * (query_env.text_set) and are kept for the life of the query. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/find/query_int.h"
#include "core/text/utf8.h"
#include "core/base/util.h"

struct qslot {
	const char *word; /* borrowed: words[0] of the first term in the group */
	size_t len;
	size_t first, count; /* range of plan->order */
};

/* FNV-1a */
static uint32_t hash_word(const char *s, size_t n)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

static void collect(struct qplan *pl, struct qnode *n, const struct qnode *parent)
{
	if (n->kind == QN_TEXT) {
		ARRAY_RESERVE(pl->texts, pl->tcap, pl->ntexts + 1);
		n->textid = pl->ntexts;
		n->parent = parent;
		pl->texts[pl->ntexts++] = n;
	}
	size_t ntext = 0;
	for (size_t i = 0; i < n->nkids; i++) {
		ntext += n->kids[i]->kind == QN_TEXT;
		collect(pl, n->kids[i], n);
	}
	if (n->kind == QN_OR && ntext >= 2) {
		ARRAY_RESERVE(pl->ors, pl->ocap, pl->nors + 1);
		pl->ors[pl->nors++] = n;
		n->orid = pl->nors;
	}
}

struct byword {
	const char *word; /* borrowed: a term's first word */
	size_t id;
};

static int cmp_byword(const void *a, const void *b)
{
	const struct byword *x = a, *y = b;
	int c = strcmp(x->word, y->word);
	return c ? c : (x->id > y->id) - (x->id < y->id);
}

void qplan_build(struct qplan *pl, struct qnode *root)
{
	memset(pl, 0, sizeof *pl);
	collect(pl, root, NULL);
	if (!pl->ntexts)
		return;
	struct byword *bw = xcalloc(pl->ntexts, sizeof *bw);
	for (size_t i = 0; i < pl->ntexts; i++)
		bw[i] = (struct byword){pl->texts[i]->words[0], i};
	qsort(bw, pl->ntexts, sizeof *bw, cmp_byword);
	pl->order = xcalloc(pl->ntexts, sizeof *pl->order);
	for (size_t i = 0; i < pl->ntexts; i++)
		pl->order[i] = bw[i].id;
	free(bw);
	pl->mask = 15;
	while (pl->mask + 1 < 2 * pl->ntexts)
		pl->mask = pl->mask * 2 + 1;
	pl->slots = xcalloc(pl->mask + 1, sizeof *pl->slots);
	for (size_t i = 0; i < pl->ntexts;) {
		const char *w = pl->texts[pl->order[i]]->words[0];
		size_t j = i + 1;
		while (j < pl->ntexts && !strcmp(pl->texts[pl->order[j]]->words[0], w))
			j++;
		size_t len = strlen(w), s = hash_word(w, len) & pl->mask;
		while (pl->slots[s].word)
			s = (s + 1) & pl->mask;
		pl->slots[s] = (struct qslot){w, len, i, j - i};
		i = j;
	}
	pl->tstamp = xcalloc(pl->ntexts, sizeof *pl->tstamp);
	pl->bstamp = xcalloc(pl->ntexts, sizeof *pl->bstamp);
}

static void sets_free(struct qplan *pl)
{
	for (size_t i = 0; pl->orhits && i < pl->nors; i++)
		free(pl->orhits[i]);
	free(pl->orhits);
	free(pl->or_asked);
	pl->orhits = NULL;
	pl->or_asked = NULL;
	for (size_t i = 0; pl->hits && i < pl->ntexts; i++)
		free(pl->hits[i]);
	free(pl->hits);
	free(pl->asked);
	free(pl->known);
	pl->hits = NULL;
	pl->asked = NULL;
	pl->known = NULL;
	pl->known_done = false;
}

void qplan_free(struct qplan *pl)
{
	sets_free(pl);
	free(pl->texts);
	free(pl->ors);
	free(pl->thits);
	free(pl->order);
	free(pl->slots);
	free(pl->tstamp);
	free(pl->bstamp);
}

static inline bool is_word_at(const char *h, size_t hlen, size_t pos, size_t *k)
{
	unsigned char b = (unsigned char)h[pos];
	if (b < 0x80) {
		*k = 1;
		return (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9') || (b >= 'A' && b <= 'Z');
	}
	int32_t cp;
	*k = utf8_decode(h + pos, hlen - pos, &cp);
	if (!*k)
		*k = 1;
	return utf8_is_word_cp(cp);
}

/* Do w[1..nw) follow the word ending at pos, whole, with only non-word
 * characters between them? */
static bool rest_follows(const char *h, size_t hlen, size_t pos, char *const *w, size_t nw)
{
	for (size_t i = 1; i < nw; i++) {
		size_t k;
		while (pos < hlen && !is_word_at(h, hlen, pos, &k))
			pos += k;
		size_t li = strlen(w[i]);
		if (hlen - pos < li || memcmp(h + pos, w[i], li))
			return false;
		pos += li;
		if (pos < hlen && is_word_at(h, hlen, pos, &k))
			return false;
	}
	return true;
}

static bool word_before(const char *h, size_t pos)
{
	if (pos == 0)
		return false;
	size_t i = pos - 1;
	while (i > 0 && pos - i < 4 && ((unsigned char)h[i] & 0xC0) == 0x80)
		i--;
	int32_t cp;
	utf8_decode(h + i, pos - i, &cp);
	return utf8_is_word_cp(cp);
}

bool query_words_in(const char *h, size_t hlen, char *const *w, size_t nw)
{
	size_t l0 = strlen(w[0]), from = 0, k;
	while (from < hlen) {
		const char *hit = memmem(h + from, hlen - from, w[0], l0);
		if (!hit)
			return false;
		size_t at = (size_t)(hit - h), pos = at + l0;
		from = at + 1;
		if (word_before(h, at) || (pos < hlen && is_word_at(h, hlen, pos, &k)))
			continue;
		if (rest_follows(h, hlen, pos, w, nw))
			return true;
	}
	return false;
}

static inline bool ascii_word(unsigned char b)
{
	return (unsigned)(b - 'a') < 26 || (unsigned)(b - '0') < 10 || (unsigned)(b - 'A') < 26;
}

void qplan_scan(struct qplan *pl, const char *h, size_t hlen, uint32_t *stamp, uint32_t gen,
		bool record)
{
	if (!pl->ntexts)
		return;
	size_t i = 0, k;
	while (i < hlen) {
		unsigned char b = (unsigned char)h[i];
		if (b < 0x80 ? !ascii_word(b) : !is_word_at(h, hlen, i, &k)) {
			i += b < 0x80 ? 1 : k;
			continue;
		}
		/* a word: hash it as it goes (the hot loop of long queries) */
		size_t start = i;
		uint32_t hv = 2166136261u;
		while (i < hlen) {
			b = (unsigned char)h[i];
			if (b < 0x80) {
				if (!ascii_word(b))
					break;
				hv = (hv ^ b) * 16777619u;
				i++;
			} else {
				if (!is_word_at(h, hlen, i, &k))
					break;
				for (size_t j = 0; j < k; j++)
					hv = (hv ^ (unsigned char)h[i + j]) * 16777619u;
				i += k;
			}
		}
		size_t len = i - start;
		for (size_t sl = hv & pl->mask; pl->slots[sl].word; sl = (sl + 1) & pl->mask) {
			const struct qslot *q = &pl->slots[sl];
			if (q->len != len || memcmp(q->word, h + start, len))
				continue;
			for (size_t j = 0; j < q->count; j++) {
				const struct qnode *n = pl->texts[pl->order[q->first + j]];
				if (stamp[n->textid] == gen || !rest_follows(h, hlen, i, n->words, n->nwords))
					continue;
				stamp[n->textid] = gen;
				if (record) {
					ARRAY_RESERVE(pl->thits, pl->thcap, pl->nthits + 1);
					pl->thits[pl->nthits++] = n->textid;
				}
			}
			break;
		}
	}
}

uint32_t qplan_next_gen(struct qplan *pl)
{
	if (++pl->gen == 0 && pl->ntexts) { /* wrapped: old stamps could look current */
		memset(pl->tstamp, 0, pl->ntexts * sizeof *pl->tstamp);
		memset(pl->bstamp, 0, pl->ntexts * sizeof *pl->bstamp);
		pl->gen = 1;
	}
	return pl->gen;
}

void qplan_prepare(struct qplan *pl, const struct query_env *env)
{
	size_t nart = env->d->coll.n;
	if (pl->set_fn == env->text_set && pl->set_ctx == env->ctx && pl->nart == nart && pl->hits)
		return;
	sets_free(pl);
	pl->set_fn = env->text_set;
	pl->set_ctx = env->ctx;
	pl->nart = nart;
	pl->hits = xcalloc(pl->ntexts ? pl->ntexts : 1, sizeof *pl->hits);
	pl->asked = xcalloc(pl->ntexts ? pl->ntexts : 1, sizeof *pl->asked);
	pl->known = xcalloc(nart / 8 + 1, 1);
	pl->orhits = xcalloc(pl->nors ? pl->nors : 1, sizeof *pl->orhits);
	pl->or_asked = xcalloc(pl->nors ? pl->nors : 1, sizeof *pl->or_asked);
}

const unsigned char *qplan_or_hits(struct qplan *pl, const struct query_env *env,
				   const struct qnode *n)
{
	size_t o = n->orid - 1, bytes = pl->nart / 8 + 1;
	if (pl->or_asked[o])
		return pl->orhits[o];
	pl->or_asked[o] = true;
	unsigned char *u = xcalloc(bytes, 1);
	for (size_t i = 0; i < n->nkids; i++) {
		const struct qnode *k = n->kids[i];
		if (k->kind != QN_TEXT)
			continue;
		if (!pl->asked[k->textid])
			qplan_ask(pl, env, k);
		const unsigned char *h = pl->hits[k->textid];
		if (!h) {
			free(u);
			return NULL;
		}
		for (size_t b = 0; b < bytes; b++)
			u[b] |= h[b];
	}
	pl->orhits[o] = u;
	return u;
}

void qplan_ask(struct qplan *pl, const struct query_env *env, const struct qnode *n)
{
	size_t id = n->textid;
	pl->asked[id] = true;
	unsigned char *hits = xcalloc(pl->nart / 8 + 1, 1);
	if (env->text_set(env->ctx, (const char *const *)n->words, n->nwords, hits,
			  pl->known_done ? NULL : pl->known, pl->nart) == 0) {
		pl->hits[id] = hits;
		pl->known_done = true;
	} else
		free(hits);
}

bool query_parse_number(const char *s, size_t n, double *out)
{
	size_t i = 0, digits = 0;
	double v = 0, scale = 1;
	bool neg = false;
	if (i < n && (s[i] == '-' || s[i] == '+'))
		neg = s[i++] == '-';
	for (; i < n && s[i] >= '0' && s[i] <= '9'; i++, digits++)
		v = v * 10 + (s[i] - '0');
	if (i < n && s[i] == '.')
		for (i++; i < n && s[i] >= '0' && s[i] <= '9'; i++, digits++)
			v += (s[i] - '0') * (scale /= 10);
	if (!digits || i != n)
		return false;
	*out = neg ? -v : v;
	return true;
}

/* '*' stands for any run of characters; the rest must match in order, the
 * first piece at the start and the last at the end. */
static bool glob_match(const char *h, size_t hl, const char *p, size_t pl)
{
	const char *star = memchr(p, '*', pl);
	size_t l = star ? (size_t)(star - p) : pl;
	if (hl < l || memcmp(h, p, l))
		return false;
	if (!star)
		return hl == l;
	h += l, hl -= l, p += l + 1, pl -= l + 1;
	while ((star = memchr(p, '*', pl))) {
		l = (size_t)(star - p);
		const char *at = l ? memmem(h, hl, p, l) : h;
		if (!at)
			return false;
		hl -= (size_t)(at - h) + l;
		h = at + l;
		p += l + 1, pl -= l + 1;
	}
	return hl >= pl && !memcmp(h + hl - pl, p, pl);
}

bool query_value_match(const char *f, size_t len, const struct qnode *n)
{
	size_t k;
	switch (n->match) {
	case QM_GLOB: return glob_match(f, len, n->value, n->vlen);
	case QM_WORDS: break;
	default: {
		while (len && (*f == ' ' || *f == '\t'))
			f++, len--;
		while (len && (f[len - 1] == ' ' || f[len - 1] == '\t'))
			len--;
		double v;
		if (!query_parse_number(f, len, &v))
			return false;
		return n->match == QM_LT ? v < n->num : n->match == QM_LE ? v <= n->num
		     : n->match == QM_GT ? v > n->num : v >= n->num;
	}
	}
	/* glued: a letter or digit at the value's edge may not touch another */
	bool open_l = n->vlen && is_word_at(n->value, n->vlen, 0, &k);
	size_t last = n->vlen;
	while (last > 0 && ((unsigned char)n->value[last - 1] & 0xC0) == 0x80)
		last--;
	bool open_r = last && is_word_at(n->value, n->vlen, last - 1, &k);
	for (size_t from = 0; from < len;) {
		const char *hit = memmem(f + from, len - from, n->value, n->vlen);
		if (!hit)
			return false;
		size_t at = (size_t)(hit - f), end = at + n->vlen;
		from = at + 1;
		if (open_l && word_before(f, at))
			continue;
		if (open_r && end < len && is_word_at(f, len, end, &k))
			continue;
		return true;
	}
	return false;
}

/* SPDX-License-Identifier: MIT
 * Full-text terms of a query answered in one pass over a text, whatever
 * their number: a hash from each term's first word to the terms starting
 * with it, so a title or body is tokenized once and every term it holds is
 * found (issue 19: a 1,000-word OR query used to search every text 1,000
 * times, and thrashed the index's 16-entry memo). The index's answers come
 * per term for the whole collection (query_env.text_set) and are kept here
 * for the life of the query. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/query_int.h"
#include "core/utf8.h"
#include "core/util.h"

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

static void collect(struct qplan *pl, struct qnode *n)
{
	if (n->kind == QN_TEXT) {
		ARRAY_RESERVE(pl->texts, pl->tcap, pl->ntexts + 1);
		n->textid = pl->ntexts;
		pl->texts[pl->ntexts++] = n;
	}
	for (size_t i = 0; i < n->nkids; i++)
		collect(pl, n->kids[i]);
}

static const struct qplan *sort_plan; /* qsort has no context argument */

static int cmp_first_word(const void *a, const void *b)
{
	const struct qnode *x = sort_plan->texts[*(const size_t *)a];
	const struct qnode *y = sort_plan->texts[*(const size_t *)b];
	return strcmp(x->words[0], y->words[0]);
}

void qplan_build(struct qplan *pl, struct qnode *root)
{
	memset(pl, 0, sizeof *pl);
	collect(pl, root);
	if (!pl->ntexts)
		return;
	pl->order = xcalloc(pl->ntexts, sizeof *pl->order);
	for (size_t i = 0; i < pl->ntexts; i++)
		pl->order[i] = i;
	/* the sort runs at parse time, before any thread can see the plan */
	sort_plan = pl;
	qsort(pl->order, pl->ntexts, sizeof *pl->order, cmp_first_word);
	sort_plan = NULL;
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
	for (size_t i = 0; pl->hits && i < pl->ntexts; i++)
		free(pl->hits[i]);
	free(pl->hits);
	free(pl->asked);
	free(pl->known);
	pl->hits = NULL;
	pl->asked = NULL;
	pl->known = NULL;
}

void qplan_free(struct qplan *pl)
{
	sets_free(pl);
	free(pl->texts);
	free(pl->order);
	free(pl->slots);
	free(pl->tstamp);
	free(pl->bstamp);
}

static bool is_word_at(const char *h, size_t hlen, size_t pos, size_t *k)
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

/* Do words[1..) of n follow the word ending at pos, whole, with only
 * non-word characters between them? */
static bool rest_follows(const char *h, size_t hlen, size_t pos, const struct qnode *n)
{
	for (size_t i = 1; i < n->nwords; i++) {
		size_t k;
		while (pos < hlen && !is_word_at(h, hlen, pos, &k))
			pos += k;
		size_t li = strlen(n->words[i]);
		if (hlen - pos < li || memcmp(h + pos, n->words[i], li))
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

bool qplan_words_in(const char *h, size_t hlen, const struct qnode *n)
{
	size_t l0 = strlen(n->words[0]), from = 0, k;
	while (from < hlen) {
		const char *hit = memmem(h + from, hlen - from, n->words[0], l0);
		if (!hit)
			return false;
		size_t at = (size_t)(hit - h), pos = at + l0;
		from = at + 1;
		if (word_before(h, at) || (pos < hlen && is_word_at(h, hlen, pos, &k)))
			continue;
		if (rest_follows(h, hlen, pos, n))
			return true;
	}
	return false;
}

void qplan_scan(const struct qplan *pl, const char *h, size_t hlen, uint32_t *stamp,
		uint32_t gen)
{
	if (!pl->ntexts)
		return;
	size_t i = 0;
	while (i < hlen) {
		size_t k;
		if (!is_word_at(h, hlen, i, &k)) {
			i += k;
			continue;
		}
		size_t start = i;
		do
			i += k;
		while (i < hlen && is_word_at(h, hlen, i, &k));
		size_t len = i - start, s = hash_word(h + start, len) & pl->mask;
		for (; pl->slots[s].word; s = (s + 1) & pl->mask) {
			const struct qslot *sl = &pl->slots[s];
			if (sl->len != len || memcmp(sl->word, h + start, len))
				continue;
			for (size_t j = 0; j < sl->count; j++) {
				const struct qnode *n = pl->texts[pl->order[sl->first + j]];
				if (stamp[n->textid] != gen && rest_follows(h, hlen, i, n))
					stamp[n->textid] = gen;
			}
			break;
		}
	}
}

uint32_t qplan_next_gen(struct qplan *pl)
{
	if (++pl->gen == 0) { /* wrapped: old stamps could look current */
		memset(pl->tstamp, 0, pl->ntexts * sizeof *pl->tstamp);
		memset(pl->bstamp, 0, pl->ntexts * sizeof *pl->bstamp);
		pl->gen = 1;
	}
	return pl->gen;
}

int qplan_index(struct qplan *pl, const struct query_env *env, const struct qnode *n,
		size_t art)
{
	size_t nart = env->d->coll.n;
	if (pl->set_fn != env->text_set || pl->set_ctx != env->ctx || pl->nart != nart) {
		sets_free(pl);
		pl->set_fn = env->text_set;
		pl->set_ctx = env->ctx;
		pl->nart = nart;
	}
	if (!pl->hits) {
		pl->hits = xcalloc(pl->ntexts, sizeof *pl->hits);
		pl->asked = xcalloc(pl->ntexts, sizeof *pl->asked);
		pl->known = xcalloc(nart / 8 + 1, 1);
	}
	size_t id = n->textid;
	if (!pl->asked[id]) {
		pl->asked[id] = true;
		unsigned char *hits = xcalloc(nart / 8 + 1, 1);
		if (env->text_set(env->ctx, (const char *const *)n->words, n->nwords, hits, pl->known,
				  nart) == 0)
			pl->hits[id] = hits;
		else
			free(hits);
	}
	if (!pl->hits[id] || !((pl->known[art / 8] >> (art % 8)) & 1))
		return -1;
	return (pl->hits[id][art / 8] >> (art % 8)) & 1;
}

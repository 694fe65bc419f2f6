/* SPDX-License-Identifier: MIT
 * The index over the articles' signature terms (see similar.h): terms get
 * ids, IDF weights from how many signatures hold them, and postings laid
 * out flat (one offset array), each posting carrying the article's
 * normalised weight so a cosine is a sum over shared postings. */
#include "core/similar.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/collection.h"
#include "core/dupes.h"
#include "core/util.h"

/* The weight of a term occurring tf times, before IDF: sub-linear, so one
 * word repeated thirty times does not drown the rest. */
#ifndef SIM_WALK_SHARE
#define SIM_WALK_SHARE 1000000
#endif

static float tf_weight(unsigned tf) { return 1.0f + logf((float)(tf ? tf : 1)); }

static const struct simsig *sig_of(const struct collection *c, size_t art)
{
	return art < c->n ? c->items[art].sig : NULL;
}

void simindex_ensure(struct simindex *si, const struct collection *c)
{
	if (si->built) return;
	memset(si, 0, sizeof *si);
	si->built = true;
	si->narticles = c->n;
	size_t n = c->n;
	/* ids, and per id how many signatures hold it */
	uint32_t *df = NULL;
	size_t dcap = 0, total = 0;
	for (size_t a = 0; a < n; a++) {
		const struct simsig *s = sig_of(c, a);
		if (!s) continue;
		const char *t = s->terms;
		for (size_t i = 0; i < s->nterms; i++, t += strlen(t) + 1) {
			size_t id;
			if (!map_get(&si->terms, t, &id)) {
				id = si->nterms++;
				map_put(&si->terms, t, id);
				ARRAY_RESERVE(df, dcap, si->nterms);
				df[id] = 0;
			}
			df[id]++;
			total++;
		}
	}
	size_t with = 0;
	for (size_t a = 0; a < n; a++) with += sig_of(c, a) && sig_of(c, a)->nterms;
	si->idf = xcalloc(si->nterms + 1, sizeof *si->idf);
	for (size_t t = 0; t < si->nterms; t++)
		si->idf[t] = logf((float)(with + 1) / (float)df[t]);
	si->post_off = xcalloc(si->nterms + 1, sizeof *si->post_off);
	for (size_t t = 0; t < si->nterms; t++) si->post_off[t + 1] = si->post_off[t] + df[t];
	si->post_art = xcalloc(total + 1, sizeof *si->post_art);
	si->post_w = xcalloc(total + 1, sizeof *si->post_w);
	si->norm = xcalloc(n + 1, sizeof *si->norm);
	memset(df, 0, si->nterms * sizeof *df); /* now: postings filled per term */
	for (size_t a = 0; a < n; a++) {
		const struct simsig *s = sig_of(c, a);
		if (!s || !s->nterms) continue;
		size_t ids[SIM_TERMS];
		float w[SIM_TERMS], sum = 0;
		const char *t = s->terms;
		for (size_t i = 0; i < s->nterms; i++, t += strlen(t) + 1) {
			map_get(&si->terms, t, &ids[i]);
			w[i] = tf_weight(s->tf[i]) * si->idf[ids[i]];
			sum += w[i] * w[i];
		}
		si->norm[a] = sqrtf(sum);
		for (size_t i = 0; i < s->nterms; i++) {
			size_t at = si->post_off[ids[i]] + df[ids[i]]++;
			si->post_art[at] = (uint32_t)a;
			si->post_w[at] = si->norm[a] > 0 ? w[i] / si->norm[a] : 0;
		}
	}
	free(df);
	dupes_group(c, &si->group, &si->ngroups);
}

void simindex_free(struct simindex *si)
{
	map_free(&si->terms);
	free(si->idf);
	free(si->norm);
	free(si->post_off);
	free(si->post_art);
	free(si->post_w);
	free(si->group);
	memset(si, 0, sizeof *si);
}

/* Article a's normalised weight for term i of its signature; its id too. */
static float own_weight(const struct simindex *si, const struct simsig *s, size_t a, const char *t,
			size_t i, size_t *id)
{
	if (!map_get(&si->terms, t, id) || si->norm[a] <= 0) return 0;
	return tf_weight(s->tf[i]) * si->idf[*id] / si->norm[a];
}

void simindex_walk(const struct simindex *si, const struct collection *c, size_t art,
		   void (*visit)(void *ctx, uint32_t b, float sim), void *ctx)
{
	const struct simsig *s = sig_of(c, art);
	if (!si->built || !s || art >= si->narticles) return;
	const char *t = s->terms;
	for (size_t i = 0; i < s->nterms; i++, t += strlen(t) + 1) {
		size_t id;
		float wa = own_weight(si, s, art, t, i, &id);
		if (wa <= 0) continue;
		for (uint32_t p = si->post_off[id]; p < si->post_off[id + 1]; p++)
			if (si->post_art[p] != art) visit(ctx, si->post_art[p], wa * si->post_w[p]);
	}
}

/* b's normalised weight for term id (binary search of its postings). */
static float weight_in(const struct simindex *si, size_t id, size_t b)
{
	uint32_t lo = si->post_off[id], hi = si->post_off[id + 1];
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (si->post_art[mid] == b) return si->post_w[mid];
		if (si->post_art[mid] < b) lo = mid + 1;
		else hi = mid;
	}
	return 0;
}

struct contrib {
	const char *term;
	float w;
};

static int contrib_cmp(const void *x, const void *y)
{
	const struct contrib *a = x, *b = y;
	if (a->w != b->w) return a->w > b->w ? -1 : 1;
	return strcmp(a->term, b->term);
}

size_t simindex_why(const struct simindex *si, const struct collection *c, size_t a, size_t b,
		    const char **out, size_t max)
{
	const struct simsig *s = sig_of(c, a);
	if (!si->built || !s || a >= si->narticles || b >= si->narticles) return 0;
	struct contrib v[SIM_TERMS];
	size_t n = 0;
	const char *t = s->terms;
	for (size_t i = 0; i < s->nterms; i++, t += strlen(t) + 1) {
		size_t id;
		float wa = own_weight(si, s, a, t, i, &id), wb = wa > 0 ? weight_in(si, id, b) : 0;
		if (wb > 0) v[n++] = (struct contrib){t, wa * wb};
	}
	qsort(v, n, sizeof *v, contrib_cmp);
	if (n > max) n = max;
	for (size_t i = 0; i < n; i++) out[i] = v[i].term;
	return n;
}

double simindex_cosine(const struct simindex *si, const struct collection *c, size_t a, size_t b)
{
	const struct simsig *s = sig_of(c, a);
	if (!si->built || !s || a >= si->narticles || b >= si->narticles) return 0;
	double sum = 0;
	const char *t = s->terms;
	for (size_t i = 0; i < s->nterms; i++, t += strlen(t) + 1) {
		size_t id;
		float wa = own_weight(si, s, a, t, i, &id);
		if (wa > 0) sum += wa * weight_in(si, id, b);
	}
	return sum;
}

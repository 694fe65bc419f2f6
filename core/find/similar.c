/* SPDX-License-Identifier: MIT
 * The index over the articles' signature terms (see similar.h): terms get
 * ids, IDF weights from how many signatures hold them, and postings laid
 * out flat (one offset array), each posting carrying the article's
 * normalised weight so a cosine is a sum over shared postings. */
#include "core/find/similar.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/collection/collection.h"
#include "core/find/dupes.h"
#include "core/find/simfile.h"
#include "core/find/simindex_int.h"
#include "core/base/util.h"

/* The weight of a term occurring tf times, before IDF: sub-linear, so one
 * word repeated thirty times does not drown the rest. */
static float tf_weight(unsigned tf) { return 1.0f + logf((float)(tf ? tf : 1)); }

/* Heaviest first; ties by place in the signature (more frequent first). */
static int pick_cmp(const void *x, const void *y)
{
	const struct sim_pick *a = x, *b = y;
	if (a->w != b->w) return a->w > b->w ? -1 : 1;
	return (a->i > b->i) - (a->i < b->i);
}

int sim_posting_cmp(const void *x, const void *y)
{
	const struct sim_posting *a = x, *b = y;
	if (a->w != b->w) return a->w > b->w ? -1 : 1;
	return (a->art > b->art) - (a->art < b->art);
}

#define SWAP(a, b) do { struct sim_posting sw_ = (a); (a) = (b); (b) = sw_; } while (0)

void sim_select_top(struct sim_posting *v, size_t n, size_t k)
{
	size_t lo = 0, hi = n; /* the k-th lies in [lo, hi) */
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2, last = hi - 1;
		/* median of v[lo], v[mid], v[last] into v[last] as the pivot */
		if (sim_posting_cmp(&v[mid], &v[lo]) < 0) SWAP(v[mid], v[lo]);
		if (sim_posting_cmp(&v[last], &v[lo]) < 0) SWAP(v[last], v[lo]);
		if (sim_posting_cmp(&v[mid], &v[last]) < 0) SWAP(v[mid], v[last]);
		struct sim_posting pivot = v[last];
		size_t store = lo;
		for (size_t i = lo; i < last; i++)
			if (sim_posting_cmp(&v[i], &pivot) < 0) {
				SWAP(v[i], v[store]);
				store++;
			}
		SWAP(v[store], v[last]); /* the pivot in its final place */
		if (store == k || store + 1 == k) return;
		if (store > k) hi = store;
		else lo = store + 1;
	}
}

float sim_idf(size_t with, uint32_t df)
{
	return sqrtf(logf((float)(with + 1) / (float)df));
}

size_t sim_select(const uint16_t *tf, size_t nterms, const uint32_t *ids, const float *idf,
		  struct sim_pick *v)
{
	size_t m = 0;
	for (size_t i = 0; i < nterms; i++)
		if (ids[i] != UINT32_MAX)
			v[m++] = (struct sim_pick){tf_weight(tf[i]) * idf[ids[i]], ids[i], (uint16_t)i};
	qsort(v, m, sizeof *v, pick_cmp);
	size_t k = m < SIM_SELECT ? m : SIM_SELECT;
	float sum = 0;
	for (size_t i = 0; i < k; i++) sum += v[i].w * v[i].w;
	float norm = sqrtf(sum);
	if (!(norm > 0)) return 0;
	for (size_t i = 0; i < k; i++) v[i].w /= norm;
	return k;
}

void simindex_ensure(struct simindex *si, const struct collection *c)
{
	if (si->built) return;
	const struct simsig **sigs = xcalloc(c->n + 1, sizeof *sigs);
	for (size_t a = 0; a < c->n; a++) sigs[a] = c->items[a].sig;
	simindex_build(si, sigs, c->n);
	free(sigs);
}

void simindex_build(struct simindex *si, const struct simsig *const *sigs, size_t n)
{
	memset(si, 0, sizeof *si);
	si->built = true;
	si->narticles = n;
	/* ids, and per id how many signatures hold it */
	uint32_t *df = NULL;
	size_t dcap = 0;
	for (size_t a = 0; a < n; a++) {
		const struct simsig *s = sigs[a];
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
		}
	}
	size_t with = 0;
	for (size_t a = 0; a < n; a++) with += sigs[a] && sigs[a]->nterms;
	si->idf = xcalloc(si->nterms + 1, sizeof *si->idf);
	/* df counts only the signatures that kept the term, so a common word
	 * looks rarer than it is: the square root of its IDF tempers that (on
	 * the openSUSE posts 0.777 -> 0.790 of related articles sharing a
	 * topic, BENCHMARKS.md). */
	for (size_t t = 0; t < si->nterms; t++) si->idf[t] = sim_idf(with, df[t]);
	/* each article's SIM_SELECT heaviest terms, normalised over those */
	si->sel_off = xcalloc(n + 1, sizeof *si->sel_off);
	si->sel_id = xcalloc(n * SIM_SELECT + 1, sizeof *si->sel_id);
	si->sel_w = xcalloc(n * SIM_SELECT + 1, sizeof *si->sel_w);
	si->sel_i = xcalloc(n * SIM_SELECT + 1, sizeof *si->sel_i);
	uint32_t *use = xcalloc(si->nterms + 1, sizeof *use); /* postings per id */
	size_t nsel = 0;
	uint32_t ids[SIM_TERMS];
	for (size_t a = 0; a < n; a++) {
		si->sel_off[a] = (uint32_t)nsel;
		const struct simsig *s = sigs[a];
		if (!s || !s->nterms) continue;
		const char *t = s->terms;
		for (size_t i = 0; i < s->nterms; i++, t += strlen(t) + 1) {
			size_t id = 0;
			map_get(&si->terms, t, &id);
			ids[i] = (uint32_t)id;
		}
		struct sim_pick v[SIM_TERMS];
		size_t k = sim_select(s->tf, s->nterms, ids, si->idf, v);
		for (size_t i = 0; i < k; i++, nsel++) {
			si->sel_id[nsel] = v[i].id;
			si->sel_w[nsel] = v[i].w;
			si->sel_i[nsel] = v[i].i;
			use[v[i].id]++;
		}
	}
	si->sel_off[n] = (uint32_t)nsel;
	si->post_off = xcalloc(si->nterms + 1, sizeof *si->post_off);
	for (size_t t = 0; t < si->nterms; t++) si->post_off[t + 1] = si->post_off[t] + use[t];
	si->post_art = xcalloc(nsel + 1, sizeof *si->post_art);
	si->post_w = xcalloc(nsel + 1, sizeof *si->post_w);
	memset(use, 0, si->nterms * sizeof *use); /* now: postings filled per term */
	for (size_t a = 0; a < n; a++) /* articles ascending: postings sorted */
		for (uint32_t p = si->sel_off[a]; p < si->sel_off[a + 1]; p++) {
			size_t at = si->post_off[si->sel_id[p]] + use[si->sel_id[p]]++;
			si->post_art[at] = (uint32_t)a;
			si->post_w[at] = si->sel_w[p];
		}
	free(use);
	free(df);
	/* a term held by more than SIM_WALK_MAX articles: the heaviest
	 * SIM_WALK_MAX of its postings first, where a walk stops */
	struct sim_posting *tmp = xcalloc(nsel + 1, sizeof *tmp);
	for (size_t t = 0; t < si->nterms; t++) {
		uint32_t lo = si->post_off[t], cnt = si->post_off[t + 1] - lo;
		if (cnt <= SIM_WALK_MAX) continue;
		for (uint32_t i = 0; i < cnt; i++) tmp[i] = (struct sim_posting){si->post_art[lo + i], si->post_w[lo + i]};
		sim_select_top(tmp, cnt, SIM_WALK_MAX);
		/* and those in order, so a walk sums them in the order the
		 * streamed build (simbuild.c) writes them */
		qsort(tmp, SIM_WALK_MAX, sizeof *tmp, sim_posting_cmp);
		for (uint32_t i = 0; i < cnt; i++) si->post_art[lo + i] = tmp[i].art, si->post_w[lo + i] = tmp[i].w;
	}
	free(tmp);
	dupes_group_sigs(sigs, n, &si->group, &si->ngroups);
}

void simindex_of_file(struct simindex *si, struct simfile *f)
{
	memset(si, 0, sizeof *si);
	si->built = true;
	si->file = f;
	si->narticles = simfile_count(f);
	si->group = xcalloc(si->narticles + 1, sizeof *si->group);
	for (size_t a = 0; a < si->narticles; a++) {
		si->group[a] = simfile_group(f, a);
		if (si->group[a] > si->ngroups) si->ngroups = si->group[a];
	}
	simfile_let_go(f); /* copied */
}

void simindex_let_go(const struct simindex *si)
{
	if (si->file) simfile_let_go(si->file);
}

void simindex_free(struct simindex *si)
{
	simfile_close(si->file);
	map_free(&si->terms);
	free(si->idf);
	free(si->sel_off);
	free(si->sel_id);
	free(si->sel_w);
	free(si->sel_i);
	free(si->post_off);
	free(si->post_art);
	free(si->post_w);
	free(si->group);
	memset(si, 0, sizeof *si);
}

void simindex_walk(const struct simindex *si, const struct collection *c, size_t art,
		   void (*visit)(void *ctx, uint32_t b, float sim), void *ctx)
{
	(void)c;
	if (!si->built || art >= si->narticles) return;
	if (si->file) { /* a damaged block: what it gave is all there is */
		simfile_walk(si->file, art, visit, ctx);
		return;
	}
	for (uint32_t q = si->sel_off[art]; q < si->sel_off[art + 1]; q++) {
		uint32_t id = si->sel_id[q];
		float wa = si->sel_w[q];
		uint32_t end = si->post_off[id + 1];
		if (end - si->post_off[id] > SIM_WALK_MAX) end = si->post_off[id] + SIM_WALK_MAX;
		for (uint32_t p = si->post_off[id]; p < end; p++)
			if (si->post_art[p] != art) visit(ctx, si->post_art[p], wa * si->post_w[p]);
	}
}

/* b's normalised weight for term id (b's own selected terms: at most
 * SIM_SELECT). */
static float weight_in(const struct simindex *si, size_t id, size_t b)
{
	for (uint32_t q = si->sel_off[b]; q < si->sel_off[b + 1]; q++)
		if (si->sel_id[q] == id) return si->sel_w[q];
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

size_t simindex_why(const struct simindex *si, const struct simsig *sa, size_t a, size_t b,
		    const char **out, size_t max)
{
	const struct simsig *s = sa;
	if (si->built && si->file) {
		long k = simfile_why(si->file, a, b, out, max);
		return k < 0 ? 0 : (size_t)k;
	}
	if (!si->built || !s || a >= si->narticles || b >= si->narticles) return 0;
	struct contrib v[SIM_SELECT];
	size_t n = 0;
	for (uint32_t q = si->sel_off[a]; q < si->sel_off[a + 1]; q++) {
		float wb = weight_in(si, si->sel_id[q], b);
		if (wb > 0) v[n++] = (struct contrib){simsig_term(s, si->sel_i[q]), si->sel_w[q] * wb};
	}
	qsort(v, n, sizeof *v, contrib_cmp);
	if (n > max) n = max;
	for (size_t i = 0; i < n; i++) out[i] = v[i].term;
	return n;
}

double simindex_cosine(const struct simindex *si, const struct collection *c, size_t a, size_t b)
{
	(void)c;
	if (!si->built || a >= si->narticles || b >= si->narticles) return 0;
	if (si->file) return simfile_cosine(si->file, a, b);
	double sum = 0;
	for (uint32_t q = si->sel_off[a]; q < si->sel_off[a + 1]; q++)
		sum += si->sel_w[q] * weight_in(si, si->sel_id[q], b);
	return sum;
}

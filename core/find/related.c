/* SPDX-License-Identifier: MIT
 * Related-article ranking; see related.h. Scores accumulate in a small
 * hash keyed by article number, sized by the postings walked, so one call
 * costs O(sum of the article's tag postings), never O(collection). */
#include "core/find/related.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "core/base/util.h"

/* The tag entries of an article, parents included, without duplicates.
 * explicit (may be NULL) gets, per entry, whether the article carries the
 * tag itself rather than only a nested one. */
static size_t article_entries(const struct tagindex *ti, const struct article *a, size_t **out,
			      bool **explicit)
{
	size_t n = 0, cap = 0, ecap = 0;
	*out = NULL;
	if (explicit) *explicit = NULL;
	const struct strlist *lists[2] = {&a->tags, &a->derived};
	for (int l = 0; l < 2; l++)
		for (size_t t = 0; t < lists[l]->n; t++) {
			char *name = xstrdup(lists[l]->v[t]);
			for (bool first = true;; first = false) {
				long e = tagindex_find(ti, name);
				size_t k = 0;
				while (k < n && (*out)[k] != (size_t)e) k++;
				if (e >= 0 && k == n) {
					ARRAY_RESERVE(*out, cap, n + 1);
					(*out)[n++] = (size_t)e;
					if (explicit) {
						ARRAY_RESERVE(*explicit, ecap, n);
						(*explicit)[k] = false;
					}
				}
				if (e >= 0 && explicit && first) (*explicit)[k] = true;
				char *slash = strrchr(name, '/');
				if (!slash) break;
				*slash = '\0';
			}
			free(name);
		}
	return n;
}

static bool in_sorted(const uint32_t *v, size_t n, uint32_t x)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (v[mid] == x) return true;
		if (v[mid] < x) lo = mid + 1;
		else hi = mid;
	}
	return false;
}

/* Does article art carry tag e itself? (holders are ascending) */
static bool holds(const struct tag_entry *e, uint32_t art)
{
	return in_sorted(e->holders, e->nholders, art);
}

static int related_cmp(const void *x, const void *y)
{
	const struct related *a = x, *b = y;
	if (a->linked != b->linked) return a->linked ? -1 : 1;
	if (a->score != b->score) return a->score > b->score ? -1 : 1;
	if (a->date_gap != b->date_gap) return a->date_gap < b->date_gap ? -1 : 1;
	return a->art < b->art ? -1 : a->art > b->art;
}

static int weight_cmp(const void *x, const void *y, void *ti_)
{
	const struct tagindex *ti = ti_;
	double a = ti->tags[*(const size_t *)x].weight, b = ti->tags[*(const size_t *)y].weight;
	if (a != b) return a > b ? -1 : 1;
	return strcmp(ti->tags[*(const size_t *)x].name, ti->tags[*(const size_t *)y].name);
}

/* "flooding" need not be listed beside "flooding/tidal-barrier": the child
 * implies it. (Its weight still counts in the score, as does a parent
 * that neither article carries itself, which is not listed either.) */
static void drop_implied_parents(const struct tagindex *ti, struct related *r)
{
	size_t o = 0;
	for (size_t k = 0; k < r->nshared; k++) {
		const char *p = ti->tags[r->shared[k]].name;
		size_t n = strlen(p);
		bool implied = false;
		for (size_t j = 0; j < r->nshared && !implied; j++) {
			const char *c = ti->tags[r->shared[j]].name;
			implied = strncmp(c, p, n) == 0 && c[n] == '/';
		}
		if (!implied) r->shared[o++] = r->shared[k];
	}
	r->nshared = o;
}

/* Content scores from the signature postings (see simindex_walk). */
struct content_acc {
	float *sim;
	unsigned char *flag;
	uint32_t **cand;
	size_t *ncand, *ccap;
};

static void content_visit(void *ctx, uint32_t b, float sim)
{
	struct content_acc *acc = ctx;
	if (!acc->flag[b]) {
		ARRAY_RESERVE(*acc->cand, *acc->ccap, *acc->ncand + 1);
		(*acc->cand)[(*acc->ncand)++] = b;
		acc->flag[b] = 4; /* seen by content only */
	}
	acc->sim[b] += sim;
}

static const struct article *coll_article(void *ctx, size_t art)
{
	const struct collection *c = ctx;
	return &c->items[art];
}
static int coll_date(void *ctx, size_t art)
{
	const struct collection *c = ctx;
	return c->items[art].date;
}

struct related_src related_src_of(const struct collection *c)
{
	return (struct related_src){c->n, coll_article, coll_date, (void *)c};
}

size_t related_compute(const struct collection *c, const struct tagindex *ti, size_t art,
		       size_t max, struct related **out)
{
	return related_compute_with(c, ti, NULL, art, max, out);
}

size_t related_compute_with(const struct collection *c, const struct tagindex *ti,
			    struct simindex *si, size_t art, size_t max, struct related **out)
{
	if (si) simindex_ensure(si, c);
	const struct related_src src = related_src_of(c);
	size_t n = related_compute_src_with(&src, ti, si, art, max, out);
	/* the index file's pages this list read (a few MB, scattered) go, or a
	 * reader opening article after article would keep them all */
	if (si) simindex_let_go(si);
	return n;
}

size_t related_compute_src(const struct related_src *src, const struct tagindex *ti, size_t art,
			   size_t max, struct related **out)
{
	return related_compute_src_with(src, ti, NULL, art, max, out);
}

/* The content of a built simindex, as a related_content. */
static bool si_walk(void *ctx, size_t art, void (*visit)(void *vctx, uint32_t b, float sim),
		    void *vctx)
{
	simindex_walk(ctx, NULL, art, visit, vctx);
	return true;
}
static long si_why(void *ctx, const struct article *a, size_t art, size_t b, const char **out,
		   size_t max)
{
	const struct simindex *si = ctx;
	return a->sig || si->file ? (long)simindex_why(si, a->sig, art, b, out, max) : 0;
}
static int si_copy(void *ctx, size_t a, size_t b)
{
	const struct simindex *si = ctx;
	return si->group && si->group[a] && si->group[b] == si->group[a];
}

size_t related_compute_src_with(const struct related_src *src, const struct tagindex *ti,
				const struct simindex *si, size_t art, size_t max,
				struct related **out)
{
	if (si && (!si->built || si->narticles != src->n)) si = NULL; /* not over these articles */
	const struct related_content rc = {src->n, si_walk, si_why, si_copy, (void *)si};
	bool failed = false;
	return related_compute_content(src, ti, si ? &rc : NULL, art, max, out, &failed);
}

size_t related_compute_content(const struct related_src *src, const struct tagindex *ti,
			       const struct related_content *rc, size_t art, size_t max,
			       struct related **out, bool *failed)
{
	if (rc && rc->n != src->n) rc = NULL;
	*out = NULL;
	if (art >= src->n || max == 0) return 0;
	const struct article *a = src->article(src->ctx, art);
	if (!a) return 0;
	int adate = a->date;
	size_t *mine;
	bool *explicit;
	size_t nmine = article_entries(ti, a, &mine, &explicit);
	/* Scores accumulate in arrays indexed by article: calloc hands out
	 * zeroed pages, so only the pages the postings touch cost anything,
	 * and each posting is one add — the walk costs the postings of this
	 * article's tags, never a comparison with every other article. */
	double *score = xcalloc(src->n, sizeof *score);
	unsigned char *flag = xcalloc(src->n, 1); /* 1 seen, 2 linked */
	uint32_t *cand = NULL;
	size_t ncand = 0, ccap = 0;
	for (size_t k = 0; k < nmine; k++) {
		const struct tag_entry *e = &ti->tags[mine[k]];
		if (e->weight <= 0) continue; /* on every article: links nothing */
		unsigned char link = explicit[k] ? 3 : 1;
		for (size_t p = 0; p < e->n; p++) {
			uint32_t b = e->arts[p];
			if (!flag[b]) {
				ARRAY_RESERVE(cand, ccap, ncand + 1);
				cand[ncand++] = b;
			}
			flag[b] |= link;
			score[b] += e->weight;
		}
		/* "places" implied by both "places/kyiv" and "places/rome" is not a
		 * link on its own; it is when the other article carries it */
		if (!explicit[k])
			for (size_t p = 0; p < e->nholders; p++) flag[e->holders[p]] |= 2;
	}
	float *sim = NULL;
	if (rc) {
		sim = xcalloc(src->n, sizeof *sim);
		struct content_acc acc = {sim, flag, &cand, &ncand, &ccap};
		if (!rc->walk(rc->ctx, art, content_visit, &acc)) *failed = true;
	}
	/* keep the best max in a small sorted array (max is a screenful) */
	struct related *r = xcalloc(max + 1, sizeof *r);
	size_t n = 0;
	for (size_t i = 0; i < ncand; i++) {
		uint32_t b = cand[i];
		bool linked = flag[b] & 2;
		double content = sim ? sim[b] : 0;
		if (b == art || (!linked && content < RELATED_MIN_CONTENT)) continue;
		if (rc) { /* a copy */
			int copy = rc->copy(rc->ctx, art, b);
			if (copy < 0) *failed = true;
			if (copy) continue;
		}
		if (n == max && (r[n - 1].linked > linked ||
				 (r[n - 1].linked == linked && score[b] + content < r[n - 1].score)))
			continue; /* cheap reject */
		int bdate = src->date(src->ctx, b);
		struct related x = {.art = b, .score = score[b] + content, .content = content,
				    .linked = linked,
				    .date_gap = adate && bdate ? labs(date_days(adate) - date_days(bdate))
							       : LONG_MAX};
		size_t at = n;
		while (at > 0 && related_cmp(&x, &r[at - 1]) < 0) at--;
		if (at >= max) continue;
		memmove(&r[at + 1], &r[at], (n - at) * sizeof *r);
		r[at] = x;
		if (n < max) n++;
	}
	free(score);
	free(sim);
	free(flag);
	free(cand);

	/* shared tags only for what is shown */
	for (size_t i = 0; i < n; i++) {
		size_t *theirs = NULL, nth = 0;
		const struct article *ar = src->article(src->ctx, r[i].art);
		if (ar) nth = article_entries(ti, ar, &theirs, NULL);
		r[i].shared = xcalloc(nmine ? nmine : 1, sizeof *r[i].shared);
		for (size_t k = 0; k < nmine; k++)
			for (size_t j = 0; j < nth; j++)
				if (mine[k] == theirs[j] && ti->tags[mine[k]].weight > 0 &&
				    (explicit[k] || holds(&ti->tags[mine[k]], (uint32_t)r[i].art)))
					r[i].shared[r[i].nshared++] = mine[k];
		drop_implied_parents(ti, &r[i]);
		qsort_r(r[i].shared, r[i].nshared, sizeof *r[i].shared, weight_cmp, (void *)ti);
		free(theirs);
		if (rc) {
			long nt = rc->why(rc->ctx, a, art, r[i].art, r[i].terms, RELATED_TERMS);
			if (nt < 0) *failed = true;
			r[i].nterms = nt < 0 ? 0 : (size_t)nt;
		}
	}
	free(mine);
	free(explicit);
	*out = r;
	return n;
}

void related_free(struct related *r, size_t n)
{
	for (size_t i = 0; i < n; i++) free(r[i].shared);
	free(r);
}

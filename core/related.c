/* SPDX-License-Identifier: MIT
 * Related-article ranking; see related.h. Scores accumulate in a small
 * hash keyed by article number, sized by the postings walked, so one call
 * costs O(sum of the article's tag postings), never O(collection). */
#include "core/related.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "core/util.h"

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

struct acc {
	uint32_t art; /* article + 1; 0 = empty */
	bool linked;  /* shares a tag one of the two carries itself */
	double score;
};

/* Scores by article, in a hash that grows with what is walked (never
 * sized by the collection) and a list of the articles in it. */
struct accum {
	struct acc *tab;
	size_t mask;
	uint32_t *list; /* articles in insertion order */
	size_t n, cap;
};

static struct acc *accum_slot(struct acc *tab, size_t mask, uint32_t art)
{
	for (size_t i = (art * 2654435761u) & mask;; i = (i + 1) & mask)
		if (tab[i].art == art + 1 || tab[i].art == 0) return &tab[i];
}

static struct acc *accum_get(struct accum *A, uint32_t art)
{
	if ((A->n + 1) * 2 > A->mask + 1) {
		size_t nmask = A->mask ? A->mask * 2 + 1 : 63;
		struct acc *nt = xcalloc(nmask + 1, sizeof *nt);
		for (size_t i = 0; i < A->n; i++) *accum_slot(nt, nmask, A->list[i]) = *accum_slot(A->tab, A->mask, A->list[i]);
		free(A->tab);
		A->tab = nt;
		A->mask = nmask;
	}
	struct acc *s = accum_slot(A->tab, A->mask, art);
	if (!s->art) {
		s->art = art + 1;
		ARRAY_RESERVE(A->list, A->cap, A->n + 1);
		A->list[A->n++] = art;
	}
	return s;
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

static int double_desc(const void *x, const void *y)
{
	double a = *(const double *)x, b = *(const double *)y;
	return (a < b) - (a > b);
}

/* The max-th best score among linked candidates (0 when fewer). */
static double kth_linked(const struct accum *A, size_t max)
{
	double *v = xmalloc((A->n ? A->n : 1) * sizeof *v);
	size_t n = 0;
	for (size_t i = 0; i < A->n; i++) {
		const struct acc *s = accum_slot(A->tab, A->mask, A->list[i]);
		if (s->linked) v[n++] = s->score;
	}
	double k = 0;
	if (n >= max) {
		qsort(v, n, sizeof *v, double_desc);
		k = v[max - 1];
	}
	free(v);
	return k;
}

/* Does article art carry tag e itself? (holders are ascending) */
static bool holds(const struct tag_entry *e, uint32_t art)
{
	return in_sorted(e->holders, e->nholders, art);
}

static int related_cmp(const void *x, const void *y)
{
	const struct related *a = x, *b = y;
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

size_t related_compute(const struct collection *c, const struct tagindex *ti, size_t art,
		       size_t max, struct related **out)
{
	*out = NULL;
	if (art >= c->n || max == 0) return 0;
	const struct article *a = &c->items[art];
	size_t *mine;
	bool *explicit;
	size_t nmine = article_entries(ti, a, &mine, &explicit);
	/* Rare (heavy) tags first. Once the articles not yet seen could not
	 * reach the current max-th best score even with every remaining tag,
	 * the long lists of common tags are only probed for the candidates
	 * already found (max-score pruning): exact, and cheap at any size. */
	size_t *order = xmalloc((nmine ? nmine : 1) * sizeof *order);
	size_t norder = 0;
	for (size_t k = 0; k < nmine; k++)
		if (ti->tags[mine[k]].weight > 0) order[norder++] = k; /* else links nothing */
	for (size_t i = 1; i < norder; i++) /* by weight, heaviest first (few) */
		for (size_t j = i; j > 0 && ti->tags[mine[order[j]]].weight > ti->tags[mine[order[j - 1]]].weight; j--) {
			size_t t = order[j];
			order[j] = order[j - 1];
			order[j - 1] = t;
		}
	double rest = 0;
	for (size_t i = 0; i < norder; i++) rest += ti->tags[mine[order[i]]].weight;
	struct accum A = {0};
	bool probe = false;
	for (size_t i = 0; i < norder; i++) {
		size_t k = order[i];
		const struct tag_entry *e = &ti->tags[mine[k]];
		if (!probe && A.n >= max && rest < kth_linked(&A, max)) probe = true;
		rest -= e->weight;
		if (probe) {
			for (size_t j = 0; j < A.n; j++) {
				struct acc *s = accum_slot(A.tab, A.mask, A.list[j]);
				if (!in_sorted(e->arts, e->n, A.list[j])) continue;
				s->score += e->weight;
				s->linked |= explicit[k] || holds(e, A.list[j]);
			}
			continue;
		}
		for (size_t p = 0; p < e->n; p++) {
			if (e->arts[p] == art) continue;
			struct acc *s = accum_get(&A, e->arts[p]);
			s->score += e->weight;
			s->linked |= explicit[k];
		}
		/* "places" implied by both "places/kyiv" and "places/rome" is not a
		 * link on its own; it is when the other article carries it */
		if (!explicit[k])
			for (size_t p = 0; p < e->nholders; p++)
				if (e->holders[p] != art) accum_get(&A, e->holders[p])->linked = true;
	}
	free(order);
	struct related *r = xcalloc(A.n ? A.n : 1, sizeof *r);
	size_t n = 0;
	for (size_t i = 0; i < A.n; i++) {
		const struct acc *s = accum_slot(A.tab, A.mask, A.list[i]);
		if (!s->linked) continue;
		const struct article *b = &c->items[A.list[i]];
		r[n].art = A.list[i];
		r[n].score = s->score;
		r[n].date_gap = a->date && b->date ? labs(date_days(a->date) - date_days(b->date)) : LONG_MAX;
		n++;
	}
	free(A.tab);
	free(A.list);
	qsort(r, n, sizeof *r, related_cmp);
	if (n > max) n = max;
	/* shared tags only for what is shown */
	for (size_t i = 0; i < n; i++) {
		size_t *theirs;
		size_t nth = article_entries(ti, &c->items[r[i].art], &theirs, NULL);
		r[i].shared = xcalloc(nmine ? nmine : 1, sizeof *r[i].shared);
		for (size_t k = 0; k < nmine; k++)
			for (size_t j = 0; j < nth; j++)
				if (mine[k] == theirs[j] && ti->tags[mine[k]].weight > 0 &&
				    (explicit[k] || holds(&ti->tags[mine[k]], (uint32_t)r[i].art)))
					r[i].shared[r[i].nshared++] = mine[k];
		drop_implied_parents(ti, &r[i]);
		qsort_r(r[i].shared, r[i].nshared, sizeof *r[i].shared, weight_cmp, (void *)ti);
		free(theirs);
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

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

static struct acc *acc_get(struct acc *tab, size_t mask, uint32_t art)
{
	for (size_t i = (art * 2654435761u) & mask;; i = (i + 1) & mask)
		if (tab[i].art == art + 1 || tab[i].art == 0) {
			tab[i].art = art + 1;
			return &tab[i];
		}
}

/* Does article art carry tag e itself? (holders are ascending) */
static bool holds(const struct tag_entry *e, uint32_t art)
{
	size_t lo = 0, hi = e->nholders;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (e->holders[mid] == art) return true;
		if (e->holders[mid] < art) lo = mid + 1;
		else hi = mid;
	}
	return false;
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
	size_t total = 0;
	for (size_t k = 0; k < nmine; k++)
		if (ti->tags[mine[k]].weight > 0) total += ti->tags[mine[k]].n;
	size_t nslots = 16;
	while (nslots < total * 2) nslots *= 2;
	struct acc *tab = xcalloc(nslots, sizeof *tab);
	size_t ncand = 0;
	for (size_t k = 0; k < nmine; k++) {
		const struct tag_entry *e = &ti->tags[mine[k]];
		if (e->weight <= 0) continue; /* on every article: links nothing */
		for (size_t p = 0; p < e->n; p++) {
			if (e->arts[p] == art) continue;
			struct acc *s = acc_get(tab, nslots - 1, e->arts[p]);
			if (s->score == 0) ncand++;
			s->score += e->weight;
			s->linked |= explicit[k];
		}
		/* "places" implied by both "places/kyiv" and "places/rome" is not a
		 * link on its own; it is when the other article carries it */
		if (!explicit[k])
			for (size_t p = 0; p < e->nholders; p++)
				if (e->holders[p] != art) acc_get(tab, nslots - 1, e->holders[p])->linked = true;
	}
	struct related *r = xcalloc(ncand ? ncand : 1, sizeof *r);
	size_t n = 0;
	for (size_t i = 0; i < nslots; i++) {
		if (!tab[i].art || !tab[i].linked) continue;
		const struct article *b = &c->items[tab[i].art - 1];
		r[n].art = tab[i].art - 1;
		r[n].score = tab[i].score;
		r[n].date_gap = a->date && b->date ? labs(date_days(a->date) - date_days(b->date)) : LONG_MAX;
		n++;
	}
	free(tab);
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

/* SPDX-License-Identifier: MIT
 * `bench-similar [N]` (hidden, for make bench and BENCHMARKS.md): how
 * often content-only related lists share a topic with the article, against
 * a plain TF-IDF cosine over every kept word of every rendered text. The
 * collection's own tags are the ground truth and are not used to rank. */
#include "core/cli/cli.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/cli/cli_options.h"
#include "core/find/ftsindex.h"
#include "core/base/map.h"
#include "core/find/related.h"
#include "core/text/render.h"
#include "core/find/similar.h"
#include "core/collection/tags.h"
#include "core/base/util.h"

#define TOPK 5

struct tv {
	uint32_t *id;
	float *w;
	size_t n, cap;
};

struct tokctx {
	struct map *vocab;
	char ***names;
	size_t *nnames, *ncap;
	struct tv *v;
};

static void on_tok(void *ctx, const char *w, size_t n)
{
	struct tokctx *t = ctx;
	if (!simsig_keep_term(w, n)) return;
	size_t id;
	if (!map_get_n(t->vocab, w, n, &id)) {
		id = *t->nnames;
		ARRAY_RESERVE(*t->names, *t->ncap, id + 1);
		(*t->names)[id] = xstrndup(w, n);
		(*t->nnames)++;
		map_put(t->vocab, (*t->names)[id], id);
	}
	ARRAY_RESERVE(t->v->id, t->v->cap, t->v->n + 1);
	t->v->id[t->v->n++] = (uint32_t)id;
}

static int u32_cmp(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return (x > y) - (x < y);
}

/* Does b share a tag with a that is on under a fifth of the articles? */
static bool same_topic(const struct dossier *d, size_t a, size_t b)
{
	const struct strlist *ta = &d->coll.items[a].tags, *tb = &d->coll.items[b].tags;
	for (size_t i = 0; i < ta->n; i++) {
		const struct tag_entry *e = tagindex_get(&d->tags, ta->v[i]);
		if (e && e->n * 5 < d->coll.n && strlist_has(tb, ta->v[i])) return true;
	}
	return false;
}

static bool topical(const struct dossier *d, size_t a)
{
	const struct strlist *ta = &d->coll.items[a].tags;
	for (size_t i = 0; i < ta->n; i++) {
		const struct tag_entry *e = tagindex_get(&d->tags, ta->v[i]);
		if (e && e->n >= 2 && e->n * 5 < d->coll.n) return true;
	}
	return false;
}

struct best {
	size_t art[TOPK];
	double s[TOPK];
	size_t n;
};

static void best_add(struct best *b, size_t art, double s)
{
	if (b->n == TOPK && s <= b->s[TOPK - 1]) return;
	size_t at = b->n < TOPK ? b->n++ : TOPK - 1;
	while (at > 0 && b->s[at - 1] < s) b->art[at] = b->art[at - 1], b->s[at] = b->s[at - 1], at--;
	b->art[at] = art, b->s[at] = s;
}


int cli_bench_similar(struct cli_ctx *cx, const struct cli_args *args)
{
	long want = args->argc > 0 ? strtol(args->argv[0], NULL, 10) : 200;
	if (cli_load(cx) < 0) return EXIT_PROBLEM;
	const struct collection *c = &cx->d.coll;
	size_t n = c->n;
	/* the baseline's vectors: every kept word of every rendered text */
	struct map vocab = MAP_INIT;
	char **names = NULL;
	size_t nnames = 0, ncap = 0;
	struct tv *v = xcalloc(n + 1, sizeof *v);
	double t0 = util_now_ms();
	for (size_t a = 0; a < n; a++) {
		const struct article *ar = &c->items[a];
		struct diag_list dl = DIAG_LIST_INIT;
		size_t len;
		char *body = article_body_read(ar, &len, &dl);
		diag_list_free(&dl);
		struct tokctx t = {&vocab, &names, &nnames, &ncap, &v[a]};
		ftsindex_tokenize(ar->title, strlen(ar->title), on_tok, &t);
		if (body) {
			struct render_doc *doc = render_body(body, len, render_format_of(ar));
			ftsindex_tokenize(doc->text, doc->len, on_tok, &t);
			render_doc_free(doc);
		}
		free(body);
		qsort(v[a].id, v[a].n, sizeof *v[a].id, u32_cmp);
	}
	uint32_t *df = xcalloc(nnames + 1, sizeof *df);
	for (size_t a = 0; a < n; a++)
		for (size_t i = 0; i < v[a].n; i++)
			if (!i || v[a].id[i] != v[a].id[i - 1]) df[v[a].id[i]]++;
	for (size_t a = 0; a < n; a++) { /* collapse to (id, weight), normalised */
		size_t o = 0;
		v[a].w = xcalloc(v[a].n + 1, sizeof *v[a].w);
		double norm = 0;
		for (size_t i = 0; i < v[a].n;) {
			size_t j = i;
			while (j < v[a].n && v[a].id[j] == v[a].id[i]) j++;
			float w = (1.0f + logf((float)(j - i))) * logf((float)(n + 1) / (float)df[v[a].id[i]]);
			v[a].id[o] = v[a].id[i], v[a].w[o++] = w, norm += (double)w * w;
			i = j;
		}
		v[a].n = o;
		for (size_t i = 0; i < o; i++) v[a].w[i] /= norm > 0 ? (float)sqrt(norm) : 1;
	}
	double t_base = util_now_ms() - t0;
	/* signing (from the signature file when warm) and the index build */
	t0 = util_now_ms();
	dossier_sign(&cx->d, !cx->no_cache, NULL);
	double t_build = util_now_ms() - t0;
	/* memory: the signatures, and the index's arrays over them */
	const struct simindex *si = &cx->d.sim;
	size_t sig_bytes = 0, nsel = si->sel_off ? si->sel_off[n] : 0,
	       npost = si->post_off ? si->post_off[si->nterms] : 0;
	for (size_t a = 0; a < n; a++)
		if (c->items[a].sig) sig_bytes += sizeof *c->items[a].sig + c->items[a].sig->terms_len;
	size_t idx_bytes = (n + 1) * (sizeof *si->sel_off + sizeof *si->group) +
			   nsel * (sizeof *si->sel_id + sizeof *si->sel_w + sizeof *si->sel_i) +
			   (si->nterms + 1) * (sizeof *si->idf + sizeof *si->post_off) +
			   npost * (sizeof *si->post_art + sizeof *si->post_w);

	size_t sampled = 0, hit_sig = 0, got_sig = 0, hit_base = 0, got_base = 0, empty_sig = 0;
	struct collection empty = {0};
	struct tagindex none;
	tagindex_build(&none, &empty);
	for (size_t k = 0; k < n && sampled < (size_t)want; k++) {
		size_t a = (k * 7919u) % n;
		if (!topical(&cx->d, a)) continue;
		sampled++;
		struct best bs = {0}, bb = {0};
		/* the related list itself, with no tag to go by */
		struct related *r;
		size_t nr = related_compute_with(c, &none, &cx->d.sim, a, TOPK, &r);
		for (size_t i = 0; i < nr; i++) bs.art[bs.n++] = r[i].art;
		related_free(r, nr);
		for (size_t b = 0; b < n; b++) {
			if (b == a) continue;
			const uint32_t *g = cx->d.sim.group;
			if (g[a] && g[a] == g[b]) continue; /* copies are offered by neither */
			double s = 0; /* the baseline: a merge of two sorted vectors */
			for (size_t i = 0, j = 0; i < v[a].n && j < v[b].n;) {
				if (v[a].id[i] == v[b].id[j]) s += (double)v[a].w[i++] * v[b].w[j++];
				else if (v[a].id[i] < v[b].id[j]) i++;
				else j++;
			}
			if (s > 0) best_add(&bb, b, s);
		}
		empty_sig += bs.n == 0;
		for (size_t i = 0; i < bs.n; i++) got_sig++, hit_sig += same_topic(&cx->d, a, bs.art[i]);
		for (size_t i = 0; i < bb.n; i++) got_base++, hit_base += same_topic(&cx->d, a, bb.art[i]);
	}
	fprintf(cx->out, "articles\t%zu\nsampled\t%zu\n", n, sampled);
	fprintf(cx->out, "signature\tprecision@%d\t%.3f\t(%zu of %zu)\tno neighbour\t%zu\tsign+build ms\t%.1f\n",
		TOPK, got_sig ? (double)hit_sig / (double)got_sig : 0, hit_sig, got_sig, empty_sig, t_build);
	fprintf(cx->out, "memory\tsignature bytes/article\t%zu\tindex bytes/article\t%zu\tterms\t%d\n",
		n ? sig_bytes / n : 0, n ? idx_bytes / n : 0, SIM_TERMS);
	fprintf(cx->out, "tf-idf cosine\tprecision@%d\t%.3f\t(%zu of %zu)\tvectors ms\t%.1f\n", TOPK,
		got_base ? (double)hit_base / (double)got_base : 0, hit_base, got_base, t_base);
	for (size_t a = 0; a < n; a++) free(v[a].id), free(v[a].w);
	for (size_t i = 0; i < nnames; i++) free(names[i]);
	free(names);
	free(v);
	free(df);
	tagindex_free(&none);
	map_free(&vocab);
	return EXIT_OK;
}

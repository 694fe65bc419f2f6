/* SPDX-License-Identifier: MIT
 * Opening a collection: load articles (deriving vocabulary tags while each
 * text is in memory), then index tags. */
#include "core/collection/dossier.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "core/base/util.h"
#include "core/meta/article_load.h"
#include "core/meta/metacache.h"
#include "core/meta/metaindex.h"
#include "core/find/sigcache.h"
#include "core/find/similar.h"
#include "core/collection/vocab.h"

static void derive_tags(void *ctx, struct article *a, const char *body, size_t len)
{
	const struct vocab *v = ctx;
	if (!body) return;
	/* the title counts too: it is often where the topic is named */
	vocab_match(v, a->title, strlen(a->title), &a->derived);
	vocab_match(v, body, len, &a->derived);
	/* a derived tag the article already has is not "derived" */
	size_t o = 0;
	for (size_t i = 0; i < a->derived.n; i++) {
		if (strlist_has(&a->tags, a->derived.v[i])) free(a->derived.v[i]);
		else a->derived.v[o++] = a->derived.v[i];
	}
	a->derived.n = o;
}

/* What each article read from its file goes through (ctx: the
 * dossier_open_opts): derived tags, then the caller's loaded hook. */
static void each_article(void *ctx, struct article *a, const char *body, size_t len)
{
	const struct dossier_open_opts *o = ctx;
	if (o->vocab) derive_tags((void *)o->vocab, a, body, len);
	if (o->loaded) o->loaded(o->lctx, a);
}

static void found_files(void *ctx, size_t files)
{
	const struct dossier_open_opts *o = ctx;
	o->found(o->lctx, files);
}

/* The metadata cache these options allow, or NULL (caching off, or a
 * vocabulary without a hash: its derived tags could not be trusted). */
static struct metacache *cache_open(const char *root, const struct dossier_open_opts *o,
				    char **note)
{
	if (!o->use_cache || (o->vocab && !o->vocab_hash)) return NULL;
	struct fieldmap defaults;
	if (!o->fm) fieldmap_init_default(&defaults);
	struct metacache *mc = metacache_open(root, o->fm ? o->fm : &defaults,
					      o->vocab ? o->vocab_hash : 0, note);
	if (!o->fm) fieldmap_free(&defaults);
	return mc;
}

/* Save the cache with the lean index of d (core/meta/metaindex.h): its
 * articles by path and its tags. Usable only when every id is its path's
 * stem (no two files shared one: the index answers by path). */
static void save_with_index(struct metacache *mc, const struct dossier *d)
{
	const struct collection *c = &d->coll;
	size_t rootlen = strlen(c->root) + (c->root[strlen(c->root) - 1] == '/' ? 0 : 1);
	bool usable = true;
	for (size_t i = 0; i < c->n && usable; i++) {
		const struct article *a = &c->items[i];
		const char *rel = strlen(a->path) > rootlen ? a->path + rootlen : "";
		size_t stem = 0;
		usable = article_load_is_article(rel, &stem) && strlen(a->id) == stem &&
			 strncmp(a->id, rel, stem) == 0;
	}
	struct metacache_tag *tags = xcalloc(d->tags.n ? d->tags.n : 1, sizeof *tags);
	for (size_t t = 0; t < d->tags.n; t++)
		tags[t] = (struct metacache_tag){d->tags.tags[t].name, d->tags.tags[t].arts,
						 d->tags.tags[t].n, d->tags.tags[t].holders,
						 d->tags.tags[t].nholders};
	const struct metacache_index ix = {.nart = c->n, .tags = tags, .ntags = d->tags.n,
					   .usable = usable, .items = c->items, .rootlen = rootlen};
	metacache_save_index(mc, &ix);
	free(tags);
}

/* A cache save left running beside the caller's read-only work: the
 * cache is its own, d only read (dossier_open_opts.save_later). */
struct dossier_saver {
	pthread_t tid;
	struct metacache *mc; /* owned */
	const struct dossier *d;
};

static void *saver_main(void *arg)
{
	struct dossier_saver *s = arg;
	save_with_index(s->mc, s->d);
	metacache_close(s->mc);
	return NULL;
}

/* Hand mc (owned) to a saving thread; false when none could start (the
 * caller saves and closes it). */
static bool saver_start(struct dossier *d, struct metacache *mc)
{
	struct dossier_saver *s = xcalloc(1, sizeof *s);
	s->mc = mc;
	s->d = d;
	if (pthread_create(&s->tid, NULL, saver_main, s) != 0) {
		free(s);
		return false;
	}
	d->saver = s;
	return true;
}

int dossier_open_with(struct dossier *d, const char *root, const struct dossier_open_opts *o)
{
	memset(d, 0, sizeof *d);
	d->vocab = o->vocab;
	struct fieldmap defaults;
	const struct fieldmap *fm = o->fm;
	if (!fm) fieldmap_init_default(&defaults);
	struct collection_load_opts lo = {o->progress, o->pctx, NULL, (void *)o, o->cache,
					  o->cancel, o->check_every, o->found ? found_files : NULL, 0, NULL};
	if (o->vocab || o->loaded) lo.each = each_article;
	if (!lo.cache) lo.cache = cache_open(root, o, &d->cache_note);
	bool same = false;
	if (o->snapshot && o->same && lo.cache == o->cache) {
		lo.snap_n = o->snapshot->coll.n;
		lo.same = &same;
	}
	if (o->same) *o->same = false;
	int rc = collection_load_with_opts(&d->coll, root, fm ? fm : &defaults, &d->diags, &lo);
	if (rc == 0 && same) {
		*o->same = true;
		save_with_index(lo.cache, o->snapshot);
	} else if (rc == 0) {
		tagindex_build(&d->tags, &d->coll);
	}
	/* after a cancel, keep what a first load had read (a warm cache would
	 * lose the records the load did not reach: not saved) */
	bool handed = lo.cache && rc == 0 && !same && o->save_later && lo.cache != o->cache &&
		      saver_start(d, lo.cache);
	if (handed) lo.cache = NULL; /* the saver's now */
	else if (lo.cache && rc == 0 && !same) save_with_index(lo.cache, d);
	else if (lo.cache && rc == -2 && metacache_stats(lo.cache).loaded == 0 &&
		 metacache_stats(lo.cache).put > 0)
		metacache_save(lo.cache);
	if (lo.cache != o->cache) metacache_close(lo.cache);
	if (!fm) fieldmap_free(&defaults);
	return rc < 0 ? rc : 0;
}

int dossier_open_snapshot(struct dossier *d, const char *root, const struct dossier_open_opts *o,
			  struct metacache **mc)
{
	memset(d, 0, sizeof *d);
	d->vocab = o->vocab;
	*mc = cache_open(root, o, &d->cache_note);
	if (!*mc) return -1;
	if (!collection_from_cache_with(&d->coll, root, *mc, &d->diags, o->progress, o->pctx,
					o->cancel)) {
		/* empty, but the note of a damaged cache stays for the caller */
		collection_free(&d->coll);
		diag_list_free(&d->diags);
		return o->cancel && atomic_load(o->cancel) ? -2 : -1;
	}
	/* the tags as the index saved with the cache posted them, else again */
	struct fieldmap defaults;
	if (!o->fm) fieldmap_init_default(&defaults);
	struct metaindex *mx = metaindex_open_snapshot(root, o->fm ? o->fm : &defaults,
						       o->vocab ? o->vocab_hash : 0);
	if (!o->fm) fieldmap_free(&defaults);
	if (!tagindex_from_lean(&d->tags, &d->coll, mx, *mc)) tagindex_build(&d->tags, &d->coll);
	metaindex_close(mx);
	return 0;
}

static bool str_eq(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

static bool list_eq(const struct strlist *a, const struct strlist *b)
{
	if (a->n != b->n) return false;
	for (size_t i = 0; i < a->n; i++)
		if (strcmp(a->v[i], b->v[i]) != 0) return false;
	return true;
}

/* Everything loading computed (not only the file's stat: a sidecar edit
 * changes tags but not the article file). */
static bool article_same(const struct article *x, const struct article *y)
{
	if (x->size != y->size || x->mtime != y->mtime || x->date != y->date ||
	    x->flags != y->flags || x->meta != y->meta || x->body_off != y->body_off ||
	    x->body_line != y->body_line || x->nextra != y->nextra)
		return false;
	if (!str_eq(x->path, y->path) || !str_eq(x->title, y->title) ||
	    !str_eq(x->source, y->source) || !str_eq(x->url, y->url) ||
	    !str_eq(x->summary, y->summary) || !str_eq(x->lang, y->lang))
		return false;
	if (!list_eq(&x->authors, &y->authors) || !list_eq(&x->tags, &y->tags) ||
	    !list_eq(&x->derived, &y->derived))
		return false;
	for (size_t i = 0; i < x->nextra; i++)
		if (!str_eq(x->extra[i].key, y->extra[i].key) ||
		    !str_eq(x->extra[i].value, y->extra[i].value))
			return false;
	return true;
}

void dossier_compare(const struct dossier *was, const struct dossier *now,
		     struct dossier_changes *ch)
{
	memset(ch, 0, sizeof *ch);
	size_t i = 0, j = 0;
	const struct collection *a = &was->coll, *b = &now->coll;
	while (i < a->n || j < b->n) {
		int c = i == a->n ? 1 : j == b->n ? -1 : strcmp(a->items[i].id, b->items[j].id);
		if (c < 0) {
			ch->removed++, i++;
		} else if (c > 0) {
			ch->added++, j++;
		} else {
			ch->changed += !article_same(&a->items[i++], &b->items[j++]);
		}
	}
}

int dossier_open(struct dossier *d, const char *root, const struct fieldmap *fm,
		 const struct vocab *vocab, collection_progress_fn progress, void *pctx)
{
	const struct dossier_open_opts o = {.fm = fm, .vocab = vocab, .progress = progress,
					    .pctx = pctx};
	return dossier_open_with(d, root, &o);
}

void dossier_sign(struct dossier *d, bool use_cache, struct sigcache_stats *st)
{
	if (st) *st = (struct sigcache_stats){0};
	if (!sigcache_complete(&d->coll)) {
		simindex_free(&d->sim); /* built over fewer signatures */
		char *file = use_cache && d->coll.root ? sigcache_file(d->coll.root) : NULL;
		sigcache_fill(&d->coll, file, st);
		free(file);
	}
	simindex_ensure(&d->sim, &d->coll);
}

/* The cache's writer, which reads d, finished. */
static void saver_wait(struct dossier *d)
{
	if (d->saver) {
		pthread_join(d->saver->tid, NULL);
		free(d->saver);
		d->saver = NULL;
	}
}

void dossier_close_exiting(struct dossier *d) { saver_wait(d); }

void dossier_close(struct dossier *d)
{
	saver_wait(d); /* it reads d: done before anything is freed */
	free(d->cache_note);
	tagindex_free(&d->tags);
	simindex_free(&d->sim);
	collection_free(&d->coll);
	diag_list_free(&d->diags);
}

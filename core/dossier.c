/* SPDX-License-Identifier: MIT
 * Opening a collection: load articles (deriving vocabulary tags while each
 * text is in memory), then index tags. */
#include "core/dossier.h"

#include <stdlib.h>
#include <string.h>

#include "core/metacache.h"
#include "core/vocab.h"

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

int dossier_open_with(struct dossier *d, const char *root, const struct dossier_open_opts *o)
{
	memset(d, 0, sizeof *d);
	d->vocab = o->vocab;
	struct fieldmap defaults;
	const struct fieldmap *fm = o->fm;
	if (!fm) fieldmap_init_default(&defaults);
	struct collection_load_opts lo = {.progress = o->progress, .pctx = o->pctx,
					  .each = o->vocab ? derive_tags : NULL,
					  .ectx = (void *)o->vocab};
	if (o->use_cache && (!o->vocab || o->vocab_hash))
		lo.cache = metacache_open(root, fm ? fm : &defaults, o->vocab ? o->vocab_hash : 0,
					  &d->cache_note);
	int rc = collection_load_with_opts(&d->coll, root, fm ? fm : &defaults, &d->diags, &lo);
	if (rc == 0 && lo.cache) metacache_save(lo.cache);
	metacache_close(lo.cache);
	if (!fm) fieldmap_free(&defaults);
	if (rc < 0) return -1;
	tagindex_build(&d->tags, &d->coll);
	return 0;
}

int dossier_open(struct dossier *d, const char *root, const struct fieldmap *fm,
		 const struct vocab *vocab, collection_progress_fn progress, void *pctx)
{
	const struct dossier_open_opts o = {.fm = fm, .vocab = vocab, .progress = progress,
					    .pctx = pctx};
	return dossier_open_with(d, root, &o);
}

void dossier_close(struct dossier *d)
{
	free(d->cache_note);
	tagindex_free(&d->tags);
	collection_free(&d->coll);
	diag_list_free(&d->diags);
}

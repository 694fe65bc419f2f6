/* SPDX-License-Identifier: MIT
 * Related articles: others ranked by the summed IDF weight of shared tags,
 * ties broken by closeness in date. Walks only the postings of the article's
 * own tags, so the cost follows the tags, not the collection size. */
#ifndef DOSSIER_RELATED_H
#define DOSSIER_RELATED_H

#include <stddef.h>

#include "core/collection/collection.h"
#include "core/collection/tags.h"

struct related {
	size_t art;        /* article number */
	double score;
	long date_gap;     /* |days| between dates; LONG_MAX when either is unknown */
	size_t *shared;    /* owned: tag entry indexes, heaviest first */
	size_t nshared;
};

/* Fill *out (caller frees with related_free) with at most max entries, best
 * first. Returns the count. */
size_t related_compute(const struct collection *c, const struct tagindex *ti, size_t art,
		       size_t max, struct related **out);
/* The same over any source of articles (the lean index answers without a
 * loaded collection): n articles, article() giving article art's tags and
 * date (borrowed; NULL: unreadable, then it shares nothing), date() its
 * date alone (asked for every candidate, so it should be cheap). */
struct related_src {
	size_t n;
	const struct article *(*article)(void *ctx, size_t art);
	int (*date)(void *ctx, size_t art);
	void *ctx;
};
size_t related_compute_src(const struct related_src *src, const struct tagindex *ti, size_t art,
			   size_t max, struct related **out);
void related_free(struct related *r, size_t n);

#endif

/* SPDX-License-Identifier: MIT
 * Related articles: others ranked by the summed IDF weight of shared tags
 * plus the content similarity of their signatures (core/similar.h), those
 * sharing a tag first, ties broken by closeness in date; copies of the
 * article (core/dupes.h) are left out. Walks only the postings of the
 * article's own tags and terms, so the cost follows them, not the
 * collection size. */
#ifndef DOSSIER_RELATED_H
#define DOSSIER_RELATED_H

#include <stddef.h>

#include "core/collection/collection.h"
#include "core/find/similar.h"
#include "core/collection/tags.h"

#define RELATED_TERMS 4 /* shared key terms kept per entry */
/* Content similarity below which an article sharing no tag is not offered. */
#define RELATED_MIN_CONTENT 0.08

struct related {
	size_t art;        /* article number */
	double score;      /* shared tags' weight + content */
	double content;    /* cosine of the two signatures, 0..1 */
	bool linked;       /* shares a tag (these come first) */
	long date_gap;     /* |days| between dates; LONG_MAX when either is unknown */
	size_t *shared;    /* owned: tag entry indexes, heaviest first */
	size_t nshared;
	const char *terms[RELATED_TERMS]; /* borrowed from the open article's
					   * signature: shared key terms, heaviest first */
	size_t nterms;
};

/* Fill *out (caller frees with related_free) with at most max entries, best
 * first. Returns the count. si NULL: by tags only; else it is built now if
 * it is not yet (simindex_ensure) and content counts too. */
size_t related_compute_with(const struct collection *c, const struct tagindex *ti,
			    struct simindex *si, size_t art, size_t max, struct related **out);
/* By tags only: related_compute_with(c, ti, NULL, ...). */
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
/* A loaded collection as a source (c borrowed, unchanged while used). */
struct related_src related_src_of(const struct collection *c);
size_t related_compute_src(const struct related_src *src, const struct tagindex *ti, size_t art,
			   size_t max, struct related **out);
/* With content too when si is built over the same n articles (else by
 * tags only); the shared key terms come from the article's signature. */
size_t related_compute_src_with(const struct related_src *src, const struct tagindex *ti,
				const struct simindex *si, size_t art, size_t max,
				struct related **out);
/* Content from any source over the same n articles (the lean path's is the
 * index file, core/find/simfile.h): walk as simindex_walk, why as
 * simindex_why for the open article a (its terms borrowed from the
 * source), copy whether b is a near-duplicate of a. Each may report a
 * damaged source (walk false, why or copy -1); then *failed is set and the
 * list must not be used. */
struct related_content {
	size_t n;
	bool (*walk)(void *ctx, size_t art, void (*visit)(void *vctx, uint32_t b, float sim),
		     void *vctx);
	long (*why)(void *ctx, const struct article *a, size_t art, size_t b, const char **out,
		    size_t max);
	int (*copy)(void *ctx, size_t a, size_t b);
	void *ctx;
};
size_t related_compute_content(const struct related_src *src, const struct tagindex *ti,
			       const struct related_content *rc, size_t art, size_t max,
			       struct related **out, bool *failed);
void related_free(struct related *r, size_t n);

#endif

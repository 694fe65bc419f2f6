/* SPDX-License-Identifier: MIT
 * Content similarity. Each article gets a signature from its body's words
 * when something first needs it (core/find/sigcache.h keeps them in a file
 * of their own, so a later run reads no body that has not changed): its
 * most frequent distinctive terms and a MinHash sketch of its word
 * shingles. An index over the signature terms (each article's heaviest by
 * TF-IDF, the document frequency counted over all signatures; cosine) then
 * gives one article's content neighbours for the cost of its own terms'
 * postings, and the sketches group near-duplicates (core/dupes.h). */
#ifndef DOSSIER_SIMILAR_H
#define DOSSIER_SIMILAR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/base/map.h"

struct article;
struct collection;

#ifndef SIM_TERMS
#define SIM_TERMS 96   /* candidate terms kept per article, by count (48: fewer
			* related articles share a topic, BENCHMARKS.md) */
#endif
#ifndef SIM_SELECT
#define SIM_SELECT 96  /* of those, the index uses the heaviest by TF-IDF (fewer
			* than all made related lists worse: BENCHMARKS.md) */
#endif
#define SIM_MINHASH 32 /* MinHash values, low 16 bits of each */
#define SIM_MIN_SHINGLES 8 /* fewer word triples: no sketch (too short to call a copy) */

struct simsig {
	uint32_t nterms;               /* <= SIM_TERMS */
	uint16_t tf[SIM_TERMS];        /* occurrences, the title's included */
	uint32_t nshingles;            /* word triples seen; < SIM_MIN_SHINGLES: no sketch */
	uint16_t minhash[SIM_MINHASH];
	char *terms;                   /* owned: nterms folded terms, each NUL-terminated,
					* back to back, most frequent first */
	size_t terms_len;              /* bytes of terms, NULs included */
};

/* The signature of a plain text (any bytes) and its title (may be NULL).
 * Never NULL; caller frees with simsig_free. */
struct simsig *simsig_compute(const char *title, const char *text, size_t len);
/* The same from a raw body, not rendered: its words read by simtext_words
 * (markup stepped over unless the article is plain text). Thread-safe. */
struct simsig *simsig_of_body(const struct article *a, const char *body, size_t len);
void simsig_free(struct simsig *s);
/* Term i (i < nterms) of s, borrowed. */
const char *simsig_term(const struct simsig *s, size_t i);
/* Estimated Jaccard similarity of the two texts' word triples, 0..1; -1
 * when either has no sketch. */
double simsig_jaccard(const struct simsig *a, const struct simsig *b);
/* Is a term worth keeping (not a stop word, not a number, 3..40 bytes)? */
bool simsig_keep_term(const char *w, size_t n);

/* The index over a collection's signatures. Built on first use (a warm
 * start that never asks for related articles pays nothing); borrows the
 * collection's signature strings, so it must not outlive the collection. */
struct simindex {
	bool built;
	size_t narticles;
	struct map terms;   /* term -> id; keys borrowed from the signatures */
	size_t nterms;
	float *idf;         /* owned, per term id: sqrt(log((N + 1) / df)) */
	uint32_t *sel_off;  /* owned, narticles + 1: article a's selected terms are
			     * [sel_off[a], sel_off[a+1]) of sel_id / sel_w, heaviest first */
	uint32_t *sel_id;   /* owned: term ids */
	float *sel_w;       /* owned: normalised weights */
	uint16_t *sel_i;    /* owned: the term's place in the article's signature */
	uint32_t *post_off; /* owned, nterms + 1: postings of term t are [off[t], off[t+1]) */
	uint32_t *post_art; /* owned: article numbers, heaviest weight first per term */
	float *post_w;      /* owned: that article's normalised weight for the term */
	uint32_t *group;    /* owned, per article: near-duplicate group 1.., 0 none */
	size_t ngroups;
	/* owned, or NULL: the index is this mapped index file (simfile.h) and
	 * only narticles, group and ngroups are used besides (simindex_of_file) */
	struct simfile *file;
};

#define SIMINDEX_INIT {0}

/* Build si for c unless it is built already. */
void simindex_ensure(struct simindex *si, const struct collection *c);
/* Build si over n signatures (entries may be NULL), borrowed: they must
 * become the articles' own (sigcache_install) before si is used with a
 * collection. Touches nothing else, so it may run on another thread. */
void simindex_build(struct simindex *si, const struct simsig *const *sigs, size_t n);
void simindex_free(struct simindex *si);
/* si (overwritten) becomes the index file f (taken over), over its
 * articles: walks, whys and cosines answer from the mapping, the groups
 * are copied out. Why: the reader's index at 1,000,000 articles held
 * 1.7 GB in memory; mapped, only the pages a list reads are in. */
struct simfile;
void simindex_of_file(struct simindex *si, struct simfile *f);
/* When si is a file: let the pages its reads brought in go (simfile_let_go). */
void simindex_let_go(const struct simindex *si);

/* Call visit(ctx, b, sim) with the cosine contribution of the postings
 * shared with article art (an article b may be visited once per shared
 * term; the sum of its contributions is the cosine similarity). Of a
 * term held by more than SIM_WALK_MAX articles only the SIM_WALK_MAX that
 * weigh it most are visited, so a list costs at most SIM_SELECT *
 * SIM_WALK_MAX visits whatever the collection's size (a word that common
 * weighs little; the sums are then a lower bound). */
#ifndef SIM_WALK_MAX
#define SIM_WALK_MAX 1000
#endif
void simindex_walk(const struct simindex *si, const struct collection *c, size_t art,
		   void (*visit)(void *ctx, uint32_t b, float sim), void *ctx);
/* The terms a and b share, by contribution, at most max, borrowed from sa
 * (a's signature; from the mapping when si is a file, sa then unused).
 * Returns the count. */
size_t simindex_why(const struct simindex *si, const struct simsig *sa, size_t a, size_t b,
		    const char **out, size_t max);
/* The cosine similarity of two articles' signatures (0 when none). */
double simindex_cosine(const struct simindex *si, const struct collection *c, size_t a, size_t b);

#endif

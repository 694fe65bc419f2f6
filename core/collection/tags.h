/* SPDX-License-Identifier: MIT
 * The tag index: tag -> articles postings and IDF weights. Feeds the
 * related-article ranking (so it is never O(n^2)), `dossier tags`, the tag
 * browser and tag: queries. Nested tags ("weapons/atacms") also post to
 * their parents ("weapons"). Own and derived (vocabulary) tags both count. */
#ifndef DOSSIER_TAGS_H
#define DOSSIER_TAGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/collection/collection.h"
#include "core/base/map.h"

struct tag_entry {
	char *name;      /* owned, normalised */
	uint32_t *arts;  /* owned, ascending article numbers, no duplicates */
	size_t n, cap;
	/* the articles carrying this exact tag, not only a nested one; a
	 * subset of arts, ascending. Owned, or arts itself (holders_cap 0)
	 * when every article of arts carries it: most tags are not nested, and
	 * at a million articles the copies were 12 MB (tagindex_share_holders) */
	uint32_t *holders;
	size_t nholders, holders_cap;
	double weight;   /* log(N / n): a tag on every article weighs 0 */
};

/* Owns its entries; entries sorted by name, looked up by hash. */
struct tagindex {
	struct tag_entry *tags;
	size_t n;
	struct map names; /* name -> entry index; keys are the entries' names */
	size_t narticles;
};

void tagindex_build(struct tagindex *ti, const struct collection *c);
struct metaindex;
struct metacache;
/* tagindex_build's result for a snapshot (collection_from_cache on mc),
 * copied from the postings of the lean index saved with it
 * (core/meta/metaindex.h, opened for the same settings; tagpost.c) when
 * its articles are c's, number for number; false (ti empty) otherwise:
 * then build it. */
bool tagindex_from_lean(struct tagindex *ti, const struct collection *c,
			const struct metaindex *mx, const struct metacache *mc);
void tagindex_free(struct tagindex *ti);
/* Entry e's holders become its arts when they are the same list (the
 * copy freed); what tagindex_build and tagindex_from_lean end with. */
void tagindex_share_holders(struct tag_entry *e);
/* Entry for a normalised tag name, or NULL. */
const struct tag_entry *tagindex_get(const struct tagindex *ti, const char *name);
long tagindex_find(const struct tagindex *ti, const char *name); /* entry index or -1 */

/* Normalise a tag as written: NFKC + case fold, trimmed, runs of spaces to
 * '-', empty path segments dropped. Returns NULL for an empty tag. */
char *tag_normalize(const char *s, size_t len);

#endif

/* SPDX-License-Identifier: MIT
 * Which front-matter keys feed which article field (Jekyll, Hugo and web
 * clippers name them differently). The defaults are the product brief's;
 * the config can replace the key list of any field. */
#ifndef DOSSIER_FIELDMAP_H
#define DOSSIER_FIELDMAP_H

#include "core/meta/article.h"

#define FIELD_INFO(_)          \
	_(TITLE, "title")      \
	_(DATE, "date")        \
	_(SOURCE, "source")    \
	_(URL, "url")          \
	_(AUTHORS, "authors")  \
	_(TAGS, "tags")        \
	_(SUMMARY, "summary")  \
	_(LANG, "lang")

enum field {
#define FIELD_ENUM(id, name) FIELD_##id,
	FIELD_INFO(FIELD_ENUM)
#undef FIELD_ENUM
	FIELD_COUNT,
	FIELD_NONE = -1
};

/* Owns its key lists (keys folded). */
struct fieldmap {
	struct strlist keys[FIELD_COUNT];
};

void fieldmap_init_default(struct fieldmap *fm);
/* Replace a field's keys; returns -1 for an unknown field name. */
int fieldmap_set(struct fieldmap *fm, const char *field, const char *const *keys, size_t n);
/* The field a (folded) key feeds, and its rank (0 = first choice). */
enum field fieldmap_lookup(const struct fieldmap *fm, const char *key, int *rank);
const char *field_name(enum field f);
void fieldmap_free(struct fieldmap *fm);

#endif

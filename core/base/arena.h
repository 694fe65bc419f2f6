/* SPDX-License-Identifier: MIT
 * A bump allocator for many small strings freed all at once: the articles
 * a warm start decodes from the metadata cache keep their strings here (one
 * block per megabyte instead of a dozen mallocs per article), owned by
 * their collection (core/collection/collection.h). */
#ifndef DOSSIER_ARENA_H
#define DOSSIER_ARENA_H

#include <stddef.h>

struct arena_block;
struct arena {
	struct arena_block *head; /* owned: the block being filled, then the older ones */
	size_t used;              /* bytes taken from head */
};
#define ARENA_INIT {NULL, 0}

/* n bytes aligned for a pointer; never NULL (dies when out of memory like
 * xmalloc). Valid until arena_free. */
void *arena_alloc(struct arena *a, size_t n);
/* s[0..n) as a NUL-terminated copy in the arena. */
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_strdup(struct arena *a, const char *s); /* NULL stays NULL */
/* n bytes with no alignment, for a string the caller writes (a path
 * joined from two pieces): rounding a million paths up to 8 bytes was
 * ~3 MB. */
char *arena_chars(struct arena *a, size_t n);
/* Bytes held (tests, the bench). */
size_t arena_size(const struct arena *a);
void arena_free(struct arena *a);

#endif

/* SPDX-License-Identifier: MIT
 * The bump allocator (arena.h): blocks of ARENA_BLOCK bytes, a larger one
 * for anything that would not fit, all freed together. */
#include "core/base/arena.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/base/util.h"

#define ARENA_BLOCK ((size_t)1 << 20)
#define ARENA_ALIGN sizeof(void *)

struct arena_block {
	struct arena_block *next; /* the older blocks */
	size_t cap;
	max_align_t data[]; /* cap bytes */
};

/* n bytes at the next multiple of align in the block being filled, or
 * in a new block. */
static void *bump(struct arena *a, size_t n, size_t align)
{
	size_t at = (a->used + align - 1) & ~(align - 1);
	if (!a->head || at > a->head->cap || a->head->cap - at < n) {
		size_t cap = n > ARENA_BLOCK / 4 ? n : ARENA_BLOCK;
		struct arena_block *b = xmalloc(sizeof *b + cap);
		b->cap = cap;
		if (cap != ARENA_BLOCK && a->head) {
			/* a big one goes behind the block being filled */
			b->next = a->head->next;
			a->head->next = b;
			return b->data;
		}
		b->next = a->head;
		a->head = b;
		at = 0;
	}
	void *p = (char *)a->head->data + at;
	a->used = at + n;
	return p;
}

void *arena_alloc(struct arena *a, size_t n)
{
	return bump(a, n, ARENA_ALIGN);
}

/* Strings need no alignment: at a million articles, rounding each of
 * their dozen strings up to 8 bytes was ~25 MB. */
char *arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *d = bump(a, n + 1, 1);
	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

char *arena_chars(struct arena *a, size_t n)
{
	return bump(a, n, 1);
}

char *arena_strdup(struct arena *a, const char *s)
{
	return s ? arena_strndup(a, s, strlen(s)) : NULL;
}

size_t arena_size(const struct arena *a)
{
	size_t n = 0;
	for (const struct arena_block *b = a->head; b; b = b->next) n += b->cap;
	return n;
}

void arena_free(struct arena *a)
{
	while (a->head) {
		struct arena_block *b = a->head;
		a->head = b->next;
		free(b);
	}
	a->used = 0;
}

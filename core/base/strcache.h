/* SPDX-License-Identifier: MIT
 * Sharing the few distinct strings a million articles repeat (tags,
 * sources, languages, authors) instead of copying each: a small
 * direct-mapped cache in front of an arena. Why not a hash table: decoding
 * the snapshot is on the first screen's path, and a slot chosen from the
 * length and the first and last 8 bytes, checked by one memcmp, costs
 * about what the copy it saves costs; a value whose slot another value
 * holds is just copied (correct, only less shared). */
#ifndef DOSSIER_STRCACHE_H
#define DOSSIER_STRCACHE_H

#include <stddef.h>
#include <stdint.h>

#include "core/base/arena.h"

#define STRCACHE_SLOTS 4096u
#define STRCACHE_MAXLEN 64u /* longer strings are rarely repeated: copied */

struct strcache {
	struct arena *ar;                    /* borrowed: where the strings live */
	const char *s[STRCACHE_SLOTS];       /* in ar; NULL: empty slot */
	uint32_t len[STRCACHE_SLOTS];
	size_t shared;                       /* strings answered from the cache (tests) */
};

/* Owned by the caller (heap: ~48 KB); ar borrowed. */
struct strcache *strcache_new(struct arena *ar);
void strcache_free(struct strcache *sc);
/* s[0..n) (no NUL inside) as a NUL-terminated string in the arena, the
 * same pointer as an equal string met before while its slot held it.
 * The result must never be written to: others may share it. */
const char *strcache_get(struct strcache *sc, const char *s, size_t n);

#endif

/* SPDX-License-Identifier: MIT
 * The shared-string cache (strcache.h). */
#include "core/base/strcache.h"

#include <stdlib.h>
#include <string.h>

#include "core/base/util.h"

struct strcache *strcache_new(struct arena *ar)
{
	struct strcache *sc = xcalloc(1, sizeof *sc);
	sc->ar = ar;
	return sc;
}

void strcache_free(struct strcache *sc) { free(sc); }

/* The slot of s[0..n): its length and its first and last 8 bytes. */
static size_t slot_of(const char *s, size_t n)
{
	uint64_t a = 0, b = 0;
	memcpy(&a, s, n < 8 ? n : 8);
	if (n > 8) memcpy(&b, s + n - (n < 16 ? n - 8 : 8), n < 16 ? n - 8 : 8);
	uint64_t h = (a ^ (b * 0x9E3779B97F4A7C15u) ^ n) * 0xFF51AFD7ED558CCDu;
	return (size_t)(h >> 52) & (STRCACHE_SLOTS - 1);
}

const char *strcache_get(struct strcache *sc, const char *s, size_t n)
{
	if (n > STRCACHE_MAXLEN) return arena_strndup(sc->ar, s, n);
	size_t k = slot_of(s, n);
	if (sc->s[k] && sc->len[k] == n && memcmp(sc->s[k], s, n) == 0) {
		sc->shared++;
		return sc->s[k];
	}
	char *d = arena_strndup(sc->ar, s, n);
	sc->s[k] = d;
	sc->len[k] = (uint32_t)n;
	return d;
}

/* SPDX-License-Identifier: MIT
 * hash_bytes: eight bytes a step with a multiply-rotate mix and the
 * MurmurHash3 finaliser, fast enough to checksum the whole metadata cache
 * at every start; see hash.h. */
#include "core/base/hash.h"

#include <string.h>

static inline uint64_t rotl(uint64_t x, int r) { return (x << r) | (x >> (64 - r)); }

static uint64_t fmix(uint64_t h)
{
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	return h ^ (h >> 33);
}

uint64_t hash_bytes(const void *data, size_t len, uint64_t seed)
{
	const unsigned char *p = data;
	uint64_t h = seed ^ (len * 0x9E3779B97F4A7C15ULL);
	while (len >= 8) {
		uint64_t w;
		memcpy(&w, p, 8);
		h = rotl(h ^ (w * 0x87c37b91114253d5ULL), 31) * 0x4cf5ad432745937fULL;
		p += 8;
		len -= 8;
	}
	uint64_t t = 0;
	if (len) memcpy(&t, p, len);
	h ^= t * 0x87c37b91114253d5ULL;
	return fmix(h);
}

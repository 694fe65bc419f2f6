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

static inline uint64_t mix_word(uint64_t h, uint64_t w)
{
	return rotl(h ^ (w * 0x87c37b91114253d5ULL), 31) * 0x4cf5ad432745937fULL;
}

uint64_t hash_bytes(const void *data, size_t len, uint64_t seed)
{
	const unsigned char *p = data;
	uint64_t h = seed ^ (len * 0x9E3779B97F4A7C15ULL);
	while (len >= 8) {
		uint64_t w;
		memcpy(&w, p, 8);
		h = mix_word(h, w);
		p += 8;
		len -= 8;
	}
	uint64_t t = 0;
	if (len) memcpy(&t, p, len);
	h ^= t * 0x87c37b91114253d5ULL;
	return fmix(h);
}

void hash_stream_init(struct hash_stream *hs, size_t len, uint64_t seed)
{
	hs->h = seed ^ (len * 0x9E3779B97F4A7C15ULL);
	hs->ntail = 0;
}

void hash_stream_add(struct hash_stream *hs, const void *data, size_t n)
{
	const unsigned char *p = data;
	if (hs->ntail) { /* complete the word a previous piece began */
		size_t k = 8 - hs->ntail < n ? 8 - hs->ntail : n;
		memcpy(hs->tail + hs->ntail, p, k);
		hs->ntail += k;
		p += k;
		n -= k;
		if (hs->ntail < 8) return;
		uint64_t w;
		memcpy(&w, hs->tail, 8);
		hs->h = mix_word(hs->h, w);
		hs->ntail = 0;
	}
	while (n >= 8) {
		uint64_t w;
		memcpy(&w, p, 8);
		hs->h = mix_word(hs->h, w);
		p += 8;
		n -= 8;
	}
	memcpy(hs->tail, p, n);
	hs->ntail = n;
}

uint64_t hash_stream_end(const struct hash_stream *hs)
{
	uint64_t t = 0, h = hs->h;
	if (hs->ntail) memcpy(&t, hs->tail, hs->ntail);
	h ^= t * 0x87c37b91114253d5ULL;
	return fmix(h);
}

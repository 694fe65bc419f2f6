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

/* The hash of len bytes at p, going on from the state h (the words
 * before p already mixed in): the rest of the words, the tail, the
 * finaliser. hash_bytes starts it; hash_bytes_many ends each piece so. */
static inline uint64_t hash_finish(uint64_t h, const unsigned char *p, size_t len)
{
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

uint64_t hash_bytes(const void *data, size_t len, uint64_t seed)
{
	return hash_finish(seed ^ (len * 0x9E3779B97F4A7C15ULL), data, len);
}

/* One piece's hash is a chain of dependent multiplies (~5 cycles a
 * word); four pieces' chains side by side keep the multiplier busy. The
 * four step together over the words all of them have, then each ends
 * alone (pieces of a listing's run are of like lengths). */
void hash_bytes_many(const unsigned char *const *p, const size_t *len, size_t n, uint64_t seed,
		     uint64_t *out)
{
	size_t i = 0;
	for (; i + 4 <= n; i += 4) {
		const unsigned char *q0 = p[i], *q1 = p[i + 1], *q2 = p[i + 2], *q3 = p[i + 3];
		size_t l0 = len[i], l1 = len[i + 1], l2 = len[i + 2], l3 = len[i + 3];
		size_t m = l0 < l1 ? l0 : l1;
		if (l2 < m) m = l2;
		if (l3 < m) m = l3;
		m /= 8;
		uint64_t h0 = seed ^ (l0 * 0x9E3779B97F4A7C15ULL), h1 = seed ^ (l1 * 0x9E3779B97F4A7C15ULL);
		uint64_t h2 = seed ^ (l2 * 0x9E3779B97F4A7C15ULL), h3 = seed ^ (l3 * 0x9E3779B97F4A7C15ULL);
		for (size_t k = 0; k < m; k++) {
			uint64_t w0, w1, w2, w3;
			memcpy(&w0, q0 + 8 * k, 8);
			memcpy(&w1, q1 + 8 * k, 8);
			memcpy(&w2, q2 + 8 * k, 8);
			memcpy(&w3, q3 + 8 * k, 8);
			h0 = mix_word(h0, w0);
			h1 = mix_word(h1, w1);
			h2 = mix_word(h2, w2);
			h3 = mix_word(h3, w3);
		}
		const uint64_t h[4] = {h0, h1, h2, h3};
		for (int x = 0; x < 4; x++) /* the rest of each: as hash_bytes goes on */
			out[i + x] = hash_finish(h[x], p[i + x] + 8 * m, len[i + x] - 8 * m);
	}
	for (; i < n; i++) out[i] = hash_bytes(p[i], len[i], seed);
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

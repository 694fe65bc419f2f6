/* SPDX-License-Identifier: MIT
 * The one 64-bit hash of the program (not cryptographic): string maps,
 * the metadata cache's checksum and fingerprint, the per-collection file
 * names. Its values are stored on disk (cache checksums, file names), so
 * the function must not change. */
#ifndef DOSSIER_HASH_H
#define DOSSIER_HASH_H

#include <stddef.h>
#include <stdint.h>

/* Hash of data[0..len), from seed (seeds keep unrelated uses apart, and
 * chain: hash_bytes(b, n, hash_bytes(a, m, s)) hashes a then b). */
uint64_t hash_bytes(const void *data, size_t len, uint64_t seed);

/* out[i] = hash_bytes(p[i], len[i], seed) for i < n, four at a time
 * (a listing's run of records checked at once: about twice as fast). */
void hash_bytes_many(const unsigned char *const *p, const size_t *len, size_t n, uint64_t seed,
		     uint64_t *out);

/* hash_bytes over data given in pieces (a file written as it is made):
 * the total length must be known at the start, as it seeds the hash;
 * init, add the pieces in order (len bytes in all), end. */
struct hash_stream {
	uint64_t h;
	unsigned char tail[8]; /* a word's first bytes, waiting for the rest */
	size_t ntail;
};
void hash_stream_init(struct hash_stream *hs, size_t len, uint64_t seed);
void hash_stream_add(struct hash_stream *hs, const void *data, size_t n);
uint64_t hash_stream_end(const struct hash_stream *hs);

#endif

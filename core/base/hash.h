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

#endif

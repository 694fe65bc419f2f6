/* SPDX-License-Identifier: MIT
 * The one string map: open addressing with linear probing, string key ->
 * size_t value (in practice an index into the caller's own array, which
 * keeps the records; the map only finds them). Used by the tag index, the
 * vocabulary, the state file and the metadata cache. */
#ifndef DOSSIER_MAP_H
#define DOSSIER_MAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct map_slot {
	const char *key; /* borrowed; NULL: empty slot */
	uint64_t hash;
	size_t value;
};

/* Owns its slot array, not the keys: every key must stay valid and
 * unchanged while it is in the map (the callers' keys are strings they
 * own in their records). No removal: clear and re-put instead. */
struct map {
	struct map_slot *slots;
	size_t nslots; /* 0 or a power of two */
	size_t n;
};

#define MAP_INIT {NULL, 0, 0}

/* Set key's value (key borrowed, NUL-terminated); replaces the value when
 * key is present. */
void map_put(struct map *m, const char *key, size_t value);
/* The value of key (or of the n bytes at key, which need no NUL): true
 * and *value set when present. value may be NULL. */
bool map_get(const struct map *m, const char *key, size_t *value);
bool map_get_n(const struct map *m, const char *key, size_t n, size_t *value);
/* Empty the map, keeping its slots for re-use. */
void map_clear(struct map *m);
void map_free(struct map *m);

#endif

/* SPDX-License-Identifier: MIT
 * Open addressing, linear probing, at most half full; each slot keeps the
 * key's hash, so growing never re-reads the keys and a probe compares
 * strings only when the hashes agree. See map.h. */
#include "core/base/map.h"

#include <stdlib.h>
#include <string.h>

#include "core/base/hash.h"
#include "core/base/util.h"

#define MAP_SEED 1

static struct map_slot *probe(const struct map *m, const char *key, size_t n, uint64_t h)
{
	size_t mask = m->nslots - 1;
	for (size_t i = (size_t)h & mask;; i = (i + 1) & mask) {
		struct map_slot *s = &m->slots[i];
		if (!s->key) return s;
		if (s->hash == h && strncmp(s->key, key, n) == 0 && strnlen(s->key, n + 1) == n) return s;
	}
}

static void grow(struct map *m)
{
	struct map_slot *old = m->slots;
	size_t oldn = m->nslots;
	m->nslots = oldn ? oldn * 2 : 16;
	m->slots = xcalloc(m->nslots, sizeof *m->slots);
	size_t mask = m->nslots - 1;
	for (size_t i = 0; i < oldn; i++) {
		if (!old[i].key) continue;
		size_t j = (size_t)old[i].hash & mask;
		while (m->slots[j].key) j = (j + 1) & mask;
		m->slots[j] = old[i];
	}
	free(old);
}

void map_put(struct map *m, const char *key, size_t value)
{
	if ((m->n + 1) * 2 > m->nslots) grow(m);
	size_t n = strlen(key);
	uint64_t h = hash_bytes(key, n, MAP_SEED);
	struct map_slot *s = probe(m, key, n, h);
	if (!s->key) {
		*s = (struct map_slot){key, h, value};
		m->n++;
	} else {
		s->value = value;
	}
}

bool map_get_n(const struct map *m, const char *key, size_t n, size_t *value)
{
	if (!m->n) return false;
	const struct map_slot *s = probe(m, key, n, hash_bytes(key, n, MAP_SEED));
	if (!s->key) return false;
	if (value) *value = s->value;
	return true;
}

bool map_get(const struct map *m, const char *key, size_t *value)
{
	return map_get_n(m, key, strlen(key), value);
}

void map_clear(struct map *m)
{
	if (m->slots) memset(m->slots, 0, m->nslots * sizeof *m->slots);
	m->n = 0;
}

void map_free(struct map *m)
{
	free(m->slots);
	*m = (struct map)MAP_INIT;
}

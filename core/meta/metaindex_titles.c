/* SPDX-License-Identifier: MIT
 * The lean index's title sections (written by metatitles.c): the folded
 * title table a title: term scans, and the title order `list --sort
 * title` walks. Each is mapped and checked by its own checksum on first
 * use only, so a query that needs neither never reads them. */
#include "core/meta/metaindex.h"

#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "core/base/hash.h"
#include "core/base/util.h"
#include "core/meta/metablob.h"
#include "core/meta/metaindex_int.h"

/* The section ref[0..1) of the file (before the folders) mapped, from a
 * page boundary, into *map and *maplen: its bytes, or NULL. */
static const unsigned char *section_map(const struct metaindex *mx, const uint64_t ref[3],
					 const unsigned char **map, size_t *maplen)
{
	uint64_t off = ref[0], len = ref[1];
	if (!len || off < MC_HEADER || off > mx->lean || len > mx->lean - off) return NULL;
	long page = sysconf(_SC_PAGESIZE);
	size_t from = (size_t)off - (size_t)off % (size_t)(page > 0 ? page : 4096);
	void *m = mmap(NULL, (size_t)(off + len) - from, PROT_READ, MAP_PRIVATE, mx->fd, (off_t)from);
	if (m == MAP_FAILED) return NULL;
	*map = m;
	*maplen = (size_t)(off + len) - from;
	return *map + (off - from);
}

const unsigned char *metaindex_title_order(struct metaindex *mx)
{
	if (mx->order_state) return mx->order_state > 0 ? mx->order : NULL;
	mx->order_state = -1;
	if (mx->oref[1] != 4 * (uint64_t)mx->nart) return NULL;
	const unsigned char *o = section_map(mx, mx->oref, &mx->omap, &mx->omaplen);
	if (!o || hash_bytes(o, (size_t)mx->oref[1], 23) != mx->oref[2]) return NULL;
	/* every article once: a listing prints each, none twice */
	unsigned char *seen = xcalloc((size_t)mx->nart / 8 + 1, 1);
	bool ok = true;
	for (size_t i = 0; i < mx->nart && ok; i++) {
		uint32_t a = metablob_load_u32(o + 4 * i);
		ok = a < mx->nart && !(seen[a / 8] & (1u << (a % 8)));
		if (ok) seen[a / 8] |= (unsigned char)(1u << (a % 8));
	}
	free(seen);
	if (!ok) return NULL;
	mx->order_state = 1;
	return mx->order = o;
}

/* The title table, mapped and checked on first use (its own checksum:
 * 70 MB at 1,000,000 articles that no other query reads). */
static bool titles_open(struct metaindex *mx)
{
	if (mx->titles_state) return mx->titles_state > 0;
	mx->titles_state = -1;
	uint64_t len = mx->tref[1], need = 4 * ((uint64_t)mx->nart + 1);
	const unsigned char *t = len >= need ? section_map(mx, mx->tref, &mx->tmap, &mx->tmaplen) : NULL;
	if (!t) return false;
	madvise((void *)mx->tmap, mx->tmaplen, MADV_SEQUENTIAL);
	if (hash_bytes(t, (size_t)len, 19) != mx->tref[2]) return false;
	mx->toffs = t;
	mx->ttext = (const char *)t + need;
	size_t tlen = (size_t)(len - need), prev = 0;
	/* ascending, each title inside the text and ending in its NUL */
	for (size_t i = 0; i <= mx->nart; i++) {
		size_t o = metablob_load_u32(t + 4 * i);
		if ((i && o <= prev) || o > tlen || (i && mx->ttext[o - 1] != '\0') ||
		    (i == mx->nart && o != tlen))
			return false; /* each holds at least its NUL */
		prev = o;
	}
	mx->titles_state = 1;
	return true;
}

bool metaindex_titles(struct metaindex *mx, const char **text, size_t *len)
{
	if (!titles_open(mx)) return false;
	*text = mx->ttext;
	*len = metablob_load_u32(mx->toffs + 4 * (size_t)mx->nart);
	return true;
}

size_t metaindex_title_at(const struct metaindex *mx, size_t off)
{
	size_t lo = 0, hi = mx->nart; /* the last title starting at or before off */
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (metablob_load_u32(mx->toffs + 4 * mid) <= off) lo = mid;
		else hi = mid;
	}
	return lo;
}

const char *metaindex_title(const struct metaindex *mx, size_t art, size_t *len)
{
	size_t o = metablob_load_u32(mx->toffs + 4 * art);
	*len = metablob_load_u32(mx->toffs + 4 * (art + 1)) - o - 1;
	return mx->ttext + o;
}

/* SPDX-License-Identifier: MIT
 * An article's record read for printing (metaindex_read) into buffers
 * reused from one record to the next, and read ahead in one piece where
 * the records to print lie close together (metaindex_prefetch). Why: a
 * listing of 150,000 hits at 1,000,000 articles made a pread per hit;
 * their records are a few hundred bytes, mostly a few KB apart. */
#include "core/meta/metaindex.h"

#include <stdlib.h>
#include <string.h>

#include "core/base/hash.h"
#include "core/base/util.h"
#include "core/meta/article_load.h"
#include "core/meta/metablob.h"

/* A read-ahead spans at most this many bytes, and stops at a gap between
 * two wanted records wider than MX_AHEAD_GAP (reading the gap would cost
 * more than another pread). */
#define MX_AHEAD_MAX (256 * 1024)
#define MX_AHEAD_GAP (16 * 1024)

size_t metaindex_prefetch(const struct metaindex *mx, struct metaindex_rec *rec,
			  const size_t *art, size_t n)
{
	uint64_t off, len, sum;
	if (!n || !metaindex_record(mx, art[0], &off, &len, &sum)) return 0;
	if (off >= rec->aoff && off + len <= rec->aoff + rec->alen) return 0; /* read already */
	uint64_t end = off + len;
	size_t k = 1;
	for (; k < n; k++) {
		uint64_t o, l, s;
		if (!metaindex_record(mx, art[k], &o, &l, &s) || o < off || o > end + MX_AHEAD_GAP ||
		    o + l - off > MX_AHEAD_MAX)
			break;
		if (o + l > end) end = o + l;
	}
	if (k < 2) return 0; /* one record: metaindex_read reads it alone */
	size_t span = (size_t)(end - off);
	if (rec->acap < span) rec->ahead = xrealloc(rec->ahead, rec->acap = span);
	rec->alen = 0;
	if (!metaindex_pread(mx, rec->ahead, span, off)) return 0;
	rec->aoff = off;
	rec->alen = span;
	return k;
}

/* A string of r copied into *at (NUL-terminated; *at moves past it);
 * NULL for the null string or on damage (r->bad), as metablob's reader. */
static char *rec_str(struct metablob_rd *r, char **at, bool required)
{
	uint32_t n = metablob_get_u32(r);
	if (r->bad) return NULL;
	if (n == METABLOB_NULL_STR) {
		r->bad |= required;
		return NULL;
	}
	if (!metablob_need(r, n) || memchr(r->p, '\0', n)) {
		r->bad = true;
		return NULL;
	}
	char *s = *at;
	memcpy(s, r->p, n);
	s[n] = '\0';
	*at += n + 1;
	r->p += n;
	return s;
}

/* A list of strings into rec->ptrs from *used on; its count in *n. */
static void rec_list(struct metablob_rd *r, struct metaindex_rec *rec, char **at, size_t *used,
		     size_t *n)
{
	uint32_t k = metablob_get_u32(r);
	*n = 0;
	if (r->bad || k > (size_t)(r->end - r->p) / 4) {
		r->bad = true;
		return;
	}
	for (uint32_t i = 0; i < k && !r->bad; i++) rec->ptrs[(*used)++] = rec_str(r, at, true);
	*n = r->bad ? 0 : k;
}

bool metaindex_read(const struct metaindex *mx, size_t art, struct metaindex_rec *rec)
{
	memset(&rec->view, 0, sizeof rec->view);
	uint64_t off, len, sum;
	if (!metaindex_record(mx, art, &off, &len, &sum)) return false;
	/* every string is at least its 4-byte length: the copies, with their
	 * NULs, fit in len + len / 4 bytes, the list pointers in len / 4 */
	size_t cap = (size_t)len + (size_t)len / 4 + 16;
	if (rec->arenacap < cap) rec->arena = xrealloc(rec->arena, rec->arenacap = cap);
	if (rec->ptrcap < len / 4 + 1) rec->ptrs = xrealloc(rec->ptrs, (rec->ptrcap = (size_t)len / 4 + 1) * sizeof *rec->ptrs);
	const unsigned char *bytes;
	if (off >= rec->aoff && off + len <= rec->aoff + rec->alen) {
		bytes = rec->ahead + (off - rec->aoff); /* read ahead */
	} else {
		if (rec->bufcap < len + 1) rec->buf = xrealloc(rec->buf, rec->bufcap = (size_t)len + 1);
		if (!metaindex_pread(mx, rec->buf, (size_t)len, off)) return false;
		bytes = rec->buf;
	}
	if (hash_bytes(bytes, (size_t)len, 17) != sum) return false;
	struct metablob_rd r = {bytes, bytes + len, false};
	char *at = rec->arena;
	struct article *a = &rec->view;
	char *rel = rec_str(&r, &at, true);
	if (!r.bad && (!metablob_need(&r, 1) || *r.p++ != '\0')) r.bad = true; /* the path's NUL */
	uint32_t bits = metablob_get_u32(&r);
	size_t stats = 48 * (1 + !!(bits & 1) + !!(bits & 2)), stem = 0;
	if (r.bad || !metablob_need(&r, stats) || !article_load_is_article(rel, &stem)) return false;
	rel[stem] = '\0';
	a->id = rel;
	r.p += stats;
	uint32_t blen = metablob_get_u32(&r);
	if (!metablob_need(&r, blen) || r.p + blen != r.end) return false;
	a->title = rec_str(&r, &at, true);
	a->source = rec_str(&r, &at, false);
	a->url = rec_str(&r, &at, false);
	a->summary = rec_str(&r, &at, false);
	a->lang = rec_str(&r, &at, false);
	size_t used = 0, na, nt, nd;
	rec_list(&r, rec, &at, &used, &na);
	rec_list(&r, rec, &at, &used, &nt);
	rec_list(&r, rec, &at, &used, &nd);
	a->authors = (struct strlist){rec->ptrs, na, 0};
	a->tags = (struct strlist){rec->ptrs + na, nt, 0};
	a->derived = (struct strlist){rec->ptrs + na + nt, nd, 0};
	uint32_t nx = metablob_get_u32(&r);
	if (nx > (size_t)(r.end - r.p) / 8) return false;
	if (rec->kvcap < nx) rec->kv = xrealloc(rec->kv, (rec->kvcap = nx) * sizeof *rec->kv);
	a->extra = rec->kv;
	for (uint32_t i = 0; i < nx && !r.bad; i++) {
		char *k = rec_str(&r, &at, true), *v = rec_str(&r, &at, true);
		bool dup = false; /* the first of a key wins, as article_set_extra */
		for (size_t x = 0; k && x < a->nextra && !dup; x++) dup = strcmp(a->extra[x].key, k) == 0;
		if (k && v && !dup) rec->kv[a->nextra++] = (struct meta_kv){k, v};
	}
	int64_t date = metablob_get_i64(&r), meta = metablob_get_u32(&r), flags = metablob_get_u32(&r);
	if (r.bad || date < 0 || date > 99991231 || meta > META_SIDECAR) return false;
	a->date = (int)date;
	a->meta = (enum meta_kind)meta;
	a->flags = (uint8_t)(flags & ART_FLAGS_ALL);
	return true;
}

void metaindex_rec_free(struct metaindex_rec *rec)
{
	free(rec->buf);
	free(rec->arena);
	free(rec->ptrs);
	free(rec->kv);
	free(rec->ahead);
	memset(rec, 0, sizeof *rec);
}


/* SPDX-License-Identifier: MIT
 * An article's record read for printing (metaindex_read) into buffers
 * reused from one record to the next, and read ahead in one piece where
 * the records to print lie close together (metaindex_prefetch). Why: a
 * listing of 150,000 hits at 1,000,000 articles made a pread per hit;
 * their records are a few hundred bytes, mostly a few KB apart. */
#include "core/meta/metaindex.h"

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "core/base/hash.h"
#include "core/base/util.h"
#include "core/meta/article_load.h"
#include "core/meta/metablob.h"

/* A read-ahead spans at most this many bytes, and stops at a gap between
 * two wanted records wider than MX_AHEAD_GAP (reading the gap would cost
 * more than another pread). */
#define MX_AHEAD_MAX (256 * 1024)
#define MX_AHEAD_GAP (16 * 1024)

/* The checksums of the records of the run just read ahead (rec->run),
 * checked together (hash_bytes_many: four chains side by side): each
 * entry's ok says its record matched, and metaindex_read or _read_line,
 * reading the run in its order, take those records as they are. Why: one
 * by one the checksums were a sixth of printing every article of a
 * million. */
static void ahead_verify(struct metaindex_rec *rec)
{
	enum { PIECE = 64 };
	const unsigned char *p[PIECE];
	size_t len[PIECE];
	uint64_t got[PIECE];
	for (size_t i = 0; i < rec->nrun; i += PIECE) {
		size_t m = rec->nrun - i < PIECE ? rec->nrun - i : PIECE;
		for (size_t x = 0; x < m; x++) {
			p[x] = rec->run_mapped ? rec->map + rec->run[i + x].off
					       : rec->ahead + (rec->run[i + x].off - rec->aoff);
			len[x] = (size_t)rec->run[i + x].len;
		}
		hash_bytes_many(p, len, m, 17, got);
		for (size_t x = 0; x < m; x++) rec->run[i + x].ok = got[x] == rec->run[i + x].sum;
	}
}

/* Entry k of the run, growing it. */
static struct metaindex_ahead *run_at(struct metaindex_rec *rec, size_t k)
{
	if (k >= rec->runcap) {
		rec->runcap = rec->runcap ? 2 * rec->runcap : 256;
		rec->run = xrealloc(rec->run, rec->runcap * sizeof *rec->run);
	}
	return &rec->run[k];
}

/* A listing out of file order over the mapped file (metaindex_rec_map):
 * the next MX_GATHER records' places fetched together, their bytes
 * fetched, and their checksums checked four at a time. Why: one by one,
 * at a million articles, the table's and the records' cache misses came
 * one after another and each checksum ran alone (--sort date 0.6 s
 * against 0.25 s in file order). */
#define MX_GATHER 256
static size_t gather(const struct metaindex *mx, struct metaindex_rec *rec, const size_t *art,
		     size_t n)
{
	size_t m = n < MX_GATHER ? n : MX_GATHER;
	run_at(rec, m);
	m = metaindex_records(mx, art, m, rec->run);
	size_t k = 0;
	for (; k < m && rec->run[k].off <= rec->maplen && rec->run[k].len <= rec->maplen - rec->run[k].off; k++)
		for (uint64_t at = 0; at < rec->run[k].len && at < 1024; at += 64)
			__builtin_prefetch(rec->map + rec->run[k].off + at);
	rec->nrun = k;
	rec->next = 0;
	rec->alen = 0;
	rec->run_mapped = true;
	ahead_verify(rec);
	return k;
}

size_t metaindex_prefetch(const struct metaindex *mx, struct metaindex_rec *rec,
			  const size_t *art, size_t n)
{
	if (!n) return 0;
	if (rec->next < rec->nrun && rec->run[rec->next].art == art[0]) return 0; /* read already */
	if (rec->map) return gather(mx, rec, art, n);
	rec->run_mapped = false;
	uint64_t off, len, sum;
	if (!metaindex_record(mx, art[0], &off, &len, &sum)) return 0;
	if (off >= rec->aoff && off + len <= rec->aoff + rec->alen) return 0; /* read already */
	rec->nrun = rec->next = 0;
	*run_at(rec, 0) = (struct metaindex_ahead){art[0], off, len, sum, false};
	uint64_t end = off + len;
	size_t k = 1;
	for (; k < n; k++) {
		uint64_t o, l, s;
		if (!metaindex_record(mx, art[k], &o, &l, &s) || o < off || o > end + MX_AHEAD_GAP ||
		    o + l - off > MX_AHEAD_MAX)
			break;
		if (o + l > end) end = o + l;
		*run_at(rec, k) = (struct metaindex_ahead){art[k], o, l, s, false};
	}
	if (k < 2) return 0; /* one record: metaindex_read reads it alone */
	size_t span = (size_t)(end - off);
	if (rec->acap < span) rec->ahead = xrealloc(rec->ahead, rec->acap = span);
	rec->alen = 0;
	if (!metaindex_pread(mx, rec->ahead, span, off)) return 0;
	rec->aoff = off;
	rec->alen = span;
	rec->nrun = k;
	ahead_verify(rec);
	return k;
}

/* metablob_need and metablob_get_u32, inline: a listing reads some 20
 * numbers a record. */
static inline bool rd_need(struct metablob_rd *r, size_t n)
{
	if (r->bad || (size_t)(r->end - r->p) < n) r->bad = true;
	return !r->bad;
}

static inline uint32_t rd_u32(struct metablob_rd *r)
{
	uint32_t v = 0;
	if (rd_need(r, 4)) {
		memcpy(&v, r->p, 4);
		r->p += 4;
	}
	return v;
}

/* A string of r copied into *at (NUL-terminated; *at moves past it);
 * NULL for the null string or on damage (r->bad), as metablob's reader. */
static char *rec_str(struct metablob_rd *r, char **at, bool required)
{
	uint32_t n = rd_u32(r);
	if (r->bad) return NULL;
	if (n == METABLOB_NULL_STR) {
		r->bad |= required;
		return NULL;
	}
	if (!rd_need(r, n) || memchr(r->p, '\0', n)) {
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
	uint32_t k = rd_u32(r);
	*n = 0;
	if (r->bad || k > (size_t)(r->end - r->p) / 4) {
		r->bad = true;
		return;
	}
	for (uint32_t i = 0; i < k && !r->bad; i++) rec->ptrs[(*used)++] = rec_str(r, at, true);
	*n = r->bad ? 0 : k;
}

/* Article art's record bytes (read ahead, or read now into rec->buf)
 * after its checksum, into *bytes and *len; false when it is damaged. */
static bool rec_bytes(const struct metaindex *mx, size_t art, struct metaindex_rec *rec,
		      const unsigned char **out, uint64_t *outlen)
{
	/* the next of the run read ahead, its checksum checked with the run's,
	 * or the one just read, again (its line declined, read whole) */
	const struct metaindex_ahead *e = NULL;
	if (rec->next < rec->nrun && rec->run[rec->next].art == art) e = &rec->run[rec->next++];
	else if (rec->next && rec->next <= rec->nrun && rec->run[rec->next - 1].art == art)
		e = &rec->run[rec->next - 1];
	if (e) {
		if (e->ok) {
			*out = rec->run_mapped ? rec->map + e->off : rec->ahead + (e->off - rec->aoff);
			*outlen = e->len;
			return true;
		}
	}
	uint64_t off, len, sum;
	if (!metaindex_record(mx, art, &off, &len, &sum)) return false;
	const unsigned char *bytes;
	if (off >= rec->aoff && off + len <= rec->aoff + rec->alen) {
		bytes = rec->ahead + (off - rec->aoff); /* read ahead */
	} else if (rec->map && off <= rec->maplen && len <= rec->maplen - off) {
		bytes = rec->map + off; /* where it lies (metaindex_rec_map) */
	} else {
		if (rec->bufcap < len + 1) rec->buf = xrealloc(rec->buf, rec->bufcap = (size_t)len + 1);
		if (!metaindex_pread(mx, rec->buf, (size_t)len, off)) return false;
		bytes = rec->buf;
	}
	if (hash_bytes(bytes, (size_t)len, 17) != sum) return false;
	*out = bytes;
	*outlen = len;
	return true;
}

bool metaindex_read(const struct metaindex *mx, size_t art, struct metaindex_rec *rec)
{
	memset(&rec->view, 0, sizeof rec->view);
	const unsigned char *bytes;
	uint64_t len;
	if (!rec_bytes(mx, art, rec, &bytes, &len)) return false;
	/* every string is at least its 4-byte length: the copies, with their
	 * NULs, fit in len + len / 4 bytes, the list pointers in len / 4 */
	size_t cap = (size_t)len + (size_t)len / 4 + 16;
	if (rec->arenacap < cap) rec->arena = xrealloc(rec->arena, rec->arenacap = cap);
	if (rec->ptrcap < len / 4 + 1) rec->ptrs = xrealloc(rec->ptrs, (rec->ptrcap = (size_t)len / 4 + 1) * sizeof *rec->ptrs);
	struct metablob_rd r = {bytes, bytes + len, false};
	char *at = rec->arena;
	struct article *a = &rec->view;
	char *rel = rec_str(&r, &at, true);
	if (!r.bad && (!rd_need(&r, 1) || *r.p++ != '\0')) r.bad = true; /* the path's NUL */
	uint32_t bits = rd_u32(&r);
	size_t stats = 48 * (1 + !!(bits & 1) + !!(bits & 2)), stem = 0;
	if (r.bad || !rd_need(&r, stats) || !article_load_is_article(rel, &stem)) return false;
	rel[stem] = '\0';
	a->id = rel;
	r.p += stats;
	uint32_t blen = rd_u32(&r);
	if (!rd_need(&r, blen) || r.p + blen != r.end) return false;
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
	uint32_t nx = rd_u32(&r);
	if (nx > (size_t)(r.end - r.p) / 8) return false;
	if (rec->kvcap < nx) rec->kv = xrealloc(rec->kv, (rec->kvcap = nx) * sizeof *rec->kv);
	a->extra = rec->kv;
	for (uint32_t i = 0; i < nx && !r.bad; i++) {
		char *k = rec_str(&r, &at, true), *v = rec_str(&r, &at, true);
		bool dup = false; /* the first of a key wins, as article_set_extra */
		for (size_t x = 0; k && x < a->nextra && !dup; x++) dup = strcmp(a->extra[x].key, k) == 0;
		if (k && v && !dup) rec->kv[a->nextra++] = (struct meta_kv){k, v};
	}
	int64_t date = metablob_get_i64(&r), meta = rd_u32(&r), flags = rd_u32(&r);
	if (r.bad || date < 0 || date > 99991231 || meta > META_SIDECAR) return false;
	a->date = (int)date;
	a->meta = (enum meta_kind)meta;
	a->flags = (uint8_t)(flags & ART_FLAGS_ALL);
	return true;
}

/* A string of r as a span of its bytes (s NULL: the null string);
 * check: refused when it holds a NUL, as rec_str refuses it. */
static inline struct mx_span rec_span(struct metablob_rd *r, bool required, bool check)
{
	struct mx_span sp = {NULL, 0};
	uint32_t n = rd_u32(r);
	if (r->bad) return sp;
	if (n == METABLOB_NULL_STR) {
		r->bad |= required;
		return sp;
	}
	if (!rd_need(r, n) || (check && memchr(r->p, '\0', n))) {
		r->bad = true;
		return sp;
	}
	sp = (struct mx_span){(const char *)r->p, n};
	r->p += n;
	return sp;
}

/* A list of spans into rec->spans from *used on; its count in *n. */
static inline void rec_span_list(struct metablob_rd *r, struct metaindex_rec *rec, size_t *used,
			  size_t *n)
{
	uint32_t k = rd_u32(r);
	*n = 0;
	if (r->bad || k > (size_t)(r->end - r->p) / 4) {
		r->bad = true;
		return;
	}
	for (uint32_t i = 0; i < k && !r->bad; i++) rec->spans[(*used)++] = rec_span(r, true, false);
	*n = r->bad ? 0 : k;
}

bool metaindex_read_line(const struct metaindex *mx, size_t art, struct metaindex_rec *rec,
			 struct metaindex_line *out)
{
	memset(out, 0, sizeof *out);
	const unsigned char *bytes;
	uint64_t len;
	if (!rec_bytes(mx, art, rec, &bytes, &len)) return false;
	/* every string is at least its 4-byte length */
	if (rec->spancap < len / 4 + 1)
		rec->spans = xrealloc(rec->spans, (rec->spancap = (size_t)len / 4 + 1) * sizeof *rec->spans);
	struct metablob_rd r = {bytes, bytes + len, false};
	struct mx_span rel = rec_span(&r, true, true); /* no NUL in it, as metaindex_read */
	if (!r.bad && (!rd_need(&r, 1) || *r.p++ != '\0')) r.bad = true; /* the path's NUL */
	uint32_t bits = rd_u32(&r);
	size_t stats = 48 * (1 + !!(bits & 1) + !!(bits & 2)), stem = 0;
	if (r.bad || !rd_need(&r, stats) || !article_load_is_article_n(rel.s, rel.len, &stem))
		return false;
	out->id = (struct mx_span){rel.s, stem};
	r.p += stats;
	uint32_t blen = rd_u32(&r);
	if (!rd_need(&r, blen) || r.p + blen != r.end) return false;
	/* the strings are not looked at for a NUL here: see metaindex.h */
	out->title = rec_span(&r, true, false);
	out->source = rec_span(&r, false, false);
	out->url = rec_span(&r, false, false);
	out->summary = rec_span(&r, false, false);
	out->lang = rec_span(&r, false, false);
	size_t used = 0;
	rec_span_list(&r, rec, &used, &out->nauthors);
	rec_span_list(&r, rec, &used, &out->ntags);
	rec_span_list(&r, rec, &used, &out->nderived);
	out->lists = rec->spans;
	uint32_t nx = rd_u32(&r);
	if (r.bad || nx > (size_t)(r.end - r.p) / 8) return false;
	out->extra = rec->spans + used; /* 2 * nx fit: each string is 4 bytes or more */
	for (uint32_t i = 0; i < nx && !r.bad; i++) {
		rec->spans[used++] = rec_span(&r, true, false);
		rec->spans[used++] = rec_span(&r, true, false);
	}
	out->nextra = nx;
	int64_t date = metablob_get_i64(&r), meta = rd_u32(&r), flags = rd_u32(&r);
	if (r.bad || date < 0 || date > 99991231 || meta > META_SIDECAR) return false;
	out->date = (int)date;
	out->flags = (uint8_t)(flags & ART_FLAGS_ALL); /* as metaindex_read keeps them */
	return true;
}

void metaindex_rec_free(struct metaindex_rec *rec)
{
	free(rec->buf);
	free(rec->arena);
	free(rec->ptrs);
	free(rec->kv);
	free(rec->ahead);
	free(rec->run);
	free(rec->spans);
	if (rec->map) munmap((void *)rec->map, rec->maplen);
	memset(rec, 0, sizeof *rec);
}


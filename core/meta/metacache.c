/* SPDX-License-Identifier: MIT
 * The metadata cache file. Why a flat binary file and not SQLite: a warm
 * start needs every record at once, and one read() of a checksummed file
 * followed by a linear parse costs a few tens of milliseconds for 100k
 * articles, where stepping 100k SQLite rows (plus opening the database and
 * its page cache) costs several times that and more memory; nothing here
 * needs random updates, since the whole file is rewritten (atomically) only
 * when something changed. Records are kept as the bytes read from the file
 * and decoded only when the article is taken, each decode bounds-checked:
 * a damaged or hostile file never crashes, its records are just not used.
 *
 * File: header | records | title table | title order | folders | lean index | footer. Header: magic "DOSSMETA", u32 format,
 * u32 0, u64 fingerprint, u64 record count, u64 payload bytes, u64 checksum
 * of the payload (everything after the header), then the slot of the last
 * full check (MC_SLOT: i64 time, u64 seal; patched in place). Record: str rel, a NUL byte, u32 sidecar bits, stats, u32
 * blob length, blob. Folders: metacache_dirs.c. Lean index: u32 usable, u32 record
 * count, per record u64 offset, u64 length, u64 checksum; u32 article
 * count, per article u32 record, then per article i32 date; for each
 * column (MC_NCOLS: source, language) per article u32 value number, u32
 * value count, values (str, the null string for none); u32 tag count,
 * per tag str name, u32 n, u32 articles[n], u32 m, u32 holders[m]; u64
 * offset, length and checksum of the title table (u64 length, then
 * metatitles.c's table, before the folders), then of the title order (u64
 * length, then u32 per article, after the table). Footer: MC_FOOTER.
 * Integers are native-endian (the cache never leaves the machine; another
 * byte order shows as a wrong format number and the file is rebuilt). */
#include "core/meta/metacache.h"
#include "core/meta/metacache_int.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/base/fsutil.h"
#include "core/base/hash.h"
#include "core/base/map.h"
#include "core/meta/metablob.h"
#include "core/base/strbuf.h"
#include "core/base/util.h"
#include "core/base/xdg.h"

/* Bump whenever loading computes anything differently (parsing, titles,
 * flags, diagnostics), so old caches are rebuilt, quietly (it is part of
 * the fingerprint), instead of trusted. 2: front matter after blank lines,
 * other generators' front matter reported; 3: an article without a date
 * takes its file name's or its URL's (date_guess.h); 4: or its Zola
 * "path" key's. */
#define MC_RULES 4u

#ifndef DOSSIER_VERSION
#define DOSSIER_VERSION "dev"
#endif

uint64_t metacache_vocab_hash(const char *shipped, const char *user_path)
{
	uint64_t h = hash_bytes(shipped ? shipped : "", shipped ? strlen(shipped) : 0, 5);
	if (user_path) {
		char *text = NULL;
		size_t len = 0;
		int err = fsutil_read_file(user_path, 4u << 20, &text, &len);
		h = hash_bytes(user_path, strlen(user_path), h);
		h = err ? hash_bytes(&err, sizeof err, h) : hash_bytes(text, len, h);
		free(text);
	}
	return h ? h : 1;
}

_Static_assert(sizeof(struct metacache_stat) == 48, "six int64, as in the file");
_Static_assert(sizeof(struct rec) <= 24, "a record in the table: 24 bytes (metacache_int.h)");

void metacache_touch(const struct metacache *cmc, size_t n)
{
	struct metacache *mc = (struct metacache *)cmc; /* a count, not a visible change */
	if (!mc->mapped) return;
	mc->touched += n < 4096 ? 4096 : n;
	if (mc->touched < mc->resident) return;
	mc->touched = 0;
	madvise(mc->data, mc->dlen, MADV_DONTNEED); /* read-only and never written: nothing is lost */
}

uint64_t metacache_hash(const struct metacache *mc, const unsigned char *p, size_t len,
			uint64_t seed)
{
	struct hash_stream hs;
	hash_stream_init(&hs, len, seed);
	size_t step = mc->resident / 2 + 1;
	for (size_t at = 0; at < len; at += step) {
		size_t n = len - at < step ? len - at : step;
		hash_stream_add(&hs, p + at, n);
		metacache_touch(mc, n);
	}
	return hash_stream_end(&hs);
}

void metacache_rec_key(const struct rec *rc, struct metacache_key *k)
{
	if (rc->put) {
		*k = rc->put->key;
		return;
	}
	memset(k, 0, sizeof *k);
	const unsigned char *p = rec_kp(rc); /* bounds checked by parse_file */
	uint32_t bits;
	memcpy(&bits, p, 4);
	memcpy(&k->file, p + 4, 48);
	p += 52;
	if (bits & 1) {
		memcpy(&k->side_yaml, p, 48);
		p += 48;
	}
	if (bits & 2) memcpy(&k->side_yml, p, 48);
}

static bool key_eq(const struct metacache *mc, const struct rec *rc, const struct metacache_key *b)
{
	struct metacache_key a;
	if (!rc->put) metacache_touch(mc, 148);
	metacache_rec_key(rc, &a);
	return memcmp(&a, b, sizeof a) == 0;
}

/* ---- the record table ---- */

/* rel -> record; a path twice in a damaged file: the first one counts.
 * Built on first use: a warm start whose folders are all unchanged reaches
 * its records by number and never needs it. */
static void table_rebuild(struct metacache *mc)
{
	map_clear(&mc->rels);
	for (size_t i = 0; i < mc->n; i++) {
		const struct rec *rc = &mc->recs[i];
		if (!rc->put) metacache_touch(mc, strlen(rc->rel) + 1); /* the paths are the map's */
		if (!map_get(&mc->rels, rc->rel, NULL)) map_put(&mc->rels, rc->rel, i);
	}
	mc->rels_built = true;
}

struct rec *metacache_table_find(struct metacache *mc, const char *rel)
{
	size_t i;
	if (!mc->rels_built) table_rebuild(mc);
	metacache_touch(mc, 0); /* a page or so of the map's paths compared */
	return map_get(&mc->rels, rel, &i) ? &mc->recs[i] : NULL;
}
#define table_find metacache_table_find

struct rec *metacache_rec_near(struct metacache *mc, const char *rel, size_t *next)
{
	struct rec *rc = NULL;
	if (*next < mc->n && !mc->recs[*next].put) metacache_touch(mc, strlen(rel) + 1);
	if (*next < mc->n && strcmp(mc->recs[*next].rel, rel) == 0) rc = &mc->recs[*next];
	else rc = table_find(mc, rel);
	if (rc) *next = (size_t)(rc - mc->recs) + 1;
	return rc;
}

/* ---- fingerprint and file loading ---- */

uint64_t metacache_fingerprint(const char *abs, const struct fieldmap *fm, uint64_t vocab_hash)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_addf(&sb, "dossier %s format %u rules %u vocab %016llx root %s", DOSSIER_VERSION,
		    MC_FORMAT, MC_RULES, (unsigned long long)vocab_hash, abs);
	for (int f = 0; f < FIELD_COUNT; f++) {
		strbuf_addf(&sb, "\n%d:", f);
		for (size_t i = 0; fm && i < fm->keys[f].n; i++) {
			metablob_put_str(&sb, fm->keys[f].v[i]);
		}
	}
	uint64_t h = hash_bytes(sb.buf, sb.len, 3);
	strbuf_free(&sb);
	return h;
}

/* The whole file, mapped read-only (*mapped set): no copy and no zeroed
 * pages to fill, where reading a million articles' cache cost a third of
 * the warm start; the cache is only ever replaced by a rename, never
 * written in place, so the mapping stays whole. Else (a pipe, say, or
 * mmap refused) read with one read loop. ENOENT is the normal cold case. */
static int read_all(const char *path, unsigned char **data, size_t *len, bool *mapped,
		    struct stat *st)
{
	*data = NULL;
	*len = 0;
	*mapped = false;
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) return errno;
	if (fstat(fd, st) < 0 || !S_ISREG(st->st_mode) || st->st_size < 0 ||
	    (uint64_t)st->st_size > ((uint64_t)1 << 34)) {
		close(fd);
		return EINVAL;
	}
	size_t want = (size_t)st->st_size, got = 0;
	void *map = want ? mmap(NULL, want, PROT_READ, MAP_PRIVATE, fd, 0) : MAP_FAILED;
	if (map != MAP_FAILED) {
		close(fd);
		*data = map;
		*len = want;
		*mapped = true;
		return 0;
	}
	unsigned char *buf = xmalloc(want ? want : 1);
	while (got < want) {
		ssize_t r = read(fd, buf + got, want - got);
		if (r < 0 && errno == EINTR) continue;
		if (r <= 0) break;
		got += (size_t)r;
	}
	close(fd);
	*data = buf;
	*len = got;
	return 0;
}

/* Over the lean index (metaindex.c reads it), noting whether it is usable. */
static bool skip_index(struct metacache *mc, struct metablob_rd *r)
{
	mc->index_usable = metablob_get_u32(r) != 0;
	uint32_t nrec = metablob_get_u32(r);
	if (r->bad || nrec != mc->n || !metablob_need(r, (size_t)nrec * 24)) return false;
	r->p += (size_t)nrec * 24;
	uint32_t nart = metablob_get_u32(r);
	if (r->bad || !metablob_need(r, (size_t)nart * 8)) return false;
	r->p += (size_t)nart * 8; /* records, dates */
	for (int c = 0; c < MC_NCOLS && !r->bad; c++) {
		if (!metablob_need(r, (size_t)nart * 4)) return false;
		r->p += (size_t)nart * 4;
		uint32_t nv = metablob_get_u32(r);
		for (uint32_t v = 0; v < nv && !r->bad; v++) {
			uint32_t len = metablob_get_u32(r);
			if (len != METABLOB_NULL_STR && !metablob_need(r, len)) return false;
			if (len != METABLOB_NULL_STR) r->p += len;
		}
	}
	uint32_t ntags = metablob_get_u32(r);
	for (uint32_t i = 0; i < ntags && !r->bad; i++) {
		uint32_t len = metablob_get_u32(r);
		if (!metablob_need(r, len)) return false;
		r->p += len;
		for (int list = 0; list < 2; list++) { /* articles, holders */
			uint32_t n = metablob_get_u32(r);
			if (!metablob_need(r, (size_t)n * 4)) return false;
			r->p += (size_t)n * 4;
		}
	}
	for (int k = 0; k < 6; k++) /* the title table's and order's offset, length, checksum */
		metablob_get_i64(r);
	return !r->bad;
}

/* Parse the file into records; false when anything is off (then the cache
 * starts empty). Each record's blob is only checked when taken. */
static bool parse_file(struct metacache *mc)
{
	if (mc->dlen < MC_HEADER_OLD || memcmp(mc->data, MC_MAGIC, 8) != 0) return false;
	struct metablob_rd r = {mc->data + 8, mc->data + mc->dlen, false};
	uint32_t format = metablob_get_u32(&r);
	metablob_get_u32(&r);
	uint64_t fp = (uint64_t)metablob_get_i64(&r), count = (uint64_t)metablob_get_i64(&r);
	uint64_t plen = (uint64_t)metablob_get_i64(&r), sum = (uint64_t)metablob_get_i64(&r);
	/* formats before 11 end their header before the check-time slot */
	size_t head = format >= 1 && format < 11 ? MC_HEADER_OLD : MC_HEADER;
	if (mc->dlen < head || plen != mc->dlen - head) return false;
	if (metacache_hash(mc, mc->data + head, (size_t)plen, 11) != sum) return false;
	/* a whole file of an earlier version: an upgrade, rebuilt quietly */
	if (format >= 1 && format < MC_FORMAT) return true;
	if (format != MC_FORMAT) return false;
	if (fp != mc->fingerprint) return true; /* valid but for other settings: rebuild quietly */
	if (count > plen / 12) return false;    /* a record takes at least 12 bytes */
	mc->sum = sum;
	mc->swept = metacache_slot_read(mc->data); /* 0 when its seal is off: a full check is due */
	r.p = mc->data + MC_HEADER;
	mc->recs = xcalloc(count ? count : 1, sizeof *mc->recs);
	mc->cap = count;
	while (mc->n < count) {
		struct rec *rc = &mc->recs[mc->n];
		const unsigned char *at = r.p;
		uint32_t rl = metablob_get_u32(&r);
		if (rl == METABLOB_NULL_STR || !metablob_need(&r, (size_t)rl + 1) ||
		    memchr(r.p, '\0', rl) || r.p[rl] != '\0')
			return false;
		rc->rel = (const char *)r.p; /* the path and its NUL, in place */
		r.p += (size_t)rl + 1;
		mc->n++;
		uint32_t bits = metablob_get_u32(&r);
		size_t nst = 1 + (bits & 1) + ((bits >> 1) & 1);
		if (!metablob_need(&r, nst * 48)) return false;
		r.p += nst * 48;
		uint32_t blen = metablob_get_u32(&r);
		if (!metablob_need(&r, blen)) return false;
		rc->blen = blen;
		r.p += blen;
		metacache_touch(mc, (size_t)(r.p - at));
	}
	for (int sec = 0; sec < 2; sec++) { /* the title table and order: metaindex.c's */
		uint64_t tlen = (uint64_t)metablob_get_i64(&r);
		if (r.bad || !metablob_need(&r, tlen)) return false;
		r.p += tlen;
	}
	const unsigned char *lean = r.p;
	if (!metacache_dirs_parse(mc, &r) || !skip_index(mc, &r) || !metablob_need(&r, MC_FOOTER))
		return false;
	int64_t at = metablob_get_i64(&r);
	uint64_t lsum = (uint64_t)metablob_get_i64(&r);
	if (r.p != r.end || at != lean - mc->data ||
	    metacache_hash(mc, lean, (size_t)(r.end - MC_FOOTER - lean), 13) != lsum)
		return false;
	mc->st.loaded = mc->n;
	mc->from_file = true;
	return true;
}

static void drop_records(struct metacache *mc)
{
	map_clear(&mc->rels); /* its keys go now */
	for (size_t i = 0; i < mc->n; i++) {
		if (mc->recs[i].put) free(mc->recs[i].put->blob);
		free(mc->recs[i].put);
	}
	free(mc->recs);
	arena_free(&mc->relar);
	mc->recs = NULL;
	mc->n = mc->cap = 0;
	mc->rels_built = false;
	metacache_dirs_free(mc);
}

struct metacache *metacache_open_file(const char *file, const char *root,
				      const struct fieldmap *fm, uint64_t vocab_hash,
				      char **note)
{
	struct metacache *mc = xcalloc(1, sizeof *mc);
	if (note) *note = NULL;
	mc->file = xstrdup(file);
	mc->root = xstrdup(root);
	char *abs = fsutil_abspath(root);
	mc->fingerprint = metacache_fingerprint(abs, fm, vocab_hash);
	free(abs);
	mc->dirty = true; /* until a matching file is read */
	mc->resident = MC_RESIDENT;
	if (!file) return mc;
	struct stat fst;
	int err = read_all(file, &mc->data, &mc->dlen, &mc->mapped, &fst);
	if (err == 0) {
		mc->fdev = (uint64_t)fst.st_dev;
		mc->fino = (uint64_t)fst.st_ino;
		if (parse_file(mc)) {
			mc->dirty = false;
		} else {
			drop_records(mc);
			mc->swept = 0;
			mc->from_file = false;
			if (note) {
				struct strbuf sb = STRBUF_INIT;
				strbuf_addf(&sb, "index file %s was damaged; rebuilt", file);
				*note = strbuf_steal(&sb);
			}
		}
		if (!mc->n) mc->dirty = true;
	}
	return mc;
}

struct metacache *metacache_open(const char *root, const struct fieldmap *fm,
				 uint64_t vocab_hash, char **note)
{
	char *file = xdg_collection_file(XDG_BASE_CACHE, root, ".meta");
	struct metacache *mc = metacache_open_file(file, root, fm, vocab_hash, note);
	free(file);
	return mc;
}

size_t metacache_find(const struct metacache *mc, const char *rel, const struct metacache_key *key)
{
	size_t next = SIZE_MAX;
	return metacache_find_near(mc, rel, key, &next);
}

size_t metacache_find_near(const struct metacache *mc, const char *rel,
			   const struct metacache_key *key, size_t *next)
{
	/* the lookup table is built on first use: not a visible change */
	const struct rec *rc = metacache_rec_near((struct metacache *)mc, rel, next);
	return rc && key_eq(mc, rc, key) ? (size_t)(rc - mc->recs) : SIZE_MAX;
}

bool metacache_has(const struct metacache *mc, const char *rel, const struct metacache_key *key)
{
	return metacache_find(mc, rel, key) != SIZE_MAX;
}

size_t metacache_count(const struct metacache *mc) { return mc->n; }

const char *metacache_rel(const struct metacache *mc, size_t i)
{
	if (!mc->recs[i].put) metacache_touch(mc, 0); /* the caller reads it: a page of the map */
	return mc->recs[i].rel;
}

/* Decode a record into *a, which keeps its id and path whatever happens. */
static bool rec_decode(const struct metacache *mc, const struct rec *rc, struct article *a,
		       const char *root, struct diag_list *diags, struct arena *ar,
		       struct strcache *sc)
{
	const unsigned char *blob = rec_blob(rc);
	struct metablob_rd r = {blob, blob + rc->blen, false};
	if (!rc->put) metacache_touch(mc, rc->blen);
	char *id = a->id, *path = a->path;
	if (!metablob_decode_in(&r, a, root, diags, ar, sc)) {
		/* keep what the caller set, drop the half-decoded rest */
		a->id = NULL;
		a->path = NULL;
		article_free(a);
		memset(a, 0, sizeof *a);
		a->id = id;
		a->path = path;
		a->in_arena = ar != NULL;
		return false;
	}
	return true;
}

bool metacache_peek(struct metacache *mc, size_t i, struct article *a, const char *root,
		    struct diag_list *diags, struct arena *ar, struct strcache *sc)
{
	if (i >= mc->n) return false;
	mc->recs[i].shown = rec_decode(mc, &mc->recs[i], a, root, diags, ar, sc);
	return mc->recs[i].shown;
}

size_t metacache_shown(struct metacache *mc, const char *rel, const struct metacache_key *key,
		       size_t rec)
{
	struct rec *rc = rec != SIZE_MAX ? (rec < mc->n ? &mc->recs[rec] : NULL) : table_find(mc, rel);
	if (!rc || !rc->shown || (rec == SIZE_MAX && !key_eq(mc, rc, key))) return SIZE_MAX;
	return (size_t)(rc - mc->recs);
}

void metacache_keep_at(struct metacache *mc, size_t i)
{
	if (i >= mc->n) return;
	mc->recs[i].live = true;
	mc->st.taken++;
}

bool metacache_take(struct metacache *mc, const char *rel, const struct metacache_key *key,
		    struct article *a, const char *root, struct diag_list *diags)
{
	struct rec *rc = table_find(mc, rel);
	if (!rc || !key_eq(mc, rc, key) || !rec_decode(mc, rc, a, root, diags, NULL, NULL)) return false;
	rc->live = true;
	mc->st.taken++;
	return true;
}

void metacache_key_at(const struct metacache *mc, size_t i, struct metacache_key *k)
{
	if (!mc->recs[i].put) metacache_touch(mc, 148);
	metacache_rec_key(&mc->recs[i], k);
}

bool metacache_take_at(struct metacache *mc, size_t i, struct article *a, const char *root,
		       struct diag_list *diags)
{
	if (i >= mc->n || !rec_decode(mc, &mc->recs[i], a, root, diags, NULL, NULL)) return false;
	mc->recs[i].live = true;
	mc->st.taken++;
	return true;
}

void metacache_put(struct metacache *mc, const char *rel, const struct metacache_key *key,
		   const struct article *a, const char *root, const struct diag_list *diags,
		   size_t from)
{
	/* An article that could not be read is tried again next time. */
	if (a->flags & ART_UNREADABLE) return;
	struct strbuf sb = STRBUF_INIT;
	metablob_encode(&sb, a, root, diags, from);
	size_t len = sb.len;
	metacache_put_blob(mc, rel, key, (unsigned char *)strbuf_steal(&sb), len);
}

void metacache_put_blob(struct metacache *mc, const char *rel, const struct metacache_key *key,
			unsigned char *blob, size_t blen)
{
	struct rec *rc = table_find(mc, rel);
	if (!rc) {
		ARRAY_RESERVE(mc->recs, mc->cap, mc->n + 1);
		rc = &mc->recs[mc->n++];
		memset(rc, 0, sizeof *rc);
		rc->rel = arena_strdup(&mc->relar, rel);
		map_put(&mc->rels, rc->rel, mc->n - 1);
	}
	if (!rc->put) rc->put = xcalloc(1, sizeof *rc->put);
	free(rc->put->blob);
	rc->blen = (uint32_t)blen;
	rc->put->blob = blob ? blob : xcalloc(1, 1);
	rc->put->key = *key;
	rc->live = true;
	mc->st.put++;
	mc->dirty = true;
}

void metacache_stat_of(struct metacache_stat *k, const struct stat *st)
{
	k->size = st->st_size;
	k->mtime_s = st->st_mtim.tv_sec;
	k->mtime_ns = st->st_mtim.tv_nsec;
	k->ctime_s = st->st_ctim.tv_sec;
	k->ctime_ns = st->st_ctim.tv_nsec;
	k->ino = (int64_t)st->st_ino;
}

struct metacache_stats metacache_stats(const struct metacache *mc) { return mc->st; }

void metacache_set_resident(struct metacache *mc, size_t bytes) { mc->resident = bytes ? bytes : 1; }

const char *metacache_path(const struct metacache *mc) { return mc->file; }

void metacache_close(struct metacache *mc)
{
	if (!mc) return;
	drop_records(mc);
	map_free(&mc->rels);
	if (mc->mapped) munmap(mc->data, mc->dlen);
	else free(mc->data);
	free(mc->file);
	free(mc->root);
	free(mc);
}

/* SPDX-License-Identifier: MIT
 * The signature file (sigcache.h): a flat, checksummed binary file read
 * whole, records found by path through one map, each record checked only
 * when taken, so a damaged or hostile file is never trusted. Written
 * atomically (temp file + rename) when a record was added, changed or
 * dropped. Its own file, not a part of the metadata cache's records: the
 * metadata cache is read by every start, signatures only when needed. */
#include "core/find/sigcache.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/base/fsutil.h"
#include "core/base/hash.h"
#include "core/base/map.h"
#include "core/base/strbuf.h"
#include "core/base/util.h"
#include "core/base/xdg.h"
#include "core/collection/collection.h"
#include "core/find/similar.h"
#include "core/meta/article.h"
#include "core/meta/metablob.h"
#include "core/text/render.h"

#define SC_MAGIC "DOSSSIG\n"
/* Bump when the record layout or the way a signature is computed changes
 * (the file is then rebuilt quietly). */
#define SC_FORMAT 2u /* 2: weekdays, months and reporting verbs are stop words */
#define SC_HEADER 40 /* magic, format, params, count, payload length, checksum */
#define SC_MAX_FILE ((uint64_t)1 << 32)

char *sigcache_file(const char *root)
{
	return xdg_collection_file(XDG_BASE_CACHE, root, ".sig");
}

/* What a signature was made from, besides the file's bytes: the title (a
 * sidecar can change it), the body's offset and how its words are read. */
struct sc_key {
	int64_t size, mtime_s, mtime_ns, ctime_s, ctime_ns, ino;
	uint64_t meta;
};

static bool key_of(const struct article *a, struct sc_key *k)
{
	struct stat st;
	memset(k, 0, sizeof *k);
	if (!a->path || lstat(a->path, &st) < 0) return false;
	k->size = st.st_size;
	k->mtime_s = st.st_mtim.tv_sec;
	k->mtime_ns = st.st_mtim.tv_nsec;
	k->ctime_s = st.st_ctim.tv_sec;
	k->ctime_ns = st.st_ctim.tv_nsec;
	k->ino = (int64_t)st.st_ino;
	char fmt[32];
	int n = snprintf(fmt, sizeof fmt, "%d %llu", (int)render_format_of(a),
			 (unsigned long long)a->body_off);
	uint64_t h = hash_bytes(fmt, (size_t)n, 5);
	k->meta = a->title ? hash_bytes(a->title, strlen(a->title), h) : h;
	return true;
}

/* ---- the bytes ---- */

static void put_key(struct strbuf *sb, const struct sc_key *k)
{
	metablob_put_i64(sb, k->size);
	metablob_put_i64(sb, k->mtime_s);
	metablob_put_i64(sb, k->mtime_ns);
	metablob_put_i64(sb, k->ctime_s);
	metablob_put_i64(sb, k->ctime_ns);
	metablob_put_i64(sb, k->ino);
	metablob_put_i64(sb, (int64_t)k->meta);
}

static void get_key(struct metablob_rd *r, struct sc_key *k)
{
	k->size = metablob_get_i64(r);
	k->mtime_s = metablob_get_i64(r);
	k->mtime_ns = metablob_get_i64(r);
	k->ctime_s = metablob_get_i64(r);
	k->ctime_ns = metablob_get_i64(r);
	k->ino = metablob_get_i64(r);
	k->meta = (uint64_t)metablob_get_i64(r);
}

/* A record: u32 path bytes (NUL included), path, key, then the signature:
 * u32 nterms, u16 tf[nterms], u32 nshingles, u16 minhash[SIM_MINHASH],
 * u32 bytes of terms, the terms (each NUL-terminated). */
static void put_sig(struct strbuf *sb, const char *path, const struct sc_key *k,
		    const struct simsig *s)
{
	metablob_put_u32(sb, (uint32_t)strlen(path) + 1);
	strbuf_add(sb, path, strlen(path) + 1);
	put_key(sb, k);
	metablob_put_u32(sb, s->nterms);
	strbuf_add(sb, (const char *)s->tf, s->nterms * sizeof *s->tf);
	metablob_put_u32(sb, s->nshingles);
	strbuf_add(sb, (const char *)s->minhash, sizeof s->minhash);
	metablob_put_u32(sb, (uint32_t)s->terms_len);
	if (s->terms_len) strbuf_add(sb, s->terms, s->terms_len);
}

/* The signature part of a record, or NULL (r->bad) unless the terms are
 * exactly nterms non-empty NUL-terminated strings (the index walks them
 * with strlen). */
static struct simsig *get_sig(struct metablob_rd *r)
{
	uint32_t nterms = metablob_get_u32(r);
	if (r->bad || nterms > SIM_TERMS || !metablob_need(r, nterms * sizeof(uint16_t))) return r->bad = true, NULL;
	struct simsig *s = xcalloc(1, sizeof *s);
	s->nterms = nterms;
	memcpy(s->tf, r->p, nterms * sizeof *s->tf);
	r->p += nterms * sizeof *s->tf;
	s->nshingles = metablob_get_u32(r);
	if (metablob_need(r, sizeof s->minhash)) memcpy(s->minhash, r->p, sizeof s->minhash), r->p += sizeof s->minhash;
	uint32_t len = metablob_get_u32(r);
	if (!r->bad && metablob_need(r, len)) {
		size_t nuls = 0;
		bool ok = len == 0 || r->p[len - 1] == '\0';
		for (uint32_t i = 0; i < len && ok; i++)
			if (r->p[i] == '\0') ok = i > 0 && r->p[i - 1] != '\0', nuls++;
		if (ok && nuls == s->nterms) {
			s->terms = len ? xmalloc(len) : NULL;
			if (len) memcpy(s->terms, r->p, len);
			s->terms_len = len;
			r->p += len;
			return s;
		}
	}
	r->bad = true;
	simsig_free(s);
	return NULL;
}

/* Step over a record's signature, checking only its lengths. */
static void skip_sig(struct metablob_rd *r)
{
	uint32_t nterms = metablob_get_u32(r);
	if (nterms > SIM_TERMS || !metablob_need(r, nterms * sizeof(uint16_t))) return (void)(r->bad = true);
	r->p += nterms * sizeof(uint16_t);
	metablob_get_u32(r);
	if (metablob_need(r, SIM_MINHASH * sizeof(uint16_t))) r->p += SIM_MINHASH * sizeof(uint16_t);
	uint32_t len = metablob_get_u32(r);
	if (metablob_need(r, len)) r->p += len;
}

/* ---- the file ---- */

struct sc_file {
	unsigned char *data; /* owned: the whole file */
	size_t len;
	struct map recs;     /* path (borrowed from data) -> offset of its key */
	size_t n;
	bool damaged;
};

static uint64_t params(void)
{
	char buf[96];
	int n = snprintf(buf, sizeof buf, "%s %u %d %d %d", DOSSIER_VERSION, SC_FORMAT, SIM_TERMS,
			 SIM_MINHASH, SIM_MIN_SHINGLES);
	return hash_bytes(buf, (size_t)n, 7);
}

static bool parse(struct sc_file *f)
{
	if (f->len < SC_HEADER || memcmp(f->data, SC_MAGIC, 8) != 0) return false;
	struct metablob_rd r = {f->data + 8, f->data + f->len, false};
	uint32_t format = metablob_get_u32(&r), par = metablob_get_u32(&r);
	uint64_t count = (uint64_t)metablob_get_i64(&r), plen = (uint64_t)metablob_get_i64(&r),
		 sum = (uint64_t)metablob_get_i64(&r);
	if (plen != f->len - SC_HEADER || hash_bytes(f->data + SC_HEADER, plen, 13) != sum) return false;
	if (format != SC_FORMAT || par != (uint32_t)params()) return true; /* another version: rebuilt */
	while (!r.bad && r.p < r.end) {
		uint32_t plen1 = metablob_get_u32(&r);
		if (!metablob_need(&r, plen1) || plen1 == 0) return false;
		const char *path = (const char *)r.p;
		if (memchr(path, '\0', plen1) != path + plen1 - 1) return false;
		r.p += plen1;
		map_put(&f->recs, path, (size_t)(r.p - f->data));
		f->n++;
		struct sc_key k;
		get_key(&r, &k);
		skip_sig(&r); /* its terms are checked when taken */
	}
	return !r.bad && f->n == count;
}

static void file_open(struct sc_file *f, const char *file)
{
	memset(f, 0, sizeof *f);
	if (!file) return;
	int fd = open(file, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) return; /* ENOENT: the normal first time */
	struct stat st;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && (uint64_t)st.st_size <= SC_MAX_FILE) {
		size_t want = (size_t)st.st_size, got = 0;
		f->data = xmalloc(want ? want : 1);
		while (got < want) {
			ssize_t r = read(fd, f->data + got, want - got);
			if (r < 0 && errno == EINTR) continue;
			if (r <= 0) break;
			got += (size_t)r;
		}
		f->len = got;
	}
	close(fd);
	if (!parse(f)) {
		f->damaged = true;
		map_free(&f->recs);
		f->recs = (struct map)MAP_INIT;
		f->n = 0;
	}
}

static void file_close(struct sc_file *f)
{
	map_free(&f->recs);
	free(f->data);
}

/* The record of path when its key equals k. */
static struct simsig *file_take(const struct sc_file *f, const char *path, const struct sc_key *k)
{
	size_t off;
	if (!map_get(&f->recs, path, &off)) return NULL;
	struct metablob_rd r = {f->data + off, f->data + f->len, false};
	struct sc_key have;
	get_key(&r, &have);
	if (r.bad || memcmp(&have, k, sizeof have) != 0) return NULL;
	return get_sig(&r);
}

static int file_write(const char *file, const struct strbuf *recs, size_t count)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_add(&sb, SC_MAGIC, 8);
	metablob_put_u32(&sb, SC_FORMAT);
	metablob_put_u32(&sb, (uint32_t)params());
	metablob_put_i64(&sb, (int64_t)count);
	uint64_t plen = recs->len, sum = hash_bytes(recs->buf ? recs->buf : "", recs->len, 13);
	metablob_put_i64(&sb, (int64_t)plen);
	metablob_put_i64(&sb, (int64_t)sum);
	if (recs->len) strbuf_add(&sb, recs->buf, recs->len);
	char *dir = fsutil_dirname(file);
	fsutil_mkdir_p(dir, 0700);
	free(dir);
	fsutil_clean_stale_temps(file);
	int err = fsutil_write_atomic(file, sb.buf, sb.len, FSUTIL_PRIVATE, NULL);
	strbuf_free(&sb);
	return err;
}

/* Does the file hold a record of path with key k? */
static bool file_has(const struct sc_file *f, const char *path, const struct sc_key *k)
{
	size_t off;
	if (!map_get(&f->recs, path, &off)) return false;
	struct metablob_rd r = {f->data + off, f->data + f->len, false};
	struct sc_key have;
	get_key(&r, &have);
	return !r.bad && memcmp(&have, k, sizeof have) == 0;
}

/* ---- signing ---- */

int sigcache_compute(const struct collection *c, const char *file, struct simsig **out,
		     const atomic_int *cancel, sigcache_progress_fn progress, void *pctx,
		     struct sigcache_stats *st)
{
	struct sigcache_stats s = {0};
	struct sc_file f;
	file_open(&f, file);
	s.loaded = f.n;
	s.damaged = f.damaged;
	struct strbuf recs = STRBUF_INIT;
	size_t count = 0;
	/* rewrite when a record is new or changed, or when one is gone */
	bool dirty = f.damaged || (file && !f.data), cancelled = false;
	for (size_t i = 0; i < c->n; i++) {
		if (cancel && atomic_load(cancel)) {
			cancelled = true;
			break;
		}
		if (progress && (i & 255) == 0) progress(pctx, i, c->n);
		const struct article *a = &c->items[i];
		struct sc_key k;
		bool keyed = key_of(a, &k);
		const struct simsig *sig = a->sig;
		if (sig && keyed && !file_has(&f, a->path, &k)) dirty = true;
		if (!sig && keyed && (out[i] = file_take(&f, a->path, &k))) s.taken++;
		if (!sig && !out[i]) {
			size_t len = 0;
			char *body = article_body_read(a, &len, NULL);
			out[i] = simsig_of_body(a, body, len);
			free(body);
			s.made++;
			dirty = true;
		}
		if (!sig) sig = out[i];
		if (keyed && a->path) {
			put_sig(&recs, a->path, &k, sig);
			count++;
		}
	}
	if (progress && !cancelled) progress(pctx, c->n, c->n);
	if (count != f.n) dirty = true; /* records added or gone */
	if (!cancelled && file && dirty) s.written = file_write(file, &recs, count) == 0;
	strbuf_free(&recs);
	file_close(&f);
	if (st) *st = s;
	return cancelled ? -2 : 0;
}

void sigcache_install(struct collection *c, struct simsig **out)
{
	for (size_t i = 0; i < c->n; i++) {
		if (!out[i]) continue;
		if (!c->items[i].sig) c->items[i].sig = out[i];
		else simsig_free(out[i]);
		out[i] = NULL;
	}
}

void sigcache_drop(struct simsig **out, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		simsig_free(out[i]);
		out[i] = NULL;
	}
}

void sigcache_fill(struct collection *c, const char *file, struct sigcache_stats *st)
{
	if (sigcache_complete(c)) {
		if (st) *st = (struct sigcache_stats){0};
		return;
	}
	struct simsig **out = xcalloc(c->n + 1, sizeof *out);
	sigcache_compute(c, file, out, NULL, NULL, NULL, st);
	sigcache_install(c, out);
	free(out);
}

uint64_t sigcache_version(void)
{
	return params() ^ SC_FORMAT;
}

bool sigcache_complete(const struct collection *c)
{
	for (size_t i = 0; i < c->n; i++)
		if (!c->items[i].sig) return false;
	return true;
}

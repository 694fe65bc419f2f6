/* SPDX-License-Identifier: MIT
 * The signature file (sigcache.h): a flat, checksummed binary file read
 * whole, records found by path (sigindex.h), each record checked only
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
#include "core/base/strbuf.h"
#include "core/base/util.h"
#include "core/base/xdg.h"
#include "core/collection/collection.h"
#include "core/find/sigindex.h"
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

/* ---- the file ---- */

/* The old file is read once, in pieces (its checksum and its records'
 * lengths checked on the way), keeping only where each record is; a
 * record is read again (pread) when it is taken. Why: read whole, the
 * file was 1 GB of memory at 1,000,000 articles. */
#define SC_PIECE (1u << 20)
#define SC_MAX_REC (1u << 20) /* a record longer is damage (real ones: < 8 KB) */

struct sc_file {
	int fd;              /* -1: none */
	struct sigindex ix;  /* where each record is, by path */
	size_t n;            /* records (ix.n, or 0 when the file is not used) */
	unsigned char *rec;  /* owned: the record read last */
	size_t reccap;
	bool damaged;
};

static uint64_t params(void)
{
	char buf[96];
	int n = snprintf(buf, sizeof buf, "%s %u %d %d %d", DOSSIER_VERSION, SC_FORMAT, SIM_TERMS,
			 SIM_MINHASH, SIM_MIN_SHINGLES);
	return hash_bytes(buf, (size_t)n, 7);
}

/* A window on the file read in pieces: its bytes [at, at + have) are at
 * buf + off (moved to the buffer's start only when it is refilled). */
struct sc_reader {
	int fd;
	unsigned char *buf;
	size_t cap, off, have;
	uint64_t at;
	struct hash_stream hs;
};

static const unsigned char *rd_at(const struct sc_reader *r) { return r->buf + r->off; }

/* Make n bytes from the window's start readable; false at the file's end. */
static bool rd_fill(struct sc_reader *r, size_t n)
{
	if (r->have >= n) return true;
	if (r->off) {
		memmove(r->buf, r->buf + r->off, r->have);
		r->off = 0;
	}
	if (n > r->cap) {
		r->cap = n + SC_PIECE;
		r->buf = xrealloc(r->buf, r->cap);
	}
	while (r->have < n) {
		ssize_t got = pread(r->fd, r->buf + r->have, r->cap - r->have, (off_t)(r->at + r->have));
		if (got < 0 && errno == EINTR) continue;
		if (got <= 0) return false;
		r->have += (size_t)got;
	}
	return true;
}

/* Step over n bytes (filled), counting them in the checksum. */
static void rd_skip(struct sc_reader *r, size_t n)
{
	hash_stream_add(&r->hs, rd_at(r), n);
	r->off += n;
	r->have -= n;
	r->at += n;
}

/* The length of the record at the window's start, checked as get_sig
 * checks its lengths; 0 when it is damaged. */
static size_t rd_record(struct sc_reader *r, uint64_t left)
{
	size_t need = 4;
	if (left < need || !rd_fill(r, need)) return 0;
	uint32_t plen = metablob_load_u32(rd_at(r));
	if (plen == 0 || plen > SC_MAX_REC) return 0;
	need += plen + 7 * 8 + 4;
	if (left < need || !rd_fill(r, need)) return 0;
	if (memchr(rd_at(r) + 4, '\0', plen) != rd_at(r) + 4 + plen - 1) return 0;
	uint32_t nterms = metablob_load_u32(rd_at(r) + need - 4);
	if (nterms > SIM_TERMS) return 0;
	need += nterms * sizeof(uint16_t) + 4 + SIM_MINHASH * sizeof(uint16_t) + 4;
	if (left < need || !rd_fill(r, need)) return 0;
	uint32_t tlen = metablob_load_u32(rd_at(r) + need - 4);
	if (tlen > SC_MAX_REC) return 0;
	need += tlen;
	if (left < need || !rd_fill(r, need)) return 0;
	return need;
}

static bool parse(struct sc_file *f, uint64_t flen)
{
	struct sc_reader r = {f->fd, NULL, 0, 0, 0, 0, {0}};
	bool ok = false;
	if (flen < SC_HEADER || !rd_fill(&r, SC_HEADER) || memcmp(r.buf, SC_MAGIC, 8) != 0) goto out;
	struct metablob_rd h = {r.buf + 8, r.buf + SC_HEADER, false};
	uint32_t format = metablob_get_u32(&h), par = metablob_get_u32(&h);
	uint64_t count = (uint64_t)metablob_get_i64(&h), plen = (uint64_t)metablob_get_i64(&h),
		 sum = (uint64_t)metablob_get_i64(&h);
	if (plen != flen - SC_HEADER) goto out;
	r.have -= SC_HEADER;
	r.off = SC_HEADER;
	r.at = SC_HEADER;
	hash_stream_init(&r.hs, plen, 13);
	bool ours = format == SC_FORMAT && par == (uint32_t)params();
	while (r.at < flen) {
		size_t len = ours ? rd_record(&r, flen - r.at) : 0;
		if (!len) { /* another version's records: only the checksum */
			size_t piece = flen - r.at < SC_PIECE ? (size_t)(flen - r.at) : SC_PIECE;
			if (ours || !rd_fill(&r, piece)) goto out;
			rd_skip(&r, piece);
			continue;
		}
		sigindex_add(&f->ix, r.at, (uint32_t)len, (const char *)rd_at(&r) + 4);
		f->n++;
		rd_skip(&r, len);
	}
	ok = hash_stream_end(&r.hs) == sum && (!ours || f->n == count);
	if (ok && !ours) f->n = 0; /* another version: rebuilt */
out:
	free(r.buf);
	return ok;
}

static void file_open(struct sc_file *f, const char *file)
{
	memset(f, 0, sizeof *f);
	f->fd = -1;
	if (!file) return;
	f->fd = open(file, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	if (f->fd < 0) return; /* ENOENT: the normal first time */
	struct stat st;
	bool ok = fstat(f->fd, &st) == 0 && S_ISREG(st.st_mode) &&
		  (uint64_t)st.st_size <= SC_MAX_FILE && parse(f, (uint64_t)st.st_size);
	if (!ok || !f->n) {
		f->damaged = !ok;
		sigindex_clear(&f->ix);
		f->n = 0;
	}
}

static void file_close(struct sc_file *f)
{
	sigindex_free(&f->ix);
	free(f->rec);
	if (f->fd >= 0) close(f->fd);
}

/* The record of path read into f->rec, positioned after its path; false
 * when there is none or it cannot be read. */
static bool file_record(struct sc_file *f, const char *path, struct metablob_rd *r)
{
	size_t i;
	if (!f->n || !sigindex_find(&f->ix, path, &i)) return false;
	const uint32_t len = f->ix.len[i];
	if (len > f->reccap) {
		f->reccap = len;
		f->rec = xrealloc(f->rec, f->reccap);
	}
	size_t got = 0;
	while (got < len) {
		ssize_t n = pread(f->fd, f->rec + got, len - got, (off_t)(f->ix.off[i] + got));
		if (n < 0 && errno == EINTR) continue;
		if (n <= 0) return false;
		got += (size_t)n;
	}
	/* checked when the file was read, but read again: the bytes may have
	 * changed in place since; and the index found it by its path's hash */
	uint32_t plen = len >= 4 ? metablob_load_u32(f->rec) : UINT32_MAX;
	if (plen > len - 4 || plen == 0 || f->rec[4 + plen - 1] != '\0' ||
	    strcmp((const char *)f->rec + 4, path) != 0)
		return false;
	*r = (struct metablob_rd){f->rec + 4 + plen, f->rec + len, false};
	return true;
}

/* The record of path when its key equals k (k NULL: whatever its key). */
static struct simsig *file_take(struct sc_file *f, const char *path, const struct sc_key *k)
{
	struct metablob_rd r;
	if (!file_record(f, path, &r)) return NULL;
	struct sc_key have;
	get_key(&r, &have);
	if (r.bad || (k && memcmp(&have, k, sizeof have) != 0)) return NULL;
	return get_sig(&r);
}

/* Does the file hold a record of path with key k? */
static bool file_has(struct sc_file *f, const char *path, const struct sc_key *k)
{
	struct metablob_rd r;
	if (!file_record(f, path, &r)) return false;
	struct sc_key have;
	get_key(&r, &have);
	return !r.bad && memcmp(&have, k, sizeof have) == 0;
}

/* The new file, written as its records are made (temp file, renamed when
 * complete): the checksum, over all of them, is made by reading the temp
 * file back once it is written. */
struct sc_out {
	struct fsutil_atomic w;
	bool open;
	struct strbuf buf; /* not yet written */
	uint64_t len;      /* payload bytes */
	size_t count;
};

static void out_flush(struct sc_out *o, bool always)
{
	if (o->open && o->buf.len && (always || o->buf.len >= SC_PIECE)) {
		fsutil_atomic_write(&o->w, o->buf.buf, o->buf.len);
		o->len += o->buf.len;
		o->buf.len = 0;
	}
}

static void out_open(struct sc_out *o, const char *file)
{
	memset(o, 0, sizeof *o);
	o->buf = (struct strbuf)STRBUF_INIT;
	if (!file) return;
	char *dir = fsutil_dirname(file);
	fsutil_mkdir_p(dir, 0700);
	free(dir);
	fsutil_clean_stale_temps(file);
	o->open = fsutil_atomic_open(&o->w, file, FSUTIL_PRIVATE) == 0;
	if (!o->open) fsutil_atomic_abort(&o->w);
	char zero[SC_HEADER] = {0};
	if (o->open) fsutil_atomic_write(&o->w, zero, sizeof zero);
}

/* Commit (keep) or drop the new file; 0 or an errno value. */
static int out_close(struct sc_out *o, bool keep)
{
	int err = 0;
	if (o->open && keep) {
		out_flush(o, true);
		struct hash_stream hs;
		hash_stream_init(&hs, o->len, 13);
		int fd = o->w.err ? -1 : open(o->w.tmp, O_RDONLY | O_CLOEXEC);
		char *piece = xmalloc(SC_PIECE);
		uint64_t at = SC_HEADER, end = SC_HEADER + o->len;
		while (fd >= 0 && at < end) {
			ssize_t n = pread(fd, piece, end - at < SC_PIECE ? (size_t)(end - at) : SC_PIECE, (off_t)at);
			if (n < 0 && errno == EINTR) continue;
			if (n <= 0) break;
			hash_stream_add(&hs, piece, (size_t)n);
			at += (uint64_t)n;
		}
		free(piece);
		if (fd >= 0) close(fd);
		struct strbuf h = STRBUF_INIT;
		strbuf_add(&h, SC_MAGIC, 8);
		metablob_put_u32(&h, SC_FORMAT);
		metablob_put_u32(&h, (uint32_t)params());
		metablob_put_i64(&h, (int64_t)o->count);
		metablob_put_i64(&h, (int64_t)o->len);
		metablob_put_i64(&h, (int64_t)hash_stream_end(&hs));
		if (at != end && !o->w.err) o->w.err = EIO;
		fsutil_atomic_pwrite(&o->w, h.buf, h.len, 0);
		strbuf_free(&h);
		err = fsutil_atomic_commit(&o->w, NULL);
	} else if (o->open) {
		fsutil_atomic_abort(&o->w);
	}
	strbuf_free(&o->buf);
	return err;
}

/* ---- signing ---- */

/* Start the new file at article i, the first change: the records of the
 * articles before it are the old file's, copied as they are. */
static void out_start(struct sc_out *o, const char *file, struct sc_file *f,
		      const struct collection *c, const unsigned char *keyed, size_t i)
{
	out_open(o, file);
	for (size_t j = 0; j < i && o->open; j++) {
		struct metablob_rd r;
		const char *path = c->items[j].path;
		if (!keyed[j] || !file_record(f, path, &r)) continue; /* not keyed: no record */
		strbuf_add(&o->buf, (const char *)f->rec, (size_t)(r.end - f->rec));
		o->count++;
		out_flush(o, false);
	}
}

int sigcache_compute(const struct collection *c, const char *file, struct simsig **out,
		     const atomic_int *cancel, sigcache_progress_fn progress, void *pctx,
		     struct sigcache_stats *st)
{
	struct sigcache_stats s = {0};
	struct sc_file f;
	file_open(&f, file);
	s.loaded = f.n;
	s.damaged = f.damaged;
	struct sc_out o = {.buf = STRBUF_INIT};
	bool started = false;
	unsigned char *keyed_at = xcalloc(c->n + 1, 1); /* which articles have a record */
	size_t count = 0;
	/* rewrite when a record is new or changed, or when one is gone */
	bool dirty = f.damaged || (file && f.fd < 0), cancelled = false;
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
		struct simsig *mine = NULL;
		if (sig && keyed && !file_has(&f, a->path, &k)) dirty = true;
		if (!sig && keyed && (mine = file_take(&f, a->path, &k))) s.taken++;
		if (!sig && !mine) {
			size_t len = 0;
			char *body = article_body_read(a, &len, NULL);
			mine = simsig_of_body(a, body, len);
			free(body);
			s.made++;
			dirty = true;
		}
		if (!sig) sig = mine;
		keyed_at[i] = keyed && a->path;
		if (dirty && file && !started) {
			out_start(&o, file, &f, c, keyed_at, i);
			started = true;
		}
		if (keyed && a->path) {
			if (started) {
				put_sig(&o.buf, a->path, &k, sig);
				o.count++;
				out_flush(&o, false);
			}
			count++;
		}
		if (out) out[i] = mine;
		else simsig_free(mine);
	}
	if (progress && !cancelled) progress(pctx, c->n, c->n);
	if (count != f.n) dirty = true; /* records added or gone */
	if (!cancelled && file && dirty && !started) {
		out_start(&o, file, &f, c, keyed_at, c->n);
		started = true;
	}
	if (started) s.written = out_close(&o, !cancelled) == 0 && !cancelled;
	s.current = file && !cancelled && (!dirty || s.written);
	free(keyed_at);
	strbuf_free(&o.buf);
	file_close(&f);
	if (st) *st = s;
	return cancelled ? -2 : 0;
}

/* ---- reading the signatures back, one at a time ---- */

struct sigcache_reader {
	const struct collection *c;
	struct sc_file f;
	struct simsig *cur; /* owned: the one handed out last */
	const atomic_int *cancel;
	struct stat st;
};

struct sigcache_reader *sigcache_reader_open(const struct collection *c, const char *file,
					     const atomic_int *cancel)
{
	struct sigcache_reader *r = xcalloc(1, sizeof *r);
	r->c = c;
	r->cancel = cancel;
	file_open(&r->f, file);
	if (r->f.fd < 0 || fstat(r->f.fd, &r->st) != 0) memset(&r->st, 0, sizeof r->st);
	return r;
}

bool sigcache_reader_file(const struct sigcache_reader *r, const char *file)
{
	struct stat now;
	return r->f.fd >= 0 && file && stat(file, &now) == 0 && now.st_ino == r->st.st_ino &&
	       now.st_dev == r->st.st_dev && now.st_size == r->st.st_size &&
	       now.st_mtim.tv_sec == r->st.st_mtim.tv_sec && now.st_mtim.tv_nsec == r->st.st_mtim.tv_nsec;
}

bool sigcache_reader_next(struct sigcache_reader *r, size_t i, const struct simsig **out)
{
	simsig_free(r->cur);
	r->cur = NULL;
	*out = NULL;
	if (r->cancel && atomic_load(r->cancel)) return false;
	const struct article *a = &r->c->items[i];
	if (a->sig) {
		*out = a->sig;
		return true;
	}
	if (a->path) r->cur = file_take(&r->f, a->path, NULL);
	if (!r->cur) { /* no record (its file could not be stat-ed): signed here */
		size_t len = 0;
		char *body = article_body_read(a, &len, NULL);
		r->cur = simsig_of_body(a, body, len);
		free(body);
	}
	*out = r->cur;
	return true;
}

void sigcache_reader_close(struct sigcache_reader *r)
{
	if (!r) return;
	simsig_free(r->cur);
	file_close(&r->f);
	free(r);
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

/* Only the entries still set are written: an array the job never filled
 * (a warm .rel: no signature read) stays untouched zero pages, instead of
 * 8 MB made resident at a million articles just to be freed. */
void sigcache_drop(struct simsig **out, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (out[i]) {
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

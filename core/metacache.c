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
 * File: header | records. Header: magic "DOSSMETA", u32 format, u32 0,
 * u64 fingerprint, u64 record count, u64 payload bytes, u64 checksum of the
 * payload. Record: str rel, u8 sidecar bits, stats, u32 blob length, blob.
 * Integers are native-endian (the cache never leaves the machine; another
 * byte order shows as a wrong format number and the file is rebuilt). */
#include "core/metacache.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/cachefile.h"
#include "core/fsutil.h"
#include "core/strbuf.h"
#include "core/util.h"

#define MC_MAGIC "DOSSMETA"
/* Bump whenever loading computes anything differently (parsing, titles,
 * flags, diagnostics), so old caches are rebuilt instead of trusted. */
#define MC_FORMAT 1u
#define MC_HEADER 48
#define MC_NULL_STR 0xFFFFFFFFu

#ifndef DOSSIER_VERSION
#define DOSSIER_VERSION "dev"
#endif

struct rec {
	char *rel;             /* owned */
	struct metacache_key key;
	const unsigned char *blob; /* into file or own */
	unsigned char *own;    /* owned blob when put, else NULL */
	size_t blen;
	bool live;             /* taken or put in this session: saved */
};

struct metacache {
	char *file;            /* owned; NULL: no cache folder */
	char *root;            /* owned */
	uint64_t fingerprint;
	unsigned char *data;   /* owned file contents */
	size_t dlen;
	struct rec *recs;
	size_t n, cap;
	uint32_t *slots;       /* rec index + 1; 0 empty */
	size_t nslots;
	struct metacache_stats st;
	bool dirty;
};

static inline uint64_t rotl(uint64_t x, int r) { return (x << r) | (x >> (64 - r)); }

static uint64_t fmix(uint64_t h)
{
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	return h ^ (h >> 33);
}

/* Eight bytes a step: the checksum runs over the whole file at each start. */
uint64_t metacache_hash(const void *data, size_t len, uint64_t seed)
{
	const unsigned char *p = data;
	uint64_t h = seed ^ (len * 0x9E3779B97F4A7C15ULL);
	while (len >= 8) {
		uint64_t w;
		memcpy(&w, p, 8);
		h = rotl(h ^ (w * 0x87c37b91114253d5ULL), 31) * 0x4cf5ad432745937fULL;
		p += 8;
		len -= 8;
	}
	uint64_t t = 0;
	if (len) memcpy(&t, p, len);
	h ^= t * 0x87c37b91114253d5ULL;
	return fmix(h);
}

uint64_t metacache_vocab_hash(const char *shipped, const char *user_path)
{
	uint64_t h = metacache_hash(shipped ? shipped : "", shipped ? strlen(shipped) : 0, 5);
	if (user_path) {
		char *text = NULL;
		size_t len = 0;
		int err = fsutil_read_file(user_path, 4u << 20, &text, &len);
		h = metacache_hash(user_path, strlen(user_path), h);
		h = err ? metacache_hash(&err, sizeof err, h) : metacache_hash(text, len, h);
		free(text);
	}
	return h ? h : 1;
}

/* ---- little writers and a bounds-checked reader ---- */

static void put_u32(struct strbuf *sb, uint32_t v) { strbuf_add(sb, (const char *)&v, 4); }
static void put_i64(struct strbuf *sb, int64_t v) { strbuf_add(sb, (const char *)&v, 8); }
static void put_str(struct strbuf *sb, const char *s)
{
	if (!s) {
		put_u32(sb, MC_NULL_STR);
		return;
	}
	size_t n = strlen(s);
	put_u32(sb, (uint32_t)n);
	strbuf_add(sb, s, n);
}

struct rd {
	const unsigned char *p, *end;
	bool bad;
};

static bool rd_need(struct rd *r, size_t n)
{
	if (r->bad || (size_t)(r->end - r->p) < n) r->bad = true;
	return !r->bad;
}
static uint32_t get_u32(struct rd *r)
{
	uint32_t v = 0;
	if (rd_need(r, 4)) memcpy(&v, r->p, 4), r->p += 4;
	return v;
}
static int64_t get_i64(struct rd *r)
{
	int64_t v = 0;
	if (rd_need(r, 8)) memcpy(&v, r->p, 8), r->p += 8;
	return v;
}
/* A string as a fresh NUL-terminated copy; NULL for the null string or on
 * error (check r->bad). A NUL inside is an error: strings never hold one. */
static char *get_str(struct rd *r, bool *isnull)
{
	uint32_t n = get_u32(r);
	*isnull = false;
	if (r->bad) return NULL;
	if (n == MC_NULL_STR) {
		*isnull = true;
		return NULL;
	}
	if (!rd_need(r, n)) return NULL;
	if (memchr(r->p, '\0', n)) {
		r->bad = true;
		return NULL;
	}
	char *s = xstrndup((const char *)r->p, n);
	r->p += n;
	return s;
}
static char *get_opt(struct rd *r)
{
	bool isnull;
	return get_str(r, &isnull);
}
static char *get_req(struct rd *r)
{
	bool isnull;
	char *s = get_str(r, &isnull);
	if (isnull) r->bad = true;
	return s;
}

static void put_stat(struct strbuf *sb, const struct metacache_stat *s)
{
	put_i64(sb, s->size);
	put_i64(sb, s->mtime_s);
	put_i64(sb, s->mtime_ns);
	put_i64(sb, s->ctime_s);
	put_i64(sb, s->ctime_ns);
	put_i64(sb, s->ino);
}
static void get_stat(struct rd *r, struct metacache_stat *s)
{
	s->size = get_i64(r);
	s->mtime_s = get_i64(r);
	s->mtime_ns = get_i64(r);
	s->ctime_s = get_i64(r);
	s->ctime_ns = get_i64(r);
	s->ino = get_i64(r);
}
static bool stat_present(const struct metacache_stat *s)
{
	static const struct metacache_stat zero;
	return memcmp(s, &zero, sizeof zero) != 0;
}
static bool key_eq(const struct metacache_key *a, const struct metacache_key *b)
{
	return memcmp(a, b, sizeof *a) == 0;
}

/* ---- the record table ---- */

static uint64_t str_hash(const char *s) { return metacache_hash(s, strlen(s), 1); }

static void table_rebuild(struct metacache *mc)
{
	free(mc->slots);
	mc->nslots = 16;
	while (mc->nslots < mc->n * 2 + 2) mc->nslots *= 2;
	mc->slots = xcalloc(mc->nslots, sizeof *mc->slots);
	for (size_t i = 0; i < mc->n; i++) {
		size_t h = str_hash(mc->recs[i].rel) & (mc->nslots - 1);
		while (mc->slots[h]) h = (h + 1) & (mc->nslots - 1);
		mc->slots[h] = (uint32_t)i + 1;
	}
}

static struct rec *table_find(const struct metacache *mc, const char *rel)
{
	if (!mc->nslots) return NULL;
	size_t h = str_hash(rel) & (mc->nslots - 1);
	for (; mc->slots[h]; h = (h + 1) & (mc->nslots - 1)) {
		struct rec *r = &mc->recs[mc->slots[h] - 1];
		if (strcmp(r->rel, rel) == 0) return r;
	}
	return NULL;
}

/* ---- fingerprint and file loading ---- */

static uint64_t fingerprint(const char *abs, const struct fieldmap *fm, uint64_t vocab_hash)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_addf(&sb, "dossier %s format %u vocab %016llx root %s", DOSSIER_VERSION, MC_FORMAT,
		    (unsigned long long)vocab_hash, abs);
	for (int f = 0; f < FIELD_COUNT; f++) {
		strbuf_addf(&sb, "\n%d:", f);
		for (size_t i = 0; fm && i < fm->keys[f].n; i++) {
			put_str(&sb, fm->keys[f].v[i]);
		}
	}
	uint64_t h = metacache_hash(sb.buf, sb.len, 3);
	strbuf_free(&sb);
	return h;
}

/* Read the whole file with one read loop; ENOENT is the normal cold case. */
static int read_all(const char *path, unsigned char **data, size_t *len)
{
	*data = NULL;
	*len = 0;
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) return errno;
	struct stat st;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || st.st_size < 0 ||
	    (uint64_t)st.st_size > ((uint64_t)1 << 34)) {
		close(fd);
		return EINVAL;
	}
	size_t want = (size_t)st.st_size, got = 0;
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

/* Parse the file into records; false when anything is off (then the cache
 * starts empty). Each record's blob is only checked when taken. */
static bool parse_file(struct metacache *mc)
{
	if (mc->dlen < MC_HEADER || memcmp(mc->data, MC_MAGIC, 8) != 0) return false;
	struct rd r = {mc->data + 8, mc->data + mc->dlen, false};
	uint32_t format = get_u32(&r);
	get_u32(&r);
	uint64_t fp = (uint64_t)get_i64(&r), count = (uint64_t)get_i64(&r);
	uint64_t plen = (uint64_t)get_i64(&r), sum = (uint64_t)get_i64(&r);
	if (format != MC_FORMAT || plen != mc->dlen - MC_HEADER) return false;
	if (metacache_hash(mc->data + MC_HEADER, (size_t)plen, 11) != sum) return false;
	if (fp != mc->fingerprint) return true; /* valid but for other settings: rebuild quietly */
	if (count > plen / 12) return false;    /* a record takes at least 12 bytes */
	mc->recs = xcalloc(count ? count : 1, sizeof *mc->recs);
	mc->cap = count;
	while (mc->n < count) {
		struct rec *rc = &mc->recs[mc->n];
		rc->rel = get_req(&r);
		if (r.bad) return false;
		mc->n++;
		uint32_t bits = get_u32(&r);
		get_stat(&r, &rc->key.file);
		if (bits & 1) get_stat(&r, &rc->key.side_yaml);
		if (bits & 2) get_stat(&r, &rc->key.side_yml);
		uint32_t blen = get_u32(&r);
		if (!rd_need(&r, blen)) return false;
		rc->blob = r.p;
		rc->blen = blen;
		r.p += blen;
	}
	if (r.p != r.end) return false;
	mc->st.loaded = mc->n;
	return true;
}

static void drop_records(struct metacache *mc)
{
	for (size_t i = 0; i < mc->n; i++) {
		free(mc->recs[i].rel);
		free(mc->recs[i].own);
	}
	free(mc->recs);
	mc->recs = NULL;
	mc->n = mc->cap = 0;
}

struct metacache *metacache_open_file(const char *file, const char *root,
				      const struct fieldmap *fm, uint64_t vocab_hash,
				      char **note)
{
	struct metacache *mc = xcalloc(1, sizeof *mc);
	if (note) *note = NULL;
	mc->file = xstrdup(file);
	mc->root = xstrdup(root);
	char *abs = cachefile_abspath(root);
	mc->fingerprint = fingerprint(abs, fm, vocab_hash);
	free(abs);
	mc->dirty = true; /* until a matching file is read */
	if (!file) return mc;
	int err = read_all(file, &mc->data, &mc->dlen);
	if (err == 0) {
		if (parse_file(mc)) {
			mc->dirty = false;
		} else {
			drop_records(mc);
			if (note) {
				struct strbuf sb = STRBUF_INIT;
				strbuf_addf(&sb, "index file %s was damaged; rebuilt", file);
				*note = strbuf_steal(&sb);
			}
		}
		if (!mc->n) mc->dirty = true;
	}
	table_rebuild(mc);
	return mc;
}

struct metacache *metacache_open(const char *root, const struct fieldmap *fm,
				 uint64_t vocab_hash, char **note)
{
	char *file = cachefile_path(root, ".meta");
	struct metacache *mc = metacache_open_file(file, root, fm, vocab_hash, note);
	free(file);
	return mc;
}

/* ---- articles to and from blobs ---- */

static void put_list(struct strbuf *sb, const struct strlist *l)
{
	put_u32(sb, (uint32_t)l->n);
	for (size_t i = 0; i < l->n; i++) put_str(sb, l->v[i]);
}

static bool get_list(struct rd *r, struct strlist *l)
{
	uint32_t n = get_u32(r);
	if (!rd_need(r, 0) || n > (size_t)(r->end - r->p) / 4) return r->bad = true, false;
	for (uint32_t i = 0; i < n && !r->bad; i++) {
		char *s = get_req(r);
		if (s) strlist_push_own(l, s);
	}
	return !r->bad;
}

/* root as diag paths spell it: "root/" (paths are joined that way). */
static size_t root_prefix(const char *path, const char *root)
{
	size_t n = strlen(root);
	if (!n || strncmp(path, root, n) != 0) return 0;
	if (root[n - 1] == '/') return n;
	return path[n] == '/' ? n + 1 : 0;
}

static void encode(struct strbuf *sb, const struct article *a, const char *root,
		   const struct diag_list *diags, size_t from)
{
	put_str(sb, a->title);
	put_str(sb, a->source);
	put_str(sb, a->url);
	put_str(sb, a->summary);
	put_str(sb, a->lang);
	put_list(sb, &a->authors);
	put_list(sb, &a->tags);
	put_list(sb, &a->derived);
	put_u32(sb, (uint32_t)a->nextra);
	for (size_t i = 0; i < a->nextra; i++) {
		put_str(sb, a->extra[i].key);
		put_str(sb, a->extra[i].value);
	}
	put_i64(sb, a->date);
	put_u32(sb, (uint32_t)a->meta);
	put_u32(sb, a->flags);
	put_i64(sb, (int64_t)a->body_off);
	put_i64(sb, a->body_line);
	put_i64(sb, a->size);
	put_i64(sb, a->mtime);
	put_u32(sb, (uint32_t)(diags->n - from));
	for (size_t i = from; i < diags->n; i++) {
		const struct diag *d = &diags->items[i];
		size_t pre = root_prefix(d->path, root);
		put_u32(sb, (uint32_t)d->level | (pre ? 0x100u : 0));
		put_i64(sb, d->line);
		put_i64(sb, d->col);
		put_str(sb, d->path + pre);
		put_str(sb, d->msg);
	}
}

static bool decode(struct rd *r, struct article *a, const char *root, struct diag_list *out)
{
	a->title = get_req(r);
	a->source = get_opt(r);
	a->url = get_opt(r);
	a->summary = get_opt(r);
	a->lang = get_opt(r);
	get_list(r, &a->authors);
	get_list(r, &a->tags);
	get_list(r, &a->derived);
	uint32_t nx = get_u32(r);
	if (nx > (size_t)(r->end - r->p) / 8) r->bad = true;
	for (uint32_t i = 0; i < nx && !r->bad; i++) {
		char *k = get_req(r), *v = get_req(r);
		if (k && v) article_set_extra(a, k, v);
		free(k);
		free(v);
	}
	int64_t date = get_i64(r), meta = get_u32(r), flags = get_u32(r);
	int64_t off = get_i64(r), line = get_i64(r);
	a->size = get_i64(r);
	a->mtime = get_i64(r);
	if (date < 0 || date > 99991231 || meta > META_SIDECAR || off < 0 || off > a->size ||
	    line < 1 || line > INT_MAX)
		r->bad = true;
	a->date = (int)date;
	a->meta = (enum meta_kind)meta;
	a->flags = (unsigned)flags;
	a->body_off = (uint64_t)off;
	a->body_line = (int)line;
	uint32_t nd = get_u32(r);
	if (nd > (size_t)(r->end - r->p) / 28) r->bad = true;
	struct diag_list tmp = DIAG_LIST_INIT;
	for (uint32_t i = 0; i < nd && !r->bad; i++) {
		uint32_t lv = get_u32(r);
		int64_t dl = get_i64(r), dc = get_i64(r);
		char *p = get_req(r), *m = get_req(r);
		if (!r->bad && (lv & 0xFF) <= DIAG_ERROR && dl >= 0 && dl <= INT_MAX && dc >= 0 &&
		    dc <= INT_MAX) {
			struct strbuf sb = STRBUF_INIT;
			if (lv & 0x100) {
				strbuf_adds(&sb, root);
				if (!*root || root[strlen(root) - 1] != '/') strbuf_addc(&sb, '/');
			}
			strbuf_adds(&sb, p);
			diag_add(&tmp, (enum diag_level)(lv & 0xFF), sb.buf, (int)dl, (int)dc, "%s", m);
			strbuf_free(&sb);
		} else {
			r->bad = true;
		}
		free(p);
		free(m);
	}
	if (!r->bad && r->p != r->end) r->bad = true;
	if (!r->bad) diag_list_move(out, &tmp);
	diag_list_free(&tmp);
	return !r->bad;
}

bool metacache_take(struct metacache *mc, const char *rel, const struct metacache_key *key,
		    struct article *a, const char *root, struct diag_list *diags)
{
	struct rec *rc = table_find(mc, rel);
	if (!rc || !key_eq(&rc->key, key)) return false;
	struct rd r = {rc->blob, rc->blob + rc->blen, false};
	char *id = a->id, *path = a->path;
	if (!decode(&r, a, root, diags)) {
		/* keep what the caller set, drop the half-decoded rest */
		a->id = NULL;
		a->path = NULL;
		article_free(a);
		memset(a, 0, sizeof *a);
		a->id = id;
		a->path = path;
		return false;
	}
	rc->live = true;
	mc->st.taken++;
	return true;
}

void metacache_put(struct metacache *mc, const char *rel, const struct metacache_key *key,
		   const struct article *a, const char *root, const struct diag_list *diags,
		   size_t from)
{
	/* An article that could not be read is tried again next time. */
	if (a->flags & ART_UNREADABLE) return;
	struct rec *rc = table_find(mc, rel);
	if (!rc) {
		ARRAY_RESERVE(mc->recs, mc->cap, mc->n + 1);
		rc = &mc->recs[mc->n++];
		memset(rc, 0, sizeof *rc);
		rc->rel = xstrdup(rel);
		if (mc->n * 2 + 2 > mc->nslots) {
			table_rebuild(mc);
		} else {
			size_t h = str_hash(rel) & (mc->nslots - 1);
			while (mc->slots[h]) h = (h + 1) & (mc->nslots - 1);
			mc->slots[h] = (uint32_t)mc->n;
		}
	}
	struct strbuf sb = STRBUF_INIT;
	encode(&sb, a, root, diags, from);
	free(rc->own);
	rc->blen = sb.len;
	rc->own = (unsigned char *)strbuf_steal(&sb);
	if (!rc->own) rc->own = xcalloc(1, 1);
	rc->blob = rc->own;
	rc->key = *key;
	rc->live = true;
	mc->st.put++;
	mc->dirty = true;
}

int metacache_save(struct metacache *mc)
{
	size_t live = 0;
	for (size_t i = 0; i < mc->n; i++) live += mc->recs[i].live;
	if (live != mc->st.loaded) mc->dirty = true; /* some were not seen again */
	if (!mc->dirty || !mc->file) return 0;
	struct strbuf sb = STRBUF_INIT;
	strbuf_add(&sb, MC_MAGIC, 8);
	put_u32(&sb, MC_FORMAT);
	put_u32(&sb, 0);
	put_i64(&sb, (int64_t)mc->fingerprint);
	put_i64(&sb, (int64_t)live);
	put_i64(&sb, 0); /* payload length, then checksum: filled in below */
	put_i64(&sb, 0);
	for (size_t i = 0; i < mc->n; i++) {
		const struct rec *rc = &mc->recs[i];
		if (!rc->live) continue;
		put_str(&sb, rc->rel);
		uint32_t bits = (stat_present(&rc->key.side_yaml) ? 1u : 0) |
				(stat_present(&rc->key.side_yml) ? 2u : 0);
		put_u32(&sb, bits);
		put_stat(&sb, &rc->key.file);
		if (bits & 1) put_stat(&sb, &rc->key.side_yaml);
		if (bits & 2) put_stat(&sb, &rc->key.side_yml);
		put_u32(&sb, (uint32_t)rc->blen);
		strbuf_add(&sb, (const char *)rc->blob, rc->blen);
	}
	uint64_t plen = sb.len - MC_HEADER;
	uint64_t sum = metacache_hash(sb.buf + MC_HEADER, plen, 11);
	memcpy(sb.buf + 32, &plen, 8);
	memcpy(sb.buf + 40, &sum, 8);
	int err = cachefile_write_atomic(mc->file, sb.buf, sb.len);
	strbuf_free(&sb);
	if (!err) {
		mc->st.written = true;
		mc->dirty = false;
	}
	return err;
}

struct metacache_stats metacache_stats(const struct metacache *mc) { return mc->st; }

const char *metacache_path(const struct metacache *mc) { return mc->file; }

void metacache_close(struct metacache *mc)
{
	if (!mc) return;
	drop_records(mc);
	free(mc->slots);
	free(mc->data);
	free(mc->file);
	free(mc->root);
	free(mc);
}

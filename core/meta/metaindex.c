/* SPDX-License-Identifier: MIT
 * Reading the metadata cache's lean index in place. Why not load: a warm
 * `list tag:X` at 100,000 articles spent its time decoding 100,000
 * records into heap structs (and freeing them) to print a hundred; here
 * only the file's footer-sealed tail (folders and the index) is mapped,
 * checked and walked, and each article printed is read (pread; records
 * close together read ahead in one piece: metaindex_rec.c) and
 * decoded from its record after its own checksum: 60-100 ms and ~65 MB at
 * 1,000,000 articles, most of it the checksum of the 60 MB tail. Beside
 * the tag postings the index holds columns (date, source, language per
 * article, the latter two as numbers into a table of distinct values), so
 * query_lean_eval judges source:, lang: and date terms without decoding. Why not SQLite (the full-text index's
 * engine): the postings and the record table are already in the file the
 * full load writes, so there is no second store to keep in step; and a
 * lookup here is a binary search over a few thousand tag names.
 *
 * Layout (written by metacache.c): ... | folders | lean index | footer;
 * see metacache.c and metacache_dirs.c. */
#include "core/meta/metaindex.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/base/fsutil.h"
#include "core/base/hash.h"
#include "core/base/util.h"
#include "core/base/xdg.h"
#include "core/meta/article_load.h"
#include "core/meta/metablob.h"
#include "core/meta/metacache_int.h"
#include "core/meta/metaindex_int.h"

static bool stat_key_eq(const struct stat *st, const struct metacache_stat *k)
{
	return k->size == st->st_size && k->mtime_s == st->st_mtim.tv_sec &&
	       k->mtime_ns == st->st_mtim.tv_nsec && k->ctime_s == st->st_ctim.tv_sec &&
	       k->ctime_ns == st->st_ctim.tv_nsec && k->ino == (int64_t)st->st_ino;
}

/* The folder section: the last full check (swept) recent enough and every folder unchanged (one stat
 * each, as the load's freshness check does). check false: only walked
 * over (a snapshot: the refresh that follows finds what changed). */
static bool folders_fresh(struct metablob_rd *r, const char *root, int64_t swept, int check_every,
			  bool check)
{
	int64_t now = (int64_t)time(NULL);
	if (check && (check_every <= 0 || !swept || swept > now || now - swept >= check_every))
		return false;
	uint32_t nd = metablob_get_u32(r);
	for (uint32_t i = 0; i < nd && !r->bad; i++) {
		uint32_t len = metablob_get_u32(r);
		if (!metablob_need(r, len)) return false;
		char *rel = xstrndup((const char *)r->p, len);
		r->p += len;
		struct metacache_stat k;
		k.size = metablob_get_i64(r);
		k.mtime_s = metablob_get_i64(r);
		k.mtime_ns = metablob_get_i64(r);
		k.ctime_s = metablob_get_i64(r);
		k.ctime_ns = metablob_get_i64(r);
		k.ino = metablob_get_i64(r);
		bool trusted = metablob_get_u32(r) != 0;
		uint32_t nk = metablob_get_u32(r);
		if (!check) {
			free(rel);
			if (r->bad || !metablob_need(r, (size_t)nk * 4)) return false;
			r->p += (size_t)nk * 4;
			continue;
		}
		char *path = article_load_join(root, rel);
		struct stat st;
		/* the root as the load sees it (followed), the others not */
		bool ok = !r->bad && memchr(rel, '\0', len) == NULL &&
			  (!check || (trusted && (len ? lstat(path, &st) : stat(path, &st)) == 0 &&
				      stat_key_eq(&st, &k)));
		free(path);
		free(rel);
		if (!ok || !metablob_need(r, (size_t)nk * 4)) return false;
		r->p += (size_t)nk * 4;
	}
	return !r->bad;
}

/* The checksum's pieces: the pages read are let go after each. Why: the
 * reader opens the index (the similarity job's snapshot check) while it
 * holds its whole collection, and the tail's ~70 MB at a million articles
 * counted in its peak all at once (451 against 385 MB settled). */
#define MX_HASH_PIECE ((size_t)8 << 20)

/* The whole pages of the map before p let go once a piece of them has
 * gathered (*gone: bytes let go so far). Why: the parse's checks read the
 * postings and columns, ~41 MB at a million articles, all in the reader's
 * peak when the similarity job opens the index (418 against 377 MB). */
static void let_go_behind(const struct metaindex *mx, const unsigned char *p, size_t *gone)
{
	long pg = sysconf(_SC_PAGESIZE);
	size_t page = pg > 0 ? (size_t)pg : 4096, upto = (size_t)(p - mx->map) / page * page;
	if (upto < *gone + MX_HASH_PIECE) return;
	madvise((void *)(mx->map + *gone), upto - *gone, MADV_DONTNEED);
	*gone = upto;
}

/* The index proper; false when anything is off. */
static bool parse_index(struct metaindex *mx, struct metablob_rd *r)
{
	size_t gone = 0;
	if (metablob_get_u32(r) == 0) return false; /* not usable */
	mx->nrec = metablob_get_u32(r);
	if (r->bad || !metablob_need(r, (size_t)mx->nrec * 24)) return false;
	mx->recs = r->p;
	r->p += (size_t)mx->nrec * 24;
	mx->nart = metablob_get_u32(r);
	if (r->bad || !metablob_need(r, (size_t)mx->nart * 8)) return false;
	mx->arts = r->p;
	mx->dates = r->p + (size_t)mx->nart * 4;
	r->p += (size_t)mx->nart * 8;
	for (uint32_t i = 0; i < mx->nart; i++)
		if (metablob_load_u32(mx->arts + 4 * (size_t)i) >= mx->nrec) return false;
	let_go_behind(mx, r->p, &gone);
	for (int c = 0; c < MC_NCOLS; c++) {
		struct mx_col *col = &mx->cols[c];
		if (!metablob_need(r, (size_t)mx->nart * 4)) return false;
		col->of = r->p;
		r->p += (size_t)mx->nart * 4;
		col->n = metablob_get_u32(r);
		if (r->bad || col->n == 0 || col->n > (size_t)(r->end - r->p) / 4) return false;
		col->vals = xcalloc(col->n, sizeof *col->vals);
		for (uint32_t v = 0; v < col->n; v++) {
			uint32_t len = metablob_get_u32(r);
			if (len == METABLOB_NULL_STR) continue;
			/* a value holds no NUL: it is compared as a C string */
			if (!metablob_need(r, len) || memchr(r->p, '\0', len)) return false;
			col->vals[v] = (struct mx_val){(const char *)r->p, len};
			r->p += len;
		}
		for (uint32_t i = 0; i < mx->nart; i++)
			if (metablob_load_u32(col->of + 4 * (size_t)i) >= col->n) return false;
		let_go_behind(mx, r->p, &gone);
	}
	mx->ntags = metablob_get_u32(r);
	if (r->bad || mx->ntags > (size_t)(r->end - r->p) / 8) return false;
	mx->tags = xcalloc(mx->ntags ? mx->ntags : 1, sizeof *mx->tags);
	for (uint32_t t = 0; t < mx->ntags; t++) {
		struct mx_tag *tg = &mx->tags[t];
		tg->len = metablob_get_u32(r);
		if (!metablob_need(r, tg->len)) return false;
		tg->name = r->p;
		r->p += tg->len;
		tg->n = metablob_get_u32(r);
		if (r->bad || !metablob_need(r, (size_t)tg->n * 4)) return false;
		tg->arts = r->p;
		r->p += (size_t)tg->n * 4;
		tg->nholders = metablob_get_u32(r);
		if (r->bad || !metablob_need(r, (size_t)tg->nholders * 4)) return false;
		tg->holders = r->p;
		r->p += (size_t)tg->nholders * 4;
		for (uint32_t k = 0; k < tg->n; k++)
			if (metablob_load_u32(tg->arts + 4 * (size_t)k) >= mx->nart) return false;
		for (uint32_t k = 0; k < tg->nholders; k++)
			if (metablob_load_u32(tg->holders + 4 * (size_t)k) >= mx->nart) return false;
		/* sorted by name, as the tag index keeps them: binary search */
		if (t) {
			const struct mx_tag *p = &mx->tags[t - 1];
			size_t m = p->len < tg->len ? p->len : tg->len;
			int c = memcmp(p->name, tg->name, m);
			if (c > 0 || (c == 0 && p->len >= tg->len)) return false;
		}
		let_go_behind(mx, r->p, &gone);
	}
	for (int k = 0; k < 3; k++) mx->tref[k] = (uint64_t)metablob_get_i64(r);
	for (int k = 0; k < 3; k++) mx->oref[k] = (uint64_t)metablob_get_i64(r);
	return !r->bad;
}

/* n bytes at off into buf; false on a short read. */
static bool read_at(int fd, void *buf, size_t n, uint64_t off)
{
	size_t got = 0;
	while (got < n) {
		ssize_t r = pread(fd, (char *)buf + got, n - got, (off_t)(off + got));
		if (r < 0 && errno == EINTR) continue;
		if (r <= 0) return false;
		got += (size_t)r;
	}
	return true;
}


uint64_t metaindex_hash_let_go(const unsigned char *map, const unsigned char *p, size_t len,
			       uint64_t seed, size_t piece)
{
	long pg = sysconf(_SC_PAGESIZE);
	size_t page = pg > 0 ? (size_t)pg : 4096, gone = 0; /* bytes of the map let go */
	struct hash_stream hs;
	hash_stream_init(&hs, len, seed);
	for (size_t at = 0; at < len;) {
		size_t n = len - at < piece ? len - at : piece;
		hash_stream_add(&hs, p + at, n);
		at += n;
		size_t upto = (size_t)(p + at - map) / page * page; /* whole pages behind */
		if (upto > gone) madvise((void *)(map + gone), upto - gone, MADV_DONTNEED);
		if (upto > gone) gone = upto;
	}
	return hash_stream_end(&hs);
}

/* metaindex_open_file; check false: without the freshness check. */
static struct metaindex *open_file(const char *file, const char *root, const struct fieldmap *fm,
				   uint64_t vocab_hash, int check_every, bool check)
{
	if (!file || (check && check_every <= 0)) return NULL;
	int fd = open(file, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) return NULL;
	struct metaindex *mx = xcalloc(1, sizeof *mx);
	mx->fd = fd;
	mx->root = xstrdup(root);
	struct stat st;
	unsigned char head[MC_HEADER], foot[MC_FOOTER];
	bool ok = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size >= MC_HEADER + MC_FOOTER;
	mx->len = ok ? (size_t)st.st_size : 0;
	ok = ok && read_at(fd, head, sizeof head, 0) && read_at(fd, foot, sizeof foot, mx->len - MC_FOOTER);
	char *abs = fsutil_abspath(root);
	uint64_t fp = metacache_fingerprint(abs, fm, vocab_hash);
	free(abs);
	ok = ok && memcmp(head, MC_MAGIC, 8) == 0 && metablob_load_u32(head + 8) == MC_FORMAT &&
	     metablob_load_u64(head + 16) == fp && metablob_load_u64(head + 32) == mx->len - MC_HEADER;
	uint64_t lean = ok ? metablob_load_u64(foot) : 0;
	ok = ok && lean >= MC_HEADER && lean <= mx->len - MC_FOOTER;
	mx->lean = lean;
	/* only the folders and the index are mapped: the records are read
	 * one by one where the hits are (a mapping of them would bring in
	 * large page-cache folios around each) */
	if (ok) {
		long page = sysconf(_SC_PAGESIZE);
		mx->mapoff = (size_t)lean - (size_t)lean % (size_t)(page > 0 ? page : 4096);
		mx->maplen = mx->len - mx->mapoff;
		void *map = mmap(NULL, mx->maplen, PROT_READ, MAP_PRIVATE, fd, (off_t)mx->mapoff);
		if (map == MAP_FAILED) ok = false;
		else mx->map = map;
	}
	const unsigned char *p = ok ? mx->map + (lean - mx->mapoff) : NULL;
	const unsigned char *end = ok ? mx->map + mx->maplen - MC_FOOTER : NULL;
	ok = ok && metaindex_hash_let_go(mx->map, p, (size_t)(end - p), 13, MX_HASH_PIECE) ==
			   metablob_load_u64(foot + 8);
	/* the checksum read every page (~70 MB at a million articles): let
	 * them go, the parts read next come back from the page cache (the
	 * reader's snapshot start holds its collection meanwhile) */
	if (ok) madvise((void *)mx->map, mx->maplen, MADV_DONTNEED);
	struct metablob_rd r = {p, end, false};
	/* the last full check: the header's sealed slot (0 when damaged: not fresh) */
	ok = ok && folders_fresh(&r, root, metacache_slot_read(head), check_every, check) &&
	     parse_index(mx, &r) && r.p == r.end;
	if (ok) madvise((void *)mx->map, mx->maplen, MADV_DONTNEED); /* the parse's last piece */
	if (!ok) {
		metaindex_close(mx);
		return NULL;
	}
	return mx;
}

struct metaindex *metaindex_open_file(const char *file, const char *root,
				      const struct fieldmap *fm, uint64_t vocab_hash,
				      int check_every)
{
	/* METAINDEX_AS_SAVED: the file as saved, its folders walked over */
	return open_file(file, root, fm, vocab_hash, check_every, check_every != METAINDEX_AS_SAVED);
}

struct metaindex *metaindex_open_snapshot(const char *root, const struct fieldmap *fm,
					  uint64_t vocab_hash)
{
	char *file = xdg_collection_file(XDG_BASE_CACHE, root, ".meta");
	struct metaindex *mx = open_file(file, root, fm, vocab_hash, 0, false);
	free(file);
	return mx;
}

struct metaindex *metaindex_open(const char *root, const struct fieldmap *fm, uint64_t vocab_hash,
				 int check_every)
{
	char *file = xdg_collection_file(XDG_BASE_CACHE, root, ".meta");
	struct metaindex *mx = metaindex_open_file(file, root, fm, vocab_hash, check_every);
	free(file);
	return mx;
}

size_t metaindex_count(const struct metaindex *mx) { return mx->nart; }
size_t metaindex_ntags(const struct metaindex *mx) { return mx->ntags; }

const char *metaindex_tag_name(const struct metaindex *mx, size_t t, size_t *len)
{
	*len = mx->tags[t].len;
	return (const char *)mx->tags[t].name;
}

size_t metaindex_tag_count(const struct metaindex *mx, size_t t) { return mx->tags[t].n; }

size_t metaindex_tag_art(const struct metaindex *mx, size_t t, size_t k)
{
	return metablob_load_u32(mx->tags[t].arts + 4 * k);
}

size_t metaindex_tag_nholders(const struct metaindex *mx, size_t t) { return mx->tags[t].nholders; }

size_t metaindex_tag_holder(const struct metaindex *mx, size_t t, size_t k)
{
	return metablob_load_u32(mx->tags[t].holders + 4 * k);
}

size_t metaindex_record_no(const struct metaindex *mx, size_t art)
{
	return metablob_load_u32(mx->arts + 4 * art);
}

int metaindex_date(const struct metaindex *mx, size_t art)
{
	return art < mx->nart ? (int)metablob_load_u32(mx->dates + 4 * art) : 0;
}

size_t metaindex_nvalues(const struct metaindex *mx, enum metaindex_col col)
{
	return mx->cols[col].n;
}

const char *metaindex_value(const struct metaindex *mx, enum metaindex_col col, size_t v,
			    size_t *len)
{
	*len = mx->cols[col].vals[v].len;
	return mx->cols[col].vals[v].s;
}

size_t metaindex_value_of(const struct metaindex *mx, enum metaindex_col col, size_t art)
{
	return metablob_load_u32(mx->cols[col].of + 4 * art);
}

long metaindex_tag_find(const struct metaindex *mx, const char *name)
{
	size_t lo = 0, hi = mx->ntags, nlen = strlen(name);
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct mx_tag *tg = &mx->tags[mid];
		size_t m = tg->len < nlen ? tg->len : nlen;
		int c = memcmp(tg->name, name, m);
		if (c == 0) c = tg->len < nlen ? -1 : tg->len > nlen ? 1 : 0;
		if (c == 0) return (long)mid;
		if (c < 0) lo = mid + 1;
		else hi = mid;
	}
	return -1;
}

static bool decode_record(const struct metaindex *mx, const unsigned char *buf, size_t len,
			  struct article *a);

/* Article art's record, read from the file (owned; *len its length), or
 * NULL. checked: its checksum verified. */
static unsigned char *read_record(const struct metaindex *mx, size_t art, size_t *len, bool checked)
{
	if (art >= mx->nart) return NULL;
	const unsigned char *e = mx->recs + 24 * (size_t)metablob_load_u32(mx->arts + 4 * art);
	uint64_t off = metablob_load_u64(e), n = metablob_load_u64(e + 8);
	if (off < MC_HEADER || off > mx->len || n > mx->len - off) return NULL;
	unsigned char *buf = xmalloc(n ? n : 1);
	if (!read_at(mx->fd, buf, n, off) || (checked && hash_bytes(buf, n, 17) != metablob_load_u64(e + 16))) {
		free(buf);
		return NULL;
	}
	*len = n;
	return buf;
}

uint64_t metaindex_fingerprint(const struct metaindex *mx)
{
	/* the records' checksums copied in file order, the mapped pages let
	 * go after each piece, then hashed in the articles' order (the same
	 * hash): read in that order, the records' pages (~24 MB at a million)
	 * all came in at once, in the reader's peak (the similarity job) */
	uint64_t *sum = xmalloc((mx->nrec ? mx->nrec : 1) * sizeof *sum);
	for (size_t i = 0; i < mx->nrec; i++) {
		memcpy(&sum[i], mx->recs + 24 * i + 16, 8);
		if ((i + 1) % (MX_HASH_PIECE / 24) == 0) madvise((void *)mx->map, mx->maplen, MADV_DONTNEED);
	}
	uint64_t h = hash_bytes(&mx->nart, sizeof mx->nart, 29);
	for (size_t art = 0; art < mx->nart; art++)
		h = hash_bytes(&sum[metablob_load_u32(mx->arts + 4 * art)], 8, h);
	free(sum);
	madvise((void *)mx->map, mx->maplen, MADV_DONTNEED);
	return h;
}

bool metaindex_record(const struct metaindex *mx, size_t art, uint64_t *off, uint64_t *len,
		      uint64_t *sum)
{
	if (art >= mx->nart) return false;
	const unsigned char *e = mx->recs + 24 * (size_t)metablob_load_u32(mx->arts + 4 * art);
	*off = metablob_load_u64(e);
	*len = metablob_load_u64(e + 8);
	*sum = metablob_load_u64(e + 16);
	return *off >= MC_HEADER && *off <= mx->len && *len <= mx->len - *off;
}

size_t metaindex_records(const struct metaindex *mx, const size_t *art, size_t n,
			 struct metaindex_ahead *out)
{
	/* each level's loads issued for the whole batch before the next
	 * level needs them: the misses overlap instead of following each other */
	for (size_t k = 0; k < n; k++)
		if (art[k] < mx->nart) __builtin_prefetch(mx->arts + 4 * art[k]);
	for (size_t k = 0; k < n; k++)
		if (art[k] < mx->nart) __builtin_prefetch(mx->recs + 24 * (size_t)metablob_load_u32(mx->arts + 4 * art[k]));
	size_t k = 0;
	for (; k < n; k++) {
		out[k] = (struct metaindex_ahead){art[k], 0, 0, 0, false};
		if (!metaindex_record(mx, art[k], &out[k].off, &out[k].len, &out[k].sum)) break;
	}
	return k;
}

bool metaindex_rec_map(const struct metaindex *mx, struct metaindex_rec *rec)
{
	if (rec->map) return true;
	void *m = mx->len ? mmap(NULL, mx->len, PROT_READ, MAP_PRIVATE, mx->fd, 0) : MAP_FAILED;
	if (m == MAP_FAILED) return false;
	rec->map = m;
	rec->maplen = mx->len;
	return true;
}

bool metaindex_pread(const struct metaindex *mx, void *buf, size_t n, uint64_t off)
{
	return off <= mx->len && n <= mx->len - off && read_at(mx->fd, buf, n, off);
}

char *metaindex_id(const struct metaindex *mx, size_t art)
{
	size_t n;
	unsigned char *buf = read_record(mx, art, &n, false);
	if (!buf) return NULL;
	struct metablob_rd r = {buf, buf + n, false};
	char *rel = metablob_get_req(&r);
	free(buf);
	size_t stem = 0;
	if (rel && !article_load_is_article(rel, &stem)) stem = 0;
	char *id = rel && stem ? xstrndup(rel, stem) : NULL;
	free(rel);
	return id;
}

bool metaindex_article(const struct metaindex *mx, size_t art, struct article *a)
{
	size_t len;
	unsigned char *buf = read_record(mx, art, &len, true);
	if (!buf) return false;
	bool ok = decode_record(mx, buf, len, a);
	free(buf);
	return ok;
}

/* A record as metacache.c wrote it: rel and a NUL, sidecar bits, stats,
 * blob. */
static bool decode_record(const struct metaindex *mx, const unsigned char *buf, size_t len,
			  struct article *a)
{
	struct metablob_rd r = {buf, buf + len, false};
	char *rel = metablob_get_req(&r);
	if (rel && (!metablob_need(&r, 1) || *r.p++ != '\0')) r.bad = true; /* the path's NUL */
	uint32_t bits = metablob_get_u32(&r);
	size_t stats = 48 * (1 + !!(bits & 1) + !!(bits & 2));
	size_t stem = 0;
	if (!rel || !metablob_need(&r, stats) || !article_load_is_article(rel, &stem)) {
		free(rel);
		return false;
	}
	r.p += stats;
	uint32_t blen = metablob_get_u32(&r);
	if (!metablob_need(&r, blen) || r.p + blen != r.end) {
		free(rel);
		return false;
	}
	a->id = xstrndup(rel, stem);
	a->path = article_load_join(mx->root, rel);
	free(rel);
	struct diag_list dl = DIAG_LIST_INIT;
	bool ok = metablob_decode(&r, a, mx->root, &dl);
	diag_list_free(&dl);
	return ok;
}

void metaindex_close(struct metaindex *mx)
{
	if (!mx) return;
	if (mx->map) munmap((void *)mx->map, mx->maplen);
	if (mx->tmap) munmap((void *)mx->tmap, mx->tmaplen);
	if (mx->omap) munmap((void *)mx->omap, mx->omaplen);
	close(mx->fd);
	free(mx->tags);
	for (int c = 0; c < MC_NCOLS; c++) free(mx->cols[c].vals);
	free(mx->root);
	free(mx);
}

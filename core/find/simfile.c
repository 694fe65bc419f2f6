/* SPDX-License-Identifier: MIT
 * The content index file (simfile.h). Layout, native byte order, every
 * block 8-byte aligned:
 *   header (128 bytes, its own checksum): magic, format, params, n,
 *     nterms, the key, where the tables are, the file's size;
 *   article table: n u64 offsets; article block: art, nsel, group, 0,
 *     nsel (term id u32, weight f32), checksum u64;
 *   term table: nterms u64 offsets; term block: id, name length (its NUL
 *     included), npost, 0, the name padded to 8, npost (art u32, weight
 *     f32) — only the SIM_WALK_MAX a walk reads — checksum u64;
 *   groups: n u32 and a checksum, read only for an article in a group.
 * The tables are not checksummed: a block found through a damaged entry
 * names another article or term, or fails its checksum. */
#include "core/find/simfile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/base/fsutil.h"
#include "core/base/hash.h"
#include "core/base/strbuf.h"
#include "core/meta/metablob.h"
#include "core/base/util.h"
#include "core/base/xdg.h"
#include "core/collection/collection.h"
#include "core/find/sigcache.h"

#define SF_MAGIC "DOSSREL\n"
#define SF_FORMAT 2u /* 2: a term's first SIM_WALK_MAX postings sorted, heaviest first */
#define SF_HEADER SIMFILE_HEADER
#define SF_SEED 0x5f1e

struct simfile {
	const unsigned char *p;
	size_t len;
	uint64_t n, nterms, art_tab, term_tab, groups;
};

static uint64_t params(void)
{
	return (uint64_t)SIM_SELECT | (uint64_t)SIM_WALK_MAX << 16 | (uint64_t)SIM_TERMS << 40;
}

char *simfile_path(const char *root)
{
	return xdg_collection_file(XDG_BASE_CACHE, root, ".rel");
}

static bool stat_key(const char *file, int64_t *v)
{
	struct stat st;
	if (!file || stat(file, &st) < 0) return false;
	v[0] = (int64_t)st.st_ino;
	v[1] = (int64_t)st.st_size;
	v[2] = (int64_t)st.st_mtim.tv_sec;
	v[3] = (int64_t)st.st_mtim.tv_nsec;
	return true;
}

bool simfile_key_now(const char *root, uint64_t meta_fp, size_t n, struct simfile_key *k)
{
	memset(k, 0, sizeof *k);
	k->v[0] = (int64_t)meta_fp;
	k->v[1] = (int64_t)n;
	k->v[2] = (int64_t)sigcache_version();
	char *sig = sigcache_file(root);
	bool ok = stat_key(sig, k->v + 4);
	free(sig);
	return ok;
}

/* ---- writing ---- */

static void put32(struct strbuf *sb, uint32_t v) { strbuf_add(sb, (const char *)&v, 4); }
static void put64(struct strbuf *sb, uint64_t v) { strbuf_add(sb, (const char *)&v, 8); }
static void pad8(struct strbuf *sb)
{
	while (sb->len % 8) strbuf_addc(sb, '\0');
}
static void seal(struct strbuf *sb, size_t from)
{
	put64(sb, hash_bytes(sb->buf + from, sb->len - from, SF_SEED));
}

uint64_t simfile_sum(const void *p, size_t len) { return hash_bytes(p, len, SF_SEED); }

void simfile_header(unsigned char *h, uint64_t n, uint64_t nterms, uint64_t groups, uint64_t len,
		    const struct simfile_key *k)
{
	memset(h, 0, SF_HEADER);
	uint64_t hv[5] = {params(), n, nterms, groups, len};
	memcpy(h, SF_MAGIC, 8);
	uint32_t fmt = SF_FORMAT;
	memcpy(h + 8, &fmt, 4);
	memcpy(h + 16, hv, sizeof hv);
	memcpy(h + 56, k->v, sizeof k->v);
	uint64_t sum = hash_bytes(h, SF_HEADER - 8, SF_SEED);
	memcpy(h + SF_HEADER - 8, &sum, 8);
}

int simfile_write(const char *file, const struct simindex *si, const struct collection *c,
		  const struct simfile_key *k)
{
	if (!file || !si->built || si->narticles != c->n) return EINVAL;
	size_t n = c->n, nt = si->nterms;
	/* each term's name, from an article that selected it */
	const char **name = xcalloc(nt + 1, sizeof *name);
	for (size_t a = 0; a < n; a++)
		for (uint32_t q = si->sel_off[a]; q < si->sel_off[a + 1]; q++)
			if (!name[si->sel_id[q]] && c->items[a].sig)
				name[si->sel_id[q]] = simsig_term(c->items[a].sig, si->sel_i[q]);
	struct strbuf sb = STRBUF_INIT;
	char *zero = xcalloc(SF_HEADER + (n + nt) * 8, 1); /* header and tables, filled last */
	strbuf_add(&sb, zero, SF_HEADER + (n + nt) * 8);
	free(zero);
	uint64_t *atab = xcalloc(n + 1, sizeof *atab), *ttab = xcalloc(nt + 1, sizeof *ttab);
	for (size_t a = 0; a < n; a++) {
		atab[a] = sb.len;
		size_t from = sb.len;
		put32(&sb, (uint32_t)a);
		put32(&sb, si->sel_off[a + 1] - si->sel_off[a]);
		put32(&sb, si->group ? si->group[a] : 0);
		put32(&sb, 0);
		for (uint32_t q = si->sel_off[a]; q < si->sel_off[a + 1]; q++) {
			put32(&sb, si->sel_id[q]);
			strbuf_add(&sb, (const char *)&si->sel_w[q], 4);
		}
		seal(&sb, from);
	}
	for (size_t t = 0; t < nt; t++) {
		ttab[t] = sb.len;
		size_t from = sb.len;
		const char *s = name[t] ? name[t] : "";
		uint32_t len = (uint32_t)strlen(s) + 1, lo = si->post_off[t];
		uint32_t cnt = si->post_off[t + 1] - lo;
		if (cnt > SIM_WALK_MAX) cnt = SIM_WALK_MAX;
		put32(&sb, (uint32_t)t);
		put32(&sb, len);
		put32(&sb, cnt);
		put32(&sb, 0);
		strbuf_add(&sb, s, len);
		pad8(&sb);
		for (uint32_t p = lo; p < lo + cnt; p++) {
			put32(&sb, si->post_art[p]);
			strbuf_add(&sb, (const char *)&si->post_w[p], 4);
		}
		seal(&sb, from);
	}
	uint64_t groups = sb.len;
	for (size_t a = 0; a < n; a++) put32(&sb, si->group ? si->group[a] : 0);
	pad8(&sb);
	seal(&sb, groups);
	memcpy(sb.buf + SF_HEADER, atab, n * 8);
	memcpy(sb.buf + SF_HEADER + n * 8, ttab, nt * 8);
	simfile_header((unsigned char *)sb.buf, n, nt, groups, sb.len, k);
	free(atab);
	free(ttab);
	free(name);
	char *dir = fsutil_dirname(file);
	fsutil_mkdir_p(dir, 0700);
	free(dir);
	fsutil_clean_stale_temps(file);
	int err = fsutil_write_atomic(file, sb.buf, sb.len, FSUTIL_PRIVATE, NULL);
	strbuf_free(&sb);
	return err;
}

/* ---- reading ---- */

static float rdf(const unsigned char *p)
{
	float v;
	memcpy(&v, p, 4);
	return v;
}

struct simfile *simfile_open(const char *file, const struct simfile_key *k, size_t n)
{
	if (!file) return NULL;
	int fd = open(file, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) return NULL;
	struct stat st;
	void *m = MAP_FAILED;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size >= SF_HEADER)
		m = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (m == MAP_FAILED) return NULL;
	const unsigned char *h = m;
	size_t len = (size_t)st.st_size;
	uint64_t hv[5];
	memcpy(hv, h + 16, sizeof hv);
	bool ok = memcmp(h, SF_MAGIC, 8) == 0 && metablob_load_u32(h + 8) == SF_FORMAT &&
		  metablob_load_u64(h + SF_HEADER - 8) == hash_bytes(h, SF_HEADER - 8, SF_SEED) &&
		  hv[0] == params() && hv[1] == n && hv[4] == len &&
		  memcmp(h + 56, k->v, sizeof k->v) == 0 && hv[2] < len / 8 &&
		  SF_HEADER + (hv[1] + hv[2]) * 8 <= len && hv[3] % 8 == 0 && hv[3] >= SF_HEADER &&
		  hv[3] <= len;
	if (ok) { /* the groups: read for every candidate, so checked here */
		size_t glen = (size_t)(hv[1] * 4 + 7) / 8 * 8;
		ok = len - hv[3] >= glen + 8 &&
		     metablob_load_u64(h + hv[3] + glen) == hash_bytes(h + hv[3], glen, SF_SEED);
	}
	if (!ok) {
		munmap(m, len);
		return NULL;
	}
	struct simfile *f = xcalloc(1, sizeof *f);
	*f = (struct simfile){h, len, hv[1], hv[2], SF_HEADER, SF_HEADER + hv[1] * 8, hv[3]};
	simfile_let_go(f); /* the groups' checksum read 4 MB at a million */
	return f;
}

void simfile_close(struct simfile *f)
{
	if (!f) return;
	munmap((void *)f->p, f->len);
	free(f);
}

void simfile_let_go(const struct simfile *f)
{
	if (f) madvise((void *)f->p, f->len, MADV_DONTNEED);
}

/* Block `want` of table tab (entries count), checked: its first word is
 * want, its size (head bytes, then nitems items of 8 bytes found by
 * items_at) fits, its checksum holds. NULL when not. */
static const unsigned char *block(const struct simfile *f, uint64_t tab, uint64_t count,
				  uint64_t want, size_t *nitems, size_t *items_at, size_t max_items)
{
	if (want >= count) return NULL;
	uint64_t off = metablob_load_u64(f->p + tab + want * 8);
	if (off % 8 || off < SF_HEADER || off > f->len || f->len - off < 24) return NULL;
	const unsigned char *b = f->p + off;
	if (metablob_load_u32(b) != want) return NULL;
	uint64_t head = 16;
	size_t cnt;
	if (tab == f->art_tab) {
		cnt = metablob_load_u32(b + 4);
	} else {
		uint64_t nlen = metablob_load_u32(b + 4);
		if (nlen == 0 || nlen > f->len) return NULL;
		head += (nlen + 7) / 8 * 8;
		cnt = metablob_load_u32(b + 8);
	}
	if (cnt > max_items || head + (uint64_t)cnt * 8 + 8 > f->len - off) return NULL;
	size_t end = (size_t)(head + cnt * 8);
	if (metablob_load_u64(b + end) != hash_bytes(b, end, SF_SEED)) return NULL;
	if (tab != f->art_tab && b[16 + metablob_load_u32(b + 4) - 1] != '\0') return NULL;
	*nitems = cnt;
	*items_at = (size_t)head;
	return b;
}

/* Term id's weight in an article block of nb selected terms; 0 when absent
 * (blocks hold a few dozen terms: a scan beats any lookup). */
static float weight_in(const unsigned char *block, size_t nb, uint32_t id)
{
	for (size_t r = 0; r < nb; r++)
		if (metablob_load_u32(block + 16 + r * 8) == id) return rdf(block + 20 + r * 8);
	return 0;
}

static const unsigned char *art_block(const struct simfile *f, size_t a, size_t *nsel)
{
	size_t at;
	return block(f, f->art_tab, f->n, a, nsel, &at, SIM_SELECT);
}

static const unsigned char *term_block(const struct simfile *f, uint32_t t, size_t *npost)
{
	size_t at;
	return block(f, f->term_tab, f->nterms, t, npost, &at, SIM_WALK_MAX);
}

bool simfile_walk(const struct simfile *f, size_t art,
		  void (*visit)(void *ctx, uint32_t b, float sim), void *ctx)
{
	size_t nsel;
	const unsigned char *ab = art_block(f, art, &nsel);
	if (!ab) return false;
	for (size_t q = 0; q < nsel; q++) {
		uint32_t id = metablob_load_u32(ab + 16 + q * 8);
		float wa = rdf(ab + 20 + q * 8);
		size_t npost;
		const unsigned char *tb = term_block(f, id, &npost);
		if (!tb) return false;
		const unsigned char *post = tb + 16 + (metablob_load_u32(tb + 4) + 7) / 8 * 8;
		for (size_t p = 0; p < npost; p++) {
			uint32_t b = metablob_load_u32(post + p * 8);
			if (b >= f->n) return false;
			if (b != art) visit(ctx, b, wa * rdf(post + p * 8 + 4));
		}
	}
	return true;
}

struct contrib {
	const char *term;
	float w;
};

static int contrib_cmp(const void *x, const void *y)
{
	const struct contrib *a = x, *b = y;
	if (a->w != b->w) return a->w > b->w ? -1 : 1;
	return strcmp(a->term, b->term);
}

long simfile_why(const struct simfile *f, size_t a, size_t b, const char **out, size_t max)
{
	size_t na, nb;
	const unsigned char *ab = art_block(f, a, &na), *bb = art_block(f, b, &nb);
	if (!ab || !bb) return -1;
	struct contrib v[SIM_SELECT];
	size_t n = 0;
	for (size_t q = 0; q < na; q++) {
		uint32_t id = metablob_load_u32(ab + 16 + q * 8);
		float wb = weight_in(bb, nb, id);
		if (wb > 0) {
			size_t npost;
			const unsigned char *tb = term_block(f, id, &npost);
			if (!tb) return -1;
			v[n++] = (struct contrib){(const char *)tb + 16, rdf(ab + 20 + q * 8) * wb};
		}
	}
	qsort(v, n, sizeof *v, contrib_cmp);
	if (n > max) n = max;
	for (size_t i = 0; i < n; i++) out[i] = v[i].term;
	return (long)n;
}

int simfile_copy(const struct simfile *f, size_t a, size_t b)
{
	size_t nsel;
	const unsigned char *ab = art_block(f, a, &nsel);
	if (!ab || b >= f->n) return -1;
	uint32_t g = metablob_load_u32(ab + 8);
	const unsigned char *gp = f->p + f->groups; /* checked by simfile_open */
	if (metablob_load_u32(gp + a * 4) != g) return -1;
	return g && metablob_load_u32(gp + b * 4) == g;
}

size_t simfile_count(const struct simfile *f) { return (size_t)f->n; }

uint32_t simfile_group(const struct simfile *f, size_t a)
{
	return a < f->n ? metablob_load_u32(f->p + f->groups + a * 4) : 0;
}

double simfile_cosine(const struct simfile *f, size_t a, size_t b)
{
	size_t na, nb;
	const unsigned char *ab = art_block(f, a, &na), *bb = art_block(f, b, &nb);
	if (!ab || !bb) return 0;
	double sum = 0;
	for (size_t q = 0; q < na; q++) {
		uint32_t id = metablob_load_u32(ab + 16 + q * 8);
		float wb = weight_in(bb, nb, id);
		sum += rdf(ab + 20 + q * 8) * wb;
	}
	return sum;
}

/* SPDX-License-Identifier: MIT
 * The streamed build of the content index file (simbuild.h). The layout
 * is simfile.c's: header and tables first (filled in at the end), then
 * the article blocks in article order (written during the second pass),
 * the term blocks (from the merge of the runs) and the groups. */
#include "core/find/simbuild.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "core/base/arena.h"
#include "core/base/fsutil.h"
#include "core/base/map.h"
#include "core/base/strbuf.h"
#include "core/base/util.h"
#include "core/find/dupes.h"
#include "core/find/simindex_int.h"

/* A posting in a run: runs are sorted by term, then article. */
struct run_post {
	uint32_t term, art;
	float w;
};

/* Reads one run back, a buffer at a time. */
#define CURSOR_BUF 4096
struct cursor {
	uint64_t off, left; /* next record's byte offset in the scratch file; records left */
	struct run_post *buf;
	size_t bi, bn;
};

struct build {
	const struct simbuild_src *src;
	size_t n, nt, chunk;
	struct map terms;   /* name -> id; names in the arena */
	struct arena names;
	const char **name;  /* owned array: id -> name */
	uint32_t *df, *use; /* owned: per id, signatures holding it; postings */
	size_t tcap, with;
	float *idf;
	int kfd;            /* pass 1: the sketches' scratch file, unlinked */
	struct strbuf kspool; /* its bytes not yet written */
	const uint16_t *mh; /* the n sketches, that file mapped (kmaplen bytes) */
	size_t kmaplen, kasked;
	unsigned char *has; /* owned: per article, has a sketch */
	uint32_t *group;    /* owned: per article */
	size_t ngroups;
	struct fsutil_atomic w;
	struct strbuf out;  /* bytes not yet written; they start at file offset base */
	uint64_t base;
	uint64_t *atab, *ttab;
	int rfd;            /* the scratch file of runs, unlinked */
	int sfd;            /* the spool: per article its term ids and counts, unlinked */
	struct strbuf spool;/* pass 1: spool bytes not yet written */
	unsigned char *sbuf;/* pass 2: owned, SPOOL_PIECE bytes: [soff, slen) not yet used */
	size_t soff, slen;
	uint64_t spos;      /* pass 2: the spool's next byte not in sbuf */
	uint64_t rpos;
	struct run_post *buf, *sorted; /* a chunk's postings, and them sorted */
	size_t nbuf, bufcap, inchunk;
	uint32_t *cnt;      /* per id: a counting sort's counts */
	struct cursor *runs;
	size_t nruns, rcap;
	int err;
};

static void put32(struct strbuf *sb, uint32_t v) { strbuf_add(sb, (const char *)&v, 4); }
static void put64(struct strbuf *sb, uint64_t v) { strbuf_add(sb, (const char *)&v, 8); }
static void seal(struct strbuf *sb, size_t from)
{
	put64(sb, simfile_sum(sb->buf + from, sb->len - from));
}

static uint64_t out_at(const struct build *b) { return b->base + b->out.len; }

/* Write out what is buffered once there is a megabyte of it (or always). */
static void out_flush(struct build *b, bool always)
{
	if (b->out.len && (always || b->out.len >= (1u << 20))) {
		if (!b->err) b->err = fsutil_atomic_write(&b->w, b->out.buf, b->out.len);
		b->base += b->out.len;
		b->out.len = 0;
	}
}

/* ---- the spool: pass 1 writes each article's term ids and counts, pass 2
 * reads them back in order (no second read of the signatures, no second
 * lookup of their terms) ---- */

static void spool_put(struct build *b, uint32_t v)
{
	put32(&b->spool, v);
	if (b->spool.len >= (1u << 20)) {
		if (!b->err) b->err = fsutil_write_all(b->sfd, b->spool.buf, b->spool.len);
		b->spool.len = 0;
	}
}

#define SPOOL_PIECE (1u << 20)

/* The spool's next word (0 at its end or on a read error: b->err). */
static uint32_t spool_get(struct build *b)
{
	if (b->soff + 4 > b->slen) {
		if (!b->sbuf) b->sbuf = xmalloc(SPOOL_PIECE);
		size_t left = b->slen - b->soff;
		memmove(b->sbuf, b->sbuf + b->soff, left);
		b->slen = left;
		b->soff = 0;
		ssize_t r;
		do r = pread(b->sfd, b->sbuf + left, SPOOL_PIECE - left, (off_t)b->spos);
		while (r < 0 && errno == EINTR);
		if (r > 0) b->spos += (uint64_t)r, b->slen += (size_t)r;
		if (b->slen < 4) {
			if (!b->err) b->err = r < 0 ? errno : EIO;
			return 0;
		}
	}
	uint32_t v;
	memcpy(&v, b->sbuf + b->soff, 4);
	b->soff += 4;
	return v;
}

/* ---- pass 1: ids, document frequencies, sketches ---- */

/* The sketches are spooled to a file of their own and mapped for the
 * grouping, which reads them band by band, each band in article order:
 * the pages read are let go every SKETCH_LET_GO sketches (a sketch given
 * out stays valid: its page comes back from the file). Why: in memory
 * they were 64 MB at 1,000,000 articles, the reader's similarity job's
 * peak (471 MB against 380 before it started). */
#define SKETCH_LET_GO 65536

static const uint16_t *sketch_of(void *ctx, size_t a)
{
	struct build *b = ctx;
	if (++b->kasked % SKETCH_LET_GO == 0) madvise((void *)b->mh, b->kmaplen, MADV_DONTNEED);
	return b->has[a] ? b->mh + a * SIM_MINHASH : NULL;
}

static void sketch_put(struct build *b, const uint16_t *mh, bool flush)
{
	if (mh) strbuf_add(&b->kspool, (const char *)mh, SIM_MINHASH * sizeof *mh);
	if (b->kspool.len >= (1u << 20) || (flush && b->kspool.len)) {
		if (!b->err) b->err = fsutil_write_all(b->kfd, b->kspool.buf, b->kspool.len);
		b->kspool.len = 0;
	}
}

/* The near-duplicate groups from the spooled sketches. */
static void group_sketches(struct build *b)
{
	sketch_put(b, NULL, true);
	b->kmaplen = b->n * SIM_MINHASH * sizeof *b->mh;
	void *m = b->kmaplen && !b->err ? mmap(NULL, b->kmaplen, PROT_READ, MAP_PRIVATE, b->kfd, 0)
					: MAP_FAILED;
	if (m == MAP_FAILED) { /* no groups; an error fails the build */
		if (b->kmaplen && !b->err) b->err = errno;
		b->kmaplen = 0;
		b->group = xcalloc(b->n + 1, sizeof *b->group);
		return;
	}
	b->mh = m;
	dupes_group_sketches(sketch_of, b, b->n, &b->group, &b->ngroups);
	munmap(m, b->kmaplen);
	b->mh = NULL;
	b->kmaplen = 0;
}

static bool pass_terms(struct build *b)
{
	static const uint16_t none[SIM_MINHASH];
	b->has = xcalloc(b->n + 1, 1);
	for (size_t a = 0; a < b->n; a++) {
		const struct simsig *s = NULL;
		if (!b->src->next(b->src->ctx, a, &s)) return false;
		bool sketch = s && s->nshingles >= SIM_MIN_SHINGLES;
		sketch_put(b, sketch ? s->minhash : none, false);
		if (!s) {
			spool_put(b, 0);
			continue;
		}
		b->has[a] = sketch;
		b->with += s->nterms > 0;
		spool_put(b, s->nterms);
		const char *t = s->terms;
		for (size_t i = 0; i < s->nterms; i++, t += strlen(t) + 1) {
			size_t id;
			if (!map_get(&b->terms, t, &id)) {
				id = b->nt++;
				if (b->nt > b->tcap) {
					b->tcap = b->tcap ? b->tcap * 2 : 1024;
					b->df = xrealloc(b->df, b->tcap * sizeof *b->df);
					b->name = xrealloc(b->name, b->tcap * sizeof *b->name);
				}
				b->name[id] = arena_strdup(&b->names, t);
				b->df[id] = 0;
				map_put(&b->terms, b->name[id], id);
			}
			b->df[id]++;
			spool_put(b, (uint32_t)id);
			spool_put(b, s->tf[i]);
		}
	}
	if (b->spool.len && !b->err) b->err = fsutil_write_all(b->sfd, b->spool.buf, b->spool.len);
	b->spool.len = 0;
	b->idf = xcalloc(b->nt + 1, sizeof *b->idf);
	for (size_t t = 0; t < b->nt; t++) b->idf[t] = sim_idf(b->with, b->df[t]);
	group_sketches(b);
	free(b->has);
	b->has = NULL;
	return true;
}

/* ---- pass 2: article blocks, runs of postings ---- */

/* The chunk's postings sorted by term (counting sort: they came in article
 * order, so each term's stay so), a term's cut to the SIM_WALK_MAX
 * heaviest when it has more (the merge reads no further), appended to the
 * scratch file as one run. */
static void run_flush(struct build *b)
{
	b->inchunk = 0;
	if (!b->nbuf) return;
	memset(b->cnt, 0, (b->nt + 1) * sizeof *b->cnt);
	for (size_t i = 0; i < b->nbuf; i++) b->cnt[b->buf[i].term + 1]++;
	for (size_t t = 0; t < b->nt; t++) b->cnt[t + 1] += b->cnt[t];
	for (size_t i = 0; i < b->nbuf; i++) b->sorted[b->cnt[b->buf[i].term]++] = b->buf[i];
	size_t o = 0;
	struct sim_posting *tmp = NULL;
	for (size_t i = 0; i < b->nbuf;) {
		size_t j = i;
		while (j < b->nbuf && b->sorted[j].term == b->sorted[i].term) j++;
		if (j - i > SIM_WALK_MAX) {
			tmp = xrealloc(tmp, (j - i) * sizeof *tmp);
			for (size_t k = i; k < j; k++) tmp[k - i] = (struct sim_posting){b->sorted[k].art, b->sorted[k].w};
			sim_select_top(tmp, j - i, SIM_WALK_MAX);
			for (size_t k = 0; k < SIM_WALK_MAX; k++)
				b->sorted[o++] = (struct run_post){b->sorted[i].term, tmp[k].art, tmp[k].w};
		} else {
			memmove(b->sorted + o, b->sorted + i, (j - i) * sizeof *b->sorted);
			o += j - i;
		}
		i = j;
	}
	free(tmp);
	if (!b->err) b->err = fsutil_write_all(b->rfd, b->sorted, o * sizeof *b->sorted);
	if (b->nruns == b->rcap) {
		b->rcap = b->rcap ? b->rcap * 2 : 16;
		b->runs = xrealloc(b->runs, b->rcap * sizeof *b->runs);
	}
	b->runs[b->nruns++] = (struct cursor){b->rpos, o, NULL, 0, 0};
	b->rpos += o * sizeof *b->sorted;
	b->nbuf = 0;
}

static void pass_articles(struct build *b)
{
	b->use = xcalloc(b->nt + 1, sizeof *b->use);
	b->cnt = xcalloc(b->nt + 2, sizeof *b->cnt);
	b->bufcap = (b->chunk < b->n ? b->chunk : b->n) * SIM_SELECT + 1;
	b->buf = xmalloc(b->bufcap * sizeof *b->buf);
	b->sorted = xmalloc(b->bufcap * sizeof *b->sorted);
	uint32_t ids[SIM_TERMS];
	uint16_t tf[SIM_TERMS];
	struct sim_pick v[SIM_TERMS];
	for (size_t a = 0; a < b->n; a++) {
		size_t nterms = spool_get(b), k = 0;
		if (nterms > SIM_TERMS) { /* never written so: the spool was damaged */
			if (!b->err) b->err = EIO;
			nterms = 0;
		}
		for (size_t i = 0; i < nterms; i++) {
			ids[i] = spool_get(b);
			tf[i] = (uint16_t)spool_get(b);
			if (ids[i] >= b->nt) ids[i] = UINT32_MAX;
		}
		if (nterms) k = sim_select(tf, nterms, ids, b->idf, v);
		b->atab[a] = out_at(b);
		size_t from = b->out.len;
		put32(&b->out, (uint32_t)a);
		put32(&b->out, (uint32_t)k);
		put32(&b->out, b->group[a]);
		put32(&b->out, 0);
		for (size_t i = 0; i < k; i++) {
			put32(&b->out, v[i].id);
			strbuf_add(&b->out, (const char *)&v[i].w, 4);
			b->buf[b->nbuf++] = (struct run_post){v[i].id, (uint32_t)a, v[i].w};
			b->use[v[i].id]++;
		}
		seal(&b->out, from);
		out_flush(b, false);
		if (++b->inchunk == b->chunk) run_flush(b);
	}
	run_flush(b);
	free(b->buf);
	free(b->sorted);
	free(b->cnt);
	b->buf = b->sorted = NULL;
	b->cnt = NULL;
}

/* ---- the merge: term blocks ---- */

/* The run's next posting, or NULL at its end (or a read error: b->err). */
static const struct run_post *cursor_peek(struct build *b, struct cursor *c)
{
	if (c->bi < c->bn) return &c->buf[c->bi];
	if (!c->left || b->err) return NULL;
	if (!c->buf) c->buf = xmalloc(CURSOR_BUF * sizeof *c->buf);
	size_t want = c->left < CURSOR_BUF ? (size_t)c->left : CURSOR_BUF, got = 0;
	while (got < want * sizeof *c->buf) {
		ssize_t r = pread(b->rfd, (char *)c->buf + got, want * sizeof *c->buf - got,
				  (off_t)(c->off + got));
		if (r < 0 && errno == EINTR) continue;
		if (r <= 0) {
			b->err = r < 0 ? errno : EIO;
			return NULL;
		}
		got += (size_t)r;
	}
	c->off += got;
	c->left -= want;
	c->bi = 0;
	c->bn = want;
	return c->buf;
}

static void write_terms(struct build *b)
{
	struct sim_posting *g = NULL;
	size_t gcap = 0;
	for (size_t t = 0; t < b->nt; t++) {
		size_t ng = 0;
		for (size_t r = 0; r < b->nruns; r++) {
			const struct run_post *p;
			while ((p = cursor_peek(b, &b->runs[r])) && p->term == t) {
				ARRAY_RESERVE(g, gcap, ng + 1);
				g[ng++] = (struct sim_posting){p->art, p->w};
				b->runs[r].bi++;
			}
		}
		if (b->use[t] > SIM_WALK_MAX) { /* as simindex_build: the heaviest, in order */
			if (ng > SIM_WALK_MAX) sim_select_top(g, ng, SIM_WALK_MAX);
			if (ng > SIM_WALK_MAX) ng = SIM_WALK_MAX;
			qsort(g, ng, sizeof *g, sim_posting_cmp);
		}
		b->ttab[t] = out_at(b);
		size_t from = b->out.len;
		const char *s = b->use[t] ? b->name[t] : "";
		uint32_t len = (uint32_t)strlen(s) + 1;
		put32(&b->out, (uint32_t)t);
		put32(&b->out, len);
		put32(&b->out, (uint32_t)ng);
		put32(&b->out, 0);
		strbuf_add(&b->out, s, len);
		while (b->out.len % 8) strbuf_addc(&b->out, '\0');
		for (size_t i = 0; i < ng; i++) {
			put32(&b->out, g[i].art);
			strbuf_add(&b->out, (const char *)&g[i].w, 4);
		}
		seal(&b->out, from);
		out_flush(b, false);
	}
	free(g);
}

static void build_free(struct build *b)
{
	map_free(&b->terms);
	arena_free(&b->names);
	free(b->name);
	free(b->df);
	free(b->use);
	free(b->idf);
	if (b->mh) munmap((void *)b->mh, b->kmaplen);
	strbuf_free(&b->kspool);
	if (b->kfd >= 0) close(b->kfd);
	free(b->has);
	free(b->group);
	strbuf_free(&b->out);
	free(b->atab);
	free(b->ttab);
	if (b->rfd >= 0) close(b->rfd);
	if (b->sfd >= 0) close(b->sfd);
	strbuf_free(&b->spool);
	free(b->sbuf);
	free(b->buf);
	free(b->sorted);
	free(b->cnt);
	for (size_t r = 0; r < b->nruns; r++) free(b->runs[r].buf);
	free(b->runs);
}

/* The scratch file beside file, unlinked at once (nothing left behind). */
static int scratch_open(const char *file)
{
	size_t len = strlen(file);
	char *tmpl = xmalloc(len + 16);
	memcpy(tmpl, file, len);
	memcpy(tmpl + len, ".runs.XXXXXX", 13);
	int fd = mkstemp(tmpl);
	if (fd >= 0) unlink(tmpl);
	free(tmpl);
	return fd;
}

int simbuild_write(const char *file, const struct simbuild_src *src, const struct simfile_key *k,
		   size_t chunk)
{
	if (!file) return EINVAL;
	struct build b = {.src = src, .n = src->n, .chunk = chunk ? chunk : SIMBUILD_CHUNK,
			  .terms = MAP_INIT, .names = ARENA_INIT, .out = STRBUF_INIT, .rfd = -1,
			  .sfd = -1, .kfd = -1, .spool = STRBUF_INIT, .kspool = STRBUF_INIT};
	char *dir = fsutil_dirname(file);
	fsutil_mkdir_p(dir, 0700);
	free(dir);
	b.rfd = scratch_open(file);
	b.sfd = b.rfd < 0 ? -1 : scratch_open(file);
	b.kfd = b.sfd < 0 ? -1 : scratch_open(file);
	int err = b.kfd < 0 ? errno : 0;
	if (err) {
		build_free(&b);
		return err;
	}
	if (!pass_terms(&b)) {
		build_free(&b);
		return ECANCELED;
	}
	fsutil_clean_stale_temps(file);
	err = fsutil_atomic_open(&b.w, file, FSUTIL_PRIVATE);
	if (err) {
		build_free(&b);
		return err;
	}
	/* header and tables: zeros now, filled in at the end */
	uint64_t blocks = SIMFILE_HEADER + (uint64_t)(b.n + b.nt) * 8;
	for (uint64_t at = 0; at < blocks; at += 8) put64(&b.out, 0), out_flush(&b, false);
	b.atab = xcalloc(b.n + 1, sizeof *b.atab);
	b.ttab = xcalloc(b.nt + 1, sizeof *b.ttab);
	pass_articles(&b);
	write_terms(&b);
	uint64_t groups = out_at(&b);
	size_t from = b.out.len;
	for (size_t a = 0; a < b.n; a++) put32(&b.out, b.group[a]);
	while (b.out.len % 8) strbuf_addc(&b.out, '\0');
	seal(&b.out, from);
	out_flush(&b, true);
	uint64_t len = b.base;
	unsigned char h[SIMFILE_HEADER];
	simfile_header(h, b.n, b.nt, groups, len, k);
	fsutil_atomic_pwrite(&b.w, b.atab, b.n * 8, SIMFILE_HEADER);
	fsutil_atomic_pwrite(&b.w, b.ttab, b.nt * 8, SIMFILE_HEADER + b.n * 8);
	fsutil_atomic_pwrite(&b.w, h, sizeof h, 0);
	if (b.err) {
		fsutil_atomic_abort(&b.w);
		err = b.err;
	} else {
		err = fsutil_atomic_commit(&b.w, NULL);
	}
	build_free(&b);
	return err;
}

/* ---- an array as a source ---- */

static bool arr_next(void *ctx, size_t a, const struct simsig **out)
{
	const struct simbuild_arr *arr = ctx;
	*out = arr->sigs[a];
	return true;
}

void simbuild_src_array(struct simbuild_src *src, struct simbuild_arr *arr,
			const struct simsig *const *sigs, size_t n)
{
	arr->sigs = sigs;
	*src = (struct simbuild_src){n, arr_next, arr};
}

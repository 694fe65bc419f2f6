/* SPDX-License-Identifier: MIT
 * A lean listing of many hits (every article at a million: `list`, `list
 * --json`, `list --sort date`) formatted by several threads, each with
 * its own record reader over the index (read only: metaindex_read_line,
 * _read, _prefetch touch only the reader's struct metaindex_rec), into
 * pieces of its own, the caller's thread writing the pieces in order.
 * Why: one thread spent 260-350 ms a listing reading, checking and
 * formatting records, with a second CPU idle. */
#include "core/cli/cli_lean_par.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/base/json.h"
#include "core/base/strbuf.h"
#include "core/base/util.h"
#include "core/cli/cli.h"
#include "core/meta/metaindex.h"

#define PAR_MIN 10000
#define PAR_CHUNK 8192
#define PAR_MAX_THREADS 4

struct cli_lean_par cli_lean_par_conf(void)
{
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	int threads = cpus < 2 ? 0 : cpus > PAR_MAX_THREADS ? PAR_MAX_THREADS : (int)cpus;
	struct cli_lean_par p = {util_env_size("DOSSIER_TEST_PAR_MIN", PAR_MIN),
				 util_env_size("DOSSIER_TEST_PAR_CHUNK", PAR_CHUNK),
				 (int)util_env_size("DOSSIER_TEST_PAR_THREADS", (size_t)threads)};
	if (p.chunk < 1) p.chunk = 1;
	if (p.threads > 64) p.threads = 64;
	return p;
}

/* One piece being formatted or waiting to be written: the slot of piece
 * c is c % nslots, free again once piece c - nslots is written. */
struct par_slot {
	struct strbuf buf; /* owned: the piece's lines or objects */
	size_t chunk;      /* the piece it holds */
	bool done;         /* formatted, not written yet */
	bool bad;          /* a damaged record stopped it (buf: what came before) */
};

struct par {
	const struct cli_ctx *cx;
	const struct metaindex *mx;
	const size_t *art;
	size_t n, nchunks;
	size_t *start; /* owned: piece c is art[start[c] .. start[c + 1]) */
	bool in_order;
	const struct json *j; /* the array's writer as the pieces start (NULL: TSV) */
	pthread_mutex_t mu;
	pthread_cond_t work, done; /* a slot freed or an end; a piece formatted */
	size_t next, written, fail_at; /* under mu; fail_at: the first bad piece (nchunks: none) */
	int stop;                      /* the output failed or a damaged piece written: atomic */
	const unsigned char *map;      /* the file mapped once for every thread (out of order), or NULL */
	size_t maplen;
	struct par_slot *slots;        /* owned */
	size_t nslots;
};

/* Where the pieces of n hits start (and n after the last; *count
 * pieces): PAR_FIRST hits, doubling up to chunk. Why: `list | head` stops
 * at the first piece written; with whole pieces from the start the
 * threads formatted some 40,000 records for it (+15 ms). */
#define PAR_FIRST 256
static size_t *par_pieces(size_t n, size_t chunk, size_t *count)
{
	size_t cap = n / (chunk < PAR_FIRST ? chunk : PAR_FIRST) + 16, k = 0, at = 0;
	size_t *start = xcalloc(cap, sizeof *start), size = chunk < PAR_FIRST ? chunk : PAR_FIRST;
	while (at < n) {
		start[k++] = at;
		at = n - at > size ? at + size : n;
		size = 2 * size < chunk ? 2 * size : chunk;
	}
	start[k] = n;
	*count = k;
	return start;
}

/* Piece c into s: each hit's line or object from its record's spans, else
 * the record read whole (as lean_print); false at a damaged record. */
static bool par_format(struct par *p, struct metaindex_rec *rec, size_t c, struct strbuf *buf)
{
	size_t lo = p->start[c], hi = p->start[c + 1];
	struct json jw;
	if (p->j) {
		/* the array goes on: a comma before each object but the very first */
		jw = *p->j;
		jw.out = buf;
		if (c > 0) jw.has_items[jw.depth - 1] = true;
	}
	struct metaindex_line ln;
	for (size_t k = lo; k < hi; k++) {
		if ((k & 255) == 0 && __atomic_load_n(&p->stop, __ATOMIC_RELAXED)) return true;
		metaindex_prefetch(p->mx, rec, p->art + k, hi - k);
		bool done = metaindex_read_line(p->mx, p->art[k], rec, &ln);
		if (!done) return false;
		done = p->j ? cli_json_line(&jw, &ln) : cli_list_line(&ln, buf);
		if (done) continue;
		if (!metaindex_read(p->mx, p->art[k], rec)) return false;
		cli_list_article(p->cx, &rec->view, p->j ? &jw : NULL, buf);
	}
	return true;
}

/* A formatting thread: the next piece while there is a free slot for it,
 * until every piece is taken, one before it was damaged, or stop. */
static void *par_worker(void *arg)
{
	struct par *p = arg;
	struct metaindex_rec rec = {0};
	rec.map = p->map; /* borrowed: let go before metaindex_rec_free */
	rec.maplen = p->maplen;
	pthread_mutex_lock(&p->mu);
	for (;;) {
		/* two pieces before the first is written (a reader may want only
		 * its first lines), then a slot each */
		while (!p->stop && p->next < p->nchunks && p->next <= p->fail_at &&
		       p->next >= p->written + (p->written ? p->nslots : 2))
			pthread_cond_wait(&p->work, &p->mu);
		if (p->stop || p->next >= p->nchunks || p->next > p->fail_at) break;
		size_t c = p->next++;
		struct par_slot *s = &p->slots[c % p->nslots];
		s->chunk = c;
		pthread_mutex_unlock(&p->mu);
		strbuf_reset(&s->buf);
		bool ok = par_format(p, &rec, c, &s->buf);
		pthread_mutex_lock(&p->mu);
		s->bad = !ok;
		s->done = true;
		if (!ok && c < p->fail_at) p->fail_at = c;
		pthread_cond_broadcast(&p->done);
	}
	pthread_mutex_unlock(&p->mu);
	rec.map = NULL;
	metaindex_rec_free(&rec);
	return NULL;
}

bool cli_lean_par_print(const struct cli_ctx *cx, const struct metaindex *mx, const size_t *art,
			size_t n, bool in_order, struct json *j, const struct cli_lean_par *conf)
{
	int nt = conf->threads < 1 ? 1 : conf->threads;
	struct par p = {.cx = cx, .mx = mx, .art = art, .n = n, .in_order = in_order, .j = j};
	p.start = par_pieces(n, conf->chunk, &p.nchunks);
	p.fail_at = p.nchunks;
	/* two pieces a thread in flight, and one being written */
	p.nslots = 2 * (size_t)nt + 1;
	p.slots = xcalloc(p.nslots, sizeof *p.slots);
	pthread_mutex_init(&p.mu, NULL);
	pthread_cond_init(&p.work, NULL);
	pthread_cond_init(&p.done, NULL);
	/* out of file order: the records where they lie, one mapping shared
	 * (one each counted every page twice in the peak), else by pread */
	struct metaindex_rec mapped = {0};
	if (!in_order && metaindex_rec_map(mx, &mapped)) {
		p.map = mapped.map;
		p.maplen = mapped.maplen;
	}
	pthread_t *tid = xcalloc((size_t)nt, sizeof *tid);
	/* what the array's writer holds yet (its "["), before the pieces */
	if (j && j->out->len) {
		fwrite(j->out->buf, 1, j->out->len, cx->out);
		strbuf_reset(j->out);
	}
	int started = 0;
	for (int t = 0; t < nt; t++) started += pthread_create(&tid[started], NULL, par_worker, &p) == 0;
	bool ok = true;
	if (!started) { /* no thread: this one formats each piece, then writes it */
		struct metaindex_rec rec = {0};
		rec.map = p.map; /* borrowed */
		rec.maplen = p.maplen;
		for (size_t c = 0; c < p.nchunks && ok && !ferror(cx->out); c++) {
			strbuf_reset(&p.slots[0].buf);
			ok = par_format(&p, &rec, c, &p.slots[0].buf);
			fwrite(p.slots[0].buf.buf, 1, p.slots[0].buf.len, cx->out);
		}
		rec.map = NULL;
		metaindex_rec_free(&rec);
	}
	pthread_mutex_lock(&p.mu);
	while (started && p.written < p.nchunks) {
		struct par_slot *s = &p.slots[p.written % p.nslots];
		while (!(s->done && s->chunk == p.written)) pthread_cond_wait(&p.done, &p.mu);
		pthread_mutex_unlock(&p.mu);
		/* written without the lock: the workers go on meanwhile */
		if (s->buf.len) fwrite(s->buf.buf, 1, s->buf.len, cx->out);
		bool failed = ferror(cx->out);
		pthread_mutex_lock(&p.mu);
		s->done = false;
		p.written++;
		ok = !s->bad;
		if (!ok || failed) break;
		pthread_cond_broadcast(&p.work);
	}
	__atomic_store_n(&p.stop, 1, __ATOMIC_RELAXED);
	pthread_cond_broadcast(&p.work);
	pthread_mutex_unlock(&p.mu);
	for (int t = 0; t < started; t++) pthread_join(tid[t], NULL);
	/* the array's writer as after the last object */
	if (j && n) j->has_items[j->depth - 1] = true;
	for (size_t i = 0; i < p.nslots; i++) strbuf_free(&p.slots[i].buf);
	free(p.slots);
	free(p.start);
	free(tid);
	metaindex_rec_free(&mapped);
	pthread_cond_destroy(&p.work);
	pthread_cond_destroy(&p.done);
	pthread_mutex_destroy(&p.mu);
	return ok;
}

/* SPDX-License-Identifier: MIT
 * The streamed build of the content index file (core/find/simbuild.h)
 * writes the very bytes the in-memory build writes (simindex_build, then
 * simfile_write) over the same signatures, whatever the size of its runs:
 * one run, runs of 7 articles, runs of one article; with articles that
 * have no signature or no terms, and a term on more articles than a walk
 * reads (its postings cut and ordered across runs). A source that stops
 * leaves no file; many articles sharing a few signatures (large
 * near-duplicate groups) too. Texts are our own, generated from word
 * lists. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/base/fsutil.h"
#include "core/base/strbuf.h"
#include "core/base/util.h"
#include "core/collection/collection.h"
#include "core/find/simbuild.h"
#include "core/find/simfile.h"
#include "core/find/similar.h"

static const char *words[] = {
	"harbour", "sluice", "barrier", "estuary", "engineer", "surge", "pumping", "café",
	"espresso", "roaster", "北京", "Zoë", "naïve", "tide", "gate", "culvert", "freight",
	"harvest", "beans", "bridge", "flood", "sandbag", "chess", "rook", "gambit", "ferry",
	"dock", "crane", "tanker", "pilot", "buoy", "lock", "weir", "reservoir", "dredger"};
#define NWORDS (sizeof words / sizeof *words)

/* n articles: words picked by i so neighbours overlap, every 5th a copy of
 * the one before; "common" in every one (more than SIM_WALK_MAX postings
 * when n is larger); article 3 unsigned, article 10 with no terms. */
static void make(struct collection *c, size_t n)
{
	memset(c, 0, sizeof *c);
	c->items = xcalloc(n, sizeof *c->items);
	c->n = c->cap = n;
	for (size_t i = 0; i < n; i++) {
		size_t src = i % 5 == 4 ? i - 1 : i;
		struct strbuf sb = STRBUF_INIT;
		for (size_t k = 0; k < 20 + src % 13; k++)
			strbuf_addf(&sb, "%s %s common — ", words[(src * 7 + k * (src % 3 + 1)) % NWORDS],
				    words[(src / 3 + k * k) % NWORDS]);
		char id[32];
		snprintf(id, sizeof id, "a%05zu", i);
		c->items[i].id = xstrdup(id);
		c->items[i].title = xstrdup(id);
		if (i == 10) c->items[i].sig = simsig_compute(NULL, "", 0);
		else if (i != 3) c->items[i].sig = simsig_compute(NULL, sb.buf, sb.len);
		strbuf_free(&sb);
	}
}

static char *slurp(const char *file, size_t *len)
{
	char *buf = NULL;
	assert_int_equal(fsutil_read_file(file, (size_t)1 << 30, &buf, len), 0);
	return buf;
}

static void test_same_bytes(void **st)
{
	(void)st;
	const size_t n = 2600;
	struct collection c;
	make(&c, n);
	const struct simsig **sigs = xcalloc(n, sizeof *sigs);
	for (size_t a = 0; a < n; a++) sigs[a] = c.items[a].sig;
	struct simindex si;
	simindex_build(&si, sigs, n);
	char dir[] = "/tmp/test_simbuild_XXXXXX";
	assert_non_null(mkdtemp(dir));
	char one[64], streamed[64];
	snprintf(one, sizeof one, "%s/one.rel", dir);
	snprintf(streamed, sizeof streamed, "%s/streamed.rel", dir);
	const struct simfile_key k = {{3, 1, 4, 1, 5, 9, 2, 6}};
	assert_int_equal(simfile_write(one, &si, &c, &k), 0);
	size_t len1;
	char *want = slurp(one, &len1);
	/* a term held by more articles than a walk reads is there to be cut */
	size_t most = 0;
	for (size_t t = 0; t < si.nterms; t++)
		if (si.post_off[t + 1] - si.post_off[t] > most) most = si.post_off[t + 1] - si.post_off[t];
	assert_true(most > SIM_WALK_MAX);
	const size_t chunks[] = {0, n, 7, 1, 1000};
	for (size_t i = 0; i < sizeof chunks / sizeof *chunks; i++) {
		struct simbuild_src src;
		struct simbuild_arr arr;
		simbuild_src_array(&src, &arr, sigs, n);
		assert_int_equal(simbuild_write(streamed, &src, &k, chunks[i]), 0);
		size_t len2;
		char *got = slurp(streamed, &len2);
		assert_int_equal(len2, len1);
		assert_memory_equal(got, want, len1);
		free(got);
		struct simfile *f = simfile_open(streamed, &k, n);
		assert_non_null(f);
		simfile_close(f);
	}
	/* nothing left beside the file: no scratch file, no temp file */
	char cmd[128];
	snprintf(cmd, sizeof cmd, "test $(ls -A %s | wc -l) -eq 2", dir);
	assert_int_equal(system(cmd), 0);
	free(want);
	unlink(one);
	unlink(streamed);
	rmdir(dir);
	simindex_free(&si);
	free(sigs);
	collection_free(&c);
}

/* Many articles over a few signatures (each shared by hundreds, so the
 * near-duplicate groups are large): the sketches, read from their mapped
 * scratch file with its pages let go as the grouping goes (every 65,536
 * sketches read), give the same groups and the same bytes. */
static void test_same_bytes_many(void **st)
{
	(void)st;
	const size_t nbase = 40, n = 20000;
	struct collection base;
	make(&base, nbase);
	struct collection c = {0};
	c.items = xcalloc(n, sizeof *c.items);
	c.n = c.cap = n;
	const struct simsig **sigs = xcalloc(n, sizeof *sigs);
	for (size_t a = 0; a < n; a++) sigs[a] = c.items[a].sig = base.items[(a * 7) % nbase].sig;
	struct simindex si;
	simindex_build(&si, sigs, n);
	assert_true(si.ngroups > 0);
	char one[] = "/tmp/test_simbuild_one_XXXXXX", streamed[] = "/tmp/test_simbuild_st_XXXXXX";
	int fd1 = mkstemp(one), fd2 = mkstemp(streamed);
	assert_true(fd1 >= 0 && fd2 >= 0);
	close(fd1);
	close(fd2);
	const struct simfile_key k = {{2, 7, 1, 8, 2, 8, 1, 8}};
	assert_int_equal(simfile_write(one, &si, &c, &k), 0);
	struct simbuild_src src;
	struct simbuild_arr arr;
	simbuild_src_array(&src, &arr, sigs, n);
	assert_int_equal(simbuild_write(streamed, &src, &k, 0), 0);
	size_t len1, len2;
	char *want = slurp(one, &len1), *got = slurp(streamed, &len2);
	assert_int_equal(len2, len1);
	assert_memory_equal(got, want, len1);
	free(got);
	free(want);
	unlink(one);
	unlink(streamed);
	simindex_free(&si);
	free(sigs);
	free(c.items); /* the signatures are base's */
	collection_free(&base);
}

struct visits {
	uint32_t b[4096];
	float w[4096];
	size_t n;
};
static void record(void *ctx, uint32_t b, float sim)
{
	struct visits *v = ctx;
	if (v->n < 4096) v->b[v->n] = b, v->w[v->n] = sim;
	v->n++;
}

/* The reader's index, mapped from the file (simindex_of_file), answers as
 * the index built in memory: the same visits in the same order, the same
 * shared terms, cosines and near-duplicate groups. */
static void test_file_backed(void **st)
{
	(void)st;
	const size_t n = 60;
	struct collection c;
	make(&c, n);
	const struct simsig **sigs = xcalloc(n, sizeof *sigs);
	for (size_t a = 0; a < n; a++) sigs[a] = c.items[a].sig;
	struct simindex mem, map;
	simindex_build(&mem, sigs, n);
	char dir[] = "/tmp/test_simbuild_XXXXXX";
	assert_non_null(mkdtemp(dir));
	char file[64];
	snprintf(file, sizeof file, "%s/x.rel", dir);
	const struct simfile_key k = {{7}};
	struct simbuild_src src;
	struct simbuild_arr arr;
	simbuild_src_array(&src, &arr, sigs, n);
	assert_int_equal(simbuild_write(file, &src, &k, 5), 0);
	struct simfile *f = simfile_open(file, &k, n);
	assert_non_null(f);
	unlink(file); /* as the reader's own file: the mapping stays */
	rmdir(dir);
	simindex_of_file(&map, f);
	assert_int_equal(map.narticles, n);
	assert_true(mem.ngroups > 0);
	assert_int_equal(map.ngroups, mem.ngroups);
	assert_memory_equal(map.group, mem.group, n * sizeof *mem.group);
	static struct visits v1, v2;
	for (size_t a = 0; a < n; a++) {
		v1.n = v2.n = 0;
		simindex_walk(&mem, &c, a, record, &v1);
		simindex_walk(&map, &c, a, record, &v2);
		assert_int_equal(v1.n, v2.n);
		assert_memory_equal(v1.b, v2.b, v1.n * sizeof *v1.b);
		assert_memory_equal(v1.w, v2.w, v1.n * sizeof *v1.w);
		for (size_t b = 0; b < n; b += 7) {
			const char *w1[4], *w2[4];
			size_t n1 = simindex_why(&mem, c.items[a].sig, a, b, w1, 4);
			size_t n2 = simindex_why(&map, NULL, a, b, w2, 4);
			assert_int_equal(n1, n2);
			for (size_t i = 0; i < n1; i++) assert_string_equal(w1[i], w2[i]);
			assert_true(simindex_cosine(&mem, &c, a, b) == simindex_cosine(&map, &c, a, b));
		}
	}
	simindex_free(&mem);
	simindex_free(&map);
	free(sigs);
	collection_free(&c);
}

/* A source that stops half way. */
struct stopping {
	const struct simsig *const *sigs;
};
static bool stop_next(void *ctx, size_t a, const struct simsig **out)
{
	struct stopping *s = ctx;
	*out = s->sigs[a];
	return a != 25;
}

static void test_stopped(void **st)
{
	(void)st;
	const size_t n = 40;
	struct collection c;
	make(&c, n);
	const struct simsig **sigs = xcalloc(n, sizeof *sigs);
	for (size_t a = 0; a < n; a++) sigs[a] = c.items[a].sig;
	char dir[] = "/tmp/test_simbuild_XXXXXX";
	assert_non_null(mkdtemp(dir));
	char file[64];
	snprintf(file, sizeof file, "%s/x.rel", dir);
	struct stopping s = {sigs};
	const struct simbuild_src src = {n, stop_next, &s};
	const struct simfile_key k = {{0}};
	assert_int_equal(simbuild_write(file, &src, &k, 4), ECANCELED);
	struct stat sb;
	assert_int_not_equal(stat(file, &sb), 0);
	char cmd[128];
	snprintf(cmd, sizeof cmd, "test $(ls -A %s | wc -l) -eq 0", dir);
	assert_int_equal(system(cmd), 0);
	rmdir(dir);
	free(sigs);
	collection_free(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_same_bytes),
		cmocka_unit_test(test_same_bytes_many),
		cmocka_unit_test(test_file_backed),
		cmocka_unit_test(test_stopped),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

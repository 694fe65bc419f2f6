/* SPDX-License-Identifier: MIT
 * The content index file (core/find/simfile.h): read back, it walks, says
 * why and spots copies exactly as the index it was written from; with
 * another key or article count it is not opened; truncated at every
 * length or with any byte changed it either fails or answers exactly as
 * the intact file (never wrongly). Texts are our own, generated from word
 * lists so their overlap is known. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/base/strbuf.h"
#include "core/base/util.h"
#include "core/collection/collection.h"
#include "core/find/simfile.h"
#include "core/find/similar.h"

static const char *words[] = {
	"harbour", "sluice", "barrier", "estuary", "engineer", "surge", "pumping", "café",
	"espresso", "roaster", "北京", "Zoë", "naïve", "tide", "gate", "culvert", "freight",
	"harvest", "beans", "bridge", "flood", "sandbag", "chess", "rook", "gambit", "ferry"};
#define NWORDS (sizeof words / sizeof *words)

/* Article i of n: words picked by i so neighbours overlap; every 5th a
 * copy of the one before (a near-duplicate group); "common" in all. */
static void make(struct collection *c, size_t n)
{
	memset(c, 0, sizeof *c);
	c->items = xcalloc(n, sizeof *c->items);
	c->n = c->cap = n;
	for (size_t i = 0; i < n; i++) {
		size_t src = i % 5 == 4 ? i - 1 : i;
		struct strbuf sb = STRBUF_INIT;
		for (size_t k = 0; k < 40; k++)
			strbuf_addf(&sb, "%s %s common ", words[(src * 7 + k * (src % 3 + 1)) % NWORDS],
				    words[(src + k * k) % NWORDS]);
		char id[32];
		snprintf(id, sizeof id, "a%04zu", i);
		c->items[i].id = xstrdup(id);
		c->items[i].title = xstrdup(id);
		c->items[i].sig = simsig_compute(NULL, sb.buf, sb.len);
		strbuf_free(&sb);
	}
}

struct visits {
	uint32_t *b;
	float *w;
	size_t n, cap_b, cap_w;
};

static void record(void *ctx, uint32_t b, float sim)
{
	struct visits *v = ctx;
	ARRAY_RESERVE(v->b, v->cap_b, v->n + 1);
	ARRAY_RESERVE(v->w, v->cap_w, v->n + 1);
	v->b[v->n] = b;
	v->w[v->n++] = sim;
}

/* What the index says, for comparing. */
struct truth {
	struct visits *walk; /* per article */
	const char *(*why)[4];
	size_t *nwhy;
	int *copy; /* [a * n + b] */
};

/* The walks of all; why and copy for the first upto articles against all. */
static void truth_of(const struct simindex *si, const struct collection *c, struct truth *t,
		     size_t upto)
{
	size_t n = c->n;
	t->walk = xcalloc(n, sizeof *t->walk);
	t->why = xcalloc(n * n, sizeof *t->why);
	t->nwhy = xcalloc(n * n, sizeof *t->nwhy);
	t->copy = xcalloc(n * n, sizeof *t->copy);
	for (size_t a = 0; a < n; a++) {
		simindex_walk(si, c, a, record, &t->walk[a]);
		for (size_t b = 0; b < n && a < upto; b++) {
			t->nwhy[a * n + b] = simindex_why(si, c->items[a].sig, a, b, t->why[a * n + b], 4);
			t->copy[a * n + b] = si->group[a] && si->group[b] == si->group[a];
		}
	}
}

static void truth_free(struct truth *t, size_t n)
{
	for (size_t a = 0; a < n; a++) free(t->walk[a].b), free(t->walk[a].w);
	free(t->walk);
	free(t->why);
	free(t->nwhy);
	free(t->copy);
}

/* Every answer of f is the truth or a failure; returns how many were
 * answered (not failed). */
static size_t check(const struct simfile *f, const struct truth *t, size_t n)
{
	size_t answered = 0;
	for (size_t a = 0; a < n; a++) {
		struct visits v = {0};
		if (simfile_walk(f, a, record, &v)) {
			answered++;
			assert_int_equal(v.n, t->walk[a].n);
			if (v.n) {
				assert_memory_equal(v.b, t->walk[a].b, v.n * sizeof *v.b);
				assert_memory_equal(v.w, t->walk[a].w, v.n * sizeof *v.w);
			}
		}
		free(v.b);
		free(v.w);
		for (size_t b = 0; b < n; b++) {
			const char *why[4];
			long k = simfile_why(f, a, b, why, 4);
			if (k >= 0) {
				answered++;
				assert_int_equal(k, t->nwhy[a * n + b]);
				for (long i = 0; i < k; i++) assert_string_equal(why[i], t->why[a * n + b][i]);
			}
			int cp = simfile_copy(f, a, b);
			if (cp >= 0) {
				answered++;
				assert_int_equal(cp, t->copy[a * n + b]);
			}
		}
	}
	return answered;
}

static void setup(size_t n, struct collection *c, struct simindex *si, struct truth *t,
		  char *file, const struct simfile_key *k)
{
	make(c, n);
	const struct simsig **sigs = xcalloc(n, sizeof *sigs);
	for (size_t a = 0; a < n; a++) sigs[a] = c->items[a].sig;
	simindex_build(si, sigs, n);
	free(sigs);
	truth_of(si, c, t, n < 12 ? n : 12);
	int fd = mkstemp(file);
	assert_true(fd >= 0);
	close(fd);
	assert_int_equal(simfile_write(file, si, c, k), 0);
}

static void test_round_trip(void **st)
{
	(void)st;
	struct collection c;
	struct simindex si;
	struct truth t;
	char file[] = "/tmp/test_simfile_XXXXXX";
	const struct simfile_key k = {{1, 2, 3, 4, 5, 6, 7, 8}}, other = {{1, 2, 3, 4, 5, 6, 7, 9}};
	size_t n = 1100; /* "common" in more than SIM_WALK_MAX: its walk is capped */
	setup(n, &c, &si, &t, file, &k);
	assert_true(si.ngroups > 0);
	struct simfile *f = simfile_open(file, &k, n);
	assert_non_null(f);
	/* every walk, and why/copy for the first articles against all */
	for (size_t a = 0; a < n; a++) {
		struct visits v = {0};
		assert_true(simfile_walk(f, a, record, &v));
		assert_int_equal(v.n, t.walk[a].n);
		assert_memory_equal(v.b, t.walk[a].b, v.n * sizeof *v.b);
		assert_memory_equal(v.w, t.walk[a].w, v.n * sizeof *v.w);
		free(v.b);
		free(v.w);
	}
	for (size_t a = 0; a < 12; a++)
		for (size_t b = 0; b < n; b++) {
			const char *why[4];
			assert_int_equal(simfile_why(f, a, b, why, 4), t.nwhy[a * n + b]);
			for (size_t i = 0; i < t.nwhy[a * n + b]; i++)
				assert_string_equal(why[i], t.why[a * n + b][i]);
			assert_int_equal(simfile_copy(f, a, b), t.copy[a * n + b]);
		}
	simfile_close(f);
	assert_null(simfile_open(file, &other, n)); /* built from other cache files */
	assert_null(simfile_open(file, &k, n - 1)); /* over other articles */
	unlink(file);
	truth_free(&t, n);
	simindex_free(&si);
	collection_free(&c);
}

static void test_damaged(void **st)
{
	(void)st;
	struct collection c;
	struct simindex si;
	struct truth t;
	char file[] = "/tmp/test_simfile_XXXXXX";
	const struct simfile_key k = {{9, 8, 7, 6, 5, 4, 3, 2}};
	size_t n = 10;
	setup(n, &c, &si, &t, file, &k);
	char *data;
	size_t len;
	FILE *fp = fopen(file, "rb");
	assert_non_null(fp);
	fseek(fp, 0, SEEK_END);
	len = (size_t)ftell(fp);
	rewind(fp);
	data = xmalloc(len);
	assert_int_equal(fread(data, 1, len, fp), len);
	fclose(fp);
	struct simfile *f = simfile_open(file, &k, n);
	assert_non_null(f);
	size_t all = check(f, &t, n);
	simfile_close(f);
	size_t opened = 0;
	for (size_t cut = 0; cut < len; cut++) { /* truncated anywhere: not opened */
		unlink(file); /* a new file: ext4 writes a truncated one out at close */
		fp = fopen(file, "wb");
		fwrite(data, 1, cut, fp);
		fclose(fp);
		f = simfile_open(file, &k, n);
		opened += f != NULL;
		simfile_close(f);
	}
	assert_int_equal(opened, 0);
	size_t failed = 0;
	for (size_t at = 0; at < len; at++) { /* a byte changed anywhere */
		data[at] ^= 0x5a;
		unlink(file); /* a new file: ext4 writes a truncated one out at close */
		fp = fopen(file, "wb");
		fwrite(data, 1, len, fp);
		fclose(fp);
		data[at] ^= 0x5a;
		f = simfile_open(file, &k, n);
		if (f) {
			failed += check(f, &t, n) < all;
			simfile_close(f);
		} else {
			failed++;
		}
	}
	assert_true(failed > len / 2); /* the checks did catch changes */
	/* table entries swapped (each then leads to a whole, sound block of
	 * another article or term): the first two articles', two terms' */
	for (size_t e = 0; e < 2; e++) {
		size_t x = 128 + (e ? n * 8 : 0), y = x + 8;
		char tmp[8];
		memcpy(tmp, data + x, 8);
		memcpy(data + x, data + y, 8);
		memcpy(data + y, tmp, 8);
		unlink(file); /* a new file: ext4 writes a truncated one out at close */
		fp = fopen(file, "wb");
		fwrite(data, 1, len, fp);
		fclose(fp);
		memcpy(data + y, data + x, 8);
		memcpy(data + x, tmp, 8);
		f = simfile_open(file, &k, n);
		assert_non_null(f);
		assert_true(check(f, &t, n) < all);
		simfile_close(f);
	}
	free(data);
	unlink(file);
	truth_free(&t, n);
	simindex_free(&si);
	collection_free(&c);
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_damaged),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

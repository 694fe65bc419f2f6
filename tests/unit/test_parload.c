/* SPDX-License-Identifier: MIT
 * Loading on several threads: whatever DOSSIER_THREADS says, a load must
 * give the same articles and the same diagnostics in the same order, with
 * and without a vocabulary and a metadata cache, and a cancelled load must
 * stop early, return -2 and leak nothing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/collection/collection.h"
#include "core/collection/dossier.h"
#include "core/meta/metacache.h"
#include "core/base/strbuf.h"
#include "core/base/util.h"
#include "core/collection/vocab.h"
#include "tests/unit/testfiles.h"

#define NARTICLES 300

static char tmpdir[64];
static char root[128];
static atomic_size_t each_calls;

static void write_file(const char *rel, const char *text, size_t len)
{
	testfiles_write(root, rel, text, len);
}
#define WRITE(rel, lit) write_file(rel, lit, sizeof(lit) - 1)

static const char *const topics[] = {"the power grid", "a wheat harvest", "an election",
				     "the Kyiv talks", "nothing in particular"};

/* Article i in one of several shapes: front matter, sidecar, bare text. */
static void write_article(size_t i, int edition)
{
	char rel[64], text[1024];
	snprintf(rel, sizeof rel, "d%zu/a%03zu.md", i % 7, i);
	const char *topic = topics[i % ARRAY_LEN(topics)];
	switch (i % 4) {
	case 0:
		snprintf(text, sizeof text,
			 "---\ntitle: Article %zu ed %d\ndate: 2024-%02zu-%02zu\ntags: [T%zu, shared]\n"
			 "source: Wire\n---\nA story about %s, number %zu.\n",
			 i, edition, i % 12 + 1, i % 28 + 1, i % 5, topic, i);
		break;
	case 1: {
		snprintf(text, sizeof text, "Sidecar body on %s (%zu, ed %d).\n", topic, i, edition);
		char side[64];
		snprintf(side, sizeof side, "d%zu/a%03zu.yaml", i % 7, i);
		char meta[256];
		snprintf(meta, sizeof meta, "title: Side %zu\ntags: [side/%zu]\n%s", i, i % 3,
			 i % 20 == 1 ? "date: 2024-13-99\n" : "");
		write_file(side, meta, strlen(meta));
		break;
	}
	case 2:
		snprintf(text, sizeof text, "# Heading %zu ed %d\n\nBare text about %s.\n", i,
			 edition, topic);
		break;
	default:
		snprintf(text, sizeof text, "---\ntitle: [broken %zu\n---\nBody on %s.\n", i, topic);
		break;
	}
	write_file(rel, text, strlen(text));
}

/* Derived tags from a real vocabulary, as dossier.c does; runs on any
 * loading thread. */
static void derive(void *ctx, struct article *a, const char *body, size_t len)
{
	atomic_fetch_add(&each_calls, 1);
	const struct vocab *v = ctx;
	if (!body || !v) return;
	vocab_match(v, a->title, strlen(a->title), &a->derived);
	vocab_match(v, body, len, &a->derived);
}

struct prog {
	size_t last, calls, cancel_at;
	bool monotonic;
	atomic_int cancel;
};

static void on_progress(void *ctx, size_t seen)
{
	struct prog *p = ctx;
	if (seen < p->last) p->monotonic = false;
	p->last = seen;
	p->calls++;
	if (p->cancel_at && seen >= p->cancel_at) atomic_store(&p->cancel, 1);
}

/* One load with DOSSIER_THREADS=threads; returns the dump (NULL when the
 * load did not return 0) and fills *rc. */
static char *load(const char *threads, const struct vocab *v, const char *cachefile,
		  struct prog *p, int *rc, struct metacache_stats *st)
{
	setenv("DOSSIER_THREADS", threads, 1);
	struct fieldmap fm;
	fieldmap_init_default(&fm);
	struct metacache *mc =
		cachefile ? metacache_open_file(cachefile, root, &fm, v ? 7 : 0, NULL) : NULL;
	struct prog local = {.monotonic = true};
	if (!p) p = &local;
	struct collection_load_opts o = {.progress = on_progress, .pctx = p, .each = derive,
					 .ectx = (void *)v, .cache = mc, .cancel = &p->cancel};
	struct collection c;
	struct diag_list dl = DIAG_LIST_INIT;
	atomic_store(&each_calls, 0);
	*rc = collection_load_with_opts(&c, root, &fm, &dl, &o);
	char *d = NULL;
	if (*rc == 0) {
		d = testfiles_dump(&c, &dl);
		assert_true(p->monotonic);
		assert_int_equal(p->last, c.n); /* the last report counts every file */
		/* the full check's time, a wall-clock second, is saved in the
		 * file: fixed, so that two loads a second apart (slow under
		 * the sanitizers and valgrind) write the same bytes */
		if (mc) metacache_set_swept(mc, 1700000000);
		if (mc) assert_int_equal(metacache_save(mc), 0);
	} else {
		assert_int_equal(c.n, 0);
	}
	if (mc && st) *st = metacache_stats(mc);
	metacache_close(mc);
	collection_free(&c);
	diag_list_free(&dl);
	fieldmap_free(&fm);
	unsetenv("DOSSIER_THREADS");
	return d;
}

static int setup(void **st)
{
	(void)st;
	strcpy(tmpdir, "/tmp/dossier-pl.XXXXXX");
	assert_non_null(mkdtemp(tmpdir));
	snprintf(root, sizeof root, "%s/coll", tmpdir);
	mkdir(root, 0700);
	for (size_t i = 0; i < NARTICLES; i++) write_article(i, 1);
	write_file("odd/bin.md", "\0\1\2\3binary\0\0", 13);
	WRITE("odd/utf8.md", "---\ntitle: U\n---\nok line\nbad \xff byte on the power grid\n");
	WRITE("odd/empty.md", "");
	WRITE("odd/unterminated.md", "---\ntitle: never closed\nbody\n");
	WRITE("dup.md", "one\n");
	WRITE("dup.txt", "two\n");
	WRITE("odd/locked.md", "---\ntitle: Locked\n---\nSecret.\n");
	char p[256];
	snprintf(p, sizeof p, "%s/odd/locked.md", root);
	chmod(p, 0); /* unreadable unless root, who reads it anyway: same both ways */
	return 0;
}

static int teardown(void **st)
{
	(void)st;
	testfiles_remove(tmpdir);
	return 0;
}

static struct vocab *small_vocab(void)
{
	static const char yaml[] = "energy: { label: Energy, match: [power grid, grid] }\n"
				   "food: [wheat, harvest]\n"
				   "politics: [election, talks]\n"
				   "ukraine: [Kyiv, Kiev]\n";
	struct diag_list dl = DIAG_LIST_INIT;
	struct vocab *v = vocab_open(yaml, "test-topics.yaml", NULL, 0, &dl);
	assert_int_equal(dl.n, 0);
	diag_list_free(&dl);
	return v;
}

/* Diagnostics come in scan order (here the byte order of the paths, by
 * stem so that a sidecar's problems sit with its article), up to the
 * duplicate-id warnings that the final sort adds. */
static void assert_scan_order(const char *d)
{
	char prev[512] = "";
	size_t n = 0;
	for (const char *l = strstr(d, "\ndiag "); l; l = strstr(l + 1, "\ndiag ")) {
		const char *p = l + 6, *colon = strchr(p, ':');
		assert_non_null(colon);
		if (strstr(colon, ": warning: id '") == colon) break;
		char cur[512];
		snprintf(cur, sizeof cur, "%.*s", (int)(colon - p), p);
		char *dot = strrchr(cur, '.');
		if (dot && !strchr(dot, '/')) *dot = '\0';
		assert_true(strcmp(prev, cur) <= 0);
		snprintf(prev, sizeof prev, "%s", cur);
		n++;
	}
	assert_true(n > NARTICLES / 4);
}

static void test_same_without_cache(void **st)
{
	(void)st;
	struct vocab *v = small_vocab();
	for (int with_vocab = 0; with_vocab < 2; with_vocab++) {
		const struct vocab *use = with_vocab ? v : NULL;
		int rc;
		char *one = load("1", use, NULL, NULL, &rc, NULL);
		assert_int_equal(rc, 0);
		size_t calls1 = atomic_load(&each_calls);
		for (int round = 0; round < 3; round++) {
			char *four = load("4", use, NULL, NULL, &rc, NULL);
			assert_int_equal(rc, 0);
			assert_string_equal(one, four);
			assert_int_equal(atomic_load(&each_calls), calls1); /* once per article */
			free(four);
		}
		char *dflt = load("", use, NULL, NULL, &rc, NULL); /* the machine's count */
		assert_string_equal(one, dflt);
		assert_scan_order(one);
		free(dflt);
		/* the fixture exercises what it should */
		assert_true(calls1 >= NARTICLES);
		assert_non_null(strstr(one, "binary content"));
		assert_non_null(strstr(one, "invalid UTF-8"));
		assert_non_null(strstr(one, "also used by another file"));
		assert_non_null(strstr(one, "malformed"));
		assert_true((strstr(one, "der[energy;") != NULL) == with_vocab);
		free(one);
	}
	vocab_free(v);
}

/* Cold then warm with a couple of files changed: both thread counts give
 * what an uncached load gives, and write the same cache. */
static void test_same_with_cache(void **st)
{
	(void)st;
	struct vocab *v = small_vocab();
	char c1[160], c4[160];
	snprintf(c1, sizeof c1, "%s/one.meta", tmpdir);
	snprintf(c4, sizeof c4, "%s/four.meta", tmpdir);
	int rc;
	struct metacache_stats s1, s4;
	char *cold1 = load("1", v, c1, NULL, &rc, &s1);
	char *cold4 = load("4", v, c4, NULL, &rc, &s4);
	assert_string_equal(cold1, cold4);
	assert_int_equal(s1.put, s4.put);
	assert_int_equal(s1.taken, 0);

	/* the key includes the size: the new texts are longer */
	write_article(5, 22);
	write_article(10, 333);
	write_article(201, 4444);
	WRITE("added.md", "---\ntitle: Added later\n---\nAbout the grid.\n");

	char *warm1 = load("1", v, c1, NULL, &rc, &s1);
	char *warm4 = load("4", v, c4, NULL, &rc, &s4);
	assert_int_equal(atomic_load(&each_calls), 4); /* only the changed files were read */
	char *plain = load("4", v, NULL, NULL, &rc, NULL);
	assert_string_equal(warm1, plain);
	assert_string_equal(warm4, plain);
	assert_int_equal(s1.put, 4);
	assert_int_equal(s4.put, 4);
	assert_int_equal(s1.taken, s4.taken);
	assert_true(s4.taken >= NARTICLES);

	/* and the cache files are the same bytes */
	FILE *f1 = fopen(c1, "rb"), *f4 = fopen(c4, "rb");
	assert_non_null(f1);
	assert_non_null(f4);
	int a, b;
	do {
		a = fgetc(f1);
		b = fgetc(f4);
		assert_int_equal(a, b);
	} while (a != EOF);
	fclose(f1);
	fclose(f4);

	free(cold1);
	free(cold4);
	free(warm1);
	free(warm4);
	free(plain);
	vocab_free(v);
}

/* Cancelled from progress (on the calling thread) after 256 files: -2,
 * fewer files read than there are, nothing leaked (ASan). */
static void test_cancel(void **st)
{
	(void)st;
	struct vocab *v = small_vocab();
	static const char *const counts[] = {"1", "2", "4"};
	for (size_t k = 0; k < ARRAY_LEN(counts); k++) {
		struct prog p = {.monotonic = true, .cancel_at = 256};
		int rc;
		assert_null(load(counts[k], v, NULL, &p, &rc, NULL));
		assert_int_equal(rc, -2);
		assert_true(p.calls >= 1);
		assert_true(p.last >= 256);
		/* one thread stops right there; more may finish the files in hand */
		if (k == 0) assert_int_equal(atomic_load(&each_calls), 256);
		else assert_true(atomic_load(&each_calls) >= 256);
	}
	/* already set: nothing is read */
	struct prog p = {.monotonic = true, .cancel = 1};
	int rc;
	assert_null(load("4", v, NULL, &p, &rc, NULL));
	assert_int_equal(rc, -2);
	assert_int_equal(atomic_load(&each_calls), 0);

	/* while taking from a warm cache */
	char cf[160];
	snprintf(cf, sizeof cf, "%s/cancel.meta", tmpdir);
	free(load("4", v, cf, NULL, &rc, NULL));
	assert_int_equal(rc, 0);
	struct metacache_stats s;
	struct prog q = {.monotonic = true, .cancel_at = 256};
	assert_null(load("4", v, cf, &q, &rc, &s));
	assert_int_equal(rc, -2);
	assert_true(s.taken >= 256 && s.taken < NARTICLES);
	vocab_free(v);
}

/* Quitting during a first load keeps what was read: the next start shows
 * it as a snapshot and the refresh completes it, equal to a load without
 * any cache. A cancelled refresh of a full cache leaves the cache whole. */
static void test_cancel_keeps_work(void **st)
{
	(void)st;
	char xdg[160];
	snprintf(xdg, sizeof xdg, "%s/xdg", tmpdir);
	setenv("XDG_CACHE_HOME", xdg, 1);
	setenv("DOSSIER_THREADS", "1", 1); /* exactly 256 read before the cancel */
	struct prog p = {.monotonic = true, .cancel_at = 256};
	struct dossier_open_opts o = {.use_cache = true, .progress = on_progress, .pctx = &p,
				      .cancel = &p.cancel};
	struct dossier d, snap, full, ref;
	assert_int_equal(dossier_open_with(&d, root, &o), -2);
	dossier_close(&d);

	const struct dossier_open_opts nc = {.use_cache = false};
	assert_int_equal(dossier_open_with(&ref, root, &nc), 0);
	const struct dossier_open_opts plain = {.use_cache = true};
	struct metacache *mc;
	assert_int_equal(dossier_open_snapshot(&snap, root, &plain, &mc), 0);
	assert_true(snap.coll.n > 200 && snap.coll.n < ref.coll.n); /* 256 files: part of it */
	struct dossier_open_opts oc = plain;
	oc.cache = mc;
	assert_int_equal(dossier_open_with(&full, root, &oc), 0);
	assert_int_equal(metacache_stats(mc).taken, snap.coll.n);
	metacache_close(mc);
	char *x = testfiles_dump(&ref.coll, &ref.diags);
	char *y = testfiles_dump(&full.coll, &full.diags);
	assert_string_equal(x, y);
	dossier_close(&snap);
	dossier_close(&full);

	/* the cache is whole now; a refresh cancelled half-way saves nothing */
	struct prog q = {.monotonic = true, .cancel_at = 64};
	struct dossier_open_opts oq = {.use_cache = true, .progress = on_progress, .pctx = &q,
				       .cancel = &q.cancel};
	assert_int_equal(dossier_open_with(&d, root, &oq), -2);
	dossier_close(&d);
	assert_int_equal(dossier_open_snapshot(&snap, root, &plain, &mc), 0);
	assert_int_equal(snap.coll.n, ref.coll.n);
	metacache_close(mc);
	dossier_close(&snap);
	dossier_close(&ref);
	free(x);
	free(y);
	unsetenv("DOSSIER_THREADS");
	unsetenv("XDG_CACHE_HOME");
}

/* A cold open that leaves the cache save running (save_later, as a plain
 * `list` does) writes the whole cache by the time dossier_close returns:
 * the next start's snapshot is the full collection, as a load without any
 * cache gives it. */
static void test_save_later(void **st)
{
	(void)st;
	char xdg[160];
	snprintf(xdg, sizeof xdg, "%s/xdg-later", tmpdir);
	setenv("XDG_CACHE_HOME", xdg, 1);
	const struct dossier_open_opts later = {.use_cache = true, .save_later = true};
	struct dossier d, snap, ref;
	assert_int_equal(dossier_open_with(&d, root, &later), 0);
	assert_non_null(d.saver); /* left running beside the caller */
	char *x = testfiles_dump(&d.coll, &d.diags);
	dossier_close(&d);
	assert_null(d.saver);
	const struct dossier_open_opts nc = {.use_cache = false};
	assert_int_equal(dossier_open_with(&ref, root, &nc), 0);
	assert_null(ref.saver);
	const struct dossier_open_opts plain = {.use_cache = true};
	struct metacache *mc;
	assert_int_equal(dossier_open_snapshot(&snap, root, &plain, &mc), 0);
	char *y = testfiles_dump(&snap.coll, &snap.diags);
	char *z = testfiles_dump(&ref.coll, &ref.diags);
	assert_string_equal(x, z);
	assert_int_equal(snap.coll.n, ref.coll.n);
	metacache_close(mc);
	dossier_close(&snap);
	dossier_close(&ref);
	free(x);
	free(y);
	free(z);
	unsetenv("XDG_CACHE_HOME");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_same_without_cache, setup, teardown),
		cmocka_unit_test_setup_teardown(test_same_with_cache, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cancel, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cancel_keeps_work, setup, teardown),
		cmocka_unit_test_setup_teardown(test_save_later, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* SPDX-License-Identifier: MIT
 * The growing list of a cold start: a fed background load hands over every
 * article it reads exactly once, in batches, whatever the thread count;
 * merged, the batches are the full load (derived tags too); a gated feed
 * gives batches of exactly N in scan order; a cancel never hangs on the
 * gate; and the full load is the same with and without the feed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/base/util.h"
#include "core/collection/bgload.h"
#include "core/collection/dossier.h"
#include "core/collection/loadfeed.h"
#include "core/collection/vocab.h"
#include "tests/unit/testfiles.h"

#define NARTICLES 400

static char tmpdir[64];
static char root[128];

static const char *const titles[] = {
	"Grid operator’s “winter plan” — approved", "Café owners in Zürich ask for power grid aid",
	"東京の電力網 and the Kyiv talks", "Naïve forecasts of the wheat harvest 🌾",
	"Cafe\xcc\x81 with a combining accent at the election",
};

/* Article i: front matter with a title from the list (real text), a date
 * and tags; every fifth a sidecar; every seventh bare text. */
static void write_article(size_t i)
{
	char rel[64], text[1024];
	snprintf(rel, sizeof rel, "y%zu/m%02zu/a%04zu.md", 2020 + i % 3, i % 12 + 1, i);
	const char *title = titles[i % ARRAY_LEN(titles)];
	if (i % 7 == 0) {
		snprintf(text, sizeof text, "%s %zu\n\nBare text on the power grid.\n", title, i);
	} else if (i % 5 == 0) {
		snprintf(text, sizeof text, "Sidecar body about the harvest, %zu.\n", i);
		char side[64], meta[512];
		snprintf(side, sizeof side, "y%zu/m%02zu/a%04zu.yaml", 2020 + i % 3, i % 12 + 1, i);
		snprintf(meta, sizeof meta, "title: \"%s (%zu)\"\ntags: [side/%zu]\n", title, i, i % 4);
		testfiles_write(root, side, meta, strlen(meta));
	} else {
		snprintf(text, sizeof text,
			 "---\ntitle: \"%s %zu\"\ndate: 2024-%02zu-%02zu\ntags: [t%zu, shared]\n---\n"
			 "A story about %s.\n",
			 title, i, i % 12 + 1, i % 28 + 1, i % 9, i % 2 ? "the Kyiv talks" : "wheat");
	}
	testfiles_write(root, rel, text, strlen(text));
}

static int setup(void **st)
{
	(void)st;
	strcpy(tmpdir, "/tmp/dossier-lf.XXXXXX");
	testfiles_collection_dir(tmpdir, root, sizeof root);
	for (size_t i = 0; i < NARTICLES; i++) write_article(i);
	return 0;
}

static int teardown(void **st)
{
	(void)st;
	testfiles_remove(tmpdir);
	unsetenv("DOSSIER_THREADS");
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

static char *dump_coll(const struct collection *c)
{
	struct diag_list none = DIAG_LIST_INIT;
	return testfiles_dump(c, &none);
}

/* Take batches until the load ends, merging them into partial; counts
 * batches. */
static size_t drain(struct bgload *b, struct collection *partial, bool wait)
{
	size_t batches = 0;
	for (;;) {
		bool done = bgload_finished(b);
		struct article *batch;
		size_t n = bgload_take(b, &batch, wait);
		if (n) {
			batches++;
			loadfeed_merge(partial, batch, n);
		} else if (done) {
			return batches;
		} else if (!wait) {
			nanosleep(&(struct timespec){0, 1000000L}, NULL);
		}
	}
}

/* With 1 and 4 threads: the batches hold every article once; merged they
 * are the final collection, field for field; the final collection is the
 * one a load without the feed gives; the scan's total is the file count. */
static void test_batches_are_the_load(void **st)
{
	(void)st;
	struct vocab *v = small_vocab();
	struct dossier_open_opts o = {.vocab = v};
	struct dossier plain;
	assert_int_equal(dossier_open_with(&plain, root, &o), 0);
	assert_int_equal(plain.coll.n, NARTICLES);
	char *want = dump_coll(&plain.coll);
	for (int threads = 1; threads <= 4; threads += 3) {
		char tn[16];
		snprintf(tn, sizeof tn, "%d", threads);
		setenv("DOSSIER_THREADS", tn, 1);
		struct bgload *b = bgload_start_fed(root, &o, NULL, 0);
		struct collection partial = {0};
		size_t batches = drain(b, &partial, false);
		assert_true(batches >= 1);
		assert_int_equal(bgload_total(b), NARTICLES);
		struct dossier d;
		assert_int_equal(bgload_finish(b, &d, false), 0);
		assert_int_equal(partial.n, NARTICLES); /* every article exactly once */
		for (size_t i = 1; i < partial.n; i++) /* sorted, no id twice */
			assert_true(strcmp(partial.items[i - 1].id, partial.items[i].id) < 0);
		char *got = dump_coll(&partial), *fin = dump_coll(&d.coll);
		assert_string_equal(got, want);
		assert_string_equal(fin, want);
		assert_int_equal(d.diags.n, plain.diags.n);
		free(got);
		free(fin);
		collection_free(&partial);
		dossier_close(&d);
	}
	free(want);
	dossier_close(&plain);
	vocab_free(v);
}

/* A gate of 7 on one thread: each waiting take gets exactly 7 articles
 * (the last the rest), in scan order, which here is id order. */
static void test_gate_steps_in_order(void **st)
{
	(void)st;
	setenv("DOSSIER_THREADS", "1", 1);
	struct dossier_open_opts o = {0};
	struct bgload *b = bgload_start_fed(root, &o, NULL, 7);
	size_t seen = 0, batches = 0;
	char last[64] = "";
	for (;;) {
		struct article *batch;
		size_t n = bgload_take(b, &batch, true);
		if (!n) break;
		batches++;
		assert_int_equal(n, seen + 7 <= NARTICLES ? 7 : NARTICLES - seen);
		for (size_t i = 0; i < n; i++) {
			assert_true(strcmp(last, batch[i].id) < 0);
			snprintf(last, sizeof last, "%s", batch[i].id);
			article_free(&batch[i]);
		}
		free(batch);
		seen += n;
	}
	assert_int_equal(seen, NARTICLES);
	assert_int_equal(batches, (NARTICLES + 6) / 7);
	struct dossier d;
	assert_int_equal(bgload_finish(b, &d, false), 0);
	assert_int_equal(d.coll.n, NARTICLES);
	dossier_close(&d);
}

/* A load held at its gate by a reader that stops taking: finishing it
 * (cancelled or not) must not hang, and what was never taken is freed. */
static void test_gate_finish_does_not_hang(void **st)
{
	(void)st;
	setenv("DOSSIER_THREADS", "2", 1);
	struct dossier_open_opts o = {0};
	struct bgload *b = bgload_start_fed(root, &o, NULL, 5);
	struct article *batch;
	size_t n = bgload_take(b, &batch, true);
	assert_int_equal(n, 5);
	for (size_t i = 0; i < n; i++) article_free(&batch[i]);
	free(batch);
	struct dossier d;
	int rc = bgload_finish(b, &d, true);
	assert_true(rc == -2 || rc == 0);
	if (rc == 0) dossier_close(&d);
	/* not cancelled: the gate opens and the load completes */
	b = bgload_start_fed(root, &o, NULL, 3);
	assert_int_equal(bgload_finish(b, &d, false), 0);
	assert_int_equal(d.coll.n, NARTICLES);
	dossier_close(&d);
}

/* A load that is not fed gives nothing to take (a warm start's refresh). */
static void test_unfed(void **st)
{
	(void)st;
	struct dossier_open_opts o = {0};
	struct bgload *b = bgload_start(root, &o, NULL);
	struct article *batch = (struct article *)1;
	assert_int_equal(bgload_take(b, &batch, true), 0);
	assert_null(batch);
	struct dossier d;
	assert_int_equal(bgload_finish(b, &d, false), 0);
	assert_int_equal(d.coll.n, NARTICLES);
	dossier_close(&d);
}

static void art(struct article *a, const char *id)
{
	memset(a, 0, sizeof *a);
	a->id = xstrdup(id);
	a->title = xstrdup(id);
}

/* The merge keeps ids sorted across interleaved batches and keeps equal
 * ids (a.md and a.txt before the full load makes them unique). */
static void test_merge(void **st)
{
	(void)st;
	struct collection c = {0};
	const char *const b1[] = {"m", "c", "x"}, *const b2[] = {"a", "z", "n", "c"},
			  *const b3[] = {"b"};
	const char *const *bs[] = {b1, b2, b3};
	const size_t ns[] = {3, 4, 1};
	for (size_t k = 0; k < 3; k++) {
		struct article *batch = xcalloc(ns[k], sizeof *batch);
		for (size_t i = 0; i < ns[k]; i++) art(&batch[i], bs[k][i]);
		loadfeed_merge(&c, batch, ns[k]);
	}
	loadfeed_merge(&c, NULL, 0);
	const char *const want[] = {"a", "b", "c", "c", "m", "n", "x", "z"};
	assert_int_equal(c.n, ARRAY_LEN(want));
	for (size_t i = 0; i < c.n; i++) assert_string_equal(c.items[i].id, want[i]);
	collection_free(&c);
}

/* Puts from several threads against a taker that takes as it goes: each
 * article arrives once, and the copies own their strings. */
struct putter {
	struct loadfeed *f;
	int base;
};

static void *put_many(void *arg)
{
	struct putter *p = arg;
	for (int i = 0; i < 500; i++) {
		char id[32];
		snprintf(id, sizeof id, "t%d-%04d", p->base, i);
		struct article a;
		art(&a, id);
		strlist_push(&a.tags, "café");
		loadfeed_put(p->f, &a);
		article_free(&a); /* the feed kept a copy */
	}
	return NULL;
}

static void test_threads_put(void **st)
{
	(void)st;
	struct loadfeed *f = loadfeed_new(0);
	pthread_t th[3];
	struct putter p[3];
	for (int i = 0; i < 3; i++) {
		p[i] = (struct putter){f, i};
		assert_int_equal(pthread_create(&th[i], NULL, put_many, &p[i]), 0);
	}
	struct collection c = {0};
	int joined = 0;
	while (joined < 3 || c.n < 1500) {
		struct article *batch;
		size_t n = loadfeed_take(f, &batch, false);
		loadfeed_merge(&c, batch, n);
		if (joined < 3 && c.n >= 1500) {
			for (int i = 0; i < 3; i++) pthread_join(th[i], NULL);
			joined = 3;
		}
	}
	assert_int_equal(c.n, 1500);
	for (size_t i = 1; i < c.n; i++) assert_true(strcmp(c.items[i - 1].id, c.items[i].id) < 0);
	assert_string_equal(c.items[0].tags.v[0], "café");
	loadfeed_close(f);
	assert_true(loadfeed_closed(f));
	struct article a;
	art(&a, "late");
	loadfeed_put(f, &a); /* after the close: dropped */
	article_free(&a);
	struct article *batch;
	assert_int_equal(loadfeed_take(f, &batch, true), 0);
	loadfeed_free(f);
	collection_free(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_batches_are_the_load, setup, teardown),
		cmocka_unit_test_setup_teardown(test_gate_steps_in_order, setup, teardown),
		cmocka_unit_test_setup_teardown(test_gate_finish_does_not_hang, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unfed, setup, teardown),
		cmocka_unit_test(test_merge),
		cmocka_unit_test(test_threads_put),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

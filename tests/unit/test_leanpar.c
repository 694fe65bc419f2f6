/* SPDX-License-Identifier: MIT
 * The lean listing formatted by threads (core/cli/cli_lean_par.c) writes
 * exactly what a listing of the loaded collection writes (cli_list_article
 * over the articles in the same order): TSV and JSON, in file order and
 * sorted, under both output policies, at any piece size and thread count,
 * on hostile text; a damaged record in a late piece stops it right after
 * everything before that record; a reader gone stops it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/base/json.h"
#include "core/base/strbuf.h"
#include "core/base/util.h"
#include "core/base/xdg.h"
#include "core/cli/cli.h"
#include "core/cli/cli_lean_par.h"
#include "core/collection/dossier.h"
#include "core/collection/order.h"
#include "core/meta/metaindex.h"
#include "tests/unit/testfiles.h"

#define NART 700

static char tmpdir[64];
static char root[160];
static struct dossier d; /* the collection loaded: what the listings must equal */

/* Titles, sources and tags of every kind the printers treat apart:
 * plain ASCII (the span path), curly quotes, dashes, accents, CJK,
 * combining marks, emoji, controls, bidi overrides, quote and backslash
 * (the record read whole). */
static const char *const odd[] = {
	"\xe2\x80\x9c" "Harbour\xe2\x80\x9d \xe2\x80\x94 caf\xc3\xa9",
	"\xe5\x8c\x97\xe4\xba\xac notes",
	"e\xcc\x81t\xc3\xa9 \xf0\x9f\x93\xb0",
	"\\u001b[31mred \\u202Eevil\\u202C \\u2028sep",
	"Say \\\"hi\\\" and back\\\\slash",
	"Tab\\there \\u0085nel",
};

static int setup(void **st)
{
	(void)st;
	strcpy(tmpdir, "/tmp/dossier-lp.XXXXXX");
	testfiles_collection_dir(tmpdir, root, sizeof root);
	for (int i = 0; i < NART; i++) {
		char rel[32], text[512];
		snprintf(rel, sizeof rel, "d%d/a%03d.md", i % 5, i);
		const char *t = i % 9 == 4 ? odd[(i / 9) % 6] : "Plain headline";
		int n = snprintf(text, sizeof text,
				 "---\ntitle: \"%s %d\"\n%s%02d-%02d\nsource: %s\ntags: [%s]\n%s---\nBody %d.\n",
				 t, (i * 37) % 101, i % 13 ? "date: 20" : "x-none: ", 10 + i % 17,
				 1 + i % 12, i % 11 == 3 ? "\"\\u201cNordwind\\u201d\"" : i % 2 ? "Wire" : "Ledger",
				 i % 7 == 2 ? "\xe5\x8c\x97\xe4\xba\xac, energy" : i % 3 ? "alpha, beta/gamma" : "",
				 i % 10 == 5 ? "summary: \"A \\\"quoted\\\" \\u0001 summary\"\nmood: grim\n" : "",
				 i);
		testfiles_write(root, rel, text, (size_t)n);
	}
	testfiles_age(root, "");
	for (int i = 0; i < 5; i++) {
		char dir[16];
		snprintf(dir, sizeof dir, "d%d", i);
		testfiles_age(root, dir);
	}
	const struct dossier_open_opts o = {.use_cache = true, .check_every = 3600};
	assert_int_equal(dossier_open_with(&d, root, &o), 0);
	assert_int_equal(d.coll.n, NART);
	return 0;
}

static int teardown(void **st)
{
	(void)st;
	dossier_close(&d);
	testfiles_remove(tmpdir);
	return 0;
}

static struct metaindex *open_mx(void)
{
	return testfiles_open_index(root, 3600);
}

/* The articles in order key (-1: file order, the collection's). */
static size_t *order_of(int key)
{
	if (key >= 0) return collection_order(&d.coll, &d.tags, (enum order_key)key, -1);
	size_t *art = xcalloc(d.coll.n, sizeof *art);
	for (size_t i = 0; i < d.coll.n; i++) art[i] = i;
	return art;
}

/* The loaded collection's listing of art[0..upto), as cli_list writes it:
 * TSV lines, or (json) the array so far, closed when upto is all. */
static void want_listing(const struct cli_ctx *cx, const size_t *art, size_t upto, bool json,
			 struct strbuf *out)
{
	struct json j;
	if (json) {
		json_init(&j, out, true);
		json_begin_array(&j);
	}
	for (size_t k = 0; k < upto; k++) cli_list_article(cx, &d.coll.items[art[k]], json ? &j : NULL, out);
	if (json && upto == d.coll.n) json_end_array(&j);
}

/* The threads' listing of art[0..n) into out (the array closed after it
 * when json and it succeeded); returns what cli_lean_par_print said. */
static bool par_listing(struct cli_ctx *cx, const struct metaindex *mx, const size_t *art, size_t n,
			bool json, const struct cli_lean_par *p, struct strbuf *out)
{
	char *mem = NULL;
	size_t memlen = 0;
	cx->out = open_memstream(&mem, &memlen);
	assert_non_null(cx->out);
	bool sorted = true;
	for (size_t k = 1; k < n; k++) sorted = sorted && art[k - 1] < art[k];
	struct strbuf sb = STRBUF_INIT;
	struct json j;
	if (json) {
		json_init(&j, &sb, true);
		json_begin_array(&j);
	}
	bool ok = cli_lean_par_print(cx, mx, art, n, sorted, json ? &j : NULL, p);
	if (ok && json) json_end_array(&j);
	fclose(cx->out);
	strbuf_add(out, mem, memlen);
	if (ok) strbuf_add(out, sb.buf ? sb.buf : "", sb.len);
	free(mem);
	strbuf_free(&sb);
	return ok;
}

/* Every order, both outputs, both text policies, pieces of 1 to past the
 * ramp (256 doubling), one to four threads: byte for byte the load's. */
static void test_par_same(void **st)
{
	(void)st;
	struct metaindex *mx = open_mx();
	assert_non_null(mx);
	assert_int_equal(metaindex_count(mx), NART);
	const int keys[] = {-1, ORDER_DATE, ORDER_TITLE, ORDER_SOURCE};
	const size_t chunks[] = {1, 3, 64, 300, 100000};
	size_t runs = 0;
	for (size_t ki = 0; ki < ARRAY_LEN(keys); ki++) {
		size_t *art = order_of(keys[ki]);
		for (int json = 0; json < 2; json++)
			for (int raw = 0; raw < 2; raw++) {
				struct cli_ctx cx = {0};
				cx.raw_text = raw;
				struct strbuf want = STRBUF_INIT;
				want_listing(&cx, art, NART, json, &want);
				for (size_t ci = 0; ci < ARRAY_LEN(chunks); ci++)
					for (int t = 1; t <= 4; t += 1 + (ci % 2)) {
						const struct cli_lean_par p = {0, chunks[ci], t};
						struct strbuf got = STRBUF_INIT;
						assert_true(par_listing(&cx, mx, art, NART, json, &p, &got));
						assert_int_equal(got.len, want.len);
						assert_memory_equal(got.buf, want.buf, want.len);
						strbuf_free(&got);
						runs++;
					}
				strbuf_free(&want);
			}
		free(art);
	}
	assert_true(runs > 50);
	/* the sorted orders are not the file's (the gather path runs) */
	size_t *byd = order_of(ORDER_DATE);
	bool sorted = true;
	for (size_t k = 1; k < NART; k++) sorted = sorted && byd[k - 1] < byd[k];
	assert_false(sorted);
	free(byd);
	metaindex_close(mx);
}

/* A reader gone (EPIPE): the listing stops, the stream says it failed. */
static void test_par_reader_gone(void **st)
{
	(void)st;
	struct metaindex *mx = open_mx();
	assert_non_null(mx);
	size_t *art = order_of(ORDER_DATE);
	int fds[2];
	assert_int_equal(pipe(fds), 0);
	close(fds[0]);
	void (*old)(int) = signal(SIGPIPE, SIG_IGN);
	struct cli_ctx cx = {0};
	cx.out = fdopen(fds[1], "w");
	assert_non_null(cx.out);
	setvbuf(cx.out, NULL, _IONBF, 0);
	const struct cli_lean_par p = {0, 5, 2};
	assert_true(cli_lean_par_print(&cx, mx, art, NART, false, NULL, &p));
	assert_true(ferror(cx.out));
	fclose(cx.out);
	signal(SIGPIPE, old);
	free(art);
	metaindex_close(mx);
}

/* One byte of the record of the article at place bad of the date order
 * flipped (a late piece): every listing stops after exactly the
 * articles before it, TSV and JSON, sorted and not, at any piece size. */
static void test_par_damaged(void **st)
{
	(void)st;
	struct metaindex *mx = open_mx();
	assert_non_null(mx);
	size_t *byd = order_of(ORDER_DATE), *inorder = order_of(-1);
	const size_t bad = NART - 90, victim = byd[bad];
	testfiles_flip_record(root, mx, victim, 0x04);
	mx = open_mx(); /* the index's tail is intact: it opens */
	assert_non_null(mx);
	const size_t *orders[2] = {byd, inorder};
	const size_t at[2] = {bad, victim}; /* the damaged one's place in each */
	const size_t chunks[] = {1, 7, 100, 256, 100000};
	for (int o = 0; o < 2; o++)
		for (int json = 0; json < 2; json++) {
			struct cli_ctx cx = {0};
			struct strbuf want = STRBUF_INIT;
			want_listing(&cx, orders[o], at[o], json, &want);
			for (size_t ci = 0; ci < ARRAY_LEN(chunks); ci++)
				for (int t = 1; t <= 3; t++) {
					const struct cli_lean_par p = {0, chunks[ci], t};
					struct strbuf got = STRBUF_INIT;
					assert_false(par_listing(&cx, mx, orders[o], NART, json, &p, &got));
					assert_int_equal(got.len, want.len);
					assert_memory_equal(got.buf, want.buf, want.len);
					strbuf_free(&got);
				}
			strbuf_free(&want);
		}
	free(byd);
	free(inorder);
	metaindex_close(mx);
}

/* The test hooks and the defaults. */
static void test_par_conf(void **st)
{
	(void)st;
	unsetenv("DOSSIER_TEST_PAR_MIN");
	unsetenv("DOSSIER_TEST_PAR_CHUNK");
	unsetenv("DOSSIER_TEST_PAR_THREADS");
	struct cli_lean_par p = cli_lean_par_conf();
	assert_int_equal(p.min, 10000);
	assert_int_equal(p.chunk, 8192);
	assert_true(p.threads >= 0 && p.threads <= 4);
	setenv("DOSSIER_TEST_PAR_MIN", "1", 1);
	setenv("DOSSIER_TEST_PAR_CHUNK", "0", 1);
	setenv("DOSSIER_TEST_PAR_THREADS", "3x", 1);
	p = cli_lean_par_conf();
	assert_int_equal(p.min, 1);
	assert_int_equal(p.chunk, 1); /* at least one hit a piece */
	assert_true(p.threads >= 0 && p.threads <= 4); /* not a number: the default */
	unsetenv("DOSSIER_TEST_PAR_MIN");
	unsetenv("DOSSIER_TEST_PAR_CHUNK");
	unsetenv("DOSSIER_TEST_PAR_THREADS");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_par_conf),
		cmocka_unit_test(test_par_same),
		cmocka_unit_test(test_par_reader_gone),
		cmocka_unit_test(test_par_damaged), /* last: it damages the cache */
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}

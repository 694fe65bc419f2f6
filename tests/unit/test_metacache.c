/* SPDX-License-Identifier: MIT
 * The metadata cache: a warm load must give exactly what a cold load gives
 * (articles, derived data, diagnostics), re-read only what changed, and
 * survive any damage to the cache file. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/collection/bgload.h"
#include "core/collection/collection.h"
#include "core/collection/dossier.h"
#include "core/base/hash.h"
#include "core/meta/metacache.h"
#include "core/meta/metacache_int.h"
#include "core/base/strbuf.h"
#include "core/base/util.h"
#include "tests/unit/testfiles.h"

static char tmpdir[64];
static char root[128], cachefile[160];
static int each_calls;

static void write_file(const char *rel, const char *text, size_t len)
{
	testfiles_write(root, rel, text, len);
}
#define WRITE(rel, lit) write_file(rel, lit, sizeof(lit) - 1)

/* Stands in for the vocabulary: derived data computed from the body. */
static void derive(void *ctx, struct article *a, const char *body, size_t len)
{
	(void)ctx;
	each_calls++;
	if (!body) return;
	char t[32];
	snprintf(t, sizeof t, "len/%zu", len % 7);
	strlist_push(&a->derived, t);
}

/* Load root with (cache != 0) or without the cache; returns the dump. */
static char *load(bool cache, const struct fieldmap *fm, struct metacache_stats *st, char **note)
{
	each_calls = 0;
	return testfiles_load_with(&(struct testfiles_load){
		.root = root, .cachefile = cache ? cachefile : NULL, .fm = fm, .each = derive,
		.st = st, .note = note});
}

static int setup(void **st)
{
	(void)st;
	strcpy(tmpdir, "/tmp/dossier-mc.XXXXXX");
	assert_non_null(mkdtemp(tmpdir));
	snprintf(root, sizeof root, "%s/coll", tmpdir);
	snprintf(cachefile, sizeof cachefile, "%s/cache/x.meta", tmpdir);
	mkdir(root, 0700);
	WRITE("a.md", "---\ntitle: Alpha\ndate: 2024-06-20\ntags: [Energy, grid]\n"
		      "authors: [Ann, Bo]\neditor: Quist\nsource: Wire\n---\nBody of alpha.\n");
	WRITE("b.md", "No metadata here\n\nJust text.\n");
	WRITE("c.md", "Sidecar body\n");
	WRITE("c.yaml", "title: Gamma\ntags: [x/y]\n");
	WRITE("bad/syntax.md", "---\ntitle: [unclosed\n---\nbody\n");
	WRITE("bad/date.md", "---\ntitle: Dated\ndate: 2024-13-45\n---\nbody\n");
	WRITE("bad/utf8.md", "---\ntitle: U\n---\nok line\nbad \xff byte\n");
	WRITE("bad/empty.md", "");
	write_file("bad/bin.md", "\0\1\2\3binary", 10);
	WRITE("bad/unterminated.md", "---\ntitle: never closed\nbody\n");
	WRITE("dup.md", "one\n");
	WRITE("dup.txt", "two\n");
	return 0;
}

static int teardown(void **st)
{
	(void)st;
	testfiles_remove(tmpdir);
	return 0;
}

static void test_round_trip(void **st)
{
	(void)st;
	unlink(cachefile);
	char *cold = load(false, NULL, NULL, NULL);
	struct metacache_stats s;
	char *first = load(true, NULL, &s, NULL);
	assert_string_equal(cold, first);
	assert_int_equal(s.taken, 0);
	assert_true(s.written);
	char *warm = load(true, NULL, &s, NULL);
	assert_string_equal(cold, warm);
	assert_int_equal(s.put, 0);
	assert_true(s.taken >= 10);
	assert_false(s.written);   /* nothing changed: not rewritten */
	assert_int_equal(each_calls, 0); /* no article was read */
	assert_non_null(strstr(warm, "diag ")); /* diagnostics came back from the cache */
	assert_non_null(strstr(warm, "der[len/"));
	free(cold);
	free(first);
	free(warm);
}

static void test_changes(void **st)
{
	(void)st;
	unlink(cachefile);
	struct metacache_stats s;
	free(load(true, NULL, &s, NULL));
	size_t all = s.put;

	WRITE("a.md", "---\ntitle: Alpha two\n---\nEdited.\n");   /* edited */
	WRITE("new.md", "---\ntitle: Newcomer\n---\nNew.\n");    /* added */
	char p[512];
	snprintf(p, sizeof p, "%s/b.md", root);
	unlink(p);                                                /* deleted */
	WRITE("c.yaml", "title: Gamma renamed\n");                /* sidecar edited */
	char from[512], to[512];                                  /* renamed */
	snprintf(from, sizeof from, "%s/bad/date.md", root);
	snprintf(to, sizeof to, "%s/bad/date2.md", root);
	assert_int_equal(rename(from, to), 0);

	char *warm = load(true, NULL, &s, NULL);
	char *cold = load(false, NULL, NULL, NULL);
	assert_string_equal(cold, warm);
	assert_int_equal(s.put, 4); /* a, new, c (sidecar), date2 */
	assert_int_equal(s.taken, all - 4); /* all but a, b, c, date */
	assert_true(s.written);
	assert_non_null(strstr(warm, "Alpha two"));
	assert_non_null(strstr(warm, "Gamma renamed"));
	assert_null(strstr(warm, "|b|"));
	/* the deleted and renamed-away files are gone from the file too */
	char *again = load(true, NULL, &s, NULL);
	assert_int_equal(s.loaded, all); /* one deleted, one new */
	assert_int_equal(s.put, 0);
	assert_string_equal(again, cold);
	free(warm);
	free(cold);
	free(again);
}

static void test_fingerprint(void **st)
{
	(void)st;
	unlink(cachefile);
	struct metacache_stats s;
	free(load(true, NULL, &s, NULL));
	struct fieldmap fm;
	fieldmap_init_default(&fm);
	const char *keys[] = {"headline"};
	assert_int_equal(fieldmap_set(&fm, "title", keys, 1), 0);
	char *note = NULL;
	char *warm = load(true, &fm, &s, &note);
	assert_null(note); /* a settings change is no damage */
	assert_int_equal(s.taken, 0);
	char *cold = load(false, &fm, NULL, NULL);
	assert_string_equal(cold, warm);
	/* the vocabulary hash is part of it too */
	struct metacache *mc = metacache_open_file(cachefile, root, &fm, 42, NULL);
	assert_int_equal(metacache_stats(mc).loaded, 0);
	metacache_close(mc);
	free(warm);
	free(cold);
	fieldmap_free(&fm);
}

/* Flipped bytes, truncation and garbage: the load is still exactly right. */
static void test_corrupt(void **st)
{
	(void)st;
	unlink(cachefile);
	free(load(true, NULL, NULL, NULL));
	char *cold = load(false, NULL, NULL, NULL);
	size_t len;
	unsigned char *good = testfiles_slurp(cachefile, &len);
	unsigned char *bad = xmalloc(len);
	srand(7);
	{ /* a cache written by the previous version, format 10, whose header
	   * had no check-time slot (48 bytes, not 64): rebuilt, and no word of
	   * damage */
		uint32_t fmt = 10;
		memcpy(bad, good, 48);
		memcpy(bad + 8, &fmt, 4);
		memcpy(bad + 48, good + 64, len - 64);
		testfiles_spit(cachefile, bad, len - 16);
		char *note = NULL;
		struct metacache_stats s;
		char *got = load(true, NULL, &s, &note);
		assert_string_equal(cold, got);
		assert_null(note);
		assert_int_equal(s.taken, 0);
		free(got);
	}
	/* what a crash can leave of a save without fsync (metacache.c writes
	 * the cache unsynced): an empty file, or one of the right length that
	 * is all zeros or zeros from some page on; each is noticed, the load is
	 * still right and the file is rebuilt */
	for (int kind = 0; kind < 3; kind++) {
		memcpy(bad, good, len);
		size_t from = kind == 2 ? (len > 4096 ? 4096 : len / 2) : 0;
		memset(bad + from, 0, len - from);
		testfiles_spit(cachefile, bad, kind == 0 ? 0 : len);
		char *note = NULL;
		struct metacache_stats s;
		char *got = load(true, NULL, &s, &note);
		assert_string_equal(cold, got);
		if (kind) assert_non_null(note); /* an empty file is simply no cache */
		assert_int_equal(s.taken, 0);
		assert_true(s.written);
		free(note);
		free(got);
	}
	for (int round = 0; round < 300; round++) {
		memcpy(bad, good, len);
		size_t blen = len;
		int kind = round % 3;
		if (kind == 0) {
			for (int k = 0; k < 1 + round % 5; k++) bad[(size_t)rand() % len] ^= (unsigned char)(1 + rand() % 255);
		} else if (kind == 1) {
			blen = (size_t)rand() % len;
		} else {
			for (size_t k = 8; k < len; k++) bad[k] = (unsigned char)rand();
		}
		testfiles_spit(cachefile, bad, blen);
		char *note = NULL;
		struct metacache_stats s;
		char *got = load(true, NULL, &s, &note);
		assert_string_equal(cold, got);
		/* the format field (bytes 8..11) turned into an earlier
		 * version's number is an upgrade, rebuilt without a word */
		bool upgrade = blen == len && memcmp(bad, good, 8) == 0 && memcmp(bad + 12, good + 12, len - 12) == 0;
		if (!upgrade && (memcmp(bad, good, blen) != 0 || blen != len)) {
			assert_non_null(note);
			assert_int_equal(s.taken, 0);
		}
		free(note);
		free(got);
	}
	/* after the last damaged one the file was rebuilt and is used again */
	struct metacache_stats s;
	free(load(true, NULL, &s, NULL));
	assert_int_equal(s.put, 0);
	free(good);
	free(bad);
	free(cold);
}

/* "id|path" of every article line of a dump: what comes from the scan. */
static char *ids_of(const char *dump)
{
	struct strbuf sb = STRBUF_INIT;
	for (const char *p = dump; *p;) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		/* an article's line: id|/path|...; a damaged record's title may
		 * hold a newline, whose continuation is not an article */
		const char *bar0 = memchr(p, '|', n);
		if (strncmp(p, "diag ", 5) != 0 && bar0 && bar0[1] == '/') {
			const char *bar = memchr(p, '|', n);
			const char *bar2 = bar ? memchr(bar + 1, '|', n - (size_t)(bar + 1 - p)) : NULL;
			strbuf_add(&sb, p, bar2 ? (size_t)(bar2 - p) : n);
			strbuf_addc(&sb, '\n');
		}
		p += n + (nl ? 1 : 0);
	}
	return strbuf_steal(&sb);
}

/* A hostile file with a valid checksum: decoding is bounds-checked. */
static void test_hostile_records(void **st)
{
	(void)st;
	unlink(cachefile);
	free(load(true, NULL, NULL, NULL));
	char *cold = load(false, NULL, NULL, NULL);
	size_t len;
	unsigned char *good = testfiles_slurp(cachefile, &len);
	unsigned char *bad = xmalloc(len);
	srand(11);
	for (int round = 0; round < 300; round++) {
		memcpy(bad, good, len);
		for (int k = 0; k < 1 + round % 4; k++)
			bad[MC_HEADER + (size_t)rand() % (len - MC_HEADER)] ^= (unsigned char)(1 + rand() % 255);
		uint64_t sum = hash_bytes(bad + MC_HEADER, len - MC_HEADER, 11);
		memcpy(bad + 40, &sum, 8); /* re-seal it */
		testfiles_spit(cachefile, bad, len);
		char *got = load(true, NULL, NULL, NULL);
		/* records that still decode are trusted (the checksum is what
		 * guards against accidents); the load must never crash and the
		 * article set must be the same */
		char *ic = ids_of(cold), *ig = ids_of(got);
		assert_string_equal(ic, ig);
		free(ic);
		free(ig);
		free(got);
	}
	unlink(cachefile);
	free(good);
	free(bad);
	free(cold);
}

/* The snapshot (no folder scan) is exactly what the load that saved the
 * cache produced: articles, derived data, diagnostics. */
static void test_snapshot(void **st)
{
	(void)st;
	unlink(cachefile);
	struct fieldmap def;
	fieldmap_init_default(&def);
	struct collection c;
	struct diag_list dl = DIAG_LIST_INIT;
	struct metacache *mc = metacache_open_file(cachefile, root, &def, 0, NULL);
	assert_int_equal(collection_from_cache(&c, root, mc, &dl), 0); /* nothing cached yet */
	collection_free(&c);
	metacache_close(mc);
	char *cold = load(true, NULL, NULL, NULL);

	mc = metacache_open_file(cachefile, root, &def, 0, NULL);
	size_t n = collection_from_cache(&c, root, mc, &dl);
	assert_true(n > 5);
	char *snap = testfiles_dump(&c, &dl);
	assert_string_equal(cold, snap);
	/* decoded into the collection's arena: every article, the renamed
	 * duplicate id too; collection_free frees it all (ASan checks) */
	for (size_t i = 0; i < c.n; i++) assert_true(c.items[i].in_arena);
	assert_true(arena_size(&c.arena) > 0);
	assert_int_not_equal(collection_find(&c, "dup.txt"), -1);
	/* peeking marks nothing as seen: a save now would drop every record */
	assert_int_equal(metacache_stats(mc).taken, 0);
	collection_free(&c);
	diag_list_free(&dl);
	metacache_close(mc);
	free(cold);
	free(snap);
	fieldmap_free(&def);
}

/* A snapshot start followed by a refresh, as the reader does it (the
 * cache under XDG_CACHE_HOME, the refresh on a background thread): the
 * refresh equals a fresh load, dossier_compare counts what changed, and
 * the refreshed cache serves the next snapshot. */
static void test_snapshot_refresh(void **st)
{
	(void)st;
	char xdg[160];
	snprintf(xdg, sizeof xdg, "%s/xdg", tmpdir);
	setenv("XDG_CACHE_HOME", xdg, 1);
	const struct dossier_open_opts o = {.use_cache = true};
	struct dossier d, snap, fresh, cold;
	struct metacache *mc;
	assert_int_equal(dossier_open_snapshot(&snap, root, &o, &mc), -1); /* no cache yet */
	dossier_close(&snap);
	metacache_close(mc);
	assert_int_equal(dossier_open_with(&d, root, &o), 0); /* writes it */
	dossier_close(&d);

	WRITE("a.md", "---\ntitle: Alpha retitled\n---\nEdited.\n");
	WRITE("new.md", "---\ntitle: Newcomer\n---\nNew.\n");
	WRITE("c.yaml", "title: Gamma\ntags: [x/z]\n"); /* only the sidecar's tags */
	char p[512];
	snprintf(p, sizeof p, "%s/b.md", root);
	unlink(p);

	assert_int_equal(dossier_open_snapshot(&snap, root, &o, &mc), 0);
	assert_non_null(mc);
	assert_int_not_equal(collection_find(&snap.coll, "b"), -1); /* as last seen */
	struct bgload *b = bgload_start(root, &o, mc);
	assert_int_equal(bgload_finish(b, &fresh, false), 0);
	struct dossier_changes ch;
	dossier_compare(&snap, &fresh, &ch);
	assert_int_equal(ch.added, 1);
	assert_int_equal(ch.removed, 1);
	assert_int_equal(ch.changed, 2); /* a (retitled) and c (sidecar tags) */

	const struct dossier_open_opts nc = {.use_cache = false};
	assert_int_equal(dossier_open_with(&cold, root, &nc), 0);
	char *x = testfiles_dump(&cold.coll, &cold.diags);
	char *y = testfiles_dump(&fresh.coll, &fresh.diags);
	assert_string_equal(x, y);
	dossier_compare(&cold, &fresh, &ch);
	assert_int_equal(ch.added + ch.removed + ch.changed, 0);
	dossier_close(&snap);

	/* the refresh saved the cache: the next snapshot is the new folder */
	assert_int_equal(dossier_open_snapshot(&snap, root, &o, &mc), 0);
	char *z = testfiles_dump(&snap.coll, &snap.diags);
	assert_string_equal(x, z);
	metacache_close(mc);
	dossier_close(&snap);
	dossier_close(&fresh);
	dossier_close(&cold);
	free(x);
	free(y);
	free(z);
	unsetenv("XDG_CACHE_HOME");
}

/* Cancelling a background load: it ends at once with -2 and saves no
 * cache (the delay hook keeps it from finishing first). */
static void test_bgload_cancel(void **st)
{
	(void)st;
	char xdg[160];
	snprintf(xdg, sizeof xdg, "%s/xdg2", tmpdir);
	setenv("XDG_CACHE_HOME", xdg, 1);
	setenv("DOSSIER_TEST_JOB_DELAY_MS", "60000", 1);
	const struct dossier_open_opts o = {.use_cache = true};
	struct bgload *b = bgload_start(root, &o, NULL);
	assert_false(bgload_finished(b));
	struct dossier d;
	assert_int_equal(bgload_finish(b, &d, true), -2);
	assert_int_equal(d.coll.n, 0);
	struct stat sb;
	assert_int_not_equal(stat(xdg, &sb), 0); /* nothing written */
	unsetenv("DOSSIER_TEST_JOB_DELAY_MS");

	/* and a cancel flag set before the load starts stops it too */
	atomic_int cancel = 1;
	struct dossier_open_opts oc = o;
	oc.cancel = &cancel;
	assert_int_equal(dossier_open_with(&d, root, &oc), -2);
	dossier_close(&d);
	assert_int_not_equal(stat(xdg, &sb), 0);
	unsetenv("XDG_CACHE_HOME");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_round_trip, setup, teardown),
		cmocka_unit_test_setup_teardown(test_changes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fingerprint, setup, teardown),
		cmocka_unit_test_setup_teardown(test_corrupt, setup, teardown),
		cmocka_unit_test_setup_teardown(test_hostile_records, setup, teardown),
		cmocka_unit_test_setup_teardown(test_snapshot, setup, teardown),
		cmocka_unit_test_setup_teardown(test_snapshot_refresh, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bgload_cancel, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

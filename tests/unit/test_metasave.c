/* SPDX-License-Identifier: MIT
 * The streamed cache writer (metacache_save.c) and what it rests on: the
 * hash fed in pieces equals the hash of the whole, every checksum in a
 * written file equals the one computed over the finished bytes (records
 * spanning several 1 MB pieces, a title table, an index), and a save that
 * fails part-way leaves the old file byte for byte and no temp file. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/base/fsutil.h"
#include "core/base/hash.h"
#include "core/collection/collection.h"
#include "core/meta/metacache.h"
#include "core/meta/metacache_int.h"
#include "core/base/strbuf.h"
#include "core/base/util.h"
#include "tests/unit/testfiles.h"

static char tmpdir[64];
static char root[128], cachedir[160], cachefile[192];

#define NART 700

static int setup(void **st)
{
	(void)st;
	strcpy(tmpdir, "/tmp/dossier-ms.XXXXXX");
	assert_non_null(mkdtemp(tmpdir));
	snprintf(root, sizeof root, "%s/coll", tmpdir);
	snprintf(cachedir, sizeof cachedir, "%s/cache", tmpdir);
	snprintf(cachefile, sizeof cachefile, "%s/x.meta", cachedir);
	mkdir(root, 0700);
	/* ~2.4 KB of metadata each: the records take more than one 1 MB piece */
	struct strbuf sb = STRBUF_INIT, rel = STRBUF_INIT;
	for (int i = 0; i < NART; i++) {
		strbuf_reset(&sb);
		strbuf_reset(&rel);
		strbuf_addf(&sb, "---\ntitle: \xe2\x80\x9c" "Caf\xc3\xa9 %d\xe2\x80\x9d \xe2\x80\x94 "
				 "\xe6\x9d\xb1\xe4\xba\xac\ntags: [t%d, Zo\xc3\xab]\nsummary: ", i, i % 9);
		for (int k = 0; k < 200; k++) strbuf_addf(&sb, "na\xc3\xafve %d ", k + i);
		strbuf_addf(&sb, "\n---\nBody %d \xf0\x9f\x93\xb0\n", i);
		strbuf_addf(&rel, "d%d/a%04d.md", i % 5, i);
		testfiles_write(root, rel.buf, sb.buf, sb.len);
	}
	strbuf_free(&sb);
	strbuf_free(&rel);
	return 0;
}

static int teardown(void **st)
{
	(void)st;
	testfiles_remove(tmpdir);
	return 0;
}

static void test_hash_stream(void **st)
{
	(void)st;
	unsigned char data[67];
	for (size_t i = 0; i < sizeof data; i++) data[i] = (unsigned char)(i * 37 + 11);
	for (size_t len = 0; len <= sizeof data; len++) {
		uint64_t want = hash_bytes(data, len, 11);
		for (size_t a = 0; a <= len; a++)
			for (size_t b = a; b <= len; b += 3) {
				struct hash_stream hs;
				hash_stream_init(&hs, len, 11);
				hash_stream_add(&hs, data, a);
				hash_stream_add(&hs, data + a, b - a);
				hash_stream_add(&hs, data + b, len - b);
				assert_true(hash_stream_end(&hs) == want);
			}
	}
}

/* Load root through a cache and save it with a lean index (titles, a tag,
 * a source column) built from the records; returns the save's result. */
static int load_and_save(void)
{
	struct fieldmap def;
	fieldmap_init_default(&def);
	struct metacache *mc = metacache_open_file(cachefile, root, &def, 0, NULL);
	struct collection c;
	struct diag_list dl = DIAG_LIST_INIT;
	struct collection_load_opts o = {.cache = mc};
	assert_int_equal(collection_load_with_opts(&c, root, &def, &dl, &o), 0);
	size_t n = metacache_count(mc);
	const char **rels = xcalloc(n, sizeof *rels), **titles = xcalloc(n, sizeof *titles);
	const char **srcs = xcalloc(n, sizeof *srcs);
	int *dates = xcalloc(n, sizeof *dates);
	uint32_t *arts = xcalloc(n, sizeof *arts);
	for (size_t i = 0; i < n; i++) {
		rels[i] = metacache_rel(mc, i);
		titles[i] = i % 3 ? "\xc3\x89t\xc3\xa9 \xe2\x80\x93 Tokyo" : "Plain TITLE";
		srcs[i] = i % 2 ? "Wire" : NULL;
		dates[i] = 20240101 + (int)(i % 28);
		arts[i] = (uint32_t)i;
	}
	struct metacache_tag tag = {.name = "t", .arts = arts, .n = n, .holders = arts, .nholders = n};
	struct metacache_index ix = {.rels = rels, .dates = dates, .sources = srcs, .langs = srcs,
				     .nart = n, .tags = &tag, .ntags = 1, .usable = true,
				     .titles = titles};
	int e = metacache_save_index(mc, &ix);
	metacache_close(mc);
	free(rels);
	free(titles);
	free(srcs);
	free(dates);
	free(arts);
	collection_free(&c);
	diag_list_free(&dl);
	fieldmap_free(&def);
	return e;
}

/* Load root into a fresh cache file and save it with a lean index given
 * either as arrays (rels, dates, sources, langs, titles) or as the
 * articles themselves (items): the file's bytes (owned, *len). */
static unsigned char *save_as(const char *file, bool items, size_t *len)
{
	unlink(file);
	struct fieldmap def;
	fieldmap_init_default(&def);
	struct metacache *mc = metacache_open_file(file, root, &def, 0, NULL);
	struct collection c;
	struct diag_list dl = DIAG_LIST_INIT;
	struct collection_load_opts o = {.cache = mc};
	assert_int_equal(collection_load_with_opts(&c, root, &def, &dl, &o), 0);
	size_t n = c.n, rootlen = strlen(root) + 1;
	const char **rels = xcalloc(n, sizeof *rels), **titles = xcalloc(n, sizeof *titles);
	const char **srcs = xcalloc(n, sizeof *srcs), **langs = xcalloc(n, sizeof *langs);
	int *dates = xcalloc(n, sizeof *dates);
	uint32_t *arts = xcalloc(n, sizeof *arts);
	for (size_t i = 0; i < n; i++) {
		rels[i] = c.items[i].path + rootlen;
		titles[i] = c.items[i].title;
		srcs[i] = c.items[i].source;
		langs[i] = c.items[i].lang;
		dates[i] = c.items[i].date;
		arts[i] = (uint32_t)i;
	}
	struct metacache_tag tag = {.name = "t", .arts = arts, .n = n, .holders = arts, .nholders = 1};
	struct metacache_index ix = {.nart = n, .tags = &tag, .ntags = 1, .usable = true};
	if (items) {
		ix.items = c.items;
		ix.rootlen = rootlen;
	} else {
		ix.rels = rels, ix.dates = dates, ix.sources = srcs, ix.langs = langs, ix.titles = titles;
	}
	metacache_set_swept(mc, 1700000000); /* both files the same second */
	assert_int_equal(metacache_save_index(mc, &ix), 0);
	metacache_close(mc);
	free(rels);
	free(titles);
	free(srcs);
	free(langs);
	free(dates);
	free(arts);
	collection_free(&c);
	diag_list_free(&dl);
	fieldmap_free(&def);
	char *d = NULL;
	assert_int_equal(fsutil_read_file(file, 0, &d, len), 0);
	return (unsigned char *)d;
}

/* The index read straight from the articles (how the reader saves: no
 * five arrays of a million pointers) writes the very bytes the arrays
 * write. */
static void test_items_same_bytes(void **st)
{
	(void)st;
	char other[224];
	snprintf(other, sizeof other, "%s/y.meta", cachedir);
	mkdir(cachedir, 0700);
	size_t la, lb;
	unsigned char *a = save_as(cachefile, false, &la), *b = save_as(other, true, &lb);
	assert_true(la > (3u << 19));
	assert_int_equal(la, lb);
	assert_memory_equal(a, b, la);
	free(a);
	free(b);
}

static uint64_t u64_at(const unsigned char *p)
{
	uint64_t v;
	memcpy(&v, p, 8);
	return v;
}

/* Is the 24-byte triple (a, b, c) somewhere in [from, to)? */
static bool has_triple(const unsigned char *from, const unsigned char *to, uint64_t a, uint64_t b,
		       uint64_t c)
{
	uint64_t t[3] = {a, b, c};
	for (const unsigned char *p = from; p + 24 <= to; p++)
		if (memcmp(p, t, 24) == 0) return true;
	return false;
}

/* Every checksum the writer computed as it went equals the one over the
 * finished file's bytes. */
static void test_checksums(void **st)
{
	(void)st;
	unlink(cachefile);
	assert_int_equal(load_and_save(), 0);
	size_t len;
	unsigned char *f = testfiles_slurp(cachefile, &len);
	assert_true(len > (3u << 19)); /* the records spanned 1 MB pieces */
	assert_memory_equal(f, "DOSSMETA", 8);
	uint64_t count = u64_at(f + 24), plen = u64_at(f + 32), sum = u64_at(f + 40);
	assert_int_equal(count, NART);
	assert_true(plen == len - MC_HEADER);
	assert_true(sum == hash_bytes(f + MC_HEADER, plen, 11));
	uint64_t lean = u64_at(f + len - 16), lsum = u64_at(f + len - 8);
	assert_true(lean < len - 16);
	assert_true(lsum == hash_bytes(f + lean, len - 16 - lean, 13));
	/* each record's (offset, length, checksum) is in the index */
	size_t p = MC_HEADER;
	for (uint64_t r = 0; r < count; r++) {
		size_t at = p;
		uint32_t n, bits, blen;
		memcpy(&n, f + p, 4);
		p += 4 + n;
		assert_int_equal(f[p++], '\0'); /* format 9: the path's NUL, for the table to point at */
		memcpy(&bits, f + p, 4);
		p += 4 + 48 * (1 + (bits & 1) + ((bits >> 1) & 1));
		memcpy(&blen, f + p, 4);
		p += 4 + blen;
		assert_true(has_triple(f + lean, f + len, at, p - at, hash_bytes(f + at, p - at, 17)));
	}
	/* the title table: u64 length, then the table the index points to */
	uint64_t tlen = u64_at(f + p);
	assert_true(tlen > 0);
	assert_true(has_triple(f + lean, f + len, p + 8, tlen, hash_bytes(f + p + 8, tlen, 19)));
	free(f);
	/* and it reads back: a second load takes every article from it */
	struct fieldmap def;
	fieldmap_init_default(&def);
	struct metacache *mc = metacache_open_file(cachefile, root, &def, 0, NULL);
	assert_int_equal(metacache_stats(mc).loaded, NART);
	metacache_close(mc);
	fieldmap_free(&def);
}

static int cache_entries(void)
{
	DIR *d = opendir(cachedir);
	int n = 0;
	struct dirent *e;
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) n++;
	closedir(d);
	return n;
}

/* A save that fails at any step, including half-way through the records,
 * leaves the old file as it was and no temp file. */
static void test_fail_keeps_old(void **st)
{
	(void)st;
	static const char *steps[] = {"open", "write", "write+1", "rename"};
	unlink(cachefile);
	assert_int_equal(load_and_save(), 0);
	size_t olen;
	unsigned char *old = testfiles_slurp(cachefile, &olen);
	for (size_t i = 0; i < sizeof steps / sizeof *steps; i++) {
		testfiles_write(root, "new.md", "---\ntitle: Neu\n---\nx\n", 21); /* a save is due */
		fsutil_test_fail_at(steps[i]);
		int e = load_and_save();
		fsutil_test_fail_at(NULL);
		assert_int_not_equal(e, 0);
		size_t len;
		unsigned char *now = testfiles_slurp(cachefile, &len);
		assert_int_equal(len, olen);
		assert_memory_equal(now, old, len);
		free(now);
		assert_int_equal(cache_entries(), 1);
		char p[256];
		snprintf(p, sizeof p, "%s/new.md", root);
		unlink(p);
	}
	free(old);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hash_stream),
		cmocka_unit_test_setup_teardown(test_checksums, setup, teardown),
		cmocka_unit_test_setup_teardown(test_items_same_bytes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fail_keeps_old, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* SPDX-License-Identifier: MIT
 * The fast path of printing every article from the lean index: record
 * checksums checked four side by side (hash_bytes_many), printable-ASCII
 * spans eight bytes at a time (utf8_printable_span), and a listing's TSV
 * line built from spans of the record (metaindex_read_line,
 * cli_list_line) must give exactly what the one-at-a-time path gives, on
 * hostile text too, and a damaged record must still be refused. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/base/hash.h"
#include "core/base/json.h"
#include "core/base/strbuf.h"
#include "core/base/util.h"
#include "core/base/xdg.h"
#include "core/cli/cli.h"
#include "core/collection/dossier.h"
#include "core/meta/metaindex.h"
#include "core/text/utf8.h"
#include "tests/unit/testfiles.h"

static char tmpdir[64];
static char root[160];

/* Pieces of every length from 0 to 90 at odd places of one buffer, in
 * runs of 0 to 13 (so a run ends with 0 to 3 left over from the fours). */
static void test_hash_many(void **st)
{
	(void)st;
	unsigned char buf[4096];
	uint64_t x = 88172645463325252ULL;
	for (size_t i = 0; i < sizeof buf; i++) {
		x ^= x << 13, x ^= x >> 7, x ^= x << 17;
		buf[i] = (unsigned char)x;
	}
	const unsigned char *p[13];
	size_t len[13];
	uint64_t out[13];
	for (size_t round = 0; round < 400; round++) {
		size_t n = round % 14;
		for (size_t i = 0; i < n; i++) {
			len[i] = (round * 7 + i * 31) % 91;
			p[i] = buf + (round * 13 + i * 97) % (sizeof buf - 100);
		}
		hash_bytes_many(p, len, n, 17 + round % 3, out);
		for (size_t i = 0; i < n; i++) assert_true(out[i] == hash_bytes(p[i], len[i], 17 + round % 3));
	}
}

static size_t span_slow(const char *s, size_t len)
{
	size_t k = 0;
	while (k < len && (unsigned char)s[k] >= 0x20 && (unsigned char)s[k] < 0x7f) k++;
	return k;
}

/* Every byte value at every place of strings of 0 to 24 plain bytes. */
static void test_printable_span(void **st)
{
	(void)st;
	char s[32];
	for (size_t len = 0; len <= 24; len++)
		for (size_t at = 0; at < (len ? len : 1); at++)
			for (int b = 0; b < 256; b++) {
				memset(s, 'a', sizeof s);
				if (len) s[at] = (char)b;
				assert_int_equal(utf8_printable_span(s, len), span_slow(s, len));
				/* and a second odd byte after the first */
				if (len && at + 3 < len) {
					s[at + 3] = '\x7f';
					assert_int_equal(utf8_printable_span(s, len), span_slow(s, len));
				}
			}
}

/* json_kv_plain writes exactly what json_key and json_string write, a
 * value or null, whatever room its buffer had left (it reserves its room
 * once: under ASan a short reservation is an overflow here). */
static void test_kv_plain(void **st)
{
	(void)st;
	for (size_t pre = 0; pre < 70; pre++)
		for (int null = 0; null < 2; null++)
			for (size_t n = 0; n < 12; n++) {
				struct strbuf want = STRBUF_INIT, got = STRBUF_INIT;
				struct json a, b;
				json_init(&a, &want, true);
				json_init(&b, &got, true);
				for (size_t i = 0; i < pre; i++) strbuf_addc(&want, 'x'), strbuf_addc(&got, 'x');
				json_begin_object(&a);
				json_begin_object(&b);
				json_key(&a, "k");
				json_string(&a, null ? NULL : "abcdefghijkl" + (12 - n));
				json_kv_plain(&b, "k", 1, null ? NULL : "abcdefghijkl" + (12 - n), n);
				json_end_object(&a);
				json_end_object(&b);
				assert_string_equal(strbuf_str(&got), strbuf_str(&want));
				strbuf_free(&want);
				strbuf_free(&got);
			}
}

#define WRITE(rel, lit) testfiles_write(root, rel, lit, sizeof(lit) - 1)

static int setup(void **st)
{
	(void)st;
	strcpy(tmpdir, "/tmp/dossier-ll.XXXXXX");
	testfiles_collection_dir(tmpdir, root, sizeof root);
	/* plain ASCII: the line from spans */
	for (int i = 0; i < 40; i++) {
		char rel[32], text[256];
		snprintf(rel, sizeof rel, "p/n%02d.md", i);
		int n = snprintf(text, sizeof text,
				 "---\ntitle: Plain title number %d, %s and long enough to span words\n"
				 "%s%s\ntags: [%s]\n---\nBody.\n",
				 i, i % 2 ? "\"quoted\"" : "not quoted", i % 5 ? "date: 2024-03-0" : "", i % 5 ? "4\nsource: Wire" : "",
				 i % 3 == 0 ? "" : i % 3 == 1 ? "alpha, beta/gamma" : "solo");
		testfiles_write(root, rel, text, (size_t)n);
	}
	/* hostile or non-ASCII in each printed field in turn: the record whole */
	WRITE("h/a.md", "---\ntitle: \xe2\x80\x9c" "Alpha\xe2\x80\x9d \xe2\x80\x94 caf\xc3\xa9\n"
			"date: 2024-05-01\ntags: [grid]\nsource: Wire\n---\nA.\n");
	WRITE("h/b.md", "---\ntitle: Beta\ntags: [energy, \xe5\x8c\x97\xe4\xba\xac]\nsource: Wire\n---\nB.\n");
	WRITE("h/c.md", "---\ntitle: Gamma\nsource: \xe6\x9d\xb1\xe4\xba\xac\xe6\x96\xb0\xe8\x81\x9e\n---\nC.\n");
	WRITE("h/d.md", "---\ntitle: \"ctl \\u0001 del \\u007f sep \\u2028 bidi \\u202Eevil\\u202C\\tTab\"\n"
			"source: Wire\n---\nD.\n");
	WRITE("h/e.md", "---\ntitle: Emoji \xf0\x9f\x93\xb0 e\xcc\x81\nauthor: [Zo\xc3\xab]\nsummary: \"S \\u2028\"\n"
			"mood: grim\n---\nE.\n");
	WRITE("h/f\xc3\xa9.md", "---\ntitle: Accented file name\nsource: Wire\n---\nF.\n");
	/* plain everywhere, with other front-matter keys: both from spans */
	WRITE("h/k.md", "---\ntitle: Keys\nsource: Wire\nauthor: [Ann, Bo]\nurl: https://example.org/k\n"
			"summary: Short.\nlang: en\nmood: grim\nrating: five\nMood: calm\n---\nK.\n");
	/* a quote and a backslash: a TSV line as it is, JSON escaped (whole) */
	WRITE("h/q.md", "---\ntitle: 'Say \"hi\" back\\slash'\nsource: Wire\n---\nQ.\n");
	/* ASCII in the printed fields, hostile in the others: the line from spans */
	WRITE("h/g.md", "---\ntitle: Plain\nsummary: \"\\u202E\\u0001 x\"\nauthor: [\"\\u674e\"]\n"
			"url: https://example.org/\xc3\xa9\nrating: \"5\\u2028 stars\"\n---\nG.\n");
	struct timespec ts[2] = {{time(NULL) - 3600, 0}, {time(NULL) - 3600, 0}};
	const char *dirs[] = {"", "/p", "/h"};
	for (int i = 0; i < 3; i++) {
		char p[256];
		snprintf(p, sizeof p, "%s%s", root, dirs[i]);
		assert_int_equal(utimensat(AT_FDCWD, p, ts, 0), 0);
	}
	struct dossier d;
	const struct dossier_open_opts o = {.use_cache = true, .check_every = 3600};
	assert_int_equal(dossier_open_with(&d, root, &o), 0);
	dossier_close(&d);
	return 0;
}

static int teardown(void **st)
{
	(void)st;
	testfiles_remove(tmpdir);
	return 0;
}

static struct metaindex *open_mx(void)
{
	struct fieldmap def;
	fieldmap_init_default(&def);
	struct metaindex *mx = metaindex_open(root, &def, 0, 3600);
	fieldmap_free(&def);
	return mx;
}

/* Every article read ahead and its line (and JSON object) built from
 * spans equals the line of the record read whole (cli_list_article),
 * under both output policies; plain records take the span path, the
 * others decline it. */
static void test_line_same(void **st)
{
	(void)st;
	struct metaindex *mx = open_mx();
	assert_non_null(mx);
	size_t n = metaindex_count(mx), *art = xcalloc(n, sizeof *art), spans = 0, whole = 0, jspans = 0;
	assert_int_equal(n, 49);
	for (size_t i = 0; i < n; i++) art[i] = i;
	struct metaindex_rec ahead = {0}, one = {0};
	struct metaindex_line ln;
	for (int raw = 0; raw < 2; raw++) {
		struct cli_ctx cx = {0};
		cx.raw_text = raw;
		for (size_t k = 0; k < n; k++) {
			metaindex_prefetch(mx, &ahead, art + k, n - k);
			assert_true(metaindex_read_line(mx, art[k], &ahead, &ln));
			assert_true(metaindex_read(mx, art[k], &one));
			/* read again whole from the same run (a declined line) */
			struct metaindex_rec again = {0};
			struct metaindex_line ln2;
			metaindex_prefetch(mx, &again, art + k, n - k);
			assert_true(metaindex_read_line(mx, art[k], &again, &ln2));
			assert_true(metaindex_read(mx, art[k], &again));
			assert_string_equal(again.view.id, one.view.id);
			assert_string_equal(again.view.title, one.view.title);
			metaindex_rec_free(&again);
			struct strbuf want = STRBUF_INIT, got = STRBUF_INIT;
			cli_list_article(&cx, &one.view, NULL, &want);
			if (cli_list_line(&ln, &got)) {
				assert_string_equal(strbuf_str(&got), strbuf_str(&want));
				spans++;
			} else {
				assert_int_equal(got.len, 0); /* untouched */
				whole++;
			}
			strbuf_free(&want);
			strbuf_free(&got);
			/* and its JSON object, after another (the comma) */
			struct strbuf jw = STRBUF_INIT, jg = STRBUF_INIT;
			struct json a, b;
			json_init(&a, &jw, true);
			json_init(&b, &jg, true);
			json_begin_array(&a);
			json_begin_array(&b);
			json_string(&a, "x");
			json_string(&b, "x");
			cli_list_article(&cx, &one.view, &a, NULL);
			if (cli_json_line(&b, &ln)) {
				json_end_array(&a);
				json_end_array(&b);
				assert_string_equal(strbuf_str(&jg), strbuf_str(&jw));
				jspans++;
			} else {
				assert_string_equal(strbuf_str(&jg), "[\n  \"x\""); /* untouched */
			}
			strbuf_free(&jw);
			strbuf_free(&jg);
		}
	}
	assert_int_equal(spans, 2 * 43); /* the 40 plain, h/g.md, h/k.md, h/q.md */
	assert_int_equal(whole, 2 * 6);
	assert_int_equal(jspans, 2 * 21); /* the 20 plain without quotes and h/k.md */
	metaindex_rec_free(&ahead);
	metaindex_rec_free(&one);
	metaindex_close(mx);
	free(art);
}

/* A byte flipped inside one record of a run read ahead: that record is
 * refused by both readers (its checksum, checked with the run's), the
 * others in the run still read. */
static void test_line_damaged(void **st)
{
	(void)st;
	struct metaindex *mx = open_mx();
	assert_non_null(mx);
	size_t n = metaindex_count(mx), *art = xcalloc(n, sizeof *art), bad = 20;
	for (size_t i = 0; i < n; i++) art[i] = i;
	uint64_t off, len, sum;
	assert_true(metaindex_record(mx, bad, &off, &len, &sum));
	metaindex_close(mx);
	char *file = xdg_collection_file(XDG_BASE_CACHE, root, ".meta");
	int fd = open(file, O_RDWR);
	assert_true(fd >= 0);
	unsigned char b;
	assert_int_equal(pread(fd, &b, 1, (off_t)(off + len / 2)), 1);
	b ^= 0x01;
	assert_int_equal(pwrite(fd, &b, 1, (off_t)(off + len / 2)), 1);
	close(fd);
	free(file);
	mx = open_mx(); /* the index's tail is intact: it opens */
	assert_non_null(mx);
	struct metaindex_rec rec = {0};
	struct metaindex_line ln;
	size_t ahead = 0;
	for (size_t k = 0; k < n; k++) {
		ahead += metaindex_prefetch(mx, &rec, art + k, n - k);
		assert_int_equal(metaindex_read_line(mx, art[k], &rec, &ln), k != bad);
		/* and whole, again from the run: still refused */
		assert_int_equal(metaindex_read(mx, art[k], &rec), k != bad);
	}
	assert_true(ahead >= bad + 1); /* the damaged one was in a run read ahead */
	metaindex_rec_free(&rec);
	for (size_t k = 0; k < n; k++) {
		metaindex_prefetch(mx, &rec, art + k, n - k);
		assert_int_equal(metaindex_read(mx, art[k], &rec), k != bad);
	}
	metaindex_rec_free(&rec);
	/* backwards, as a sorted listing goes, with the file mapped
	 * (metaindex_rec_map): the same titles as a pread each gives, and
	 * the damaged record still refused */
	struct metaindex_rec mapped = {0}, plain = {0};
	assert_true(metaindex_rec_map(mx, &mapped));
	for (size_t k = n; k-- > 0;) {
		assert_int_equal(metaindex_read(mx, k, &mapped), k != bad);
		assert_int_equal(metaindex_read_line(mx, k, &mapped, &ln), k != bad);
		if (k == bad) continue;
		assert_true(metaindex_read(mx, k, &plain));
		assert_true(metaindex_read(mx, k, &mapped));
		assert_string_equal(mapped.view.title, plain.view.title);
		assert_string_equal(mapped.view.id, plain.view.id);
	}
	metaindex_rec_free(&mapped);
	metaindex_rec_free(&plain);
	metaindex_close(mx);
	free(art);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hash_many),
		cmocka_unit_test(test_printable_span),
		cmocka_unit_test(test_kv_plain),
		cmocka_unit_test_setup_teardown(test_line_same, setup, teardown),
		cmocka_unit_test_setup_teardown(test_line_damaged, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

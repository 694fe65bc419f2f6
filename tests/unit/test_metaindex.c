/* SPDX-License-Identifier: MIT
 * The metadata cache's lean index (core/meta/metaindex.c) read in place:
 * it answers only when the cache vouches for the folder as it is, and then
 * with exactly the loaded collection's articles and tags; damage of any
 * kind makes it step aside, never crash. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/base/strbuf.h"
#include "core/base/util.h"
#include "core/base/xdg.h"
#include "core/collection/dossier.h"
#include "core/collection/order.h"
#include "core/meta/metablob.h"
#include "core/find/query.h"
#include "core/find/query_int.h"
#include "core/meta/metaindex.h"
#include "tests/unit/testfiles.h"

static char tmpdir[64];
static char root[160];

#define WRITE(rel, lit) testfiles_write(root, rel, lit, sizeof(lit) - 1)

static int setup(void **st)
{
	(void)st;
	strcpy(tmpdir, "/tmp/dossier-mx.XXXXXX");
	testfiles_collection_dir(tmpdir, root, sizeof root);
	WRITE("a.md", "---\ntitle: \xe2\x80\x9c" "Alpha\xe2\x80\x9d \xe2\x80\x94 caf\xc3\xa9\n"
		      "date: 2024-05-01\ntags: [Energy/Grid, \xe5\x8c\x97\xe4\xba\xac]\nsource: Wire\n---\nA.\n");
	WRITE("b.md", "---\ntitle: Beta e\xcc\x81t\xc3\xa9 \xf0\x9f\x93\xb0\ntags: [energy]\n"
		      "source: \xe2\x80\x9cNordwind\xe2\x80\x9d Caf\xc3\xa9\nlang: de\n---\nB.\n");
	WRITE("f/g.md", "---\ntitle: \xe6\xb8\xaf\ndate: 2023-01-02\nsource: \xe6\x9d\xb1\xe4\xba\xac\xe6\x96\xb0\xe8\x81\x9e\n"
			"lang: ja\n---\nG.\n");
	WRITE("f/h.md", "---\ntitle: H\ndate: 2023-01-03\nsource: Wire\nlang: ja\n---\nH.\n");
	WRITE("f/c.md", "Plain first line\n\nbody\n");
	WRITE("f/d.md", "---\ntitle: [unclosed\n---\nbody\n");
	WRITE("f/e.md", "---\ntitle: Sidecar\n---\nE.\n");
	WRITE("f/e.yaml", "tags: [energy/grid, harbour]\n");
	/* a hostile title: ESC, bidi override, NEL, capitals with accents */
	WRITE("f/x.md", "---\ntitle: \"\\e[1mBold\\e[0m \\u202Eevil\\u202C \\u0085x \xc3\x89T\xc3\x89 \xef\xbc\xa6ULL\"\n"
			"author: [Zo\xc3\xab, Ann]\nurl: https://example.org/x\nsummary: Short.\nmood: grim\n---\nX.\n");
	testfiles_age(root, "");
	testfiles_age(root, "f");
	return 0;
}

static int teardown(void **st)
{
	(void)st;
	testfiles_remove(tmpdir);
	return 0;
}

static void open_d(struct dossier *d)
{
	const struct dossier_open_opts o = {.use_cache = true, .check_every = 3600};
	assert_int_equal(dossier_open_with(d, root, &o), 0);
}

static struct metaindex *open_mx(int check_every)
{
	return testfiles_open_index(root, check_every);
}

/* Each article's date, source and language in the columns are the
 * loaded article's, byte for byte (NULL where it has none). */
static void check_columns(const struct metaindex *mx, const struct collection *c)
{
	assert_int_equal(metaindex_count(mx), c->n);
	for (size_t i = 0; i < c->n; i++) {
		const struct article *a = &c->items[i];
		assert_int_equal(metaindex_date(mx, i), a->date);
		const char *want[2] = {a->source, a->lang};
		for (int col = MX_SOURCE; col <= MX_LANG; col++) {
			size_t v = metaindex_value_of(mx, col, i), len;
			assert_true(v < metaindex_nvalues(mx, col));
			const char *got = metaindex_value(mx, col, v, &len);
			if (!want[col]) {
				assert_null(got);
				continue;
			}
			assert_non_null(got);
			assert_int_equal(len, strlen(want[col]));
			assert_memory_equal(got, want[col], len);
		}
	}
}

/* The cache's title order is collection_order's by title, article for
 * article. */
static void check_title_order(struct metaindex *mx, const struct collection *c)
{
	const unsigned char *o = metaindex_title_order(mx);
	assert_non_null(o);
	size_t *want = collection_order(c, NULL, ORDER_TITLE, -1);
	for (size_t i = 0; i < c->n; i++) assert_int_equal(metablob_load_u32(o + 4 * i), want[i]);
	free(want);
}

/* query_lean_eval never contradicts query_match on the loaded collection:
 * YES matches, NO does not; MAYBE only for fields without a column. */
static void check_eval(struct metaindex *mx, const struct dossier *d, const char *text,
		       bool decided)
{
	struct query_error err = {0};
	struct query *q = query_parse(text, d, &err);
	assert_non_null(q);
	unsigned char *v = query_lean_eval(q, mx, NULL);
	assert_non_null(v);
	const struct query_env env = {.d = d};
	for (size_t i = 0; i < d->coll.n; i++) {
		bool m = query_match(q, &env, i);
		if (decided) assert_int_not_equal(v[i], QLEAN_MAYBE);
		if (v[i] != QLEAN_MAYBE) assert_int_equal(v[i], m ? QLEAN_YES : QLEAN_NO);
	}
	free(v);
	query_free(q);
	query_error_free(&err);
}

/* The index says what the load says: articles field by field, tags with
 * their counts and articles. */
static void test_same_as_load(void **st)
{
	(void)st;
	struct dossier d;
	open_d(&d);
	dossier_close(&d);
	open_d(&d); /* the index of a warm load (nothing rewritten) */
	struct metaindex *mx = open_mx(3600);
	assert_non_null(mx);
	assert_int_equal(metaindex_count(mx), d.coll.n);
	struct collection c = {.root = d.coll.root, .n = d.coll.n};
	c.items = xcalloc(c.n, sizeof *c.items);
	for (size_t i = 0; i < c.n; i++) assert_true(metaindex_article(mx, i, &c.items[i]));
	struct diag_list none = DIAG_LIST_INIT;
	char *want = testfiles_dump(&d.coll, &none), *got = testfiles_dump(&c, &none);
	assert_string_equal(want, got);
	free(want);
	free(got);
	for (size_t i = 0; i < c.n; i++) article_free(&c.items[i]);
	free(c.items);
	assert_int_equal(metaindex_ntags(mx), d.tags.n);
	for (size_t t = 0; t < d.tags.n; t++) {
		size_t len;
		const char *name = metaindex_tag_name(mx, t, &len);
		assert_int_equal(len, strlen(d.tags.tags[t].name));
		assert_memory_equal(name, d.tags.tags[t].name, len);
		assert_int_equal(metaindex_tag_find(mx, d.tags.tags[t].name), (long)t);
		assert_int_equal(metaindex_tag_count(mx, t), d.tags.tags[t].n);
		for (size_t k = 0; k < d.tags.tags[t].n; k++)
			assert_int_equal(metaindex_tag_art(mx, t, k), d.tags.tags[t].arts[k]);
	}
	assert_true(metaindex_tag_find(mx, "energy") >= 0);
	assert_true(metaindex_tag_find(mx, "\xe5\x8c\x97\xe4\xba\xac") >= 0);
	assert_int_equal(metaindex_tag_find(mx, "energ"), -1);
	assert_int_equal(metaindex_tag_find(mx, "zzz"), -1);
	check_columns(mx, &d.coll);
	assert_int_equal(metaindex_nvalues(mx, MX_SOURCE), 4); /* none, Wire, Nordwind, the CJK one */
	assert_int_equal(metaindex_nvalues(mx, MX_LANG), 3);   /* none, de, ja */
	const char *decided[] = {"source:wire", "source:caf\xc3\xa9", "source:\xe2\x80\x9cnordwind\xe2\x80\x9d",
				 "source:\xe6\x9d\xb1\xe4\xba\xac*", "lang:JA", "-lang:ja", "lang:de OR date:2024",
				 "after:2023-01-02", "-date:2023 tag:energy", "source:wire (lang:ja OR NOT tag:energy)",
				 "source:nosuch", "tag:energy/grid -source:wire", "date:2023-01-02..2023-01-03"};
	for (size_t k = 0; k < sizeof decided / sizeof *decided; k++) check_eval(mx, &d, decided[k], true);
	/* title terms over the folded title table */
	const char *titles[] = {"title:beta OR source:wire", "title:beta -lang:ja", "title:caf\xc3\xa9",
				"title:cafe\xcc\x81", "title:\xc3\xa9t\xc3\xa9", "title:evil", "title:bold",
				"title:full", "title:\xe6\xb8\xaf", "title:*alpha*", "-title:h", "title:\"plain first\"",
				"title:alph", "title:sidecar OR title:nothing"};
	for (size_t k = 0; k < sizeof titles / sizeof *titles; k++) check_eval(mx, &d, titles[k], true);
	check_eval(mx, &d, "author:zo\xc3\xab", false);
	/* the table holds each title folded as the evaluator folds it, and
	 * metaindex_read gives each article's fields as the load has them */
	struct metaindex_rec rec = {0};
	for (size_t i = 0; i < d.coll.n; i++) {
		const struct article *a = &d.coll.items[i];
		size_t flen, tlen;
		char *f = query_fold(a->title, &flen);
		const char *t = metaindex_title(mx, i, &tlen);
		assert_int_equal(tlen, flen);
		assert_memory_equal(t, f, flen);
		free(f);
		assert_true(metaindex_read(mx, i, &rec));
		const struct article *v = &rec.view;
		assert_string_equal(v->id, a->id);
		assert_string_equal(v->title, a->title);
		const char *wf[] = {a->source, a->url, a->summary, a->lang};
		const char *gf[] = {v->source, v->url, v->summary, v->lang};
		for (int k = 0; k < 4; k++) {
			if (!wf[k]) assert_null(gf[k]);
			else assert_string_equal(gf[k], wf[k]);
		}
		const struct strlist *wl[] = {&a->authors, &a->tags, &a->derived};
		const struct strlist *gl[] = {&v->authors, &v->tags, &v->derived};
		for (int k = 0; k < 3; k++) {
			assert_int_equal(gl[k]->n, wl[k]->n);
			for (size_t j = 0; j < wl[k]->n; j++) assert_string_equal(gl[k]->v[j], wl[k]->v[j]);
		}
		assert_int_equal(v->nextra, a->nextra);
		for (size_t j = 0; j < a->nextra; j++) {
			assert_string_equal(v->extra[j].key, a->extra[j].key);
			assert_string_equal(v->extra[j].value, a->extra[j].value);
		}
		assert_int_equal(v->date, a->date);
		assert_int_equal(v->meta, a->meta);
		assert_int_equal(v->flags, a->flags);
	}
	assert_false(metaindex_read(mx, d.coll.n, &rec));
	metaindex_rec_free(&rec);
	metaindex_close(mx);
	dossier_close(&d);
}

/* It steps aside whenever the cache cannot vouch for the folder. */
static void test_steps_aside(void **st)
{
	(void)st;
	struct dossier d;
	open_d(&d);
	dossier_close(&d);
	struct metaindex *mx = open_mx(0); /* every file to be checked */
	assert_null(mx);
	mx = open_mx(3600);
	assert_non_null(mx);
	metaindex_close(mx);
	WRITE("f/new.md", "---\ntitle: New\ntags: [energy]\n---\nn\n"); /* a folder changed */
	assert_null(open_mx(3600));
	open_d(&d); /* the load sees it; the folder changed just now: not trusted */
	dossier_close(&d);
	assert_null(open_mx(3600));
	testfiles_age(root, "f");
	open_d(&d);
	mx = open_mx(3600);
	assert_non_null(mx);
	assert_int_equal(metaindex_count(mx), d.coll.n);
	long t = metaindex_tag_find(mx, "energy");
	assert_true(t >= 0);
	const struct tag_entry *te = tagindex_get(&d.tags, "energy");
	assert_non_null(te);
	assert_int_equal(metaindex_tag_count(mx, (size_t)t), te->n);
	assert_int_equal(metaindex_tag_art(mx, (size_t)t, te->n - 1), te->arts[te->n - 1]);
	assert_true(te->n >= 3); /* the new one among them */
	metaindex_close(mx);
	dossier_close(&d);
	/* two files with one id: the index answers by path, so not at all */
	WRITE("f/new.txt", "same id\n");
	testfiles_age(root, "f");
	open_d(&d);
	dossier_close(&d);
	testfiles_age(root, "f");
	open_d(&d);
	dossier_close(&d);
	assert_null(open_mx(3600));
}

/* Cut at every length, or a byte flipped anywhere: no index or a correct
 * one, and a damaged record is refused, never decoded wrong. */
static void test_damage(void **st)
{
	(void)st;
	struct dossier d;
	open_d(&d);
	dossier_close(&d);
	char *file = xdg_collection_file(XDG_BASE_CACHE, root, ".meta");
	char *good = NULL;
	size_t len = 0;
	FILE *f = fopen(file, "rb");
	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	len = (size_t)ftell(f);
	rewind(f);
	good = xmalloc(len);
	assert_int_equal(fread(good, 1, len, f), len);
	fclose(f);
	open_d(&d);
	struct diag_list none = DIAG_LIST_INIT;
	char *want = testfiles_dump(&d.coll, &none);
	for (size_t cut = 0; cut < len; cut++) {
		unlink(file); /* a new file: ext4 writes a truncated one out at close */
		f = fopen(file, "wb");
		fwrite(good, 1, cut, f);
		fclose(f);
		assert_null(open_mx(3600));
	}
	srand(3);
	for (int round = 0; round < 600; round++) {
		char *bad = xmalloc(len);
		memcpy(bad, good, len);
		bad[(size_t)rand() % len] ^= (char)(1 + rand() % 255);
		unlink(file); /* a new file: ext4 writes a truncated one out at close */
		f = fopen(file, "wb");
		fwrite(bad, 1, len, f);
		fclose(f);
		struct metaindex *mx = open_mx(3600);
		if (mx) { /* the damage was in a record: that one is refused */
			struct collection c = {.root = d.coll.root, .n = d.coll.n};
			c.items = xcalloc(c.n, sizeof *c.items);
			bool all = true;
			for (size_t i = 0; i < c.n; i++) all = metaindex_article(mx, i, &c.items[i]) && all;
			check_columns(mx, &d.coll); /* the tail is checksummed whole */
			if (metaindex_title_order(mx)) check_title_order(mx, &d.coll); /* else refused */
			if (all) {
				char *got = testfiles_dump(&c, &none);
				assert_string_equal(want, got);
				free(got);
			}
			for (size_t i = 0; i < c.n; i++) article_free(&c.items[i]);
			free(c.items);
			metaindex_close(mx);
		}
		free(bad);
	}
	free(want);
	free(good);
	free(file);
	dossier_close(&d);
}

/* The title order the cache's writer sorted: as the load sorts, through
 * ties (the same title to the letter with other dates or ids, the same
 * but for case, accents or a combining mark, only punctuation, CJK);
 * damaged, it is refused and the rest of the index still answers. */
static void test_title_order(void **st)
{
	(void)st;
	WRITE("t/1.md", "---\ntitle: Same Title\ndate: 2024-01-01\n---\nx\n");
	WRITE("t/2.md", "---\ntitle: same title\ndate: 2024-01-01\n---\nx\n");
	WRITE("t/3.md", "---\ntitle: Same Title\ndate: 2023-01-01\n---\nx\n");
	WRITE("t/4.md", "---\ntitle: Same Title\ndate: 2024-01-01\n---\nx\n");
	WRITE("t/5.md", "---\ntitle: S\xc3\xa1me Title\ndate: 2024-01-01\n---\nx\n");
	WRITE("t/6.md", "---\ntitle: Sa\xcc\x81me Title\n---\nx\n");
	WRITE("t/7.md", "---\ntitle: \"\xe2\x80\x94 !\"\n---\nx\n");
	WRITE("t/8.md", "---\ntitle: \xe2\x80\x9cSame\xe2\x80\x9d Title\ndate: 2024-01-01\n---\nx\n");
	WRITE("t/9.md", "---\ntitle: \xe6\xb8\xaf\xe6\xb8\xaf\ndate: 2024-01-01\n---\nx\n");
	testfiles_age(root, "t");
	testfiles_age(root, "");
	struct dossier d;
	open_d(&d);
	struct metaindex *mx = open_mx(3600);
	assert_non_null(mx);
	check_title_order(mx, &d.coll);
	metaindex_close(mx);
	/* a byte of the order flipped (it lies just before the folders,
	 * whose offset the footer holds) */
	char *file = xdg_collection_file(XDG_BASE_CACHE, root, ".meta");
	int fd = open(file, O_RDWR);
	assert_true(fd >= 0);
	off_t end = lseek(fd, 0, SEEK_END);
	uint64_t lean;
	assert_int_equal(pread(fd, &lean, 8, end - 16), 8);
	unsigned char b;
	off_t at = (off_t)lean - 4 * (off_t)d.coll.n + 5;
	assert_int_equal(pread(fd, &b, 1, at), 1);
	b ^= 1;
	assert_int_equal(pwrite(fd, &b, 1, at), 1);
	close(fd);
	mx = open_mx(3600);
	assert_non_null(mx);
	assert_null(metaindex_title_order(mx));
	check_columns(mx, &d.coll);
	metaindex_close(mx);
	free(file);
	dossier_close(&d);
}

/* Records read ahead in one piece (metaindex_prefetch) read as records
 * read one by one, in any order; a damaged one in the piece is still
 * refused by its own checksum, the others still read. */
static void test_read_ahead(void **st)
{
	(void)st;
	struct dossier d;
	open_d(&d);
	dossier_close(&d);
	struct metaindex *mx = open_mx(3600);
	assert_non_null(mx);
	size_t n = metaindex_count(mx), fwd[16], back[16], mixed[16];
	assert_true(n >= 8 && n <= 16);
	for (size_t i = 0; i < n; i++) fwd[i] = i, back[i] = n - 1 - i, mixed[i] = (i * 5 + 3) % n;
	if (n % 5 == 0) for (size_t i = 0; i < n; i++) mixed[i] = (i * 3 + 1) % n;
	struct metaindex_rec one = {0}, ahead = {0}, mapped = {0};
	/* the whole file mapped: records gathered out of file order
	 * (checksums checked together) read as one by one */
	assert_true(metaindex_rec_map(mx, &mapped));
	for (int pass = 0; pass < 3; pass++) {
		const size_t *art = pass == 2 ? mixed : pass ? back : fwd;
		size_t got = 0;
		for (size_t k = 0; k < n; k++) {
			got += metaindex_prefetch(mx, &ahead, art + k, n - k);
			assert_true(metaindex_read(mx, art[k], &ahead));
			assert_true(metaindex_read(mx, art[k], &one));
			size_t gathered = metaindex_prefetch(mx, &mapped, art + k, n - k);
			assert_true(k ? gathered == 0 : gathered == n); /* all in one batch */
			assert_true(metaindex_read(mx, art[k], &mapped));
			assert_string_equal(mapped.view.id, one.view.id);
			assert_string_equal(mapped.view.title, one.view.title);
			assert_int_equal(mapped.view.date, one.view.date);
			assert_string_equal(ahead.view.id, one.view.id);
			assert_string_equal(ahead.view.title, one.view.title);
			assert_int_equal(ahead.view.tags.n, one.view.tags.n);
			for (size_t t = 0; t < one.view.tags.n; t++)
				assert_string_equal(ahead.view.tags.v[t], one.view.tags.v[t]);
			assert_int_equal(ahead.view.date, one.view.date);
		}
		if (!pass) assert_true(got >= 2); /* small records, close together: read ahead */
	}
	/* a byte of article 3's record flipped in the file */
	testfiles_flip_record(root, mx, 3, 0x20);
	mx = open_mx(3600); /* the tail is intact: it opens */
	assert_non_null(mx);
	metaindex_rec_free(&ahead);
	for (size_t k = 0; k < n; k++) {
		metaindex_prefetch(mx, &ahead, fwd + k, n - k);
		assert_int_equal(metaindex_read(mx, k, &ahead), k != 3);
	}
	/* gathered out of order from the map: only that one refused */
	metaindex_rec_free(&mapped);
	assert_true(metaindex_rec_map(mx, &mapped));
	struct metaindex_line ln;
	for (size_t k = 0; k < n; k++) {
		metaindex_prefetch(mx, &mapped, mixed + k, n - k);
		assert_int_equal(metaindex_read_line(mx, mixed[k], &mapped, &ln), mixed[k] != 3);
		assert_int_equal(metaindex_read(mx, mixed[k], &mapped), mixed[k] != 3);
	}
	metaindex_rec_free(&mapped);
	metaindex_rec_free(&one);
	metaindex_rec_free(&ahead);
	metaindex_close(mx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_same_as_load, setup, teardown),
		cmocka_unit_test_setup_teardown(test_steps_aside, setup, teardown),
		cmocka_unit_test_setup_teardown(test_damage, setup, teardown),
		cmocka_unit_test_setup_teardown(test_read_ahead, setup, teardown),
		cmocka_unit_test_setup_teardown(test_title_order, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

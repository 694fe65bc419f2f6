/* SPDX-License-Identifier: MIT
 * A warm start's first list (core/collection/firstlist.h): the newest
 * articles and those around the article read last, read from the cache's
 * lean index, must be exactly the whole snapshot's articles of those ids,
 * in the same order at the head of the list; a damaged record is left
 * out, not trusted; and the whole snapshot decoded behind it on another
 * thread (bgload_start_snapshot) must be a full load's collection. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/collection/bgload.h"
#include "core/collection/dossier.h"
#include "core/collection/firstlist.h"
#include "core/collection/order.h"
#include "core/meta/metacache.h"
#include "core/meta/metaindex.h"
#include "core/base/util.h"
#include "core/base/xdg.h"
#include "tests/unit/testfiles.h"

static char tmpdir[64];
static char root[160];
#define NART 300

static int setup(void **st)
{
	(void)st;
	strcpy(tmpdir, "/tmp/dossier-first.XXXXXX");
	testfiles_collection_dir(tmpdir, root, sizeof root);
	static const char *const who[] = {"Zoë Brontë", "王芳", "José Núñez", "Łukasz"};
	for (int i = 0; i < NART; i++) {
		char rel[64], text[512];
		/* dates with ties (i / 3) and some unknown; folders and names in
		 * an order of their own */
		snprintf(rel, sizeof rel, "%s/%s%03d.md", i % 2 ? "east" : "west",
			 i % 5 ? "café-" : "note-", (i * 37) % NART);
		int len = i % 17 == 0
				  ? snprintf(text, sizeof text, "No front matter — just “text” %d 🚢\n", i)
				  : snprintf(text, sizeof text,
					     "---\ntitle: “Headline %d” — %s\ndate: 20%02d-%02d-%02d\n"
					     "tags: [grid/north, t%d]\nsource: Wire\n---\nBody e\xcc\x81 %d.\n",
					     i, who[i % 4], 10 + i / 36, 1 + (i / 3) % 12, 1 + i % 28, i % 7, i);
		testfiles_write(root, rel, text, (size_t)len);
	}
	testfiles_write(root, "east/side.md", "Sidecar body\n", 13);
	testfiles_write(root, "east/side.yaml", "title: Gamma\ndate: 2030-01-01\ntags: [x/y]\n", 42);
	/* the cache and its lean index, as a full load writes them */
	const struct dossier_open_opts o = {.use_cache = true};
	struct dossier d;
	assert_int_equal(dossier_open_with(&d, root, &o), 0);
	dossier_close(&d);
	return 0;
}

static int teardown(void **st)
{
	(void)st;
	testfiles_remove(tmpdir);
	unsetenv("XDG_CACHE_HOME");
	return 0;
}

/* Article a of c as one dump line (no diagnostics), owned. */
static char *line_of(const struct collection *c, size_t a)
{
	struct collection one = *c;
	one.items = &c->items[a];
	one.n = 1;
	const struct diag_list none = DIAG_LIST_INIT;
	return testfiles_dump(&one, &none);
}

/* Every article of part is the whole's article of that id, field for
 * field; part's date order is the whole's restricted to part. */
static void assert_part_of(const struct dossier *part, const struct dossier *whole)
{
	for (size_t i = 0; i < part->coll.n; i++) {
		long w = collection_find(&whole->coll, part->coll.items[i].id);
		assert_true(w >= 0);
		char *x = line_of(&part->coll, i), *y = line_of(&whole->coll, (size_t)w);
		assert_string_equal(x, y);
		free(x);
		free(y);
	}
	size_t *po = collection_order(&part->coll, &part->tags, ORDER_DATE, -1);
	size_t *wo = collection_order(&whole->coll, &whole->tags, ORDER_DATE, -1);
	size_t k = 0;
	for (size_t r = 0; r < whole->coll.n && k < part->coll.n; r++)
		if (collection_find(&part->coll, whole->coll.items[wo[r]].id) >= 0)
			assert_string_equal(part->coll.items[po[k++]].id, whole->coll.items[wo[r]].id);
	assert_int_equal(k, part->coll.n);
	free(po);
	free(wo);
}

static void whole_snapshot(struct dossier *d)
{
	const struct dossier_open_opts o = {.use_cache = true};
	struct metacache *mc;
	assert_int_equal(dossier_open_snapshot(d, root, &o, &mc), 0);
	metacache_close(mc);
}

static void test_head_is_the_whole_lists_head(void **st)
{
	(void)st;
	struct dossier whole, part;
	whole_snapshot(&whole);
	assert_int_equal(whole.coll.n, NART + 1);
	const struct dossier_open_opts o = {.use_cache = true};
	struct metaindex *mx = firstlist_index(root, &o, 50);
	assert_non_null(mx);
	assert_int_equal(firstlist_read(&part, mx, root, NULL, 20, NULL, 5), NART + 1);
	assert_int_equal(part.coll.n, 20);
	assert_part_of(&part, &whole);
	/* the head: the whole list's first 20, in its order */
	size_t *wo = collection_order(&whole.coll, &whole.tags, ORDER_DATE, -1);
	size_t *po = collection_order(&part.coll, &part.tags, ORDER_DATE, -1);
	for (size_t r = 0; r < 20; r++)
		assert_string_equal(part.coll.items[po[r]].id, whole.coll.items[wo[r]].id);
	assert_string_equal(part.coll.items[po[0]].title, "Gamma"); /* the sidecar's date leads */
	assert_non_null(tagindex_get(&part.tags, "grid")); /* nested tags post to parents */
	free(wo);
	free(po);
	dossier_close(&part);
	dossier_close(&whole);
}

static void test_around_the_article_read_last(void **st)
{
	(void)st;
	struct dossier whole, part;
	whole_snapshot(&whole);
	size_t *wo = collection_order(&whole.coll, &whole.tags, ORDER_DATE, -1);
	const char *last = whole.coll.items[wo[150]].id;
	const struct dossier_open_opts o = {.use_cache = true};
	assert_int_equal(firstlist_read(&part, firstlist_index(root, &o, 50), root, NULL, 20, last, 5),
			 NART + 1);
	assert_int_equal(part.coll.n, 20 + 11); /* ranks 0-19 and 145-155 */
	assert_part_of(&part, &whole);
	for (size_t r = 145; r <= 155; r++)
		assert_true(collection_find(&part.coll, whole.coll.items[wo[r]].id) >= 0);
	assert_true(collection_find(&part.coll, whole.coll.items[wo[144]].id) < 0);
	/* near the end: the window stops there */
	dossier_close(&part);
	last = whole.coll.items[wo[NART]].id;
	firstlist_read(&part, firstlist_index(root, &o, 50), root, NULL, 20, last, 5);
	assert_int_equal(part.coll.n, 20 + 6);
	assert_part_of(&part, &whole);
	dossier_close(&part);
	/* an id the cache does not hold: the head alone */
	firstlist_read(&part, firstlist_index(root, &o, 50), root, NULL, 20, "gone/nowhere", 5);
	assert_int_equal(part.coll.n, 20);
	dossier_close(&part);
	free(wo);
	dossier_close(&whole);
}

static void test_no_first_list(void **st)
{
	(void)st;
	const struct dossier_open_opts o = {.use_cache = true};
	assert_null(firstlist_index(root, &o, NART + 1)); /* not more than min */
	const struct dossier_open_opts off = {.use_cache = false};
	assert_null(firstlist_index(root, &off, 10));
	struct fieldmap fm;
	fieldmap_init_default(&fm);
	strlist_push(&fm.keys[FIELD_TITLE], "headline");
	const struct dossier_open_opts other = {.use_cache = true, .fm = &fm}; /* another fingerprint */
	assert_null(firstlist_index(root, &other, 10));
	fieldmap_free(&fm);
}

/* The whole snapshot on its thread, as the reader decodes it behind the
 * first list: a full load's collection, with the cache handed over. */
static void test_whole_snapshot_behind(void **st)
{
	(void)st;
	const struct dossier_open_opts nc = {.use_cache = false}, o = {.use_cache = true};
	struct dossier full, d;
	assert_int_equal(dossier_open_with(&full, root, &nc), 0);
	struct metacache *mc = NULL;
	assert_int_equal(bgload_finish_cache(bgload_start_snapshot(root, &o), &d, false, &mc), 0);
	assert_non_null(mc);
	assert_int_equal(metacache_count(mc), NART + 1);
	char *x = testfiles_dump(&full.coll, &full.diags), *y = testfiles_dump(&d.coll, &d.diags);
	assert_string_equal(x, y);
	free(x);
	free(y);
	assert_int_equal(d.tags.n, full.tags.n);
	metacache_close(mc);
	dossier_close(&d);
	dossier_close(&full);
}

/* The snapshot's tag index copied from the index's postings is the one
 * posting every article again would build, entry for entry. */
static void test_tags_from_the_index(void **st)
{
	(void)st;
	struct dossier whole;
	whole_snapshot(&whole);
	struct tagindex built, lean;
	tagindex_build(&built, &whole.coll);
	struct fieldmap fm; /* the settings the snapshot used */
	fieldmap_init_default(&fm);
	struct metacache *mc = metacache_open(root, &fm, 0, NULL);
	struct metaindex *mx = metaindex_open_snapshot(root, &fm, 0);
	assert_true(tagindex_from_lean(&lean, &whole.coll, mx, mc));
	assert_int_equal(lean.n, built.n);
	assert_true(built.n > 10);
	for (size_t e = 0; e < built.n; e++) {
		const struct tag_entry *a = &built.tags[e], *b = &lean.tags[e];
		assert_string_equal(a->name, b->name);
		assert_int_equal(a->n, b->n);
		assert_memory_equal(a->arts, b->arts, a->n * sizeof *a->arts);
		assert_int_equal(a->nholders, b->nholders);
		assert_memory_equal(a->holders, b->holders, a->nholders * sizeof *a->holders);
		/* the same list is one array, not a copy, either way */
		assert_true((a->holders == a->arts) == (a->nholders == a->n));
		assert_true((b->holders == b->arts) == (b->nholders == b->n));
		assert_true(a->weight == b->weight);
		assert_int_equal(tagindex_find(&lean, a->name), (long)e);
		assert_int_equal(whole.tags.n, built.n); /* what the snapshot holds */
		assert_string_equal(whole.tags.tags[e].name, a->name);
	}
	tagindex_free(&lean);
	/* not the collection the index numbers: false, built instead */
	struct collection fewer = whole.coll;
	fewer.n--;
	assert_false(tagindex_from_lean(&lean, &fewer, mx, mc));
	assert_int_equal(lean.n, 0);
	metaindex_close(mx);
	metacache_close(mc);
	fieldmap_free(&fm);
	tagindex_free(&built);
	dossier_close(&whole);
}

/* One record's bytes changed on disk: the first list leaves that article
 * out (its checksum), the whole snapshot finds the cache damaged. */
static void test_damaged_record(void **st)
{
	(void)st;
	struct dossier whole, part;
	whole_snapshot(&whole);
	size_t *wo = collection_order(&whole.coll, &whole.tags, ORDER_DATE, -1);
	char *title = xstrdup(whole.coll.items[wo[3]].title);
	free(wo);
	dossier_close(&whole);
	char *file = xdg_collection_file(XDG_BASE_CACHE, root, ".meta");
	FILE *f = fopen(file, "r+b");
	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	long len = ftell(f);
	char *buf = malloc((size_t)len);
	fseek(f, 0, SEEK_SET);
	assert_int_equal(fread(buf, 1, (size_t)len, f), (size_t)len);
	char *at = memmem(buf, (size_t)len, title, strlen(title));
	assert_non_null(at);
	fseek(f, at - buf + 1, SEEK_SET); /* one byte of that title */
	fputc(at[1] ^ 0x20, f);
	fclose(f);
	free(buf);
	const struct dossier_open_opts o = {.use_cache = true};
	firstlist_read(&part, firstlist_index(root, &o, 50), root, NULL, 20, NULL, 5);
	assert_int_equal(part.coll.n, 19);
	for (size_t i = 0; i < part.coll.n; i++) assert_string_not_equal(part.coll.items[i].title, title);
	dossier_close(&part);
	struct metacache *mc = NULL;
	struct dossier d;
	assert_int_equal(bgload_finish_cache(bgload_start_snapshot(root, &o), &d, false, &mc), -1);
	assert_non_null(d.cache_note); /* said once, and rebuilt by the load that follows */
	assert_int_equal(d.coll.n, 0);
	metacache_close(mc);
	dossier_close(&d);
	free(file);
	free(title);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_head_is_the_whole_lists_head),
		cmocka_unit_test(test_around_the_article_read_last),
		cmocka_unit_test(test_no_first_list),
		cmocka_unit_test(test_whole_snapshot_behind),
		cmocka_unit_test(test_tags_from_the_index),
		cmocka_unit_test(test_damaged_record),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}

/* SPDX-License-Identifier: MIT
 * The folded-titles table (core/find/foldtitles.h) holds, for every
 * article, exactly the bytes of its title folded alone: ASCII, accents
 * composed and decomposed, CJK, ligatures, ß, İ, emoji, invalid bytes,
 * titles of every length around the 8-byte fast path, none at all; made
 * at once or slice by slice. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "core/collection/collection.h"
#include "core/find/foldtitles.h"
#include "core/meta/article.h"
#include "core/text/utf8.h"

static const char *const titles[] = {
	"Kyiv\xe2\x80\x99s Grid Held Overnight",
	"CAF\xc3\x89 and cafe\xcc\x81",
	"\xe6\x9d\xb1\xe4\xba\xac Harbour Talks",
	"\xef\xac\x81" "nal O\xef\xac\x83" "ce VOTE",
	"STRA\xc3\x9f" "E closed",
	"\xc4\xb0stanbul I\xcc\x87 and \xe2\x84\xab",
	"\xef\xbc\xa6\xef\xbc\xa9\xef\xbc\xb2\xef\xbc\xa5 at \xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x94\xac",
	"ABCDEFGH\xc3\x89",          /* non-ASCII right after a fast-path block */
	"ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`@ 0123456789", /* the bounds of A..Z */
	"bad \xff\xfe bytes",
	"",
	NULL,                        /* no title: folds as "" */
	"A",
	"ABCDEFG",
	"ABCDEFGH",
	"\xce\x9f\xce\x94\xce\x9f\xce\xa3",
	"soft\xc2\xad" "hyphen and zero\xe2\x80\x8bwidth",
};
#define NT (sizeof titles / sizeof *titles)

static struct collection make_coll(struct article *items)
{
	memset(items, 0, NT * sizeof *items);
	for (size_t i = 0; i < NT; i++) items[i].title = (char *)titles[i];
	return (struct collection){.items = items, .n = NT, .cap = NT};
}

/* ft's title i is what folding it alone gives (utf8_fold for any text). */
static void check_table(const struct foldtitles *ft, const struct collection *c)
{
	for (size_t i = 0; i < c->n; i++) {
		const char *t = c->items[i].title ? c->items[i].title : "";
		size_t wl, gl, fl;
		char *want = utf8_fold(t, strlen(t), &wl);
		char *fast = foldtitles_fold(t, &fl);
		const char *got = foldtitles_get(ft, i, &gl);
		assert_int_equal(gl, wl);
		assert_memory_equal(got, want, wl);
		assert_int_equal(got[gl], '\0');
		assert_int_equal(fl, wl);
		assert_memory_equal(fast, want, wl);
		free(want);
		free(fast);
	}
}

static void test_make(void **st)
{
	(void)st;
	struct article items[NT];
	struct collection c = make_coll(items);
	struct foldtitles *ft = foldtitles_make(&c);
	assert_int_equal(ft->n, NT);
	assert_true(foldtitles_covers(ft, &c));
	check_table(ft, &c);
	foldtitles_free(ft);
}

static void test_extend_in_slices(void **st)
{
	(void)st;
	struct article items[NT];
	struct collection c = make_coll(items);
	for (size_t step = 1; step <= 5; step++) {
		struct foldtitles *ft = foldtitles_new();
		assert_false(foldtitles_covers(ft, &c));
		while (ft->n < c.n) {
			size_t before = ft->n;
			foldtitles_extend(ft, &c, ft->n + step);
			assert_true(ft->n > before);
			struct collection part = c;
			part.n = ft->n; /* what is there already is right */
			check_table(ft, &part);
		}
		foldtitles_extend(ft, &c, c.n + 10); /* clamped, nothing more */
		assert_int_equal(ft->n, c.n);
		assert_true(foldtitles_covers(ft, &c));
		check_table(ft, &c);
		foldtitles_free(ft);
	}
	foldtitles_free(NULL);
}

static void test_empty_collection(void **st)
{
	(void)st;
	struct collection c = {0};
	struct foldtitles *ft = foldtitles_make(&c);
	assert_int_equal(ft->n, 0);
	assert_true(foldtitles_covers(ft, &c));
	foldtitles_free(ft);
}

/* Lent out and back: the slot is empty while lent, a second borrower
 * gets a new table, and the fuller one is kept. */
static void test_lend_and_keep(void **st)
{
	(void)st;
	struct article items[NT];
	struct collection c = make_coll(items);
	struct foldtitles *slot = NULL;
	struct foldtitles *a = foldtitles_lend(&slot);
	assert_non_null(a);
	assert_null(slot);
	foldtitles_extend(a, &c, 3);
	struct foldtitles *b = foldtitles_lend(&slot); /* a is out: a new one */
	assert_ptr_not_equal(a, b);
	assert_int_equal(b->n, 0);
	foldtitles_keep(&slot, a);
	assert_ptr_equal(slot, a);
	foldtitles_keep(&slot, b); /* emptier: freed */
	assert_ptr_equal(slot, a);
	struct foldtitles *full = foldtitles_make(&c);
	foldtitles_keep(&slot, full); /* fuller: replaces a */
	assert_ptr_equal(slot, full);
	foldtitles_keep(&slot, NULL);
	assert_ptr_equal(slot, full);
	assert_ptr_equal(foldtitles_lend(&slot), full);
	foldtitles_free(full);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_make),
		cmocka_unit_test(test_extend_in_slices),
		cmocka_unit_test(test_empty_collection),
		cmocka_unit_test(test_lend_and_keep),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* SPDX-License-Identifier: MIT
 * Tag normalisation, the tag index (parents, weights) and related-article
 * ranking on an in-memory collection with known answers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <limits.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/find/related.h"
#include "core/collection/tags.h"
#include "core/base/util.h"
#include "core/text/utf8.h"

static void check_norm(const char *in, const char *want)
{
	char *got = tag_normalize(in, strlen(in));
	if (!want) {
		assert_null(got);
		return;
	}
	assert_non_null(got);
	assert_string_equal(got, want);
	free(got);
}

static void test_normalize(void **st)
{
	(void)st;
	check_norm("Air Defense", "air-defense");
	check_norm("  air   defence ", "air-defence");
	check_norm("KYIV", "kyiv");
	check_norm("Weapons / ATACMS", "weapons/atacms");
	check_norm("a//b/", "a/b");
	check_norm("Stra\xC3\x9F" "e", "strasse");        /* case fold: ß -> ss */
	check_norm("e\xCC\x81t\xC3\xA9", "\xC3\xA9t\xC3\xA9"); /* NFKC composes */
	check_norm("\xEF\xAC\x81nance", "finance");          /* NFKC: ligature fi */
	check_norm("   ", NULL);
	check_norm("/", NULL);
}

/* The rule written out again, into a new buffer: the folded text with
 * runs of blanks and dashes as one '-' inside a segment, empty segments
 * and the last '/' dropped. tag_normalize rewrites the fold in place. */
static char *ref_norm(const char *s, size_t len)
{
	size_t flen;
	char *f = utf8_fold(s, len, &flen);
	char *out = xcalloc(2 * flen + 2, 1);
	size_t n = 0, seg = 0;
	bool dash = false;
	for (size_t i = 0; i < flen; i++) {
		char c = f[i];
		if (c && strchr(" \t\n\r-", c)) {
			dash = n > seg;
		} else if (c == '/') {
			dash = false;
			if (n > seg) out[n++] = '/', seg = n;
		} else {
			if (dash) out[n++] = '-';
			dash = false;
			out[n++] = c;
		}
	}
	if (n && out[n - 1] == '/') n--;
	out[n] = '\0';
	free(f);
	if (!n) {
		free(out);
		return NULL;
	}
	return out;
}

static void test_normalize_random(void **st)
{
	(void)st;
	static const char *const pieces[] = {
		" ", "  ", "-", " - ", "/", "//", "\t", "\n", "Air", "DEFENCE", "ab", "x",
		"Stra\xC3\x9F" "e", "e\xCC\x81", "\xC3\x89t\xC3\xA9", "\xE6\x9D\xB1\xE4\xBA\xAC",
		"\xEF\xAC\x81", "\xE2\x80\x94", "\xF0\x9F\x91\x8D", "K\xC3\xB8ge",
	};
	uint64_t r = 0x9E3779B97F4A7C15ull;
	char buf[256];
	for (int k = 0; k < 20000; k++) {
		size_t n = 0;
		r ^= r << 13, r ^= r >> 7, r ^= r << 17;
		unsigned np = (unsigned)(r % 9);
		for (unsigned j = 0; j < np; j++) {
			r ^= r << 13, r ^= r >> 7, r ^= r << 17;
			const char *pc = pieces[r % 20];
			memcpy(buf + n, pc, strlen(pc));
			n += strlen(pc);
		}
		buf[n] = '\0';
		char *want = ref_norm(buf, n), *got = tag_normalize(buf, n);
		if (!want) assert_null(got);
		else if (!got || strcmp(got, want) != 0) fail_msg("'%s': got '%s', want '%s'", buf, got ? got : "(null)", want);
		free(want);
		free(got);
	}
}

/* Build a collection of n articles with the given tags ("a,b") and dates. */
static void make(struct collection *c, const char *const *tags, const int *dates, size_t n)
{
	memset(c, 0, sizeof *c);
	c->items = xcalloc(n, sizeof *c->items);
	c->n = c->cap = n;
	for (size_t i = 0; i < n; i++) {
		struct article *a = &c->items[i];
		char id[32];
		snprintf(id, sizeof id, "a%02zu", i);
		a->id = xstrdup(id);
		a->title = xstrdup(id);
		a->date = dates ? dates[i] : 0;
		const char *p = tags[i];
		while (*p) {
			const char *q = strchr(p, ',');
			if (!q) q = p + strlen(p);
			char *t = tag_normalize(p, (size_t)(q - p));
			if (t) strlist_push_own(&a->tags, t);
			p = *q ? q + 1 : q;
		}
	}
}

static void test_index(void **st)
{
	(void)st;
	const char *tags[] = {"common,weapons/atacms", "common,weapons/himars", "common,rare", "common"};
	struct collection c;
	make(&c, tags, NULL, 4);
	struct tagindex ti;
	tagindex_build(&ti, &c);
	const struct tag_entry *w = tagindex_get(&ti, "weapons");
	assert_non_null(w); /* the parent of nested tags */
	assert_int_equal(w->n, 2);
	assert_int_equal(w->arts[0], 0);
	assert_int_equal(w->arts[1], 1);
	const struct tag_entry *common = tagindex_get(&ti, "common");
	assert_int_equal(common->n, 4);
	assert_true(common->weight == 0.0); /* on every article: links nothing */
	assert_true(fabs(tagindex_get(&ti, "rare")->weight - log(4.0)) < 1e-9);
	assert_null(tagindex_get(&ti, "nope"));
	for (size_t i = 1; i < ti.n; i++) assert_true(strcmp(ti.tags[i - 1].name, ti.tags[i].name) < 0);
	tagindex_free(&ti);
	collection_free(&c);
}

static void test_related(void **st)
{
	(void)st;
	/* a00 shares x (rare) with a01, y with a02 and a03 (a03 closer in date) */
	const char *tags[] = {"x,y,all", "x,all", "y,all", "y,all", "z,all", "all"};
	const int dates[] = {20240610, 20240101, 20240101, 20240609, 20240610, 0};
	struct collection c;
	make(&c, tags, dates, 6);
	struct tagindex ti;
	tagindex_build(&ti, &c);
	struct related *r;
	size_t n = related_compute(&c, &ti, 0, 10, &r);
	assert_int_equal(n, 3); /* a04, a05 share only "all" (weight 0) */
	assert_int_equal(r[0].art, 1);
	assert_true(fabs(r[0].score - log(6.0 / 2)) < 1e-9);
	assert_int_equal(r[1].art, 3); /* tie with a02, one day away */
	assert_int_equal(r[1].date_gap, 1);
	assert_int_equal(r[2].art, 2);
	assert_int_equal(r[0].nshared, 1);
	assert_string_equal(ti.tags[r[0].shared[0]].name, "x");
	related_free(r, n);
	n = related_compute(&c, &ti, 0, 1, &r);
	assert_int_equal(n, 1);
	related_free(r, n);
	n = related_compute(&c, &ti, 5, 10, &r);
	assert_int_equal(n, 0);
	related_free(r, n);
	/* a02 (2024-01-01) ties a00 and a03: a03 is a day nearer */
	n = related_compute(&c, &ti, 2, 10, &r);
	assert_int_equal(n, 2);
	assert_int_equal(r[0].art, 3);
	assert_int_equal(r[0].date_gap, 160);
	assert_int_equal(r[1].art, 0);
	related_free(r, n);
	tagindex_free(&ti);
	collection_free(&c);
}

static void test_related_needs_a_real_link(void **st)
{
	(void)st;
	/* a00 and a01 share only "places", which neither carries itself: not
	 * related; a02 carries "places" itself: related, and listed with it */
	const char *tags[] = {"places/rome,x", "places/oslo", "places", "y", "z"};
	struct collection c;
	make(&c, tags, NULL, 5);
	struct tagindex ti;
	tagindex_build(&ti, &c);
	struct related *r;
	size_t n = related_compute(&c, &ti, 0, 10, &r);
	assert_int_equal(n, 1);
	assert_int_equal(r[0].art, 2);
	assert_int_equal(r[0].nshared, 1);
	assert_string_equal(ti.tags[r[0].shared[0]].name, "places");
	related_free(r, n);
	n = related_compute(&c, &ti, 1, 10, &r);
	assert_int_equal(n, 1);
	assert_int_equal(r[0].art, 2);
	related_free(r, n);
	const struct tag_entry *pl = tagindex_get(&ti, "places");
	assert_int_equal(pl->n, 3);
	assert_int_equal(pl->nholders, 1);
	tagindex_free(&ti);
	collection_free(&c);
}

/* A tag every article of which carries it itself (no nested tag below
 * it) keeps one array for both lists, not a copy: at a million articles
 * the copies were 12 MB of the reader's peak. A parent whose articles
 * carry only its children keeps a list of its own. */
static void test_holders_shared(void **st)
{
	(void)st;
	const char *tags[] = {"places/rome,x,café", "places/oslo,x", "places,x", "y,a/b,a", "z,a/b"};
	struct collection c;
	make(&c, tags, NULL, 5);
	struct tagindex ti;
	tagindex_build(&ti, &c);
	for (size_t e = 0; e < ti.n; e++) {
		const struct tag_entry *t = &ti.tags[e];
		bool same = t->nholders == t->n;
		assert_true((t->holders == t->arts) == same);
		if (!same) assert_true(t->nholders < t->n);
	}
	const struct tag_entry *x = tagindex_get(&ti, "x"), *pl = tagindex_get(&ti, "places");
	const struct tag_entry *a = tagindex_get(&ti, "a"), *cafe = tagindex_get(&ti, "café");
	assert_int_equal(x->n, 3);
	assert_ptr_equal(x->holders, x->arts);
	assert_ptr_equal(cafe->holders, cafe->arts);
	assert_int_equal(pl->n, 3);
	assert_int_equal(pl->nholders, 1);
	assert_ptr_not_equal(pl->holders, pl->arts);
	assert_int_equal(pl->holders[0], 2);
	/* "a" is on article 3 itself and on 4 only through "a/b" */
	assert_int_equal(a->n, 2);
	assert_int_equal(a->nholders, 1);
	assert_ptr_not_equal(a->holders, a->arts);
	tagindex_free(&ti); /* a shared list is freed once (ASan) */
	collection_free(&c);
}

/* The pruned ranking (small max) must equal the top of the full ranking,
 * on collections with a few very common tags and a long tail. */
static void test_related_pruning_is_exact(void **st)
{
	(void)st;
	enum { N = 3000 };
	const char **tags = xcalloc(N, sizeof *tags);
	char (*buf)[96] = xcalloc(N, 96);
	int *dates = xcalloc(N, sizeof *dates);
	unsigned seed = 7;
	for (int i = 0; i < N; i++) {
		size_t o = 0;
		const char *common[] = {"news", "region", "policy/econ", "policy/env"};
		for (int c = 0; c < 4; c++)
			if (((seed = seed * 1103515245 + 12345) >> 16) % 100 < 35)
				o += (size_t)snprintf(buf[i] + o, 96 - o, "%s%s", o ? "," : "", common[c]);
		for (int t = 0; t < 3; t++) {
			unsigned r = ((seed = seed * 1103515245 + 12345) >> 16) % 1000;
			o += (size_t)snprintf(buf[i] + o, 96 - o, "%st%u", o ? "," : "", r * r / 2000);
		}
		tags[i] = buf[i];
		dates[i] = 20200101 + (int)(((seed = seed * 1103515245 + 12345) >> 16) % 28);
	}
	struct collection c;
	make(&c, tags, dates, N);
	struct tagindex ti;
	tagindex_build(&ti, &c);
	for (size_t art = 0; art < N; art += 37) {
		struct related *all, *top;
		size_t nall = related_compute(&c, &ti, art, N, &all);
		size_t ntop = related_compute(&c, &ti, art, 10, &top);
		assert_int_equal(ntop, nall < 10 ? nall : 10);
		for (size_t i = 0; i < ntop; i++) {
			assert_int_equal(top[i].art, all[i].art);
			assert_true(fabs(top[i].score - all[i].score) < 1e-9);
		}
		related_free(all, nall);
		related_free(top, ntop);
	}
	tagindex_free(&ti);
	collection_free(&c);
	free(tags);
	free(buf);
	free(dates);
}

static void test_related_scale(void **st)
{
	(void)st;
	/* 5000 articles: rank by summed weights, never include self */
	enum { N = 5000 };
	const char **tags = xcalloc(N, sizeof *tags);
	char (*buf)[32] = xcalloc(N, 32);
	for (int i = 0; i < N; i++) {
		snprintf(buf[i], 32, "t%d,u%d,v%d", i % 7, i % 11, i % 13);
		tags[i] = buf[i];
	}
	struct collection c;
	make(&c, tags, NULL, N);
	struct tagindex ti;
	tagindex_build(&ti, &c);
	struct related *r;
	size_t n = related_compute(&c, &ti, 0, 20, &r);
	assert_int_equal(n, 20);
	for (size_t i = 0; i < n; i++) {
		assert_true(r[i].art != 0);
		if (i) assert_true(r[i - 1].score >= r[i].score);
	}
	assert_int_equal(r[0].nshared, 3); /* shares t0, u0 and v0: i % 1001 == 0 */
	assert_int_equal(r[0].art % 1001, 0);
	related_free(r, n);
	tagindex_free(&ti);
	collection_free(&c);
	free(tags);
	free(buf);
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_normalize),
		cmocka_unit_test(test_normalize_random),
		cmocka_unit_test(test_index),
		cmocka_unit_test(test_related),
		cmocka_unit_test(test_related_needs_a_real_link),
		cmocka_unit_test(test_holders_shared),
		cmocka_unit_test(test_related_pruning_is_exact),
		cmocka_unit_test(test_related_scale),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* SPDX-License-Identifier: MIT
 * The saved searches' whole-collection counts (core/find/query_bits.c)
 * against the plain evaluator (query_filter reading the files), over a
 * generated collection with every kind of field, folded titles, words
 * absent from the index, phrases, NOT and nested @refs; and the full-text
 * index's answers kept on disk (core/find/ftsmemo.c): used after a
 * restart, never after the index changed or when the file is damaged. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/base/strbuf.h"
#include "core/base/util.h"
#include "core/collection/dossier.h"
#include "core/find/ftsindex.h"
#include "core/find/query.h"
#include "core/find/searches.h"
#include "tests/unit/testfiles.h"

#define NART 240

static char tmpdir[64], root[128], dbfile[128];

static const char *const titles[] = {
	"Harbour \xE2\x80\x9Cstrike\xE2\x80\x9D at Odesa", "HARBOUR WATCH: GRAIN CORRIDOR reopens",
	"Caf\xC3\xA9 talks in Gen\xC3\xA8ve", "Missile range debate 1446", "Missile range 446",
	"\xCE\xA3\xCF\x84\xCF\x81\xCE\xB1\xCF\x84\xCE\xB7\xCE\xB3\xCE\xB9\xCE\xBA\xCE\xAE harbour",
	"\xE4\xBC\x9A\xE8\xB0\x88 resumed", "noe\xCC\x88l at the harbour", "Grain-corridor harbours",
	"A very long title about nothing in particular, twice as LONG as most",
};
static const char *const sources[] = {"Policy Brief", "Policy Briefing", "Northline Wire",
				      "NORTHLINE wire", NULL};
static const char *const authors[] = {"\"Quist, Ana\"", "\xC3\x93lafur Quist",
				      "Mei \xE4\xBC\x9A", "Jo Smith"};
static const char *const sentences[] = {
	"Grain ships waited at the harbour.", "A flood barrier was raised overnight.",
	"The barrier held; flood waters fell.", "\xE4\xBC\x9A\xE8\xB0\x88 resumed over tea.",
	"No\xC3\xABl came early \xE2\x80\x94 again.", "Ferry crews \xF0\x9F\x99\x82 waited.",
};

static unsigned lcg(unsigned *s)
{
	*s = *s * 1103515245u + 12345u;
	return (*s >> 16) & 0x7fff;
}

static void write_article(size_t i, unsigned *seed)
{
	struct strbuf sb = STRBUF_INIT;
	const char *title = titles[lcg(seed) % ARRAY_LEN(titles)];
	if (i % 10 != 9) {
		strbuf_addf(&sb, "---\ntitle: \"%s\"\ndate: 202%u-0%u-1%u\n", title, lcg(seed) % 6,
			    1 + lcg(seed) % 9, lcg(seed) % 9);
		const char *src = sources[lcg(seed) % ARRAY_LEN(sources)];
		if (src) strbuf_addf(&sb, "source: %s\n", src);
		unsigned na = lcg(seed) % 3;
		if (na) {
			strbuf_adds(&sb, "authors: [");
			for (unsigned k = 0; k < na; k++)
				strbuf_addf(&sb, "%s%s", k ? ", " : "", authors[lcg(seed) % ARRAY_LEN(authors)]);
			strbuf_adds(&sb, "]\n");
		}
		if (lcg(seed) % 3 == 0) strbuf_addf(&sb, "lang: %s\n", lcg(seed) % 2 ? "uk" : "en");
		if (i == 40 || i == 41) /* ref:446 is not 1446 */
			strbuf_addf(&sb, "ref: %s\n", i == 40 ? "446" : "1446");
		else if (lcg(seed) % 2)
			strbuf_addf(&sb, "ref: %u\n", (unsigned)(i * 37 % 2000));
		if (lcg(seed) % 2) strbuf_addf(&sb, "rank: %u\n", lcg(seed) % 9);
		if (lcg(seed) % 4 == 0) strbuf_adds(&sb, "summary: A brief on the harbour\n");
		strbuf_addf(&sb, "url: https://example.org/a/%zu\n", i);
		strbuf_addf(&sb, "tags: [%s]\n", lcg(seed) % 2 ? "shipping" : "diplomacy");
		strbuf_adds(&sb, "---\n");
	} else {
		strbuf_addf(&sb, "%s\n\n", title);
	}
	for (unsigned k = 0, n = 1 + lcg(seed) % 4; k < n; k++)
		strbuf_addf(&sb, "%s ", sentences[lcg(seed) % ARRAY_LEN(sentences)]);
	strbuf_addc(&sb, '\n');
	char rel[32];
	snprintf(rel, sizeof rel, "c/a%03zu.md", i);
	testfiles_write(tmpdir, rel, sb.buf, sb.len);
	strbuf_free(&sb);
}

static int setup(void **st)
{
	(void)st;
	strcpy(tmpdir, "/tmp/dossier-sbits.XXXXXX");
	if (!mkdtemp(tmpdir)) return -1;
	snprintf(root, sizeof root, "%s/c", tmpdir);
	snprintf(dbfile, sizeof dbfile, "%s/c.fts", tmpdir);
	unsigned seed = 7;
	for (size_t i = 0; i < NART; i++) write_article(i, &seed);
	return 0;
}

static int teardown(void **st)
{
	(void)st;
	testfiles_remove(tmpdir);
	return 0;
}

static const char *const queries[] = {
	"title:harbour", "title:\"grain corridor\"", "title:caf\xC3\xA9", "title:*odesa*",
	"title:no\xC3\xABl", "title:1446", "title:446", "title:\"long as most\"",
	"source:\"policy brief\"", "source:northline", "-source:wire", "author:quist",
	"author:ana", "author:\xE4\xBC\x9A", "lang:uk", "ref:446", "ref:*44*", "rank:>5",
	"rank:<=2", "summary:brief", "url:example", "url:*/a/1*", "grain", "\"flood barrier\"",
	"zeppelin", "harbour OR zeppelin", "\"barrier flood\"", "\xE4\xBC\x9A\xE8\xB0\x88",
	"no\xC3\xABl", "@f1 OR @f8", "@nest -@f2", "NOT (title:harbour OR grain)",
	"tag:shipping author:quist", "is:unread source:\"policy brief\"",
	"date:2024..2025 title:harbour", "\"zeppelin flood\" OR -\"flood barrier\"",
};

static bool odd_read(void *ctx, size_t art)
{
	(void)ctx;
	return art % 3 == 1;
}

static void set_of(struct searches *all)
{
	for (size_t i = 0; i < ARRAY_LEN(queries); i++) {
		char name[8];
		snprintf(name, sizeof name, "f%zu", i);
		assert_true(searches_add(all, name, queries[i], NULL, "t", 1, 1));
	}
	assert_true(searches_add(all, "nest", "@f29 @f3 OR @f24", NULL, "t", 1, 1));
}

/* Count with fx's answers (NULL: none) and compare every search with
 * query_filter reading the files; the text of the counts. */
static char *check_counts(const struct dossier *d, struct ftsindex *fx)
{
	struct searches all = {0};
	set_of(&all);
	struct search_set ss;
	struct diag_list dl = DIAG_LIST_INIT;
	search_set_init(&ss, &all, NULL, d, &dl);
	assert_int_equal(dl.n, 0);
	struct query_env plain = {.d = d, .is_read = odd_read};
	struct query_env env = plain;
	env.text_match = fx ? ftsindex_text_match : NULL;
	env.ctx = fx;
	const struct query_text_bits text = {fx ? ftsindex_text_bits : NULL, ftsindex_knows, fx};
	search_set_count(&ss, &env, &text);
	size_t *out = xcalloc(d->coll.n + 1, sizeof *out);
	struct strbuf sb = STRBUF_INIT;
	for (size_t s = 0; s < ss.n; s++) {
		size_t m = query_filter(ss.q[s], &plain, NULL, d->coll.n, out), unread = 0;
		for (size_t i = 0; i < m; i++) unread += !odd_read(NULL, out[i]);
		if (ss.total[s] != m || ss.unread[s] != unread)
			fprintf(stderr, "  %s: %zu/%zu, expected %zu/%zu\n", ss.e[s]->query, ss.total[s],
				ss.unread[s], m, unread);
		assert_int_equal(ss.total[s], m);
		assert_int_equal(ss.unread[s], unread);
		strbuf_addf(&sb, "%zu ", m);
	}
	free(out);
	search_set_free(&ss);
	searches_free(&all);
	return strbuf_steal(&sb);
}

/* Every field kind, with and without the full-text index; the counts are
 * not all 0 or all NART (the collection exercises them). */
static void test_fields_and_words(void **st)
{
	(void)st;
	struct dossier d;
	assert_int_equal(dossier_open(&d, root, NULL, NULL, NULL, NULL), 0);
	assert_int_equal(d.coll.n, NART);
	char *noindex = check_counts(&d, NULL);
	char *err = NULL;
	struct ftsindex *fx = ftsindex_open_file(dbfile, &err);
	assert_non_null(fx);
	assert_true(ftsindex_refresh(fx, &d.coll, NULL, NULL, NULL, &err) == NART);
	char *indexed = check_counts(&d, fx);
	assert_string_equal(noindex, indexed);
	size_t zero = 0, all = 0;
	for (const char *p = indexed; *p;) {
		unsigned long v = strtoul(p, (char **)&p, 10);
		zero += v == 0, all += v == NART;
		p += *p == ' ';
	}
	assert_true(zero <= 2 && all == 0); /* zeppelin and "barrier flood" alone are empty */
	free(noindex);
	free(indexed);
	ftsindex_close(fx);
	dossier_close(&d);
}

static size_t count_with_reopen(const struct dossier *d, char **counts)
{
	char *err = NULL;
	struct ftsindex *fx = ftsindex_open_file(dbfile, &err);
	assert_non_null(fx);
	free(err);
	assert_true(ftsindex_refresh(fx, &d->coll, NULL, NULL, NULL, &err) >= 0);
	*counts = check_counts(d, fx);
	size_t asked = ftsindex_stats(fx).lookups;
	ftsindex_close(fx);
	return asked;
}

/* The answers kept on disk serve a restart without one SQLite lookup, and
 * follow edits (refreshes of a few articles); a damaged memo file makes
 * them ask again; the counts stay those of the plain evaluator throughout. */
static void test_disk_memo(void **st)
{
	(void)st;
	struct dossier d;
	assert_int_equal(dossier_open(&d, root, NULL, NULL, NULL, NULL), 0);
	char *c1, *c2, *c3, *c4;
	count_with_reopen(&d, &c1); /* fills FILE.memo */
	assert_int_equal(count_with_reopen(&d, &c2), 0);
	assert_string_equal(c1, c2);
	dossier_close(&d);

	/* zeppelin comes to one article, then to the last one (its row is
	 * the highest: deleted and inserted, it gets the same rowid), then
	 * leaves it: the kept answers follow each edit without asking SQLite,
	 * and the counts stay the plain evaluator's */
	static const char *const edits[][2] = {
		{"c/a000.md", "---\ntitle: Airships\n---\nA zeppelin over the flood barrier.\n"},
		{"c/a239.md", "---\ntitle: Harbour\n---\nZeppelin harbour lock, grain.\n"},
		{"c/a239.md", "---\ntitle: Quiet\n---\nNothing at all happened here.\n"},
	};
	c3 = NULL;
	for (size_t i = 0; i < ARRAY_LEN(edits); i++) {
		testfiles_write(tmpdir, edits[i][0], edits[i][1], strlen(edits[i][1]));
		assert_int_equal(dossier_open(&d, root, NULL, NULL, NULL, NULL), 0);
		free(c3);
		assert_int_equal(count_with_reopen(&d, &c3), 0);
		if (i == 0) assert_string_not_equal(c2, c3);
		if (i < ARRAY_LEN(edits) - 1) dossier_close(&d);
	}
	assert_int_equal(count_with_reopen(&d, &c4), 0);
	assert_string_equal(c3, c4);

	/* one byte of the memo flipped: ignored, asked again, same counts */
	char memo[160];
	snprintf(memo, sizeof memo, "%s.memo", dbfile);
	FILE *f = fopen(memo, "r+b");
	assert_non_null(f);
	fseek(f, -12, SEEK_END); /* in the last answer's bits */
	int ch = fgetc(f);
	fseek(f, -12, SEEK_END);
	fputc(ch ^ 0x10, f);
	fclose(f);
	free(c4);
	assert_true(count_with_reopen(&d, &c4) > 0);
	assert_string_equal(c3, c4);
	/* cut short: ignored too */
	assert_int_equal(truncate(memo, 60), 0);
	free(c4);
	assert_true(count_with_reopen(&d, &c4) > 0);
	assert_string_equal(c3, c4);
	free(c1);
	free(c2);
	free(c3);
	free(c4);
	dossier_close(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fields_and_words),
		cmocka_unit_test(test_disk_memo),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}

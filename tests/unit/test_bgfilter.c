/* SPDX-License-Identifier: MIT
 * The filter's background match (core/find/bgfilter.h) gives what query_filter
 * gives on the loop's thread: the same articles for word, phrase, field,
 * reading-state and long OR queries over texts with curly quotes, accents,
 * combining marks, CJK and emoji, with the full-text index or without; a
 * cancelled match gives nothing; progress ends at the total. A query
 * with a tag every match carries reads only that tag's postings, with
 * the same answers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/find/bgfilter.h"
#include "core/find/bgindex.h"
#include "core/collection/dossier.h"
#include "core/find/foldtitles.h"
#include "core/find/ftsindex.h"
#include "core/find/query.h"
#include "core/base/strbuf.h"
#include "tests/unit/testfiles.h"

#define NART 300

static char tmpdir[64], root[128];

/* Pieces of our own writing; article i gets a few of them, by i's digits. */
static const char *const pieces[] = {
	"Kyiv\xe2\x80\x99s grid held overnight",          /* curly apostrophe */
	"the caf\xc3\xa9 stayed open",                   /* composed é */
	"a cafe\xcc\x81 with a decomposed accent",        /* e + U+0301 */
	"\xe6\x9d\xb1\xe4\xba\xac harbour talks",         /* 東京 */
	"drones \xe2\x80\x94 cheap and many",              /* em dash */
	"a \xe2\x80\x9cquiet\xe2\x80\x9d week",           /* curly quotes */
	"\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x94\xac lab notes", /* ZWJ emoji */
	"stra\xc3\x9f" "e closed for repairs",             /* ß */
	"power lines down again",
	"the market reopened",
	"\xef\xac\x81" "nal o\xef\xac\x83" "ce vote",            /* ﬁ, ﬃ ligatures */
	"\xc4\xb0stanbul ferries, STRASSE and I\xcc\x87", /* İ, I + U+0307 */
	"\xce\x9f\xce\x94\xce\x9f\xce\xa3 \xe2\x84\xab \xef\xbc\xa6\xef\xbc\xa9\xef\xbc\xb2\xef\xbc\xa5", /* ΟΔΟΣ, Å sign, ＦＩＲＥ */
};
#define NPIECE (sizeof pieces / sizeof *pieces)

static int setup(void **st)
{
	(void)st;
	strcpy(tmpdir, "/tmp/dossier-bgfilter.XXXXXX");
	testfiles_collection_dir(tmpdir, root, sizeof root);
	for (size_t i = 0; i < NART; i++) {
		struct strbuf sb = STRBUF_INIT, name = STRBUF_INIT;
		strbuf_addf(&sb, "---\ntitle: \"Report %zu %s\"\nsource: %s\ntags: [%s]\n---\n", i,
			    i % 7 == 0 ? pieces[3] : pieces[(i / 2) % NPIECE], i % 2 ? "Wire" : "Daily",
			    i % 3 == 0 ? "war" : i % 6 == 1 ? "energy/grid" : "energy");
		for (size_t k = i, n = 0; n < 3; k = k / NPIECE + 7 * n + 1, n++)
			strbuf_addf(&sb, "%s. ", pieces[k % NPIECE]);
		strbuf_addc(&sb, '\n');
		strbuf_addf(&name, "a%03zu.md", i);
		testfiles_write(root, name.buf, sb.buf, sb.len);
		strbuf_free(&sb);
		strbuf_free(&name);
	}
	return 0;
}

static int teardown(void **st)
{
	(void)st;
	testfiles_remove(tmpdir);
	return 0;
}

static bool every_third_read(void *ctx, size_t art) { (void)ctx; return art % 3 == 0; }
static bool every_fifth_marked(void *ctx, size_t art) { (void)ctx; return art % 5 == 0; }

/* The reference: query_filter here, bodies read from the files. */
static size_t reference(const char *text, const struct query_env *env, size_t *out)
{
	struct query_error err = {0};
	struct query *q = query_parse(text, env->d, &err);
	assert_non_null(q);
	size_t m = query_filter(q, env, NULL, env->d->coll.n, out);
	query_free(q);
	return m;
}

/* One match on a job: its answer, checked against want[0..nwant); titles
 * (may be NULL) goes in and comes back in *back. */
static void job_check(const char *text, const struct query_env *env, struct ftsindex *fx,
		      struct foldtitles *titles, struct foldtitles **back, const size_t *want,
		      size_t nwant)
{
	size_t n = env->d->coll.n;
	struct query_error err = {0};
	struct query *q = query_parse(text, env->d, &err);
	assert_non_null(q);
	struct bgfilter *b = bgfilter_start_titles(q, env, fx, titles);
	assert_true(bgfilter_wait(b, 60000));
	size_t done, total;
	bgfilter_progress(b, &done, &total);
	assert_int_equal(done, total); /* a required tag: its postings, else n */
	assert_true(total <= n);
	size_t *got;
	long m = back ? bgfilter_finish_titles(b, false, &got, NULL, back)
		      : bgfilter_finish(b, false, &got, NULL);
	if (m != (long)nwant) fail_msg("%s: %ld matches, query_filter %zu", text, m, nwant);
	assert_memory_equal(got, want, nwant * sizeof *want);
	free(got);
}

/* The job's answer is query_filter's: without a titles table, with one it
 * builds (handed back whole when the query looks at every title), and
 * with that table given again; query_filter itself is the same with it. */
static size_t check_query(const char *text, const struct query_env *env, struct ftsindex *fx)
{
	size_t n = env->d->coll.n;
	size_t *want = calloc(n + 1, sizeof *want);
	size_t nwant = reference(text, env, want);
	job_check(text, env, fx, NULL, NULL, want, nwant);
	struct foldtitles *ft = NULL;
	job_check(text, env, fx, foldtitles_new(), &ft, want, nwant);
	assert_non_null(ft);
	struct query_error err = {0};
	struct query *q = query_parse(text, env->d, &err);
	bool whole = query_needs_titles(q) && !query_required_tag(q);
	query_free(q);
	if (whole) assert_true(foldtitles_covers(ft, &env->d->coll));
	foldtitles_free(ft);
	ft = foldtitles_make(&env->d->coll);
	struct foldtitles *again = NULL;
	job_check(text, env, fx, ft, &again, want, nwant);
	assert_ptr_equal(again, ft);
	struct query_env with = *env;
	with.titles = ft;
	size_t *got = calloc(n + 1, sizeof *got);
	assert_int_equal(reference(text, &with, got), nwant);
	assert_memory_equal(got, want, nwant * sizeof *want);
	free(got);
	foldtitles_free(ft);
	free(want);
	return nwant;
}

static const char *const queries[] = {
	"kyiv",
	"caf\xc3\xa9",                    /* both the composed and the decomposed one */
	"\"quiet week\"",
	"\xe6\x9d\xb1\xe4\xba\xac",
	"strasse OR market",
	"drones -tag:war",
	"source:wire is:unread",
	"is:marked OR lab",
	"(power lines) OR title:\"report 7\"",
	"is:read NOT tag:energy",
	"final OR office",                /* ﬁnal, oﬃce */
	"title:\"istanbul ferries\"",
	"i\xcc\x87stanbul OR strasse",     /* İ folds to i + U+0307 */
	"\xce\xbf\xce\xb4\xce\xbf\xcf\x82 OR \xc3\xa5 OR fire", /* οδος (final ς), å, fire */
	"\xce\xbf\xce\xb4\xce\xbf\xcf\x83 tag:energy",
	"report",
	/* a tag every match must carry: only its postings are read */
	"tag:war",
	"tag:energy",                     /* the parent: energy/grid's too */
	"tag:energy/grid",
	"tag:energy source:wire",
	"kyiv tag:war",
	"tag:war is:unread OR tag:war is:marked",
	"tag:war is:read",                /* state copied for the postings only */
	"is:marked tag:energy",
	"tag:energy/grid -caf\xc3\xa9",
	"tag:nosuch",
	"tag:en",                         /* typed on the way: no such tag */
	"",
};

static void test_same_as_query_filter(void **st)
{
	(void)st;
	struct dossier d;
	assert_int_equal(dossier_open(&d, root, NULL, NULL, NULL, NULL), 0);
	assert_int_equal(d.coll.n, NART);
	char *note = NULL;
	struct ftsindex *fx = bgindex_build_now(&d.coll, &note);
	assert_non_null(fx);
	free(note);
	struct query_env env = {&d, every_third_read, every_fifth_marked, NULL, NULL, NULL, NULL};
	for (size_t i = 0; i < sizeof queries / sizeof *queries; i++) {
		check_query(queries[i], &env, NULL); /* bodies read from the files */
		check_query(queries[i], &env, fx);   /* answered by the index */
	}
	/* titles that fold to something else than they are written: each is
	 * found (ﬁ, ＦＩＲＥ by NFKC; ΟΔΟΣ, ß by case folding; é decomposed) */
	static const char *const folded[] = {"title:final", "title:fire", "title:strasse",
					     "title:\xce\xbf\xce\xb4\xce\xbf\xcf\x82",
					     "title:caf\xc3\xa9", "title:\"i\xcc\x87stanbul ferries\""};
	for (size_t i = 0; i < sizeof folded / sizeof *folded; i++)
		if (check_query(folded[i], &env, NULL) == 0) fail_msg("%s: no match", folded[i]);
	/* an OR of many words (issue 19), some found, most not */
	struct strbuf sb = STRBUF_INIT;
	for (int i = 0; i < 200; i++) strbuf_addf(&sb, "%sw%d", i ? " OR " : "", i);
	strbuf_adds(&sb, " OR harbour OR caf\xc3\xa9");
	check_query(sb.buf, &env, NULL);
	check_query(sb.buf, &env, fx);
	strbuf_free(&sb);
	/* the narrowed walk: tag:war reads its 100 postings, not all 300 */
	struct query_error err = {0};
	struct bgfilter *b = bgfilter_start(query_parse("tag:war source:wire", &d, &err), &env, fx);
	assert_true(bgfilter_wait(b, 60000));
	size_t done, total, *got;
	bgfilter_progress(b, &done, &total);
	assert_int_equal(total, NART / 3);
	assert_int_equal(bgfilter_finish(b, false, &got, NULL), NART / 6);
	free(got);
	ftsindex_close(fx);
	dossier_close(&d);
}

static void test_cancelled_gives_nothing(void **st)
{
	(void)st;
	struct dossier d;
	assert_int_equal(dossier_open(&d, root, NULL, NULL, NULL, NULL), 0);
	struct query_env env = {&d, NULL, NULL, NULL, NULL, NULL, NULL};
	setenv("DOSSIER_TEST_JOB_DELAY_MS", "5000", 1); /* still waiting when cancelled */
	struct query_error err = {0};
	struct bgfilter *b = bgfilter_start(query_parse("kyiv", &d, &err), &env, NULL);
	assert_false(bgfilter_wait(b, 20));
	size_t *got = (size_t *)&err;
	long ms = -1;
	assert_int_equal(bgfilter_finish(b, true, &got, &ms), -1);
	assert_null(got);
	assert_int_equal(ms, 0);
	unsetenv("DOSSIER_TEST_JOB_DELAY_MS");
	dossier_close(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_same_as_query_filter),
		cmocka_unit_test(test_cancelled_gives_nothing),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}

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
};
#define NPIECE (sizeof pieces / sizeof *pieces)

static int setup(void **st)
{
	(void)st;
	strcpy(tmpdir, "/tmp/dossier-bgfilter.XXXXXX");
	testfiles_collection_dir(tmpdir, root, sizeof root);
	for (size_t i = 0; i < NART; i++) {
		struct strbuf sb = STRBUF_INIT, name = STRBUF_INIT;
		strbuf_addf(&sb, "---\ntitle: Report %zu %s\nsource: %s\ntags: [%s]\n---\n", i,
			    i % 7 == 0 ? pieces[3] : "", i % 2 ? "Wire" : "Daily",
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

static void check_query(const char *text, const struct query_env *env, struct ftsindex *fx)
{
	size_t n = env->d->coll.n;
	size_t *want = calloc(n + 1, sizeof *want);
	size_t nwant = reference(text, env, want);
	struct query_error err = {0};
	struct query *q = query_parse(text, env->d, &err);
	assert_non_null(q);
	struct bgfilter *b = bgfilter_start(q, env, fx);
	assert_true(bgfilter_wait(b, 60000));
	size_t done, total;
	bgfilter_progress(b, &done, &total);
	assert_int_equal(done, total); /* a required tag: its postings, else n */
	assert_true(total <= n);
	size_t *got;
	long m = bgfilter_finish(b, false, &got, NULL);
	if (m != (long)nwant) fail_msg("%s: %ld matches, query_filter %zu", text, m, nwant);
	assert_memory_equal(got, want, nwant * sizeof *want);
	free(got);
	free(want);
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
	struct query_env env = {&d, every_third_read, every_fifth_marked, NULL, NULL, NULL};
	for (size_t i = 0; i < sizeof queries / sizeof *queries; i++) {
		check_query(queries[i], &env, NULL); /* bodies read from the files */
		check_query(queries[i], &env, fx);   /* answered by the index */
	}
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
	struct query_env env = {&d, NULL, NULL, NULL, NULL, NULL};
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

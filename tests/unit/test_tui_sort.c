/* SPDX-License-Identifier: MIT
 * The list through a filter (listorder_build): a narrow match, ordered by each
 * article's rank, comes out exactly as the walk over every sorted article
 * does, in every sort order, for few, many, none and all matches. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/base/util.h"
#include "tui/listorder.h"
#include "tui/load.h"
#include "tui/sort.h"
#include "tui/tui.h"
#include "tests/unit/tuitest.h"

#define NART 200

static char dir[64];
static struct settings settings;

/* Titles, sources and dates in no order of their own, with accents,
 * dashes and CJK, so every sort order differs from the file order. */
static void write_corpus(void)
{
	static const char *const words[] = {"Élan", "zeal — quiet", "北京 notes", "apple", "Ørsted", "mid"};
	for (int i = 0; i < NART; i++) {
		char path[128];
		snprintf(path, sizeof path, "%s/a%03d.md", dir, i);
		FILE *f = fopen(path, "w");
		assert_non_null(f);
		fprintf(f, "---\ntitle: \"%s %d\"\ndate: 2024-%02d-%02d\nsource: %s\ntags: [t%d]\n---\nBody %d.\n",
			words[(i * 7) % 6], (i * 37) % 101, 1 + (i * 5) % 12, 1 + (i * 11) % 28,
			words[(i * 3) % 6], i % 9, i);
		fclose(f);
	}
}

static void walk(const struct tui *t, const bool *match, size_t *out, size_t *m)
{
	*m = 0;
	for (size_t i = 0; i < t->d.coll.n; i++)
		if (!match || match[t->sorted[i]]) out[(*m)++] = t->sorted[i];
}

static void test_narrow_filter_same_as_walk(void **state)
{
	(void)state;
	struct tui *t = tuitest_open(&settings, dir, NULL, true);
	size_t n = t->d.coll.n;
	assert_int_equal(n, NART);
	bool *match = xcalloc(n, sizeof *match);
	size_t *want = xcalloc(n, sizeof *want);
	srand(7);
	/* matches: 0, 1, 3, n/16 (the most ranked), n/16 + 1 (walked), n/2, all */
	const size_t counts[] = {0, 1, 3, NART / 16, NART / 16 + 1, NART / 2, NART};
	for (int s = 0; s < SORT_RELEVANCE; s++) {
		t->sort = (enum sort_mode)s;
		sort_apply(t);
		for (size_t c = 0; c < sizeof counts / sizeof *counts; c++) {
			memset(match, 0, n);
			for (size_t k = 0; k < counts[c];) {
				size_t a = (size_t)rand() % n;
				if (!match[a]) match[a] = true, k++;
			}
			size_t m;
			walk(t, match, want, &m);
			unsigned gen = t->list_gen;
			assert_int_equal(listorder_build(t, match), m);
			assert_int_equal(t->norder, m);
			assert_int_equal(t->list_gen, gen + 1);
			assert_memory_equal(t->order, want, m * sizeof *want);
		}
		walk(t, NULL, want, &(size_t){0});
		assert_int_equal(listorder_build(t, NULL), n);
		assert_memory_equal(t->order, want, n * sizeof *want);
	}
	free(match);
	free(want);
	tuitest_close(t);
}

static int setup(void **state)
{
	(void)state;
	strcpy(dir, "/tmp/dossier-sort.XXXXXX");
	if (!mkdtemp(dir)) return -1;
	setenv("XDG_CONFIG_HOME", dir, 1);
	setenv("XDG_STATE_HOME", dir, 1);
	setenv("XDG_CACHE_HOME", dir, 1);
	setenv("HOME", dir, 1);
	write_corpus();
	struct diag_list dl = DIAG_LIST_INIT;
	int rc = config_load(&settings, NULL, &dl);
	diag_list_free(&dl);
	return rc < 0 ? -1 : 0;
}

static int teardown(void **state)
{
	(void)state;
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0) return -1;
	config_free(&settings);
	return 0;
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_narrow_filter_same_as_walk),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}

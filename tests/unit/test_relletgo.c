/* SPDX-License-Identifier: MIT
 * The reader's related lists from the mapped content index file
 * (core/find/simfile.h) let the file's pages go after each list: at a
 * million articles a list reads a few MB of the file, scattered, and a
 * reader that kept them grew by ~3 MB an opened article. The lists stay
 * those of the in-memory index. Texts are our own, made from word lists. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/base/strbuf.h"
#include "core/base/util.h"
#include "core/collection/collection.h"
#include "core/collection/tags.h"
#include "core/find/related.h"
#include "core/find/simfile.h"
#include "core/find/similar.h"

static const char *stems[] = {"harbour", "sluice", "café", "北京", "Zoë", "naïve", "estuary",
			      "rook", "gambit", "ferry", "flood", "surge", "東京", "crème"};
#define NSTEMS (sizeof stems / sizeof *stems)
#define NART 6000

/* NART articles of ~150 words from a vocabulary of a few thousand (a
 * stem and a number: "ferry217"), neighbours sharing part of theirs, so
 * each article's signature has its full SIM_SELECT terms and the file
 * is several MB; tags in a few groups. */
static void make(struct collection *c)
{
	memset(c, 0, sizeof *c);
	c->items = xcalloc(NART, sizeof *c->items);
	c->n = c->cap = NART;
	for (size_t i = 0; i < NART; i++) {
		struct strbuf sb = STRBUF_INIT;
		for (size_t k = 0; k < 150; k++) {
			size_t w = (i / 4 * 13 + k * 29 + (k % 3) * i) % 4000;
			strbuf_addf(&sb, "%s%zu — ", stems[w % NSTEMS], w);
		}
		char id[32], tag[16];
		snprintf(id, sizeof id, "a%05zu", i);
		snprintf(tag, sizeof tag, "t%zu", i % 9);
		struct article *a = &c->items[i];
		a->id = xstrdup(id);
		a->title = xstrdup(id);
		a->date = 20240101 + (int)(i % 28);
		strlist_push(&a->tags, tag);
		a->sig = simsig_compute(NULL, sb.buf, sb.len);
		strbuf_free(&sb);
	}
}

/* kB of file's mappings this process holds (Rss in /proc/self/smaps;
 * mincore would tell the page cache, not the process); -1: not mapped. */
static long mapped_kb(const char *file)
{
	FILE *f = fopen("/proc/self/smaps", "r");
	assert_non_null(f);
	char line[1024];
	bool in = false;
	long kb = -1;
	while (fgets(line, sizeof line, f)) {
		unsigned long lo, hi;
		if (sscanf(line, "%lx-%lx ", &lo, &hi) == 2) {
			in = strstr(line, file) != NULL;
			continue;
		}
		long v;
		if (in && sscanf(line, "Rss: %ld kB", &v) == 1) kb = kb < 0 ? v : kb + v;
	}
	fclose(f);
	return kb;
}

static void count(void *ctx, uint32_t b, float sim)
{
	(void)b;
	(void)sim;
	++*(size_t *)ctx;
}

static void same(const struct related *x, size_t nx, const struct related *y, size_t ny)
{
	assert_int_equal(nx, ny);
	for (size_t i = 0; i < nx; i++) {
		assert_int_equal(x[i].art, y[i].art);
		assert_true(x[i].score == y[i].score);
		assert_int_equal(x[i].nterms, y[i].nterms);
		for (size_t k = 0; k < x[i].nterms; k++) assert_string_equal(x[i].terms[k], y[i].terms[k]);
	}
}

static void test_lists_let_go(void **st)
{
	(void)st;
	struct collection c;
	make(&c);
	struct tagindex ti;
	tagindex_build(&ti, &c);
	const struct simsig **sigs = xcalloc(NART, sizeof *sigs);
	for (size_t a = 0; a < NART; a++) sigs[a] = c.items[a].sig;
	struct simindex mem = SIMINDEX_INIT;
	simindex_build(&mem, sigs, NART);
	free(sigs);
	char file[] = "/tmp/test_relletgo_XXXXXX";
	int fd = mkstemp(file);
	assert_true(fd >= 0);
	close(fd);
	const struct simfile_key k = {{3, 1, 4, 1, 5, 9, 2, 6}};
	assert_int_equal(simfile_write(file, &mem, &c, &k), 0);
	struct simfile *f = simfile_open(file, &k, NART);
	assert_non_null(f);
	struct simindex si;
	simindex_of_file(&si, f);
	/* opened and its groups copied: the file's pages are not held */
	long kb = mapped_kb(file);
	assert_true(kb >= 0 && kb <= 16);

	/* every article walked: most of the file is in */
	size_t visits = 0;
	for (size_t a = 0; a < NART; a++) simindex_walk(&si, &c, a, count, &visits);
	assert_true(visits > 0);
	kb = mapped_kb(file);
	struct stat fst;
	assert_int_equal(stat(file, &fst), 0);
	print_message("file %lld kB, held after every walk %ld kB\n", (long long)fst.st_size >> 10, kb);
	assert_true(kb > 2048);

	/* a related list answers as the in-memory index and leaves none held */
	for (size_t a = 0; a < NART; a += 397) {
		struct related *x, *y;
		size_t nx = related_compute_with(&c, &ti, &mem, a, 20, &x);
		size_t ny = related_compute_with(&c, &ti, &si, a, 20, &y);
		assert_true(ny > 0);
		assert_true(mapped_kb(file) <= 16);
		same(x, nx, y, ny); /* its terms, borrowed from the mapping, read back */
		related_free(x, nx);
		related_free(y, ny);
	}
	unlink(file);
	simindex_free(&si);
	simindex_free(&mem);
	tagindex_free(&ti);
	collection_free(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lists_let_go),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

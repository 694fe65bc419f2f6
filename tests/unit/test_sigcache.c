/* SPDX-License-Identifier: MIT
 * The lazy signature cache (core/find/sigcache.h): a load signs nothing;
 * signing on demand gives what signing each body directly gives; a second
 * run takes every signature from the file; an edited article, a missing
 * file, a damaged file and a record with a right checksum but bad terms
 * are each signed again, and the file is rewritten. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/base/fsutil.h"
#include "core/base/hash.h"
#include "core/base/util.h"
#include "core/collection/dossier.h"
#include "core/find/related.h"
#include "core/find/sigcache.h"
#include "core/find/similar.h"
#include "tests/unit/testfiles.h"

static char tmpdir[64], root[128];

/* Our own texts: curly quotes, dashes, accents, a combining mark, CJK and
 * an emoji, long enough for a sketch. */
static const char *const files[][2] = {
	{"harbour.md", "---\ntitle: Dockers\xe2\x80\x99 strike\n---\nThe harbour strike entered its second "
		       "day \xe2\x80\x94 container ships waited off the breakwater while the union and the port "
		       "authority met again. Cranes stood still; the caf\xc3\xa9 by gate four stayed open.\n"},
	{"talks.md", "---\ntitle: Harbour talks resume\n---\nTalks between the dockers\xe2\x80\x99 union "
		     "and the port authority resumed on the quay; container ships still waited and the cranes "
		     "stood still by the breakwater. \xf0\x9f\x9a\xa2\n"},
	{"frost.md", "---\ntitle: Orchard frost\n---\nA late frost caught the apple orchards in bloom; "
		     "growers lit candles between the rows and the cooperative counted the loss. Cre\xcc\x80me "
		     "of the valley, they said.\n"},
	{"tokyo.md", "---\ntitle: \xe6\x9d\xb1\xe4\xba\xac\xe3\x81\xae\xe6\xb8\xaf\n---\n\xe6\x9d\xb1\xe4\xba"
		     "\xac\xe3\x81\xae\xe6\xb8\xaf\xe3\x81\xa7 container ships and cranes at the harbour; the "
		     "port authority spoke of the union\xe2\x80\x99s strike abroad.\n"},
};
#define NFILES (sizeof files / sizeof *files)

static int setup(void **st)
{
	(void)st;
	strcpy(tmpdir, "/tmp/dossier-sigcache.XXXXXX");
	testfiles_collection_dir(tmpdir, root, sizeof root);
	for (size_t i = 0; i < NFILES; i++) testfiles_write(root, files[i][0], files[i][1], strlen(files[i][1]));
	return 0;
}

static int teardown(void **st)
{
	(void)st;
	testfiles_remove(tmpdir);
	return 0;
}

static void assert_sig_equal(const struct simsig *a, const struct simsig *b)
{
	assert_non_null(a);
	assert_non_null(b);
	assert_int_equal(a->nterms, b->nterms);
	assert_memory_equal(a->tf, b->tf, a->nterms * sizeof *a->tf);
	assert_int_equal(a->terms_len, b->terms_len);
	if (a->terms_len) assert_memory_equal(a->terms, b->terms, a->terms_len);
	assert_int_equal(a->nshingles, b->nshingles);
	assert_memory_equal(a->minhash, b->minhash, sizeof a->minhash);
}

/* Each article's signature straight from its body, as the load once made it. */
static struct simsig *eager(const struct article *a)
{
	size_t len = 0;
	char *body = article_body_read(a, &len, NULL);
	struct simsig *s = simsig_of_body(a, body, len);
	free(body);
	return s;
}

static void open_signed(struct dossier *d, struct sigcache_stats *st)
{
	assert_int_equal(dossier_open(d, root, NULL, NULL, NULL, NULL), 0);
	assert_int_equal(d->coll.n, NFILES);
	for (size_t i = 0; i < d->coll.n; i++) assert_null(d->coll.items[i].sig); /* the load signs nothing */
	dossier_sign(d, true, st);
	assert_true(sigcache_complete(&d->coll));
	assert_true(d->sim.built);
}

static char *sig_file(void)
{
	char *f = sigcache_file(root);
	assert_non_null(f);
	return f;
}

static void test_lazy_equals_eager(void **st)
{
	(void)st;
	char *f = sig_file();
	unlink(f);
	struct dossier d;
	struct sigcache_stats s;
	open_signed(&d, &s);
	assert_int_equal(s.made, NFILES);
	assert_int_equal(s.taken, 0);
	assert_true(s.written);
	for (size_t i = 0; i < d.coll.n; i++) {
		struct simsig *e = eager(&d.coll.items[i]);
		assert_sig_equal(d.coll.items[i].sig, e);
		simsig_free(e);
	}
	/* taken from the file: the same signatures, the same related list */
	struct dossier w;
	open_signed(&w, &s);
	assert_int_equal(s.taken, NFILES);
	assert_int_equal(s.made, 0);
	assert_false(s.written);
	for (size_t i = 0; i < d.coll.n; i++) assert_sig_equal(w.coll.items[i].sig, d.coll.items[i].sig);
	struct related *r1, *r2;
	long h = collection_find(&d.coll, "harbour");
	assert_true(h >= 0);
	size_t n1 = related_compute_with(&d.coll, &d.tags, &d.sim, (size_t)h, 5, &r1);
	size_t n2 = related_compute_with(&w.coll, &w.tags, &w.sim, (size_t)h, 5, &r2);
	assert_true(n1 > 0);
	assert_int_equal(n1, n2);
	for (size_t i = 0; i < n1; i++) {
		assert_int_equal(r1[i].art, r2[i].art);
		assert_true(r1[i].score == r2[i].score);
	}
	related_free(r1, n1);
	related_free(r2, n2);
	dossier_close(&w);
	dossier_close(&d);
	free(f);
}

static void test_stale_after_edit(void **st)
{
	(void)st;
	struct dossier d;
	struct sigcache_stats s;
	open_signed(&d, &s); /* the file is up to date */
	dossier_close(&d);
	const char *edited = "---\ntitle: Orchard frost\n---\nA late frost; the beekeepers moved their "
			     "hives to the glasshouses.\n";
	testfiles_write(root, "frost.md", edited, strlen(edited));
	open_signed(&d, &s);
	assert_int_equal(s.taken, NFILES - 1);
	assert_int_equal(s.made, 1);
	assert_true(s.written);
	long a = collection_find(&d.coll, "frost");
	assert_true(a >= 0);
	const struct simsig *sig = d.coll.items[a].sig;
	bool found = false;
	for (size_t i = 0; i < sig->nterms; i++) found |= strcmp(simsig_term(sig, i), "beekeepers") == 0;
	assert_true(found);
	struct simsig *e = eager(&d.coll.items[a]);
	assert_sig_equal(sig, e);
	simsig_free(e);
	dossier_close(&d);
	/* and taken again next time */
	open_signed(&d, &s);
	assert_int_equal(s.taken, NFILES);
	dossier_close(&d);
}

static void test_missing_file(void **st)
{
	(void)st;
	char *f = sig_file();
	assert_int_equal(unlink(f), 0);
	struct dossier d;
	struct sigcache_stats s;
	open_signed(&d, &s);
	assert_int_equal(s.made, NFILES);
	assert_false(s.damaged);
	assert_true(s.written);
	dossier_close(&d);
	free(f);
}

/* A damaged file is ignored (everything signed again) and rewritten. */
static void check_rebuilt(void)
{
	struct dossier d;
	struct sigcache_stats s;
	open_signed(&d, &s);
	assert_true(s.damaged);
	assert_int_equal(s.taken, 0);
	assert_int_equal(s.made, NFILES);
	assert_true(s.written);
	for (size_t i = 0; i < d.coll.n; i++) {
		struct simsig *e = eager(&d.coll.items[i]);
		assert_sig_equal(d.coll.items[i].sig, e);
		simsig_free(e);
	}
	dossier_close(&d);
	open_signed(&d, &s);
	assert_false(s.damaged);
	assert_int_equal(s.taken, NFILES);
	dossier_close(&d);
}

static void test_damaged_file(void **st)
{
	(void)st;
	char *f = sig_file();
	struct dossier d;
	open_signed(&d, NULL);
	dossier_close(&d);
	size_t len;
	unsigned char *buf = testfiles_slurp(f, &len);
	assert_true(len > 100);
	/* a byte flipped in the middle: the checksum no longer matches */
	buf[len / 2] ^= 0x5a;
	FILE *fp = fopen(f, "wb");
	fwrite(buf, 1, len, fp);
	fclose(fp);
	check_rebuilt();
	/* cut short */
	free(buf);
	buf = testfiles_slurp(f, &len);
	fp = fopen(f, "wb");
	fwrite(buf, 1, len - 7, fp);
	fclose(fp);
	check_rebuilt();
	/* not a signature file at all */
	fp = fopen(f, "wb");
	fputs("garbage \xe2\x80\x94 not ours\n", fp);
	fclose(fp);
	check_rebuilt();
	free(buf);
	free(f);
}

/* A record whose checksum is right (recomputed) but whose terms hold one
 * NUL too many is refused when taken: that article is signed again. */
static void test_bad_record_resigned(void **st)
{
	(void)st;
	char *f = sig_file();
	struct dossier d;
	open_signed(&d, NULL);
	long a = collection_find(&d.coll, "harbour");
	assert_true(a >= 0);
	const struct simsig *sig = d.coll.items[a].sig;
	assert_true(sig->terms_len > 4);
	size_t len;
	unsigned char *buf = testfiles_slurp(f, &len);
	unsigned char *p = memmem(buf + 40, len - 40, sig->terms, sig->terms_len);
	assert_non_null(p);
	p[1] = '\0';
	uint64_t sum = hash_bytes(buf + 40, len - 40, 13);
	memcpy(buf + 32, &sum, 8);
	FILE *fp = fopen(f, "wb");
	fwrite(buf, 1, len, fp);
	fclose(fp);
	dossier_close(&d);
	struct sigcache_stats s;
	open_signed(&d, &s);
	assert_false(s.damaged);
	assert_int_equal(s.taken, NFILES - 1);
	assert_int_equal(s.made, 1);
	assert_true(s.written);
	struct simsig *e = eager(&d.coll.items[a]);
	assert_sig_equal(d.coll.items[a].sig, e);
	simsig_free(e);
	dossier_close(&d);
	free(buf);
	free(f);
}

/* Every signature read back one at a time (any order) is the body's own. */
static void assert_reads_back(const struct collection *c, const char *f)
{
	struct sigcache_reader *r = sigcache_reader_open(c, f, NULL);
	assert_true(sigcache_reader_file(r, f));
	for (size_t k = 0; k < c->n; k++) {
		size_t i = c->n - 1 - k;
		const struct simsig *got;
		assert_true(sigcache_reader_next(r, i, &got));
		struct simsig *e = eager(&c->items[i]);
		assert_sig_equal(got, e);
		simsig_free(e);
	}
	sigcache_reader_close(r);
}

/* Streamed: no signature kept, the file written as the records are made
 * and read back from it; an edit after the first article (the records
 * before it copied from the old file) and a file that cannot be written
 * (not current: never read back as if it were). */
static void test_streamed(void **st)
{
	(void)st;
	char *f = sig_file();
	unlink(f);
	struct dossier d;
	assert_int_equal(dossier_open(&d, root, NULL, NULL, NULL, NULL), 0);
	struct sigcache_stats s;
	assert_int_equal(sigcache_compute(&d.coll, f, NULL, NULL, NULL, NULL, &s), 0);
	assert_true(s.written);
	assert_true(s.current);
	assert_int_equal(s.made, NFILES);
	assert_false(sigcache_complete(&d.coll)); /* none kept */
	assert_reads_back(&d.coll, f);
	size_t len1, len2;
	char *before = NULL, *after = NULL;
	assert_int_equal(fsutil_read_file(f, 1 << 20, &before, &len1), 0);
	assert_int_equal(sigcache_compute(&d.coll, f, NULL, NULL, NULL, NULL, &s), 0);
	assert_false(s.written); /* nothing changed */
	assert_true(s.current);
	assert_int_equal(s.taken, NFILES);
	dossier_close(&d);
	/* the last article by id edited: the others' records copied */
	long last = -1;
	assert_int_equal(dossier_open(&d, root, NULL, NULL, NULL, NULL), 0);
	last = (long)d.coll.n - 1;
	char *name = xstrdup(d.coll.items[last].path + strlen(root) + 1);
	dossier_close(&d);
	const char *edited = "---\ntitle: Harbour cranes \xe2\x80\x94 repaired\n---\nThe cranes at "
			     "gate four were repaired overnight; caf\xc3\xa9 owners cheered the dockers.\n";
	testfiles_write(root, name, edited, strlen(edited));
	assert_int_equal(dossier_open(&d, root, NULL, NULL, NULL, NULL), 0);
	assert_int_equal(sigcache_compute(&d.coll, f, NULL, NULL, NULL, NULL, &s), 0);
	assert_true(s.written);
	assert_int_equal(s.made, 1);
	assert_reads_back(&d.coll, f);
	assert_int_equal(sigcache_compute(&d.coll, f, NULL, NULL, NULL, NULL, &s), 0);
	assert_false(s.written); /* the copied records hold as they are */
	assert_int_equal(s.taken, NFILES);
	dossier_close(&d);
	/* the file cannot be replaced: not current */
	const char *again = "---\ntitle: Cranes idle again\n---\nIdle cranes, idle ships, Zo\xc3\xab says.\n";
	testfiles_write(root, name, again, strlen(again));
	assert_int_equal(dossier_open(&d, root, NULL, NULL, NULL, NULL), 0);
	fsutil_test_fail_at("rename");
	assert_int_equal(sigcache_compute(&d.coll, f, NULL, NULL, NULL, NULL, &s), 0);
	fsutil_test_fail_at(NULL);
	assert_false(s.written);
	assert_false(s.current);
	assert_int_equal(fsutil_read_file(f, 1 << 20, &after, &len2), 0);
	assert_true(len2 > 0);
	dossier_close(&d);
	free(before);
	free(after);
	free(name);
	free(f);
}

/* The file changed in place under a reader (after it was read, before a
 * record is taken again): every byte of the records overwritten, each
 * signature read back is still the body's own: a record whose path no
 * longer holds is signed again, never read out of bounds. */
static void test_changed_under_reader(void **st)
{
	(void)st;
	char *f = sig_file();
	unlink(f);
	struct dossier d;
	assert_int_equal(dossier_open(&d, root, NULL, NULL, NULL, NULL), 0);
	struct sigcache_stats s;
	assert_int_equal(sigcache_compute(&d.coll, f, NULL, NULL, NULL, NULL, &s), 0);
	assert_true(s.current);
	const unsigned char junk[][4] = {{0xff, 0xff, 0xff, 0x7f}, {0, 0, 0, 0}, {'x', 'x', 'x', 'x'}};
	for (size_t j = 0; j < sizeof junk / sizeof *junk; j++) {
		struct sigcache_reader *r = sigcache_reader_open(&d.coll, f, NULL);
		FILE *w = fopen(f, "r+b");
		assert_non_null(w);
		fseek(w, 0, SEEK_END);
		long len = ftell(w);
		for (long at = 40; at + 4 <= len; at += 4) { /* past the header */
			fseek(w, at, SEEK_SET);
			fwrite(junk[j], 1, 4, w);
		}
		fclose(w);
		for (size_t i = 0; i < d.coll.n; i++) {
			const struct simsig *got;
			assert_true(sigcache_reader_next(r, i, &got));
			struct simsig *e = eager(&d.coll.items[i]);
			assert_sig_equal(got, e);
			simsig_free(e);
		}
		sigcache_reader_close(r);
		unlink(f);
		assert_int_equal(sigcache_compute(&d.coll, f, NULL, NULL, NULL, NULL, &s), 0);
	}
	dossier_close(&d);
	free(f);
}

/* A cancelled job leaves the articles alone and writes nothing. */
static void test_cancel(void **st)
{
	(void)st;
	char *f = sig_file();
	unlink(f);
	struct dossier d;
	assert_int_equal(dossier_open(&d, root, NULL, NULL, NULL, NULL), 0);
	struct simsig **out = calloc(d.coll.n + 1, sizeof *out);
	atomic_int cancel = 1;
	struct sigcache_stats s;
	assert_int_equal(sigcache_compute(&d.coll, f, out, &cancel, NULL, NULL, &s), -2);
	assert_false(s.written);
	assert_int_equal(access(f, F_OK), -1);
	sigcache_drop(out, d.coll.n);
	free(out);
	assert_false(sigcache_complete(&d.coll));
	dossier_close(&d);
	free(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lazy_equals_eager),
		cmocka_unit_test(test_stale_after_edit),
		cmocka_unit_test(test_missing_file),
		cmocka_unit_test(test_damaged_file),
		cmocka_unit_test(test_bad_record_resigned),
		cmocka_unit_test(test_cancel),
		cmocka_unit_test(test_streamed),
		cmocka_unit_test(test_changed_under_reader),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}

/* SPDX-License-Identifier: MIT
 * Shared by the unit tests that build a collection on disk and compare
 * loads: writing fixture files, removing the temporary folder, and one
 * text dump of everything a load produced, so that "cold = warm = one
 * thread = four threads" is checked on every field the same way.
 * Include after <cmocka.h>. */
#ifndef DOSSIER_TESTS_TESTFILES_H
#define DOSSIER_TESTS_TESTFILES_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <stdint.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/collection/collection.h"
#include "core/meta/fieldmap.h"
#include "core/meta/metacache.h"
#include "core/meta/metaindex.h"
#include "core/base/diag.h"
#include "core/base/fsutil.h"
#include "core/base/strbuf.h"
#include "core/base/xdg.h"

/* root/rel with len bytes of text; the folders on the way are made. */
static inline void testfiles_write(const char *root, const char *rel, const char *text,
				   size_t len)
{
	char path[512];
	snprintf(path, sizeof path, "%s/%s", root, rel);
	for (char *s = path + strlen(root) + 1; (s = strchr(s, '/')); s++) {
		*s = '\0';
		mkdir(path, 0700);
		*s = '/';
	}
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	fwrite(text, 1, len, f);
	fclose(f);
}

/* testfiles_write to a new file in place of the old one: for a file
 * written again and again, as ext4 writes out a file truncated and
 * written again when it is closed (3-4 ms each). Not for an edit in place:
 * the unlink changes the folder's time and the file's inode. */
static inline void testfiles_replace(const char *root, const char *rel, const char *text,
				     size_t len)
{
	char path[512];
	snprintf(path, sizeof path, "%s/%s", root, rel);
	unlink(path);
	testfiles_write(root, rel, text, len);
}

/* The whole of path (a cache file, say), NUL-terminated; freed by the
 * caller. */
static inline unsigned char *testfiles_slurp(const char *path, size_t *len)
{
	char *d = NULL;
	assert_int_equal(fsutil_read_file(path, 0, &d, len), 0);
	return (unsigned char *)d;
}

/* len bytes of b as path, a new file each time (see testfiles_replace):
 * the damaged-cache loops write thousands. */
static inline void testfiles_spit(const char *path, const unsigned char *b, size_t len)
{
	unlink(path);
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(b, 1, len, f), len);
	fclose(f);
}

/* root/rel's times an hour back: a folder changed within the scan's
 * clock tick is not trusted, so a test ages the folders it means to be
 * trusted. */
static inline void testfiles_age(const char *root, const char *rel)
{
	char p[512];
	snprintf(p, sizeof p, "%s/%s", root, rel);
	struct timespec ts[2] = {{time(NULL) - 3600, 0}, {time(NULL) - 3600, 0}};
	assert_int_equal(utimensat(AT_FDCWD, p, ts, 0), 0);
}

/* The byte at offset at of file xor mask, in place (a record damaged
 * where it lies, the rest of the file as it was). */
static inline void testfiles_flip(const char *file, uint64_t at, unsigned char mask)
{
	int fd = open(file, O_RDWR);
	assert_true(fd >= 0);
	unsigned char b;
	assert_int_equal(pread(fd, &b, 1, (off_t)at), 1);
	b ^= mask;
	assert_int_equal(pwrite(fd, &b, 1, (off_t)at), 1);
	close(fd);
}

/* root's lean index (default fields, no vocabulary) with the given bound
 * on the last full check's age; NULL when it does not open. */
static inline struct metaindex *testfiles_open_index(const char *root, int check_every)
{
	struct fieldmap def;
	fieldmap_init_default(&def);
	struct metaindex *mx = metaindex_open(root, &def, 0, check_every);
	fieldmap_free(&def);
	return mx;
}

/* One byte in the middle of article id's record in root's cache file
 * xor mask; mx (open on that file) is closed first, so the damage is
 * seen by the next open, whose tail check still passes. */
static inline void testfiles_flip_record(const char *root, struct metaindex *mx, size_t id,
					 unsigned char mask)
{
	uint64_t off, len, sum;
	assert_true(metaindex_record(mx, id, &off, &len, &sum));
	metaindex_close(mx);
	char *file = xdg_collection_file(XDG_BASE_CACHE, root, ".meta");
	testfiles_flip(file, off + len / 2, mask);
	free(file);
}

/* A fresh folder from tmpl ("/tmp/dossier-NAME.XXXXXX", rewritten in
 * place) with the cache under it (XDG_CACHE_HOME) and an empty collection
 * folder root = TMPDIR/news. */
static inline void testfiles_collection_dir(char *tmpl, char *root, size_t rootsz)
{
	assert_non_null(mkdtemp(tmpl));
	char cache[256];
	snprintf(cache, sizeof cache, "%s/cache", tmpl);
	setenv("XDG_CACHE_HOME", cache, 1);
	snprintf(root, rootsz, "%s/news", tmpl);
	mkdir(root, 0700);
}

static inline void testfiles_remove(const char *dir)
{
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
}

static inline void testfiles_add_list(struct strbuf *sb, const char *name,
				      const struct strlist *l)
{
	strbuf_addf(sb, " %s[", name);
	for (size_t i = 0; i < l->n; i++) strbuf_addf(sb, "%s;", l->v[i]);
	strbuf_addc(sb, ']');
}

/* Every article field and every diagnostic, in order, as text (owned). */
static inline char *testfiles_dump(const struct collection *c, const struct diag_list *dl)
{
	struct strbuf sb = STRBUF_INIT;
	for (size_t i = 0; i < c->n; i++) {
		const struct article *a = &c->items[i];
		strbuf_addf(&sb, "%s|%s|%s|%s|%s|%s|%s", a->id, a->path, a->title,
			    a->source ? a->source : "-", a->url ? a->url : "-",
			    a->summary ? a->summary : "-", a->lang ? a->lang : "-");
		testfiles_add_list(&sb, "au", &a->authors);
		testfiles_add_list(&sb, "tags", &a->tags);
		testfiles_add_list(&sb, "der", &a->derived);
		for (size_t k = 0; k < a->nextra; k++)
			strbuf_addf(&sb, " %s=%s", a->extra[k].key, a->extra[k].value);
		strbuf_addf(&sb, " d%d m%d f%u off%llu line%d size%lld\n", a->date, (int)a->meta,
			    a->flags, (unsigned long long)a->body_off, a->body_line, (long long)a->size);
	}
	for (size_t i = 0; i < dl->n; i++) {
		char *s = diag_format(&dl->items[i]);
		strbuf_addf(&sb, "diag %s\n", s);
		free(s);
	}
	return strbuf_steal(&sb);
}

/* How testfiles_load_with loads: through the cache file cachefile
 * (NULL: no cache), with fm (NULL: default fields), no vocabulary. */
struct testfiles_load {
	const char *root, *cachefile;
	const struct fieldmap *fm;
	void (*each)(void *ctx, struct article *a, const char *body, size_t len);
	int check_every; /* as collection_load_opts */
	int64_t swept;   /* non-zero: recorded as the last full check's time */
	struct metacache_stats *st; /* out, may be NULL */
	char **note;                /* out: the cache's open note, may be NULL */
};

/* One load as described, the cache saved after it: the load's dump
 * (testfiles_dump; caller frees). */
static inline char *testfiles_load_with(const struct testfiles_load *l)
{
	struct fieldmap def;
	fieldmap_init_default(&def);
	const struct fieldmap *fm = l->fm ? l->fm : &def;
	struct metacache *mc =
		l->cachefile ? metacache_open_file(l->cachefile, l->root, fm, 0, l->note) : NULL;
	struct collection c;
	struct diag_list dl = DIAG_LIST_INIT;
	struct collection_load_opts o = {.each = l->each, .cache = mc, .check_every = l->check_every};
	assert_int_equal(collection_load_with_opts(&c, l->root, fm, &dl, &o), 0);
	if (mc) {
		if (l->swept) metacache_set_swept(mc, l->swept);
		assert_int_equal(metacache_save(mc), 0);
		if (l->st) *l->st = metacache_stats(mc);
		metacache_close(mc);
	}
	char *d = testfiles_dump(&c, &dl);
	collection_free(&c);
	diag_list_free(&dl);
	fieldmap_free(&def);
	return d;
}

/* root loaded through the cache file cachefile, defaults otherwise. */
static inline char *testfiles_load_cached(const char *root, const char *cachefile)
{
	return testfiles_load_with(&(struct testfiles_load){.root = root, .cachefile = cachefile});
}

#endif

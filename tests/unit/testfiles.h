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
#include <sys/stat.h>
#include <unistd.h>

#include "core/collection/collection.h"
#include "core/meta/fieldmap.h"
#include "core/meta/metacache.h"
#include "core/base/diag.h"
#include "core/base/strbuf.h"

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

/* root loaded through the metadata cache file cachefile (default fields,
 * no vocabulary), which is saved when it changed: the load's dump
 * (testfiles_dump; caller frees). */
static inline char *testfiles_load_cached(const char *root, const char *cachefile)
{
	struct fieldmap def;
	fieldmap_init_default(&def);
	struct metacache *mc = metacache_open_file(cachefile, root, &def, 0, NULL);
	struct collection c;
	struct diag_list dl = DIAG_LIST_INIT;
	struct collection_load_opts o = {.cache = mc};
	assert_int_equal(collection_load_with_opts(&c, root, &def, &dl, &o), 0);
	assert_int_equal(metacache_save(mc), 0);
	metacache_close(mc);
	char *d = testfiles_dump(&c, &dl);
	collection_free(&c);
	diag_list_free(&dl);
	fieldmap_free(&def);
	return d;
}

#endif

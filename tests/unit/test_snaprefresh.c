/* SPDX-License-Identifier: MIT
 * A warm start's refresh (a snapshot from the cache, then the folder read
 * on the background thread): when nothing changed it must decode nothing
 * again and keep the cache whole; when anything changed (an edit, a new,
 * removed or renamed file, a new folder) its result must be a fresh load's. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/collection/bgload.h"
#include "core/collection/dossier.h"
#include "core/meta/metacache.h"
#include "core/meta/metaindex.h"
#include "tests/unit/testfiles.h"

static char tmpdir[64];
static char root[160];

#define WRITE(rel, lit) testfiles_write(root, rel, lit, sizeof(lit) - 1)

static int setup(void **st)
{
	(void)st;
	strcpy(tmpdir, "/tmp/dossier-snap.XXXXXX");
	testfiles_collection_dir(tmpdir, root, sizeof root);
	WRITE("a.md", "---\ntitle: “Alpha” — café\ndate: 2024-06-20\ntags: [Energy, grid/north]\n"
		      "authors: [Zoë, 王伟]\neditor: Quist\nsource: Wire\n---\nBody of alpha.\n");
	WRITE("b.md", "No metadata here\n\nJust text with e\xcc\x81 and 🚢.\n");
	WRITE("c.md", "Sidecar body\n");
	WRITE("c.yaml", "title: Gamma\ntags: [x/y]\n");
	WRITE("bad/date.md", "---\ntitle: Dated\ndate: 2024-13-45\n---\nbody\n");
	WRITE("dup.md", "one\n");
	WRITE("dup.txt", "two\n");
	char target[256], link[256];
	snprintf(target, sizeof target, "%s/a.md", root);
	snprintf(link, sizeof link, "%s/link.md", root);
	assert_int_equal(symlink(target, link), 0); /* a problem of the scan's own */
	return 0;
}

static int teardown(void **st)
{
	(void)st;
	testfiles_remove(tmpdir);
	unsetenv("XDG_CACHE_HOME");
	return 0;
}

/* The dump of a load without the cache: what every refresh must equal. */
static char *fresh_dump(void)
{
	const struct dossier_open_opts nc = {.use_cache = false};
	struct dossier d;
	assert_int_equal(dossier_open_with(&d, root, &nc), 0);
	char *x = testfiles_dump(&d.coll, &d.diags);
	dossier_close(&d);
	return x;
}

/* A snapshot, then its refresh on the background thread as the reader
 * runs it; returns what the reader shows after it (the dump) and whether
 * the refresh found the snapshot standing. */
static char *snapshot_then_refresh(int check_every, bool *same)
{
	struct dossier_open_opts o = {.use_cache = true, .check_every = check_every};
	struct dossier snap, nd;
	struct metacache *mc;
	assert_int_equal(dossier_open_snapshot(&snap, root, &o, &mc), 0);
	o.snapshot = &snap;
	o.same = same;
	*same = true; /* the load says */
	struct bgload *b = bgload_start(root, &o, mc);
	assert_int_equal(bgload_finish(b, &nd, false), 0);
	char *x;
	if (*same) {
		assert_int_equal(nd.coll.n, 0); /* no second collection */
		/* the scan's problems, then the articles' own (tui/load.c) */
		diag_list_move(&nd.diags, &snap.diags);
		x = testfiles_dump(&snap.coll, &nd.diags);
	} else {
		x = testfiles_dump(&nd.coll, &nd.diags);
	}
	dossier_close(&snap);
	dossier_close(&nd);
	return x;
}

/* Nothing changed: nothing decoded again, the same answer as a fresh load,
 * and the cache saved from the snapshot serves the next start and the
 * lean index (the CLI's warm queries) as before. */
static void test_unchanged(void **st)
{
	(void)st;
	const struct dossier_open_opts o = {.use_cache = true};
	struct dossier d;
	assert_int_equal(dossier_open_with(&d, root, &o), 0); /* writes the cache */
	dossier_close(&d);
	char *want = fresh_dump();
	for (int round = 0; round < 2; round++) {
		bool same = false;
		/* round 0: every file stat-ed (and the sweep time saved);
		 * round 1: folders vouch for their files */
		char *got = snapshot_then_refresh(round ? 3600 : 0, &same);
		assert_true(same);
		assert_string_equal(want, got);
		free(got);
	}
	struct dossier snap;
	struct metacache *mc;
	assert_int_equal(dossier_open_snapshot(&snap, root, &o, &mc), 0);
	assert_int_equal(snap.coll.n, 6);
	metacache_close(mc);
	dossier_close(&snap);
	free(want);
}

/* Folders last changed an hour ago: trusted by the scan. */
static void age(const char *rel)
{
	char p[512];
	snprintf(p, sizeof p, "%s/%s", root, rel);
	struct timespec ts[2] = {{time(NULL) - 3600, 0}, {time(NULL) - 3600, 0}};
	assert_int_equal(utimensat(AT_FDCWD, p, ts, AT_SYMLINK_NOFOLLOW), 0);
}

/* The cache a standing snapshot saves keeps its lean index: the CLI's
 * warm queries still answer from it (no folder may say anything, or it
 * is not trusted, and no id may differ from its file's stem: the symbolic
 * link and the second "dup" go first). */
static void test_unchanged_keeps_index(void **st)
{
	(void)st;
	char p[512];
	snprintf(p, sizeof p, "%s/link.md", root);
	assert_int_equal(unlink(p), 0);
	snprintf(p, sizeof p, "%s/dup.txt", root); /* an id not its path's stem: no index */
	assert_int_equal(unlink(p), 0);
	age("");
	age("bad");
	const struct dossier_open_opts o = {.use_cache = true};
	struct dossier d;
	assert_int_equal(dossier_open_with(&d, root, &o), 0);
	dossier_close(&d);
	/* a file that is no article: the root folder changes, so the cache is
	 * saved again (from the snapshot), the articles do not */
	WRITE("photo.png", "\x89PNG");
	age("");
	bool same = false;
	char *got = snapshot_then_refresh(0, &same);
	assert_true(same);
	free(got);
	struct fieldmap def;
	fieldmap_init_default(&def);
	struct metaindex *mi = metaindex_open(root, &def, 0, 3600);
	assert_non_null(mi);
	assert_int_equal(metaindex_count(mi), 5);
	metaindex_close(mi);
	fieldmap_free(&def);
}

static void path_of(char *buf, size_t cap, const char *rel)
{
	snprintf(buf, cap, "%s/%s", root, rel);
}

/* Each kind of change, with a warm cache before it: the refresh gives a
 * full result equal to a fresh load's. */
static void test_changed(void **st)
{
	(void)st;
	const struct dossier_open_opts o = {.use_cache = true};
	char p[512], q[512];
	for (int kind = 0; kind < 5; kind++) {
		struct dossier d;
		assert_int_equal(dossier_open_with(&d, root, &o), 0); /* warm */
		dossier_close(&d);
		switch (kind) {
		case 0: WRITE("a.md", "---\ntitle: Alpha — retitled\n---\nEdited.\n"); break;
		case 1: WRITE("new.md", "---\ntitle: Newcomer ñ\n---\nNew.\n"); break;
		case 2:
			path_of(p, sizeof p, "b.md");
			assert_int_equal(unlink(p), 0);
			break;
		case 3:
			path_of(p, sizeof p, "c.md");
			path_of(q, sizeof q, "renamed.md");
			assert_int_equal(rename(p, q), 0);
			break;
		case 4: WRITE("later/x.md", "---\ntitle: 東京 report\ntags: [asia]\n---\nx\n"); break;
		}
		char *want = fresh_dump();
		bool same = true;
		char *got = snapshot_then_refresh(0, &same);
		assert_false(same);
		assert_string_equal(want, got);
		free(got);
		free(want);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_unchanged, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unchanged_keeps_index, setup, teardown),
		cmocka_unit_test_setup_teardown(test_changed, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

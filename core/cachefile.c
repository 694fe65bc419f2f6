/* SPDX-License-Identifier: MIT
 * Where the caches live and how they are written: one folder
 * ($XDG_CACHE_HOME/dossier), one file name per collection, atomic
 * replacement (core/fsutil underneath). Shared by the metadata cache and
 * the full-text index. */
#include "core/cachefile.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "core/fsutil.h"
#include "core/metacache.h"
#include "core/strbuf.h"
#include "core/util.h"

char *cachefile_dir(void) { return fsutil_cache_dir(); }

char *cachefile_abspath(const char *root) { return fsutil_abspath(root); }

char *cachefile_path(const char *root, const char *suffix)
{
	char *dir = cachefile_dir();
	if (!dir) return NULL;
	char *abs = cachefile_abspath(root);
	size_t n = strlen(abs);
	while (n > 1 && abs[n - 1] == '/') n--;
	size_t s = n;
	while (s > 0 && abs[s - 1] != '/') s--;
	struct strbuf sb = STRBUF_INIT;
	strbuf_addf(&sb, "%s/", dir);
	size_t slug = 0; /* the folder's name, made safe and short */
	for (size_t i = s; i < n && slug < 32; i++, slug++) {
		char c = abs[i];
		bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
			  c == '-' || c == '_';
		strbuf_addc(&sb, ok ? c : '_');
	}
	if (!slug) strbuf_adds(&sb, "root");
	strbuf_addf(&sb, "-%016llx%s", (unsigned long long)metacache_hash(abs, n, 7), suffix);
	free(abs);
	free(dir);
	return strbuf_steal(&sb);
}

void cachefile_mkdirs(const char *dir) { fsutil_mkdir_p(dir, 0700); }

/* A crash mid-save leaves a temp file; the next save clears such leftovers. */
int cachefile_write_atomic(const char *path, const char *data, size_t len)
{
	char *dir = fsutil_dirname(path);
	fsutil_mkdir_p(dir, 0700);
	free(dir);
	fsutil_clean_stale_temps(path);
	return fsutil_write_atomic(path, data, len, FSUTIL_PRIVATE, NULL);
}

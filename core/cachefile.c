/* SPDX-License-Identifier: MIT
 * Where the caches live and how they are written: one folder
 * ($XDG_CACHE_HOME/dossier), one file name per collection, atomic
 * replacement. Shared by the metadata cache and the full-text index.
 * (core/fsutil from the marks branch offers the same primitives; once it is
 * on main this module can delegate to it.) */
#include "core/cachefile.h"

#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/metacache.h"
#include "core/strbuf.h"
#include "core/util.h"


char *cachefile_dir(void)
{
	const char *x = getenv("XDG_CACHE_HOME");
	struct strbuf sb = STRBUF_INIT;
	if (x && x[0] == '/') {
		strbuf_adds(&sb, x);
	} else {
		const char *home = getenv("HOME");
		if (!home || home[0] != '/') return NULL;
		strbuf_adds(&sb, home);
		strbuf_adds(&sb, "/.cache");
	}
	strbuf_adds(&sb, "/dossier");
	return strbuf_steal(&sb);
}

char *cachefile_abspath(const char *root)
{
	char *r = realpath(root, NULL);
	if (r) return r;
	if (root[0] == '/') return xstrdup(root);
	char cwd[PATH_MAX];
	if (!getcwd(cwd, sizeof cwd)) return xstrdup(root);
	struct strbuf sb = STRBUF_INIT;
	strbuf_addf(&sb, "%s/%s", cwd, root);
	return strbuf_steal(&sb);
}

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

void cachefile_mkdirs(const char *dir)
{
	char *d = xstrdup(dir);
	for (char *p = d + 1; *p; p++) { /* mkdir -p, private */
		if (*p != '/') continue;
		*p = '\0';
		mkdir(d, 0700);
		*p = '/';
	}
	mkdir(d, 0700);
	free(d);
}

/* temp + fsync + rename in the cache folder: readers (another dossier
 * starting at the same moment) see the whole old file or the whole new. */
int cachefile_write_atomic(const char *path, const char *data, size_t len)
{
	char *dir = xstrdup(path);
	char *slash = strrchr(dir, '/');
	if (slash && slash != dir) {
		*slash = '\0';
		cachefile_mkdirs(dir);
	}
	free(dir);
	struct strbuf tmp = STRBUF_INIT;
	strbuf_addf(&tmp, "%s.XXXXXX", path);
	int fd = mkstemp(tmp.buf);
	if (fd < 0) {
		int e = errno;
		strbuf_free(&tmp);
		return e;
	}
	int err = 0;
	size_t done = 0;
	while (done < len && !err) {
		ssize_t w = write(fd, data + done, len - done);
		if (w < 0 && errno == EINTR) continue;
		if (w <= 0) err = w < 0 ? errno : EIO;
		else done += (size_t)w;
	}
	if (!err && fsync(fd) < 0) err = errno;
	if (close(fd) < 0 && !err) err = errno;
	if (!err && rename(tmp.buf, path) < 0) err = errno;
	if (err) unlink(tmp.buf);
	strbuf_free(&tmp);
	return err;
}

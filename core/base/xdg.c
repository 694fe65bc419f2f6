/* SPDX-License-Identifier: MIT
 * The XDG base-directory lookups and the per-collection file names; see
 * xdg.h. Every folder dossier writes to or reads its own files from is
 * found here, so the rules (relative values ignored, HOME fallbacks) are
 * the same everywhere. */
#include "core/base/xdg.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/base/fsutil.h"
#include "core/base/hash.h"
#include "core/base/strbuf.h"
#include "core/base/util.h"

static const struct {
	const char *var, *fallback;
} bases[] = {
	[XDG_BASE_CONFIG] = {"XDG_CONFIG_HOME", ".config"},
	[XDG_BASE_STATE] = {"XDG_STATE_HOME", ".local/state"},
	[XDG_BASE_CACHE] = {"XDG_CACHE_HOME", ".cache"},
};

char *xdg_dir(enum xdg_base base)
{
	const char *v = getenv(bases[base].var);
	struct strbuf sb = STRBUF_INIT;
	if (v && v[0] == '/') {
		strbuf_addf(&sb, "%s/dossier", v);
	} else {
		const char *home = getenv("HOME");
		if (!home || home[0] != '/') return NULL;
		strbuf_addf(&sb, "%s/%s/dossier", home, bases[base].fallback);
	}
	return strbuf_steal(&sb);
}

static bool exists(const char *path)
{
	struct stat st;
	return lstat(path, &st) == 0;
}

char *xdg_config_file(const char *name)
{
	char *dir = xdg_dir(XDG_BASE_CONFIG);
	struct strbuf sb = STRBUF_INIT;
	char *own = NULL;
	if (dir) {
		strbuf_addf(&sb, "%s/%s", dir, name);
		own = strbuf_steal(&sb);
		free(dir);
		if (exists(own)) return own;
	}
	const char *dirs = getenv("XDG_CONFIG_DIRS");
	if (!dirs || !*dirs) dirs = "/etc/xdg";
	for (const char *p = dirs; *p;) {
		size_t n = strcspn(p, ":");
		if (n && p[0] == '/') {
			strbuf_reset(&sb);
			strbuf_addf(&sb, "%.*s/dossier/%s", (int)n, p, name);
			if (exists(sb.buf)) {
				free(own);
				return strbuf_steal(&sb);
			}
		}
		p += n + (p[n] == ':');
	}
	strbuf_free(&sb);
	return own;
}

char *xdg_collection_file(enum xdg_base base, const char *root, const char *suffix)
{
	char *dir = xdg_dir(base);
	if (!dir) return NULL;
	char *abs = fsutil_abspath(root);
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
	strbuf_addf(&sb, "-%016llx%s", (unsigned long long)hash_bytes(abs, n, 7), suffix);
	free(abs);
	free(dir);
	return strbuf_steal(&sb);
}

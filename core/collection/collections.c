/* SPDX-License-Identifier: MIT
 * The table of named collections and the name-or-folder rule, kept out of
 * the config reader and main() so both the CLI and the reader share it. */
#include "core/collection/collections.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/base/util.h"

bool collections_name_ok(const char *name)
{
	size_t n = strlen(name);
	if (n == 0 || n > 64 || name[0] == '-') return false;
	for (size_t i = 0; i < n; i++) {
		char ch = name[i];
		if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
		      ch == '.' || ch == '_' || ch == '-'))
			return false;
	}
	return true;
}

void collections_set(struct collections *c, const char *name, const char *path)
{
	for (size_t i = 0; i < c->n; i++) {
		if (strcmp(c->v[i].name, name) == 0) {
			free(c->v[i].path);
			c->v[i].path = xstrdup(path);
			return;
		}
	}
	c->v = xrealloc(c->v, (c->n + 1) * sizeof *c->v);
	c->v[c->n++] = (struct collection_entry){xstrdup(name), xstrdup(path)};
}

const char *collections_find(const struct collections *c, const char *name)
{
	for (size_t i = 0; c && i < c->n; i++)
		if (strcmp(c->v[i].name, name) == 0) return c->v[i].path;
	return NULL;
}

const char *collections_resolve(const struct collections *c, const char *arg)
{
	struct stat st;
	if (stat(arg, &st) == 0 && S_ISDIR(st.st_mode)) return arg;
	const char *p = collections_find(c, arg);
	return p ? p : arg;
}

void collections_free(struct collections *c)
{
	for (size_t i = 0; i < c->n; i++) {
		free(c->v[i].name);
		free(c->v[i].path);
	}
	free(c->v);
	*c = (struct collections){0};
}

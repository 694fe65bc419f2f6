/* SPDX-License-Identifier: MIT
 * Article lifetime, string lists, and reading a body on demand. */
#include "core/meta/article.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/base/util.h"
#include "core/find/similar.h"

void strlist_push_own(struct strlist *l, char *s)
{
	ARRAY_RESERVE(l->v, l->cap, l->n + 1);
	l->v[l->n++] = s;
}

void strlist_push(struct strlist *l, const char *s) { strlist_push_own(l, xstrdup(s)); }

bool strlist_has(const struct strlist *l, const char *s)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->v[i], s) == 0) return true;
	return false;
}

void strlist_free(struct strlist *l)
{
	for (size_t i = 0; i < l->n; i++) free(l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = l->cap = 0;
}

void article_free(struct article *a)
{
	free(a->id);
	free(a->path);
	free(a->title);
	free(a->source);
	free(a->url);
	free(a->summary);
	free(a->lang);
	strlist_free(&a->authors);
	strlist_free(&a->tags);
	strlist_free(&a->derived);
	simsig_free(a->sig);
	for (size_t i = 0; i < a->nextra; i++) {
		free(a->extra[i].key);
		free(a->extra[i].value);
	}
	free(a->extra);
	memset(a, 0, sizeof *a);
}

void article_set_extra(struct article *a, const char *key, const char *value)
{
	for (size_t i = 0; i < a->nextra; i++)
		if (strcmp(a->extra[i].key, key) == 0) return; /* first wins */
	ARRAY_RESERVE(a->extra, a->extra_cap, a->nextra + 1);
	a->extra[a->nextra++] = (struct meta_kv){xstrdup(key), xstrdup(value)};
}

const char *article_get_extra(const struct article *a, const char *key)
{
	for (size_t i = 0; i < a->nextra; i++)
		if (strcmp(a->extra[i].key, key) == 0) return a->extra[i].value;
	return NULL;
}


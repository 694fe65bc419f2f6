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

/* A million of them stay in memory for a snapshot: keep the struct free of
 * padding (160 bytes on a 64-bit machine; it was 216, then 168). */
_Static_assert(sizeof(void *) != 8 || sizeof(struct article) <= 160, "struct article grew");
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
	if (a->in_arena) { /* the collection's arena holds the rest */
		simsig_free(a->sig);
		memset(a, 0, sizeof *a);
		return;
	}
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

static void strlist_copy(struct strlist *to, const struct strlist *from)
{
	memset(to, 0, sizeof *to);
	for (size_t i = 0; i < from->n; i++) strlist_push(to, from->v[i]);
}

void article_copy(struct article *to, const struct article *from)
{
	*to = *from; /* the numbers; every pointer is replaced below */
	to->in_arena = false;
	to->sig = NULL; /* never shared: the copy gets its own when signed */
	to->id = xstrdup(from->id);
	to->path = xstrdup(from->path);
	to->title = xstrdup(from->title);
	to->source = xstrdup(from->source);
	to->url = xstrdup(from->url);
	to->summary = xstrdup(from->summary);
	to->lang = xstrdup(from->lang);
	strlist_copy(&to->authors, &from->authors);
	strlist_copy(&to->tags, &from->tags);
	strlist_copy(&to->derived, &from->derived);
	to->extra = NULL;
	to->nextra = 0;
	for (size_t i = 0; i < from->nextra; i++)
		article_set_extra(to, from->extra[i].key, from->extra[i].value);
}

size_t article_extra_room(size_t n)
{
	size_t room = n ? 4 : 0;
	while (room < n) room *= 2;
	return room;
}

void article_set_extra(struct article *a, const char *key, const char *value)
{
	for (size_t i = 0; i < a->nextra; i++)
		if (strcmp(a->extra[i].key, key) == 0) return; /* first wins */
	if (a->nextra == article_extra_room(a->nextra))
		a->extra = xrealloc(a->extra, article_extra_room(a->nextra + 1) * sizeof *a->extra);
	a->extra[a->nextra++] = (struct meta_kv){xstrdup(key), xstrdup(value)};
}

const char *article_get_extra(const struct article *a, const char *key)
{
	for (size_t i = 0; i < a->nextra; i++)
		if (strcmp(a->extra[i].key, key) == 0) return a->extra[i].value;
	return NULL;
}

const char *article_date_from(int date, unsigned flags)
{
	if (!date) return NULL;
	if (flags & ART_DATE_FROM_NAME) return "name";
	if (flags & ART_DATE_FROM_URL) return "url";
	return NULL;
}

void article_date_text(const struct article *a, char out[ARTICLE_DATE_TEXT])
{
	char d[11];
	date_format(a->date, d);
	const char *from = article_date_from(a->date, a->flags);
	snprintf(out, ARTICLE_DATE_TEXT, "%s%s", d,
		 !from ? "" : from[0] == 'n' ? " (from the file name)" : " (from the URL)");
}


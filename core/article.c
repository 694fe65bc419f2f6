/* SPDX-License-Identifier: MIT
 * Article lifetime, string lists, and reading a body on demand. */
#include "core/article.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/similar.h"
#include "core/util.h"

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

/* Bodies over this are not read whole (memory stays bounded: TESTING.md, hostile case 29). */
#define BODY_MAX ((uint64_t)64 << 20)

char *article_body_read(const struct article *a, size_t *len, struct diag_list *diags)
{
	*len = 0;
	int fd = open(a->path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		if (diags) diag_add(diags, DIAG_ERROR, a->path, 0, 0, "cannot open: %s", strerror(errno));
		return NULL;
	}
	struct stat st;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		if (diags) diag_add(diags, DIAG_ERROR, a->path, 0, 0, "not a regular file");
		close(fd);
		return NULL;
	}
	uint64_t size = (uint64_t)st.st_size;
	uint64_t off = a->body_off <= size ? a->body_off : size;
	uint64_t want = size - off;
	if (want > BODY_MAX) want = BODY_MAX;
	char *buf = xmalloc((size_t)want + 1);
	size_t got = 0;
	while (got < want) {
		ssize_t r = pread(fd, buf + got, (size_t)(want - got), (off_t)(off + got));
		if (r < 0 && errno == EINTR) continue;
		if (r < 0) {
			if (diags) diag_add(diags, DIAG_ERROR, a->path, 0, 0, "read error: %s", strerror(errno));
			free(buf);
			close(fd);
			return NULL;
		}
		if (r == 0) break; /* truncated since it was listed */
		got += (size_t)r;
	}
	close(fd);
	/* A BOM is only possible here when there was no front matter. */
	size_t start = 0;
	if (off == 0 && got >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) start = 3;
	/* CRLF and lone CR become LF, in place. */
	size_t o = 0;
	for (size_t i = start; i < got; i++) {
		if (buf[i] == '\r') {
			buf[o++] = '\n';
			if (i + 1 < got && buf[i + 1] == '\n') i++;
		} else {
			buf[o++] = buf[i];
		}
	}
	buf[o] = '\0';
	*len = o;
	return buf;
}

/* SPDX-License-Identifier: MIT
 * Article lifetime, string lists, dates, and reading a body on demand. */
#include "core/article.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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

/* Bodies over this are not read whole (see HOSTILE.md: memory bounded). */
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

void date_format(int ymd, char out[11])
{
	if (ymd <= 0) {
		out[0] = '\0';
		return;
	}
	unsigned y = (unsigned)ymd / 10000 % 10000, m = (unsigned)ymd / 100 % 100 % 13,
		 d = (unsigned)ymd % 100 % 32;
	if (m == 0) snprintf(out, 11, "%04u", y);
	else if (d == 0) snprintf(out, 11, "%04u-%02u", y, m);
	else snprintf(out, 11, "%04u-%02u-%02u", y, m, d);
}

/* Days from the civil calendar (proleptic Gregorian), after H. Hinnant's
 * well-known algorithm; a missing month or day counts as the first. */
long date_days(int ymd)
{
	long y = ymd / 10000, m = ymd / 100 % 100, d = ymd % 100;
	if (m == 0) m = 1;
	if (d == 0) d = 1;
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

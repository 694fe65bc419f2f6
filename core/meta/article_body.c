/* SPDX-License-Identifier: MIT
 * Reading an article's body on demand (article_body_read): the text after
 * the front matter with line ends made LF, or, for a web page, its
 * extracted article. Apart from article.c so that the article type does
 * not depend on the page reader that uses it. */
#include "core/meta/article.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/meta/html_page.h"
#include "core/text/html_parse.h"
#include "core/base/util.h"

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
	bool html = html_page_is_html(a->path);
	if (html && size > HTML_PARSE_MAX) {
		if (diags) diag_add(diags, DIAG_ERROR, a->path, 0, 0, "page over 32 MiB; not read");
		close(fd);
		return NULL;
	}
	uint64_t off = a->body_off <= size && !html ? a->body_off : 0;
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
	if (html) { /* a web page: its article as Markdown (html_page) */
		struct html_page pg;
		html_page_read(buf, got, a->path, false, &pg, diags);
		free(buf);
		*len = pg.body_len;
		buf = pg.body;
		pg.body = NULL;
		html_page_free(&pg);
		return buf;
	}
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

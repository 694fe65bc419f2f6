/* SPDX-License-Identifier: MIT
 * Loading one article file: read its head once (up to a cap), take the
 * metadata from front matter or a sidecar, check for binary, empty and
 * invalid UTF-8 text, find a fallback title. Split from the folder scan
 * (collection.c) so that files can be loaded on several threads: nothing
 * here keeps state between calls. */
#include "core/meta/article_load.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/meta/date_guess.h"
#include "core/meta/frontmatter.h"
#include "core/meta/html_page.h"
#include "core/text/html_parse.h"
#include "core/base/strbuf.h"
#include "core/text/utf8.h"
#include "core/base/util.h"

#define TITLE_MAX 200

bool article_load_is_article(const char *name, size_t *stem)
{
	return article_load_is_article_n(name, strlen(name), stem);
}

bool article_load_is_article_n(const char *name, size_t n, size_t *stem)
{
	static const char *const exts[] = {".md", ".txt", ".markdown", ".html", ".htm"};
	for (size_t i = 0; i < ARRAY_LEN(exts); i++) {
		size_t e = strlen(exts[i]);
		if (n > e && memcmp(name + n - e, exts[i], e) == 0) {
			*stem = n - e;
			return true;
		}
	}
	return false;
}

/* One block of the joined size: a strbuf grown piece by piece took two
 * or three reallocs a path, and a load joins three paths a file. */
char *article_load_join(const char *a, const char *b)
{
	size_t na = strlen(a), nb = strlen(b);
	size_t slash = na && a[na - 1] != '/';
	char *p = xmalloc(na + slash + nb + 1);
	memcpy(p, a, na);
	if (slash) p[na] = '/';
	memcpy(p + na + slash, b, nb + 1);
	return p;
}

/* Read at most cap bytes without blocking on FIFOs or following links:
 * into a new buffer, or into reuse's (grown as needed; returned, not the
 * caller's to free) when reuse is not NULL. */
static char *read_head(const char *path, size_t cap, size_t *len, struct stat *st, int *err,
		       struct article_readbuf *reuse)
{
	*len = 0;
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		*err = errno;
		return NULL;
	}
	if (fstat(fd, st) < 0 || !S_ISREG(st->st_mode)) {
		*err = fstat(fd, st) < 0 ? errno : EINVAL;
		close(fd);
		return NULL;
	}
	size_t want = (uint64_t)st->st_size < cap ? (size_t)st->st_size : cap;
	char *buf;
	if (reuse) {
		if (reuse->cap < want + 1) {
			/* grown to what the file needs, never shrunk: at most
			 * LOAD_CAP + 1 for a reader that reads many */
			free(reuse->p);
			reuse->cap = want + 1 > 16384 ? want + 1 : 16384;
			reuse->p = xmalloc(reuse->cap);
		}
		buf = reuse->p;
	} else {
		buf = xmalloc(want + 1);
	}
	size_t got = 0;
	while (got < want) {
		ssize_t r = read(fd, buf + got, want - got);
		if (r < 0 && errno == EINTR) continue;
		if (r < 0) {
			*err = errno;
			if (!reuse) free(buf);
			close(fd);
			return NULL;
		}
		if (r == 0) break;
		got += (size_t)r;
	}
	close(fd);
	buf[got] = '\0';
	*len = got;
	return buf;
}

/* How much of a body the binary check reads. */
#define BINARY_HEAD 8192

/* Binary: a NUL byte, or mostly bytes that are neither text nor UTF-8,
 * in the first BINARY_HEAD bytes (sc: utf8_text_scan's answer). */
static bool looks_binary(const struct utf8_scan *sc, size_t n)
{
	if (n > BINARY_HEAD) n = BINARY_HEAD;
	return sc->nul || (n > 0 && sc->bad * 10 > n);
}

/* First non-empty line, trimmed, Markdown heading marks dropped, capped at
 * TITLE_MAX bytes on a character boundary. */
static char *first_line_title(const char *p, size_t n)
{
	size_t i = 0;
	while (i < n) {
		size_t s = i;
		while (i < n && p[i] != '\n' && p[i] != '\r') i++;
		size_t e = i;
		while (i < n && (p[i] == '\n' || p[i] == '\r')) i++;
		while (s < e && (p[s] == ' ' || p[s] == '\t' || p[s] == '#')) s++;
		while (e > s && (p[e - 1] == ' ' || p[e - 1] == '\t')) e--;
		bool word = false; /* a rule such as "---" or "***" is no title */
		for (size_t k = s; k < e && !word; k++)
			word = ((unsigned char)p[k] >= 0x80) || (p[k] >= '0' && p[k] <= '9') ||
			       ((p[k] | 0x20) >= 'a' && (p[k] | 0x20) <= 'z');
		if (!word) continue;
		if (e - s > TITLE_MAX) {
			e = s + TITLE_MAX;
			while (e > s && ((unsigned char)p[e] & 0xC0) == 0x80) e--;
		}
		size_t outlen;
		return utf8_repair(p + s, e - s, &outlen);
	}
	return NULL;
}

/* Where the first invalid UTF-8 byte in the body is, as line:col (valid:
 * the bytes before it, from utf8_text_scan). */
static void report_invalid_utf8(const char *p, size_t n, size_t valid, const char *path, int line,
				struct diag_list *diags)
{
	if (valid == n) return; /* the common case */
	int col = 1;
	for (size_t i = 0; i < n;) {
		if ((unsigned char)p[i] < 0x80) { /* ASCII needs no decoding */
			if (p[i] == '\n') line++, col = 1;
			else col++;
			i++;
			continue;
		}
		int32_t cp;
		size_t k = utf8_decode(p + i, n - i, &cp);
		if (cp == UTF8_REPLACEMENT && k == 1) {
			diag_add(diags, DIAG_WARNING, path, line, col,
				 "invalid UTF-8 (byte 0x%02X); shown as U+FFFD", (unsigned char)p[i]);
			return;
		}
		if (p[i] == '\n') line++, col = 1;
		else col++;
		i += k;
	}
}

static bool blank(const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!strchr(" \t\r\n\f\v", p[i])) return false;
	return true;
}

/* Metadata from stem.yaml or stem.yml beside the article, if any. */
static bool read_sidecar(struct article *a, const char *path, size_t stem,
			 const struct fieldmap *fm, struct diag_list *diags)
{
	static const char *const exts[] = {".yaml", ".yml"};
	for (size_t i = 0; i < ARRAY_LEN(exts); i++) {
		char *side = xmalloc(stem + 6);
		memcpy(side, path, stem);
		strcpy(side + stem, exts[i]);
		struct stat st;
		if (lstat(side, &st) == 0 && S_ISREG(st.st_mode)) {
			size_t len;
			int err = 0;
			char *buf = read_head(side, FRONTMATTER_MAX + 1, &len, &st, &err, NULL);
			if (!buf) {
				diag_add(diags, DIAG_ERROR, side, 0, 0, "cannot read sidecar: %s", strerror(err));
			} else if (len > FRONTMATTER_MAX) {
				diag_add(diags, DIAG_ERROR, side, 0, 0, "sidecar larger than 64 KiB; ignored");
			} else {
				size_t skip = len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
				frontmatter_read(a, buf + skip, len - skip, side, 1, fm, diags);
				a->meta = META_SIDECAR;
			}
			free(buf);
			free(side);
			return true;
		}
		free(side);
	}
	return false;
}

/* No date in the metadata (none given, or one that did not parse and was
 * reported): the file name's (Jekyll's 2024-05-31-title.md), else the
 * URL's, flagged so that the reader and the CLI can say where it came
 * from. A page bundle's index.md or _index.md (Hugo) is named by its
 * folder: 2024-05-31-title/index.md. rel: the file's path in the root. */
static void guess_date(struct article *a, const char *rel)
{
	if (a->date) return;
	const char *base = strrchr(rel, '/');
	base = base ? base + 1 : rel;
	size_t stem = 0;
	if (article_load_is_article(base, &stem) && base > rel &&
	    ((stem == 5 && memcmp(base, "index", 5) == 0) ||
	     (stem == 6 && memcmp(base, "_index", 6) == 0))) {
		const char *dir = base - 1; /* the '/' before the name */
		while (dir > rel && dir[-1] != '/') dir--;
		a->date = date_from_name_len(dir, (size_t)(base - 1 - dir));
	} else {
		a->date = date_from_name(base);
	}
	if (a->date) {
		a->flags |= ART_DATE_FROM_NAME;
		return;
	}
	a->date = date_from_url(a->url);
	/* Zola's "path" is the page's URL path (the Rust blog dates its posts
	 * only there) */
	if (!a->date) a->date = date_from_site_path(article_get_extra(a, "path"));
	if (a->date) a->flags |= ART_DATE_FROM_URL;
}

/* How much of each file is read at load: the body is needed for the
 * fallback title and derived tags, not kept. */
#define LOAD_CAP (1u << 20)

/* A web page: metadata from a sidecar, then from the page (html_page);
 * the body is the extracted article as Markdown, in a new *buf. */
static void load_html(struct article *a, const struct fieldmap *fm, struct diag_list *diags,
		      const char **body, size_t *body_len, char **buf, size_t len)
{
	size_t before = diags->n;
	size_t pstem = strlen(a->path) - (a->path[strlen(a->path) - 1] == 'l' ? 5 : 4);
	read_sidecar(a, a->path, pstem, fm, diags);
	struct html_page pg;
	html_page_read(*buf, len, a->path, false, &pg, diags);
	html_page_apply(&pg, a, a->path, fm, diags);
	if (diags->n > before) a->flags |= ART_META_ERROR;
	free(*buf);
	*buf = pg.body;
	pg.body = NULL;
	*body = *buf;
	*body_len = pg.body_len;
	html_page_free(&pg);
	a->body_off = 0;
	a->body_line = 1;
}

void article_load_file(struct article *a, const char *root, const char *rel,
		       const struct fieldmap *fm, struct diag_list *diags,
		       const char **body, size_t *body_len, char **buf)
{
	struct stat st;
	article_load_file_stat(a, root, rel, fm, diags, body, body_len, buf, &st, NULL);
}

void article_load_file_stat(struct article *a, const char *root, const char *rel,
			    const struct fieldmap *fm, struct diag_list *diags,
			    const char **body, size_t *body_len, char **buf, struct stat *stp,
			    struct article_readbuf *reuse)
{
	struct stat st;
	stp->st_mode = 0;
	memset(a, 0, sizeof *a);
	size_t stem = 0;
	article_load_is_article(rel, &stem);
	a->id = xstrndup(rel, stem);
	a->path = article_load_join(root, rel);
	*body = NULL;
	*body_len = 0;

	size_t len;
	int err = 0;
	bool html = html_page_is_html(rel);
	size_t cap = LOAD_CAP;
	if (html && (stat(a->path, &st) != 0 || (uint64_t)st.st_size <= HTML_PARSE_MAX))
		cap = HTML_PARSE_MAX; /* a page is read whole; a huge one only for its metadata */
	/* a page's buffer becomes its extracted body (load_html): its own */
	char *text = read_head(a->path, cap, &len, &st, &err, html ? NULL : reuse);
	*buf = text && (html || !reuse) ? text : NULL;
	if (!text) {
		diag_add(diags, DIAG_ERROR, a->path, 0, 0, "cannot read: %s", strerror(err));
		a->flags |= ART_UNREADABLE;
		a->title = xstrdup(a->id);
		guess_date(a, rel); /* listed all the same: its name still dates it */
		return;
	}
	*stp = st;
	a->size = st.st_size;
	a->mtime = st.st_mtime;
	if ((uint64_t)st.st_size > ((uint64_t)64 << 20)) {
		a->flags |= ART_TOO_BIG;
		diag_add(diags, DIAG_WARNING, a->path, 0, 0,
			 "over 64 MiB; listed, body not displayed");
	}

	if (html) {
		if ((uint64_t)st.st_size > HTML_PARSE_MAX && !(a->flags & ART_TOO_BIG)) {
			a->flags |= ART_TOO_BIG; /* the metadata of its first 1 MiB only */
			diag_add(diags, DIAG_WARNING, a->path, 0, 0, "page over 32 MiB; listed, body not displayed");
		}
		load_html(a, fm, diags, body, body_len, buf, len);
		guess_date(a, rel);
		if (a->flags & ART_TOO_BIG) *body = NULL, *body_len = 0;
		else if (blank(*body, *body_len)) a->flags |= ART_EMPTY;
		if (!a->title) {
			const char *slash = strrchr(a->id, '/');
			a->title = xstrdup(slash ? slash + 1 : a->id);
		}
		return;
	}

	struct fm_split sp;
	frontmatter_split(text, len, &sp);
	size_t boff = sp.bom;
	size_t before = diags->n;
	if (sp.found &&
	    frontmatter_read_as(a, sp.syntax, text + sp.yaml_off, sp.yaml_len, a->path, sp.yaml_line,
				sp.open_col, fm, diags)) {
		if (diags->n > before) a->flags |= ART_META_ERROR;
		a->meta = META_FRONT;
		boff = sp.body_off;
		a->body_line = sp.body_line;
	} else {
		if (sp.unterminated)
			diag_add(diags, DIAG_ERROR, a->path, sp.open_line, 1,
				 "malformed front matter: no closing %s within 64 KiB; read as text",
				 frontmatter_closer(sp.syntax));
		if (sp.other)
			diag_add(diags, DIAG_WARNING, a->path, sp.open_line, sp.open_col, "%s",
				 frontmatter_other_msg(sp.other));
		/* (found here: JSON that does not parse, reported; the file is text) */
		a->body_line = 1;
		before = diags->n;
		size_t pstem = strlen(a->path) - (strlen(rel) - stem);
		if (read_sidecar(a, a->path, pstem, fm, diags) && diags->n > before)
			a->flags |= ART_META_ERROR;
	}
	guess_date(a, rel);
	a->body_off = boff;
	*body = text + boff;
	*body_len = len - boff;

	/* one pass for both checks below */
	struct utf8_scan sc;
	utf8_text_scan(*body, *body_len, BINARY_HEAD, &sc);
	if (looks_binary(&sc, *body_len)) {
		a->flags |= ART_BINARY;
		diag_add(diags, DIAG_WARNING, a->path, 0, 0, "binary content; not displayed");
		*body = NULL;
		*body_len = 0;
	} else if (blank(*body, *body_len) && (uint64_t)st.st_size <= LOAD_CAP) {
		a->flags |= ART_EMPTY;
		if (len == 0) diag_add(diags, DIAG_WARNING, a->path, 0, 0, "empty file");
	} else {
		report_invalid_utf8(*body, *body_len, sc.valid, a->path, a->body_line, diags);
	}
	if (!a->title && *body) a->title = first_line_title(*body, *body_len);
	if (!a->title) {
		const char *slash = strrchr(a->id, '/');
		a->title = xstrdup(slash ? slash + 1 : a->id);
	}
}

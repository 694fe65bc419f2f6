/* SPDX-License-Identifier: MIT
 * The duplicate check of import (see import_seen.h). Keys are hashes so a
 * folder of thousands of articles costs a few bytes each; a lookup is a
 * linear scan, which stays well under a millisecond at that size. */
#include "core/import/import_seen.h"

#include <ctype.h>
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/meta/article.h"
#include "core/meta/article_load.h"
#include "core/meta/frontmatter.h"
#include "core/base/fsutil.h"
#include "core/base/hash.h"
#include "core/base/strbuf.h"
#include "core/base/util.h"

#define SCAN_DEPTH 8
#define SCAN_FILE_MAX ((size_t)16 << 20)

uint64_t import_url_key(const char *url)
{
	if (!url || !*url) return 0;
	const char *p = strstr(url, "://");
	p = p ? p + 3 : url;
	if (strncasecmp(p, "www.", 4) == 0) p += 4;
	struct strbuf sb = STRBUF_INIT;
	bool host = true, query = false;
	for (; *p && *p != '#'; p++) {
		if (*p == '/' || *p == '?') host = false;
		if (*p == '?' || (query && *p == '&')) {
			query = true;
			if (strncmp(p + 1, "utm_", 4) == 0) { /* tracking: not part of the address */
				while (p[1] && p[1] != '&' && p[1] != '#') p++;
				continue;
			}
		}
		strbuf_addc(&sb, host ? (char)tolower((unsigned char)*p) : *p);
	}
	while (sb.len && (sb.buf[sb.len - 1] == '/' || sb.buf[sb.len - 1] == '?' || sb.buf[sb.len - 1] == '&'))
		sb.buf[--sb.len] = '\0';
	uint64_t h = sb.len ? hash_bytes(sb.buf, sb.len, 0x75726c) | 1 : 0;
	strbuf_free(&sb);
	return h;
}

uint64_t import_body_key(const char *body, size_t len)
{
	struct strbuf sb = STRBUF_INIT;
	bool gap = false;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)body[i];
		if (isalnum(c) || c >= 0x80) {
			if (gap && sb.len) strbuf_addc(&sb, ' ');
			strbuf_addc(&sb, (char)tolower(c));
			gap = false;
		} else {
			gap = true;
		}
	}
	uint64_t h = sb.len ? hash_bytes(sb.buf, sb.len, 0x626f6479) | 1 : 0;
	strbuf_free(&sb);
	return h;
}

void import_seen_add(struct import_seen *s, const char *url, const char *body, const char *path)
{
	ARRAY_RESERVE(s->v, s->cap, s->n + 1);
	struct import_seen_rec *r = &s->v[s->n++];
	r->url = import_url_key(url);
	r->body = body ? import_body_key(body, strlen(body)) : 0;
	r->path = xstrdup(path);
}

const char *import_seen_find(const struct import_seen *s, const char *url, const char *body,
			     const char **why)
{
	uint64_t u = import_url_key(url), b = body ? import_body_key(body, strlen(body)) : 0;
	for (size_t i = 0; i < s->n; i++) {
		if (u && s->v[i].url == u) {
			*why = "url";
			return s->v[i].path;
		}
		if (b && s->v[i].body == b) {
			*why = "body";
			return s->v[i].path;
		}
	}
	return NULL;
}

static void scan_file(struct import_seen *s, const char *path, const struct fieldmap *fm)
{
	char *buf;
	size_t len;
	if (fsutil_read_file(path, SCAN_FILE_MAX, &buf, &len) != 0) return;
	struct fm_split sp;
	frontmatter_split(buf, len, &sp);
	struct article a;
	memset(&a, 0, sizeof a);
	size_t boff = sp.bom;
	if (sp.found) {
		struct diag_list dl = DIAG_LIST_INIT;
		if (frontmatter_read_as(&a, sp.syntax, buf + sp.yaml_off, sp.yaml_len, path, sp.yaml_line,
					sp.open_col, fm, &dl))
			boff = sp.body_off;
		diag_list_free(&dl);
	}
	ARRAY_RESERVE(s->v, s->cap, s->n + 1);
	struct import_seen_rec *r = &s->v[s->n++];
	r->url = import_url_key(a.url);
	r->body = import_body_key(buf + boff, len - boff);
	r->path = xstrdup(path);
	article_free(&a);
	free(buf);
}

static void scan_dir(struct import_seen *s, const char *dir, const struct fieldmap *fm, int depth)
{
	DIR *d = opendir(dir);
	if (!d) return;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.') continue;
		char *full = article_load_join(dir, e->d_name);
		struct stat st;
		size_t stem;
		if (lstat(full, &st) == 0) {
			if (S_ISDIR(st.st_mode) && depth < SCAN_DEPTH) scan_dir(s, full, fm, depth + 1);
			else if (S_ISREG(st.st_mode) && article_load_is_article(e->d_name, &stem) &&
				 !strstr(e->d_name + stem, ".htm"))
				scan_file(s, full, fm);
		}
		free(full);
	}
	closedir(d);
}

void import_seen_scan(struct import_seen *s, const char *dir, const struct fieldmap *fm)
{
	scan_dir(s, dir, fm, 0);
}

void import_seen_free(struct import_seen *s)
{
	for (size_t i = 0; i < s->n; i++) free(s->v[i].path);
	free(s->v);
	memset(s, 0, sizeof *s);
}

/* SPDX-License-Identifier: MIT
 * Scanning a collection folder and loading each article's metadata. Each
 * file is read once, up to a cap: enough for the front matter, the
 * fallback title and the vocabulary's derived tags (dossier.c); the body is
 * not kept. Symbolic links are not followed (no loops, nothing outside the
 * root), special files are skipped, every skip is reported. */
#include "core/collection.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/frontmatter.h"
#include "core/metacache.h"
#include "core/strbuf.h"
#include "core/utf8.h"
#include "core/util.h"

#define SCAN_MAX_DEPTH 64
#define TITLE_MAX 200

static bool has_article_ext(const char *name, size_t *stem)
{
	static const char *const exts[] = {".md", ".txt", ".markdown"};
	size_t n = strlen(name);
	for (size_t i = 0; i < ARRAY_LEN(exts); i++) {
		size_t e = strlen(exts[i]);
		if (n > e && strcmp(name + n - e, exts[i]) == 0) {
			*stem = n - e;
			return true;
		}
	}
	return false;
}

/* A README at the top of a collection describes the folder; it is not a
 * clipping, and as an article it would link to everything it mentions. */
static bool is_readme(const char *name)
{
	return strncasecmp(name, "readme.", 7) == 0;
}

struct scan {
	struct collection *c;
	struct strlist rel; /* relative paths of article files */
	struct metacache_key *keys; /* parallel to rel: what the cache compares */
	size_t keys_cap;
	struct diag_list *diags;
	collection_progress_fn progress;
	void *pctx;
};

static char *path_join(const char *a, const char *b)
{
	struct strbuf sb = STRBUF_INIT;
	if (*a) {
		strbuf_adds(&sb, a);
		if (sb.buf[sb.len - 1] != '/') strbuf_addc(&sb, '/');
	}
	strbuf_adds(&sb, b);
	return strbuf_steal(&sb);
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void key_stat(struct metacache_stat *k, const struct stat *st)
{
	k->size = st->st_size;
	k->mtime_s = st->st_mtim.tv_sec;
	k->mtime_ns = st->st_mtim.tv_nsec;
	k->ctime_s = st->st_ctim.tv_sec;
	k->ctime_ns = st->st_ctim.tv_nsec;
	k->ino = (int64_t)st->st_ino;
}

/* The cache key of an article: its stat and those of the sidecars that
 * read_sidecar would look at, found in the sorted folder listing. */
static void add_article(struct scan *s, int dfd, const struct strlist *names,
			const char *rel, const char *name, size_t stem, const struct stat *st)
{
	ARRAY_RESERVE(s->keys, s->keys_cap, s->rel.n + 1);
	struct metacache_key *k = &s->keys[s->rel.n];
	memset(k, 0, sizeof *k);
	key_stat(&k->file, st);
	static const char *const exts[] = {".yaml", ".yml"};
	for (size_t i = 0; i < ARRAY_LEN(exts); i++) {
		struct strbuf sb = STRBUF_INIT;
		strbuf_add(&sb, name, stem);
		strbuf_adds(&sb, exts[i]);
		const char *want = sb.buf;
		struct stat ss;
		if (bsearch(&want, names->v, names->n, sizeof *names->v, name_cmp)) {
			if (fstatat(dfd, sb.buf, &ss, AT_SYMLINK_NOFOLLOW) == 0)
				key_stat(i ? &k->side_yml : &k->side_yaml, &ss);
		}
		strbuf_free(&sb);
	}
	strlist_push(&s->rel, rel);
}

/* Walk root/rel; collects article paths relative to the root. */
static void scan_dir(struct scan *s, const char *rel, int depth)
{
	char *dir = path_join(s->c->root, rel);
	DIR *d = opendir(dir);
	if (!d) {
		diag_add(s->diags, DIAG_ERROR, dir, 0, 0, "cannot read folder: %s", strerror(errno));
		free(dir);
		return;
	}
	struct strlist names = {0};
	struct dirent *e;
	while ((e = readdir(d)))
		if (e->d_name[0] != '.' && !(depth == 0 && is_readme(e->d_name)))
			strlist_push(&names, e->d_name);
	/* stat relative to the open folder: no path walk per file (the scan is
	 * most of a warm start) */
	int dfd = dirfd(d);
	if (names.n > 1) qsort(names.v, names.n, sizeof *names.v, name_cmp);
	for (size_t i = 0; i < names.n; i++) {
		char *r = path_join(rel, names.v[i]);
		char *full = path_join(s->c->root, r);
		struct stat st;
		size_t stem;
		if (fstatat(dfd, names.v[i], &st, AT_SYMLINK_NOFOLLOW) < 0) {
			diag_add(s->diags, DIAG_ERROR, full, 0, 0, "cannot stat: %s", strerror(errno));
		} else if (S_ISLNK(st.st_mode)) {
			if (has_article_ext(names.v[i], &stem) || stat(full, &st) == 0)
				diag_add(s->diags, DIAG_WARNING, full, 0, 0, "symbolic link not followed");
		} else if (S_ISDIR(st.st_mode)) {
			if (depth >= SCAN_MAX_DEPTH)
				diag_add(s->diags, DIAG_WARNING, full, 0, 0, "folder nested too deeply; skipped");
			else
				scan_dir(s, r, depth + 1);
		} else if (has_article_ext(names.v[i], &stem)) {
			if (S_ISREG(st.st_mode)) add_article(s, dfd, &names, r, names.v[i], stem, &st);
			else diag_add(s->diags, DIAG_WARNING, full, 0, 0, "not a regular file; skipped");
		}
		free(r);
		free(full);
	}
	closedir(d);
	strlist_free(&names);
	free(dir);
}

/* Read at most cap bytes without blocking on FIFOs or following links. */
static char *read_head(const char *path, size_t cap, size_t *len, struct stat *st, int *err)
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
	char *buf = xmalloc(want + 1);
	size_t got = 0;
	while (got < want) {
		ssize_t r = read(fd, buf + got, want - got);
		if (r < 0 && errno == EINTR) continue;
		if (r < 0) {
			*err = errno;
			free(buf);
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

/* Binary: a NUL byte, or mostly bytes that are neither text nor UTF-8. */
static bool looks_binary(const char *p, size_t n)
{
	if (n > 8192) n = 8192;
	if (memchr(p, '\0', n)) return true;
	size_t bad = 0, i = 0;
	while (i < n) {
		unsigned char b = (unsigned char)p[i];
		if (b >= 0x20 && b < 0x80) { /* the common case, without decoding */
			i++;
			continue;
		}
		int32_t cp;
		size_t k = utf8_decode(p + i, n - i, &cp);
		if ((cp == UTF8_REPLACEMENT && k == 1 && n - i >= 4) ||
		    (cp < 0x20 && cp != '\n' && cp != '\r' && cp != '\t' && cp != '\f'))
			bad++;
		i += k;
	}
	return n > 0 && bad * 10 > n;
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

/* Where the first invalid UTF-8 byte in the body is, as line:col. */
static void report_invalid_utf8(const char *p, size_t n, const char *path, int line,
				struct diag_list *diags)
{
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
			char *buf = read_head(side, FRONTMATTER_MAX + 1, &len, &st, &err);
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

/* How much of each file is read at load: the body is needed for the
 * fallback title and derived tags, not kept. */
#define LOAD_CAP (1u << 20)

static void load_one(struct collection *c, const char *rel, const struct fieldmap *fm,
		     struct diag_list *diags, const char **body, size_t *body_len, char **buf)
{
	struct article *a = &c->items[c->n++];
	memset(a, 0, sizeof *a);
	size_t stem = 0;
	has_article_ext(rel, &stem);
	a->id = xstrndup(rel, stem);
	a->path = path_join(c->root, rel);
	*body = NULL;
	*body_len = 0;

	struct stat st;
	size_t len;
	int err = 0;
	*buf = read_head(a->path, LOAD_CAP, &len, &st, &err);
	if (!*buf) {
		diag_add(diags, DIAG_ERROR, a->path, 0, 0, "cannot read: %s", strerror(err));
		a->flags |= ART_UNREADABLE;
		a->title = xstrdup(a->id);
		return;
	}
	a->size = st.st_size;
	a->mtime = st.st_mtime;
	if ((uint64_t)st.st_size > ((uint64_t)64 << 20)) {
		a->flags |= ART_TOO_BIG;
		diag_add(diags, DIAG_WARNING, a->path, 0, 0,
			 "over 64 MiB; listed, body not displayed");
	}

	struct fm_split sp;
	frontmatter_split(*buf, len, &sp);
	size_t boff = sp.bom;
	if (sp.found) {
		size_t before = diags->n;
		frontmatter_read(a, *buf + sp.yaml_off, sp.yaml_len, a->path, 2, fm, diags);
		if (diags->n > before) a->flags |= ART_META_ERROR;
		a->meta = META_FRONT;
		boff = sp.body_off;
		a->body_line = sp.body_line;
	} else {
		if (sp.unterminated)
			diag_add(diags, DIAG_ERROR, a->path, 1, 1,
				 "malformed front matter: no closing '---' within 64 KiB; read as text");
		a->body_line = 1;
		size_t before = diags->n;
		size_t pstem = strlen(a->path) - (strlen(rel) - stem);
		if (read_sidecar(a, a->path, pstem, fm, diags) && diags->n > before)
			a->flags |= ART_META_ERROR;
	}
	a->body_off = boff;
	*body = *buf + boff;
	*body_len = len - boff;

	if (looks_binary(*body, *body_len)) {
		a->flags |= ART_BINARY;
		diag_add(diags, DIAG_WARNING, a->path, 0, 0, "binary content; not displayed");
		*body = NULL;
		*body_len = 0;
	} else if (blank(*body, *body_len) && (uint64_t)st.st_size <= LOAD_CAP) {
		a->flags |= ART_EMPTY;
		if (len == 0) diag_add(diags, DIAG_WARNING, a->path, 0, 0, "empty file");
	} else {
		report_invalid_utf8(*body, *body_len, a->path, a->body_line, diags);
	}
	if (!a->title && *body) a->title = first_line_title(*body, *body_len);
	if (!a->title) {
		const char *slash = strrchr(a->id, '/');
		a->title = xstrdup(slash ? slash + 1 : a->id);
	}
}

static int article_cmp(const void *x, const void *y)
{
	return strcmp(((const struct article *)x)->id, ((const struct article *)y)->id);
}

/* a.md and a.txt would share the id "a": the later one keeps its
 * extension in its id, so ids stay unique and stable. */
static void unique_ids(struct collection *c, struct diag_list *diags)
{
	bool changed = false;
	size_t rootlen = strlen(c->root) + (c->root[strlen(c->root) - 1] == '/' ? 0 : 1);
	for (size_t i = 1; i < c->n; i++) {
		if (strcmp(c->items[i].id, c->items[i - 1].id) != 0) continue;
		struct article *a = &c->items[i];
		diag_add(diags, DIAG_WARNING, a->path, 0, 0,
			 "id '%s' is also used by another file; this one is '%s'", a->id, a->path + rootlen);
		free(a->id);
		a->id = xstrdup(a->path + rootlen);
		changed = true;
	}
	if (changed) qsort(c->items, c->n, sizeof *c->items, article_cmp);
}

/* An unchanged article straight from the cache, without opening it. */
static bool take_cached(struct collection *c, struct metacache *mc, const char *rel,
			const struct metacache_key *key, struct diag_list *diags)
{
	struct article *a = &c->items[c->n];
	memset(a, 0, sizeof *a);
	size_t stem = 0;
	has_article_ext(rel, &stem);
	a->id = xstrndup(rel, stem);
	a->path = path_join(c->root, rel);
	if (metacache_take(mc, rel, key, a, c->root, diags)) {
		c->n++;
		return true;
	}
	free(a->id);
	free(a->path);
	return false;
}

int collection_load_with_opts(struct collection *c, const char *root, const struct fieldmap *fm,
			      struct diag_list *diags, const struct collection_load_opts *o)
{
	collection_progress_fn progress = o->progress;
	void *pctx = o->pctx;
	memset(c, 0, sizeof *c);
	c->root = xstrdup(root);
	struct stat st;
	if (stat(root, &st) < 0 || !S_ISDIR(st.st_mode)) {
		diag_add(diags, DIAG_ERROR, root, 0, 0, "%s",
			 stat(root, &st) < 0 ? strerror(errno) : "not a folder");
		return -1;
	}
	DIR *probe = opendir(root);
	if (!probe) {
		diag_add(diags, DIAG_ERROR, root, 0, 0, "cannot read folder: %s", strerror(errno));
		return -1;
	}
	closedir(probe);
	struct scan s = {.c = c, .diags = diags, .progress = progress, .pctx = pctx};
	scan_dir(&s, "", 0);
	c->items = xcalloc(s.rel.n ? s.rel.n : 1, sizeof *c->items);
	c->cap = s.rel.n;
	for (size_t i = 0; i < s.rel.n; i++) {
		if (o->cancel && *o->cancel) {
			strlist_free(&s.rel);
			free(s.keys);
			return -2;
		}
		if (o->cache && take_cached(c, o->cache, s.rel.v[i], &s.keys[i], diags)) {
			if (progress && (i % 256 == 255 || i + 1 == s.rel.n)) progress(pctx, i + 1);
			continue;
		}
		const char *body;
		size_t blen;
		char *buf;
		size_t before = diags->n;
		load_one(c, s.rel.v[i], fm, diags, &body, &blen, &buf);
		if (o->each) o->each(o->ectx, &c->items[c->n - 1], body, blen);
		free(buf);
		if (o->cache)
			metacache_put(o->cache, s.rel.v[i], &s.keys[i], &c->items[c->n - 1], c->root,
				      diags, before);
		if (progress && (i % 256 == 255 || i + 1 == s.rel.n)) progress(pctx, i + 1);
	}
	strlist_free(&s.rel);
	free(s.keys);
	qsort(c->items, c->n, sizeof *c->items, article_cmp);
	unique_ids(c, diags);
	return 0;
}

int collection_load_with(struct collection *c, const char *root, const struct fieldmap *fm,
			 struct diag_list *diags, collection_progress_fn progress, void *pctx,
			 void (*each)(void *ctx, struct article *a, const char *body, size_t len),
			 void *ectx)
{
	const struct collection_load_opts o = {progress, pctx, each, ectx, NULL, NULL};
	return collection_load_with_opts(c, root, fm, diags, &o);
}

int collection_load(struct collection *c, const char *root, const struct fieldmap *fm,
		    struct diag_list *diags, collection_progress_fn progress, void *pctx)
{
	return collection_load_with(c, root, fm, diags, progress, pctx, NULL, NULL);
}

void collection_free(struct collection *c)
{
	for (size_t i = 0; i < c->n; i++) article_free(&c->items[i]);
	free(c->items);
	free(c->root);
	memset(c, 0, sizeof *c);
}

long collection_find(const struct collection *c, const char *id)
{
	size_t lo = 0, hi = c->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int r = strcmp(c->items[mid].id, id);
		if (r == 0) return (long)mid;
		if (r < 0) lo = mid + 1;
		else hi = mid;
	}
	return -1;
}

size_t collection_from_cache(struct collection *c, const char *root, const struct metacache *mc,
			     struct diag_list *diags)
{
	memset(c, 0, sizeof *c);
	c->root = xstrdup(root);
	size_t n = mc ? metacache_count(mc) : 0;
	c->items = xcalloc(n ? n : 1, sizeof *c->items);
	c->cap = n;
	for (size_t i = 0; i < n; i++) {
		const char *rel = metacache_rel(mc, i);
		struct article *a = &c->items[c->n];
		memset(a, 0, sizeof *a);
		size_t stem = 0;
		if (!has_article_ext(rel, &stem)) continue;
		a->id = xstrndup(rel, stem);
		a->path = path_join(c->root, rel);
		if (metacache_peek(mc, i, a, c->root, diags)) {
			c->n++;
		} else { /* a damaged record: the refresh reads that file */
			article_free(a);
			memset(a, 0, sizeof *a);
		}
	}
	qsort(c->items, c->n, sizeof *c->items, article_cmp);
	unique_ids(c, diags);
	return c->n;
}

/* SPDX-License-Identifier: MIT
 * Scanning a collection folder and loading each article's metadata. Each
 * file is read once, up to a cap (article_load.c), on several threads when
 * there are many, starting while the scan goes on (loadpool.c); the result
 * is put together in scan order so it does not depend on the thread count. Symbolic links are not followed (no loops,
 * nothing outside the root), special files are skipped, every skip is
 * reported. */
#include "core/collection/collection.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/collection/loadpool.h"
#include "core/meta/article_load.h"
#include "core/meta/metacache.h"
#include "core/base/strbuf.h"
#include "core/base/arena.h"
#include "core/base/strcache.h"
#include "core/base/util.h"

#define SCAN_MAX_DEPTH 64

/* A README at the top of a collection describes the folder; it is not a
 * clipping, and as an article it would link to everything it mentions. */
static bool is_readme(const char *name)
{
	return strncasecmp(name, "readme.", 7) == 0;
}

struct scan {
	struct collection *c;
	size_t n; /* article files found, in scan order */
	/* per article, the cache record a fresh folder or an equal key
	 * vouched for (its path is the record's), or NOREC: the file is read
	 * (a job of pool). 4 bytes an article, and no path or flag beside it:
	 * at a million articles those were 17 MB more at the refresh's peak */
	uint32_t *recs;
	/* parallel to todo: the paths of the files read, relative to the root
	 * (the cache's own, borrowed, or copies in ar) and their keys (those
	 * of the others are their records'; why not one per article: 144 MB
	 * at a million) */
	struct {
		const char **v;
		size_t cap;
		struct arena ar;
	} rel;
	struct metacache_key *keys;
	size_t *todo; /* the pool's jobs: their article numbers, in order */
	size_t keys_cap, recs_cap, todo_cap, ntodo;
	struct loadpool *pool; /* reads the files while the scan goes on */
	bool stopped;          /* the load was cancelled: the scan stops */
	/* nothing cached to compare with (no cache, or an empty one): an
	 * article the folder listing calls a regular file is not stat-ed; its
	 * key is the stat of the file as the loader opened it */
	bool nostat;
	struct diag_list *diags;
	struct metacache *mc; /* borrowed; NULL: no cache */
	size_t next;          /* the record the next file probably has (metacache_find_near) */
	bool full;            /* stat every file, whatever the folders say */
	int64_t now;          /* wall clock at the start (folders changed since are not trusted) */
};

/* A folder that changed less than this many seconds before the scan is
 * scanned again next time: a change within the same tick of the file
 * system's clock would not show in its time. */
#define SCAN_RACY_SECONDS 2

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}


#define NOREC UINT32_MAX

/* Is article i read from its file (not taken from the cache)? */
static bool scan_read(const struct scan *s, size_t i)
{
	return !s->mc || s->recs[i] == NOREC;
}

/* rel is the next article in scan order (its record set, or NOREC and
 * key its stat; own: rel is the caller's, else it lives as long as the
 * cache): read it unless the cache can supply it, starting now on the
 * pool's threads. An article the cache has a record for keeps no path
 * of its own: the record's is its path. */
static void scan_push(struct scan *s, const char *rel, bool own, const struct metacache_key *key)
{
	size_t i = s->n++;
	if (s->mc && s->recs[i] == NOREC) {
		size_t r = metacache_find_near(s->mc, rel, key, &s->next);
		if (r != SIZE_MAX) s->recs[i] = (uint32_t)r; /* fewer than 2^32 records: parse_file */
	}
	if (!scan_read(s, i)) return;
	ARRAY_RESERVE(s->rel.v, s->rel.cap, s->ntodo + 1);
	s->rel.v[s->ntodo] = own ? arena_strdup(&s->rel.ar, rel) : rel;
	ARRAY_RESERVE(s->todo, s->todo_cap, s->ntodo + 1);
	ARRAY_RESERVE(s->keys, s->keys_cap, s->ntodo + 1);
	s->keys[s->ntodo] = *key;
	s->todo[s->ntodo++] = i;
	loadpool_add(s->pool, rel);
}

/* The cache key of an article: its stat and those of the sidecars that
 * read_sidecar would look at, found in the sorted folder listing (sidecars
 * false: the folder has no .yaml or .yml file, nothing to look for). */
static void add_article(struct scan *s, int dfd, const struct strlist *names, bool sidecars,
			const char *rel, const char *name, size_t stem, const struct stat *st)
{
	ARRAY_RESERVE(s->recs, s->recs_cap, s->n + 1);
	s->recs[s->n] = NOREC;
	struct metacache_key key, *k = &key;
	memset(k, 0, sizeof *k);
	metacache_stat_of(&k->file, st);
	static const char *const exts[] = {".yaml", ".yml"};
	for (size_t i = 0; sidecars && i < ARRAY_LEN(exts); i++) {
		struct strbuf sb = STRBUF_INIT;
		strbuf_add(&sb, name, stem);
		strbuf_adds(&sb, exts[i]);
		const char *want = sb.buf;
		struct stat ss;
		if (bsearch(&want, names->v, names->n, sizeof *names->v, name_cmp)) {
			if (fstatat(dfd, sb.buf, &ss, AT_SYMLINK_NOFOLLOW) == 0)
				metacache_stat_of(i ? &k->side_yml : &k->side_yaml, &ss);
		}
		strbuf_free(&sb);
	}
	scan_push(s, rel, true, k);
}

static void scan_dir(struct scan *s, const char *rel, int depth, const struct stat *dst);

/* A folder the cache recorded with this very stat: its articles as
 * recorded, in the same order, without a stat each; its folders checked
 * the same way in turn. False when the cache cannot vouch for it. */
static bool scan_cached(struct scan *s, const char *rel, int depth, const struct metacache_stat *key)
{
	long d = metacache_dir_fresh(s->mc, rel, key);
	if (d < 0) return false;
	metacache_dir_keep(s->mc, d);
	size_t n = metacache_dir_nkids(s->mc, d);
	for (size_t k = 0; k < n; k++) {
		size_t idx;
		if (metacache_dir_kid(s->mc, d, k, &idx)) {
			const char *sub = metacache_dir_rel(s->mc, idx);
			char *full = article_load_join(s->c->root, sub);
			struct stat st;
			/* a folder gone while its parent looks unchanged: the
			 * full scan of it says so */
			bool ok = lstat(full, &st) == 0 && S_ISDIR(st.st_mode);
			scan_dir(s, sub, depth + 1, ok ? &st : NULL);
			free(full);
			continue;
		}
		ARRAY_RESERVE(s->recs, s->recs_cap, s->n + 1);
		s->recs[s->n] = (uint32_t)idx;
		scan_push(s, metacache_rel(s->mc, idx), false, NULL);
	}
	return true;
}

/* Walk root/rel; collects article paths relative to the root. dst is the
 * folder's own stat (NULL: unknown, scan it). With a cache, a folder
 * unchanged since it was recorded is taken from it (scan_cached), and
 * every folder scanned is recorded. */
static void scan_dir(struct scan *s, const char *rel, int depth, const struct stat *dst)
{
	struct metacache_stat dkey = {0};
	if (dst) metacache_stat_of(&dkey, dst);
	if (s->mc && dst && !s->full && scan_cached(s, rel, depth, &dkey)) return;
	char *dir = article_load_join(s->c->root, rel);
	DIR *d = opendir(dir);
	if (!d) {
		diag_add(s->diags, DIAG_ERROR, dir, 0, 0, "cannot read folder: %s", strerror(errno));
		free(dir);
		return;
	}
	/* each name is followed, after its NUL, by the listing's type of it
	 * (DT_REG, DT_DIR, DT_UNKNOWN...) */
	struct strlist names = {0};
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.' || (depth == 0 && is_readme(e->d_name))) continue;
		size_t n = strlen(e->d_name);
		char *name = xmalloc(n + 2);
		memcpy(name, e->d_name, n + 1);
		name[n + 1] = (char)e->d_type;
		ARRAY_RESERVE(names.v, names.cap, names.n + 1);
		names.v[names.n++] = name;
	}
	/* stat relative to the open folder: no path walk per file (the scan is
	 * most of a warm start) */
	int dfd = dirfd(d);
	if (names.n > 1) qsort(names.v, names.n, sizeof *names.v, name_cmp);
	bool sidecars = false;
	for (size_t i = 0; i < names.n && !sidecars; i++) {
		size_t n = strlen(names.v[i]);
		sidecars = (n > 5 && strcmp(names.v[i] + n - 5, ".yaml") == 0) ||
			   (n > 4 && strcmp(names.v[i] + n - 4, ".yml") == 0);
	}
	/* what the cache records of this folder: kids in scan order, and
	 * whether it may be trusted (nothing said about it, not changed just
	 * now) */
	struct metacache_kid *kids = NULL;
	size_t nkids = 0, kids_cap = 0;
	bool trusted = dst && dkey.mtime_s < s->now - SCAN_RACY_SECONDS;
	for (size_t i = 0; i < names.n; i++) {
		if (s->stopped || !loadpool_poll(s->pool)) {
			s->stopped = true;
			break;
		}
		char *r = article_load_join(rel, names.v[i]);
		char *full = article_load_join(s->c->root, r);
		struct stat st;
		size_t stem;
		size_t before_diags = s->diags->n;
		const char *name = names.v[i];
		bool listed_file = name[strlen(name) + 1] == (char)DT_REG;
		if (s->nostat && listed_file && article_load_is_article(name, &stem)) {
			/* the loader's own open and fstat tell the rest */
			memset(&st, 0, sizeof st);
			add_article(s, dfd, &names, sidecars, r, name, stem, &st);
			ARRAY_RESERVE(kids, kids_cap, nkids + 1);
			kids[nkids++] = (struct metacache_kid){xstrdup(r), false};
		} else if (fstatat(dfd, names.v[i], &st, AT_SYMLINK_NOFOLLOW) < 0) {
			diag_add(s->diags, DIAG_ERROR, full, 0, 0, "cannot stat: %s", strerror(errno));
		} else if (S_ISLNK(st.st_mode)) {
			if (article_load_is_article(names.v[i], &stem) || stat(full, &st) == 0)
				diag_add(s->diags, DIAG_WARNING, full, 0, 0, "symbolic link not followed");
		} else if (S_ISDIR(st.st_mode)) {
			size_t before = s->n;
			if (depth >= SCAN_MAX_DEPTH) {
				diag_add(s->diags, DIAG_WARNING, full, 0, 0, "folder nested too deeply; skipped");
			} else {
				ARRAY_RESERVE(kids, kids_cap, nkids + 1);
				kids[nkids++] = (struct metacache_kid){xstrdup(r), true};
				scan_dir(s, r, depth + 1, &st);
				before_diags = s->diags->n; /* the folder's own say is its own */
			}
			/* a folder named x.md is a folder: its articles are read like
			 * any other folder's (a name does not make it a file, and
			 * skipping it would hide them); said when it holds none, since
			 * then it looks like an article that silently vanished */
			if (s->n == before && article_load_is_article(names.v[i], &stem))
				diag_add(s->diags, DIAG_WARNING, full, 0, 0,
					 "a folder, not an article, and no articles in it");
		} else if (article_load_is_article(names.v[i], &stem)) {
			if (S_ISREG(st.st_mode)) {
				add_article(s, dfd, &names, sidecars, r, names.v[i], stem, &st);
				ARRAY_RESERVE(kids, kids_cap, nkids + 1);
				kids[nkids++] = (struct metacache_kid){xstrdup(r), false};
			} else {
				diag_add(s->diags, DIAG_WARNING, full, 0, 0, "not a regular file; skipped");
			}
		}
		if (s->diags->n != before_diags) trusted = false;
		free(r);
		free(full);
	}
	closedir(d);
	/* a folder a cancel cut short is not recorded: its list is not whole */
	if (s->mc && dst && !s->stopped) metacache_dir_put(s->mc, rel, &dkey, kids, nkids, trusted);
	for (size_t k = 0; k < nkids; k++) free((char *)kids[k].rel);
	free(kids);
	strlist_free(&names);
	free(dir);
}

static int article_cmp(const void *x, const void *y)
{
	return strcmp(((const struct article *)x)->id, ((const struct article *)y)->id);
}

/* By id. Scan order (and so the cache's) is nearly always id order already:
 * one pass to see that costs far less than sorting 100k strings. */
static void sort_by_id(struct collection *c)
{
	for (size_t i = 1; i < c->n; i++) {
		if (strcmp(c->items[i - 1].id, c->items[i].id) > 0) {
			qsort(c->items, c->n, sizeof *c->items, article_cmp);
			return;
		}
	}
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
		if (a->in_arena) {
			a->id = arena_strdup(&c->arena, a->path + rootlen);
		} else {
			free(a->id);
			a->id = xstrdup(a->path + rootlen);
		}
		changed = true;
	}
	if (changed) qsort(c->items, c->n, sizeof *c->items, article_cmp);
}

/* An unchanged article straight from the cache into slot a, without
 * opening it. On false the slot is left zeroed. */
static bool take_cached(struct article *a, const char *root, struct metacache *mc,
			const char *rel, const struct metacache_key *key, size_t rec,
			struct diag_list *diags)
{
	memset(a, 0, sizeof *a);
	size_t stem = 0;
	article_load_is_article(rel, &stem);
	a->id = xstrndup(rel, stem);
	a->path = article_load_join(root, rel);
	if (rec != SIZE_MAX ? metacache_take_at(mc, rec, a, root, diags)
			    : metacache_take(mc, rel, key, a, root, diags))
		return true;
	free(a->id);
	free(a->path);
	memset(a, 0, sizeof *a);
	return false;
}

static bool cancelled(const atomic_int *cancel)
{
	return cancel && atomic_load_explicit(cancel, memory_order_relaxed);
}

/* Read one file here, on the calling thread. */
static void load_here(struct article *a, const char *root, const char *rel,
		      const struct fieldmap *fm, struct diag_list *diags,
		      const struct collection_load_opts *o)
{
	const char *body;
	size_t blen;
	char *buf;
	article_load_file(a, root, rel, fm, diags, &body, &blen, &buf);
	if (o->each) o->each(o->ectx, a, body, blen);
	free(buf);
}

#define PROGRESS_EVERY 256

/* The cache key of the k-th file read (job j): the file's stat as the
 * loader opened it (what was read; a cold scan did not stat it), the
 * sidecars' from the scan. */
static const struct metacache_key *job_key(const struct scan *s, size_t k, const struct loadjob *j)
{
	if (j->have_file) s->keys[k].file = j->file;
	return &s->keys[k];
}

/* Step through the articles in scan order: taken from the cache, or moved
 * in from the pool's jobs with their diagnostics and cache records, so the
 * result and the diagnostics are those of a serial load. Returns false
 * when cancelled. */
static bool assemble(struct collection *c, const struct scan *s, struct loadpool *pool,
		     const struct fieldmap *fm, struct diag_list *diags,
		     const struct collection_load_opts *o)
{
	size_t k = 0, seen = s->ntodo, reported = s->ntodo;
	for (size_t i = 0; i < s->n; i++) {
		if (cancelled(o->cancel)) return false;
		struct article *a = &c->items[i];
		if (scan_read(s, i)) {
			const char *rel = s->rel.v[k];
			struct loadjob *j = loadpool_job(pool, k);
			*a = j->a;
			memset(&j->a, 0, sizeof j->a);
			diag_list_move(diags, &j->diags);
			if (o->cache && j->blob) {
				metacache_put_blob(o->cache, rel, job_key(s, k, j), j->blob, j->blen);
				j->blob = NULL;
			}
			k++;
			continue;
		}
		/* a damaged record: read the file after all, here (its key is
		 * the record's: the folder or the stat vouched for it) */
		size_t before = diags->n;
		const char *rel = metacache_rel(o->cache, s->recs[i]);
		if (!take_cached(a, c->root, o->cache, rel, NULL, s->recs[i], diags)) {
			struct metacache_key key;
			metacache_key_at(o->cache, s->recs[i], &key);
			load_here(a, c->root, rel, fm, diags, o);
			metacache_put(o->cache, rel, &key, a, c->root, diags, before);
		}
		seen++;
		if (o->progress && seen % PROGRESS_EVERY == 0) {
			o->progress(o->pctx, seen);
			reported = seen;
		}
	}
	if (o->progress && s->n && reported != s->n) o->progress(o->pctx, s->n);
	return true;
}

/* A cancelled load records in the cache what its threads finished, so that
 * quitting during a long first load does not throw that work away. Every
 * job taken was finished: a thread looks at the stop only between files,
 * and all have been joined. */
static void keep_finished(const struct scan *s, struct loadpool *pool, struct metacache *mc)
{
	size_t taken = loadpool_taken(pool);
	for (size_t k = 0; k < taken; k++) {
		struct loadjob *j = loadpool_job(pool, k);
		if (!j->blob) continue; /* unreadable: tried again next time */
		metacache_put_blob(mc, j->rel, job_key(s, k, j), j->blob, j->blen);
		j->blob = NULL;
	}
}

/* Did the scan find exactly the snap_n articles the snapshot decoded,
 * each unchanged? Then their records are kept without decoding them. */
static bool snapshot_stands(struct scan *s, size_t snap_n)
{
	if (!s->mc || s->n != snap_n) return false;
	for (size_t i = 0; i < s->n; i++) {
		if (s->recs[i] == NOREC) return false; /* read: not the snapshot's */
		size_t r = metacache_shown(s->mc, metacache_rel(s->mc, s->recs[i]), NULL, s->recs[i]);
		if (r == SIZE_MAX) return false;
		s->recs[i] = (uint32_t)r;
	}
	for (size_t i = 0; i < s->n; i++) metacache_keep_at(s->mc, s->recs[i]);
	return true;
}

/* What a scan holds once the collection is made from it (or not). */
static void scan_free(struct scan *s)
{
	loadpool_free(s->pool);
	free(s->todo);
	free(s->rel.v);
	arena_free(&s->rel.ar);
	free(s->keys);
	free(s->recs);
}

int collection_load_with_opts(struct collection *c, const char *root, const struct fieldmap *fm,
			      struct diag_list *diags, const struct collection_load_opts *o)
{
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
	int64_t now = (int64_t)time(NULL);
	int64_t swept = o->cache ? metacache_swept(o->cache) : 0;
	struct scan s = {.c = c, .diags = diags, .mc = o->cache, .now = now};
	/* every file stat-ed: asked for, or the last time is too long ago (or
	 * in the future: the clock was set back) */
	s.full = o->check_every <= 0 || !swept || swept > now || now - swept >= o->check_every;
	if (s.full && o->cache) metacache_set_swept(o->cache, now);
	s.nostat = !o->cache || metacache_count(o->cache) == 0;
	s.pool = loadpool_new(c->root, fm, o, o->cache != NULL);
	scan_dir(&s, "", 0, &st);
	size_t n = s.n;
	if (o->found && !s.stopped) o->found(o->ectx, n);
	bool ok = loadpool_finish(s.pool) && !s.stopped;
	if (o->same) *o->same = false;
	if (ok && o->snap_n && o->same && snapshot_stands(&s, o->snap_n)) {
		*o->same = true; /* nothing read, nothing decoded: c stays empty */
		scan_free(&s);
		if (o->progress && n) o->progress(o->pctx, n);
		return 0;
	}
	c->items = xcalloc(n ? n : 1, sizeof *c->items);
	c->cap = n;
	if (!ok && o->cache) keep_finished(&s, s.pool, o->cache);
	ok = ok && assemble(c, &s, s.pool, fm, diags, o);
	/* every slot is filled or still zeroed: article_free copes with both */
	c->n = n;
	scan_free(&s);
	if (!ok) {
		for (size_t i = 0; i < c->n; i++) article_free(&c->items[i]);
		c->n = 0;
		return -2;
	}
	sort_by_id(c);
	unique_ids(c, diags);
	return 0;
}

int collection_load_with(struct collection *c, const char *root, const struct fieldmap *fm,
			 struct diag_list *diags, collection_progress_fn progress, void *pctx,
			 void (*each)(void *ctx, struct article *a, const char *body, size_t len),
			 void *ectx)
{
	const struct collection_load_opts o = {.progress = progress, .pctx = pctx, .each = each,
					       .ectx = ectx};
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
	arena_free(&c->arena);
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

/* article_load_join(root, rel) in the arena. */
static char *join_in(struct arena *ar, const char *root, size_t rootlen, const char *rel)
{
	bool slash = !rootlen || root[rootlen - 1] == '/'; /* no slash to add */
	size_t rl = strlen(rel);
	char *p = arena_chars(ar, rootlen + !slash + rl + 1);
	memcpy(p, root, rootlen);
	if (!slash) p[rootlen] = '/';
	memcpy(p + rootlen + !slash, rel, rl + 1);
	return p;
}

size_t collection_from_cache(struct collection *c, const char *root, struct metacache *mc,
			     struct diag_list *diags)
{
	return collection_from_cache_with(c, root, mc, diags, NULL, NULL, NULL);
}

size_t collection_from_cache_with(struct collection *c, const char *root, struct metacache *mc,
				  struct diag_list *diags, collection_progress_fn progress,
				  void *pctx, const atomic_int *cancel)
{
	memset(c, 0, sizeof *c);
	c->root = xstrdup(root);
	size_t n = mc ? metacache_count(mc) : 0;
	c->items = xcalloc(n ? n : 1, sizeof *c->items);
	c->cap = n;
	size_t rootlen = strlen(root);
	struct strcache *sc = strcache_new(&c->arena);
	for (size_t i = 0; i < n; i++) {
		if (i % 4096 == 0 && i && progress) progress(pctx, i);
		if (i % 4096 == 0 && cancel && atomic_load(cancel)) {
			for (size_t k = 0; k < c->n; k++) article_free(&c->items[k]);
			c->n = 0;
			strcache_free(sc);
			return 0;
		}
		const char *rel = metacache_rel(mc, i);
		struct article *a = &c->items[c->n];
		memset(a, 0, sizeof *a);
		size_t stem = 0;
		if (!article_load_is_article(rel, &stem)) continue;
		/* every string in the collection's arena: a few big blocks
		 * instead of a dozen mallocs per article */
		a->in_arena = true;
		a->id = arena_strndup(&c->arena, rel, stem);
		a->path = join_in(&c->arena, c->root, rootlen, rel);
		if (metacache_peek(mc, i, a, c->root, diags, &c->arena, sc)) {
			c->n++;
		} else { /* a damaged record: the refresh reads that file */
			article_free(a);
			memset(a, 0, sizeof *a);
		}
	}
	strcache_free(sc);
	sort_by_id(c);
	unique_ids(c, diags);
	return c->n;
}

/* SPDX-License-Identifier: MIT
 * Full-text index on SQLite FTS5 with our own tokenizer. Why FTS5: an
 * inverted index with phrase positions, incremental inserts and crash-safe
 * transactions, already packaged by Debian; what we add is the tokenizer, so
 * that index and query fold text identically. The table is contentless
 * (bodies stay in the files), which FTS5 of Debian's SQLite cannot delete
 * rows from; so a changed or vanished article only loses its row in `docs`
 * (its old postings become unreachable) and the whole index is rebuilt
 * once such stale rows outnumber a quarter of the live ones. Damage to
 * the file (SQLite does not checksum pages) is caught by core/find/ftscheck
 * before results are served; a damaged index is rebuilt. */
#include "core/find/ftsindex.h"

#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/text/article_text.h"
#include "core/base/fsutil.h"
#include "core/find/ftscheck.h"
#include "core/find/ftstoken.h"
#include "core/base/strbuf.h"
#include "core/text/utf8.h"
#include "core/base/util.h"
#include "core/base/xdg.h"

#include "core/find/ftsindex_int.h"

/* ---- opening ---- */

static char *db_err(sqlite3 *db, const char *what)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_addf(&sb, "full-text index: %s: %s", what, db ? sqlite3_errmsg(db) : "out of memory");
	return strbuf_steal(&sb);
}

static const char schema[] =
	"PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
	"CREATE TABLE IF NOT EXISTS meta(k TEXT PRIMARY KEY, v INTEGER);"
	"CREATE TABLE IF NOT EXISTS docs(rowid INTEGER PRIMARY KEY, id TEXT UNIQUE NOT NULL,"
	" size INTEGER, mtime INTEGER, hasbody INTEGER);"
	"CREATE VIRTUAL TABLE IF NOT EXISTS body USING fts5(text, content='',"
	" tokenize='dossier', columnsize=0);";

static int64_t meta_get(sqlite3 *db, const char *k)
{
	sqlite3_stmt *st;
	int64_t v = -1;
	if (sqlite3_prepare_v2(db, "SELECT v FROM meta WHERE k=?", -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_text(st, 1, k, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW) v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

static int64_t max_rowid(sqlite3 *db)
{
	sqlite3_stmt *st;
	int64_t v = 0;
	if (sqlite3_prepare_v2(db, "SELECT coalesce(max(rowid), 0) FROM docs", -1, &st, NULL) != SQLITE_OK)
		return 0;
	if (sqlite3_step(st) == SQLITE_ROW) v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

static void meta_set(sqlite3 *db, const char *k, int64_t v)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db, "INSERT OR REPLACE INTO meta VALUES(?,?)", -1, &st, NULL))
		return;
	sqlite3_bind_text(st, 1, k, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, v);
	sqlite3_step(st);
	sqlite3_finalize(st);
}

static void remove_db(const char *file)
{
	ftscheck_forget(file);
	static const char *const suffix[] = {"", "-wal", "-shm", "-journal"};
	for (size_t i = 0; i < ARRAY_LEN(suffix); i++) {
		struct strbuf sb = STRBUF_INIT;
		strbuf_addf(&sb, "%s%s", file, suffix[i]);
		unlink(sb.buf);
		strbuf_free(&sb);
	}
}

static void make_private(const char *file);

static sqlite3 *try_open(const char *file, char **err)
{
	sqlite3 *db = NULL;
	if (sqlite3_open_v2(file, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
				SQLITE_OPEN_NOFOLLOW, NULL) != SQLITE_OK) {
		*err = db_err(db, "cannot open");
		sqlite3_close(db);
		return NULL;
	}
	sqlite3_busy_timeout(db, 5000); /* another dossier refreshing the same index */
	/* only a refresh, under the lock and followed by a new checksum, may
	 * change the main file: closing must not checkpoint the WAL into it */
	sqlite3_db_config(db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
	if (ftstoken_register(db) < 0 || sqlite3_exec(db, schema, NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_exec(db, "SELECT count(*) FROM docs", NULL, NULL, NULL) != SQLITE_OK) {
		*err = db_err(db, "unusable");
		sqlite3_close(db);
		return NULL;
	}
	int64_t fmt = meta_get(db, "format");
	if (fmt != FTS_FORMAT) {
		if (fmt != -1) { /* an older layout: start over */
			sqlite3_close(db);
			remove_db(file);
			make_private(file);
			return try_open(file, err);
		}
		meta_set(db, "format", FTS_FORMAT);
	}
	return db;
}

/* The index is 0600 like the other cache files; SQLite gives its -wal and
 * -shm files the mode of the main file. */
static void make_private(const char *file)
{
	struct stat st;
	if (lstat(file, &st) < 0) {
		int fd = open(file, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
		if (fd >= 0) close(fd);
	} else if (S_ISREG(st.st_mode) && (st.st_mode & 0077)) {
		chmod(file, st.st_mode & 0600);
	}
}

/* Damage found: stop answering, and make sure the next open rebuilds even
 * if this process ends first. The note is said once. */
void ftsindex_set_damaged(struct ftsindex *fx, const char *why)
{
	if (fx->damaged) return;
	fx->damaged = true;
	ftscheck_forget(fx->file);
	free(fx->note);
	struct strbuf sb = STRBUF_INIT;
	strbuf_addf(&sb, "full-text index damaged (%s): answered from the files; rebuilt at the "
		    "next refresh", why);
	fx->note = strbuf_steal(&sb);
}

const char *ftsindex_verify_why(enum ftscheck_result r)
{
	return r == FTSCHECK_NOSUM ? "no checksum beside it" : r == FTSCHECK_DAMAGED
	       ? "checksum mismatch" : "cannot be read";
}

/* Under the exclusive lock: check the file against its checksum; a bad
 * one is deleted (the caller opens afresh). An empty file is a new index.
 * Returns what was wrong, or NULL. */
static const char *verify_or_remove(const char *file, struct ftscheck_stamp *seen)
{
	struct stat st;
	if (stat(file, &st) == 0 && st.st_size == 0) return NULL;
	enum ftscheck_result r = ftscheck_verify(file, false, seen, true);
	if (r == FTSCHECK_OK) return NULL;
	remove_db(file);
	make_private(file);
	return ftsindex_verify_why(r);
}

struct ftsindex *ftsindex_open_file(const char *file, char **err)
{
	*err = NULL;
	make_private(file);
	struct ftscheck_stamp seen = {0};
	/* another dossier refreshing holds the lock: open unverified; queries
	 * are answered once a check succeeds (fts_trusted) */
	int lock = ftscheck_lock(file, true, FTS_LOCK_WAIT_MS);
	const char *bad = lock >= 0 ? verify_or_remove(file, &seen) : NULL;
	sqlite3 *db = try_open(file, err);
	if (!db) { /* damaged: it is only a cache, so start afresh once */
		char *first = *err;
		remove_db(file);
		make_private(file);
		db = try_open(file, err);
		if (!db) {
			free(first);
			ftscheck_unlock(lock);
			return NULL;
		}
		struct strbuf sb = STRBUF_INIT;
		strbuf_addf(&sb, "%s; rebuilt", first);
		free(first);
		*err = strbuf_steal(&sb);
	} else if (bad) {
		struct strbuf sb = STRBUF_INIT;
		strbuf_addf(&sb, "full-text index damaged (%s): rebuilt", bad);
		*err = strbuf_steal(&sb);
	}
	struct ftsindex *fx = xcalloc(1, sizeof *fx);
	fx->db = db;
	fx->file = xstrdup(file);
	/* a new or reset file was just written by try_open: stamp it */
	if (lock >= 0) fx->verified = ftscheck_same(file, &seen) || ftscheck_write(file, &seen) == 0;
	fx->seen = seen;
	ftscheck_unlock(lock);
	int64_t stale = meta_get(db, "stale");
	fx->stale = stale > 0 ? (size_t)stale : 0;
	return fx;
}

struct ftsindex *ftsindex_open(const char *root, char **err)
{
	char *file = xdg_collection_file(XDG_BASE_CACHE, root, ".fts");
	if (!file) {
		*err = xstrdup("full-text index: no cache folder (set HOME or XDG_CACHE_HOME)");
		return NULL;
	}
	char *dir = fsutil_dirname(file);
	fsutil_mkdir_p(dir, 0700);
	free(dir);
	struct ftsindex *fx = ftsindex_open_file(file, err);
	free(file);
	return fx;
}

/* ---- refreshing ---- */

static void memo_clear(struct ftsindex *fx)
{
	for (size_t i = 0; i < FTS_MEMO; i++) {
		free(fx->memo[i].key);
		free(fx->memo[i].bits);
		fx->memo[i].key = NULL;
		fx->memo[i].bits = NULL;
	}
}

static int by_rowid_cmp(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return x < y ? -1 : x > y;
}

static void build_by_rowid(struct ftsindex *fx)
{
	free(fx->by_rowid);
	fx->by_rowid = xcalloc(fx->n ? fx->n : 1, sizeof *fx->by_rowid);
	fx->nby = 0;
	for (size_t i = 0; i < fx->n; i++)
		if (fx->rowid_of[i]) {
			fx->by_rowid[fx->nby].rowid = fx->rowid_of[i];
			fx->by_rowid[fx->nby++].art = i;
		}
	if (fx->nby > 1) qsort(fx->by_rowid, fx->nby, sizeof *fx->by_rowid, by_rowid_cmp);
	/* rowids are handed out in order, so they stay dense until many
	 * re-indexings: then the binary search of by_rowid serves */
	free(fx->art_of);
	fx->art_of = NULL;
	fx->nart_of = 0;
	int64_t top = fx->nby ? fx->by_rowid[fx->nby - 1].rowid : 0;
	if (fx->nby && top > 0 && (uint64_t)top <= 4 * (uint64_t)fx->nby + 1024 && fx->n < UINT32_MAX) {
		fx->nart_of = (size_t)top + 1;
		fx->art_of = xcalloc(fx->nart_of, sizeof *fx->art_of);
		for (size_t i = 0; i < fx->nby; i++)
			if (fx->by_rowid[i].rowid > 0)
				fx->art_of[fx->by_rowid[i].rowid] = (uint32_t)fx->by_rowid[i].art + 1;
	}
}

static bool exec_ok(struct ftsindex *fx, const char *sql, char **err)
{
	if (sqlite3_exec(fx->db, sql, NULL, NULL, NULL) == SQLITE_OK) return true;
	*err = db_err(fx->db, sql);
	return false;
}

/* Forget everything once stale postings pile up (they cost space and
 * query time, and contentless FTS5 here cannot delete them one by one). */
static bool maybe_rebuild(struct ftsindex *fx, char **err)
{
	int64_t live = meta_get(fx->db, "live");
	if (fx->stale < 1000 || (int64_t)fx->stale < (live > 0 ? live : 0) / 4) return true;
	if (!exec_ok(fx, "BEGIN IMMEDIATE; DELETE FROM docs;"
			 " INSERT INTO body(body) VALUES('delete-all');"
			 " UPDATE meta SET v=0 WHERE k='stale'; DELETE FROM meta WHERE k='nextrow';"
			 " COMMIT;", err))
		return false;
	fx->stale = 0;
	return true;
}

static long refresh_locked(struct ftsindex *fx, const struct collection *c,
			   ftsindex_progress_fn progress, void *pctx, const atomic_int *cancel,
			   char **err)
{
	memo_clear(fx);
	free(fx->rowid_of);
	free(fx->art_of); /* until build_by_rowid, nothing maps (an early return) */
	fx->art_of = NULL;
	fx->nart_of = fx->nby = 0;
	fx->n = c->n;
	fx->rowid_of = xcalloc(c->n ? c->n : 1, sizeof *fx->rowid_of);
	size_t stale_was = fx->stale;
	if (!maybe_rebuild(fx, err)) return -1;
	bool rebuilt = stale_was && !fx->stale;

	/* Merge the stored ids (ORDER BY id: BINARY collation is strcmp order)
	 * with the collection's sorted ids. */
	sqlite3_stmt *sel, *del, *ins_doc, *ins_body;
	if (sqlite3_prepare_v2(fx->db, "SELECT rowid, id, size, mtime FROM docs ORDER BY id", -1,
			       &sel, NULL) != SQLITE_OK) {
		*err = db_err(fx->db, "reading");
		return -1;
	}
	int64_t *gone = NULL;
	size_t ngone = 0, gcap = 0, art = 0;
	size_t *todo = xcalloc(c->n ? c->n : 1, sizeof *todo), ntodo = 0;
	while (sqlite3_step(sel) == SQLITE_ROW) {
		const char *id = (const char *)sqlite3_column_text(sel, 1);
		int64_t rowid = sqlite3_column_int64(sel, 0);
		int r = 1;
		while (id && art < c->n && (r = strcmp(c->items[art].id, id)) < 0) todo[ntodo++] = art++;
		if (id && r == 0) {
			const struct article *a = &c->items[art];
			if (a->size == sqlite3_column_int64(sel, 2) &&
			    a->mtime == sqlite3_column_int64(sel, 3)) {
				fx->rowid_of[art++] = rowid;
				continue;
			}
			todo[ntodo++] = art++;
		}
		ARRAY_RESERVE(gone, gcap, ngone + 1);
		gone[ngone++] = rowid;
	}
	sqlite3_finalize(sel);
	while (art < c->n) todo[ntodo++] = art++;
	ftsmemo_update_begin(fx, ntodo, rebuilt); /* the answers kept on disk follow */

	long done = 0;
	/* rowids only grow (FTS_FORMAT 3): the body keeps deleted rows' words */
	int64_t next = meta_get(fx->db, "nextrow");
	if (next < 1) next = max_rowid(fx->db) + 1;
	bool ok = sqlite3_prepare_v2(fx->db, "DELETE FROM docs WHERE rowid=?", -1, &del, NULL) == 0 &&
		  sqlite3_prepare_v2(fx->db, "INSERT OR REPLACE INTO docs(rowid, id, size, mtime,"
				     " hasbody) VALUES(?,?,?,?,?)", -1, &ins_doc, NULL) == 0 &&
		  sqlite3_prepare_v2(fx->db, "INSERT INTO body(rowid, text) VALUES(?,?)", -1,
				     &ins_body, NULL) == 0;
	if (!ok) *err = db_err(fx->db, "preparing");
	ok = ok && exec_ok(fx, "BEGIN IMMEDIATE", err);
	for (size_t i = 0; ok && i < ngone; i++) {
		sqlite3_bind_int64(del, 1, gone[i]);
		ok = sqlite3_step(del) == SQLITE_DONE;
		sqlite3_reset(del);
		fx->stale++;
	}
	for (size_t i = 0; ok && i < ntodo; i++) {
		if (cancel && *cancel) break;
		const struct article *a = &c->items[todo[i]];
		size_t len = 0;
		char *body = article_text_words_read(a, &len, NULL); /* the words as read */
		if (!body) continue; /* unreadable now: not answered, the query reads it */
		int64_t rowid = next++;
		sqlite3_bind_int64(ins_doc, 1, rowid);
		sqlite3_bind_text(ins_doc, 2, a->id, -1, SQLITE_STATIC);
		sqlite3_bind_int64(ins_doc, 3, a->size);
		sqlite3_bind_int64(ins_doc, 4, a->mtime);
		sqlite3_bind_int(ins_doc, 5, 1);
		ok = sqlite3_step(ins_doc) == SQLITE_DONE;
		sqlite3_reset(ins_doc);
		if (ok) {
			sqlite3_bind_int64(ins_body, 1, rowid);
			sqlite3_bind_text(ins_body, 2, body, (int)(len < 0x7fffffff ? len : 0x7fffffff),
					  SQLITE_STATIC);
			ok = sqlite3_step(ins_body) == SQLITE_DONE;
			sqlite3_reset(ins_body);
		}
		if (ok) ftsmemo_update_article(fx, rowid, body, len);
		free(body);
		if (!ok) break;
		fx->rowid_of[todo[i]] = rowid;
		done++;
		if (i % FTS_BATCH == FTS_BATCH - 1) {
			meta_set(fx->db, "stale", (int64_t)fx->stale);
			meta_set(fx->db, "nextrow", next);
			ok = exec_ok(fx, "COMMIT; BEGIN IMMEDIATE", err);
			if (progress) progress(pctx, i + 1, ntodo);
		}
	}
	if (ok) { /* nothing changed: nothing written, so no new checksum is needed */
		if (done || ngone || meta_get(fx->db, "live") != (int64_t)c->n) {
			meta_set(fx->db, "stale", (int64_t)fx->stale);
			meta_set(fx->db, "live", (int64_t)c->n);
			meta_set(fx->db, "nextrow", next);
		}
		ok = exec_ok(fx, "COMMIT", err);
	} else {
		if (!*err) *err = db_err(fx->db, "indexing");
		sqlite3_exec(fx->db, "ROLLBACK", NULL, NULL, NULL);
		/* what the rollback undid is not answered */
		memset(fx->rowid_of, 0, c->n * sizeof *fx->rowid_of);
	}
	if (progress) progress(pctx, ntodo, ntodo);
	sqlite3_finalize(del);
	sqlite3_finalize(ins_doc);
	sqlite3_finalize(ins_body);
	free(gone);
	free(todo);
	build_by_rowid(fx);
	return ok ? done : -1;
}

/* Start afresh after damage: an empty index, stamped. */
static bool reset_db(struct ftsindex *fx, char **err)
{
	sqlite3_close(fx->db);
	remove_db(fx->file);
	make_private(fx->file);
	fx->db = try_open(fx->file, err);
	fx->stale = 0;
	fx->damaged = false;
	return fx->db != NULL;
}

/* Every change happens here, under the exclusive lock: first the file is
 * checked (damage found since the open, or not checked then, means a
 * rebuild from nothing), last the WAL is folded into it and it is summed
 * again. Any SQLite error counts as damage: the next refresh rebuilds. */
long ftsindex_refresh(struct ftsindex *fx, const struct collection *c,
		      ftsindex_progress_fn progress, void *pctx, const atomic_int *cancel,
		      char **err)
{
	*err = NULL;
	int lock = ftscheck_lock(fx->file, true, FTS_LOCK_WAIT_MS);
	if (lock < 0) {
		*err = xstrdup("full-text index: busy (another dossier is updating it)");
		return -1;
	}
	if (!fx->damaged && (!fx->verified || !ftscheck_same(fx->file, &fx->seen))) {
		enum ftscheck_result r = ftscheck_verify(fx->file, false, &fx->seen, true);
		if (r != FTSCHECK_OK) ftsindex_set_damaged(fx, ftsindex_verify_why(r));
	}
	long n = -1;
	if (fx->damaged) ftsmemo_forget(fx); /* every row goes */
	if (!fx->damaged || reset_db(fx, err)) n = refresh_locked(fx, c, progress, pctx, cancel, err);
	if (n >= 0) {
		sqlite3_wal_checkpoint_v2(fx->db, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
		fx->verified = (fx->verified && ftscheck_same(fx->file, &fx->seen)) ||
			       ftscheck_write(fx->file, &fx->seen) == 0;
		ftsmemo_update_end(fx, true);
	} else {
		ftsmemo_update_end(fx, false);
		fx->verified = false;
		if (fx->db) ftsindex_set_damaged(fx, *err ? *err : "refresh failed");
	}
	ftscheck_unlock(lock);
	if (!fx->db) { /* reset_db failed: nothing to answer with */
		fx->damaged = true;
		n = -1;
	}
	return n;
}

char *ftsindex_take_note(struct ftsindex *fx)
{
	char *n = fx ? fx->note : NULL;
	if (fx) fx->note = NULL;
	return n;
}

struct ftsindex_stats ftsindex_stats(const struct ftsindex *fx)
{
	return (struct ftsindex_stats){fx->nby, fx->stale, fx->lookups};
}

void ftsindex_close(struct ftsindex *fx)
{
	if (!fx) return;
	ftsmemo_close(fx);
	memo_clear(fx);
	free(fx->note);
	sqlite3_close(fx->db);
	free(fx->rowid_of);
	free(fx->by_rowid);
	free(fx->art_of);
	free(fx->file);
	free(fx);
}

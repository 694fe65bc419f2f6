/* SPDX-License-Identifier: MIT
 * Full-text index on SQLite FTS5 with our own tokenizer. Why FTS5: an
 * inverted index with phrase positions, incremental inserts and crash-safe
 * transactions, already packaged by Debian; what we add is the tokenizer, so
 * that index and query fold text identically. The table is contentless
 * (bodies stay in the files), which FTS5 of Debian's SQLite cannot delete
 * rows from; so a changed or vanished article only loses its row in `docs`
 * (its old postings become unreachable) and the whole index is rebuilt
 * once such stale rows outnumber a quarter of the live ones. */
#include "core/ftsindex.h"

#include <errno.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/fsutil.h"
#include "core/strbuf.h"
#include "core/utf8.h"
#include "core/util.h"
#include "core/xdg.h"

/* Bump when the tokenizer or the schema changes: the index is rebuilt. */
#define FTS_FORMAT 1
#define FTS_BATCH 2000
#define FTS_MEMO 16

struct memo {
	char *key;       /* owned: the words joined by ' ' */
	unsigned char *bits; /* owned: one bit per article */
};

struct ftsindex {
	sqlite3 *db;
	char *file;        /* owned */
	int64_t *rowid_of; /* per article number; 0 = not answered */
	size_t n;
	struct { int64_t rowid; size_t art; } *by_rowid; /* sorted by rowid */
	size_t nby;
	struct memo memo[FTS_MEMO];
	size_t memo_next;
	size_t stale;
};

/* ---- the tokenizer ---- */

static bool ascii_only(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] >= 0x80) return false;
	return true;
}

/* Runs of word code points in already folded text. */
static void split_folded(const char *s, size_t n, void (*tok)(void *, const char *, size_t),
			 void *ctx)
{
	size_t i = 0, start = 0;
	bool in = false;
	while (i < n) {
		int32_t cp;
		size_t k;
		unsigned char b = (unsigned char)s[i];
		bool w;
		if (b < 0x80) {
			k = 1;
			w = (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9') || (b >= 'A' && b <= 'Z');
		} else {
			k = utf8_decode(s + i, n - i, &cp);
			w = utf8_is_word_cp(cp);
		}
		if (w && !in) start = i, in = true;
		if (!w && in) tok(ctx, s + start, i - start), in = false;
		i += k;
	}
	if (in) tok(ctx, s + start, n - start);
}

/* Fold like the query language does (query_eval.c folds bodies with
 * utf8_fold; for ASCII that is exactly lower-casing), then split. */
void ftsindex_tokenize(const char *text, size_t len,
		       void (*tok)(void *ctx, const char *word, size_t n), void *ctx)
{
	char *f;
	size_t flen;
	if (ascii_only(text, len)) {
		f = xmalloc(len + 1);
		for (size_t i = 0; i < len; i++)
			f[i] = (text[i] >= 'A' && text[i] <= 'Z') ? (char)(text[i] + 32) : text[i];
		flen = len;
	} else {
		f = utf8_fold(text, len, &flen);
	}
	split_folded(f, flen, tok, ctx);
	free(f);
}

struct tokctx {
	void *pctx;
	int (*xtoken)(void *, int, const char *, int, int, int);
	int rc;
	int pos;
};

static void emit(void *ctx, const char *w, size_t n)
{
	struct tokctx *t = ctx;
	if (t->rc != SQLITE_OK || n > 0x7fffffff) return;
	/* offsets only serve highlighting, which we never ask for */
	t->rc = t->xtoken(t->pctx, 0, w, (int)n, t->pos, t->pos + (int)n);
	t->pos += (int)n;
}

static int tk_create(void *u, const char **argv, int argc, Fts5Tokenizer **out)
{
	(void)u, (void)argv, (void)argc;
	*out = (Fts5Tokenizer *)xmalloc(1);
	return SQLITE_OK;
}

static void tk_delete(Fts5Tokenizer *t) { free(t); }

static int tk_tokenize(Fts5Tokenizer *t, void *pctx, int flags, const char *text, int n,
		       int (*xtoken)(void *, int, const char *, int, int, int))
{
	(void)t;
	struct tokctx c = {pctx, xtoken, SQLITE_OK, 0};
	/* Query text is our own already-folded words: split only, so that
	 * folding twice can never change a word. */
	if (flags & FTS5_TOKENIZE_QUERY) split_folded(text, (size_t)n, emit, &c);
	else ftsindex_tokenize(text, (size_t)n, emit, &c);
	return c.rc;
}

static int register_tokenizer(sqlite3 *db)
{
	fts5_api *api = NULL;
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL) != SQLITE_OK) return -1;
	sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
	sqlite3_step(st);
	sqlite3_finalize(st);
	if (!api) return -1;
	static fts5_tokenizer tk = {tk_create, tk_delete, tk_tokenize};
	return api->xCreateTokenizer(api, "dossier", NULL, &tk, NULL) == SQLITE_OK ? 0 : -1;
}

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
	static const char *const suffix[] = {"", "-wal", "-shm", "-journal"};
	for (size_t i = 0; i < ARRAY_LEN(suffix); i++) {
		struct strbuf sb = STRBUF_INIT;
		strbuf_addf(&sb, "%s%s", file, suffix[i]);
		unlink(sb.buf);
		strbuf_free(&sb);
	}
}

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
	if (register_tokenizer(db) < 0 || sqlite3_exec(db, schema, NULL, NULL, NULL) != SQLITE_OK ||
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
			return try_open(file, err);
		}
		meta_set(db, "format", FTS_FORMAT);
	}
	return db;
}

struct ftsindex *ftsindex_open_file(const char *file, char **err)
{
	*err = NULL;
	sqlite3 *db = try_open(file, err);
	if (!db) { /* damaged: it is only a cache, so start afresh once */
		char *first = *err;
		remove_db(file);
		db = try_open(file, err);
		if (!db) {
			free(first);
			return NULL;
		}
		struct strbuf sb = STRBUF_INIT;
		strbuf_addf(&sb, "%s; rebuilt", first);
		free(first);
		*err = strbuf_steal(&sb);
	}
	struct ftsindex *fx = xcalloc(1, sizeof *fx);
	fx->db = db;
	fx->file = xstrdup(file);
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
			 " UPDATE meta SET v=0 WHERE k='stale'; COMMIT;", err))
		return false;
	fx->stale = 0;
	return true;
}

long ftsindex_refresh(struct ftsindex *fx, const struct collection *c,
		      ftsindex_progress_fn progress, void *pctx, const atomic_int *cancel,
		      char **err)
{
	*err = NULL;
	memo_clear(fx);
	free(fx->rowid_of);
	fx->n = c->n;
	fx->rowid_of = xcalloc(c->n ? c->n : 1, sizeof *fx->rowid_of);
	if (!maybe_rebuild(fx, err)) return -1;

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

	long done = 0;
	bool ok = sqlite3_prepare_v2(fx->db, "DELETE FROM docs WHERE rowid=?", -1, &del, NULL) == 0 &&
		  sqlite3_prepare_v2(fx->db, "INSERT OR REPLACE INTO docs(id, size, mtime, hasbody)"
				     " VALUES(?,?,?,?)", -1, &ins_doc, NULL) == 0 &&
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
		char *body = article_body_read(a, &len, NULL);
		if (!body) continue; /* unreadable now: not answered, the query reads it */
		sqlite3_bind_text(ins_doc, 1, a->id, -1, SQLITE_STATIC);
		sqlite3_bind_int64(ins_doc, 2, a->size);
		sqlite3_bind_int64(ins_doc, 3, a->mtime);
		sqlite3_bind_int(ins_doc, 4, 1);
		ok = sqlite3_step(ins_doc) == SQLITE_DONE;
		sqlite3_reset(ins_doc);
		int64_t rowid = sqlite3_last_insert_rowid(fx->db);
		if (ok) {
			sqlite3_bind_int64(ins_body, 1, rowid);
			sqlite3_bind_text(ins_body, 2, body, (int)(len < 0x7fffffff ? len : 0x7fffffff),
					  SQLITE_STATIC);
			ok = sqlite3_step(ins_body) == SQLITE_DONE;
			sqlite3_reset(ins_body);
		}
		free(body);
		if (!ok) break;
		fx->rowid_of[todo[i]] = rowid;
		done++;
		if (i % FTS_BATCH == FTS_BATCH - 1) {
			meta_set(fx->db, "stale", (int64_t)fx->stale);
			ok = exec_ok(fx, "COMMIT; BEGIN IMMEDIATE", err);
			if (progress) progress(pctx, i + 1, ntodo);
		}
	}
	if (ok) {
		meta_set(fx->db, "stale", (int64_t)fx->stale);
		meta_set(fx->db, "live", (int64_t)c->n);
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

/* ---- answering ---- */

static bool memo_is(const struct memo *m, const char *const *words, size_t n)
{
	const char *k = m->key;
	if (!k) return false;
	for (size_t i = 0; i < n; i++) {
		size_t l = strlen(words[i]);
		if (strncmp(k, words[i], l) != 0) return false;
		k += l;
		if (*k != (i + 1 < n ? ' ' : '\0')) return false;
		if (*k) k++;
	}
	return true;
}

struct onetok {
	const char *w;
	size_t n, count;
};

static void count_tok(void *ctx, const char *w, size_t n)
{
	struct onetok *o = ctx;
	o->count++;
	o->w = w;
	o->n = n;
}

/* A word the index can answer is one whole token as the tokenizer sees it. */
static bool is_one_token(const char *word)
{
	struct onetok o = {0};
	size_t l = strlen(word);
	split_folded(word, l, count_tok, &o);
	return o.count == 1 && o.n == l;
}

static unsigned char *run_query(struct ftsindex *fx, const char *const *words, size_t n)
{
	struct strbuf q = STRBUF_INIT;
	strbuf_addc(&q, '"');
	for (size_t i = 0; i < n; i++) {
		if (!is_one_token(words[i])) {
			strbuf_free(&q);
			return NULL;
		}
		strbuf_addf(&q, "%s%s", i ? " " : "", words[i]);
	}
	strbuf_addc(&q, '"');
	sqlite3_stmt *st;
	unsigned char *bits = NULL;
	if (sqlite3_prepare_v2(fx->db, "SELECT rowid FROM body WHERE body MATCH ?", -1, &st, NULL) ==
	    SQLITE_OK) {
		sqlite3_bind_text(st, 1, q.buf, (int)q.len, SQLITE_STATIC);
		bits = xcalloc(fx->n / 8 + 1, 1);
		int rc;
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			int64_t rowid = sqlite3_column_int64(st, 0);
			size_t lo = 0, hi = fx->nby; /* rowids not live map to nothing */
			while (lo < hi) {
				size_t mid = lo + (hi - lo) / 2;
				if (fx->by_rowid[mid].rowid < rowid) lo = mid + 1;
				else hi = mid;
			}
			if (lo < fx->nby && fx->by_rowid[lo].rowid == rowid) {
				size_t a = fx->by_rowid[lo].art;
				bits[a / 8] |= (unsigned char)(1u << (a % 8));
			}
		}
		if (rc != SQLITE_DONE) {
			free(bits);
			bits = NULL;
		}
	}
	sqlite3_finalize(st);
	strbuf_free(&q);
	return bits;
}

int ftsindex_text_match(void *p, size_t art, const char *const *words, size_t n)
{
	struct ftsindex *fx = p;
	if (!fx || art >= fx->n || !fx->rowid_of[art] || n == 0) return -1;
	struct memo *m = NULL;
	for (size_t i = 0; i < FTS_MEMO && !m; i++)
		if (memo_is(&fx->memo[i], words, n)) m = &fx->memo[i];
	if (!m) {
		m = &fx->memo[fx->memo_next];
		fx->memo_next = (fx->memo_next + 1) % FTS_MEMO;
		free(m->key);
		free(m->bits);
		struct strbuf k = STRBUF_INIT;
		for (size_t i = 0; i < n; i++) strbuf_addf(&k, "%s%s", i ? " " : "", words[i]);
		m->key = strbuf_steal(&k);
		m->bits = run_query(fx, words, n); /* NULL: the index cannot say */
	}
	if (!m->bits) return -1;
	return (m->bits[art / 8] >> (art % 8)) & 1;
}

struct ftsindex_stats ftsindex_stats(const struct ftsindex *fx)
{
	return (struct ftsindex_stats){fx->nby, fx->stale};
}

void ftsindex_close(struct ftsindex *fx)
{
	if (!fx) return;
	memo_clear(fx);
	sqlite3_close(fx->db);
	free(fx->rowid_of);
	free(fx->by_rowid);
	free(fx->file);
	free(fx);
}

/* SPDX-License-Identifier: MIT
 * The full-text index's tokenizer, registered with SQLite FTS5 as
 * "dossier": it folds and splits text exactly as the query language does,
 * so that index and query agree on what a word is (see ftsindex.c). */
#include "core/find/ftstoken.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>

#include "core/find/ftsindex.h"
#include "core/text/utf8.h"
#include "core/base/util.h"

static bool ascii_only(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] >= 0x80) return false;
	return true;
}

/* Runs of word code points in already folded text. */
void ftstoken_split(const char *s, size_t n, void (*tok)(void *, const char *, size_t), void *ctx)
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
	ftstoken_split(f, flen, tok, ctx);
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
	if (flags & FTS5_TOKENIZE_QUERY) ftstoken_split(text, (size_t)n, emit, &c);
	else ftsindex_tokenize(text, (size_t)n, emit, &c);
	return c.rc;
}

int ftstoken_register(sqlite3 *db)
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

/* SPDX-License-Identifier: MIT
 * Answering from the full-text index: the articles holding a word list,
 * kept in a small memo; whole word lists at once for long OR queries. The
 * file is checked (core/find/ftscheck) before an answer is trusted. */
#include "core/find/ftsindex_int.h"

#include <stdlib.h>
#include <string.h>

#include "core/find/ftstoken.h"
#include "core/base/strbuf.h"
#include "core/text/utf8.h"
#include "core/base/util.h"

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
	ftstoken_split(word, l, count_tok, &o);
	return o.count == 1 && o.n == l;
}

/* Before results are served: the file must still be the one verified.
 * A stat() while it is; a new check when another dossier changed it (the
 * lock is not waited for: the caller reads the files meanwhile). */
static bool fts_trusted(struct ftsindex *fx)
{
	if (fx->damaged) return false;
	if (fx->verified && ftscheck_same(fx->file, &fx->seen)) return true;
	int lock = ftscheck_lock(fx->file, false, 0);
	if (lock < 0) return false;
	enum ftscheck_result r = ftscheck_verify(fx->file, false, &fx->seen, false);
	ftscheck_unlock(lock);
	fx->verified = r == FTSCHECK_OK;
	if (!fx->verified) ftsindex_set_damaged(fx, ftsindex_verify_why(r));
	return fx->verified;
}

static unsigned char *run_query(struct ftsindex *fx, const char *const *words, size_t n)
{
	if (!fts_trusted(fx)) return NULL;
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
	fx->lookups++;
	sqlite3_stmt *st;
	unsigned char *bits = NULL;
	int prc = sqlite3_prepare_v2(fx->db, "SELECT rowid FROM body WHERE body MATCH ?", -1, &st, NULL);
	if (prc != SQLITE_OK && prc != SQLITE_BUSY && prc != SQLITE_LOCKED)
		ftsindex_set_damaged(fx, sqlite3_errmsg(fx->db));
	if (prc == SQLITE_OK) {
		sqlite3_bind_text(st, 1, q.buf, (int)q.len, SQLITE_STATIC);
		bits = xcalloc(fx->n / 8 + 1, 1);
		int rc;
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			int64_t rowid = sqlite3_column_int64(st, 0);
			if (fx->art_of) { /* rowids not live map to nothing */
				size_t a = rowid > 0 && (uint64_t)rowid < fx->nart_of ? fx->art_of[rowid] : 0;
				if (a--) bits[a / 8] |= (unsigned char)(1u << (a % 8));
				continue;
			}
			size_t lo = 0, hi = fx->nby;
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
		if (rc != SQLITE_DONE) { /* never a partial answer */
			if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED) ftsindex_set_damaged(fx, sqlite3_errmsg(fx->db));
			free(bits);
			bits = NULL;
		}
	}
	sqlite3_finalize(st);
	strbuf_free(&q);
	return bits;
}

/* The memo of words, run now when it is not there. */
static struct memo *memo_for(struct ftsindex *fx, const char *const *words, size_t n)
{
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
		/* FILE.memo first (trusted only for the index as verified now) */
		m->bits = fts_trusted(fx) ? ftsmemo_find(fx, m->key) : NULL;
		if (!m->bits) {
			m->bits = run_query(fx, words, n); /* NULL: the index cannot say */
			if (m->bits) ftsmemo_put(fx, m->key, m->bits);
		}
	}
	return m;
}

int ftsindex_text_match(void *p, size_t art, const char *const *words, size_t n)
{
	struct ftsindex *fx = p;
	if (!fx || art >= fx->n || !fx->rowid_of[art] || n == 0 || fx->damaged) return -1;
	const struct memo *m = memo_for(fx, words, n);
	if (!m->bits) return -1;
	return (m->bits[art / 8] >> (art % 8)) & 1;
}

int ftsindex_text_set(void *p, const char *const *words, size_t n, unsigned char *hits,
		      unsigned char *known, size_t nart)
{
	struct ftsindex *fx = p;
	if (!fx || n == 0 || nart != fx->n || fx->damaged) return -1;
	unsigned char *bits = run_query(fx, words, n); /* cost: this term's postings */
	if (!bits) return -1;
	memcpy(hits, bits, fx->n / 8 + 1);
	free(bits);
	for (size_t i = 0; known && i < fx->nby; i++) {
		size_t a = fx->by_rowid[i].art;
		known[a / 8] |= (unsigned char)(1u << (a % 8));
	}
	return 0;
}

const unsigned char *ftsindex_text_bits(void *p, const char *const *words, size_t n)
{
	struct ftsindex *fx = p;
	if (!fx || n == 0 || fx->damaged) return NULL;
	return memo_for(fx, words, n)->bits;
}

bool ftsindex_knows(const void *p, size_t art)
{
	const struct ftsindex *fx = p;
	return fx && art < fx->n && fx->rowid_of[art] && !fx->damaged;
}


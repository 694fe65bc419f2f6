/* SPDX-License-Identifier: MIT
 * The full-text index's answers kept on disk (FILE.memo beside the index):
 * a word list common over a collection ("flood", a phrase) costs SQLite
 * tens of ms at 100,000 articles, and the saved searches ask the same ones
 * at every start. An answer is kept by rowid and trusted only while the
 * index file is the one it was made from (its stamp) and the memo's own
 * checksum holds; anything else is ignored and made again. A refresh of a
 * few articles keeps the answers current (each new body is looked at for
 * every kept word list), so the counts after an edit need no SQLite either. */
#include "core/find/ftsindex_int.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/base/fsutil.h"
#include "core/base/strbuf.h"
#include "core/base/util.h"
#include "core/find/query_int.h"
#include "core/text/utf8.h"

static const char memo_magic[8] = {'D', 'O', 'S', 'M', 'E', 'M', 'O', '1'};

struct ftsmemo_entry {
	char *key;            /* owned: the words joined by ' ' */
	unsigned char *rows;  /* owned: bit r for rowid r, (nrows + 7) / 8 bytes */
};

struct ftsmemo {
	struct ftsmemo_entry v[FTS_DISK_MEMO];
	size_t n;
	uint64_t nrows;              /* bits per entry: the highest rowid + 1 */
	struct ftscheck_stamp stamp; /* the index file the answers came from */
	bool dirty;                  /* changed since read: write at close */
	bool updating;               /* a refresh keeps the answers current */
};

static uint64_t fnv(const unsigned char *p, size_t n)
{
	uint64_t h = 1469598103934665603u;
	for (size_t i = 0; i < n; i++) h = (h ^ p[i]) * 1099511628211u;
	return h;
}

static char *memo_path(const struct ftsindex *fx)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_addf(&sb, "%s.memo", fx->file);
	return strbuf_steal(&sb);
}

static void stamp_words(const struct ftscheck_stamp *s, uint64_t w[7])
{
	w[0] = s->dev, w[1] = s->ino, w[2] = s->size;
	w[3] = (uint64_t)s->mtime_s, w[4] = (uint64_t)s->mtime_ns;
	w[5] = (uint64_t)s->ctime_s, w[6] = (uint64_t)s->ctime_ns;
}

static bool same_stamp(const struct ftscheck_stamp *a, const struct ftscheck_stamp *b)
{
	uint64_t x[7], y[7];
	stamp_words(a, x);
	stamp_words(b, y);
	return memcmp(x, y, sizeof x) == 0;
}

static void memo_drop(struct ftsmemo *m)
{
	for (size_t i = 0; i < m->n; i++) {
		free(m->v[i].key);
		free(m->v[i].rows);
	}
	m->n = 0;
}

/* Read FILE.memo into m when it holds answers for the index as stamped
 * now; every length is checked against what is left (a hostile file is
 * ignored, never trusted). */
static void memo_read(struct ftsindex *fx, struct ftsmemo *m)
{
	char *path = memo_path(fx), *data = NULL;
	size_t len = 0;
	int err = fsutil_read_file(path, (size_t)FTS_DISK_MEMO * (FTS_MEMO_MAX_ROWS / 8 + 4096), &data,
				   &len);
	free(path);
	const unsigned char *p = (const unsigned char *)data;
	uint64_t head[10], want[7];
	if (err || len < sizeof memo_magic + sizeof head + 8 || memcmp(p, memo_magic, 8) != 0) goto out;
	uint64_t sum;
	memcpy(&sum, p + len - 8, 8);
	if (sum != fnv(p, len - 8)) goto out;
	memcpy(head, p + 8, sizeof head); /* stamp[7], nrows, count, reserved */
	stamp_words(&m->stamp, want);
	if (memcmp(head, want, sizeof want) != 0) goto out;
	uint64_t nrows = head[7], count = head[8];
	if (nrows == 0 || nrows > FTS_MEMO_MAX_ROWS || count > FTS_DISK_MEMO) goto out;
	size_t nb = (size_t)((nrows + 7) / 8), at = 8 + sizeof head, end = len - 8;
	m->nrows = nrows;
	for (uint64_t i = 0; i < count; i++) {
		uint32_t kl;
		if (end - at < 4) break;
		memcpy(&kl, p + at, 4);
		at += 4;
		if (kl == 0 || kl > 4096 || end - at < kl || end - at - kl < nb) break;
		struct ftsmemo_entry *e = &m->v[m->n++];
		e->key = xmalloc(kl + 1);
		memcpy(e->key, p + at, kl);
		e->key[kl] = '\0';
		e->rows = xmalloc(nb);
		memcpy(e->rows, p + at + kl, nb);
		at += kl + nb;
	}
	if (at != end) memo_drop(m); /* not what was written: none of it */
out:
	free(data);
}

/* The memo for the index as verified now (fx->seen), read on first use;
 * emptied when the index changed since. */
static struct ftsmemo *memo_get(struct ftsindex *fx)
{
	if (!fx->disk) {
		fx->disk = xcalloc(1, sizeof *fx->disk);
		fx->disk->stamp = fx->seen;
		memo_read(fx, fx->disk);
	} else if (!same_stamp(&fx->disk->stamp, &fx->seen)) {
		memo_drop(fx->disk);
		fx->disk->stamp = fx->seen;
		fx->disk->dirty = true;
	}
	return fx->disk;
}

unsigned char *ftsmemo_find(struct ftsindex *fx, const char *key)
{
	if (!fx->verified || fx->damaged) return NULL;
	struct ftsmemo *m = memo_get(fx);
	for (size_t i = 0; i < m->n; i++) {
		if (strcmp(m->v[i].key, key) != 0) continue;
		unsigned char *bits = xcalloc(fx->n / 8 + 1, 1);
		for (size_t a = 0; a < fx->n; a++) {
			int64_t r = fx->rowid_of[a];
			if (r > 0 && (uint64_t)r < m->nrows && ((m->v[i].rows[r / 8] >> (r % 8)) & 1))
				bits[a / 8] |= (unsigned char)(1u << (a % 8));
		}
		return bits;
	}
	return NULL;
}

void ftsmemo_put(struct ftsindex *fx, const char *key, const unsigned char *bits)
{
	if (!fx->verified || fx->damaged || strlen(key) > 4096 || !fx->nby) return;
	struct ftsmemo *m = memo_get(fx);
	uint64_t nrows = (uint64_t)fx->by_rowid[fx->nby - 1].rowid + 1;
	if (fx->by_rowid[0].rowid <= 0 || nrows > FTS_MEMO_MAX_ROWS) return;
	if (m->n && m->nrows != nrows) memo_drop(m);
	m->nrows = nrows;
	if (m->n == FTS_DISK_MEMO) { /* the oldest goes */
		free(m->v[0].key);
		free(m->v[0].rows);
		memmove(m->v, m->v + 1, (m->n - 1) * sizeof *m->v);
		m->n--;
	}
	struct ftsmemo_entry *e = &m->v[m->n++];
	e->key = xstrdup(key);
	e->rows = xcalloc((size_t)(nrows + 7) / 8, 1);
	for (size_t i = 0; i < fx->nby; i++) {
		size_t a = fx->by_rowid[i].art;
		uint64_t r = (uint64_t)fx->by_rowid[i].rowid;
		if ((bits[a / 8] >> (a % 8)) & 1) e->rows[r / 8] |= (unsigned char)(1u << (r % 8));
	}
	m->dirty = true;
}

void ftsmemo_update_begin(struct ftsindex *fx, size_t ntodo, bool rebuilt)
{
	if (rebuilt || ntodo > FTS_MEMO_UPDATE_MAX || !fx->verified || fx->damaged) {
		ftsmemo_forget(fx);
		return;
	}
	struct ftsmemo *m = memo_get(fx); /* as the file was before this refresh */
	m->updating = m->n > 0;
}

/* Grow every answer to nrows bits. */
static void memo_grow(struct ftsmemo *m, uint64_t nrows)
{
	size_t was = (size_t)(m->nrows + 7) / 8, nb = (size_t)(nrows + 7) / 8;
	for (size_t i = 0; i < m->n; i++) {
		m->v[i].rows = xrealloc(m->v[i].rows, nb);
		memset(m->v[i].rows + was, 0, nb - was);
	}
	m->nrows = nrows;
}

void ftsmemo_update_article(struct ftsindex *fx, int64_t rowid, const char *text, size_t len)
{
	struct ftsmemo *m = fx->disk;
	if (!m || !m->updating) return;
	if (rowid <= 0 || (uint64_t)rowid >= FTS_MEMO_MAX_ROWS) {
		ftsmemo_forget(fx);
		return;
	}
	if ((uint64_t)rowid >= m->nrows) memo_grow(m, (uint64_t)rowid + 1);
	size_t flen = 0;
	char *f = utf8_fold(text, len, &flen); /* as query_eval.c reads a body */
	char *words[64];
	for (size_t i = 0; i < m->n; i++) {
		/* the key's words (one token each, joined by ' ') */
		char *k = xstrdup(m->v[i].key), *save = NULL;
		size_t nw = 0;
		for (char *w = strtok_r(k, " ", &save); w && nw < 64; w = strtok_r(NULL, " ", &save))
			words[nw++] = w;
		bool hit = f && nw && query_words_in(f, flen, words, nw);
		free(k);
		unsigned char bit = (unsigned char)(1u << (rowid % 8));
		if (hit) m->v[i].rows[rowid / 8] |= bit;
		else m->v[i].rows[rowid / 8] &= (unsigned char)~bit; /* a rowid used again */
	}
	free(f);
	m->dirty = true;
}

void ftsmemo_update_end(struct ftsindex *fx, bool ok)
{
	struct ftsmemo *m = fx->disk;
	if (!m || !m->updating) return;
	m->updating = false;
	if (!ok || !fx->verified) {
		ftsmemo_forget(fx);
		return;
	}
	m->stamp = fx->seen; /* the answers now hold for the file as written */
	m->dirty = true;
}

void ftsmemo_forget(struct ftsindex *fx)
{
	char *path = memo_path(fx);
	unlink(path);
	free(path);
	if (fx->disk) {
		memo_drop(fx->disk);
		fx->disk->dirty = fx->disk->updating = false;
	}
}

void ftsmemo_close(struct ftsindex *fx)
{
	struct ftsmemo *m = fx->disk;
	if (!m) return;
	if (m->dirty && fx->verified && !fx->damaged && same_stamp(&m->stamp, &fx->seen)) {
		struct strbuf sb = STRBUF_INIT;
		uint64_t head[10] = {0};
		stamp_words(&m->stamp, head);
		head[7] = m->nrows;
		head[8] = m->n;
		strbuf_add(&sb, memo_magic, sizeof memo_magic);
		strbuf_add(&sb, (const char *)head, sizeof head);
		size_t nb = (size_t)(m->nrows + 7) / 8;
		for (size_t i = 0; i < m->n; i++) {
			uint32_t kl = (uint32_t)strlen(m->v[i].key);
			strbuf_add(&sb, (const char *)&kl, 4);
			strbuf_add(&sb, m->v[i].key, kl);
			strbuf_add(&sb, (const char *)m->v[i].rows, nb);
		}
		uint64_t sum = fnv((const unsigned char *)sb.buf, sb.len);
		strbuf_add(&sb, (const char *)&sum, 8);
		char *path = memo_path(fx);
		fsutil_write_atomic(path, sb.buf, sb.len, FSUTIL_PRIVATE, NULL); /* a cache: best effort */
		free(path);
		strbuf_free(&sb);
	}
	memo_drop(m);
	free(m);
	fx->disk = NULL;
}

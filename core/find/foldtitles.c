/* SPDX-License-Identifier: MIT
 * The folded-titles table (foldtitles.h): one pass over the titles, ASCII
 * lower-cased eight bytes at a time, anything else through utf8_fold, so
 * the table holds exactly what folding each title alone gives. */
#include "core/find/foldtitles.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/meta/article.h"
#include "core/text/utf8.h"
#include "core/base/util.h"

/* utf8_fold with a fast path: for ASCII text NFKC + case fold is tolower. */
char *foldtitles_fold(const char *s, size_t *outlen)
{
	size_t n = strlen(s);
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] >= 0x80)
			return utf8_fold(s, n, outlen);
	char *r = xmalloc(n + 1);
	for (size_t i = 0; i < n; i++)
		r[i] = (s[i] >= 'A' && s[i] <= 'Z') ? (char)(s[i] + 32) : s[i];
	r[n] = '\0';
	*outlen = n;
	return r;
}

/* Lower-case src[0..n) into dst eight bytes at a time while they are
 * ASCII (the per-byte loop was most of the cost of folding 100,000
 * titles). Returns how many bytes were done (a multiple of 8). */
static size_t lower_ascii8(char *dst, const char *src, size_t n)
{
	const uint64_t hi = 0x8080808080808080u, ones = 0x0101010101010101u;
	size_t k = 0;
	for (; k + 8 <= n; k += 8) {
		uint64_t x;
		memcpy(&x, src + k, 8);
		if (x & hi) break;
		uint64_t ge_a = x + ones * (0x80 - 'A'), gt_z = x + ones * (0x7f - 'Z');
		x |= (ge_a & ~gt_z & hi) >> 2; /* 0x80 >> 2: the 0x20 of lower case */
		memcpy(dst + k, &x, 8);
	}
	return k;
}

struct foldtitles *foldtitles_new(void)
{
	struct foldtitles *ft = xcalloc(1, sizeof *ft);
	ft->cap = 1;
	ft->off = xcalloc(ft->cap, sizeof *ft->off);
	return ft;
}

void foldtitles_extend(struct foldtitles *ft, const struct collection *c, size_t upto)
{
	if (upto > c->n) upto = c->n;
	if (upto <= ft->n) return;
	ARRAY_RESERVE(ft->off, ft->cap, upto + 1);
	const struct article *items = c->items;
	for (size_t a = ft->n; a < upto; a++) {
		/* each title is a cache miss: ask for later ones ahead */
		if (a + 16 < upto) __builtin_prefetch(&items[a + 16].title);
		if (a + 8 < upto) __builtin_prefetch(items[a + 8].title);
		const char *t = items[a].title ? items[a].title : "";
		size_t tl = strlen(t);
		ARRAY_RESERVE(ft->buf, ft->bufcap, ft->len + tl + 1);
		char *dst = ft->buf + ft->len;
		size_t k = lower_ascii8(dst, t, tl);
		for (; k < tl && (unsigned char)t[k] < 0x80; k++) /* foldtitles_fold's ASCII case */
			dst[k] = t[k] >= 'A' && t[k] <= 'Z' ? (char)(t[k] + 32) : t[k];
		if (k < tl) {
			char *f = utf8_fold(t, tl, &tl);
			ARRAY_RESERVE(ft->buf, ft->bufcap, ft->len + tl + 1);
			memcpy(ft->buf + ft->len, f, tl);
			free(f);
		}
		ft->buf[ft->len + tl] = '\0';
		ft->off[a] = ft->len;
		ft->len += tl + 1;
	}
	ft->off[upto] = ft->len;
	ft->n = upto;
}

struct foldtitles *foldtitles_make(const struct collection *c)
{
	struct foldtitles *ft = foldtitles_new();
	/* room for titles of ~64 bytes at once: one growth at most, mostly */
	ft->bufcap = c->n * 64 + 1;
	ft->buf = xmalloc(ft->bufcap);
	foldtitles_extend(ft, c, c->n);
	return ft;
}

void foldtitles_free(struct foldtitles *ft)
{
	if (!ft) return;
	free(ft->buf);
	free(ft->off);
	free(ft);
}

struct foldtitles *foldtitles_lend(struct foldtitles **slot)
{
	struct foldtitles *ft = *slot ? *slot : foldtitles_new();
	*slot = NULL;
	return ft;
}

void foldtitles_keep(struct foldtitles **slot, struct foldtitles *ft)
{
	if (!ft) return;
	if (*slot && (*slot)->n >= ft->n) {
		foldtitles_free(ft);
		return;
	}
	foldtitles_free(*slot);
	*slot = ft;
}

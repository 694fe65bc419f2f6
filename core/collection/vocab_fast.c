/* SPDX-License-Identifier: MIT
 * The table by which the matcher's fast walk folds characters of two or
 * three bytes (accents, curly quotes, dashes, Cyrillic, Greek, CJK) with
 * no utf8proc call: made per block of the BMP on first use and kept with
 * the vocabulary, so it serves every article and every loading thread. */
#include <stdlib.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "core/base/util.h"
#include "core/text/utf8.h"
#include "core/collection/vocab_int.h"

void vocab_fast_free(struct vocab *v)
{
	if (!v->fast) return;
	for (size_t i = 0; i < VF_NBLOCKS; i++) free(atomic_load(&v->fast[i]));
	free((void *)v->fast);
	v->fast = NULL;
}

void vocab_fast_reset(struct vocab *v)
{
	vocab_fast_free(v);
	v->fast = xcalloc(VF_NBLOCKS, sizeof *v->fast);
	for (size_t i = 0; i < VF_NBLOCKS; i++) atomic_init(&v->fast[i], NULL);
	/* bytes that start a character of two or three bytes; the rest of
	 * 0x80..0xFF (continuation bytes, four-byte leads, invalid) never
	 * reach the fast walk: vocab_fast_run stops before them */
	for (int c = 0xC2; c <= 0xEF; c++) v->atab[c] = AF_MB;
}

/* Block b of the BMP, made now; another thread may have made it at the
 * same time: the first published wins, the same either way. */
static const struct vfold *block_make(const struct vocab *v, uint32_t b)
{
	struct vfold *blk = xcalloc(VF_BLOCK, sizeof *blk);
	for (uint32_t k = 0; k < VF_BLOCK; k++) {
		int32_t cp = (int32_t)(b * VF_BLOCK + k);
		struct fold_char fc;
		if (cp < 0x80 || (cp >= 0xD800 && cp < 0xE000) || !fold_char_alone(cp, &fc)) continue;
		struct vfold *r = &blk[k];
		if (fc.kind == FK_SPACE) { /* as an ASCII space */
			r->e[0] = v->atab[' '];
			r->n = 1;
		} else if (fc.kind == FK_APOS) { /* as ', with the case of cp */
			r->e[0] = v->cls['\''] | (uint32_t)'\'' << 8 | (uint32_t)fc.cas << 18 | AF_NOTSP;
			r->n = 1;
		} else if (fc.n <= 3) {
			uint32_t flags = fc.kind == FK_WORD ? AF_WORD : 0;
			for (unsigned i = 0; i < fc.n; i++) {
				unsigned char c = (unsigned char)fc.b[i];
				r->e[i] = v->cls[c] | (uint32_t)c << 8 | flags << 16 | (uint32_t)fc.cas << 18 |
					  AF_NOTSP;
			}
			r->n = fc.n;
		}
	}
	struct vfold *none = NULL;
	if (!atomic_compare_exchange_strong_explicit(&v->fast[b], &none, blk, memory_order_acq_rel,
						     memory_order_acquire)) {
		free(blk);
		return none;
	}
	return blk;
}

/* The vfold of the character at p (avail bytes), its length in cl; NULL
 * when it is not one the fast walk takes (invalid, four bytes, or folds
 * in a way only the cluster path knows). */
static const struct vfold *char_at(const struct vocab *v, const unsigned char *p, size_t avail,
				   size_t *cl)
{
	uint32_t cp;
	if (p[0] >= 0xC2 && p[0] <= 0xDF) {
		if (avail < 2 || (p[1] & 0xC0) != 0x80) return NULL;
		cp = (uint32_t)(p[0] & 0x1F) << 6 | (p[1] & 0x3F);
		*cl = 2;
	} else if (p[0] >= 0xE0 && p[0] <= 0xEF) {
		if (avail < 3 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80) return NULL;
		cp = (uint32_t)(p[0] & 0x0F) << 12 | (uint32_t)(p[1] & 0x3F) << 6 | (p[2] & 0x3F);
		if (cp < 0x800 || (cp >= 0xD800 && cp < 0xE000)) return NULL; /* overlong, surrogate */
		*cl = 3;
	} else {
		return NULL;
	}
	const struct vfold *b = atomic_load_explicit(&v->fast[cp / VF_BLOCK], memory_order_acquire);
	if (!b) b = block_make(v, cp / VF_BLOCK);
	return b[cp % VF_BLOCK].n ? &b[cp % VF_BLOCK] : NULL;
}

/* The first byte >= 0x80 from p (len when none): utf8_ascii_run here,
 * where the compiler inlines it (a call a character of several bytes,
 * one every ~120 bytes of news text, was a third of this scan). */
static inline size_t next_high(const unsigned char *t, size_t len, size_t p)
{
#if defined(__SSE2__)
	for (; p + 16 <= len; p += 16) {
		unsigned m = (unsigned)_mm_movemask_epi8(_mm_loadu_si128((const __m128i *)(const void *)(t + p)));
		if (m) return p + (size_t)__builtin_ctz(m);
	}
#endif
	while (p < len && t[p] < 0x80) p++;
	return p;
}

size_t vocab_fast_run(const struct vocab *v, const unsigned char *t, size_t len, size_t i)
{
	size_t p = i, last = i; /* last: where the last character taken starts */
	while (p < len) {
		size_t q = next_high(t, len, p);
		if (q > p) last = q - 1;
		if (q == len) return len;
		size_t cl;
		/* not for the fast walk: nor is the character before it, which
		 * it might join (the cluster path decides) */
		if (!char_at(v, t + q, len - q, &cl)) return last;
		last = q;
		p = q + cl;
	}
	return len;
}

/* SPDX-License-Identifier: MIT
 * Where in a fast run a phrase may start, found 16 bytes at a time: the
 * matcher (vocab_match.c) walks its automaton only from those places and
 * skips the text between them. A place is kept whenever some phrase could
 * start there, never dropped when in doubt (a false alarm costs a short
 * walk, a miss would lose a tag): a word's start whose first bytes begin
 * some phrase (its first letter's case as the phrase asks), a character
 * of several bytes whose fold begins one, an ASCII sign that begins one. */
#include <stdlib.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "core/base/util.h"
#include "core/collection/vocab_int.h"

#define KEYBITS 32768 /* the word-start filter: one hash, a bit per key */
#define NW_MAX 4      /* ASCII signs that begin phrases, compared 16 at a time */

struct vskip {
	bool ok;                 /* false: too many signs begin phrases, walk everything */
	int nnw;
	unsigned char nw[NW_MAX];
	uint64_t f0[4];          /* first folded byte of a phrase */
	uint64_t f01[1024];      /* first two folded bytes of a phrase */
	uint64_t key[KEYBITS / 64];
};

static bool bit_get(const uint64_t *b, uint32_t i) { return b[i >> 6] >> (i & 63) & 1; }
static void bit_set(uint64_t *b, uint32_t i) { b[i >> 6] |= 1ull << (i & 63); }
static bool ascii_alnum(unsigned char c) { return fold_ascii_word(c); }

/* Four bytes, the first lowest, as vocab_skip_add lays out a key. */
static inline uint32_t load_le32(const unsigned char *p)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	uint32_t x;
	memcpy(&x, p, 4);
	return x;
#else
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
#endif
}

/* A word start's key: its first byte as written, then up to three more
 * letters or digits with bit 5 set (a-z and A-Z alike), zeros after. */
static uint32_t key_hash(uint32_t key) { return (key * 0x9E3779B1u) >> 17; }

void vocab_skip_free(struct vocab *v)
{
	free(v->skip);
	v->skip = NULL;
}

void vocab_skip_reset(struct vocab *v)
{
	vocab_skip_free(v);
	v->skip = xcalloc(1, sizeof *v->skip);
	v->skip->ok = true;
}

void vocab_skip_add(struct vocab *v, const char *f, size_t len, const char *pat)
{
	struct vskip *s = v->skip;
	const unsigned char *u = (const unsigned char *)f;
	if (!len) return;
	bit_set(s->f0, u[0]);
	if (len >= 2) bit_set(s->f01, (uint32_t)u[0] << 8 | u[1]);
	size_t k = 0;
	while (k < 4 && k < len && ascii_alnum(u[k])) k++;
	if (!k) { /* a sign (or a character of several bytes: the f0/f01 tables) */
		if (u[0] >= 0x80) return;
		for (int i = 0; i < s->nnw; i++)
			if (s->nw[i] == u[0]) return;
		if (s->nnw == NW_MAX) s->ok = false;
		else s->nw[s->nnw++] = u[0];
		return;
	}
	uint32_t key = 0;
	for (size_t i = 1; i < k; i++) key |= (uint32_t)(u[i] | 0x20) << (8 * i);
	unsigned char c = u[0], want = pat ? (unsigned char)pat[0] : FCASE_NONE;
	if (c >= 'a' && c <= 'z') {
		if (want != FCASE_LOWER) bit_set(s->key, key_hash(key | (uint32_t)(c - 32)));
		if (want != FCASE_UPPER) bit_set(s->key, key_hash(key | c));
	} else {
		bit_set(s->key, key_hash(key | c));
	}
}

bool vocab_skip_usable(const struct vocab *v)
{
	return v->skip && v->skip->ok;
}

/* The classes of 16 bytes as bit masks: the byte-by-byte reference. */
void vocab_skip_masks_ref(const struct vocab *v, const unsigned char *q, struct vskip_masks *m)
{
	const struct vskip *s = v->skip;
	*m = (struct vskip_masks){0};
	for (unsigned i = 0; i < 16; i++) {
		unsigned char c = q[i];
		m->a |= (uint32_t)ascii_alnum(c) << i;
		m->h |= (uint32_t)(c >= 0x80) << i;
		m->l |= (uint32_t)(c >= 0xC0) << i;
		for (int k = 0; k < s->nnw; k++) m->nw |= (uint32_t)(c == s->nw[k]) << i;
	}
}

/* Letters and digits (a) and bytes >= 0x80 (h) of the 16 bytes at q, a
 * bit per byte. */
static inline void masks_ah(const unsigned char *q, uint32_t *a, uint32_t *h, unsigned char *w)
{
#if defined(__SSE2__)
	__m128i x = _mm_loadu_si128((const __m128i *)(const void *)q);
	/* a range as one signed compare: shifted so that it starts at -128 */
	__m128i let = _mm_add_epi8(_mm_or_si128(x, _mm_set1_epi8(0x20)), _mm_set1_epi8(128 - 'a'));
	__m128i dig = _mm_add_epi8(x, _mm_set1_epi8(128 - '0'));
	__m128i aln = _mm_or_si128(_mm_cmpgt_epi8(_mm_set1_epi8(-128 + 26), let),
				   _mm_cmpgt_epi8(_mm_set1_epi8(-128 + 10), dig));
	*a = (uint32_t)_mm_movemask_epi8(aln);
	*h = (uint32_t)_mm_movemask_epi8(x);
	_mm_storeu_si128((__m128i *)(void *)w, _mm_and_si128(x, aln));
#else
	uint32_t am = 0, hm = 0;
	for (unsigned i = 0; i < 16; i++) {
		am |= (uint32_t)ascii_alnum(q[i]) << i;
		hm |= (uint32_t)(q[i] >= 0x80) << i;
		w[i] = ascii_alnum(q[i]) ? q[i] : 0;
	}
	*a = am;
	*h = hm;
#endif
}

/* The signs that begin phrases among the 16 bytes at q. */
static inline uint32_t masks_nw(const struct vskip *s, const unsigned char *q)
{
	uint32_t m = 0;
#if defined(__SSE2__)
	__m128i x = _mm_loadu_si128((const __m128i *)(const void *)q);
	for (int k = 0; k < s->nnw; k++)
		m |= (uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(x, _mm_set1_epi8((char)s->nw[k])));
#else
	for (unsigned i = 0; i < 16; i++)
		for (int k = 0; k < s->nnw; k++) m |= (uint32_t)(q[i] == s->nw[k]) << i;
#endif
	return m;
}

static inline void masks(const struct vskip *s, const unsigned char *q, struct vskip_masks *m)
{
	unsigned char w[16];
	masks_ah(q, &m->a, &m->h, w);
	m->l = 0;
	for (unsigned i = 0; i < 16; i++) m->l |= (uint32_t)(q[i] >= 0xC0) << i;
	m->nw = masks_nw(s, q);
}

void vocab_skip_masks(const struct vocab *v, const unsigned char *q, struct vskip_masks *m)
{
	masks(v->skip, q, m);
}

/* Is the character of several bytes at t[x] (in the run t) a place a
 * phrase may start? Its fold must begin one, and a word character there
 * starts a phrase only where the character before it is none. */
static bool lead_ok(const struct vocab *v, const unsigned char *t, size_t x)
{
	const struct vskip *s = v->skip;
	const struct vfold *r = vocab_fast_at(v, t + x);
	uint32_t f0 = r->e[0] >> 8 & 0xFF;
	if (!(r->n >= 2 ? bit_get(s->f01, f0 << 8 | (r->e[1] >> 8 & 0xFF)) : bit_get(s->f0, f0)))
		return false;
	if (!(r->e[0] >> 16 & AF_WORD) || x == 0) return true; /* before the run: not known */
	if (t[x - 1] < 0x80) return !ascii_alnum(t[x - 1]);
	size_t z = x - 1;
	while ((t[z] & 0xC0) == 0x80) z--;
	return !(vocab_fast_at(v, t + z)->e[0] >> 16 & AF_WORD);
}

size_t vocab_skip_chunk(const struct vocab *v, const unsigned char *t, size_t n, size_t i, bool prev_ok,
			unsigned char at[VSKIP_CHUNK])
{
	const struct vskip *s = v->skip;
	/* near the run's end, a copy padded with 0x80: no place starts there,
	 * no letter or digit runs into it, and a word cut by it is kept */
	unsigned char buf[64];
	const unsigned char *q = t + i;
	if (i + 64 > n) {
		memcpy(buf, q, n - i);
		memset(buf + (n - i), 0x80, sizeof buf - (n - i));
		q = buf;
	}
	/* w: the letters and digits as they are, every other byte 0 */
	unsigned char w[68];
	uint64_t a = 0, h = 0, nw = 0;
	for (unsigned k = 0; k < 4; k++) {
		uint32_t ak, hk;
		masks_ah(q + 16 * k, &ak, &hk, w + 16 * k);
		a |= (uint64_t)ak << (16 * k);
		h |= (uint64_t)hk << (16 * k);
	}
	memset(w + 64, 0, 4);
	if (s->nnw)
		for (unsigned k = 0; k < 4; k++) nw |= (uint64_t)masks_nw(s, q + 16 * k) << (16 * k);
	const uint64_t span = (1ull << VSKIP_CHUNK) - 1;
	uint64_t carry = (i > 0 || prev_ok) && ascii_alnum(t[(ptrdiff_t)i - 1]);
	uint64_t ws = a & ~(a << 1 | carry) & span;
	if (!((ws | h | nw) & span)) return 0;
	/* a word whose first letters run into a byte >= 0x80 (a letter of
	 * several bytes, maybe): not known, kept */
	uint64_t keep = ws & (h >> 1 | h >> 2 | h >> 3);
	size_t nat = 0;
	/* each kind in its own pass, then in order */
	for (ws &= ~keep; ws; ws &= ws - 1) {
		unsigned j = (unsigned)__builtin_ctzll(ws);
		uint32_t x = load_le32(w + j);
		/* the key: the letters and digits before the first 0 (the first
		 * byte is one), each but the first with bit 5 set */
		uint32_t z = (x - 0x01010101u) & ~x & 0x80808080u;
		uint32_t key = (x | 0x20202000u) & (((z & -z) >> 7) - 1);
		at[nat] = (unsigned char)j;
		nat += bit_get(s->key, key_hash(key));
	}
	for (; keep; keep &= keep - 1) at[nat++] = (unsigned char)__builtin_ctzll(keep);
	for (h &= span; h; h &= h - 1) { /* a character of several bytes starts at a byte >= 0xC0 */
		unsigned j = (unsigned)__builtin_ctzll(h);
		if (q[j] >= 0xC0 && lead_ok(v, t, i + j)) at[nat++] = (unsigned char)j;
	}
	for (nw &= span; nw; nw &= nw - 1) at[nat++] = (unsigned char)__builtin_ctzll(nw);
	if (nat > 1) { /* in order again: insertion, few places */
		for (size_t x = 1; x < nat; x++) {
			unsigned char y = at[x];
			size_t z = x;
			for (; z > 0 && at[z - 1] > y; z--) at[z] = at[z - 1];
			at[z] = y;
		}
	}
	return nat;
}

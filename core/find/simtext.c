/* SPDX-License-Identifier: MIT
 * A raw body's words for its content signature (core/simtext.h): one pass
 * over the bytes, markup stepped over where it starts, ASCII words
 * lower-cased in place of the full fold. Runs on the loading threads. */
#include "core/find/simtext.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/find/ftstoken.h"
#include "core/text/utf8.h"

#define WORD_MAX SIMTEXT_WORD_MAX
#define TAG_MAX 1024 /* a '<' with no '>' this near is text, not a tag */

typedef void (*tok_fn)(void *ctx, const char *w, size_t n, uint64_t hash);

/* Byte classes: a word byte (ASCII letter or digit), a byte that may start
 * markup, a non-ASCII byte (decoded to decide), anything else. */
enum { C_OTHER, C_WORD, C_MARK, C_HIGH };
#define R(a, b) [a ... b]
static const unsigned char cls[256] = {
	R('0', '9') = C_WORD, R('A', 'Z') = C_WORD, R('a', 'z') = C_WORD,
	['<'] = C_MARK, [']'] = C_MARK, ['{'] = C_MARK, ['&'] = C_MARK,
	R(0x80, 0xff) = C_HIGH,
};
#undef R

static bool is_alnum(unsigned char b)
{
	return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9');
}

/* Where needle (ASCII, case-insensitive) next starts in s[i..n), or n. */
static size_t find_ci(const char *s, size_t n, size_t i, const char *needle)
{
	size_t k = strlen(needle);
	for (; i + k <= n; i++)
		if ((s[i] | 0x20) == (needle[0] | 0x20) && strncasecmp(s + i, needle, k) == 0)
			return i;
	return n;
}

/* The word s[i..j) followed by ':' or '.': is it the start of a URL
 * ("http://", "https://", "ftp://", "mailto:", "www.")? Then where that
 * URL ends; else j. Checked only at a word's end, where it is cheap. */
static size_t url_end(const char *s, size_t n, size_t i, size_t j)
{
	if (j >= n || (s[j] != ':' && s[j] != '.')) return j;
	char c = (char)(s[i] | 0x20);
	if (c != 'h' && c != 'f' && c != 'w' && c != 'm') return j;
	static const char *const pre[] = {"http://", "https://", "ftp://", "www.", "mailto:"};
	for (size_t p = 0; p < sizeof pre / sizeof *pre; p++) {
		size_t k = strlen(pre[p]);
		if (n - i < k || strncasecmp(s + i, pre[p], k) != 0) continue;
		size_t e = i + k;
		while (e < n && !strchr(" \t\r\n<>\"'()[]", s[e])) e++;
		return e;
	}
	return j;
}

/* The end of markup starting at s[i], or i when s[i] starts none. */
static size_t markup_end(const char *s, size_t n, size_t i)
{
	unsigned char c = (unsigned char)s[i], d = i + 1 < n ? (unsigned char)s[i + 1] : 0;
	if (c == '<' && (is_alnum(d) || d == '/' || d == '!' || d == '?')) {
		if (n - i >= 4 && memcmp(s + i, "<!--", 4) == 0) {
			size_t e = i + 4;
			while (e + 3 <= n && memcmp(s + e, "-->", 3) != 0) e++;
			return e + 3 <= n ? e + 3 : n;
		}
		const char *gt = memchr(s + i, '>', n - i < TAG_MAX ? n - i : TAG_MAX);
		if (!gt) return i;
		size_t e = (size_t)(gt - s) + 1;
		/* script and style hold no words of the article */
		const char *raw[] = {"script", "style"};
		for (size_t r = 0; r < 2; r++) {
			size_t k = strlen(raw[r]);
			if (n - i > k + 1 && strncasecmp(s + i + 1, raw[r], k) == 0 &&
			    !is_alnum((unsigned char)s[i + 1 + k])) {
				char close[10] = "</";
				strcat(close, raw[r]);
				size_t z = find_ci(s, n, e, close);
				const char *g = z < n ? memchr(s + z, '>', n - z) : NULL;
				return g ? (size_t)(g - s) + 1 : n;
			}
		}
		return e;
	}
	if (c == ']' && d == '(') { /* a link's or image's destination */
		size_t e = i + 2;
		int depth = 1;
		for (; e < n && s[e] != '\n'; e++) {
			if (s[e] == '(') depth++;
			else if (s[e] == ')' && --depth == 0) return e + 1;
		}
		return e;
	}
	if (c == '{' && (d == '{' || d == '%')) { /* Liquid / Jinja */
		const char *close = d == '{' ? "}}" : "%}";
		for (size_t e = i + 2; e + 2 <= n; e++)
			if (s[e] == close[0] && s[e + 1] == close[1]) return e + 2;
		return i;
	}
	if (c == '&') { /* an entity: &name; or &#123; */
		size_t e = i + 1;
		if (e < n && s[e] == '#') e++;
		while (e < n && e - i < 32 && is_alnum((unsigned char)s[e])) e++;
		return e > i + 1 && e < n && s[e] == ';' ? e + 1 : i;
	}
	return i;
}

/* The hash: 8 bytes at a time, the length and a final mix last (so it
 * can be computed while the word is read, its length not yet known). */
static inline uint64_t rotl64(uint64_t x, int r) { return (x << r) | (x >> (64 - r)); }
static inline uint64_t hash_chunk(uint64_t h, uint64_t x)
{
	return rotl64((h ^ x) * 0x87c37b91114253d5ull, 31);
}
static inline uint64_t hash_end(uint64_t h, uint64_t tail, size_t n)
{
	h = (h ^ tail ^ (n * 0x9e3779b97f4a7c15ull)) * 0x4cf5ad432745937full;
	h ^= h >> 32; /* the low bits pick a table slot: give them the high ones */
	h *= 0xff51afd7ed558ccdull;
	return h ^ (h >> 33);
}

uint64_t simtext_hash(const char *w, size_t n)
{
	uint64_t h = 0, t = 0;
	for (size_t i = 0; i < n; i++) { /* byte by byte: the same on any endianness */
		t |= (uint64_t)(unsigned char)w[i] << (8 * (i & 7));
		if ((i & 7) == 7) h = hash_chunk(h, t), t = 0;
	}
	return hash_end(h, t, n);
}

struct fold_ctx {
	tok_fn tok;
	void *ctx;
};

static void fold_tok(void *ctx, const char *w, size_t n)
{
	const struct fold_ctx *f = ctx;
	if (n > WORD_MAX) n = WORD_MAX;
	f->tok(f->ctx, w, n, simtext_hash(w, n));
}

/* A word with non-ASCII letters: folded in full (NFKC + case fold). */
static void emit_folded(const char *w, size_t n, tok_fn tok, void *ctx)
{
	size_t flen;
	char *f = utf8_fold(w, n, &flen);
	struct fold_ctx fc = {tok, ctx};
	ftstoken_split(f, flen, fold_tok, &fc);
	free(f);
}

/* Is the non-ASCII code point at s[i] part of a word? *k: its bytes. */
static bool word_cp_at(const char *s, size_t n, size_t i, size_t *k)
{
	int32_t cp;
	*k = utf8_decode(s + i, n - i, &cp);
	if (!*k) *k = 1;
	return utf8_is_word_cp(cp);
}

void simtext_words(const char *s, size_t n, bool markup, tok_fn tok, void *ctx)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;
	while (i < n) {
		size_t k = 1;
		unsigned char c = cls[u[i]];
		if (c == C_OTHER || (c == C_MARK && !markup)) {
			i++;
			continue;
		}
		if (c == C_MARK) {
			size_t e = markup_end(s, n, i);
			i = e > i ? e : i + 1;
			continue;
		}
		if (c == C_HIGH && !word_cp_at(s, n, i, &k)) {
			i += k;
			continue;
		}
		size_t j = i;
		bool ascii = c == C_WORD;
		char buf[WORD_MAX];
		uint64_t h = 0, t = 0;
		size_t m = 0;
		/* ASCII: lower-case and hash in the one pass that finds the end */
		for (; ascii && j < n && cls[u[j]] == C_WORD; j++) {
			if (m == WORD_MAX) continue;
			unsigned char b = u[j] | (unsigned char)((unsigned)(u[j] - 'A') < 26u ? 0x20 : 0);
			buf[m] = (char)b;
			t |= (uint64_t)b << (8 * (m & 7));
			if ((++m & 7) == 0) h = hash_chunk(h, t), t = 0;
		}
		if (ascii && j < n && cls[u[j]] == C_HIGH && word_cp_at(s, n, j, &k)) ascii = false;
		if (!ascii) /* to the end of the word, letters of any script */
			for (j = i;;) {
				while (j < n && cls[u[j]] == C_WORD) j++;
				if (j >= n || cls[u[j]] != C_HIGH || !word_cp_at(s, n, j, &k)) break;
				j += k;
			}
		size_t e = url_end(s, n, i, j);
		if (e == j && ascii) tok(ctx, buf, m, hash_end(h, t, m));
		else if (e == j) emit_folded(s + i, j - i, tok, ctx);
		i = e;
	}
}

/* SPDX-License-Identifier: MIT
 * Folded search that answers in original offsets. The body is folded one
 * grapheme cluster at a time (NFKC + case fold), recording where each folded
 * cluster came from; matches are found in the folded copy with memmem and
 * mapped back, so highlights and marks cover exactly the source bytes. */
#include "core/text/search.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/text/utf8.h"
#include "core/base/util.h"

/* A run of folded bytes starting at f that came from original offset o.
 * linear: every cluster in the run folded to its own length, so offsets
 * inside map by adding (f' - f); otherwise the entry is one cluster (possibly
 * folded to nothing, e.g. a soft hyphen). */
struct search_map {
	size_t f, o;
	bool linear;
};

static void add_map(struct search_text *st, size_t f, size_t o, bool linear)
{
	ARRAY_RESERVE(st->map, st->capmap, st->nmap + 1);
	st->map[st->nmap++] = (struct search_map){f, o, linear};
}

void search_text_init(struct search_text *st, const char *text, size_t len)
{
	memset(st, 0, sizeof *st);
	st->orig_len = len;
	struct strbuf fb = STRBUF_INIT;
	size_t bcap = 0, p = 0;
	bool in_linear = false;
	while (p < len) {
		size_t q = utf8_cluster_end(text, len, p);
		char one, *f = NULL;
		const char *fold;
		size_t fl;
		unsigned char c = (unsigned char)text[p];
		if (q == p + 1 && c < 0x80) { /* ASCII: folding is lower-casing */
			one = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
			fold = &one;
			fl = 1;
		} else {
			fold = f = utf8_fold(text + p, q - p, &fl);
		}
		if (fl == q - p) {
			if (!in_linear) add_map(st, fb.len, p, true);
			in_linear = true;
		} else {
			add_map(st, fb.len, p, false);
			in_linear = false;
		}
		if (fl > 0) {
			size_t need = (fb.len + fl) / 8 + 1;
			if (need > bcap) {
				size_t old = bcap;
				ARRAY_RESERVE(st->bound, bcap, need);
				memset(st->bound + old, 0, bcap - old);
			}
			st->bound[fb.len / 8] |= (unsigned char)(1u << (fb.len % 8));
			strbuf_add(&fb, fold, fl);
		}
		free(f);
		p = q;
	}
	st->flen = fb.len;
	st->folded = fb.buf ? strbuf_steal(&fb) : xstrdup("");
}

void search_text_free(struct search_text *st)
{
	free(st->folded);
	free(st->bound);
	free(st->map);
	memset(st, 0, sizeof *st);
}

static bool is_bound(const struct search_text *st, size_t f)
{
	if (f >= st->flen) return f == st->flen;
	return st->bound[f / 8] & (1u << (f % 8));
}

/* Index of the last map entry with f <= x (strict: f < x). */
static size_t map_find(const struct search_text *st, size_t x, bool strict)
{
	size_t lo = 0, hi = st->nmap;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (strict ? st->map[mid].f < x : st->map[mid].f <= x) lo = mid;
		else hi = mid;
	}
	return lo;
}

static size_t map_start(const struct search_text *st, size_t fs)
{
	const struct search_map *e = &st->map[map_find(st, fs, false)];
	return e->linear ? e->o + (fs - e->f) : e->o;
}

static size_t map_end(const struct search_text *st, size_t fe)
{
	size_t i = map_find(st, fe, true);
	const struct search_map *e = &st->map[i];
	if (e->linear) return e->o + (fe - e->f);
	return i + 1 < st->nmap ? st->map[i + 1].o : st->orig_len;
}

static bool word_before(const char *s, size_t f)
{
	if (f == 0) return false;
	size_t j = f - 1;
	while (j > 0 && ((unsigned char)s[j] & 0xC0) == 0x80) j--;
	int32_t cp;
	utf8_decode(s + j, f - j, &cp);
	return utf8_is_word_cp(cp);
}

static bool word_after(const char *s, size_t len, size_t f)
{
	if (f >= len) return false;
	int32_t cp;
	utf8_decode(s + f, len - f, &cp);
	return utf8_is_word_cp(cp);
}

/* The next acceptable match of the folded needle at or after from. */
static bool next_match(const struct search_text *st, const char *nf, size_t nl, unsigned flags,
		       size_t from, size_t *fs)
{
	const char *t = st->folded;
	while (from + nl <= st->flen) {
		const char *hit = memmem(t + from, st->flen - from, nf, nl);
		if (!hit) return false;
		size_t s = (size_t)(hit - t), e = s + nl;
		bool ok = is_bound(st, s) && is_bound(st, e);
		if (ok && (flags & SEARCH_WORD))
			ok = !(word_before(t, s) && word_after(t, st->flen, s)) &&
			     !(word_before(t, e) && word_after(t, st->flen, e));
		if (ok) {
			*fs = s;
			return true;
		}
		from = s + 1;
	}
	return false;
}

size_t search_text_find(const struct search_text *st, const char *needle, size_t nlen,
			unsigned flags, struct search_hit **hits)
{
	*hits = NULL;
	size_t nl, n = 0, cap = 0, from = 0, fs;
	char *nf = utf8_fold(needle, nlen, &nl);
	if (nl == 0 || st->nmap == 0) {
		free(nf);
		return 0;
	}
	while (next_match(st, nf, nl, flags, from, &fs)) {
		ARRAY_RESERVE(*hits, cap, n + 1);
		(*hits)[n].start = map_start(st, fs);
		(*hits)[n].end = map_end(st, fs + nl);
		n++;
		from = fs + nl;
	}
	free(nf);
	return n;
}

size_t search_find(const char *text, size_t len, const char *needle, unsigned flags,
		   struct search_hit **hits)
{
	struct search_text st;
	search_text_init(&st, text, len);
	size_t n = search_text_find(&st, needle, strlen(needle), flags, hits);
	search_text_free(&st);
	return n;
}

/* Skip non-word code points in s[p..len). */
static size_t skip_nonword(const char *s, size_t len, size_t p)
{
	while (p < len) {
		int32_t cp;
		size_t k = utf8_decode(s + p, len - p, &cp);
		if (utf8_is_word_cp(cp)) break;
		p += k;
	}
	return p;
}

static size_t skip_word(const char *s, size_t len, size_t p)
{
	while (p < len) {
		int32_t cp;
		size_t k = utf8_decode(s + p, len - p, &cp);
		if (!utf8_is_word_cp(cp)) break;
		p += k;
	}
	return p;
}

bool search_text_has_phrase(const struct search_text *st, const char *phrase, size_t plen)
{
	size_t fl;
	char *fp = utf8_fold(phrase, plen, &fl);
	size_t w0 = skip_nonword(fp, fl, 0), w0e = skip_word(fp, fl, w0);
	bool found = false;
	size_t from = 0, fs;
	while (w0 < w0e && next_match(st, fp + w0, w0e - w0, SEARCH_WORD, from, &fs)) {
		/* Check the following phrase words against the following text words. */
		size_t tp = fs + (w0e - w0), pp = w0e;
		found = true;
		for (;;) {
			size_t pw = skip_nonword(fp, fl, pp), pwe = skip_word(fp, fl, pw);
			if (pw >= fl) break;
			size_t tw = skip_nonword(st->folded, st->flen, tp);
			size_t twe = skip_word(st->folded, st->flen, tw);
			if (twe - tw != pwe - pw || memcmp(st->folded + tw, fp + pw, pwe - pw) != 0) {
				found = false;
				break;
			}
			tp = twe;
			pp = pwe;
		}
		if (found) break;
		from = fs + 1;
	}
	free(fp);
	return found;
}

bool search_contains_words(const char *text, size_t len, const char *phrase)
{
	struct search_text st;
	search_text_init(&st, text, len);
	bool r = search_text_has_phrase(&st, phrase, strlen(phrase));
	search_text_free(&st);
	return r;
}

size_t search_hit_after(const struct search_hit *hits, size_t n, size_t off)
{
	size_t lo = 0, hi = n; /* first hit with start >= off */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (hits[mid].start < off) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}

/* SPDX-License-Identifier: MIT
 * Folding text for the vocabulary on the fly, with no copy of the text:
 * a cluster at a time (a character and the marks that may compose with
 * it), through a small cache per call, so the result is the same as
 * folding the whole text with utf8_fold (test_vocab_fast compares them on
 * random text). The matcher's fast walk takes what folds alone from
 * vocab_fast.c (fold_char_alone) and sends the rest here (fold_one). */
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "core/text/utf8.h"
#include "core/base/util.h"
#include "core/collection/vocab_int.h"

#define FOLD_FLAGS (UTF8PROC_COMPAT | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD | UTF8PROC_IGNORE | \
		    UTF8PROC_STABLE)
#define CACHE_SIZE FOLD_CACHE_SIZE
#define CACHE_BYTES FOLD_CACHE_BYTES

/* What emit does with a folded form that is one character: known once
 * per character, so the text's own characters cost no utf8proc call. */
enum { EK_ANY, EK_SPACE, EK_APOS, EK_WORD, EK_OTHER };

void fold_cache_free(struct fold_sink *s)
{
	if (!s->cache_lent) free(s->cache);
	s->cache = NULL;
}

static bool is_space_cp(int32_t cp)
{
	return cp == ' ' || (cp >= 0x09 && cp <= 0x0D) || cp == 0x85 || cp == 0xA0 ||
	       cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 ||
	       cp == 0x202F || cp == 0x205F || cp == 0x3000 ||
	       cp == '-' || (cp >= 0x2010 && cp <= 0x2015) || cp == 0x2212;
}

static unsigned char case_of(int32_t cp)
{
	if (cp < 0x80) return fold_ascii_case((unsigned char)cp);
	utf8proc_category_t c = utf8proc_category(cp);
	return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT ? FCASE_UPPER
	       : c == UTF8PROC_CATEGORY_LL				  ? FCASE_LOWER
									  : FCASE_NONE;
}

/* Can nothing before cp compose or reorder with it? Then a cluster may end
 * before it: its folded form starts with a starter that is never the
 * second half of a composition (Hangul vowels and trailing consonants
 * are, by rule), and it does not vanish (ignorables would let what
 * follows them reach back). */
static bool is_inert(int32_t cp)
{
	if (cp < 0x80) return true;
	utf8proc_int32_t d[32];
	int bc = 0;
	utf8proc_ssize_t n = utf8proc_decompose_char(cp, d, 32, (utf8proc_option_t)FOLD_FLAGS, &bc);
	if (n <= 0 || n > 32) return false;
	int32_t f = d[0];
	if ((f >= 0x1161 && f <= 0x1175) || (f >= 0x11A7 && f <= 0x11C2)) return false;
	const utf8proc_property_t *p = utf8proc_get_property(f);
	if (p->combining_class != 0) return false;
	if (p->comb_index != UINT16_MAX && p->comb_index >= 0x8000) return false;
	utf8proc_category_t c = utf8proc_category(f);
	return c != UTF8PROC_CATEGORY_MN && c != UTF8PROC_CATEGORY_MC && c != UTF8PROC_CATEGORY_ME;
}

/* utf8proc over valid UTF-8 s[0..len) into out; NULL out-of-memory: as is. */
static void fold_utf8proc(const char *s, size_t len, struct strbuf *out)
{
	utf8proc_uint8_t *dst = NULL;
	utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, &dst,
					  (utf8proc_option_t)FOLD_FLAGS);
	if (n < 0) strbuf_add(out, s, len);
	else strbuf_add(out, (const char *)dst, (size_t)n);
	free(dst);
}

/* Everything known of cp folded alone, into e. */
static void info_compute(int32_t cp, struct cpinfo *e)
{
	char u[4];
	size_t n = utf8_encode(cp, u);
	struct strbuf f = STRBUF_INIT;
	fold_utf8proc(u, n, &f);
	e->cp = cp;
	e->inert = is_inert(cp);
	e->cas = case_of(cp);
	e->len = f.len <= CACHE_BYTES ? (unsigned char)f.len : 0xFF;
	if (f.len <= CACHE_BYTES && f.len) memcpy(e->b, f.buf, f.len);
	e->kind = EK_ANY;
	int32_t fc;
	if (f.len && f.len <= CACHE_BYTES && utf8_decode(f.buf, f.len, &fc) == f.len)
		e->kind = is_space_cp(fc)			       ? EK_SPACE
			  : fc == 0x2019 || fc == 0x02BC || fc == 0x2018 ? EK_APOS
			  : utf8_is_word_cp(fc)			       ? EK_WORD
									       : EK_OTHER;
	strbuf_free(&f);
}

static const struct cpinfo *info_of(struct fold_sink *s, int32_t cp)
{
	if (!s->cache || !s->cache_ready) {
		if (!s->cache) s->cache = xmalloc(sizeof *s->cache);
		for (size_t i = 0; i < CACHE_SIZE; i++) s->cache->e[i].cp = -1;
		s->cache_ready = true;
	}
	struct cpinfo *e = &s->cache->e[(uint32_t)cp & (CACHE_SIZE - 1)];
	if (e->cp != cp) info_compute(cp, e);
	return e;
}

bool fold_char_alone(int32_t cp, struct fold_char *out)
{
	struct cpinfo e;
	info_compute(cp, &e);
	if (cp < 0x80 || !e.inert || e.kind == EK_ANY || e.len > sizeof out->b) return false;
	static const unsigned char fk[] = {[EK_SPACE] = FK_SPACE, [EK_APOS] = FK_APOS,
					   [EK_WORD] = FK_WORD, [EK_OTHER] = FK_OTHER};
	out->kind = fk[e.kind];
	out->cas = e.cas;
	out->n = e.len;
	memcpy(out->b, e.b, e.len);
	return true;
}

/* Folded characters b[0..n) to the sink: spaces and dashes as one space,
 * typographic apostrophes as '. */
static void emit(struct fold_sink *s, const char *b, size_t n, unsigned char cas)
{
	size_t i = 0;
	while (i < n) {
		int32_t cp;
		size_t k = (unsigned char)b[i] < 0x80 ? (cp = (unsigned char)b[i], 1)
						      : utf8_decode(b + i, n - i, &cp);
		if (is_space_cp(cp)) {
			if (!s->space) s->put(s, " ", 1, FCASE_NONE, false);
			s->space = true;
		} else if (cp == 0x2019 || cp == 0x02BC || cp == 0x2018) {
			s->put(s, "'", 1, cas, false);
			s->space = false;
		} else {
			s->put(s, b + i, k, cas, utf8_is_word_cp(cp));
			s->space = false;
		}
		i += k;
	}
}

/* The code point at t[i] (an invalid byte reads as U+FFFD, as utf8_repair
 * makes it); returns its length in t. */
static size_t decode(const char *t, size_t len, size_t i, int32_t *cp)
{
	return utf8_decode(t + i, len - i, cp);
}

static void put_ascii(struct fold_sink *s, unsigned char c)
{
	if (fold_ascii_space(c)) {
		if (!s->space) s->put(s, " ", 1, FCASE_NONE, false);
		s->space = true;
		return;
	}
	char l = (char)fold_ascii_lower(c);
	s->put(s, &l, 1, fold_ascii_case(c), fold_ascii_word(c));
	s->space = false;
}

/* The cluster starting at t[i]: one character and every following one
 * that is not inert. */
size_t fold_one(struct fold_sink *s, const char *t, size_t len, size_t i)
{
	int32_t x, y;
	size_t j = i + decode(t, len, i, &x);
	bool multi = false;
	while (j < len && (unsigned char)t[j] >= 0x80) {
		size_t m = decode(t, len, j, &y);
		if (info_of(s, y)->inert) break;
		j += m;
		multi = true;
	}
	if (!multi && x < 0x80) {
		put_ascii(s, (unsigned char)x); /* before an inert character: alone */
		return j;
	}
	const struct cpinfo *xi = multi ? NULL : info_of(s, x);
	unsigned char cas = xi ? xi->cas : case_of(x);
	if (xi && xi->kind != EK_ANY) { /* what emit would do, known already */
		if (xi->kind == EK_SPACE) {
			if (!s->space) s->put(s, " ", 1, FCASE_NONE, false);
			s->space = true;
			return j;
		}
		if (xi->kind == EK_APOS) s->put(s, "'", 1, cas, false);
		else s->put(s, xi->b, xi->len, cas, xi->kind == EK_WORD);
		s->space = false;
		return j;
	}
	if (xi && xi->len != 0xFF) {
		emit(s, xi->b, xi->len, cas);
		return j;
	}
	/* repaired, then folded together */
	struct strbuf r = STRBUF_INIT, f = STRBUF_INIT;
	for (size_t k = i; k < j;) {
		char u[4];
		k += decode(t, len, k, &y);
		strbuf_add(&r, u, utf8_encode(y, u));
	}
	fold_utf8proc(r.buf, r.len, &f);
	emit(s, f.buf, f.len, cas);
	strbuf_free(&r);
	strbuf_free(&f);
	return j;
}

void fold_feed(struct fold_sink *s, const char *t, size_t len)
{
	const unsigned char *u = (const unsigned char *)t;
	size_t i = 0;
	while (i < len) {
		size_t end = i + utf8_ascii_run(t + i, len - i);
		/* an ASCII character before a non-ASCII one joins its cluster */
		size_t stop = end < len && end > i ? end - 1 : end;
		for (; i < stop; i++) put_ascii(s, u[i]);
		if (i < len) i = fold_one(s, t, len, i);
	}
}

struct collect {
	struct fold_sink s;
	struct strbuf *out, *cas;
};

static void collect_put(struct fold_sink *s, const char *b, size_t n, unsigned char cas, bool word)
{
	(void)word;
	struct collect *c = (struct collect *)s;
	strbuf_add(c->out, b, n);
	for (size_t i = 0; c->cas && i < n; i++) strbuf_addc(c->cas, (char)cas);
}

void fold_string(const char *s, size_t len, struct strbuf *out, struct strbuf *cas)
{
	struct collect c = {.s = {.put = collect_put, .space = true}, .out = out, .cas = cas};
	fold_feed(&c.s, s, len);
	fold_cache_free(&c.s);
	if (out->len && out->buf[out->len - 1] == ' ') {
		out->len--;
		if (cas) cas->len--;
	}
	strbuf_add(out, "", 0);
	if (cas) strbuf_add(cas, "", 0);
}

/* SPDX-License-Identifier: MIT
 * List orders (core/collection/order.h). Folded keys are computed once per article
 * before sorting, so a sort of n titles folds n strings, not n log n. */
#include "core/collection/order.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "core/find/related.h"
#include "core/base/util.h"

const char *const order_names[ORDER_COUNT] = {"date", "title", "source", "relevance"};

bool order_parse(const char *name, enum order_key *key)
{
	for (int i = 0; i < ORDER_COUNT; i++)
		if (strcmp(order_names[i], name) == 0) {
			*key = (enum order_key)i;
			return true;
		}
	return false;
}

/* Two levels of folded text: primary, only letters and digits with case,
 * accents and compatibility forms folded; secondary, case and forms
 * folded but accents kept. Invalid UTF-8 falls back to the bytes. */
struct text_key {
	char *primary, *secondary; /* owned; NULL for a missing value */
};

#define TEXT_FOLD                                                                           \
	(UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_COMPOSE |        \
	 UTF8PROC_CASEFOLD | UTF8PROC_IGNORE)

static char *fold_map(const char *s, int options)
{
	utf8proc_uint8_t *out = NULL;
	if (utf8proc_map((const utf8proc_uint8_t *)s, 0, &out, (utf8proc_option_t)options) < 0)
		return xstrdup(s);
	return (char *)out;
}

/* ASCII letters and digits, lowered: what the folds below keep of an
 * ASCII character at the first level (tests/unit/test_order.c checks
 * every ASCII character against utf8proc). */
static inline bool ascii_primary(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
static inline char ascii_lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
}

/* Whether s is all ASCII: its keys are then its bytes lowered (second
 * level) and its letters and digits lowered (first), with no utf8proc
 * call. Why: at a million titles the two maps were most of a title sort. */
static bool is_ascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0x80) return false;
	return true;
}

/* s's second-level key (owned): case and compatibility forms folded. */
static char *text_secondary(const char *s)
{
	if (is_ascii(s)) {
		size_t n = strlen(s);
		char *k = xmalloc(n + 1);
		for (size_t i = 0; i <= n; i++) k[i] = ascii_lower(s[i]);
		return k;
	}
	return fold_map(s, TEXT_FOLD);
}

/* s's first-level key (owned): only letters and digits, with case,
 * accents and compatibility forms folded. */
static char *text_primary(const char *s)
{
	size_t o = 0, i = 0, n = strlen(s);
	if (is_ascii(s)) {
		char *k = xmalloc(n + 1);
		for (; i < n; i++)
			if (ascii_primary((unsigned char)s[i])) k[o++] = ascii_lower(s[i]);
		k[o] = '\0';
		return k;
	}
	char *p = fold_map(s, TEXT_FOLD | UTF8PROC_STRIPMARK);
	/* keep letters and digits: punctuation, spaces and symbols are ignored at the first level */
	n = strlen(p);
	while (i < n) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t len = utf8proc_iterate((const utf8proc_uint8_t *)p + i, (utf8proc_ssize_t)(n - i), &cp);
		if (len <= 0) len = 1, cp = -1;
		utf8proc_category_t cat = cp < 0 ? UTF8PROC_CATEGORY_LL : utf8proc_category(cp);
		bool keep = cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LL ||
			    cat == UTF8PROC_CATEGORY_LT || cat == UTF8PROC_CATEGORY_LM ||
			    cat == UTF8PROC_CATEGORY_LO || cat == UTF8PROC_CATEGORY_ND ||
			    cat == UTF8PROC_CATEGORY_NL || cat == UTF8PROC_CATEGORY_NO;
		if (keep) memmove(p + o, p + i, (size_t)len), o += (size_t)len;
		i += (size_t)len;
	}
	p[o] = '\0';
	return p;
}

static void text_key_init(struct text_key *k, const char *s)
{
	k->primary = s ? text_primary(s) : NULL;
	k->secondary = s ? text_secondary(s) : NULL;
}

static void text_key_free(struct text_key *k)
{
	free(k->primary);
	free(k->secondary);
}

static int text_key_compare(const struct text_key *a, const struct text_key *b, const char *ra,
			    const char *rb)
{
	if (!a->primary || !b->primary) return a->primary ? -1 : b->primary ? 1 : 0;
	int c = strcmp(a->primary, b->primary);
	if (!c) c = strcmp(a->secondary, b->secondary);
	if (!c) c = strcmp(ra, rb);
	return c;
}

int order_text_compare(const char *a, const char *b)
{
	struct text_key ka, kb;
	text_key_init(&ka, a);
	text_key_init(&kb, b);
	int c = text_key_compare(&ka, &kb, a, b);
	text_key_free(&ka);
	text_key_free(&kb);
	return c;
}

/* Relevance: by score, then as the text orders break ties. */
struct order_ctx {
	const struct collection *c;
	double *score; /* per article */
};

static int order_cmp(const void *pa, const void *pb, void *ctx)
{
	const struct order_ctx *oc = ctx;
	size_t ia = *(const size_t *)pa, ib = *(const size_t *)pb;
	double sa = oc->score[ia], sb = oc->score[ib];
	int c = sa > sb ? -1 : sa < sb ? 1 : 0;
	if (c) return c;
	int da = oc->c->items[ia].date, db = oc->c->items[ib].date;
	if (da != db) return da > db ? -1 : 1;
	return (ia > ib) - (ia < ib); /* the collection is sorted by id */
}

void order_radix(size_t *order, size_t n, const uint32_t *key)
{
	size_t *tmp = xcalloc(n + 1, sizeof *tmp);
	size_t *from = order, *to = tmp;
	size_t *count = xcalloc(65536 + 1, sizeof *count);
	for (int shift = 0; shift < 32; shift += 16) {
		memset(count, 0, (65536 + 1) * sizeof *count);
		for (size_t i = 0; i < n; i++) count[((key[from[i]] >> shift) & 0xFFFF) + 1]++;
		for (size_t b = 0; b < 65536; b++) count[b + 1] += count[b];
		for (size_t i = 0; i < n; i++) to[count[(key[from[i]] >> shift) & 0xFFFF]++] = from[i];
		size_t *t = from;
		from = to;
		to = t;
	}
	/* two passes: the result is back in order */
	free(count);
	free(tmp);
}

uint32_t order_date_key(int date)
{
	/* signed order as unsigned, then reversed: newest (largest) first */
	return ~((uint32_t)date ^ 0x80000000u);
}

/* By date, newest first, ties by number: what order_cmp gives with no
 * text or score, in linear time: a million articles sort in a few ms
 * where qsort_r's comparisons took a few hundred, on every first screen. */
static void order_by_date(const struct collection *c, size_t *order)
{
	size_t n = c->n;
	uint32_t *key = xcalloc(n + 1, sizeof *key);
	for (size_t i = 0; i < n; i++) key[i] = order_date_key(c->items[i].date);
	order_radix(order, n, key);
	free(key);
}

/* Stable sort of perm[0..n) by key[number], ascending, 16 bits a pass
 * (a pass whose digit all share is skipped). */
static void radix64(uint32_t *perm, size_t n, const uint64_t *key)
{
	uint32_t *tmp = xmalloc((n + 1) * sizeof *tmp), *from = perm, *to = tmp;
	size_t *count = xmalloc((65536 + 1) * sizeof *count);
	for (int shift = 0; shift < 64; shift += 16) {
		memset(count, 0, (65536 + 1) * sizeof *count);
		for (size_t i = 0; i < n; i++) count[((key[from[i]] >> shift) & 0xFFFF) + 1]++;
		if (n && count[((key[from[0]] >> shift) & 0xFFFF) + 1] == n) continue;
		for (size_t b = 0; b < 65536; b++) count[b + 1] += count[b];
		for (size_t i = 0; i < n; i++) to[count[(key[from[i]] >> shift) & 0xFFFF]++] = from[i];
		uint32_t *t = from;
		from = to;
		to = t;
	}
	if (from != perm) memcpy(perm, from, n * sizeof *perm);
	free(count);
	free(tmp);
}

/* Bytes [8 * at, 8 * at + 8) of s's first-level key as a number
 * (big-endian, past its end zeros: numbers order as strcmp orders the
 * keys); a missing value all ones, among the last. */
static uint64_t text_prefix(const char *s, size_t at)
{
	if (!s) return UINT64_MAX;
	uint64_t p = 0;
	size_t skip = 8 * at;
	int got = 0;
	if (is_ascii(s)) {
		for (; *s && got < 8; s++)
			if (ascii_primary((unsigned char)*s) && (skip ? skip-- == 0 : true))
				p |= (uint64_t)(unsigned char)ascii_lower(*s) << (56 - 8 * got++);
		return p;
	}
	char *k = text_primary(s);
	size_t len = strlen(k);
	for (const char *c = k + (skip < len ? skip : len); *c && got < 8; c++)
		p |= (uint64_t)(unsigned char)*c << (56 - 8 * got++);
	free(k);
	return p;
}

/* The text and date getters of order_by_text. */
struct text_src {
	const char *(*text)(const void *ctx, size_t i);
	int (*date)(const void *ctx, size_t i);
	const void *ctx;
};

/* An article of a run that shares its prefix, with its whole keys. */
struct run_item {
	struct text_key k;
	const char *raw; /* borrowed */
	int date;
	uint32_t art;
};

/* As order_cmp over text keys: keys, then newest first, then by number. */
static int run_cmp(const void *x, const void *y)
{
	const struct run_item *a = x, *b = y;
	int c = text_key_compare(&a->k, &b->k, a->raw ? a->raw : "", b->raw ? b->raw : "");
	if (c) return c;
	if (a->date != b->date) return a->date > b->date ? -1 : 1;
	return (a->art > b->art) - (a->art < b->art);
}

/* perm[0..r) by whole keys, made for them alone. */
static void run_by_keys(const struct text_src *src, uint32_t *perm, size_t r)
{
	struct run_item *run = xmalloc(r * sizeof *run);
	for (size_t k = 0; k < r; k++) {
		run[k].raw = src->text(src->ctx, perm[k]);
		text_key_init(&run[k].k, run[k].raw);
		run[k].date = src->date(src->ctx, perm[k]);
		run[k].art = perm[k];
	}
	qsort(run, r, sizeof *run, run_cmp);
	for (size_t k = 0; k < r; k++) {
		perm[k] = run[k].art;
		text_key_free(&run[k].k);
	}
	free(run);
}

struct chunk_item {
	uint64_t key;
	uint32_t art;
};

static int chunk_cmp(const void *x, const void *y)
{
	const struct chunk_item *a = x, *b = y;
	return a->key < b->key ? -1 : a->key > b->key;
}

/* A run perm[0..r) whose first-level keys share their first 8 * at bytes
 * (all present: no missing value), by the next 8, and so on while the
 * keys go on; only a run of a few, or of keys the same to their end,
 * gets whole keys. Why: at a million titles a run of 50,000 ("According
 * to ...") held its whole keys at once, 10 MB more in the saving
 * reader's peak. */
static void run_sort(const struct text_src *src, uint32_t *perm, size_t r, size_t at)
{
	if (r < 2) return;
	if (r <= 32) {
		run_by_keys(src, perm, r);
		return;
	}
	struct chunk_item *c = xmalloc(r * sizeof *c);
	for (size_t k = 0; k < r; k++) c[k] = (struct chunk_item){text_prefix(src->text(src->ctx, perm[k]), at), perm[k]};
	qsort(c, r, sizeof *c, chunk_cmp);
	for (size_t k = 0; k < r; k++) perm[k] = c[k].art;
	for (size_t s = 0, e; s < r; s = e) {
		for (e = s + 1; e < r && c[e].key == c[s].key;) e++;
		if (c[s].key & 0xFF) run_sort(src, perm + s, e - s, at + 1); /* the keys go on */
		else run_by_keys(src, perm + s, e - s);                     /* they ended here */
	}
	free(c);
}

uint32_t *order_by_text(size_t n, const char *(*text)(const void *ctx, size_t i),
			int (*date)(const void *ctx, size_t i), const void *ctx)
{
	const struct text_src src = {text, date, ctx};
	uint32_t *perm = xmalloc((n + 1) * sizeof *perm);
	uint64_t *pre = xmalloc((n + 1) * sizeof *pre);
	for (size_t i = 0; i < n; i++) {
		perm[i] = (uint32_t)i;
		pre[i] = text_prefix(text(ctx, i), 0);
	}
	radix64(perm, n, pre);
	/* each run of one prefix: by the rest of the keys */
	for (size_t s = 0, e; s < n; s = e) {
		for (e = s + 1; e < n && pre[perm[e]] == pre[perm[s]];) e++;
		if (e - s < 2) continue;
		bool missing = false; /* a missing value's prefix is all ones */
		for (size_t k = s; k < e && pre[perm[s]] == UINT64_MAX && !missing; k++)
			missing = !text(ctx, perm[k]);
		if (pre[perm[s]] & 0xFF && !missing) run_sort(&src, perm + s, e - s, 1);
		else run_by_keys(&src, perm + s, e - s);
	}
	free(pre);
	return perm;
}

static const char *coll_title(const void *ctx, size_t i)
{
	return ((const struct collection *)ctx)->items[i].title;
}
static const char *coll_source(const void *ctx, size_t i)
{
	return ((const struct collection *)ctx)->items[i].source;
}
static int coll_date(const void *ctx, size_t i)
{
	return ((const struct collection *)ctx)->items[i].date;
}

size_t *collection_order(const struct collection *c, const struct tagindex *ti, enum order_key key,
			 long cur)
{
	size_t n = c->n;
	size_t *order = xcalloc(n + 1, sizeof *order);
	for (size_t i = 0; i < n; i++) order[i] = i;
	if (key == ORDER_DATE) {
		order_by_date(c, order);
		return order;
	}
	if (key == ORDER_TITLE || key == ORDER_SOURCE) {
		uint32_t *perm = order_by_text(n, key == ORDER_TITLE ? coll_title : coll_source,
					       coll_date, c);
		for (size_t i = 0; i < n; i++) order[i] = perm[i];
		free(perm);
		return order;
	}
	/* relevance (any other key: every score 0, so by date) */
	struct order_ctx oc = {c, xcalloc(n + 1, sizeof *oc.score)};
	if (key == ORDER_RELEVANCE && cur >= 0 && (size_t)cur < n) {
		struct related *r = NULL;
		size_t nr = related_compute(c, ti, (size_t)cur, n, &r);
		for (size_t i = 0; i < nr; i++) oc.score[r[i].art] = r[i].score;
		related_free(r, nr);
		oc.score[cur] = 1e300; /* the article itself leads */
	}
	qsort_r(order, n, sizeof *order, order_cmp, &oc);
	free(oc.score);
	return order;
}

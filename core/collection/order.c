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

static char *fold_map(const char *s, int options)
{
	utf8proc_uint8_t *out = NULL;
	if (utf8proc_map((const utf8proc_uint8_t *)s, 0, &out, (utf8proc_option_t)options) < 0)
		return xstrdup(s);
	return (char *)out;
}

static void text_key_init(struct text_key *k, const char *s)
{
	k->primary = k->secondary = NULL;
	if (!s) return;
	const int base = UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_COMPOSE |
			 UTF8PROC_CASEFOLD | UTF8PROC_IGNORE;
	k->secondary = fold_map(s, base);
	char *p = fold_map(s, base | UTF8PROC_STRIPMARK);
	/* keep letters and digits: punctuation, spaces and symbols are ignored at the first level */
	size_t o = 0, i = 0, n = strlen(p);
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
	k->primary = p;
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

struct order_ctx {
	const struct collection *c;
	enum order_key key;
	struct text_key *text; /* title or source keys, per article */
	double *score;         /* relevance, per article */
};

static const char *order_text(const struct order_ctx *oc, size_t i)
{
	const struct article *a = &oc->c->items[i];
	return oc->key == ORDER_TITLE ? a->title : a->source;
}

static int order_cmp(const void *pa, const void *pb, void *ctx)
{
	const struct order_ctx *oc = ctx;
	size_t ia = *(const size_t *)pa, ib = *(const size_t *)pb;
	int c = 0;
	if (oc->text) {
		c = text_key_compare(&oc->text[ia], &oc->text[ib], order_text(oc, ia) ? order_text(oc, ia) : "",
				     order_text(oc, ib) ? order_text(oc, ib) : "");
	} else if (oc->score) {
		double sa = oc->score[ia], sb = oc->score[ib];
		c = sa > sb ? -1 : sa < sb ? 1 : 0;
	}
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
	struct order_ctx oc = {c, key, NULL, NULL};
	if (key == ORDER_TITLE || key == ORDER_SOURCE) {
		oc.text = xcalloc(n + 1, sizeof *oc.text);
		for (size_t i = 0; i < n; i++) text_key_init(&oc.text[i], order_text(&oc, i));
	} else if (key == ORDER_RELEVANCE) {
		oc.score = xcalloc(n + 1, sizeof *oc.score);
		if (cur >= 0 && (size_t)cur < n) {
			struct related *r = NULL;
			size_t nr = related_compute(c, ti, (size_t)cur, n, &r);
			for (size_t i = 0; i < nr; i++) oc.score[r[i].art] = r[i].score;
			related_free(r, nr);
			oc.score[cur] = 1e300; /* the article itself leads */
		}
	}
	qsort_r(order, n, sizeof *order, order_cmp, &oc);
	if (oc.text)
		for (size_t i = 0; i < n; i++) text_key_free(&oc.text[i]);
	free(oc.text);
	free(oc.score);
	return order;
}

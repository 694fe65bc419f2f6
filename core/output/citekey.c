/* SPDX-License-Identifier: MIT
 * Citation keys (see citekey.h). Folding goes through utf8proc (compat
 * decomposition, marks stripped, case folded), then a few Latin letters
 * that do not decompose are spelled out; anything else not [a-z0-9] is
 * dropped. De-duplication sorts the articles by (key, date, ID) and keeps
 * a map (core/base/map.h) of the keys in use so an appended letter never lands on a key
 * some other article already has. */
#include "core/output/citekey.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "core/base/map.h"
#include "core/output/names.h"
#include "core/base/strbuf.h"
#include "core/text/utf8.h"
#include "core/base/util.h"

static const struct {
	const char *from, *to;
} spelled[] = {
	{"æ", "ae"}, {"ø", "o"}, {"œ", "oe"}, {"ł", "l"}, {"đ", "d"}, {"ð", "d"},
	{"þ", "th"}, {"ı", "i"}, {"ŋ", "ng"}, {"ħ", "h"},
};

static const char *const small_words[] = {
	"a", "an", "and", "as", "at", "by", "de", "der", "die", "das", "du", "el", "for", "from", "in",
	"is", "la", "le", "les", "of", "on", "or", "the", "to", "with",
};

/* s folded, with every byte not [a-z0-9] kept as a space so that words can
 * still be told apart. Caller frees. */
static char *fold_spaced(const char *s)
{
	size_t len = strlen(s);
	char *rep = utf8_repair(s, len, &len);
	utf8proc_uint8_t *f = NULL;
	if (utf8proc_map((const utf8proc_uint8_t *)rep, (utf8proc_ssize_t)len, &f,
			 UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK |
				 UTF8PROC_CASEFOLD) < 0)
		f = NULL;
	free(rep);
	struct strbuf sb = STRBUF_INIT;
	for (const char *p = (const char *)f; p && *p;) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9')) {
			strbuf_addc(&sb, *p++);
			continue;
		}
		if (*p == '\'' || !strncmp(p, "’", 3)) { /* O'Brien, l’école: one word */
			p += *p == '\'' ? 1 : 3;
			continue;
		}
		size_t i = 0;
		while (i < ARRAY_LEN(spelled) && strncmp(p, spelled[i].from, strlen(spelled[i].from))) i++;
		if (i < ARRAY_LEN(spelled)) {
			strbuf_adds(&sb, spelled[i].to);
			p += strlen(spelled[i].from);
			continue;
		}
		strbuf_addc(&sb, ' ');
		p++;
	}
	free(f);
	strbuf_addc(&sb, '\0');
	return strbuf_steal(&sb);
}

void citekey_ascii(struct strbuf *out, const char *s)
{
	char *f = fold_spaced(s ? s : "");
	for (const char *p = f; *p; p++)
		if (*p != ' ') strbuf_addc(out, *p);
	free(f);
}

static bool is_small(const char *w, size_t n)
{
	if (n < 2) return true; /* "U.S." folds to u s: skip single letters */
	for (size_t i = 0; i < ARRAY_LEN(small_words); i++)
		if (strlen(small_words[i]) == n && !strncmp(small_words[i], w, n)) return true;
	return false;
}

/* The first word of s that is not small, appended. */
static void first_word(struct strbuf *out, const char *s)
{
	char *f = fold_spaced(s ? s : "");
	for (const char *p = f; *p;) {
		while (*p == ' ') p++;
		const char *b = p;
		while (*p && *p != ' ') p++;
		if (p > b && !is_small(b, (size_t)(p - b))) {
			strbuf_add(out, b, (size_t)(p - b));
			break;
		}
	}
	free(f);
}

char *citekey_base(const struct article *a)
{
	struct strbuf sb = STRBUF_INIT;
	for (size_t i = 0; i < a->authors.n && !sb.len; i++) {
		struct name n;
		if (!name_split(a->authors.v[i], &n)) continue;
		if (n.family) citekey_ascii(&sb, n.family);
		else first_word(&sb, n.literal);
		name_free(&n);
	}
	if (!sb.len && a->source) first_word(&sb, a->source);
	if (!sb.len) strbuf_adds(&sb, "anon");
	if (a->date > 0) strbuf_addf(&sb, "%04d", a->date / 10000);
	else strbuf_adds(&sb, "nd");
	first_word(&sb, a->title);
	return strbuf_steal(&sb);
}

/* ---- de-duplication ------------------------------------------------------ */

struct sort_ctx {
	const struct collection *c;
	char **base;
};

static int cmp_idx(const void *x, const void *y, void *ctx)
{
	const struct sort_ctx *g_sort = ctx;
	size_t i = *(const size_t *)x, j = *(const size_t *)y;
	int r = strcmp(g_sort->base[i], g_sort->base[j]);
	if (r) return r;
	int di = g_sort->c->items[i].date, dj = g_sort->c->items[j].date;
	if (di != dj) return di < dj ? -1 : 1;
	return strcmp(g_sort->c->items[i].id, g_sort->c->items[j].id);
}

/* "a".."z", "aa".. for n = 0, 1, ... */
static void letters(struct strbuf *sb, size_t n)
{
	char tmp[16];
	size_t k = 0;
	do {
		tmp[k++] = (char)('a' + n % 26);
		n = n / 26;
	} while (n-- > 0 && k < sizeof tmp);
	while (k) strbuf_addc(sb, tmp[--k]);
}

void citekeys_build(struct citekeys *ck, const struct collection *c)
{
	ck->n = c->n;
	ck->keys = xcalloc(c->n + 1, sizeof *ck->keys);
	char **base = xcalloc(c->n + 1, sizeof *base);
	size_t *order = xmalloc((c->n + 1) * sizeof *order);
	for (size_t i = 0; i < c->n; i++) {
		base[i] = citekey_base(&c->items[i]);
		order[i] = i;
	}
	struct sort_ctx sc = {c, base};
	qsort_r(order, c->n, sizeof *order, cmp_idx, &sc);
	struct map used = MAP_INIT; /* keys borrowed from base[] and ck->keys */
	for (size_t i = 0; i < c->n; i++) map_put(&used, base[i], i);
	struct strbuf sb = STRBUF_INIT;
	for (size_t k = 0; k < c->n; k++) {
		size_t i = order[k];
		if (k == 0 || strcmp(base[i], base[order[k - 1]]) != 0) {
			ck->keys[i] = xstrdup(base[i]);
			continue;
		}
		/* a later one of a group: the first free letter suffix */
		for (size_t n = 0;; n++) {
			strbuf_reset(&sb);
			strbuf_adds(&sb, base[i]);
			letters(&sb, n);
			if (!map_get(&used, sb.buf, NULL)) break;
		}
		ck->keys[i] = xstrdup(sb.buf);
		map_put(&used, ck->keys[i], i);
	}
	strbuf_free(&sb);
	map_free(&used);
	for (size_t i = 0; i < c->n; i++) free(base[i]);
	free(base);
	free(order);
}

const char *citekeys_get(const struct citekeys *ck, size_t art) { return art < ck->n ? ck->keys[art] : NULL; }

void citekeys_free(struct citekeys *ck)
{
	for (size_t i = 0; i < ck->n; i++) free(ck->keys[i]);
	free(ck->keys);
	memset(ck, 0, sizeof *ck);
}

/* SPDX-License-Identifier: MIT
 * Query terms: turns one lexed term (a bare word, a phrase, field:value)
 * into a tree node: folded words, normalised tags, date ranges, fields of
 * the article or front-matter keys of the collection. */
#include <stdlib.h>
#include <string.h>

#include "core/meta/article.h"
#include "core/base/date.h"
#include "core/find/query_int.h"
#include "core/base/strbuf.h"
#include "core/collection/tags.h"
#include "core/text/utf8.h"
#include "core/base/util.h"

/* Fields of struct article a query can name, besides tag/date/after/before/is. */
static const struct {
	const char *name;
	enum qfield f;
} qfields[] = {
	{"author", QF_AUTHOR}, {"lang", QF_LANG},   {"source", QF_SOURCE},
	{"summary", QF_SUMMARY}, {"title", QF_TITLE}, {"url", QF_URL},
};
static const char *const special_fields[] = {"after", "before", "date", "is", "marktag", "tag"};


struct qnode *qnode_new(enum qnode_kind kind)
{
	struct qnode *n = xcalloc(1, sizeof *n);
	n->kind = kind;
	return n;
}

void qnode_push(struct qnode *n, struct qnode *kid)
{
	ARRAY_RESERVE(n->kids, n->cap, n->nkids + 1);
	n->kids[n->nkids++] = kid;
}

void qnode_free(struct qnode *n)
{
	if (!n)
		return;
	for (size_t i = 0; i < n->nkids; i++)
		qnode_free(n->kids[i]);
	free(n->kids);
	free(n->key);
	free(n->value);
	for (size_t i = 0; i < n->nwords; i++)
		free(n->words[i]);
	free(n->words);
	free(n);
}

/* Split folded text into its words (runs of letters and digits). */
static void split_words(struct qnode *n, const char *s, size_t len)
{
	size_t i = 0, cap = 0;
	while (i < len) {
		int32_t cp;
		size_t k = utf8_decode(s + i, len - i, &cp);
		if (!utf8_is_word_cp(cp)) {
			i += k;
			continue;
		}
		size_t start = i;
		while (i < len) {
			k = utf8_decode(s + i, len - i, &cp);
			if (!utf8_is_word_cp(cp))
				break;
			i += k;
		}
		ARRAY_RESERVE(n->words, cap, n->nwords + 1);
		n->words[n->nwords++] = xstrndup(s + start, i - start);
	}
}

static bool date_or_err(struct parser *p, size_t off, size_t n, int *lo, int *hi)
{
	if (date_period(p->s + off, n, lo, hi))
		return true;
	query_perr(p, off, "expected a date (YYYY, YYYY-MM or YYYY-MM-DD), found '%.*s'",
	     (int)(n > 40 ? 40 : n), p->s + off);
	return false;
}

static bool make_date(struct parser *p, struct qnode *n, const char *field,
		      const struct token *t)
{
	const char *v = p->s + t->voff;
	int lo, hi;
	n->kind = QN_DATE;
	n->from = 0;
	n->to = QUERY_DATE_OPEN;
	if (!strcmp(field, "after") || !strcmp(field, "before")) {
		if (!date_or_err(p, t->voff, t->vlen, &lo, &hi))
			return false;
		if (field[0] == 'a')
			n->from = hi + 1; /* strictly after the whole period */
		else
			n->to = lo - 1; /* strictly before it */
		return true;
	}
	const char *dots = NULL;
	for (size_t i = 0; i + 1 < t->vlen; i++)
		if (v[i] == '.' && v[i + 1] == '.') {
			dots = v + i;
			break;
		}
	if (!dots)
		return date_or_err(p, t->voff, t->vlen, &n->from, &n->to);
	size_t flen = (size_t)(dots - v), toff = t->voff + flen + 2, tlen = t->vlen - flen - 2;
	if (flen == 0 && tlen == 0) {
		query_perr(p, t->voff, "expected a date before or after '..'");
		return false;
	}
	if (flen && !date_or_err(p, t->voff, flen, &n->from, &hi))
		return false;
	if (tlen && !date_or_err(p, toff, tlen, &lo, &n->to))
		return false;
	if (n->from > n->to) {
		query_perr(p, t->voff, "date range ends before it starts");
		return false;
	}
	return true;
}

static bool collection_has_key(const struct dossier *d, const char *key)
{
	if (!d)
		return false;
	for (size_t i = 0; i < d->coll.n; i++)
		if (article_get_extra(&d->coll.items[i], key))
			return true;
	return false;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* "after, author, ..., editor": built-in fields and the collection's keys. */
static char *known_fields(const struct dossier *d)
{
	struct strlist l = {0};
	for (size_t i = 0; i < ARRAY_LEN(qfields); i++)
		strlist_push(&l, qfields[i].name);
	for (size_t i = 0; i < ARRAY_LEN(special_fields); i++)
		strlist_push(&l, special_fields[i]);
	for (size_t i = 0; d && i < d->coll.n; i++)
		for (size_t j = 0; j < d->coll.items[i].nextra; j++)
			if (!strlist_has(&l, d->coll.items[i].extra[j].key))
				strlist_push(&l, d->coll.items[i].extra[j].key);
	qsort(l.v, l.n, sizeof *l.v, cmp_str);
	struct strbuf sb = STRBUF_INIT;
	for (size_t i = 0; i < l.n; i++)
		strbuf_addf(&sb, "%s%s", i ? ", " : "", l.v[i]);
	strlist_free(&l);
	return strbuf_steal(&sb);
}

/* field:VALUE: whole words; '*' anywhere makes it a pattern for the whole
 * value; unquoted <, <=, >, >= before a number compare numbers. */
static bool field_value(struct parser *p, struct qnode *n, const char *field,
			const struct token *t, size_t voff)
{
	const char *v = p->s + t->voff;
	size_t op = 0;
	if (!t->quoted && (v[0] == '<' || v[0] == '>')) {
		op = t->vlen > 1 && v[1] == '=' ? 2 : 1;
		n->match = v[0] == '<' ? (op == 2 ? QM_LE : QM_LT) : (op == 2 ? QM_GE : QM_GT);
		if (!query_parse_number(v + op, t->vlen - op, &n->num)) {
			query_perr(p, voff + op, "expected a number after '%s:%.*s'", field, (int)op, v);
			return false;
		}
	}
	n->value = utf8_fold(v + op, t->vlen - op, &n->vlen);
	if (!n->vlen) {
		query_perr(p, voff, "expected a value after '%s:'", field);
		return false;
	}
	if (!op && memchr(n->value, '*', n->vlen))
		n->match = QM_GLOB;
	return true;
}

struct qnode *query_make_text(struct parser *p, const struct token *t)
{
	size_t flen;
	char *f = utf8_fold(p->s + t->voff, t->vlen, &flen);
	struct qnode *n = qnode_new(QN_TEXT);
	split_words(n, f, flen);
	free(f);
	if (!n->nwords) {
		query_perr(p, t->off, "expected letters or digits in the search term");
		qnode_free(n);
		return NULL;
	}
	p->needs_body = true;
	return n;
}

struct qnode *query_make_field(struct parser *p, const struct token *t)
{
	char *field = utf8_fold(p->s + t->foff, t->flen, NULL);
	struct qnode *n = qnode_new(QN_FIELD);
	size_t voff = t->quoted ? t->voff - 1 : t->voff;
	bool ok = true;
	if (t->vlen == 0) {
		query_perr(p, voff, "expected a value after '%s:'", field);
		ok = false;
	} else if (!strcmp(field, "tag")) {
		n->kind = QN_TAG;
		n->value = tag_normalize(p->s + t->voff, t->vlen);
		if (!n->value) {
			query_perr(p, voff, "expected a value after '%s:'", field);
			ok = false;
		} else {
			n->vlen = strlen(n->value);
		}
	} else if (!strcmp(field, "marktag")) {
		size_t skip = 0;
		while (skip < t->vlen && p->s[t->voff + skip] == '#') skip++;
		n->kind = QN_MARKTAG;
		n->value = tag_normalize(p->s + t->voff + skip, t->vlen - skip);
		if (!n->value) {
			query_perr(p, voff, "expected a mark tag after 'marktag:'");
			ok = false;
		} else {
			n->vlen = strlen(n->value);
		}
	} else if (!strcmp(field, "date") || !strcmp(field, "after") || !strcmp(field, "before")) {
		ok = make_date(p, n, field, t);
	} else if (!strcmp(field, "is")) {
		char *v = utf8_fold(p->s + t->voff, t->vlen, NULL);
		n->kind = QN_IS;
		if (!strcmp(v, "read")) {
			n->is = QIS_READ;
		} else if (!strcmp(v, "unread")) {
			n->is = QIS_UNREAD;
		} else if (!strcmp(v, "marked")) {
			n->is = QIS_MARKED;
		} else {
			query_perr(p, voff, "expected 'read', 'unread' or 'marked' after 'is:'");
			ok = false;
		}
		free(v);
	} else {
		size_t i = 0;
		while (i < ARRAY_LEN(qfields) && strcmp(field, qfields[i].name))
			i++;
		if (i < ARRAY_LEN(qfields)) {
			n->field = qfields[i].f;
		} else if (collection_has_key(p->d, field)) {
			n->field = QF_EXTRA;
			n->key = xstrdup(field);
		} else {
			char *known = known_fields(p->d);
			query_perr(p, t->foff, "unknown field '%s' (known fields: %s)", field, known);
			free(known);
			ok = false;
		}
		if (ok)
			ok = field_value(p, n, field, t, voff);
	}
	free(field);
	if (!ok) {
		qnode_free(n);
		return NULL;
	}
	return n;
}


/* SPDX-License-Identifier: MIT
 * The query parser: a small lexer and a recursive-descent parser turning
 * the text into the tree of query_int.h. The first error wins and is
 * reported with its column (in code points) and what was expected. */
#include "core/query.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/article.h"
#include "core/query_int.h"
#include "core/strbuf.h"
#include "core/tags.h"
#include "core/utf8.h"
#include "core/util.h"

/* Bounds the recursion on hostile input such as 10,000 '(' or NOTs. */
#define QUERY_MAX_DEPTH 100

enum tok { T_EOF, T_LP, T_RP, T_OR, T_AND, T_NOT, T_MINUS, T_TERM };

struct token {
	enum tok t;
	size_t off;        /* byte offset of the token */
	size_t foff, flen; /* field name; flen 0: a bare word or phrase */
	size_t voff, vlen; /* the value, quotes excluded */
	bool quoted;
};

struct parser {
	const char *s;
	size_t len, pos;
	struct token tok; /* the lookahead */
	enum tok prev;    /* the token before it (T_EOF at the start) */
	int depth;
	const struct dossier *d;
	struct query_error *err;
	bool failed, needs_body;
};

/* Fields of struct article a query can name, besides tag/date/after/before/is. */
static const struct {
	const char *name;
	enum qfield f;
} qfields[] = {
	{"author", QF_AUTHOR}, {"lang", QF_LANG},   {"source", QF_SOURCE},
	{"summary", QF_SUMMARY}, {"title", QF_TITLE}, {"url", QF_URL},
};
static const char *const special_fields[] = {"after", "before", "date", "is", "tag"};

static int col_of(const struct parser *p, size_t off)
{
	return (int)utf8_codepoints(p->s, off) + 1;
}

static void perr(struct parser *p, size_t off, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void perr(struct parser *p, size_t off, const char *fmt, ...)
{
	if (p->failed)
		return;
	p->failed = true;
	if (!p->err)
		return;
	struct strbuf sb = STRBUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	p->err->col = col_of(p, off);
	p->err->msg = strbuf_steal(&sb);
}

static const char *tok_name(enum tok t)
{
	switch (t) {
	case T_LP: return "(";
	case T_RP: return ")";
	case T_OR: return "OR";
	case T_AND: return "AND";
	case T_NOT: return "NOT";
	case T_MINUS: return "-";
	case T_TERM: return "term";
	case T_EOF: break;
	}
	return "end of query";
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static bool is_stop(char c)
{
	return is_space(c) || c == '(' || c == ')' || c == '"';
}

/* A field name starts with a letter and goes on with letters, digits, '-',
 * '_' or '.', so "12:30" and "http://x" stay words... and fields. */
static bool valid_field_name(const char *s, size_t n)
{
	size_t i = 0;
	bool first = true;
	while (i < n) {
		int32_t cp;
		size_t k = utf8_decode(s + i, n - i, &cp);
		if (first && cp >= '0' && cp <= '9')
			return false;
		if (!utf8_is_word_cp(cp) && (first || (cp != '-' && cp != '_' && cp != '.')))
			return false;
		first = false;
		i += k;
	}
	return n > 0;
}

/* At a '"': the value runs to the next '"'. */
static void lex_quoted(struct parser *p, struct token *t)
{
	size_t open = p->pos;
	const char *close = memchr(p->s + open + 1, '"', p->len - open - 1);
	if (!close) {
		perr(p, p->len, "expected '\"' to close the quote at column %d", col_of(p, open));
		t->t = T_EOF;
		p->pos = p->len;
		return;
	}
	t->quoted = true;
	t->voff = open + 1;
	t->vlen = (size_t)(close - p->s) - t->voff;
	p->pos = (size_t)(close - p->s) + 1;
}

static void lex_next(struct parser *p)
{
	struct token *t = &p->tok;
	p->prev = t->t;
	memset(t, 0, sizeof *t);
	while (p->pos < p->len && is_space(p->s[p->pos]))
		p->pos++;
	t->off = p->pos;
	if (p->failed || p->pos >= p->len) {
		t->t = T_EOF;
		return;
	}
	char c = p->s[p->pos];
	if (c == '(' || c == ')') {
		t->t = c == '(' ? T_LP : T_RP;
		p->pos++;
		return;
	}
	t->t = T_TERM;
	if (c == '"') {
		lex_quoted(p, t);
		return;
	}
	if (c == '-') {
		if (p->pos + 1 >= p->len || is_space(p->s[p->pos + 1]) || p->s[p->pos + 1] == ')') {
			perr(p, p->pos + 1, "expected a term right after '-'");
			t->t = T_EOF;
			return;
		}
		t->t = T_MINUS;
		p->pos++;
		return;
	}
	size_t start = p->pos, end = start;
	while (end < p->len && !is_stop(p->s[end]))
		end++;
	const char *colon = memchr(p->s + start, ':', end - start);
	if (colon && valid_field_name(p->s + start, (size_t)(colon - p->s) - start)) {
		t->foff = start;
		t->flen = (size_t)(colon - p->s) - start;
		size_t v = t->foff + t->flen + 1;
		if (v < p->len && p->s[v] == '"') {
			p->pos = v;
			lex_quoted(p, t);
			return;
		}
		t->voff = v;
		t->vlen = end - v;
		p->pos = end;
		return;
	}
	t->voff = start;
	t->vlen = end - start;
	p->pos = end;
	if (t->vlen == 2 && !memcmp(p->s + start, "OR", 2))
		t->t = T_OR;
	else if (t->vlen == 3 && !memcmp(p->s + start, "AND", 3))
		t->t = T_AND;
	else if (t->vlen == 3 && !memcmp(p->s + start, "NOT", 3))
		t->t = T_NOT;
}

static struct qnode *node_new(enum qnode_kind kind)
{
	struct qnode *n = xcalloc(1, sizeof *n);
	n->kind = kind;
	return n;
}

static void node_push(struct qnode *n, struct qnode *kid)
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

static int days_in_month(int y, int m)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return days[m - 1];
}

static int digits(const char *s, size_t n)
{
	int v = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/* YYYY, YYYY-MM or YYYY-MM-DD -> the first and last day of that period. */
static bool date_period(const char *s, size_t n, int *lo, int *hi)
{
	if (n != 4 && n != 7 && n != 10)
		return false;
	if ((n >= 7 && s[4] != '-') || (n == 10 && s[7] != '-'))
		return false;
	int y = digits(s, 4), m = n >= 7 ? digits(s + 5, 2) : 0, d = n == 10 ? digits(s + 8, 2) : 0;
	if (y < 1 || m < 0 || d < 0 || (n >= 7 && (m < 1 || m > 12)))
		return false;
	if (n == 10 && (d < 1 || d > days_in_month(y, m)))
		return false;
	*lo = y * 10000 + (m ? m : 1) * 100 + (d ? d : 1);
	*hi = y * 10000 + (m ? m : 12) * 100 + (d ? d : days_in_month(y, m ? m : 12));
	return true;
}

static bool date_or_err(struct parser *p, size_t off, size_t n, int *lo, int *hi)
{
	if (date_period(p->s + off, n, lo, hi))
		return true;
	perr(p, off, "expected a date (YYYY, YYYY-MM or YYYY-MM-DD), found '%.*s'",
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
		perr(p, t->voff, "expected a date before or after '..'");
		return false;
	}
	if (flen && !date_or_err(p, t->voff, flen, &n->from, &hi))
		return false;
	if (tlen && !date_or_err(p, toff, tlen, &lo, &n->to))
		return false;
	if (n->from > n->to) {
		perr(p, t->voff, "date range ends before it starts");
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

static struct qnode *make_text(struct parser *p, const struct token *t)
{
	size_t flen;
	char *f = utf8_fold(p->s + t->voff, t->vlen, &flen);
	struct qnode *n = node_new(QN_TEXT);
	split_words(n, f, flen);
	free(f);
	if (!n->nwords) {
		perr(p, t->off, "expected letters or digits in the search term");
		qnode_free(n);
		return NULL;
	}
	p->needs_body = true;
	return n;
}

static struct qnode *make_field(struct parser *p, const struct token *t)
{
	char *field = utf8_fold(p->s + t->foff, t->flen, NULL);
	struct qnode *n = node_new(QN_FIELD);
	size_t voff = t->quoted ? t->voff - 1 : t->voff;
	bool ok = true;
	if (t->vlen == 0) {
		perr(p, voff, "expected a value after '%s:'", field);
		ok = false;
	} else if (!strcmp(field, "tag")) {
		n->kind = QN_TAG;
		n->value = tag_normalize(p->s + t->voff, t->vlen);
		if (!n->value) {
			perr(p, voff, "expected a value after '%s:'", field);
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
			perr(p, voff, "expected 'read', 'unread' or 'marked' after 'is:'");
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
			perr(p, t->foff, "unknown field '%s' (known fields: %s)", field, known);
			free(known);
			ok = false;
		}
		if (ok) {
			n->value = utf8_fold(p->s + t->voff, t->vlen, &n->vlen);
			if (!n->vlen) {
				perr(p, voff, "expected a value after '%s:'", field);
				ok = false;
			}
		}
	}
	free(field);
	if (!ok) {
		qnode_free(n);
		return NULL;
	}
	return n;
}

static struct qnode *parse_or(struct parser *p);

static void term_expected(struct parser *p)
{
	const struct token *t = &p->tok;
	enum tok pv = p->prev;
	if (pv == T_OR || pv == T_AND || pv == T_NOT || pv == T_MINUS || pv == T_LP)
		perr(p, t->off, "expected a term after '%s'", tok_name(pv));
	else if (t->t == T_RP && p->depth == 0)
		perr(p, t->off, "unexpected ')' without a matching '('");
	else
		perr(p, t->off, "expected a term before '%s'", tok_name(t->t));
}

static bool depth_ok(struct parser *p)
{
	if (p->depth < QUERY_MAX_DEPTH)
		return true;
	perr(p, p->tok.off, "query nested too deeply (more than %d levels)", QUERY_MAX_DEPTH);
	return false;
}

static struct qnode *parse_primary(struct parser *p)
{
	if (p->tok.t == T_TERM) {
		struct qnode *n = p->tok.flen ? make_field(p, &p->tok) : make_text(p, &p->tok);
		lex_next(p);
		return n;
	}
	if (p->tok.t != T_LP) {
		term_expected(p);
		return NULL;
	}
	size_t open = p->tok.off;
	if (!depth_ok(p))
		return NULL;
	p->depth++;
	lex_next(p);
	struct qnode *n = parse_or(p);
	if (!n)
		return NULL;
	if (p->tok.t != T_RP) {
		perr(p, p->tok.off, "expected ')' to close '(' at column %d", col_of(p, open));
		qnode_free(n);
		return NULL;
	}
	p->depth--;
	lex_next(p);
	return n;
}

static struct qnode *parse_unary(struct parser *p)
{
	if (p->tok.t != T_NOT && p->tok.t != T_MINUS)
		return parse_primary(p);
	if (!depth_ok(p))
		return NULL;
	p->depth++;
	lex_next(p);
	struct qnode *k = parse_unary(p);
	p->depth--;
	if (!k)
		return NULL;
	struct qnode *n = node_new(QN_NOT);
	node_push(n, k);
	return n;
}

static bool starts_term(enum tok t)
{
	return t == T_TERM || t == T_LP || t == T_NOT || t == T_MINUS;
}

/* AND (explicit or implicit) and OR share this loop: a flat n-ary node, so
 * a long query never makes a deep tree. */
static struct qnode *parse_list(struct parser *p, bool is_or)
{
	struct qnode *first = is_or ? parse_list(p, false) : parse_unary(p);
	struct qnode *n = NULL;
	if (!first)
		return NULL;
	for (;;) {
		enum tok t = p->tok.t;
		if (is_or ? t != T_OR : (t != T_AND && !starts_term(t)))
			break;
		if (t == T_OR || t == T_AND)
			lex_next(p);
		struct qnode *k = is_or ? parse_list(p, false) : parse_unary(p);
		if (!k) {
			qnode_free(n ? n : first);
			return NULL;
		}
		if (!n) {
			n = node_new(is_or ? QN_OR : QN_AND);
			node_push(n, first);
		}
		node_push(n, k);
	}
	return n ? n : first;
}

static struct qnode *parse_or(struct parser *p)
{
	return parse_list(p, true);
}

struct query *query_parse(const char *text, const struct dossier *d, struct query_error *err)
{
	struct parser p = {.s = text ? text : "", .d = d, .err = err, .prev = T_EOF};
	p.len = strlen(p.s);
	if (err) {
		err->col = 0;
		err->msg = NULL;
	}
	lex_next(&p);
	struct qnode *root;
	if (p.tok.t == T_EOF && !p.failed) {
		root = node_new(QN_ALL);
	} else {
		root = parse_or(&p);
		if (root && p.tok.t == T_RP)
			perr(&p, p.tok.off, "unexpected ')' without a matching '('");
	}
	if (p.failed) {
		qnode_free(root);
		return NULL;
	}
	struct query *q = xcalloc(1, sizeof *q);
	q->root = root;
	q->needs_body = p.needs_body;
	return q;
}

bool query_needs_body(const struct query *q)
{
	return q && q->needs_body;
}

void query_free(struct query *q)
{
	if (!q)
		return;
	qnode_free(q->root);
	free(q);
}

void query_error_free(struct query_error *err)
{
	if (!err)
		return;
	free(err->msg);
	err->msg = NULL;
	err->col = 0;
}

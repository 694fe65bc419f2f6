/* SPDX-License-Identifier: MIT
 * The query parser: a small lexer and a recursive-descent parser turning
 * the text into the tree of query_int.h. The first error wins and is
 * reported with its column (in code points) and what was expected. */
#include "core/find/query.h"

#include <stdarg.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/find/query_int.h"
#include "core/base/strbuf.h"
#include "core/text/utf8.h"
#include "core/base/util.h"

int query_col_of(const struct parser *p, size_t off)
{
	return (int)utf8_codepoints(p->s, off) + 1;
}

void query_perr(struct parser *p, size_t off, const char *fmt, ...)
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
	p->err->col = query_col_of(p, off);
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
 * '_' or '.': "12:30" stays a word, while "http://x" names a field "http"
 * (an unknown-field error unless quoted, as in notmuch). */
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
		query_perr(p, p->len, "expected '\"' to close the quote at column %d", query_col_of(p, open));
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
			query_perr(p, p->pos + 1, "expected a term right after '-'");
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

static struct qnode *parse_or(struct parser *p);

static void term_expected(struct parser *p)
{
	const struct token *t = &p->tok;
	enum tok pv = p->prev;
	if (pv == T_OR || pv == T_AND || pv == T_NOT || pv == T_MINUS || pv == T_LP)
		query_perr(p, t->off, "expected a term after '%s'", tok_name(pv));
	else if (t->t == T_RP && p->depth == 0)
		query_perr(p, t->off, "unexpected ')' without a matching '('");
	else
		query_perr(p, t->off, "expected a term before '%s'", tok_name(t->t));
}

static bool depth_ok(struct parser *p)
{
	if (p->depth < QUERY_MAX_DEPTH)
		return true;
	query_perr(p, p->tok.off, "query nested too deeply (more than %d levels)", QUERY_MAX_DEPTH);
	return false;
}

static struct qnode *parse_primary(struct parser *p)
{
	if (p->tok.t == T_TERM) {
		struct qnode *n = query_is_ref(p, &p->tok) ? query_make_ref(p, &p->tok)
				  : p->tok.flen ? query_make_field(p, &p->tok) : query_make_text(p, &p->tok);
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
		query_perr(p, p->tok.off, "expected ')' to close '(' at column %d", query_col_of(p, open));
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
	struct qnode *n = qnode_new(QN_NOT);
	qnode_push(n, k);
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
			n = qnode_new(is_or ? QN_OR : QN_AND);
			qnode_push(n, first);
		}
		qnode_push(n, k);
	}
	return n ? n : first;
}

static struct qnode *parse_or(struct parser *p)
{
	return parse_list(p, true);
}

struct qnode *query_parse_root(struct parser *p)
{
	lex_next(p);
	struct qnode *root;
	if (p->tok.t == T_EOF && !p->failed) {
		root = qnode_new(QN_ALL);
	} else {
		root = parse_or(p);
		if (root && p->tok.t == T_RP)
			query_perr(p, p->tok.off, "unexpected ')' without a matching '('");
	}
	if (p->failed) {
		qnode_free(root);
		return NULL;
	}
	return root;
}

struct query *query_parse_names(const char *text, const struct dossier *d,
				const struct query_names *names, struct query_error *err)
{
	size_t refs = 0;
	struct query_chain self = {names ? names->self : NULL, 0, NULL};
	struct parser p = {.s = text ? text : "", .d = d, .err = err, .prev = T_EOF,
			   .names = names, .refs = &refs, .chain = self.name ? &self : NULL};
	if (self.name)
		self.len = strlen(self.name);
	p.len = strlen(p.s);
	if (err) {
		err->col = 0;
		err->msg = NULL;
	}
	struct qnode *root = query_parse_root(&p);
	if (!root)
		return NULL;
	struct query *q = xcalloc(1, sizeof *q);
	q->root = root;
	q->needs_body = p.needs_body;
	qplan_build(&q->plan, q->root);
	return q;
}

struct query *query_parse(const char *text, const struct dossier *d, struct query_error *err)
{
	return query_parse_names(text, d, NULL, err);
}

bool query_needs_body(const struct query *q)
{
	return q && q->needs_body;
}

static bool qnode_has_is(const struct qnode *n)
{
	if (n->kind == QN_IS || n->kind == QN_MARKTAG) return true;
	for (size_t i = 0; i < n->nkids; i++)
		if (qnode_has_is(n->kids[i])) return true;
	return false;
}

bool query_needs_state(const struct query *q)
{
	return q && q->root && qnode_has_is(q->root);
}

static bool qnode_has_marktag(const struct qnode *n)
{
	if (n->kind == QN_MARKTAG) return true;
	for (size_t i = 0; i < n->nkids; i++)
		if (qnode_has_marktag(n->kids[i])) return true;
	return false;
}

bool query_needs_marks(const struct query *q)
{
	return q && q->root && qnode_has_marktag(q->root);
}

void query_free(struct query *q)
{
	if (!q)
		return;
	qplan_free(&q->plan);
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

char *query_error_format(const char *text, const struct query_error *err)
{
	struct strbuf sb = STRBUF_INIT, line = STRBUF_INIT;
	size_t len = text ? strlen(text) : 0;
	int col = err && err->col > 0 ? err->col : 1;
	strbuf_addf(&sb, "query:%d: %s\n  ", col, err && err->msg ? err->msg : "error");
	/* the caret sits under the display column of the code point, measured
	 * on the query as printed (controls shown as placeholders) */
	size_t off = utf8_offset_of_cp(text ? text : "", len, (size_t)col - 1);
	int w = utf8_display_fit(&line, text ? text : "", off, INT_MAX, 0);
	utf8_display_fit(&line, text ? text + off : "", len - off, INT_MAX, 0);
	strbuf_adds(&sb, strbuf_str(&line));
	strbuf_addf(&sb, "\n  %*s^", w, "");
	strbuf_free(&line);
	return strbuf_steal(&sb);
}

/* SPDX-License-Identifier: MIT
 * The query syntax tree, shared by the parser (query.c) and the evaluator
 * (query_eval.c) and by nothing else: callers only see struct query. */
#ifndef DOSSIER_QUERY_INT_H
#define DOSSIER_QUERY_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "core/query.h"

#define QUERY_DATE_OPEN 99999999 /* the upper bound of an open date range */
/* Bounds the recursion on hostile input such as 10,000 '(' or NOTs. */
#define QUERY_MAX_DEPTH 100
/* Bounds what saved searches referring to each other may expand to (a: @b @b,
 * b: @c @c, ... doubles at each level). */
#define QUERY_MAX_REFS 1000

enum qnode_kind {
	QN_ALL,   /* the empty query */
	QN_AND,   /* kids[0..nkids) all match */
	QN_OR,    /* any of kids[0..nkids) */
	QN_NOT,   /* kids[0] does not match */
	QN_TAG,   /* value: normalised tag; also matches value/... */
	QN_FIELD, /* field (or extra key) contains value, folded */
	QN_DATE,  /* from <= date <= to (YYYYMMDD); 0 = open end */
	QN_IS,    /* reading state */
	QN_TEXT,  /* words[0..nwords) consecutively in title or body */
	QN_MARKTAG, /* value: normalised mark tag (a passage's, see query_match_mark) */
};

enum qfield { QF_SOURCE, QF_AUTHOR, QF_TITLE, QF_URL, QF_SUMMARY, QF_LANG, QF_EXTRA };
enum qis { QIS_READ, QIS_UNREAD, QIS_MARKED };

struct qnode {
	enum qnode_kind kind;
	struct qnode **kids; /* owned */
	size_t nkids, cap;
	enum qfield field;
	char *key;    /* owned: folded extra key (QF_EXTRA) */
	char *value;  /* owned: folded value or normalised tag */
	size_t vlen;
	int from, to; /* QN_DATE, inclusive; 0 = open */
	enum qis is;
	char **words; /* owned: folded words of a QN_TEXT term */
	size_t nwords;
};

struct query {
	struct qnode *root; /* owned */
	bool needs_body;
};

struct qnode *qnode_new(enum qnode_kind kind);
void qnode_push(struct qnode *n, struct qnode *kid);
void qnode_free(struct qnode *n);

/* The lexer's view of one token. */
enum tok { T_EOF, T_LP, T_RP, T_OR, T_AND, T_NOT, T_MINUS, T_TERM };

struct token {
	enum tok t;
	size_t off;        /* byte offset of the token */
	size_t foff, flen; /* field name; flen 0: a bare word or phrase */
	size_t voff, vlen; /* the value, quotes excluded */
	bool quoted;
};

/* The saved searches being expanded, innermost first (loop detection). */
struct query_chain {
	const char *name;
	size_t len;
	const struct query_chain *up;
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
	/* saved searches (query_ref.c) */
	const struct query_names *names; /* NULL: @NAME is an error */
	const struct query_chain *chain; /* searches being expanded */
	size_t *refs;                    /* references expanded so far, whole parse */
	bool loop;                       /* the error is a loop: passed up unwrapped */
};


/* Column (1-based, code points) of byte offset off in the query. */
int query_col_of(const struct parser *p, size_t off);
/* Record an error at byte offset off unless one was recorded already. */
void query_perr(struct parser *p, size_t off, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Nodes for a bare term and a field:value term; NULL after an error. */
struct qnode *query_make_text(struct parser *p, const struct token *t);
struct qnode *query_make_field(struct parser *p, const struct token *t);
/* query_eval.c's matching of folded words (whole, consecutive) and its
 * folding, for core/query_bits.c. */
bool query_words_in(const char *h, size_t hlen, char *const *w, size_t nw);
char *query_fold(const char *s, size_t *outlen);
/* The whole of p->s as a tree (QN_ALL when empty); NULL after an error. */
struct qnode *query_parse_root(struct parser *p);
/* Is t a reference to a saved search (@NAME, search:NAME)? */
bool query_is_ref(const struct parser *p, const struct token *t);
/* The referenced search's query, parsed as a sub-expression (query_ref.c). */
struct qnode *query_make_ref(struct parser *p, const struct token *t);

#endif

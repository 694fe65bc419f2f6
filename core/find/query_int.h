/* SPDX-License-Identifier: MIT
 * The query syntax tree, shared by the parser (query.c) and the evaluator
 * (query_eval.c) and by nothing else: callers only see struct query. */
#ifndef DOSSIER_QUERY_INT_H
#define DOSSIER_QUERY_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/find/query.h"

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

/* How a field term's value is compared with the field (issue 19: a plain
 * value used to match any substring, so id:446 found 1446). */
enum qmatch {
	QM_WORDS, /* value occurs with no letter or digit glued on either side */
	QM_GLOB,  /* the whole field matches value, '*' standing for any run */
	QM_LT, QM_LE, QM_GT, QM_GE, /* the field is a number, compared with num */
};

enum qfield { QF_SOURCE, QF_AUTHOR, QF_TITLE, QF_URL, QF_SUMMARY, QF_LANG, QF_EXTRA };
enum qis { QIS_READ, QIS_UNREAD, QIS_MARKED };

struct qnode {
	enum qnode_kind kind;
	struct qnode **kids; /* owned */
	size_t nkids, cap;
	enum qfield field;
	char *key;    /* owned: folded extra key (QF_EXTRA) */
	char *value;  /* owned: folded value or normalised tag (QM_LT..: the number's text) */
	size_t vlen;
	enum qmatch match; /* QN_FIELD */
	double num;        /* QM_LT .. QM_GE */
	int from, to; /* QN_DATE, inclusive; 0 = open */
	enum qis is;
	char **words; /* owned: folded words of a QN_TEXT term */
	size_t nwords;
	size_t textid; /* QN_TEXT: its index in struct qplan's texts */
	const struct qnode *parent; /* QN_TEXT: borrowed, the node above (NULL: root) */
	size_t orid;   /* QN_OR with 2+ full-text kids: 1 + its index in qplan's ors */
};

/* The full-text terms of a query and what is known about them (query_text.c).
 * Built at parse time; the stamps and the index's answers change while
 * matching, so one query is matched by one thread at a time. */
struct qplan {
	struct qnode **texts; /* borrowed from the tree, by textid */
	size_t ntexts, tcap;
	size_t *order;        /* owned: textids sorted by first word */
	struct qslot *slots;  /* owned: open hash, first word -> range of order */
	size_t mask;
	uint32_t *tstamp, *bstamp; /* owned: per textid, == gen: found in the title / body */
	uint32_t gen;
	size_t *thits;         /* owned: textids found in the current article's title */
	size_t nthits, thcap;
	struct qnode **ors;    /* borrowed: OR nodes with 2+ full-text kids, by orid - 1 */
	size_t nors, ocap;
	unsigned char **orhits; /* owned: per OR, the union of its text kids' hits */
	bool *or_asked;
	/* the index's answers for the env last matched (text_set, ctx, nart) */
	int (*set_fn)(void *, const char *const *, size_t, unsigned char *, unsigned char *,
		      size_t);
	void *set_ctx;
	size_t nart;
	unsigned char **hits;  /* owned: per textid, one bit per article; NULL: not answered */
	bool *asked;           /* owned: per textid */
	unsigned char *known;  /* owned: articles the index covers */
	bool known_done;       /* known filled by an answer */
};

struct query {
	struct qnode *root; /* owned */
	bool needs_body;
	struct qplan plan;  /* mutable caches behind a const query: see struct qplan */
};

void qplan_build(struct qplan *pl, struct qnode *root);
void qplan_free(struct qplan *pl);
/* A fresh stamp value for the next article. */
uint32_t qplan_next_gen(struct qplan *pl);
/* Set stamp[textid] = gen for every term whose words occur whole and
 * consecutive in the folded text h (only non-letters/digits between);
 * record: also list them in thits. */
void qplan_scan(struct qplan *pl, const char *h, size_t hlen, uint32_t *stamp, uint32_t gen,
		bool record);
/* Up to this many full-text terms each is searched for on its own
 * (query_words_in); beyond, one qplan_scan finds them all. */
#define QPLAN_SCAN_MIN 8
/* Does the folded field value f[0..len) match field term n (its match)? */
bool query_value_match(const char *f, size_t len, const struct qnode *n);
/* Does field term n match the field's value as loaded (NULL: none; folded
 * here)? As the evaluator judges source:, lang:, url: ... (query_eval.c). */
bool query_field_value_match(const char *field, const struct qnode *n);
/* A decimal number, whole: optional sign, digits, optional fraction. */
bool query_parse_number(const char *s, size_t n, double *out);
/* Before matching an article with env->text_set: keep the index's answers
 * if they came from the same env (function, ctx, number of articles). */
void qplan_prepare(struct qplan *pl, const struct query_env *env);
/* Ask the index about term n for every article (once per term). */
void qplan_ask(struct qplan *pl, const struct query_env *env, const struct qnode *n);
/* For OR node n (orid set): the union of the index's hits of its full-text
 * kids, one bit per article; NULL when the index cannot answer one of them. */
const unsigned char *qplan_or_hits(struct qplan *pl, const struct query_env *env,
				   const struct qnode *n);
/* The index's answer for term n in article art: 1, 0, or -1 when it
 * cannot say. Inline: it runs per article and term. */
static inline int qplan_index(struct qplan *pl, const struct query_env *env,
			      const struct qnode *n, size_t art)
{
	if (!pl->asked[n->textid])
		qplan_ask(pl, env, n);
	const unsigned char *h = pl->hits[n->textid];
	if (!h || !((pl->known[art / 8] >> (art % 8)) & 1))
		return -1;
	return (h[art / 8] >> (art % 8)) & 1;
}

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
/* Matching of folded words, whole and consecutive (query_text.c), and
 * query_eval.c's folding, for core/find/query_bits.c. */
bool query_words_in(const char *h, size_t hlen, char *const *w, size_t nw);
char *query_fold(const char *s, size_t *outlen);
/* The whole of p->s as a tree (QN_ALL when empty); NULL after an error. */
struct qnode *query_parse_root(struct parser *p);
/* Is t a reference to a saved search (@NAME, search:NAME)? */
bool query_is_ref(const struct parser *p, const struct token *t);
/* The referenced search's query, parsed as a sub-expression (query_ref.c). */
struct qnode *query_make_ref(struct parser *p, const struct token *t);

#endif

/* SPDX-License-Identifier: MIT
 * The query syntax tree, shared by the parser (query.c) and the evaluator
 * (query_eval.c) and by nothing else: callers only see struct query. */
#ifndef DOSSIER_QUERY_INT_H
#define DOSSIER_QUERY_INT_H

#include <stdbool.h>
#include <stddef.h>

#define QUERY_DATE_OPEN 99999999 /* the upper bound of an open date range */

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

void qnode_free(struct qnode *n);

#endif

/* SPDX-License-Identifier: MIT
 * A query judged over the metadata cache's lean index (core/meta/
 * metaindex.h) for the commands that answer without loading the
 * collection (core/cli/cli_lean.c): tags by their postings, date terms by
 * the date column, source: and lang: by their value columns (each
 * distinct value judged once), AND/OR/NOT by Kleene logic; any other
 * title: by the folded title table, is: by the reading state's ids when
 * the caller found them (query_lean_state); any other built-in field
 * (author:, url:, summary:) is "maybe", decided by decoding that article. Queries with words, mark tags or other front-matter keys
 * are not judged here (query_per_article says so). */
#include "core/find/query.h"

#include <stdlib.h>
#include <string.h>

#include "core/base/util.h"
#include "core/find/query_int.h"
#include "core/meta/metaindex.h"

static bool per_article(const struct qnode *n)
{
	switch (n->kind) {
	case QN_ALL: /* the empty query */
	case QN_TAG:
	case QN_DATE:
	case QN_IS: return true; /* the state by the article's id: "maybe" here */
	case QN_FIELD: return n->field != QF_EXTRA;
	case QN_AND:
	case QN_OR:
	case QN_NOT:
		for (size_t i = 0; i < n->nkids; i++)
			if (!per_article(n->kids[i])) return false;
		return true;
	default: return false;
	}
}

bool query_per_article(const struct query *q)
{
	return q && q->root && per_article(q->root);
}

const char *query_required_tag(const struct query *q)
{
	const struct qnode *n = q && q->root ? q->root : NULL;
	if (n && n->kind == QN_TAG) return n->value;
	for (size_t i = 0; n && n->kind == QN_AND && i < n->nkids; i++)
		if (n->kids[i]->kind == QN_TAG) return n->kids[i]->value;
	return NULL;
}

bool query_matches_all(const struct query *q)
{
	return q && q->root && q->root->kind == QN_ALL;
}

const char *query_only_tag(const struct query *q)
{
	return q && q->root && q->root->kind == QN_TAG ? q->root->value : NULL;
}

/* A value column's term: each distinct value judged once, as the
 * evaluator judges the loaded field (query_field_value_match). */
static void eval_column(struct metaindex *mx, enum metaindex_col col,
			const struct qnode *n, unsigned char *out)
{
	size_t nv = metaindex_nvalues(mx, col), nart = metaindex_count(mx);
	unsigned char *hit = xcalloc(nv ? nv : 1, 1);
	for (size_t v = 0; v < nv; v++) {
		size_t len;
		const char *s = metaindex_value(mx, col, v, &len);
		char *val = s ? xstrndup(s, len) : NULL;
		hit[v] = query_field_value_match(val, n) ? QLEAN_YES : QLEAN_NO;
		free(val);
	}
	for (size_t i = 0; i < nart; i++) out[i] = hit[metaindex_value_of(mx, col, i)];
	free(hit);
}

/* A title: term over the folded title table, as query_bits.c judges it
 * (a value that must occur: one memmem over all the titles, each hit
 * checked whole); false when the cache has no usable table. */
static bool eval_title(struct metaindex *mx, const struct qnode *n, unsigned char *out)
{
	const char *all;
	size_t total, nart = metaindex_count(mx), tl;
	if (!metaindex_titles(mx, &all, &total)) return false;
	memset(out, QLEAN_NO, nart);
	if (n->match == QM_WORDS && n->vlen) {
		const char *end = all + total;
		for (const char *p = all; nart && (p = memmem(p, (size_t)(end - p), n->value, n->vlen));) {
			size_t a = metaindex_title_at(mx, (size_t)(p - all));
			const char *t = metaindex_title(mx, a, &tl);
			if (query_value_match(t, tl, n)) out[a] = QLEAN_YES;
			p = t + tl + 1; /* the next title */
		}
		return true;
	}
	for (size_t a = 0; a < nart; a++) {
		const char *t = metaindex_title(mx, a, &tl);
		if (query_value_match(t, tl, n)) out[a] = QLEAN_YES;
	}
	return true;
}

static void eval_node(struct metaindex *mx, const struct query_lean_state *st, const struct qnode *n,
		      unsigned char *out)
{
	size_t nart = metaindex_count(mx);
	switch (n->kind) {
	case QN_ALL: memset(out, QLEAN_YES, nart); return;
	case QN_DATE:
		for (size_t i = 0; i < nart; i++) {
			int d = metaindex_date(mx, i);
			out[i] = d && d >= n->from && d <= n->to ? QLEAN_YES : QLEAN_NO;
		}
		return;
	case QN_IS: { /* by the state's ids, as query_eval.c judges is: */
		const unsigned char *by = n->is == QIS_MARKED ? (st ? st->marked : NULL)
							      : (st ? st->read : NULL);
		for (size_t i = 0; i < nart; i++)
			out[i] = !by ? QLEAN_MAYBE : (n->is == QIS_UNREAD ? !by[i] : by[i]) ? QLEAN_YES : QLEAN_NO;
		return;
	}
	case QN_TAG: { /* the postings hold nested tags under their parents */
		memset(out, QLEAN_NO, nart);
		long t = metaindex_tag_find(mx, n->value);
		size_t k = t < 0 ? 0 : metaindex_tag_count(mx, (size_t)t);
		for (size_t j = 0; j < k; j++) out[metaindex_tag_art(mx, (size_t)t, j)] = QLEAN_YES;
		return;
	}
	case QN_FIELD:
		if (n->field == QF_SOURCE) eval_column(mx, MX_SOURCE, n, out);
		else if (n->field == QF_LANG) eval_column(mx, MX_LANG, n, out);
		else if (n->field != QF_TITLE || !eval_title(mx, n, out)) memset(out, QLEAN_MAYBE, nart);
		return;
	case QN_NOT:
		eval_node(mx, st, n->kids[0], out);
		for (size_t i = 0; i < nart; i++)
			out[i] = out[i] == QLEAN_MAYBE ? QLEAN_MAYBE : out[i] == QLEAN_YES ? QLEAN_NO : QLEAN_YES;
		return;
	case QN_AND:
	case QN_OR: {
		/* Kleene logic, as query_eval.c: a decisive kid decides */
		unsigned char decisive = n->kind == QN_AND ? QLEAN_NO : QLEAN_YES;
		memset(out, n->kind == QN_AND ? QLEAN_YES : QLEAN_NO, nart);
		unsigned char *kid = xcalloc(nart ? nart : 1, 1);
		for (size_t k = 0; k < n->nkids; k++) {
			eval_node(mx, st, n->kids[k], kid);
			for (size_t i = 0; i < nart; i++)
				if (out[i] != decisive && (kid[i] == decisive || kid[i] == QLEAN_MAYBE))
					out[i] = kid[i];
		}
		free(kid);
		return;
	}
	default: memset(out, QLEAN_MAYBE, nart); return;
	}
}

unsigned char *query_lean_eval(const struct query *q, struct metaindex *mx,
			       const struct query_lean_state *st)
{
	if (!query_per_article(q)) return NULL;
	size_t nart = metaindex_count(mx);
	unsigned char *out = xcalloc(nart ? nart : 1, 1);
	eval_node(mx, st, q->root, out);
	return out;
}

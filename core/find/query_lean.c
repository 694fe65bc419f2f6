/* SPDX-License-Identifier: MIT
 * What a query asks of each article, for the commands that answer from
 * the metadata cache's lean index (core/cli/cli_lean.c): a tag every match
 * must carry (its postings are the candidates), and whether each article
 * is decided by its own metadata alone (so the candidates can be judged
 * without the rest of the collection, the full-text index or the state). */
#include "core/find/query.h"

#include "core/find/query_int.h"

static bool per_article(const struct qnode *n)
{
	switch (n->kind) {
	case QN_TAG:
	case QN_DATE: return true;
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

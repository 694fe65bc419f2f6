/* SPDX-License-Identifier: MIT
 * Query evaluation. Metadata terms are decided first with three-valued
 * logic (yes / no / needs the body); only when the answer still depends on
 * a full-text term is the body consulted, through one function
 * (text_in_body) that a persistent index can answer instead of the file. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/meta/article.h"
#include "core/text/article_text.h"
#include "core/state/marks.h"
#include "core/find/foldtitles.h"
#include "core/find/query.h"
#include "core/find/query_int.h"
#include "core/base/strbuf.h"
#include "core/text/utf8.h"
#include "core/base/util.h"

enum tri { NO, YES, MAYBE };

struct eval {
	const struct query_env *env;
	const struct article *a;
	size_t art;
	bool use_body;   /* second pass: full-text terms may look at the body */
	const char *title; /* folded title, on first use: env->titles' or title_own */
	char *title_own; /* owned: the title folded here (no table) */
	size_t tlen;
	bool title_done; /* scanned for the full-text terms */
	char *body;      /* folded body, read on first use */
	size_t blen;
	bool body_done;  /* read (and scanned) */
	struct qplan *plan; /* the query's, stamps valid where == gen */
	uint32_t gen;
	bool sets;       /* the plan holds the index's per-term answers (text_set) */
	const struct mark *mark; /* the passage for marktag:, NULL: none */
};

/* utf8_fold with a fast path: for ASCII text NFKC + case fold is tolower. */
static char *fold(const char *s, size_t *outlen)
{
	return foldtitles_fold(s, outlen);
}

/* e->title: from the reader's table when it holds this article, else
 * folded here (the same bytes either way). */
static void title_get(struct eval *e)
{
	if (e->title)
		return;
	const struct foldtitles *ft = e->env->titles;
	if (ft && e->art < ft->n) {
		e->title = foldtitles_get(ft, e->art, &e->tlen);
		return;
	}
	e->title = e->title_own = fold(e->a->title ? e->a->title : "", &e->tlen);
}

bool query_field_value_match(const char *field, const struct qnode *n)
{
	if (!field)
		return false;
	size_t len;
	char *f = fold(field, &len);
	bool hit = query_value_match(f, len, n);
	free(f);
	return hit;
}

static bool contains_folded(const char *field, const struct qnode *n)
{
	return query_field_value_match(field, n);
}

/* The one place a full-text term meets the body: the index (per article:
 * text_match; text_set is asked in eval_node), else the file, read and
 * folded once per article; with many terms, scanned once for all of them. */
static bool text_in_body(struct eval *e, const struct qnode *n)
{
	const struct query_env *env = e->env;
	if (env->text_match && !e->sets) {
		int r = env->text_match(env->ctx, e->art, (const char *const *)n->words, n->nwords);
		if (r >= 0)
			return r == 1;
	}
	struct qplan *pl = e->plan;
	if (!e->body_done) {
		struct diag_list diags = DIAG_LIST_INIT;
		size_t len = 0;
		char *raw = article_text_words_read(e->a, &len, &diags); /* as the index has them */
		diag_list_free(&diags);
		e->body_done = true;
		if (raw) {
			e->body = utf8_fold(raw, len, &e->blen);
			free(raw);
			if (e->body && pl->ntexts > QPLAN_SCAN_MIN)
				qplan_scan(pl, e->body, e->blen, pl->bstamp, e->gen, false);
		}
	}
	if (!e->body)
		return false;
	if (pl->ntexts > QPLAN_SCAN_MIN)
		return pl->bstamp[n->textid] == e->gen;
	return query_words_in(e->body, e->blen, n->words, n->nwords);
}

static bool tag_in(const struct strlist *l, const struct qnode *n)
{
	for (size_t i = 0; i < l->n; i++) {
		const char *t = l->v[i];
		if (!strncmp(t, n->value, n->vlen) && (t[n->vlen] == '\0' || t[n->vlen] == '/'))
			return true;
	}
	return false;
}

static bool field_match(struct eval *e, const struct qnode *n)
{
	const struct article *a = e->a;
	switch (n->field) {
	case QF_SOURCE: return contains_folded(a->source, n);
	case QF_URL: return contains_folded(a->url, n);
	case QF_SUMMARY: return contains_folded(a->summary, n);
	case QF_LANG: return contains_folded(a->lang, n);
	case QF_EXTRA: return contains_folded(article_get_extra(a, n->key), n);
	case QF_TITLE: break;
	case QF_AUTHOR:
		for (size_t i = 0; i < a->authors.n; i++)
			if (contains_folded(a->authors.v[i], n))
				return true;
		return false;
	}
	title_get(e);
	return query_value_match(e->title, e->tlen, n);
}

static void title_scan(struct eval *e)
{
	title_get(e);
	if (!e->title_done && e->plan->ntexts > QPLAN_SCAN_MIN) {
		e->plan->nthits = 0;
		qplan_scan(e->plan, e->title, e->tlen, e->plan->tstamp, e->gen, true);
	}
	e->title_done = true;
}

static enum tri eval_node(struct eval *e, const struct qnode *n);

/* An OR of many full-text terms in an article the index covers: the union
 * of their hits and the title's hits decide them all at once, so the
 * cost does not grow with the number of terms. MAYBE+1: cannot shortcut. */
static int or_shortcut(struct eval *e, const struct qnode *n)
{
	struct qplan *pl = e->plan;
	size_t art = e->art;
	if (!((pl->known[art / 8] >> (art % 8)) & 1))
		return MAYBE + 1;
	const unsigned char *u = qplan_or_hits(pl, e->env, n);
	if (!u)
		return MAYBE + 1;
	if ((u[art / 8] >> (art % 8)) & 1)
		return YES;
	title_scan(e);
	for (size_t i = 0; i < pl->nthits; i++)
		if (pl->texts[pl->thits[i]]->parent == n)
			return YES;
	enum tri r = NO; /* every text kid is NO: the others decide */
	for (size_t i = 0; i < n->nkids; i++) {
		if (n->kids[i]->kind == QN_TEXT)
			continue;
		enum tri k = eval_node(e, n->kids[i]);
		if (k == YES)
			return YES;
		if (k == MAYBE)
			r = MAYBE;
	}
	return r;
}

static enum tri eval_node(struct eval *e, const struct qnode *n)
{
	const struct query_env *env = e->env;
	switch (n->kind) {
	case QN_ALL: return YES;
	case QN_AND:
	case QN_OR: {
		if (n->kind == QN_OR && n->orid && e->sets && e->plan->ntexts > QPLAN_SCAN_MIN) {
			int r = or_shortcut(e, n);
			if (r != MAYBE + 1)
				return (enum tri)r;
		}
		/* Kleene logic: a decisive kid ends it; otherwise MAYBE wins. */
		enum tri decisive = n->kind == QN_AND ? NO : YES, r = n->kind == QN_AND ? YES : NO;
		for (size_t i = 0; i < n->nkids; i++) {
			enum tri k = eval_node(e, n->kids[i]);
			if (k == decisive)
				return decisive;
			if (k == MAYBE)
				r = MAYBE;
		}
		return r;
	}
	case QN_NOT: {
		enum tri k = eval_node(e, n->kids[0]);
		return k == MAYBE ? MAYBE : k == YES ? NO : YES;
	}
	case QN_TAG: return tag_in(&e->a->tags, n) || tag_in(&e->a->derived, n) ? YES : NO;
	case QN_FIELD: return field_match(e, n) ? YES : NO;
	case QN_DATE: return e->a->date && e->a->date >= n->from && e->a->date <= n->to ? YES : NO;
	case QN_IS: {
		bool (*f)(void *, size_t) = n->is == QIS_MARKED ? env->is_marked : env->is_read;
		bool v = f && f(env->ctx, e->art);
		return (n->is == QIS_UNREAD ? !v : v) ? YES : NO;
	}
	case QN_MARKTAG: return e->mark && mark_has_tag(e->mark, n->value) ? YES : NO;
	case QN_TEXT:
		title_scan(e);
		if (e->plan->ntexts <= QPLAN_SCAN_MIN) {
			if (query_words_in(e->title, e->tlen, n->words, n->nwords))
				return YES;
		} else if (e->plan->tstamp[n->textid] == e->gen) {
			return YES;
		}
		if (e->sets) { /* the index decides without reading anything */
			int r = qplan_index(e->plan, env, n, e->art);
			if (r >= 0)
				return r ? YES : NO;
		}
		if (!e->use_body)
			return MAYBE;
		return text_in_body(e, n) ? YES : NO;
	}
	return NO;
}

bool query_match(const struct query *q, const struct query_env *env, size_t art)
{
	return query_match_mark(q, env, art, NULL);
}

bool query_match_mark(const struct query *q, const struct query_env *env, size_t art,
		      const struct mark *m)
{
	if (!q || !env || !env->d || art >= env->d->coll.n)
		return false;
	struct qplan *pl = (struct qplan *)&q->plan; /* caches only: see struct qplan */
	/* a query made around a subtree (query_bits.c) has no plan of its own:
	 * its terms go through text_match, article by article */
	bool sets = env->text_set && pl->ntexts;
	if (sets)
		qplan_prepare(pl, env);
	struct eval e = {.env = env, .a = &env->d->coll.items[art], .art = art, .plan = pl,
			 .gen = qplan_next_gen(pl), .sets = sets, .mark = m};
	enum tri r = eval_node(&e, q->root);
	if (r == MAYBE) {
		e.use_body = true;
		r = eval_node(&e, q->root);
	}
	free(e.title_own);
	free(e.body);
	return r == YES;
}

static bool node_titles(const struct qnode *n)
{
	if (n->kind == QN_TEXT || (n->kind == QN_FIELD && n->field == QF_TITLE))
		return true;
	for (size_t i = 0; i < n->nkids; i++)
		if (node_titles(n->kids[i]))
			return true;
	return false;
}

bool query_needs_titles(const struct query *q)
{
	return q && node_titles(q->root);
}

size_t query_filter(const struct query *q, const struct query_env *env, const size_t *in,
		    size_t n, size_t *out)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		size_t art = in ? in[i] : i;
		if (query_match(q, env, art))
			out[k++] = art;
	}
	return k;
}

static const char *field_label(const struct qnode *n)
{
	switch (n->field) {
	case QF_SOURCE: return "source";
	case QF_AUTHOR: return "author";
	case QF_TITLE: return "title";
	case QF_URL: return "url";
	case QF_SUMMARY: return "summary";
	case QF_LANG: return "lang";
	case QF_EXTRA: break;
	}
	return n->key;
}

static void format_node(struct strbuf *sb, const struct qnode *n)
{
	static const char *const is_names[] = {"read", "unread", "marked"};
	switch (n->kind) {
	case QN_ALL: strbuf_adds(sb, "*"); return;
	case QN_AND:
	case QN_OR:
	case QN_NOT:
		strbuf_adds(sb, n->kind == QN_AND ? "(and" : n->kind == QN_OR ? "(or" : "(not");
		for (size_t i = 0; i < n->nkids; i++) {
			strbuf_addc(sb, ' ');
			format_node(sb, n->kids[i]);
		}
		strbuf_addc(sb, ')');
		return;
	case QN_TAG: strbuf_addf(sb, "tag:%s", n->value); return;
	case QN_FIELD: {
		static const char *const ops[] = {"", "", "<", "<=", ">", ">="};
		if (n->match >= QM_LT)
			strbuf_addf(sb, "%s:%s%s", field_label(n), ops[n->match], n->value);
		else
			strbuf_addf(sb, "%s:\"%s\"", field_label(n), n->value);
		return;
	}
	case QN_DATE:
		strbuf_adds(sb, "date:");
		if (n->from)
			strbuf_addf(sb, "%d", n->from);
		strbuf_adds(sb, "..");
		if (n->to != QUERY_DATE_OPEN)
			strbuf_addf(sb, "%d", n->to);
		return;
	case QN_IS: strbuf_addf(sb, "is:%s", is_names[n->is]); return;
	case QN_MARKTAG: strbuf_addf(sb, "marktag:%s", n->value); return;
	case QN_TEXT:
		strbuf_addc(sb, '"');
		for (size_t i = 0; i < n->nwords; i++)
			strbuf_addf(sb, "%s%s", i ? " " : "", n->words[i]);
		strbuf_addc(sb, '"');
		return;
	}
}

char *query_format(const struct query *q)
{
	struct strbuf sb = STRBUF_INIT;
	if (!q)
		return xstrdup("");
	format_node(&sb, q->root);
	return strbuf_steal(&sb);
}

/* For core/find/query_bits.c, which evaluates a whole collection at once
 * (query_words_in is in query_text.c). */
char *query_fold(const char *s, size_t *outlen)
{
	return fold(s, outlen);
}

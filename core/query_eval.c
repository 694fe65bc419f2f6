/* SPDX-License-Identifier: MIT
 * Query evaluation. Metadata terms are decided first with three-valued
 * logic (yes / no / needs the body); only when the answer still depends on
 * a full-text term is the body consulted, through one function
 * (text_in_body) that a persistent index can answer instead of the file. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/article.h"
#include "core/article_text.h"
#include "core/marks.h"
#include "core/query.h"
#include "core/query_int.h"
#include "core/strbuf.h"
#include "core/utf8.h"
#include "core/util.h"

enum tri { NO, YES, MAYBE };

struct eval {
	const struct query_env *env;
	const struct article *a;
	size_t art;
	bool use_body;   /* second pass: full-text terms may look at the body */
	char *title;     /* folded title, made on first use */
	size_t tlen;
	char *body;      /* folded body, read on first use */
	size_t blen;
	bool body_done;
	const struct mark *mark; /* the passage for marktag:, NULL: none */
};

/* utf8_fold with a fast path: for ASCII text NFKC + case fold is tolower. */
static char *fold(const char *s, size_t *outlen)
{
	size_t n = strlen(s);
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] >= 0x80)
			return utf8_fold(s, n, outlen);
	char *r = xmalloc(n + 1);
	for (size_t i = 0; i < n; i++)
		r[i] = (s[i] >= 'A' && s[i] <= 'Z') ? (char)(s[i] + 32) : s[i];
	r[n] = '\0';
	*outlen = n;
	return r;
}

static bool contains_folded(const char *field, const struct qnode *n)
{
	if (!field)
		return false;
	size_t len;
	char *f = fold(field, &len);
	bool hit = memmem(f, len, n->value, n->vlen) != NULL;
	free(f);
	return hit;
}

static bool word_at(const char *h, size_t hlen, size_t pos)
{
	int32_t cp;
	return pos < hlen && utf8_decode(h + pos, hlen - pos, &cp) && utf8_is_word_cp(cp);
}

/* Is the code point ending just before pos a letter or digit? */
static bool word_before(const char *h, size_t pos)
{
	if (pos == 0)
		return false;
	size_t i = pos - 1;
	while (i > 0 && pos - i < 4 && ((unsigned char)h[i] & 0xC0) == 0x80)
		i--;
	int32_t cp;
	utf8_decode(h + i, pos - i, &cp);
	return utf8_is_word_cp(cp);
}

/* Do the words w[0..nw) occur whole and consecutive in the folded text h,
 * with anything that is not a letter or digit between them? */
static bool words_in(const char *h, size_t hlen, char *const *w, size_t nw)
{
	size_t l0 = strlen(w[0]), from = 0;
	while (from < hlen) {
		const char *hit = memmem(h + from, hlen - from, w[0], l0);
		if (!hit)
			return false;
		size_t at = (size_t)(hit - h), pos = at + l0;
		from = at + 1;
		if (word_before(h, at) || word_at(h, hlen, pos))
			continue;
		size_t i = 1;
		for (; i < nw; i++) {
			int32_t cp;
			while (pos < hlen && !word_at(h, hlen, pos))
				pos += utf8_decode(h + pos, hlen - pos, &cp);
			size_t li = strlen(w[i]);
			if (hlen - pos < li || memcmp(h + pos, w[i], li) || word_at(h, hlen, pos + li))
				break;
			pos += li;
		}
		if (i == nw)
			return true;
	}
	return false;
}

/* The one place a full-text term meets the body: the index first, else the
 * file, read and folded once per article. */
static bool text_in_body(struct eval *e, const struct qnode *n)
{
	const struct query_env *env = e->env;
	if (env->text_match) {
		int r = env->text_match(env->ctx, e->art, (const char *const *)n->words, n->nwords);
		if (r >= 0)
			return r == 1;
	}
	if (!e->body_done) {
		struct diag_list diags = DIAG_LIST_INIT;
		size_t len = 0;
		char *raw = article_text_words_read(e->a, &len, &diags); /* as the index has them */
		diag_list_free(&diags);
		e->body_done = true;
		if (raw) {
			e->body = utf8_fold(raw, len, &e->blen);
			free(raw);
		}
	}
	return e->body && words_in(e->body, e->blen, n->words, n->nwords);
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
	if (!e->title)
		e->title = fold(a->title ? a->title : "", &e->tlen);
	return memmem(e->title, e->tlen, n->value, n->vlen) != NULL;
}

static enum tri eval_node(struct eval *e, const struct qnode *n)
{
	const struct query_env *env = e->env;
	switch (n->kind) {
	case QN_ALL: return YES;
	case QN_AND:
	case QN_OR: {
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
		if (!e->title)
			e->title = fold(e->a->title ? e->a->title : "", &e->tlen);
		if (words_in(e->title, e->tlen, n->words, n->nwords))
			return YES;
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
	struct eval e = {.env = env, .a = &env->d->coll.items[art], .art = art, .mark = m};
	enum tri r = eval_node(&e, q->root);
	if (r == MAYBE) {
		e.use_body = true;
		r = eval_node(&e, q->root);
	}
	free(e.title);
	free(e.body);
	return r == YES;
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
	case QN_FIELD: strbuf_addf(sb, "%s:\"%s\"", field_label(n), n->value); return;
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

/* For core/query_bits.c, which evaluates a whole collection at once. */
bool query_words_in(const char *h, size_t hlen, char *const *w, size_t nw)
{
	return words_in(h, hlen, w, nw);
}

char *query_fold(const char *s, size_t *outlen)
{
	return fold(s, outlen);
}

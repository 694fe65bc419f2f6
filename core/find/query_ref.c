/* SPDX-License-Identifier: MIT
 * References to saved searches inside a query (@NAME, search:NAME): the
 * named query is parsed in place as a sub-expression, through the caller's
 * lookup (struct query_names), with loops and runaway expansion refused. */
#include <stdlib.h>
#include <string.h>

#include "core/find/query_int.h"

bool query_is_ref(const struct parser *p, const struct token *t)
{
	if (t->flen)
		return t->flen == 6 && memcmp(p->s + t->foff, "search", 6) == 0;
	return !t->quoted && t->vlen > 0 && p->s[t->voff] == '@';
}

/* An error found inside the referenced query: at the reference's column
 * in this one, naming the search and the column in its own text. A loop
 * is passed up as it is, since it already names both searches. */
static void ref_failed(struct parser *p, const struct token *t, const struct parser *sub,
		       const struct query_error *se, const char *name, int len)
{
	if (sub->loop) {
		p->loop = true;
		query_perr(p, t->off, "%s", se->msg ? se->msg : "saved searches refer to each other");
		return;
	}
	query_perr(p, t->off, "in search '%.*s', column %d: %s", len, name, se->col,
		   se->msg ? se->msg : "bad query");
}

struct qnode *query_make_ref(struct parser *p, const struct token *t)
{
	const char *name = p->s + t->voff;
	size_t len = t->vlen;
	if (!t->flen) { /* @NAME */
		name++;
		len--;
	}
	int ilen = len > 200 ? 200 : (int)len;
	if (len == 0) {
		query_perr(p, t->off, "expected a search name after '%s'", t->flen ? "search:" : "@");
		return NULL;
	}
	const char *text = p->names && p->names->lookup ? p->names->lookup(p->names->ctx, name, len) : NULL;
	if (!text) {
		query_perr(p, t->off, "no saved search called '%.*s' (dossier searches lists them)", ilen, name);
		return NULL;
	}
	for (const struct query_chain *c = p->chain; c; c = c->up) {
		if (c->len != len || memcmp(c->name, name, len) != 0)
			continue;
		const struct query_chain *in = p->chain; /* the search holding this reference */
		p->loop = true;
		if (in->len == len && memcmp(in->name, name, len) == 0)
			query_perr(p, t->off, "search '%.*s' refers to itself", ilen, name);
		else
			query_perr(p, t->off, "searches '%.*s' and '%.*s' refer to each other in a loop",
				   in->len > 200 ? 200 : (int)in->len, in->name, ilen, name);
		return NULL;
	}
	if (++*p->refs > QUERY_MAX_REFS || p->depth >= QUERY_MAX_DEPTH) {
		query_perr(p, t->off, "saved searches expand to more than %d references", QUERY_MAX_REFS);
		return NULL;
	}
	struct query_chain link = {name, len, p->chain};
	struct query_error se = {0};
	struct parser sub = {.s = text, .len = strlen(text), .d = p->d, .err = &se, .prev = T_EOF,
			     .depth = p->depth + 1, .names = p->names, .chain = &link, .refs = p->refs};
	struct qnode *n = query_parse_root(&sub);
	if (!n)
		ref_failed(p, t, &sub, &se, name, ilen);
	p->needs_body |= sub.needs_body;
	query_error_free(&se);
	return n;
}

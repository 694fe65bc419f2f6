/* SPDX-License-Identifier: MIT
 * See query_complete.h. Candidates are compared and sorted by their folded
 * form, as the query matches them, so that "reu" offers "Reuters" and two
 * spellings of one source are offered once. */
#include "core/find/query_complete.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/base/strbuf.h"
#include "core/base/util.h"
#include "core/text/utf8.h"

/* The field tables of query_term.c (marktag: left out: it asks a
 * passage, never an article; search:NAME is written @NAME, which
 * completes); tests/cli/complete.sh checks that each is accepted by
 * `dossier list NAME:x`. */
const char *const query_complete_fields[] = {
	"after", "author", "before", "date", "is", "lang", "source", "summary", "tag", "title", "url",
};
const size_t query_complete_nfields = ARRAY_LEN(query_complete_fields);

static const char *const is_values[] = {"marked", "read", "unread"};

struct found {
	char *folded; /* owned */
	const char *name;
};

struct gather {
	const char *fprefix; /* the typed part, folded */
	size_t fplen;
	struct found *v;
	size_t n, cap;
};

/* name, when its folded form starts with the typed part. */
static void offer(struct gather *g, const char *name)
{
	if (!name || !*name) return;
	size_t flen;
	char *f = utf8_fold(name, strlen(name), &flen);
	if (!f || flen < g->fplen || memcmp(f, g->fprefix, g->fplen) != 0) {
		free(f);
		return;
	}
	ARRAY_RESERVE(g->v, g->cap, g->n + 1);
	g->v[g->n++] = (struct found){f, name};
}

static void offer_all(struct gather *g, const struct qc_names *l)
{
	for (size_t i = 0; i < l->n; i++) offer(g, l->v[i]);
}

static int found_cmp(const void *a, const void *b)
{
	const struct found *x = a, *y = b;
	int c = strcmp(x->folded, y->folded);
	return c ? c : strcmp(x->name, y->name);
}

/* A value as the query reads it back: quoted when a blank, a parenthesis
 * or a '*' (a pattern) would change its meaning. NULL for one that cannot
 * be typed at all (a '"' or a control character). */
static bool put_value(struct strbuf *sb, const char *v)
{
	bool quote = false;
	for (const unsigned char *p = (const unsigned char *)v; *p; p++) {
		if (*p == '"' || *p < 0x20 || *p == 0x7f) return false;
		if (*p == ' ' || *p == '(' || *p == ')' || *p == '*') quote = true;
	}
	if (quote) strbuf_addc(sb, '"');
	strbuf_adds(sb, v);
	if (quote) strbuf_addc(sb, '"');
	return true;
}

/* Where the word before cur starts: after a blank, '(' or a leading '-';
 * inside an open quote, the word the quote belongs to. */
static size_t word_start(const char *text, size_t cur)
{
	size_t quotes = 0, lastq = 0;
	for (size_t i = 0; i < cur; i++)
		if (text[i] == '"') quotes++, lastq = i;
	size_t a = quotes % 2 ? lastq : cur;
	while (a > 0 && text[a - 1] != ' ' && text[a - 1] != '\t' && text[a - 1] != '(') a--;
	if (a < cur && text[a] == '-') a++; /* NOT written as '-' */
	return a;
}

/* The word split into the field the candidates keep as typed ("tag:",
 * "@", or "" when the word is a field name itself) and the part after it
 * that they must extend (an open quote left out). */
static void split_word(const char *word, size_t wlen, struct strbuf *field, const char **typed,
		       size_t *tlen)
{
	const char *colon = memchr(word, ':', wlen);
	if (wlen && word[0] == '@') {
		strbuf_addc(field, '@');
		*typed = word + 1, *tlen = wlen - 1;
	} else if (!colon) {
		*typed = word, *tlen = wlen;
	} else {
		strbuf_add(field, word, (size_t)(colon - word) + 1);
		*typed = colon + 1;
		*tlen = wlen - (size_t)(colon + 1 - word);
		if (*tlen && **typed == '"') (*typed)++, (*tlen)--;
	}
}

static const struct qc_names *names_of(const struct query_complete_src *src, const char *field,
				       size_t flen, struct qc_names *is)
{
	struct {
		const char *name;
		const struct qc_names *l;
	} const by[] = {{"tag:", &src->tags},       {"source:", &src->sources},
			{"author:", &src->authors}, {"lang:", &src->langs},
			{"search:", &src->searches}, {"@", &src->searches},
			{"is:", is}};
	for (size_t i = 0; i < ARRAY_LEN(by); i++)
		if (strlen(by[i].name) == flen && strncasecmp(by[i].name, field, flen) == 0)
			return by[i].l;
	return NULL;
}

bool query_complete(const char *text, size_t cur, const struct query_complete_src *src,
		    struct query_completion *out)
{
	memset(out, 0, sizeof *out);
	size_t from = word_start(text, cur);
	const char *word = text + from;
	size_t wlen = cur - from;
	if (wlen && word[0] == '"') return false; /* a phrase: any words at all */
	struct strbuf field = STRBUF_INIT;
	const char *typed;
	size_t tlen;
	split_word(word, wlen, &field, &typed, &tlen);
	size_t fplen;
	char *fprefix = utf8_fold(typed, tlen, &fplen);
	if (!fprefix) {
		strbuf_free(&field);
		return false;
	}
	struct gather g = {fprefix, fplen, NULL, 0, 0};
	bool naming = field.len == 0; /* a field name, not a value */
	if (naming) {
		offer_all(&g, &(struct qc_names){query_complete_fields, query_complete_nfields});
		offer_all(&g, &src->fields);
	} else {
		struct qc_names is = {is_values, ARRAY_LEN(is_values)};
		const struct qc_names *l = names_of(src, field.buf, field.len, &is);
		if (l) offer_all(&g, l);
	}
	if (g.n) qsort(g.v, g.n, sizeof *g.v, found_cmp);
	struct strbuf sb = STRBUF_INIT;
	for (size_t i = 0; i < g.n; i++) {
		bool same = i && strcmp(g.v[i].folded, g.v[i - 1].folded) == 0;
		if (!same && !(naming && strpbrk(g.v[i].name, " :\"()"))) {
			strbuf_reset(&sb);
			strbuf_add(&sb, field.buf, field.len);
			bool ok = naming ? (strbuf_adds(&sb, g.v[i].name), strbuf_addc(&sb, ':'), true)
					 : put_value(&sb, g.v[i].name);
			if (ok) {
				if (!naming) strbuf_addc(&sb, ' ');
				out->cand = xrealloc(out->cand, (out->n + 1) * sizeof *out->cand);
				out->cand[out->n++] = xstrdup(strbuf_str(&sb));
			}
		}
	}
	for (size_t i = 0; i < g.n; i++) free(g.v[i].folded);
	free(g.v);
	free(fprefix);
	strbuf_free(&field);
	strbuf_free(&sb);
	if (!out->n) return false;
	size_t common = strlen(out->cand[0]);
	for (size_t i = 1; i < out->n; i++) {
		size_t k = 0;
		while (k < common && out->cand[i][k] == out->cand[0][k]) k++;
		common = k;
	}
	/* whole characters: a cut inside one goes back to before it */
	while (common && (out->cand[0][common] & 0xC0) == 0x80) common--;
	out->common = xstrndup(out->cand[0], common);
	out->from = from;
	out->to = cur;
	return true;
}

void query_completion_free(struct query_completion *c)
{
	for (size_t i = 0; i < c->n; i++) free(c->cand[i]);
	free(c->cand);
	free(c->common);
	memset(c, 0, sizeof *c);
}

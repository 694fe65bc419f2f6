/* SPDX-License-Identifier: MIT
 * TOML front matter → node tree (see tomltree.h): the document's lines,
 * keys, [table] and [[array of tables]] headers, and TOML's rule that
 * nothing is defined twice. Values are read in tomltree_value.c. */
#include "core/meta/tomltree.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/base/util.h"
#include "core/meta/tomltree_int.h"

/* ---- the reader's position ---- */

int tparse_col(struct tparse *t, const char *q)
{
	if (!t->colp || t->colp < t->bol || t->colp > q) {
		t->colp = t->bol;
		t->colv = 1;
	}
	for (; t->colp < q; t->colp++) t->colv += ((unsigned char)*t->colp & 0xC0) != 0x80;
	return t->colv;
}

static bool error_v(struct tparse *t, int line, int col, const char *fmt, va_list ap)
{
	if (t->failed) return false;
	t->failed = true;
	char msg[256];
	vsnprintf(msg, sizeof msg, fmt, ap);
	diag_add(t->diags, DIAG_ERROR, t->path, line, col, "TOML syntax error: %s", msg);
	return false;
}

bool tparse_error(struct tparse *t, const char *q, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	error_v(t, t->line, tparse_col(t, q), fmt, ap);
	va_end(ap);
	return false;
}

bool tparse_error_at(struct tparse *t, int line, int col, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	error_v(t, line, col, fmt, ap);
	va_end(ap);
	return false;
}

size_t tparse_eol(const struct tparse *t, const char *q)
{
	if (q >= t->end) return 0;
	if (*q == '\n') return 1;
	if (*q != '\r') return 0;
	return q + 1 < t->end && q[1] == '\n' ? 2 : 1;
}

void tparse_newline(struct tparse *t)
{
	t->p += tparse_eol(t, t->p);
	t->bol = t->p;
	t->line++;
}

void tparse_skip_ws(struct tparse *t)
{
	while (t->p < t->end && (*t->p == ' ' || *t->p == '\t')) t->p++;
}

static void skip_comment(struct tparse *t)
{
	if (t->p < t->end && *t->p == '#')
		while (t->p < t->end && !tparse_eol(t, t->p)) t->p++;
}

void tparse_skip_space(struct tparse *t)
{
	for (;;) {
		tparse_skip_ws(t);
		skip_comment(t);
		if (!tparse_eol(t, t->p)) return;
		tparse_newline(t);
	}
}

/* Blanks and a comment to the end of the line, which is consumed. */
static bool line_done(struct tparse *t, const char *what)
{
	tparse_skip_ws(t);
	skip_comment(t);
	if (t->p >= t->end) return true;
	if (!tparse_eol(t, t->p)) return tparse_error(t, t->p, "expected the end of the line %s", what);
	tparse_newline(t);
	return true;
}

/* ---- nodes ---- */

struct ynode *tparse_node(struct tparse *t, struct ynode *parent, int line, int col)
{
	if (t->nodes >= YAMLTREE_MAX_NODES) {
		tparse_error_at(t, line, col, "front matter has too many nodes (limit %d)", YAMLTREE_MAX_NODES);
		return NULL;
	}
	t->nodes++;
	ARRAY_RESERVE(parent->kids, parent->cap, parent->n + 1);
	struct ynode *n = &parent->kids[parent->n++];
	memset(n, 0, sizeof *n);
	n->kind = YNODE_SCALAR; /* an empty partial scalar until its value is read */
	n->text = xstrdup("");
	n->partial = true;
	n->line = line;
	n->col = col;
	return n;
}

void tparse_container(struct ynode *n, enum ynode_kind kind, unsigned how)
{
	free(n->text);
	n->text = NULL; /* scalars only */
	n->len = 0;
	n->kind = kind;
	n->how = (unsigned char)how;
	n->partial = true;
}

/* ---- keys ---- */

struct tseg {
	char *s; /* owned, decoded */
	size_t len;
	int line, col;
};

/* A dotted key: up to the depth limit of parts. */
struct tkey {
	struct tseg seg[YAMLTREE_MAX_DEPTH + 1];
	int n;
};

static void key_free(struct tkey *k)
{
	for (int i = 0; i < k->n; i++) free(k->seg[i].s);
	k->n = 0;
}

static bool bare_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
	       c == '-';
}

static bool key_parse(struct tparse *t, struct tkey *k)
{
	k->n = 0;
	for (;;) {
		tparse_skip_ws(t);
		if (k->n > YAMLTREE_MAX_DEPTH)
			return tparse_error(t, t->p, "front matter nested too deeply (limit %d)",
					    YAMLTREE_MAX_DEPTH);
		struct tseg *g = &k->seg[k->n];
		const char *s = t->p;
		g->line = t->line;
		g->col = tparse_col(t, s);
		if (s < t->end && (*s == '"' || *s == '\'')) {
			struct strbuf sb = STRBUF_INIT;
			if (!tparse_string(t, &sb, false)) {
				strbuf_free(&sb);
				return false;
			}
			g->len = sb.len;
			g->s = strbuf_steal(&sb);
		} else {
			while (t->p < t->end && bare_char(*t->p)) t->p++;
			if (t->p == s) return tparse_error(t, s, "expected a key");
			g->len = (size_t)(t->p - s);
			g->s = xstrndup(s, g->len);
		}
		k->n++;
		tparse_skip_ws(t);
		if (t->p >= t->end || *t->p != '.') return true;
		t->p++;
	}
}

/* The key as written, "a.b.c", for messages. */
static void key_name(const struct tkey *k, struct strbuf *sb)
{
	for (int i = 0; i < k->n; i++) {
		if (i) strbuf_addc(sb, '.');
		strbuf_add(sb, k->seg[i].s, k->seg[i].len);
	}
}

static size_t map_find(const struct ynode *m, const char *s, size_t len)
{
	for (size_t i = 0; i + 1 < m->n; i += 2)
		if (m->kids[i].len == len && memcmp(m->kids[i].text, s, len) == 0) return i;
	return SIZE_MAX;
}

/* A key g in map m and its value node (an empty scalar, at line:col);
 * NULL past the node limit. */
static struct ynode *pair_add(struct tparse *t, struct ynode *m, const struct tseg *g, int line, int col)
{
	if (t->nodes + 2 > YAMLTREE_MAX_NODES) {
		tparse_error_at(t, g->line, g->col, "front matter has too many nodes (limit %d)",
				YAMLTREE_MAX_NODES);
		return NULL;
	}
	struct ynode *k = tparse_node(t, m, g->line, g->col);
	free(k->text);
	k->text = xstrndup(g->s, g->len);
	k->len = g->len;
	k->plain = true;
	k->partial = false;
	return tparse_node(t, m, line, col);
}

static void duplicate(struct tparse *t, const struct tkey *k, int line, int col, const char *fmt,
		      int first)
{
	struct strbuf sb = STRBUF_INIT;
	key_name(k, &sb);
	diag_add(t->diags, DIAG_WARNING, t->path, line, col, fmt, strbuf_str(&sb), first);
	strbuf_free(&sb);
}

static bool deep(struct tparse *t, const struct tseg *g)
{
	return tparse_error_at(t, g->line, g->col, "front matter nested too deeply (limit %d)",
			       YAMLTREE_MAX_DEPTH);
}

bool tparse_keyval(struct tparse *t, struct ynode *table, int depth)
{
	struct tkey k;
	bool ok = key_parse(t, &k);
	if (ok && (t->p >= t->end || *t->p != '='))
		ok = tparse_error(t, t->p, "expected '=' after the key");
	if (!ok) {
		key_free(&k);
		return false;
	}
	t->p++;
	tparse_skip_ws(t);
	struct ynode *m = table, *dest = NULL;
	const struct ynode *clash = NULL;
	int d = depth;
	for (int i = 0; i < k.n && !t->failed; i++) {
		const struct tseg *g = &k.seg[i];
		size_t at = map_find(m, g->s, g->len);
		if (i + 1 == k.n) {
			if (at != SIZE_MAX) clash = &m->kids[at];
			else dest = pair_add(t, m, g, t->line, tparse_col(t, t->p));
			break;
		}
		if (at != SIZE_MAX) {
			struct ynode *v = &m->kids[at + 1];
			/* a.b = 1 then a.c = 2: the table a, made by dotted keys, grows */
			if (v->kind != YNODE_MAP || v->how != TT_DOTTED) {
				clash = &m->kids[at];
				break;
			}
			m = v;
		} else {
			if (d + 1 >= YAMLTREE_MAX_DEPTH) {
				deep(t, g);
				break;
			}
			struct ynode *v = pair_add(t, m, g, g->line, g->col);
			if (!v) break;
			tparse_container(v, YNODE_MAP, TT_DOTTED);
			v->partial = false;
			m = v;
		}
		d++;
	}
	if (t->failed) {
		key_free(&k);
		return false;
	}
	if (clash) {
		/* the first wins: this value is read (to go on) and dropped */
		duplicate(t, &k, k.seg[0].line, k.seg[0].col, "duplicate key '%s' (first at line %d); ignored",
			  clash->line);
		struct ynode scratch;
		memset(&scratch, 0, sizeof scratch);
		scratch.text = xstrdup("");
		ok = tparse_value(t, &scratch, d + 1);
		yamltree_free(&scratch);
	} else {
		ok = tparse_value(t, dest, d + 1);
	}
	key_free(&k);
	return ok;
}

/* ---- [table] and [[array of tables]] ---- */

struct tdoc {
	struct tparse t;
	struct ynode *root;
	struct ynode scratch; /* where the keys of a table defined twice go */
	struct ynode *cur;    /* the table key = value lines go to */
	int depth;            /* cur's */
};

/* The table the header names, walked (and made) from the root; NULL with
 * clash set when the header names what is already defined. */
static struct ynode *header_walk(struct tdoc *doc, const struct tkey *k, bool aot, const struct ynode **clash)
{
	struct tparse *t = &doc->t;
	struct ynode *m = doc->root;
	int d = 0;
	for (int i = 0; i < k->n; i++) {
		const struct tseg *g = &k->seg[i];
		bool last = i + 1 == k->n;
		size_t at = map_find(m, g->s, g->len);
		struct ynode *v = at == SIZE_MAX ? NULL : &m->kids[at + 1];
		if (d + 2 >= YAMLTREE_MAX_DEPTH) return deep(t, g), NULL;
		if (!v) {
			if (!(v = pair_add(t, m, g, g->line, g->col))) return NULL;
			if (last && aot) tparse_container(v, YNODE_SEQ, TT_AOT);
			else tparse_container(v, YNODE_MAP, last ? TT_DEFINED : TT_IMPLICIT);
			v->partial = false;
		} else if (last) {
			/* [a.b] after [a.b.c] defines the table a.b; [[a]] adds to the list a */
			if (aot ? v->kind != YNODE_SEQ || v->how != TT_AOT
				: v->kind != YNODE_MAP || v->how != TT_IMPLICIT) {
				*clash = v;
				return NULL;
			}
			if (!aot) {
				v->how = TT_DEFINED;
				v->line = g->line;
				v->col = g->col;
			}
		} else if (v->kind == YNODE_SEQ && v->how == TT_AOT && v->n) {
			v = &v->kids[v->n - 1]; /* [a.b] after [[a]]: in the last table of a */
			d++;
		} else if (v->kind != YNODE_MAP || v->how == TT_INLINE) {
			*clash = v;
			return NULL;
		}
		m = v;
		d++;
	}
	if (aot) {
		const struct tseg *g = &k->seg[k->n - 1];
		struct ynode *e = tparse_node(t, m, g->line, g->col);
		if (!e) return NULL;
		tparse_container(e, YNODE_MAP, TT_DEFINED);
		e->partial = false;
		m = e;
		d++;
	}
	doc->depth = d;
	return m;
}

static void header(struct tdoc *doc)
{
	struct tparse *t = &doc->t;
	const char *open = t->p;
	int line = t->line, col = tparse_col(t, open);
	bool aot = t->end - t->p >= 2 && t->p[1] == '[';
	t->p += aot ? 2 : 1;
	struct tkey k;
	bool ok = key_parse(t, &k);
	if (ok) {
		if (t->p < t->end && *t->p == ']' && (!aot || (t->p + 1 < t->end && t->p[1] == ']')))
			t->p += aot ? 2 : 1;
		else
			ok = tparse_error(t, t->p, "expected '%s' to close the table header", aot ? "]]" : "]");
	}
	if (ok) ok = line_done(t, "after the table header");
	if (ok) {
		const struct ynode *clash = NULL;
		doc->cur = header_walk(doc, &k, aot, &clash);
		if (clash)
			duplicate(t, &k, line, col, "duplicate table [%s] (first at line %d); its keys ignored",
				  clash->line);
	}
	if (!doc->cur) {
		yamltree_free(&doc->scratch);
		doc->scratch.kind = YNODE_MAP;
		doc->cur = &doc->scratch;
		doc->depth = 1;
	}
	key_free(&k);
}

int tomltree_parse(const char *text, size_t len, const char *path, int line_base,
		   struct ynode *root, struct diag_list *diags)
{
	struct tdoc doc = {.t = {.p = text, .end = text + len, .bol = text, .line = line_base,
				 .path = path, .diags = diags},
			   .root = root, .cur = root};
	struct tparse *t = &doc.t;
	memset(root, 0, sizeof *root);
	root->kind = YNODE_MAP;
	root->line = line_base;
	root->col = 1;
	doc.scratch.kind = YNODE_MAP;
	while (t->p < t->end && !t->failed) {
		tparse_skip_ws(t);
		skip_comment(t);
		if (t->p >= t->end) break;
		if (tparse_eol(t, t->p)) tparse_newline(t);
		else if (*t->p == '[') header(&doc);
		else if (tparse_keyval(t, doc.cur, doc.depth)) line_done(t, "after the value");
	}
	yamltree_free(&doc.scratch);
	return t->failed ? -1 : 0;
}

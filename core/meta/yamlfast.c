/* SPDX-License-Identifier: MIT
 * The front matter most posts have (Jekyll/Hugo: one `key: value` a line,
 * a list in brackets or as `- item` lines) read without libyaml, whose
 * events and allocations were a fifth of a cold load. Anything outside
 * that narrow shape — quotes with escapes, comments, anchors, tags, block
 * scalars, continuation lines, tabs, CR — is left to libyaml (false), so
 * the tree, and every message about bad input, is what libyaml gives;
 * tests/unit/test_yamlfast.c checks the two agree node for node. */
#include "core/meta/yamltree.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/base/util.h"

#define FAST_MAX_NODES 2000 /* more: not a plain post's front matter */
#define FAST_MAX_KEY 128    /* libyaml's simple keys end at 1024 */

struct fast {
	const unsigned char *p, *end;
	int line, line_base; /* line: 0-based in the text */
	const unsigned char *bol; /* start of the current line */
	size_t nodes;
	/* the scalars' texts, each with its NUL, one after another in the
	 * root's block (one malloc a text was most of a post's); a text that
	 * does not fit (never, by the sizes) is allocated alone */
	char *block;
	size_t blen, bcap;
};

/* Column (1-based, in characters as libyaml counts them) of q on its line. */
static int col_of(const struct fast *f, const unsigned char *q)
{
	int c = 1;
	for (const unsigned char *s = f->bol; s < q; s++) c += (*s & 0xC0) != 0x80;
	return c;
}

/* A byte libyaml takes as printable text inside a scalar: ASCII from space
 * to '~', or UTF-8 outside C1 controls, U+2028/9 (line breaks to YAML
 * 1.1), U+FEFF and U+FFFE/F. The text is valid UTF-8 (frontmatter.c). */
static bool printable_at(const unsigned char *s, const unsigned char *end)
{
	if (*s < 0x80) return *s >= 0x20 && *s != 0x7f;
	if (*s == 0xC2) return s + 1 < end && s[1] >= 0xA0;
	if (*s == 0xE2 && s + 2 < end && s[1] == 0x80 && (s[2] == 0xA8 || s[2] == 0xA9)) return false;
	if (*s == 0xEF && s + 2 < end && ((s[1] == 0xBB && s[2] == 0xBF) || (s[1] == 0xBF && s[2] >= 0xBE)))
		return false;
	return true;
}

static bool key_char(unsigned char c, bool first)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '_' || (c == '-' && !first);
}

static bool indicator(unsigned char c)
{
	return c && strchr("-?:,[]{}#&*!|>'\"%@`", c) != NULL;
}

static struct ynode *add(struct fast *f, struct ynode *parent, enum ynode_kind kind,
			 const unsigned char *at)
{
	if (++f->nodes > FAST_MAX_NODES) return NULL;
	ARRAY_RESERVE(parent->kids, parent->cap, parent->n + 1);
	struct ynode *n = &parent->kids[parent->n++];
	memset(n, 0, sizeof *n);
	n->kind = kind;
	n->line = f->line + f->line_base;
	n->col = col_of(f, at);
	return n;
}

static void set_text(struct fast *f, struct ynode *n, const unsigned char *s, size_t len,
		     bool plain)
{
	if (f->bcap - f->blen > len) {
		n->text = f->block + f->blen;
		memcpy(n->text, s, len);
		n->text[len] = '\0';
		n->borrowed = true;
		f->blen += len + 1;
	} else {
		n->text = xstrndup((const char *)s, len);
	}
	n->len = len;
	n->plain = plain;
}

/* ASCII bytes plain_len passes without a test: printable, not a space,
 * and none of ':', '#' or the flow signs ",[]{}'\"". */
#define P16(x) x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x
static const bool plain_byte[256] = {
	P16(0), P16(0),
	/* ' ' ! " # $ % & ' ( ) * + , - . / */
	0, 1, 0, 0, 1, 1, 1, 0, 1, 1, 1, 1, 0, 1, 1, 1,
	/* 0-9 : ; < = > ? */
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1,
	/* @ A-O */
	P16(1),
	/* P-Z [ \ ] ^ _ */
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 0, 1, 1,
	/* ` a-o */
	P16(1),
	/* p-z { | } ~ DEL */
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 0, 1, 0,
	P16(0), P16(0), P16(0), P16(0), P16(0), P16(0), P16(0), P16(0),
};
#undef P16

/* A plain scalar from s up to stop (exclusive), in block (flow false) or
 * flow context: its length without trailing spaces, or 0 when libyaml might
 * read it differently (an indicator first, ": " or " #" inside, a flow
 * indicator in a flow item, a character it would not take). */
static size_t plain_len(const unsigned char *s, const unsigned char *stop, bool flow)
{
	if (s >= stop || indicator(*s) || *s == ' ') return 0;
	size_t n = 0;
	for (const unsigned char *q = s; q < stop; q++) {
		/* letters, digits and most signs: nothing to check (most of a
		 * value; one table lookup instead of the four tests below) */
		if (plain_byte[*q]) {
			n = (size_t)(q - s) + 1;
			continue;
		}
		if (!printable_at(q, stop)) return 0;
		if (*q == ':' && (q + 1 == stop || q[1] == ' ' || flow)) return 0;
		if (*q == '#' && q[-1] == ' ') return 0;
		if (flow && strchr(",[]{}'\"", *q)) return 0;
		if (*q != ' ') n = (size_t)(q - s) + 1;
	}
	return n;
}

/* The closing quote of the scalar quoted at s (before end), or NULL when
 * it is not there or the scalar holds what only libyaml reads right (an
 * escape, a doubled quote, a character it would not take). */
static const unsigned char *quoted_end(const unsigned char *s, const unsigned char *end)
{
	const unsigned char *close = memchr(s + 1, *s, (size_t)(end - s - 1));
	if (!close || (close + 1 < end && close[1] == *s)) return NULL;
	for (const unsigned char *q = s + 1; q < close; q++)
		if (!printable_at(q, close) || *q == '\\') return NULL;
	return close;
}

/* A value on the rest of the line [s, eol): a plain scalar, a quoted one
 * without escapes, or a flow list of plain items. */
static bool value(struct fast *f, struct ynode *parent, const unsigned char *s,
		  const unsigned char *eol)
{
	if (*s == '"' || *s == '\'') {
		const unsigned char *close = quoted_end(s, eol);
		if (!close) return false;
		for (const unsigned char *q = close + 1; q < eol; q++)
			if (*q != ' ') return false;
		struct ynode *n = add(f, parent, YNODE_SCALAR, s);
		if (!n) return false;
		set_text(f, n, s + 1, (size_t)(close - s - 1), false);
		return true;
	}
	if (*s == '[') {
		const unsigned char *e = eol;
		while (e > s && e[-1] == ' ') e--;
		if (e[-1] != ']' || e - s < 2) return false;
		struct ynode *seq = add(f, parent, YNODE_SEQ, s);
		if (!seq) return false;
		const unsigned char *q = s + 1, *close = e - 1;
		while (q < close && *q == ' ') q++;
		while (q < close) {
			const unsigned char *comma, *qe = NULL;
			if (*q == '"' || *q == '\'') { /* a quoted item: up to its quote */
				if (!(qe = quoted_end(q, close))) return false;
				comma = qe + 1;
				while (comma < close && *comma == ' ') comma++;
				if (comma < close && *comma != ',') return false;
				if (comma == close) comma = NULL;
			} else {
				comma = memchr(q, ',', (size_t)(close - q));
			}
			const unsigned char *stop = comma ? comma : close;
			size_t n = qe ? (size_t)(qe - q - 1) : plain_len(q, stop, true);
			if (!qe && !n) return false;
			struct ynode *it = add(f, seq, YNODE_SCALAR, q);
			if (!it) return false;
			set_text(f, it, qe ? q + 1 : q, n, !qe);
			if (!comma) break;
			q = comma + 1;
			while (q < close && *q == ' ') q++;
			if (q == close) return false; /* a trailing comma */
		}
		return true;
	}
	size_t n = plain_len(s, eol, false);
	if (!n) return false;
	struct ynode *v = add(f, parent, YNODE_SCALAR, s);
	if (!v) return false;
	set_text(f, v, s, n, true);
	return true;
}

static const unsigned char *line_end(const struct fast *f)
{
	const unsigned char *e = memchr(f->p, '\n', (size_t)(f->end - f->p));
	return e ? e : f->end;
}

static void next_line(struct fast *f, const unsigned char *eol)
{
	f->p = eol < f->end ? eol + 1 : f->end;
	f->bol = f->p;
	f->line++;
}

/* Past empty lines (nothing on them, not even a space). */
static void skip_blank(struct fast *f)
{
	while (f->p < f->end && *f->p == '\n') next_line(f, f->p);
}

/* `- item` lines after `key:`, all at one indentation: a list. */
static bool block_list(struct fast *f, struct ynode *parent)
{
	struct ynode *seq = NULL;
	size_t indent = SIZE_MAX;
	for (skip_blank(f); f->p < f->end; skip_blank(f)) {
		const unsigned char *eol = line_end(f), *q = f->p;
		while (q < eol && *q == ' ') q++;
		if (q + 1 >= eol || q[0] != '-' || q[1] != ' ') break;
		if (indent == SIZE_MAX) indent = (size_t)(q - f->p);
		else if ((size_t)(q - f->p) != indent) return false;
		if (!seq && !(seq = add(f, parent, YNODE_SEQ, q))) return false;
		const unsigned char *s = q + 2;
		while (s < eol && *s == ' ') s++;
		if (s == eol || !value(f, seq, s, eol)) return false;
		next_line(f, eol);
	}
	/* what follows must be a key at the margin (or the end) */
	return seq && (f->p == f->end || (*f->p != ' ' && *f->p != '-'));
}

bool yamltree_parse_simple(const char *text, size_t len, int line_base, struct ynode *root)
{
	struct fast f = {.p = (const unsigned char *)text, .end = (const unsigned char *)text + len,
			 .line_base = line_base, .bol = (const unsigned char *)text};
	memset(root, 0, sizeof *root);
	root->kind = YNODE_MAP;
	/* every text is a piece of the input followed by at least one byte
	 * that is not in a text (':', a quote, ',', ']' or a newline), so
	 * len + 1 bytes hold them all with their NULs */
	f.bcap = len + 1;
	f.block = root->block = xmalloc(f.bcap);
	/* a key and its value a line at most: the root's kids at once */
	size_t lines = 1;
	for (const char *q = text, *e = text + len; (q = memchr(q, '\n', (size_t)(e - q))); q++) lines++;
	ARRAY_RESERVE(root->kids, root->cap, 2 * (lines < FAST_MAX_NODES ? lines : FAST_MAX_NODES));
	skip_blank(&f);
	root->line = line_base + f.line; /* where libyaml's mapping starts: its first key */
	root->col = 1;
	bool ok = f.p < f.end;
	while (ok && f.p < f.end) {
		const unsigned char *eol = line_end(&f), *k = f.p, *q = k;
		while (q < eol && q - k <= FAST_MAX_KEY &&
		       key_char(*q, q == k))
			q++;
		if (q == k || q - k > FAST_MAX_KEY || q == eol || *q != ':') {
			ok = false;
			break;
		}
		struct ynode *key = add(&f, root, YNODE_SCALAR, k);
		if (!key) {
			ok = false;
			break;
		}
		set_text(&f, key, k, (size_t)(q - k), true);
		const unsigned char *s = q + 1;
		while (s < eol && *s == ' ') s++;
		if (s == q + 1 && s < eol) { /* "key:value" is one scalar to YAML */
			ok = false;
			break;
		}
		if (s == eol) { /* "key:" then a list of "- item" lines */
			next_line(&f, eol);
			ok = block_list(&f, root);
			continue;
		}
		ok = value(&f, root, s, eol);
		next_line(&f, eol);
		skip_blank(&f);
		/* a line that starts with a space would continue the value */
		if (ok && f.p < f.end && *f.p == ' ') ok = false;
	}
	if (!ok) yamltree_free(root);
	return ok;
}

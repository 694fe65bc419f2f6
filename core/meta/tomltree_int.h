/* SPDX-License-Identifier: MIT
 * The TOML reader's inside, shared by tomltree.c (keys, tables, the
 * document) and tomltree_value.c (strings, numbers, dates, arrays, inline
 * tables). Not for use outside core/meta/tomltree*.c. */
#ifndef DOSSIER_TOMLTREE_INT_H
#define DOSSIER_TOMLTREE_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "core/base/diag.h"
#include "core/base/strbuf.h"
#include "core/meta/yamltree.h"

/* How a map or list was made (ynode.how): what may still add to it. */
enum {
	TT_IMPLICIT = 1, /* a prefix of a [header]: may be defined once later */
	TT_DEFINED = 2,  /* by its own [header] */
	TT_DOTTED = 4,   /* by a dotted key (a.b = 1): dotted keys may add to it */
	TT_INLINE = 8,   /* an inline table: closed */
	TT_AOT = 16,     /* the list of an [[array of tables]] */
};

struct tparse {
	const char *p, *end;
	const char *bol;         /* start of the current line */
	int line;                /* file line of p */
	const char *colp;        /* a point on the current line whose column */
	int colv;                /* is colv: columns count on from there */
	const char *path;
	struct diag_list *diags;
	size_t nodes;
	bool failed;             /* the one syntax error is reported: stop */
};

/* Column (1-based, in characters) of q, which is on the current line.
 * Counted on from the last point asked, so a long line of many values
 * (a hostile 64 KiB array) costs its length once, not once a value. */
int tparse_col(struct tparse *t, const char *q);
/* Report a syntax error at q (on the current line): one per document.
 * Always false, for `return tparse_error(...)`. */
bool tparse_error(struct tparse *t, const char *q, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
bool tparse_error_at(struct tparse *t, int line, int col, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* Length of the line end at q (CRLF 2, LF or CR 1), 0 if none. */
size_t tparse_eol(const struct tparse *t, const char *q);
void tparse_newline(struct tparse *t);
void tparse_skip_ws(struct tparse *t);
/* Past blanks, comments and line ends (inside arrays and inline tables). */
void tparse_skip_space(struct tparse *t);
/* A new child of parent at line:col: an empty partial scalar, or NULL
 * (reported) past the node limit. */
struct ynode *tparse_node(struct tparse *t, struct ynode *parent, int line, int col);
/* Turn n into an empty map or list, made how. */
void tparse_container(struct ynode *n, enum ynode_kind kind, unsigned how);

/* A quoted string at t->p (any of the four kinds; multiline false for a
 * key) decoded into sb. */
bool tparse_string(struct tparse *t, struct strbuf *sb, bool multiline);
/* The value at t->p into n (made by tparse_node); depth: n's depth. */
bool tparse_value(struct tparse *t, struct ynode *n, int depth);
/* key = value at t->p into table (an inline table's items too). */
bool tparse_keyval(struct tparse *t, struct ynode *table, int depth);

#endif

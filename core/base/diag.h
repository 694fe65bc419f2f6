/* SPDX-License-Identifier: MIT
 * Problems found in input, as data with a position (FILE:LINE:COL), so the
 * core never prints: the CLI writes them to stderr, the TUI to its log. */
#ifndef DOSSIER_DIAG_H
#define DOSSIER_DIAG_H

#include <stddef.h>

enum diag_level { DIAG_WARNING, DIAG_ERROR };

/* What a diagnostic is, for code that acts on it: the message is for
 * people and is never parsed back. Each code names the field it carries. */
enum diag_code {
	DIAG_PLAIN,          /* just a message; arg NULL */
	DIAG_STATE_KEPT,     /* a bad state file was kept aside; arg: the backup's path */
	DIAG_STATE_NOT_KEPT, /* the backup could not be written; arg: the path tried */
};

struct diag {
	char *path;  /* owned; the file as the user named it */
	int line;    /* 1-based; 0 when the problem concerns the whole file */
	int col;     /* 1-based; 0 when unknown */
	enum diag_level level;
	char *msg;   /* owned; no trailing newline, no position */
	enum diag_code code;
	char *arg;   /* owned or NULL: the field the code names */
};

/* Owns its diags. */
struct diag_list {
	struct diag *items;
	size_t n, cap;
};

#define DIAG_LIST_INIT {NULL, 0, 0}

void diag_add(struct diag_list *dl, enum diag_level level, const char *path, int line,
	      int col, const char *fmt, ...) __attribute__((format(printf, 6, 7)));
/* The same with a code and its field (arg copied; may be NULL). */
void diag_add_code(struct diag_list *dl, enum diag_level level, enum diag_code code,
		   const char *arg, const char *path, int line, int col, const char *fmt, ...)
	__attribute__((format(printf, 8, 9)));
/* The first diag with code, or NULL. */
const struct diag *diag_find(const struct diag_list *dl, enum diag_code code);
/* "path:line:col: msg" ("path: msg" when line is 0); caller frees. The
 * message is made printable (controls shown as ^X) since paths and YAML
 * values quoted in it are hostile. */
char *diag_format(const struct diag *d);
void diag_list_move(struct diag_list *to, struct diag_list *from); /* appends, empties from */
void diag_list_free(struct diag_list *dl);

#endif

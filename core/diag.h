/* SPDX-License-Identifier: MIT
 * Problems found in input, as data with a position (FILE:LINE:COL), so the
 * core never prints: the CLI writes them to stderr, the TUI to its log. */
#ifndef DOSSIER_DIAG_H
#define DOSSIER_DIAG_H

#include <stddef.h>

enum diag_level { DIAG_WARNING, DIAG_ERROR };

struct diag {
	char *path;  /* owned; the file as the user named it */
	int line;    /* 1-based; 0 when the problem concerns the whole file */
	int col;     /* 1-based; 0 when unknown */
	enum diag_level level;
	char *msg;   /* owned; no trailing newline, no position */
};

/* Owns its diags. */
struct diag_list {
	struct diag *items;
	size_t n, cap;
};

#define DIAG_LIST_INIT {NULL, 0, 0}

void diag_add(struct diag_list *dl, enum diag_level level, const char *path, int line,
	      int col, const char *fmt, ...) __attribute__((format(printf, 6, 7)));
/* "path:line:col: msg" ("path: msg" when line is 0); caller frees. The
 * message is made printable (controls shown as ^X) since paths and YAML
 * values quoted in it are hostile. */
char *diag_format(const struct diag *d);
void diag_list_move(struct diag_list *to, struct diag_list *from); /* appends, empties from */
void diag_list_free(struct diag_list *dl);

#endif

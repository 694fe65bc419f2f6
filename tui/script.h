/* SPDX-License-Identifier: MIT
 * Key scripts for the headless screen tests (tig-style): keys in keymap
 * notation separated by blanks ("j", "<Down>", "jjj" = three keys), plus
 * commands on their own line: ":dump", ":dump styles", ":resize 60x20",
 * ":click ROW COL" (button 1 down), ":drag ROW COL" (moved while down),
 * ":release ROW COL", ":wheel up|down ROW COL"; "#" starts a comment.
 * ":batches N" as the first item makes a cold load wait in steps of N
 * articles, and each ":batch" lets the next step in (tui_load_step). */
#ifndef DOSSIER_TUI_SCRIPT_H
#define DOSSIER_TUI_SCRIPT_H

#include <stdbool.h>
#include <stddef.h>

#include "core/base/diag.h"
#include "tui/keymap.h"

enum script_kind { SCRIPT_END, SCRIPT_KEY, SCRIPT_DUMP, SCRIPT_RESIZE, SCRIPT_BATCHES,
		   SCRIPT_BATCH, SCRIPT_ERROR };

struct script_item {
	enum script_kind kind;
	struct key key;    /* SCRIPT_KEY (mouse events are K_MOUSE keys) */
	bool styles;       /* SCRIPT_DUMP */
	int rows, cols;    /* SCRIPT_RESIZE */
	size_t batch;      /* SCRIPT_BATCHES */
};

/* Owns text. */
struct script {
	char *path;
	char *text;
	size_t len, pos;
	int line, col;
};

/* Read the script at path ("-" = stdin). Returns 0 or -1 with a diag. */
int script_open(struct script *s, const char *path, struct diag_list *diags);
/* Next item; on SCRIPT_ERROR a diag with the position was added. */
struct script_item script_next(struct script *s, struct diag_list *diags);
void script_free(struct script *s);

#endif

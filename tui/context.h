/* SPDX-License-Identifier: MIT
 * What panes and overlays ask of the reader without calling back into the
 * loop: the message line, a glyph for the terminal's charset, the read
 * state of an article (through the readstate seam of struct tui), and a
 * pane's narrow view of the reader (struct pane_ctx). */
#ifndef DOSSIER_TUI_CONTEXT_H
#define DOSSIER_TUI_CONTEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "tui/pane.h"

struct tui;

/* Every message the message line showed this session, oldest first (at
 * most MSGLOG_MAX: the oldest go), and the set-up problems (keymap,
 * theme) that only got one message: the messages overlay (!) lists them
 * beside the load's diagnostics. Owned by struct tui. */
#define MSGLOG_MAX 500
struct msglog_entry {
	char *text; /* owned */
	bool error;
};
struct msglog {
	struct msglog_entry *v;
	size_t n, cap;
	size_t dropped;          /* entries that went for the cap (so views notice) */
	unsigned gen, shown_gen; /* context_message bumps gen; the draw logs once */
	char **problems;         /* owned: set-up problems, FILE:LINE:COL: message */
	size_t nproblems;
};

/* utf8 on a UTF-8 terminal, else ascii. */
const char *context_glyph(const struct tui *t, const char *utf8, const char *ascii);
/* Replace the message line (error: in the error style). */
void context_message(struct tui *t, bool error, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* The message line was drawn: log its message once (statusbar.c). */
void context_message_shown(struct tui *t);
/* Add a line to the messages (!) without showing it (text copied). */
void context_log_add(struct tui *t, bool error, const char *text);
/* Keep a set-up problem for the messages overlay (text copied). */
void context_problem_add(struct tui *t, const char *text);
/* Load diagnostics plus set-up problems: what the status line counts. */
size_t context_problem_count(const struct tui *t);
void context_msglog_free(struct msglog *l);
bool context_is_read(struct tui *t, size_t art);
void context_set_read(struct tui *t, size_t art, bool read);
/* The in-memory read state (t->read), until the store is open. */
struct readstate context_readstate_memory(struct tui *t);
/* What a pane may see of t now (valid until t changes). */
struct pane_ctx context_pane(struct tui *t);
/* Pane i (PANE_TEXT…) of t, what it sees (*c) and its content area (*r):
 * for the functions a pane file offers beyond its ops. */
struct pane *context_pane_at(struct tui *t, int i, struct pane_ctx *c, struct rect *r);

#endif

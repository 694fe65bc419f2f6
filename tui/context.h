/* SPDX-License-Identifier: MIT
 * What panes and overlays ask of the reader without calling back into the
 * loop: the message line, a glyph for the terminal's charset, and the
 * read state of an article (through the readstate seam of struct tui). */
#ifndef DOSSIER_TUI_CONTEXT_H
#define DOSSIER_TUI_CONTEXT_H

#include <stdbool.h>
#include <stddef.h>

struct tui;
struct readstate;

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
	unsigned gen, shown_gen; /* tui_message bumps gen; the draw logs once */
	char **problems;         /* owned: set-up problems, FILE:LINE:COL: message */
	size_t nproblems;
};

/* utf8 on a UTF-8 terminal, else ascii. */
const char *tui_glyph(const struct tui *t, const char *utf8, const char *ascii);
/* Replace the message line (error: in the error style). */
void tui_message(struct tui *t, bool error, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* The message line was drawn: log its message once (statusbar.c). */
void tui_message_shown(struct tui *t);
/* Keep a set-up problem for the messages overlay (text copied). */
void tui_problem_add(struct tui *t, const char *text);
/* Load diagnostics plus set-up problems: what the status line counts. */
size_t tui_problem_count(const struct tui *t);
void tui_msglog_free(struct msglog *l);
bool tui_is_read(struct tui *t, size_t art);
void tui_set_read(struct tui *t, size_t art, bool read);
/* The in-memory read state (t->read), until the store is open. */
struct readstate tui_readstate_memory(struct tui *t);

#endif

/* SPDX-License-Identifier: MIT
 * The terminal: the only module that talks to ncurses. Start/stop (always
 * restoring the tty, also on signals and die()), read keys as struct key,
 * and copy a grid to the screen. */
#ifndef DOSSIER_TUI_TERM_H
#define DOSSIER_TUI_TERM_H

#include <stdbool.h>
#include <stddef.h>

#include "tui/grid.h"
#include "tui/keymap.h"
#include "tui/theme.h"

/* Check that stdin/stdout are a terminal and TERM is usable, install the
 * signal handlers, enter curses mode. Returns 0, or -1 with *err set to a
 * static message (nothing was changed on the terminal then). */
int term_open(const struct theme *t, const char **err);
/* Leave curses mode; safe to call twice and from the die() hook. */
void term_close(void);
bool term_active(void);
void term_size(int *rows, int *cols);
/* Wait up to timeout_ms (-1: forever) for a key. False on timeout or when
 * a signal arrived (see term_signal). */
bool term_read(struct key *k, int timeout_ms);
/* A terminating signal received (SIGINT, SIGTERM, SIGHUP, SIGQUIT), or 0. */
int term_signal(void);
/* True once after SIGCONT (resumed from ^Z): the caller redraws fully. */
bool term_take_resumed(void);
void term_blit(const struct grid *g, bool force);
/* Leave curses temporarily to run another program in the terminal. */
void term_suspend(void);
void term_resume(void);
/* Set the terminal's clipboard: OSC 52 with the base64 payload b64[0..n)
 * (only base64 characters are accepted), written raw after what curses
 * has drawn. False when not in curses mode or the write failed. */
bool term_osc52(const char *b64, size_t n);

#endif

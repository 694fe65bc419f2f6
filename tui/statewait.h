/* SPDX-License-Identifier: MIT
 * The whole reading state read on a thread behind a first list
 * (core/state/bgstore.h): keys that only move around the list and the
 * text answer at once, every other key waits, in order, until the store
 * has landed (tui.c holds them), so that nothing read, marked or quit is
 * lost. */
#ifndef DOSSIER_TUI_STATEWAIT_H
#define DOSSIER_TUI_STATEWAIT_H

#include <stdbool.h>
#include <stddef.h>

struct tui;
struct store_peek;

/* Start reading the state behind the first screen drawn from pk (owned
 * from here). Headless (screen tests) it is read at once. */
void statewait_start(struct tui *t, struct store_peek *pk);
bool statewait_running(const struct tui *t);
/* When the store has landed (or, with wait, once it has): hand it to the
 * reader (tui_state_open_late); R_DRAW_ALL then, R_NONE while it is still
 * being read. The keys held meanwhile are tui.c's (tui_answer_held). */
unsigned statewait_poll(struct tui *t, bool wait);
/* The status line's note while keys wait for the state ("reading
 * state: 2 keys wait"), in buf; NULL when none waits. */
const char *statewait_note(const struct tui *t, char *buf, size_t cap);
/* Quit: wait for the thread and take the store, so that what was read
 * meanwhile is saved as usual. */
void statewait_stop(struct tui *t);

#endif

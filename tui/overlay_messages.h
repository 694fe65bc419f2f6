/* SPDX-License-Identifier: MIT
 * The messages overlay (!): every problem of the load (FILE:LINE:COL:
 * message) and of the set-up, then every message the message line showed
 * this session, newest last, like a pager's message history. */
#ifndef DOSSIER_TUI_OVERLAY_MESSAGES_H
#define DOSSIER_TUI_OVERLAY_MESSAGES_H

struct tui;

/* Push the messages overlay; returns reactions. */
unsigned overlay_messages_open(struct tui *t);

#endif

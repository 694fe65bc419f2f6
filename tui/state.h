/* SPDX-License-Identifier: MIT
 * The reader's side of the reading state: the bridge from struct tui to
 * core/state/store.h (read/unread, positions, marks, undo, saving); the marks
 * and export overlays (overlay_marks.c, overlay_export.c) build on it.
 * Kept out of tui.h so the reader core stays small. */
#ifndef DOSSIER_TUI_STATE_H
#define DOSSIER_TUI_STATE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/state/marks.h"
struct tui;

/* Open the store (t->state_path, else store_default_path(corpus)) once the
 * collection is loaded; a corrupt file goes to the message line with its
 * FILE:LINE:COL and the backup name. Plugs the store into t->rs. */
void tui_state_open(struct tui *t);
/* The state file's path (--state, else the default); NULL when there is
 * none. Caller frees. */
char *tui_state_path(const struct tui *t);
/* Take the store st (opened on a thread: core/state/bgstore.h; its
 * problems in dl) after a first screen drawn from the peek pk (freed
 * here): read flags the reader changed meanwhile are kept. */
struct store_peek;
struct store;
struct diag_list;
void tui_state_open_late(struct tui *t, struct store_peek *pk, struct store *st,
			 struct diag_list *dl);
/* Save (when dirty) and free. Problems go to stderr when to_stderr (the
 * terminal is closed by then), else to the message line; when the save
 * fails, stderr also lists every change that was lost (or where w wrote
 * them). Returns false when changes did not reach the state file. */
bool tui_state_close(struct tui *t, bool to_stderr);
/* Save now; false, t->save_error and an error message when it failed. */
bool tui_state_save(struct tui *t);
/* q: R_QUIT once everything is saved; else the quit question, an overlay
 * on the message line: r retry, w write the state to a file the user
 * names, Q quit losing the changes, Esc go on reading. */
unsigned tui_state_quit(struct tui *t);

/* Marks of article art (0 when no store). */
size_t tui_state_mark_count(const struct tui *t, size_t art);
/* Add / delete a mark and save; bumps t->marks_gen. */
bool tui_state_add_mark(struct tui *t, const struct mark *m);
bool tui_state_delete_mark(struct tui *t, const struct mark *m);
/* Give the stored mark identical to m m's note and tags, and save
 * (undoable); false when there is no such mark. */
bool tui_state_set_mark_notes(struct tui *t, const struct mark *m);
/* u: undo the last change to marks or read state, with a message. */
unsigned tui_state_undo(struct tui *t);
/* Reading position (code points into the body) of article art. */
bool tui_state_position(const struct tui *t, size_t art, size_t *pos);
void tui_state_set_position(struct tui *t, size_t art, size_t pos);

#endif

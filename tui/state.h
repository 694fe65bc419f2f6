/* SPDX-License-Identifier: MIT
 * The reader's side of the reading state: the bridge from struct tui to
 * core/store.h (read/unread, positions, marks, undo, saving), plus the two
 * overlays built on it, the marks view (pane_marks.c) and the export
 * prompt (export_ui.c). Kept out of tui.h so the reader core stays small. */
#ifndef DOSSIER_TUI_STATE_H
#define DOSSIER_TUI_STATE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/marks.h"
#include "tui/tui.h"

/* Open the store (t->state_path, else store_default_path(corpus)) once the
 * collection is loaded; a corrupt file goes to the message line with its
 * FILE:LINE:COL and the backup name. Plugs the store into t->rs. */
void tui_state_open(struct tui *t);
/* Save (when dirty) and free. Problems go to stderr when to_stderr (the
 * terminal is closed by then), else to the message line; when the save
 * fails, stderr also lists every change that was lost (or where w wrote
 * them). Returns false when changes did not reach the state file. */
bool tui_state_close(struct tui *t, bool to_stderr);
/* Save now; false, t->save_error and an error message when it failed. */
bool tui_state_save(struct tui *t);
/* q: R_QUIT once everything is saved; else the quit question (t->quit_ask)
 * whose keys go to tui_state_quit_key: r retry, w write the state to a
 * file the user names, Q quit losing the changes, Esc go on reading. */
unsigned tui_state_quit(struct tui *t);
unsigned tui_state_quit_key(struct tui *t, const struct key *k);

/* Marks of article art (0 when no store). */
size_t tui_state_mark_count(const struct tui *t, size_t art);
/* Add / delete a mark and save; bumps t->marks_gen. */
bool tui_state_add_mark(struct tui *t, const struct mark *m);
bool tui_state_delete_mark(struct tui *t, const struct mark *m);
/* u: undo the last change to marks or read state, with a message. */
unsigned tui_state_undo(struct tui *t);
/* Reading position (code points into the body) of article art. */
bool tui_state_position(const struct tui *t, size_t art, size_t *pos);
void tui_state_set_position(struct tui *t, size_t art, size_t pos);

/* Marks view (pane_marks.c): an overlay over the panes. */
unsigned marksview_open(struct tui *t);
void marksview_close(struct tui *t);
void marksview_draw(struct tui *t, struct grid *g);
unsigned marksview_key(struct tui *t, const struct key *k);
/* The marks changed elsewhere (undo): rebuild the list if open. */
void marksview_refresh(struct tui *t);

/* Export prompt (export_ui.c): file name, then overwrite confirmation. */
unsigned exportui_open(struct tui *t);
void exportui_close(struct tui *t);
void exportui_draw(struct tui *t, struct grid *g);
unsigned exportui_key(struct tui *t, const struct key *k);

/* pane_text.c: the open article's reading position (code points), and
 * putting the cursor on a body offset (code points) of the open article. */
bool pane_text_position(struct pane *p, struct tui *t, size_t *cp);
void pane_text_goto(struct pane *p, struct tui *t, size_t cp);
/* Esc in the text pane: end the selection (R_NONE when there is none). */
unsigned pane_text_escape(struct pane *p, struct tui *t);

#endif

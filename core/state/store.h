/* SPDX-License-Identifier: MIT
 * The reading state of one collection: marks, read/unread and the last
 * reading position per article, kept in one human-readable YAML file. Two
 * running instances never lose each other's changes: a save locks the file,
 * re-reads it and applies only what changed in this session.
 *
 * Use from the TUI:
 *   struct store *st = store_open(path, &diags);    // never NULL
 *   store_is_read / store_set_read / store_position / store_set_position
 *   store_marks_for(st, id, &first) -> the article's marks, sorted by start
 *   store_add_mark / store_delete_mark, store_undo (marks and read state)
 *   store_save(st, &diags) now and then and on exit; store_free(st).
 * Mark pointers from store_marks / store_marks_for stay valid until the
 * next call that changes marks: add, delete, undo, or save (which merges).
 * Reading positions are not part of undo. */
#ifndef DOSSIER_STORE_H
#define DOSSIER_STORE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/base/diag.h"
#include "core/state/marks.h"
#include "core/base/strbuf.h"

struct store;

/* Where the state of the collection at corpus lives by default:
 * xdg_collection_file(XDG_BASE_STATE, corpus, ".yaml"). A state file still
 * under the name older versions used is moved there first. NULL when
 * there is no usable $XDG_STATE_HOME or $HOME. Caller frees. */
char *store_default_path(const char *corpus);

/* Load path (missing file = empty state). A file that does not parse is
 * reported as a diag with FILE:LINE:COL, renamed aside to
 * PATH.corrupt-YYYYmmddHHMMSS (named in a second diag) and the store
 * starts empty. A parsable file with a bad entry keeps the rest; the entry
 * is reported and a copy of the file is kept the same way. Never NULL. */
struct store *store_open(const char *path, struct diag_list *diags);
void store_free(struct store *s);

/* A glance at a state file without reading it whole, for the reader's
 * first screen (a state naming most of a million articles takes half a
 * second or more to read): the article read last and the read flags of a
 * few ids, found by a binary search of the mapped file. Only for a file
 * exactly as dossier writes it (store_peek_open gives NULL for any other
 * shape or an unreadable file: open the store first then); a missing file
 * is an empty state. A preview only: store_open's answer replaces it (a
 * file edited by hand so that its ids are out of order can show a wrong
 * flag until then). */
struct store_peek;
struct store_peek *store_peek_open(const char *path);
const char *store_peek_last(const struct store_peek *p); /* borrowed; NULL when none */
const char *store_peek_path(const struct store_peek *p); /* borrowed: the path it was opened with */
bool store_peek_read(const struct store_peek *p, const char *id);
void store_peek_free(struct store_peek *p);
const char *store_path(const struct store *s); /* borrowed */

/* Save: create the folder, lock PATH.lock (waits up to 5 s for another
 * instance), re-read PATH, apply this session's changes to what is there
 * (marks: union, minus what was deleted here; read state and positions:
 * ours where we changed them), write atomically, unlock. The store then
 * holds the merged state. Returns 0, or -1 with a diag (the session's
 * changes are kept, so a later save can succeed). */
int store_save(struct store *s, struct diag_list *diags);
bool store_dirty(const struct store *s); /* unsaved changes? */

/* What a failed save leaves unsaved, one line per change ('mark added in
 * ID: "passage..."', "ID marked read", "reading position in ID"), appended
 * to out (may be NULL: only count). The lines are raw article text: make
 * them safe before they reach a terminal. Returns the number of changes. */
size_t store_unsaved(const struct store *s, struct strbuf *out);
/* Write the whole state as this session sees it (the last saved state
 * plus every unsaved change) to path, a file that must not exist yet
 * (0600, atomic), so nothing is lost when PATH cannot be written; the
 * store stays dirty. `dossier --state FILE` opens the copy. 0, or -1 with
 * a diag. */
int store_save_copy(const struct store *s, const char *path, struct diag_list *diags);

/* Read state and positions (code points into the body). */
bool store_is_read(const struct store *s, const char *id);
/* Visit each id the store holds as read (marked: each id with a mark
 * instead), once; returns how many. visit may be NULL (only count). */
size_t store_each_id(const struct store *s, bool marked, void (*visit)(void *ctx, const char *id),
		     void *ctx);
void store_set_read(struct store *s, const char *id, bool read); /* undoable */
/* A counter that moves whenever a read flag may have changed (set, undo,
 * a save that merged the file): what was counted at one value still holds
 * while it stays. Starts at 0 for every store. */
unsigned long store_read_gen(const struct store *s);
bool store_position(const struct store *s, const char *id, size_t *pos);
void store_set_position(struct store *s, const char *id, size_t pos);

/* The article the reader showed last (its ID), so that a new start
 * returns to it; NULL when none. Saved like a position: ours wins where
 * this session changed it. */
const char *store_last(const struct store *s); /* borrowed until the next change or save */
void store_set_last(struct store *s, const char *id);

/* Marks, kept sorted by mark_cmp (article ID, start, end). */
size_t store_mark_count(const struct store *s);
const struct mark *store_marks(const struct store *s); /* borrowed array */
/* The article's marks: returns how many, *first points at the first. */
size_t store_marks_for(const struct store *s, const char *id, const struct mark **first);
/* Copies m. Returns false when an identical mark (mark_same) exists. */
bool store_add_mark(struct store *s, const struct mark *m);      /* undoable */
/* Deletes the mark identical to m. Returns false when there is none. */
bool store_delete_mark(struct store *s, const struct mark *m);   /* undoable */
/* Give the stored mark identical to m (mark_same) m's note and tags.
 * Returns false when there is no such mark. On save, the note and tags set
 * here replace those on disk for that mark only, so notes edited on other
 * marks by another instance are kept; the same mark edited in both: the
 * later save wins; a mark deleted elsewhere stays deleted. Undoable (the
 * note and tags it had come back). */
bool store_set_mark_notes(struct store *s, const struct mark *m);

enum store_undo_kind {
	STORE_UNDO_NONE,     /* nothing to undo */
	STORE_UNDO_ADD,      /* a mark addition was undone (mark removed) */
	STORE_UNDO_DELETE,   /* a mark deletion was undone (mark back) */
	STORE_UNDO_READ,     /* a read/unread change was undone */
	STORE_UNDO_NOTES,    /* a change of a mark's note or tags was undone */
};
/* Undo the last undoable change (stack of up to 200). When article_id is
 * not NULL it receives the article concerned (borrowed until the next
 * store call) so the TUI can jump there. */
enum store_undo_kind store_undo(struct store *s, const char **article_id);

#endif

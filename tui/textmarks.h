/* SPDX-License-Identifier: MIT
 * The text pane's passages as byte ranges into the open body: the stored
 * marks re-anchored (mark_anchor, code points -> bytes) and the selection
 * between the cursor and where v was pressed, plus the style runs the pane draws a wrapped line
 * with. Terminal-free, so it is unit-testable. */
#ifndef DOSSIER_TUI_TEXTMARKS_H
#define DOSSIER_TUI_TEXTMARKS_H

#include <stdbool.h>
#include <stddef.h>

#include "core/state/marks.h"

struct render_doc;

struct store;

/* One stored mark where it lies now (ORPHANED ones are kept with their
 * stored byte-less offsets and never drawn). */
struct tmark {
	size_t start, end;        /* bytes in the body */
	enum mark_status status;
	struct mark m;            /* owned copy of the stored mark (for delete) */
};

/* Owns v. */
struct textmarks {
	struct tmark *v;
	size_t n, cap;
	unsigned gen;             /* the tui's marks_gen it was built for */
	bool built;
};

/* The stored marks of article id placed on its rendered text (doc); raw is
 * the body as stored, for marks made before rendering (their offsets are
 * the file's: core/text/article_text.h). */
void textmarks_build(struct textmarks *tm, const struct store *st, const char *id,
		     const struct render_doc *doc, const char *raw, size_t raw_len);
struct render_doc;

void textmarks_clear(struct textmarks *tm);
/* The first drawn mark overlapping bytes [s, e) (or holding s when s == e),
 * or -1. With exact, only a mark whose range is exactly [s, e). */
long textmarks_find(const struct textmarks *tm, size_t s, size_t e, bool exact);

/* The selection: bytes [start, end) of the shown text, between anchor
 * (where v was pressed) and the cursor. The cursor's cluster is drawn
 * when cursor_on (the pane sets it while the selection is empty). */
struct selection {
	bool active;
	size_t anchor;
	size_t start, end;
	bool cursor_on;
	size_t cursor;
};

enum run_kind { RUN_PLAIN, RUN_MARK, RUN_SELECTION, RUN_CURSOR };
/* Style of byte pos of text[0..len) and the end of its run (<= limit):
 * the cursor's cluster wins over the selection, the selection over marks. Draw a line by calling this until pos reaches its end. */
enum run_kind textmarks_run(const struct textmarks *tm, const struct selection *sel,
			    const char *text, size_t len, size_t pos, size_t limit, size_t *run_end);

/* Code points <-> bytes of body (invalid bytes count one each). */
size_t textmarks_cp_of(const char *body, size_t blen, size_t byte);
size_t textmarks_byte_of(const char *body, size_t blen, size_t cp);

#endif

/* SPDX-License-Identifier: MIT
 * a: a mark's note and mark tags on the prompt line, as one line of text:
 * "#evidence #key-quote the note". Leading #words are the mark's tags (all
 * of them: a tag left out is removed), the rest is the note; an empty line
 * clears both. Opened from the text pane (the mark under the cursor) and
 * from the marks view (the selected row). */
#ifndef DOSSIER_TUI_MARKNOTE_H
#define DOSSIER_TUI_MARKNOTE_H

#include "core/state/marks.h"
#include "core/base/strbuf.h"

struct tui;

/* The prompt line for m's note and tags (m is copied). */
unsigned marknote_open(struct tui *t, const struct mark *m);
/* $VISUAL/$EDITOR on m's tags and note (line, or m's own when NULL) in
 * a private temporary file; what the editor leaves, its last newline
 * trimmed and inner lines kept, becomes m's tags and note (as on the
 * prompt). An editor that fails or exits non-zero changes nothing. */
unsigned marknote_edit(struct tui *t, const struct mark *m, const char *line);
/* ^X on the note prompt: the editor on what the prompt holds. */
unsigned marknote_edit_prompt(struct tui *t);
/* m's tags and note as the prompt shows them (appends to out). */
void marknote_format(const struct mark *m, struct strbuf *out);
/* Replace m's tags and note by those of line (terminal-free: unit-tested). */
void marknote_parse(const char *line, struct mark *m);

#endif

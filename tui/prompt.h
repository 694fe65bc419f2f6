/* SPDX-License-Identifier: MIT
 * The one-line editor behind every prompt of the reader (filter, search,
 * tag jump, export file name): grapheme-aware cursor, the usual readline
 * keys and a history per prompt kind. It knows nothing about what the
 * text means; the owner reacts to PROMPT_CHANGED / ACCEPT / CANCEL. */
#ifndef DOSSIER_TUI_PROMPT_H
#define DOSSIER_TUI_PROMPT_H

#include <stdbool.h>
#include <stddef.h>

#include "core/base/strbuf.h"
#include "tui/grid.h"
#include "tui/keymap.h"

/* Each kind keeps its own history. */
enum prompt_kind {
	PROMPT_FILTER,      /* f: query over the collection */
	PROMPT_SEARCH,      /* / in the text pane */
	PROMPT_LIST_SEARCH, /* / in the list pane: title search */
	PROMPT_TAG_JUMP,    /* / in the tag browser */
	PROMPT_EXPORT,      /* x: file name for the export */
	PROMPT_SEARCH_NAME, /* the name to save the filter's query under */
	PROMPT_LINK,        /* O: the number of the link to open */
	PROMPT_NOTE,        /* a: a mark's #tags and note */
	PROMPT_PIPE,        /* |: the shell command to pipe text to */
	PROMPT_KIND_COUNT
};

enum prompt_result {
	PROMPT_CONTINUE, /* key used (cursor moved, or ignored): redraw the line */
	PROMPT_CHANGED,  /* the text changed */
	PROMPT_ACCEPT,   /* Enter: prompt closed, prompt_text() still valid */
	PROMPT_CANCEL,   /* Esc, Ctrl-C, Ctrl-G: prompt closed */
};

#define PROMPT_HISTORY_MAX 100

/* Owns its strings. */
struct prompt_history {
	char **v;        /* oldest first */
	size_t n, cap;
	size_t pos;      /* browsing: index into v; n = the line being edited */
	char *draft;     /* the edited line, kept while browsing */
};

/* Owns its strings. One per reader: only one prompt is open at a time, the
 * histories live as long as the reader. */
struct prompt {
	bool active;
	enum prompt_kind kind;
	char *label;             /* owned, e.g. "filter: " */
	struct strbuf text;      /* the line being edited (UTF-8) */
	size_t cur;              /* cursor: byte offset, on a cluster boundary */
	size_t scroll;           /* first byte shown (horizontal scrolling) */
	char *note;              /* owned or NULL: shown at the right end */
	bool note_error;
	long err_off;            /* byte offset to show as the error spot, -1 none */
	bool note_held;          /* the note is what the user asked for (Tab's
				  * list): a match count landing later leaves
				  * it; the next key or open lets go */
	struct prompt_history hist[PROMPT_KIND_COUNT];
};

void prompt_init(struct prompt *p);
void prompt_free(struct prompt *p);

/* Open (replacing any open prompt) with label and initial text (may be
 * NULL); the cursor goes to the end. */
void prompt_open(struct prompt *p, enum prompt_kind kind, const char *label,
		 const char *initial);
/* Close without a result (e.g. the owner went away). */
void prompt_close(struct prompt *p);
bool prompt_active(const struct prompt *p);
/* The current text (valid until the next edit or open). */
const char *prompt_text(const struct prompt *p);

/* Replace bytes [from, to) of the text with s (a completion), the
 * cursor after it; ignored when the range is not in the text. */
void prompt_replace(struct prompt *p, size_t from, size_t to, const char *s);

/* Edit with one key. ACCEPT adds the text to the kind's history (not
 * empty, not a repeat of the newest entry) and closes; CANCEL closes. */
enum prompt_result prompt_handle_key(struct prompt *p, const struct key *k);

/* A short note drawn after the text (match counts, parse errors): NULL
 * clears it. err_off >= 0 highlights the cluster at that byte offset of
 * the text (or the end) in the error style. */
void prompt_set_note(struct prompt *p, const char *note, bool error, long err_off);

/* Draw label, text and note into cols [col, col+cols) of row, scrolling
 * the text so the cursor stays visible. The cursor is a cell in
 * STYLE_SELECTED (the terminal cursor stays hidden). */
void prompt_draw(struct prompt *p, struct grid *g, int row, int col, int cols);

/* Add to a kind's history directly (e.g. a filter set by the tag browser). */
void prompt_history_add(struct prompt *p, enum prompt_kind kind, const char *text);

#endif

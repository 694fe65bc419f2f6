/* SPDX-License-Identifier: MIT
 * The reader's state (struct tui: one per run, no globals) and its loop:
 * key -> keymap -> action -> reaction flags -> redraw. The same key path
 * runs interactively (tui/term.c) and headless from a script for the screen
 * tests (tui/script.c), so the tests exercise the real code. */
#ifndef DOSSIER_TUI_TUI_H
#define DOSSIER_TUI_TUI_H

#include <stdbool.h>
#include <stdio.h>

#include "config/config.h"
#include "core/dossier.h"
#include "core/history.h"
#include "core/strbuf.h"
#include "tui/grid.h"
#include "tui/keymap.h"
#include "tui/layout.h"
#include "tui/pane.h"
#include "tui/theme.h"

struct vocab;
struct store;
struct marksview;
struct exportui;

/* The seam for persisted read state: today an in-memory table in struct
 * tui; the store (core/store.h) can plug in here without touching panes. */
struct readstate {
	bool (*is_read)(void *ctx, const struct article *a, size_t art);
	void (*set_read)(void *ctx, const struct article *a, size_t art, bool read);
	void *ctx;
};

enum sort_mode { SORT_DATE, SORT_TITLE, SORT_SOURCE, SORT_RELEVANCE, SORT_COUNT };

struct tui_options {
	const char *corpus;              /* collection folder */
	const struct settings *settings; /* borrowed */
	const struct vocab *vocab;       /* borrowed, may be NULL */
	const struct readstate *rs;      /* NULL: in-memory read state */
	const char *state_path;          /* --state FILE; NULL: store_default_path */
	/* headless mode (screen tests): rows/cols > 0 and a script */
	int headless_rows, headless_cols;
	const char *script;              /* path; "-" = stdin */
	FILE *out;                       /* where dumps go (stdout) */
};

struct tui {
	const struct settings *settings; /* borrowed */
	const char *corpus;              /* borrowed */
	const struct vocab *vocab;       /* borrowed */
	struct dossier d;
	bool loaded;
	struct keymap km;
	struct theme theme;
	struct layout_params lp;
	struct layout layout;
	struct grid grid;
	struct pane panes[PANE_COUNT];
	int focus;
	size_t *order;            /* owned: list order, article numbers */
	size_t norder;
	enum sort_mode sort;
	long cur;                 /* open article number, -1 when none */
	struct history hist;
	bool *read;               /* owned: default read state, per article */
	struct readstate rs;
	struct strbuf msg;        /* message line */
	bool msg_error;
	bool help;                /* help overlay open */
	size_t help_top;
	bool headless;
	unsigned utf8_flags;
	struct strbuf progress;   /* status while loading */
	/* reading state and marks (tui/state.c) */
	const char *state_path;   /* borrowed: --state, NULL for the default */
	struct store *store;      /* owned; NULL until loaded (or nowhere to keep it) */
	unsigned marks_gen;       /* bumped on every change to marks */
	struct marksview *mv;     /* owned: the marks view when open (pane_marks.c) */
	struct exportui *xp;      /* owned: the export prompt when open (export_ui.c) */
};

/* Run the reader. Returns the process exit code (0, 1, or 128+signal). */
int tui_main(const struct tui_options *o);

/* Set up from options (keymap and theme problems go to diags); no load. */
void tui_init(struct tui *t, const struct tui_options *o, unsigned utf8_flags,
	      struct diag_list *diags);
void tui_free(struct tui *t);
/* Run $BROWSER on the URL or $EDITOR on the file of art (tui_run.c). */
unsigned tui_run_external(struct tui *t, enum action a, long art);

/* Used by the panes and the loop. */
const char *tui_glyph(const struct tui *t, const char *utf8, const char *ascii);
bool tui_is_read(struct tui *t, size_t art);
void tui_set_read(struct tui *t, size_t art, bool read);
unsigned tui_open_article(struct tui *t, size_t art, bool push_history);
void tui_message(struct tui *t, bool error, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
unsigned tui_handle_key(struct tui *t, const struct key *k);
void tui_draw(struct tui *t, unsigned reactions);
void tui_relayout(struct tui *t, int rows, int cols);
/* Re-sort the list keeping the selected article selected. */
void tui_sort(struct tui *t);
int tui_load(struct tui *t, collection_progress_fn progress, void *pctx);

/* help.c, statusbar.c */
void help_draw(struct tui *t, struct grid *g);
unsigned help_handle(struct tui *t, enum action a);
void statusbar_draw(struct tui *t, struct grid *g);

/* pane_text.c / pane_related.c: forget cached data (article changed) */
void pane_text_reset(struct pane *p);
void pane_related_reset(struct pane *p, struct tui *t);
/* pane_related.c: article number of the selected related entry, or -1 */
long pane_related_selected(struct pane *p);

#endif

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
#include "tui/prompt.h"
#include "tui/theme.h"

struct vocab;
struct ftsindex;
struct bgjob;
struct bgload;
struct textsearch;
struct tagview;
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

/* The seam for marks: how many marked passages an article has (the tag
 * browser's "marked" column, is:marked in filters). count NULL: none. */
struct markcount {
	size_t (*count)(void *ctx, size_t art);
	void *ctx;
};

enum sort_mode { SORT_DATE, SORT_TITLE, SORT_SOURCE, SORT_RELEVANCE, SORT_COUNT };

struct tui_options {
	const char *corpus;              /* collection folder */
	const struct settings *settings; /* borrowed */
	const struct vocab *vocab;       /* borrowed, may be NULL */
	uint64_t vocab_hash;             /* metacache_vocab_hash: keys the metadata cache */
	bool no_cache;                   /* --no-cache / DOSSIER_NO_CACHE=1: read every file */
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
	uint64_t vocab_hash;
	bool no_cache;
	struct dossier d;
	struct ftsindex *fts;     /* owned: full-text index; usable when no fts_job runs */
	bool fts_tried;
	struct bgjob *fts_job;    /* owned: the index's build in the background, or NULL */
	struct bgload *bg;        /* owned: the load or refresh running, or NULL (load.c) */
	bool snapshot;            /* d came from the cache; the refresh has not ended */
	bool reload_asked;        /* the refresh was asked for (R): say when nothing changed */
	bool bg_pending;          /* the load waits for the first screen to be shown */
	struct metacache *bg_cache; /* owned: the cache it will use, until it starts */
	bool loaded;
	struct keymap km;
	struct theme theme;
	struct layout_params lp;
	struct layout layout;
	struct grid grid;
	struct pane panes[PANE_COUNT];
	int focus;
	int hidden_focus;         /* pane + 1 that had the focus until a resize hid it; 0 none */
	size_t *order;            /* owned: list order, article numbers, filtered */
	size_t norder;
	size_t *sorted;           /* owned: every article in sort order (coll.n) */
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
	double progress_ms;       /* when it was last updated: at most 10 a second */
	/* finding (find.c, textsearch.c, pane_tags.c) */
	struct prompt prompt;     /* the one prompt line, with its histories */
	/* called with the prompt's result while it is open */
	unsigned (*prompt_done)(struct tui *t, enum prompt_result r);
	struct markcount marks;   /* seam: marked passages per article */
	char *filter;             /* owned: active filter query, NULL none */
	bool *fmatch;             /* owned: per article, NULL when no filter */
	struct find_saved {       /* the filter before the prompt opened (Esc) */
		char *filter;
		bool *fmatch;
		size_t sel;
		long anchor;      /* article selected when f was pressed */
	} fsaved;
	bool filter_deferred;     /* body terms wait for Enter or a pause */
	char *filter_waiting;     /* owned: accepted, applied once the text index is built */
	long filter_ms;           /* how long the last body filter took */
	char *list_needle;        /* owned: last title search */
	char **ftitles;           /* owned: folded titles, built on demand */
	size_t nftitles;
	struct textsearch *ts;    /* owned: the text pane's search */
	struct tagview *tagview;  /* owned: the tag browser when open */
	/* reading state and marks (tui/state.c) */
	const char *state_path;   /* borrowed: --state, NULL for the default */
	struct store *store;      /* owned; NULL until loaded (or nowhere to keep it) */
	unsigned marks_gen;       /* bumped on every change to marks */
	char *save_error;         /* owned: why the last save failed (changes kept in memory), or NULL */
	bool quit_ask;            /* quitting with unsaved changes: r / w / Q / Esc */
	char *state_copy;         /* owned: where w wrote the unsaved state, or NULL */
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
void tui_preview_selected(struct tui *t);
void tui_message(struct tui *t, bool error, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
unsigned tui_handle_key(struct tui *t, const struct key *k);
void tui_draw(struct tui *t, unsigned reactions);
void tui_relayout(struct tui *t, int rows, int cols);
/* Re-sort the list keeping the selected article selected. */
void tui_sort(struct tui *t);
/* load.c: getting the collection. tui_load reads it here and now;
 * tui_load_start shows the cache's snapshot (or an empty reader) at once
 * and tui_load_begin, called once that is on screen, loads in the
 * background; tui_load_poll adopts
 * the result when it is ready (wait: block until it is) and returns what to
 * redraw; tui_load_stop cancels a load and the index build (quitting). */
int tui_load(struct tui *t, collection_progress_fn progress, void *pctx);
void tui_load_start(struct tui *t);
void tui_load_begin(struct tui *t); /* the background part: after the first screen */
unsigned tui_load_poll(struct tui *t, bool wait);
void tui_load_stop(struct tui *t);
/* R: read the folder again in the background (headless: at once), the
 * list staying usable; the result is adopted as after a snapshot start. */
unsigned tui_load_refresh(struct tui *t);
/* Read the folder again now (after $EDITOR), keeping the reader's place;
 * keep_id: the article to select. */
unsigned tui_reload(struct tui *t, const char *keep_id);

/* help.c, statusbar.c */
void help_draw(struct tui *t, struct grid *g);
unsigned help_handle(struct tui *t, enum action a);
void statusbar_draw(struct tui *t, struct grid *g);

/* find.c: the filter (f, F) and the list title search (/ n N) */
unsigned find_filter_open(struct tui *t);
unsigned find_filter_clear(struct tui *t);
/* Set the filter to text (NULL/"" clears); false and a message on a
 * query error. */
bool find_filter_set(struct tui *t, const char *text);
/* Rebuild t->order from t->sorted and t->fmatch, keeping the selection. */
void find_apply(struct tui *t);
/* After (re)loading: re-evaluate the filter text on the new collection. */
void find_reload(struct tui *t);
/* Work left for a pause in typing (deferred body filter); 0 when none. */
bool find_idle_pending(const struct tui *t);
unsigned find_idle(struct tui *t);
/* The full-text index: opened and built in the background (find_fts_start,
 * called by the filter); find_fts_poll shows progress and ends the build. */
void find_fts_start(struct tui *t);
unsigned find_fts_poll(struct tui *t);
unsigned find_list_search(struct tui *t);
unsigned find_list_next(struct tui *t, int dir);
void find_free(struct tui *t);
/* textsearch.c: / n N in the text pane */
unsigned textsearch_open(struct tui *t);
unsigned textsearch_next(struct tui *t, int dir);
/* Draw body[start..end) like grid_put (tabs counted from column origin,
 * the line's first column), hits of the active search in the "search"
 * style. */
int textsearch_draw_line(struct tui *t, struct grid *g, int row, int col, int maxcol,
			 const char *body, size_t blen, size_t start, size_t end, uint16_t style,
			 int origin);
void textsearch_free(struct tui *t);
/* The body changed (another article, a reload): drop hits, keep the needle. */
void textsearch_forget(struct tui *t);
/* pane_tags.c: the tag browser overlay */
unsigned pane_tags_open(struct tui *t);
unsigned pane_tags_key(struct tui *t, const struct key *k);
void pane_tags_draw(struct tui *t, struct grid *g);
void pane_tags_free(struct tui *t);

/* pane_text.c: the open article's body and where its bytes are shown */
bool pane_text_body(struct tui *t, const char **body, size_t *len);
size_t pane_text_line_of(struct tui *t, size_t off);  /* document line of off */
size_t pane_text_top_offset(struct tui *t);            /* body byte at the top */
void pane_text_show_line(struct tui *t, size_t line);  /* scroll line into view */

/* pane_text.c / pane_related.c: forget cached data (article changed) */
void pane_text_reset(struct pane *p);
void pane_related_reset(struct pane *p, struct tui *t);
/* pane_related.c: article number of the selected related entry, or -1 */
long pane_related_selected(struct pane *p);

#endif

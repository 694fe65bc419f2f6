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
#include "core/collection/dossier.h"
#include "core/state/history.h"
#include "core/base/strbuf.h"
#include "tui/context.h"
#include "tui/counts.h"
#include "tui/fold.h"
#include "tui/grid.h"
#include "tui/keymap.h"
#include "tui/layout.h"
#include "tui/overlay.h"
#include "tui/pane.h"
#include "core/state/marks.h"
#include "tui/prompt.h"
#include "tui/theme.h"

struct vocab;
struct filter;
struct simjob;
struct searchset;
struct load;
struct textsearch;
struct listsearch;
struct store;

enum sort_mode { SORT_DATE, SORT_TITLE, SORT_SOURCE, SORT_RELEVANCE, SORT_COUNT };

struct tui_options {
	const char *corpus;              /* collection folder */
	const struct settings *settings; /* borrowed */
	const struct vocab *vocab;       /* borrowed, may be NULL */
	uint64_t vocab_hash;             /* vocab_hash (0: none): keys the metadata cache */
	bool no_cache;                   /* --no-cache / DOSSIER_NO_CACHE=1: read every file */
	const struct readstate *rs;      /* NULL: in-memory read state */
	const char *state_path;          /* --state FILE; NULL: store_default_path */
	/* headless mode (screen tests): rows/cols > 0 and a script */
	int headless_rows, headless_cols;
	const char *script;              /* path; "-" = stdin */
	FILE *out;                       /* where dumps go (stdout) */
	/* DOSSIER_TEST_NO_SIGN=1 (benchmarks of keys at 1,000,000 articles,
	 * where the signatures and their index take 20-30 s a run): headless,
	 * the texts are never signed, so no content index and no folding */
	bool no_sign;
};

struct tui {
	const struct settings *settings; /* borrowed */
	const char *corpus;              /* borrowed */
	const char *coll_name;           /* borrowed (settings): its name in collections:, or NULL */
	const struct vocab *vocab;       /* borrowed */
	uint64_t vocab_hash;
	bool no_cache;
	struct dossier d;
	struct load *load;        /* owned: the background load (load.c), NULL until one */
	struct statewait *statewait; /* owned or NULL: the state read behind a first list */
	struct key *held;            /* owned: keys waiting for that state, in order */
	size_t nheld, held_cap;
	struct simjob *simjob;    /* owned: content signatures being made (simjob.c), or NULL */
	bool sim_ready;           /* d's signatures and content index are in */
	struct fold fold;         /* near-duplicate groups folded in the list (fold.c) */
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
	uint32_t *rank;           /* owned: rank[art] = its place in sorted; nrank of them */
	size_t nrank;
	enum sort_mode sort;
	long cur;                 /* open article number, -1 when none */
	struct history hist;
	bool *read;               /* owned: default read state, per article */
	unsigned long read_gen;   /* bumped when t->read changes (the memory readstate's gen) */
	struct readstate rs;
	unsigned rs_gen;          /* bumped when rs starts over (a new store) */
	unsigned coll_gen;        /* bumped when the collection or t->sorted change (sort_apply) */
	unsigned list_gen;        /* bumped when t->order changes (filter_apply) */
	struct counts counts;     /* the status line's unread counts, kept (counts.c) */
	struct strbuf msg;        /* message line */
	bool msg_error;
	struct msglog log;        /* messages shown and set-up problems, for ! (context.c) */
	struct overlay_stack overlays; /* help, tags, marks, export: the top takes keys */
	bool headless;
	unsigned utf8_flags;
	/* finding (filter.c, listsearch.c, textsearch.c) */
	struct prompt prompt;     /* the one prompt line, with its histories */
	/* called with the prompt's result while it is open */
	unsigned (*prompt_done)(struct tui *t, enum prompt_result r);
	struct markcount marks;   /* seam: marked passages per article */
	const struct pane_services *pane_svc; /* what panes may ask (tui_init) */
	struct filter *filter;    /* owned: the filter and its index (filter.c), NULL until used */
	struct searchset *searchset; /* owned: searches saved during this run (searchset.c), or NULL */
	struct listsearch *ls;    /* owned: the list's title search (listsearch.c) */
	struct textsearch *ts;    /* owned: the text pane's search */
	/* reading state and marks (tui/state.c) */
	const char *state_path;   /* borrowed: --state, NULL for the default */
	const char *start_corpus; /* borrowed: the folder --state belongs to (switching) */
	const char *start_state_path;
	struct store *store;      /* owned; NULL until loaded (or nowhere to keep it) */
	unsigned marks_gen;       /* bumped on every change to marks */
	char *save_error;         /* owned: why the last save failed (changes kept in memory), or NULL */
	char *state_copy;         /* owned: where w wrote the unsaved state, or NULL */
	struct mark note_target;  /* owned: the mark the note prompt edits (marknote.c) */
	bool pipe_show;           /* the open | prompt's command: output shown (clip.c) */
};

/* Run the reader. Returns the process exit code (0, 1, or 128+signal). */
int tui_main(const struct tui_options *o);

/* Set up from options (keymap and theme problems go to diags); no load. */
void tui_init(struct tui *t, const struct tui_options *o, unsigned utf8_flags,
	      struct diag_list *diags);
void tui_free(struct tui *t);
/* Run $BROWSER on the URL or $EDITOR on the file of art (tui_run.c). */
unsigned tui_run_external(struct tui *t, enum action a, long art);
/* Open url with $BROWSER (argv, no shell) when launch_url_check passes;
 * else say why on the message line ("Not opened: WHAT <reason>: URL"). */
unsigned tui_open_url(struct tui *t, const char *url, const char *what);

/* The key path, shared by the interactive and the headless loop. */
unsigned tui_handle_key(struct tui *t, const struct key *k);
/* The keys held while the reading state was read behind a first list,
 * answered in order once it is in; R_NONE until then (or when none). */
unsigned tui_answer_held(struct tui *t);
void tui_draw(struct tui *t, unsigned reactions);
void tui_relayout(struct tui *t, int rows, int cols);

#endif

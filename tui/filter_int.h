/* SPDX-License-Identifier: MIT
 * The filter's state, shared by tui/filter.c (the prompt, the matching
 * jobs, the index's build) and tui/filter_env.c (what a query is judged
 * against, and the small getters). Internal to those two. */
#ifndef DOSSIER_TUI_FILTER_INT_H
#define DOSSIER_TUI_FILTER_INT_H

#include <stdbool.h>

#include "core/base/strbuf.h"
#include "core/base/util.h"
#include "tui/tui.h"

struct ftsindex;
struct bgindex;
struct bgfilter;
struct foldtitles;

/* Owned by struct tui (t->filter), made on first use. */
struct filter {
	char *text;               /* owned: the active filter query, NULL none */
	bool *match;              /* owned: per article, NULL when no filter */
	struct {                  /* the filter before the prompt opened (Esc) */
		char *text;
		bool *match;
		long anchor;      /* article selected when f was pressed */
	} saved;
	bool deferred;            /* body terms wait for Enter or a pause */
	char *waiting;            /* owned: accepted, applied once the index is built */
	long last_ms;             /* how long the last body filter took */
	struct ftsindex *fts;     /* owned: usable when no fts_job runs */
	bool fts_tried;
	struct bgindex *fts_job;  /* owned: the index's build in the background, or NULL */
	struct strbuf progress;   /* the status line's note while it builds */
	double progress_ms;       /* when that was last updated: at most 10 a second */
	struct bgfilter *job;     /* owned: the query being matched, or NULL */
	char *job_text;           /* owned: its text, outer blanks trimmed */
	bool job_live;            /* from typing in the prompt: no message at its end */
	bool job_body, job_fts;   /* it reads bodies; it holds the index until it ends */
	char *rerun;              /* owned: an accepted query whose job a reload stopped */
	bool rerun_said;          /* filter_reload ran it: its count is owed (filter_recount) */
	unsigned said_gen;        /* t->log.gen of the filter's last message ("Filtering…"
				   * or the count): still showing while it is the same */
	char *said_prefix;        /* owned or NULL: the saved search that count named */
	struct strbuf job_note;   /* the status line's "filtering… N%" */
	double job_note_ms;
	char *damage;             /* owned: an index damage note not yet seen on the
				   * message line (said while the prompt hid it) */
	/* owned: t->d's titles folded (whole or the first part), made by the
	 * jobs off the loop's thread: moved into a job while it runs (NULL
	 * then) and back at its end; dropped with the collection
	 * (filter_index_drop), so never freed while a job reads it */
	struct foldtitles *titles;
};

static inline struct filter *f_of(const struct tui *t)
{
	struct tui *mt = (struct tui *)t; /* made on first use, even from a reader */
	if (!mt->filter) {
		mt->filter = xcalloc(1, sizeof *mt->filter);
		mt->filter->saved.anchor = -1;
	}
	return mt->filter;
}

#endif

/* SPDX-License-Identifier: MIT
 * The filter prompt (f filters the article list as you type, F clears)
 * with the full-text index behind it (core/find/bgindex.h). */
#ifndef DOSSIER_TUI_FILTER_H
#define DOSSIER_TUI_FILTER_H

#include <stdbool.h>
#include <stddef.h>

struct tui;
struct query_env;
struct query_text_bits;

unsigned filter_open(struct tui *t);
unsigned filter_clear(struct tui *t);
/* Set the filter to text (NULL/"" clears); false and a message on a
 * query error. */
bool filter_set(struct tui *t, const char *text);
/* A filter chosen from a list (a tag, a saved search), as if typed and
 * Enter pressed: into the filter history, its count said now or when its
 * match ends (prefix: the saved search's "@name", or NULL). False and a
 * message on a query error. */
bool filter_choose(struct tui *t, const char *text, const char *prefix);
/* Rebuild t->order from t->sorted and t->fmatch, keeping the selection. */
void filter_apply(struct tui *t);
/* After (re)loading: re-evaluate the filter text on the new collection. */
void filter_reload(struct tui *t);
/* After the new collection's list is built (sort_apply): the filter's
 * count said again when its last message ("Filtering…", or a count) still
 * shows, or when filter_reload ran a query whose match the load stopped. */
void filter_recount(struct tui *t);
/* fold_say_count, remembered as the filter's message (prefix: the saved
 * search's name, or NULL; copied). */
void filter_say_count(struct tui *t, const char *prefix);
/* Work left for a pause in typing (deferred body filter); 0 when none. */
bool filter_idle_pending(const struct tui *t);
unsigned filter_idle(struct tui *t);
/* The full-text index: opened and built in the background (filter_index_start,
 * called by the filter); filter_index_poll shows progress and ends the build. */
void filter_index_start(struct tui *t);
unsigned filter_index_poll(struct tui *t);
void filter_free(struct tui *t);
/* The active filter's text, NULL when none. */
const char *filter_text(const struct tui *t);
/* The index build's progress for the status line, NULL when none. */
const char *filter_progress(const struct tui *t);
/* The index is being built in the background (the loop polls then). */
bool filter_index_building(const struct tui *t);
/* A query is being matched in the background (the loop polls then);
 * filter_job_poll applies its result when it ends, and
 * filter_job_progress is its status-line note ("filtering… N%"). */
bool filter_job_running(const struct tui *t);
unsigned filter_job_poll(struct tui *t);
const char *filter_job_progress(const struct tui *t);
/* Stop the index build and a running match, and close the index (before
 * the collection goes; an accepted query's match is run again by
 * filter_reload). */
void filter_index_drop(struct tui *t);
/* The environment the filter evaluates in: read state, marks, and the
 * full-text index once it is built (text_match NULL before). */
struct query_env filter_env(struct tui *t);
bool filter_index_ready(const struct tui *t);
/* The index's whole answers for words (bits NULL until it is ready). */
struct query_text_bits filter_text_bits(struct tui *t);
/* For tests: how many of the collection's titles the reader holds folded
 * (its foldtitles table; 0: none, or lent to a running match). */
size_t filter_titles_held(const struct tui *t);
/* For tests: as if the last body filter had taken ms milliseconds. */
void filter_set_last_ms(struct tui *t, long ms);
#endif

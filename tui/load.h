/* SPDX-License-Identifier: MIT
 * Getting the collection into the reader (load.c): now, from the cache's
 * snapshot with the folder read in the background, again on R, and after
 * $EDITOR, keeping the reader's place each time. */
#ifndef DOSSIER_TUI_LOAD_H
#define DOSSIER_TUI_LOAD_H

#include <stdbool.h>

#include "core/collection/collection.h"

struct tui;

/* tui_load reads the collection here and now; tui_load_start shows the
 * cache's snapshot (or an empty reader) at once and tui_load_begin,
 * called once that is on screen, loads in the background; tui_load_poll
 * adopts the result when it is ready (wait: block until it is) and
 * returns what to redraw; tui_load_stop cancels a load and the index
 * build (quitting). */
int tui_load(struct tui *t, collection_progress_fn progress, void *pctx);
void tui_load_start(struct tui *t);
void tui_load_begin(struct tui *t); /* the background part: after the first screen */
unsigned tui_load_poll(struct tui *t, bool wait);
/* Headless steps (":batches N", ":batch"), called before tui_load_start:
 * make a cold load wait in batches of N articles, and a warm start whose
 * cache holds more than N articles list the N newest first
 * (core/collection/firstlist.h; else it just finishes its refresh); each
 * step then shows the next batch in the growing list, or the whole
 * snapshot, or, when none is left, the full collection. Headless,
 * tui_load_start otherwise waits for the refresh. */
void tui_load_gate(struct tui *t, size_t batch);
unsigned tui_load_step(struct tui *t);
void tui_load_stop(struct tui *t); /* also frees what the load kept */
/* A load or refresh runs in the background or waits to start. */
bool load_running(const struct tui *t);
/* The list holds only the articles loaded so far: a warm start's first
 * list, or a cold start's growing one, until the whole load lands. */
bool load_partial(const struct tui *t);
/* G (End) on the list: when it is partial, the end it went to is only
 * that of the articles loaded so far: say so, and keep the request, so
 * the cursor goes on to the true end as the rest lands (as less waits
 * for its input's end), unless the reader moves meanwhile. */
unsigned load_to_end(struct tui *t);
/* The status line's loading note (NULL when none); *first: the first load
 * runs, with nothing on screen yet but this note. */
const char *load_status(const struct tui *t, bool *first);
/* R: read the folder again in the background (headless: at once), the
 * list staying usable; the result is adopted as after a snapshot start. */
unsigned tui_load_refresh(struct tui *t);
/* Read the folder again now (after $EDITOR), keeping the reader's place;
 * keep_id: the article to select. */
unsigned tui_reload(struct tui *t, const char *keep_id);

/* Switch to the collection at corpus (name: its name in collections:, or
 * NULL): the reading state is saved and closed, the collection, history,
 * filter and text index go, and the new folder is opened as at start-up
 * (its cache's snapshot, its state file, the folder read in the
 * background; headless: at once). corpus and name are borrowed for the
 * rest of the run. */
unsigned tui_load_switch(struct tui *t, const char *corpus, const char *name);

#endif

/* SPDX-License-Identifier: MIT
 * The reader's side of saved searches: the set in effect for the open
 * collection (the config's, the saved file's, and those saved during this
 * run) and saving the filter prompt's query under a name. */
#ifndef DOSSIER_TUI_SEARCHSET_H
#define DOSSIER_TUI_SEARCHSET_H

#include "core/diag.h"
#include "core/searches.h"

struct tui;

/* Fill all (the searches known, caller frees with searches_free) and ss
 * (the set for the open collection, parsed against it; caller frees with
 * search_set_free, before all). Problems go to diags. */
void searchset_build(struct tui *t, struct searches *all, struct search_set *ss,
		     struct diag_list *diags);
/* In the filter prompt (save-search): apply its query, then ask for a
 * name and save it (core/searches.h: the saved file). */
unsigned searchset_save_open(struct tui *t);
void searchset_free(struct tui *t);

#endif

/* SPDX-License-Identifier: MIT
 * The reader's side of saved searches: the set in effect for the open
 * collection (the config's, the saved file's, and those saved during this
 * run) and saving the filter prompt's query under a name. */
#ifndef DOSSIER_TUI_SEARCHSET_H
#define DOSSIER_TUI_SEARCHSET_H

#include "core/base/diag.h"
#include "core/find/searches.h"
#include "core/base/strbuf.h"

struct tui;

/* Fill all (the searches known, caller frees with searches_free) and ss
 * (the set for the open collection, parsed against it; caller frees with
 * search_set_free, before all). Problems go to diags. */
void searchset_build(struct tui *t, struct searches *all, struct search_set *ss,
		     struct diag_list *diags);
/* Why name cannot take a search (NULL: it can); why holds the text. */
const char *searchset_name_problem(struct tui *t, const char *name, struct strbuf *why);
/* The query waiting for its name (owned from now on; NULL clears). */
void searchset_pending_set(struct tui *t, char *query);
const char *searchset_pending(const struct tui *t);
/* Save the waiting query as name in the saved file and keep it for this
 * run; 0, or -1 with an error message. */
int searchset_save(struct tui *t, const char *name);
void searchset_free(struct tui *t);

#endif
